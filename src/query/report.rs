//! A query's answers with names rendered: JSON through serde, text for people.

use std::fmt::Write as _;

use indexmap::IndexMap;
use serde::Serialize;

use super::{Answer, Pattern, answers};
use crate::engine::Model;
use crate::likelihood::Likelihood;

/// The answers of one or of every scenario. JSON: `{"pattern", "scenario", "answers",
/// "open"}` for one scenario, `{"pattern", "scenarios": [{"scenario", "answers", "open"}]}`
/// for several (`--all`).
#[derive(Clone, Debug, Serialize)]
#[serde(untagged)]
pub enum QueryReport {
    /// One scenario.
    One {
        /// The pattern in canonical form.
        pattern: String,
        /// Its answers.
        #[serde(flatten)]
        answers: ScenarioAnswers,
    },
    /// Several scenarios, in the order asked.
    All {
        /// The pattern in canonical form.
        pattern: String,
        /// Their answers.
        scenarios: Vec<ScenarioAnswers>,
    },
}

/// The answers in one scenario.
#[derive(Clone, Debug, Serialize)]
pub struct ScenarioAnswers {
    /// The scenario's name.
    pub scenario: String,
    /// The atoms that hold and match, strongest first, then by text.
    pub answers: Vec<AnswerReport>,
    /// The open questions of the scenario that match, by text: neither true nor false.
    pub open: Vec<OpenAnswer>,
}

/// An atom that holds and matches.
#[derive(Clone, Debug, Serialize)]
pub struct AnswerReport {
    /// Each variable's value, in order of first appearance in the pattern.
    pub bindings: IndexMap<String, String>,
    /// The atom in canonical form.
    pub atom: String,
    /// Its likelihood.
    pub likelihood: Likelihood,
}

/// An open question that matches.
#[derive(Clone, Debug, Serialize)]
pub struct OpenAnswer {
    /// Each variable's value, in order of first appearance in the pattern.
    pub bindings: IndexMap<String, String>,
    /// The atom in canonical form.
    pub atom: String,
}

impl ScenarioAnswers {
    /// The answers `model` gives `pattern`, names rendered.
    pub fn new(model: &Model<'_>, pattern: &Pattern) -> Self {
        let p = model.program();
        let bindings = |a: &Answer| -> IndexMap<String, String> {
            pattern
                .vars
                .iter()
                .zip(&a.bindings)
                .map(|(name, &v)| (name.clone(), p.symbols().show(v)))
                .collect()
        };
        let mut out = ScenarioAnswers {
            scenario: p.scenarios()[model.scenario().index()].name.clone(),
            answers: Vec::new(),
            open: Vec::new(),
        };
        for a in answers(model, pattern) {
            let atom = p.show_atom(&a.atom);
            match a.likelihood {
                Some(likelihood) => out.answers.push(AnswerReport {
                    bindings: bindings(&a),
                    atom,
                    likelihood,
                }),
                None => out.open.push(OpenAnswer {
                    bindings: bindings(&a),
                    atom,
                }),
            }
        }
        out
    }

    /// Text: a header line, then one line per answer (atom, likelihood or `open`, the
    /// variables' values), columns aligned.
    fn text(&self, pattern: &str, out: &mut String) {
        let count = crate::program::suggest::count(self.answers.len(), "answer");
        let open = match self.open.len() {
            0 => String::new(),
            n => format!(", {n} left open"),
        };
        let _ = writeln!(
            out,
            "{pattern} in scenario {}: {count}{open}",
            self.scenario
        );
        if self.answers.is_empty() && self.open.is_empty() {
            let _ = writeln!(out, "  (no answers)");
            return;
        }
        let rows: Vec<(&str, &str, &IndexMap<String, String>)> = self
            .answers
            .iter()
            .map(|a| (a.atom.as_str(), a.likelihood.keyword(), &a.bindings))
            .chain(
                self.open
                    .iter()
                    .map(|o| (o.atom.as_str(), "open", &o.bindings)),
            )
            .collect();
        let width = rows.iter().map(|r| r.0.chars().count()).max().unwrap_or(0);
        let level = rows.iter().map(|r| r.1.len()).max().unwrap_or(0);
        for (atom, likelihood, bindings) in rows {
            let values: Vec<String> = bindings
                .iter()
                .map(|(k, v)| format!("?{k} = {v}"))
                .collect();
            let line = format!(
                "  {atom:<width$}  {likelihood:<level$}  {}",
                values.join(", ")
            );
            let _ = writeln!(out, "{}", line.trim_end());
        }
    }
}

impl QueryReport {
    /// The report of `pattern` over `models`: one scenario unless `all`.
    pub fn new(models: &[Model<'_>], pattern: &Pattern, all: bool) -> Self {
        let shown = models
            .first()
            .map_or_else(String::new, |m| pattern.show(m.program()));
        let mut scenarios: Vec<ScenarioAnswers> = models
            .iter()
            .map(|m| ScenarioAnswers::new(m, pattern))
            .collect();
        match (all, scenarios.len()) {
            (false, 1) => QueryReport::One {
                pattern: shown,
                answers: scenarios.remove(0),
            },
            _ => QueryReport::All {
                pattern: shown,
                scenarios,
            },
        }
    }

    /// Text: each scenario's answers, scenarios apart by a blank line.
    pub fn text(&self) -> String {
        let mut out = String::new();
        match self {
            QueryReport::One { pattern, answers } => answers.text(pattern, &mut out),
            QueryReport::All { pattern, scenarios } => {
                for (i, s) in scenarios.iter().enumerate() {
                    if i > 0 {
                        out.push('\n');
                    }
                    s.text(pattern, &mut out);
                }
            }
        }
        out
    }
}
