//! The analysis as one self-contained HTML page a reader opens in any browser, offline
//! (issue 14 §2, `augur report`): no network, no script, the style inline; readable with
//! scripting off, printable and readable on a phone.
//!
//! [`build`] makes the typed [`Report`] of every scenario (what it assumes and forbids,
//! what it concludes with each conclusion's strongest proof, its conflicts and tensions with
//! both sides, its open questions, its causal graph, what changes from the scenario it
//! extends) and the differences between scenarios ([`diffs`]); [`probabilities`],
//! [`sources`], [`snapshots`] and [`key_assumptions`] add what needs bounds, files or a
//! session. [`html`] renders it: the matrix of scenarios against key conclusions first, each
//! cell filled by its likelihood on the graph's palette, named in words and given its
//! probability, linking to the proof below in a `<details>` element. Every piece of the
//! user's text is escaped by [`crate::escape::xml`].

mod diff_html;
mod diffs;
mod extras;
mod html;
mod snapshot_html;
mod source_html;
mod sources;

pub use diffs::{Diffs, MAX_PAIRWISE, diffs};
pub use extras::{Extras, TestLine, extras, key_assumptions, snapshots};
pub use html::html;
pub use sources::{Citation, SourceText, source_text, sources};

use crate::causal_graph::{self, DEFAULT_MAX_NODES, Graph};
use crate::engine::Model;
use crate::explain;
use crate::likelihood::Likelihood;
use crate::program::ConflictKind;

/// The page's content.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// The scenarios, in declaration order.
    pub scenarios: Vec<ScenarioPart>,
    /// The differences between scenarios ([`diffs`]).
    pub diffs: Diffs,
    /// The key conclusions, the matrix's rows: atoms rules conclude in some scenario, those
    /// that differ between scenarios first, each group in the order first met.
    pub key: Vec<String>,
    /// The cited documents whose text was found ([`sources`]; empty from [`build`]).
    pub sources: Vec<SourceText>,
    /// Tests, indicators and ACH, when the rule base declares them.
    pub extras: Extras,
    /// The Key Assumptions Check of each scenario that assumes something, by scenario
    /// index ([`key_assumptions`]; empty from [`build`]).
    pub key_assumptions: Vec<(usize, String)>,
}

/// One scenario's part.
#[derive(Clone, Debug, PartialEq)]
pub struct ScenarioPart {
    /// Its name.
    pub name: String,
    /// What it assumes (its own lines and those it inherits), with likelihoods.
    pub assumptions: Vec<(String, Likelihood)>,
    /// What it forbids (`assume not`).
    pub interventions: Vec<String>,
    /// What rules conclude, each with its likelihood and strongest proof as text.
    pub conclusions: Vec<Conclusion>,
    /// Conflicts and tensions that hold, each with both sides.
    pub conflicts: Vec<Clash>,
    /// The questions it leaves open.
    pub open: Vec<String>,
    /// Its causal graph, drawn inline.
    pub graph: Graph,
    /// When it extends a scenario of the report: that scenario's name, and what changes
    /// from it to this one, as `augur diff PARENT NAME` prints it.
    pub diff: Option<(String, String)>,
    /// Why its conclusions have no probability, when [`probabilities`] could not compute
    /// them (a bound reached, say).
    pub no_probability: Option<String>,
}

/// A conflict or tension that holds, with both sides.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Clash {
    /// Conflict or tension.
    pub kind: ConflictKind,
    /// Its name, with its variables' values when it has any (`split (?x = a)`).
    pub name: String,
    /// How likely it holds.
    pub likelihood: Likelihood,
    /// The proof of each premise (each side), as `augur why` prints it, in written order.
    pub sides: Vec<String>,
}

/// A conclusion and why it holds.
#[derive(Clone, Debug, PartialEq)]
pub struct Conclusion {
    /// The atom.
    pub atom: String,
    /// Its likelihood.
    pub likelihood: Likelihood,
    /// Its strongest proof, as `augur why` prints it (the cited quotes included).
    pub proof: String,
    /// The probability that it holds, all arguments together, as `augur prob` computes it
    /// ([`probabilities`]; none from [`build`]).
    pub probability: Option<f64>,
}

impl ScenarioPart {
    /// The likelihood of a conclusion here, if it holds.
    pub fn likelihood(&self, atom: &str) -> Option<Likelihood> {
        self.conclusions
            .iter()
            .find(|c| c.atom == atom)
            .map(|c| c.likelihood)
    }
}

/// The report of the scenarios `models` ran (one model per scenario, in the order given).
pub fn build(models: &[Model<'_>]) -> Report {
    let mut scenarios: Vec<ScenarioPart> = models.iter().map(part).collect();
    for (model, s) in models.iter().zip(&mut scenarios) {
        let p = model.program();
        let parent = p.scenarios()[model.scenario().index()].extends;
        let parent_model = models.iter().find(|m| Some(m.scenario()) == parent);
        if let Some(before) = parent_model {
            let name = p.scenarios()[before.scenario().index()].name.clone();
            s.diff = Some((
                name,
                crate::scenario::diff(before, model, false).text(false),
            ));
        }
    }
    let mut key: Vec<String> = Vec::new();
    for s in &scenarios {
        for c in &s.conclusions {
            if !key.contains(&c.atom) {
                key.push(c.atom.clone());
            }
        }
    }
    let alike = |atom: &String| {
        let first = scenarios.first().and_then(|s| s.likelihood(atom));
        scenarios.iter().all(|s| s.likelihood(atom) == first)
    };
    let (mut differ, same): (Vec<String>, Vec<String>) = key.into_iter().partition(|a| !alike(a));
    differ.extend(same);
    Report {
        diffs: diffs(models),
        scenarios,
        key: differ,
        sources: Vec::new(),
        extras: extras(models),
        key_assumptions: Vec::new(),
    }
}

fn part(model: &Model<'_>) -> ScenarioPart {
    let p = model.program();
    let inputs = model.inputs();
    let conclusions = model
        .conclusions()
        .into_iter()
        .map(|c| Conclusion {
            atom: p.show_atom(&c.atom),
            likelihood: c.likelihood,
            proof: explain::why(model, &c.atom)
                .map(|proof| explain::render::proof_text(&proof, None))
                .unwrap_or_default(),
            probability: None,
        })
        .collect();
    ScenarioPart {
        name: p.scenarios()[model.scenario().index()].name.clone(),
        assumptions: inputs
            .assumed()
            .iter()
            .map(|a| (p.show_atom(&a.atom), a.level))
            .collect(),
        interventions: inputs
            .blocked()
            .iter()
            .map(|a| p.show_atom(&a.atom))
            .collect(),
        conclusions,
        conflicts: model
            .conflicts()
            .iter()
            .map(|m| {
                let c = &p.conflicts()[m.conflict.index()];
                let bindings: Vec<(String, String)> = m
                    .bindings
                    .iter()
                    .map(|(k, v)| (k.clone(), p.symbols().show(*v)))
                    .collect();
                let shown = crate::scenario::bindings_text(bindings.iter().map(|(k, v)| (k, v)));
                let name = format!("{}{shown}", c.name);
                Clash {
                    kind: c.kind,
                    name,
                    likelihood: m.likelihood,
                    sides: crate::scenario::suite::conflict_proofs(model, m)
                        .iter()
                        .map(|proof| explain::render::proof_text(proof, None))
                        .collect(),
                }
            })
            .collect(),
        open: model
            .open_questions()
            .iter()
            .map(|o| p.show_atom(&o.atom))
            .collect(),
        graph: causal_graph::scenario(model, DEFAULT_MAX_NODES),
        diff: None,
        no_probability: None,
    }
}

/// Gives each conclusion of the report of `models` (as [`build`] made it from them) its
/// exact probability, one compilation per scenario held to `limits`, as `augur run --prob`
/// does; a scenario past the bounds keeps its likelihoods alone, and says why.
pub fn probabilities(report: &mut Report, models: &[Model<'_>], limits: &crate::prob::Limits) {
    for (s, model) in report.scenarios.iter_mut().zip(models) {
        let atoms: Vec<_> = model.conclusions().into_iter().map(|c| c.atom).collect();
        match crate::prob::exact_all(model, &atoms, limits) {
            Ok(answers) => {
                for (c, answer) in s.conclusions.iter_mut().zip(answers) {
                    c.probability = Some(answer.probability);
                }
            }
            Err(e) => s.no_probability = Some(e.to_string()),
        }
    }
}

#[cfg(test)]
mod tests;
