//! `augur repl`: questions asked one line at a time of one loaded program, with an ad-hoc
//! scenario built as they go.
//!
//! [`Repl`] holds a [`Session`] (the engine planned once), the declared scenario worked on,
//! and the session's own lines (`assume ATOM [LEVEL]`, `assume not ATOM`): together an
//! ad-hoc scenario extending the declared one, exactly as `--assume` and `--assume-not`
//! make on the command line ([`crate::adhoc`]), and as `save NAME` writes it back as a
//! declaration. Each line goes through [`Repl::eval`], which returns a typed [`Answer`]
//! (rendered by [`Answer::text`]) or a [`ReplError`]; a refused line changes nothing. The
//! model of the current scenario is kept between questions and dropped when a line or the
//! scenario changes. Nothing here prints or reads a terminal: that is the binary's part.
//!
//! ```
//! use augur::{Analysis, engine::Options, repl::{Answer, Repl}};
//!
//! let analysis = Analysis::parse("t.augur", "
//!     assumable us withdraws
//!     rule gap: us withdraws implies rivals advance likely
//!     scenario quiet { }
//! ").unwrap();
//! let mut repl = Repl::new(&analysis, "quiet", Options::default()).unwrap();
//! assert!(repl.eval("why rivals advance").unwrap().text().contains("does not hold"));
//! repl.eval("assume us withdraws very_likely").unwrap();
//! assert!(repl.eval("why rivals advance").unwrap().text().starts_with("rivals advance [likely]"));
//! let saved = repl.eval("save withdrawal").unwrap().text();
//! assert_eq!(saved, "scenario withdrawal extends quiet {\n  assume us withdraws [very_likely]\n}\n");
//! // A typo gets a did-you-mean, and the session goes on as it was.
//! let err = repl.eval("wyh rivals advance").unwrap_err();
//! assert_eq!(miette::Diagnostic::help(&err).unwrap().to_string(), "did you mean `why`?");
//! assert!(matches!(repl.eval("quit").unwrap(), Answer::Quit));
//! ```

mod answer;
pub mod command;
mod complete;
mod error;
mod save;

use std::time::Instant;

use crate::adhoc::{self, Shown};
use crate::engine::{Model, Options};
use crate::explain;
use crate::likelihood::Likelihood;
use crate::load::Analysis;
use crate::program::{GroundAtom, ScenarioId, WhatIf};
use crate::query::{Pattern, QueryReport};
use crate::scenario::{self, RunReport, ScenarioReport};
use crate::session::Session;

pub use answer::{Answer, Why};
pub use command::{Command, Completes, MAX_LINE_BYTES, VERBS, Verb};
pub use error::ReplError;

/// One line of the session's ad-hoc scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    /// The atom.
    pub atom: GroundAtom,
    /// Assumed at a level, or forbidden.
    pub kind: LineKind,
}

/// What a session's line says about its atom.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineKind {
    /// `assume ATOM LEVEL`.
    Assume(Likelihood),
    /// `assume not ATOM`.
    Forbid,
}

/// A session: a program, the declared scenario worked on, and the lines added to it.
#[derive(Debug)]
pub struct Repl<'a> {
    session: Session<'a>,
    scenario: ScenarioId,
    /// One line per atom, in the order last set.
    lines: Vec<Line>,
    options: Options,
    /// The model of the scenario with the lines, once asked for.
    model: Option<Model<'a>>,
    /// When the command being evaluated started: its runs share `options.timeout`.
    started: Instant,
    /// The ground atoms that can hold in some scenario, once completion asks.
    possible: Option<Vec<String>>,
}

impl<'a> Repl<'a> {
    /// A session on `scenario` of `analysis`, with no lines yet; each command's runs are
    /// held to `options` (its timeout counted from the command's start).
    pub fn new(
        analysis: &'a Analysis,
        scenario: &str,
        options: Options,
    ) -> Result<Self, ReplError> {
        let scenario = analysis.scenario(scenario)?;
        Ok(Repl {
            session: analysis.session(),
            scenario,
            lines: Vec::new(),
            options,
            model: None,
            started: Instant::now(),
            possible: None,
        })
    }

    /// The analysis.
    pub fn analysis(&self) -> &'a Analysis {
        self.session.analysis()
    }

    /// The declared scenario worked on.
    pub fn scenario_name(&self) -> &'a str {
        &self.session.program().scenarios()[self.scenario.index()].name
    }

    /// The session's lines.
    pub fn lines(&self) -> &[Line] {
        &self.lines
    }

    /// The change the session's lines make to the declared scenario.
    pub fn what_if(&self) -> WhatIf {
        let mut change = WhatIf::default();
        for line in &self.lines {
            match line.kind {
                LineKind::Assume(level) => change.added.push((line.atom.clone(), level)),
                LineKind::Forbid => change.forbidden.push(line.atom.clone()),
            }
        }
        change
    }

    /// The lines, named: how reports show the ad-hoc scenario.
    pub fn shown(&self) -> Shown {
        Shown::new(self.session.program(), &self.what_if())
    }

    /// The ad-hoc scenario's name: `quiet + assume us withdraws likely`.
    pub fn name(&self) -> String {
        self.shown().name(self.scenario_name())
    }

    /// Parses and carries out one line. An error leaves the session as it was.
    pub fn eval(&mut self, line: &str) -> Result<Answer<'a>, ReplError> {
        let command = Command::parse(line)?;
        self.started = Instant::now();
        self.execute(command)
    }

    /// Carries out one parsed command.
    pub fn execute(&mut self, command: Command) -> Result<Answer<'a>, ReplError> {
        let analysis = self.analysis();
        Ok(match command {
            Command::Nothing => Answer::Nothing,
            Command::Help => Answer::Help,
            Command::Quit => Answer::Quit,
            Command::Lines => Answer::Lines(self.name(), self.shown().lines()),
            Command::Scenario(name) => {
                self.scenario = self.session.scenario(&name)?;
                self.model = None;
                Answer::Scenario(self.name())
            }
            Command::Assume(text, level) => {
                let atom = analysis
                    .hypothesis(&text)
                    .map_err(|e| command::misspelt_level(&text, e))?;
                adhoc::check_assumable(analysis.program(), &atom, "<repl>", &text, text.len())?;
                self.set(atom, LineKind::Assume(level))
            }
            Command::AssumeNot(text) => {
                let atom = analysis.atom(&text)?;
                self.set(atom, LineKind::Forbid)
            }
            Command::Retract(text) => self.retract(&text)?,
            Command::Why(text) => {
                let atom = analysis.atom(&text)?;
                let scenario = self.name();
                let forbidden_here = self.lines.contains(&Line {
                    atom: atom.clone(),
                    kind: LineKind::Forbid,
                });
                Answer::Why(scenario, Why::new(self.model()?, &atom, forbidden_here))
            }
            Command::WhyNot(text) => {
                let atom = analysis.atom(&text)?;
                let scenario = self.name();
                let (session, model) = self.session_and_model()?;
                let bounds = explain::Bounds::default();
                let answer = explain::why_not_with(session.engine(), model, &atom, &bounds);
                Answer::WhyNot(scenario, answer)
            }
            Command::Diff(name) => {
                let from = self.session.scenario(&name)?;
                let before = self.session.run(from, &self.options())?;
                let name = self.name();
                let mut diff = scenario::diff(&before, self.model()?, false);
                diff.to = name;
                Answer::Diff(Box::new(diff))
            }
            Command::Run => {
                let name = self.name();
                let mut report = ScenarioReport::new(self.model()?);
                report.name = name;
                Answer::Run(RunReport {
                    scenarios: vec![report],
                })
            }
            Command::Query(text) => {
                let pattern = Pattern::parse(analysis.program(), &text)?;
                let shown = self.shown();
                let model = self.model()?;
                let report = QueryReport::new(std::slice::from_ref(model), &pattern, false);
                Answer::Query(report.with_adhoc(shown))
            }
            Command::Save(name) => Answer::Saved(save::declaration(self, &name)?),
        })
    }

    /// Sets the session's line about `atom`, replacing any it had.
    fn set(&mut self, atom: GroundAtom, kind: LineKind) -> Answer<'a> {
        self.lines.retain(|l| l.atom != atom);
        self.lines.push(Line { atom, kind });
        self.model = None;
        Answer::Lines(self.name(), self.shown().lines())
    }

    /// Drops the session's line about the atom written `text`.
    fn retract(&mut self, text: &str) -> Result<Answer<'a>, ReplError> {
        let program = self.session.program();
        let atom = self.analysis().hypothesis(text)?;
        let Some(i) = self.lines.iter().position(|l| l.atom == atom) else {
            let lines = self.shown().lines();
            let help = if lines.is_empty() {
                format!(
                    "the session has no lines yet; `retract` drops what `assume` added, and `assume not {}` forbids an atom",
                    program.show_atom(&atom)
                )
            } else {
                format!("the session's lines: {}", lines.join("; "))
            };
            return Err(ReplError::NotInSession {
                atom: program.show_atom(&atom),
                help,
            });
        };
        self.lines.remove(i);
        self.model = None;
        Ok(Answer::Lines(self.name(), self.shown().lines()))
    }

    /// The options of a run made for the command being evaluated.
    fn options(&self) -> Options {
        Options {
            started: Some(self.started),
            ..self.options.clone()
        }
    }

    /// The model of the scenario with the session's lines, evaluated if need be.
    fn model(&mut self) -> Result<&Model<'a>, ReplError> {
        Ok(self.session_and_model()?.1)
    }

    /// The session, and the model of [`Repl::model`].
    fn session_and_model(&mut self) -> Result<(&Session<'a>, &Model<'a>), ReplError> {
        let model = match self.model.take() {
            Some(model) => model,
            None => adhoc::run(
                &self.session,
                self.scenario,
                &self.what_if(),
                &self.options(),
            )?,
        };
        Ok((&self.session, self.model.insert(model)))
    }

    /// What the line typed so far, up to byte `pos`, could go on with: where the text being
    /// completed starts, and its candidates, sorted. A command word first; then what the
    /// command takes ([`Verb::completes`]): a declared scenario's name, or an atom (every
    /// ground atom that can hold in some scenario, and those the current model holds or
    /// the files name), `not` after `assume`, and a likelihood word after `assume ATOM `.
    /// None at a `pos` that is not a character boundary.
    pub fn complete(&mut self, line: &str, pos: usize) -> (usize, Vec<String>) {
        complete::complete(self, line, pos)
    }

    /// The atoms to complete: every ground atom a fact, an assumption or a rule's
    /// conclusion can make in some scenario (the did-you-mean candidates of `why`), and
    /// those the current model holds or the files name (`augur list atoms`, of the current
    /// scenario; none of these when its run stops).
    fn atoms(&mut self) -> Vec<String> {
        let program = self.session.program();
        let possible = self.possible.get_or_insert_with(|| {
            let mut texts = crate::program::reach::reach(program).possible.texts();
            texts.retain(|t| !t.contains('?'));
            texts
        });
        let mut atoms = possible.clone();
        if let Ok(model) = self.model()
            && let crate::catalog::Listing::Atoms(listed) =
                crate::catalog::atoms(program, std::slice::from_ref(model))
        {
            atoms.extend(listed.atoms.into_iter().map(|a| a.atom));
        }
        atoms
    }
}

#[cfg(test)]
mod tests;
