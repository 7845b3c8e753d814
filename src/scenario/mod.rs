//! Scenarios as results: what holds in each scenario, and the conflicts that fire, as
//! serializable reports with a text rendering.

pub mod coverage;
pub mod diff;
pub mod files;
pub mod snapshot;
pub mod suite;

pub use coverage::{Coverage, coverage};
pub use diff::{Change, Diff, ProbChange, diff, probabilities};
pub use suite::{TestReport, run_tests};

use std::fmt::Write;

use indexmap::IndexMap;
use serde::Serialize;

use crate::engine::{Leaf, Model};
use crate::explain::{Proof, render};
use crate::likelihood::Likelihood;
use crate::program::ConflictKind;

/// `augur run`: one entry per scenario.
#[derive(Clone, Debug, Serialize)]
pub struct RunReport<'p> {
    /// Scenario results in declaration order.
    pub scenarios: Vec<ScenarioReport<'p>>,
}

/// What holds in one scenario.
#[derive(Clone, Debug, Serialize)]
pub struct ScenarioReport<'p> {
    /// The scenario's name.
    pub name: String,
    /// Every conclusion: each atom rules derived that is not a fact or assumption, and each
    /// fact or assumption a rule raised above its own likelihood; in declaration order of
    /// predicates, then order of first derivation.
    pub conclusions: Vec<ConclusionReport>,
    /// The conflicts that hold, with their variable values: contradictions in the analysis.
    pub conflicts: Vec<ConflictReport<'p>>,
    /// The tensions that hold: trade-offs the sources present, reported apart.
    pub tensions: Vec<ConflictReport<'p>>,
    /// The questions left open in this scenario, in declaration order.
    pub open: Vec<OpenReport>,
}

/// A question the analysis leaves open in a scenario.
#[derive(Clone, Debug, Serialize)]
pub struct OpenReport {
    /// Canonical form.
    pub atom: String,
    /// For a conditional question, its premises (they hold in this scenario).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub arises_when: Option<String>,
    /// Where it is declared.
    pub place: crate::explain::Place,
    /// Its citations.
    pub cites: Vec<crate::explain::CiteRef>,
}

/// One conclusion.
#[derive(Clone, Debug, Serialize)]
pub struct ConclusionReport {
    /// Canonical form.
    pub atom: String,
    /// Its likelihood.
    pub likelihood: Likelihood,
    /// For a fact or assumption a rule raised: what it is, and its own lower likelihood.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub raised_from: Option<RaisedFrom>,
    /// Its probability, all arguments together, when asked for
    /// ([`ScenarioReport::with_probabilities`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub probability: Option<f64>,
}

/// A fact or assumption a rule raised above its own likelihood.
#[derive(Clone, Debug, Serialize)]
pub struct RaisedFrom {
    /// `fact`, `assumption` or `hypothesis`.
    pub kind: &'static str,
    /// The likelihood it holds at by itself.
    pub likelihood: Likelihood,
}

impl RaisedFrom {
    fn new((leaf, likelihood): (Leaf, Likelihood)) -> Self {
        let kind = match leaf {
            Leaf::Fact(_) => "fact",
            Leaf::Assumed { .. } => "assumption",
            Leaf::Hypothesis(_) => "hypothesis",
        };
        RaisedFrom { kind, likelihood }
    }
}

/// One way a conflict (or a tension) holds.
#[derive(Clone, Debug, Serialize)]
pub struct ConflictReport<'p> {
    /// The conflict's or tension's name.
    pub name: String,
    /// Variable values, in order of first appearance.
    pub bindings: IndexMap<String, String>,
    /// The weakest premise's likelihood.
    pub likelihood: Likelihood,
    /// The sentences the declaration cites (for a tension, where the sources present the
    /// trade-off).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cites: Vec<crate::explain::CiteRef>,
    /// The proof of each positive premise (each side of the contradiction), with citations.
    pub proofs: Vec<Proof<'p>>,
}

impl<'p> ScenarioReport<'p> {
    /// Summarizes an evaluated scenario.
    pub fn new(model: &Model<'p>) -> Self {
        let p = model.program();
        let conclusions = model
            .conclusions()
            .into_iter()
            .map(|c| ConclusionReport {
                atom: p.show_atom(&c.atom),
                likelihood: c.likelihood,
                raised_from: c.raised_from.map(RaisedFrom::new),
                probability: None,
            })
            .collect();
        let matches = |kind| {
            model
                .conflicts_of(kind)
                .map(|m| ConflictReport {
                    name: p.conflicts()[m.conflict.index()].name.clone(),
                    cites: p.conflicts()[m.conflict.index()]
                        .cites
                        .iter()
                        .map(crate::explain::CiteRef::from)
                        .collect(),
                    bindings: m
                        .bindings
                        .iter()
                        .map(|(k, v)| (k.clone(), p.symbols().show(*v)))
                        .collect(),
                    likelihood: m.likelihood,
                    proofs: suite::conflict_proofs(model, m),
                })
                .collect()
        };
        let open = model
            .open_questions()
            .into_iter()
            .filter_map(|o| {
                let left = crate::explain::left_open(model, &o.atom)?;
                Some(OpenReport {
                    atom: p.show_atom(&o.atom),
                    arises_when: left.arises_when,
                    place: left.place,
                    cites: left.cites,
                })
            })
            .collect();
        ScenarioReport {
            name: p.scenarios()[model.scenario().index()].name.clone(),
            conclusions,
            conflicts: matches(ConflictKind::Conflict),
            tensions: matches(ConflictKind::Tension),
            open,
        }
    }
}

impl ScenarioReport<'_> {
    /// Gives every conclusion its exact probability in `model`, the scenario this report
    /// summarizes ([`crate::prob::exact_all`]: one compilation for them all).
    pub fn with_probabilities(
        mut self,
        model: &Model<'_>,
        limits: &crate::prob::Limits,
    ) -> Result<Self, crate::prob::ProbError> {
        let atoms: Vec<_> = model.conclusions().into_iter().map(|c| c.atom).collect();
        let answers = crate::prob::exact_all(model, &atoms, limits)?;
        for (c, answer) in self.conclusions.iter_mut().zip(answers) {
            c.probability = Some(answer.probability);
        }
        Ok(self)
    }
}

impl RunReport<'_> {
    /// Text: each scenario, its conclusions with likelihoods, then its conflicts, its
    /// tensions and the questions it leaves open.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for (i, s) in self.scenarios.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            let _ = writeln!(out, "scenario {}", s.name);
            if s.conclusions.is_empty() {
                let _ = writeln!(out, "  (no conclusions)");
            }
            let width = s
                .conclusions
                .iter()
                .map(|c| c.atom.chars().count())
                .max()
                .unwrap_or(0);
            for c in &s.conclusions {
                // With probabilities, the likelihoods form a column and the numbers another.
                let level = match c.probability {
                    None => c.likelihood.to_string(),
                    Some(p) => format!("{:<14}  {p:.4}", c.likelihood.to_string()),
                };
                match &c.raised_from {
                    None => {
                        let _ = writeln!(out, "  {:<width$}  {}", c.atom, level.trim_end());
                    }
                    Some(r) => {
                        let _ = writeln!(
                            out,
                            "  {:<width$}  {level}  (raised by a rule; {} as a {})",
                            c.atom, r.likelihood, r.kind
                        );
                    }
                }
            }
            let kinds = [
                (ConflictKind::Conflict, &s.conflicts),
                (ConflictKind::Tension, &s.tensions),
            ];
            for (kind, found) in kinds {
                for c in found {
                    let bindings = bindings_text(c.bindings.iter());
                    let _ = writeln!(out, "  {kind} {}{bindings} [{}]", c.name, c.likelihood);
                    for cite in &c.cites {
                        let _ = writeln!(out, "    cites {cite}");
                    }
                    for proof in &c.proofs {
                        for line in render::proof_text(proof, None).lines() {
                            let _ = writeln!(out, "    {line}");
                        }
                    }
                }
            }
            for o in &s.open {
                let when = o
                    .arises_when
                    .as_ref()
                    .map_or(String::new(), |w| format!(" (arises: {w})"));
                let _ = writeln!(out, "  open {}{when}", o.atom);
            }
        }
        out
    }
}

/// A conflict's variable values as ` (?c = brazil, ?d = chile)`, or nothing at all for a
/// conflict without variables.
pub fn bindings_text<'a>(bindings: impl IntoIterator<Item = (&'a String, &'a String)>) -> String {
    let shown: Vec<String> = bindings
        .into_iter()
        .map(|(k, v)| format!("?{k} = {v}"))
        .collect();
    if shown.is_empty() {
        String::new()
    } else {
        format!(" ({})", shown.join(", "))
    }
}
