//! What a REPL command answers, typed, and its text: the same text the matching command
//! of the command line prints.

use crate::engine::Model;
use crate::explain::{self, ForbiddenBy, LeftOpen, Proof, WhyNot, render};
use crate::program::GroundAtom;
use crate::query::QueryReport;
use crate::scenario::{Diff, RunReport};

use super::command::VERBS;

/// The answer to one command.
#[derive(Debug)]
pub enum Answer<'p> {
    /// A blank line or a comment.
    Nothing,
    /// `scenario NAME`: the ad-hoc scenario now worked on, named.
    Scenario(String),
    /// `assume`, `assume not`, `retract` and `lines`: the ad-hoc scenario's name and its
    /// lines.
    Lines(String, Vec<String>),
    /// `why ATOM` in the named scenario.
    Why(String, Why<'p>),
    /// `why-not ATOM` in the named scenario.
    WhyNot(String, WhyNot<'p>),
    /// `diff NAME`: from the declared scenario to the session's.
    Diff(Box<Diff<'p>>),
    /// `run`: one scenario's report.
    Run(RunReport<'p>),
    /// `query PATTERN`.
    Query(QueryReport),
    /// `save NAME`: the declaration, in the canonical layout.
    Saved(String),
    /// `help`.
    Help,
    /// `quit`: the caller ends the session.
    Quit,
}

/// Why an atom holds, or why it does not.
#[derive(Debug)]
pub enum Why<'p> {
    /// It holds: its strongest proof.
    Holds(Proof<'p>),
    /// An `open` declaration leaves it undecided.
    LeftOpen(String, LeftOpen),
    /// An `assume not` line of the scenario (or one it extends) forbids it.
    Forbidden(String, ForbiddenBy),
    /// The session's `assume not` forbids it.
    ForbiddenHere(String),
    /// It does not hold; a note when an open question elsewhere explains why.
    DoesNotHold(String, Option<String>),
}

impl<'p> Why<'p> {
    /// Why `atom` holds in `model`, or why not; `forbidden_here` when the session forbids
    /// it.
    pub fn new(model: &Model<'p>, atom: &GroundAtom, forbidden_here: bool) -> Self {
        let shown = model.program().show_atom(atom);
        if let Some(proof) = explain::why(model, atom) {
            return Why::Holds(proof);
        }
        if let Some(open) = explain::left_open(model, atom) {
            return Why::LeftOpen(shown, open);
        }
        if let Some(by) = explain::forbidden_by(model, atom) {
            return Why::Forbidden(shown, by);
        }
        if forbidden_here {
            return Why::ForbiddenHere(shown);
        }
        Why::DoesNotHold(shown, explain::open_elsewhere(model, atom))
    }

    /// The answer as `augur why` writes it, in `scenario`.
    pub fn text(&self, scenario: &str) -> String {
        match self {
            Why::Holds(proof) => render::proof_text(proof, None),
            Why::LeftOpen(atom, open) => render::left_open_text(atom, open),
            Why::Forbidden(atom, by) => render::forbidden_text(atom, scenario, by),
            Why::ForbiddenHere(atom) => format!(
                "{atom} does not hold in scenario {scenario}: forbidden by the session's `assume not`\n"
            ),
            Why::DoesNotHold(atom, Some(note)) => {
                format!("{atom} does not hold in scenario {scenario}: {note}\n")
            }
            Why::DoesNotHold(atom, None) => {
                format!("{atom} does not hold in scenario {scenario}\n")
            }
        }
    }
}

impl Answer<'_> {
    /// The answer as text, each line ending in a newline; empty for [`Answer::Nothing`]
    /// and [`Answer::Quit`].
    pub fn text(&self) -> String {
        match self {
            Answer::Nothing | Answer::Quit => String::new(),
            Answer::Scenario(name) => format!("scenario {name}\n"),
            Answer::Lines(name, lines) => lines_text(name, lines),
            Answer::Why(scenario, why) => why.text(scenario),
            Answer::WhyNot(scenario, answer) => render::why_not_text(answer, scenario),
            Answer::Diff(diff) => diff.text(false),
            Answer::Run(report) => report.text(),
            Answer::Query(report) => report.text(),
            Answer::Saved(text) => text.clone(),
            Answer::Help => help(),
        }
    }
}

/// `scenario quiet + assume x` and the lines, or that there are none.
fn lines_text(name: &str, lines: &[String]) -> String {
    if lines.is_empty() {
        return format!("scenario {name}, as declared: the session has no lines\n");
    }
    let mut text = format!("scenario {name}\n");
    for line in lines {
        text.push_str(&format!("  {line}\n"));
    }
    text
}

/// The commands, one a line.
fn help() -> String {
    let usage = |v: &super::Verb| match v.args {
        "" => v.word.to_owned(),
        args => format!("{} {args}", v.word),
    };
    let width = VERBS.iter().map(|v| usage(v).len()).max().unwrap_or(0);
    let mut text = String::new();
    for verb in &VERBS {
        text.push_str(&format!("{:<width$}  {}\n", usage(verb), verb.what));
    }
    text.push_str("ATOM and PATTERN are written as in a rule file; LEVEL is a likelihood word.\n");
    text
}
