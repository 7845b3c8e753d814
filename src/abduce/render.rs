//! An [`Abduction`] for people (text) and programs ([`Report`], serde).

use std::fmt::Write as _;

use serde::Serialize;

use crate::adhoc::Shown;
use crate::likelihood::Likelihood;
use crate::program::Program;

use super::{Abduction, Bounds, Cut, Explanation, Goal, SearchStats};

/// The JSON shape of an answer: atoms as text.
#[derive(Debug, Serialize)]
pub struct Report<'a> {
    /// The goal's atom.
    pub atom: String,
    /// The scenario's name.
    pub scenario: &'a str,
    /// The ad-hoc lines extending it (`--assume`, `--assume-not`), when there are any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub adhoc: Option<&'a Shown>,
    /// `holds` or `stops_holding`.
    pub goal: Goal,
    /// The largest set tried.
    pub max_size: usize,
    /// Every minimal set of at most `max_size` changes is listed.
    pub complete: bool,
    /// What cut the search: `limit`, `budget`, `stopped`, or null.
    pub cut: Option<Cut>,
    /// The sets.
    pub explanations: Vec<ReportSet>,
    /// How the search went.
    pub search: &'a SearchStats,
}

/// One set, as JSON.
#[derive(Debug, Serialize)]
pub struct ReportSet {
    /// The changes.
    pub changes: Vec<ReportChange>,
    /// Open questions the set needs settled (never assumed).
    pub open_questions: Vec<String>,
    /// The likelihood the atom reaches; null when the goal is that it stops holding.
    pub likelihood: Option<Likelihood>,
}

/// One change, as JSON.
#[derive(Debug, Serialize)]
pub struct ReportChange {
    /// `assume`, `withdraw`, `lift` or `forbid`.
    pub kind: super::ChangeKind,
    /// The atom.
    pub atom: String,
}

/// The answer in its JSON shape, `scenario` naming the scenario searched and `adhoc` the
/// lines the question added to it.
pub fn report<'a>(
    answer: &'a Abduction,
    program: &Program,
    scenario: &'a str,
    adhoc: Option<&'a Shown>,
) -> Report<'a> {
    Report {
        atom: program.show_atom(&answer.atom),
        scenario,
        adhoc,
        goal: answer.goal,
        max_size: answer.max_size,
        complete: answer.complete,
        cut: answer.cut,
        explanations: answer
            .explanations
            .iter()
            .map(|e| ReportSet {
                changes: e
                    .changes
                    .iter()
                    .map(|c| ReportChange {
                        kind: c.kind,
                        atom: program.show_atom(&c.atom),
                    })
                    .collect(),
                open_questions: e.open.iter().map(|a| program.show_atom(a)).collect(),
                likelihood: e.likelihood,
            })
            .collect(),
        search: &answer.search,
    }
}

/// A set's changes on one line (`assume a p, withdraw b q`), then its open questions
/// (`; needs open question c r`): also the text that orders sets of one size and
/// likelihood.
pub fn set_text(program: &Program, set: &Explanation) -> String {
    let mut out = set
        .changes
        .iter()
        .map(|c| format!("{} {}", c.kind.word(), program.show_atom(&c.atom)))
        .collect::<Vec<_>>()
        .join(", ");
    if !set.open.is_empty() {
        let open: Vec<String> = set.open.iter().map(|a| program.show_atom(a)).collect();
        if !out.is_empty() {
            out.push_str("; ");
        }
        let noun = if open.len() == 1 {
            "question"
        } else {
            "questions"
        };
        let _ = write!(out, "needs open {noun} {}", open.join(", "));
    }
    out
}

/// The answer for people: a heading, one numbered line per set (its likelihood in
/// brackets), and a closing line saying whether the list is complete. `scenario` names
/// the scenario searched (with its ad-hoc lines: [`Shown::name`]).
pub fn text(answer: &Abduction, program: &Program, scenario: &str) -> String {
    let atom = program.show_atom(&answer.atom);
    let (verb, done) = match answer.goal {
        Goal::Holds => ("hold", "holds"),
        Goal::StopsHolding => ("stop holding", "does not hold"),
    };
    let mut out = String::new();
    if let [only] = answer.explanations.as_slice()
        && only.size() == 0
    {
        let level = only
            .likelihood
            .map(|l| format!(" [{l}]"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "`{atom}` already {done} in scenario {scenario}{level}: no change needed"
        );
        return out;
    }
    let _ = writeln!(
        out,
        "what would make `{atom}` {verb} in scenario {scenario}: minimal sets of at most {} changes, each verified by a run",
        answer.max_size
    );
    if answer.explanations.is_empty() {
        let _ = writeln!(out, "  no set of at most {} changes found", answer.max_size);
    }
    for (i, set) in answer.explanations.iter().enumerate() {
        let level = set
            .likelihood
            .map(|l| format!("  [{l}]"))
            .unwrap_or_default();
        let _ = writeln!(out, "  {}. {}{level}", i + 1, set_text(program, set));
    }
    out.push_str(&closing(answer));
    out
}

/// Whether the list is complete, and if not, why.
fn closing(answer: &Abduction) -> String {
    let SearchStats {
        candidates, runs, ..
    } = answer.search;
    let searched = format!("{candidates} candidate changes, {runs} what-if runs");
    match answer.cut {
        None => format!(
            "complete: every minimal set of at most {} changes is listed ({searched})\n",
            answer.max_size
        ),
        Some(Cut::Limit) => format!(
            "incomplete: more sets exist than the {} shown (raise --limit; {searched})\n",
            answer.explanations.len()
        ),
        Some(Cut::Budget) => format!(
            "incomplete: the search budget ran out ({searched}; at most {} candidates, raise --max-what-if for more runs); sets not tried may work\n",
            Bounds::MAX_CANDIDATES
        ),
        Some(Cut::Stopped) => format!(
            "incomplete: {} what-if runs stopped at an evaluation limit (--max-derived, --timeout); their sets, and sets containing them, are not shown ({searched})\n",
            answer.search.stopped
        ),
    }
}
