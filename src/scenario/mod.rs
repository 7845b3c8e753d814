//! Scenarios as results: what holds in each scenario, and the conflicts that fire, as
//! serializable reports with a text rendering.

pub mod coverage;
pub mod diff;
pub mod snapshot;
pub mod suite;

pub use coverage::{Coverage, coverage};
pub use diff::{Change, Diff, diff};
pub use suite::{TestReport, run_tests};

use std::fmt::Write;

use indexmap::IndexMap;
use serde::Serialize;

use crate::engine::Model;
use crate::explain::{Proof, render};
use crate::likelihood::Likelihood;

/// `augur run`: one entry per scenario.
#[derive(Clone, Debug, Serialize)]
pub struct RunReport {
    /// Scenario results in declaration order.
    pub scenarios: Vec<ScenarioReport>,
}

/// What holds in one scenario.
#[derive(Clone, Debug, Serialize)]
pub struct ScenarioReport {
    /// The scenario's name.
    pub name: String,
    /// Every derived atom (not a fact or assumption), in declaration order of predicates,
    /// then order of first derivation.
    pub conclusions: Vec<ConclusionReport>,
    /// The conflicts that hold, with their variable values.
    pub conflicts: Vec<ConflictReport>,
}

/// One derived atom.
#[derive(Clone, Debug, Serialize)]
pub struct ConclusionReport {
    /// Canonical form.
    pub atom: String,
    /// Its likelihood.
    pub likelihood: Likelihood,
}

/// One way a conflict holds.
#[derive(Clone, Debug, Serialize)]
pub struct ConflictReport {
    /// The conflict's name.
    pub name: String,
    /// Variable values, in order of first appearance.
    pub bindings: IndexMap<String, String>,
    /// The weakest premise's likelihood.
    pub likelihood: Likelihood,
    /// The proof of each positive premise (each side of the contradiction), with citations.
    pub proofs: Vec<Proof>,
}

impl ScenarioReport {
    /// Summarizes an evaluated scenario.
    pub fn new(model: &Model<'_>) -> Self {
        let p = model.program();
        let conclusions = model
            .conclusions()
            .into_iter()
            .map(|c| ConclusionReport {
                atom: p.show_atom(&c.atom),
                likelihood: c.likelihood,
            })
            .collect();
        let conflicts = model
            .conflicts()
            .iter()
            .map(|m| ConflictReport {
                name: p.conflicts[m.conflict.index()].name.clone(),
                bindings: m
                    .bindings
                    .iter()
                    .map(|(k, v)| (k.clone(), p.symbols.show(*v)))
                    .collect(),
                likelihood: m.likelihood,
                proofs: suite::conflict_proofs(model, m),
            })
            .collect();
        ScenarioReport {
            name: p.scenarios[model.scenario().index()].name.clone(),
            conclusions,
            conflicts,
        }
    }
}

impl RunReport {
    /// Text: each scenario, its conclusions with likelihoods, then its conflicts.
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
                let _ = writeln!(out, "  {:<width$}  {}", c.atom, c.likelihood);
            }
            for c in &s.conflicts {
                let bindings: Vec<String> = c
                    .bindings
                    .iter()
                    .map(|(k, v)| format!("?{k} = {v}"))
                    .collect();
                let bindings = if bindings.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", bindings.join(", "))
                };
                let _ = writeln!(out, "  conflict {}{bindings} [{}]", c.name, c.likelihood);
                for proof in &c.proofs {
                    for line in render::proof_text(proof, None).lines() {
                        let _ = writeln!(out, "    {line}");
                    }
                }
            }
        }
        out
    }
}
