//! A query's answers with names rendered: JSON through serde, text for people.

use std::fmt::Write as _;

use indexmap::IndexMap;
use serde::Serialize;

use super::{Answer, Pattern, answers};
use crate::adhoc::Shown;
use crate::engine::Model;
use crate::likelihood::Likelihood;

/// The answers of one or of every scenario. JSON: `{"pattern", "scenario", "answers",
/// "open"}` for one scenario, `{"pattern", "scenarios": [{"scenario", "answers", "open"}]}`
/// for several (`--all`); with an ad-hoc scenario, `"adhoc"` too (see [`crate::adhoc`]).
#[derive(Clone, Debug)]
pub struct QueryReport {
    /// The pattern in canonical form.
    pub pattern: String,
    /// The answers, per scenario in the order asked.
    pub scenarios: Vec<ScenarioAnswers>,
    /// Whether every scenario was asked (the JSON shape with `"scenarios"`).
    pub all: bool,
    /// The lines of the ad-hoc scenario each scenario was extended by, if any.
    pub adhoc: Option<Shown>,
}

impl Serialize for QueryReport {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("pattern", &self.pattern)?;
        match (self.all, self.scenarios.as_slice()) {
            (false, [one]) => {
                map.serialize_entry("scenario", &one.scenario)?;
                map.serialize_entry("answers", &one.answers)?;
                map.serialize_entry("open", &one.open)?;
            }
            _ => map.serialize_entry("scenarios", &self.scenarios)?,
        }
        if let Some(adhoc) = &self.adhoc {
            map.serialize_entry("adhoc", adhoc)?;
        }
        map.end()
    }
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
    fn text(&self, pattern: &str, name: &str, out: &mut String) {
        let count = crate::program::suggest::count(self.answers.len(), "answer");
        let open = match self.open.len() {
            0 => String::new(),
            n => format!(", {n} left open"),
        };
        let _ = writeln!(out, "{pattern} in scenario {name}: {count}{open}");
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
    /// The report of `pattern` over `models`, in the order given; `all` when every
    /// scenario was asked.
    pub fn new(models: &[Model<'_>], pattern: &Pattern, all: bool) -> Self {
        let shown = models
            .first()
            .map_or_else(String::new, |m| pattern.show(m.program()));
        QueryReport {
            pattern: shown,
            scenarios: models
                .iter()
                .map(|m| ScenarioAnswers::new(m, pattern))
                .collect(),
            all,
            adhoc: None,
        }
    }

    /// The report of runs of scenarios extended by an ad-hoc scenario (`--assume`): its
    /// lines are named in text and JSON. No lines, no change.
    pub fn with_adhoc(mut self, adhoc: Shown) -> Self {
        self.adhoc = (adhoc != Shown::default()).then_some(adhoc);
        self
    }

    /// Text: each scenario's answers, scenarios apart by a blank line.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for (i, s) in self.scenarios.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            let name = match &self.adhoc {
                Some(adhoc) => adhoc.name(&s.scenario),
                None => s.scenario.clone(),
            };
            s.text(&self.pattern, &name, &mut out);
        }
        out
    }
}
