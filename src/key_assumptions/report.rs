//! The check with names: what JSON shows (see the README for the shape).

use serde::Serialize;

use crate::adhoc::Shown;
use crate::likelihood::Likelihood;
use crate::program::Program;

use super::{Candidate, Check, Kind, Shift};

/// A Key Assumptions Check, named.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    /// The scenario's name.
    pub scenario: String,
    /// The ad-hoc lines it was checked with, when there are any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub adhoc: Option<Shown>,
    /// One entry per candidate, load-bearing first.
    pub assumptions: Vec<AssumptionReport>,
    /// Every conclusion (or the atom asked about), in the scenario's order.
    pub conclusions: Vec<ConclusionReport>,
}

/// What withdrawing one candidate does.
#[derive(Clone, Debug, Serialize)]
pub struct AssumptionReport {
    /// The atom.
    pub atom: String,
    /// `assumption`, `intervention` or `fact`.
    pub kind: Kind,
    /// Its likelihood as given; null for an intervention (an `assume not` has none).
    pub likelihood: Option<Likelihood>,
    /// The conclusions that no longer hold, each with the likelihood it had.
    pub falls: Vec<FallReport>,
    /// The conclusions that hold less strongly.
    pub weakens: Vec<ShiftReport>,
    /// The conclusions that the run without it reaches and the scenario does not (`from`
    /// null), or reaches more strongly.
    pub gains: Vec<ShiftReport>,
}

/// A conclusion that falls.
#[derive(Clone, Debug, Serialize)]
pub struct FallReport {
    /// The atom.
    pub atom: String,
    /// Its likelihood in the scenario.
    pub likelihood: Likelihood,
}

/// A conclusion whose likelihood changes.
#[derive(Clone, Debug, Serialize)]
pub struct ShiftReport {
    /// The atom.
    pub atom: String,
    /// Before (null: it did not hold).
    pub from: Option<Likelihood>,
    /// After.
    pub to: Option<Likelihood>,
}

/// What one conclusion rests on.
#[derive(Clone, Debug, Serialize)]
pub struct ConclusionReport {
    /// The atom.
    pub atom: String,
    /// Its likelihood in the scenario (null: an atom asked about that does not hold).
    pub likelihood: Option<Likelihood>,
    /// The candidates whose withdrawal alone makes it fail, load-bearing first (an
    /// intervention as `not ATOM`).
    pub critical: Vec<String>,
    /// The candidates whose withdrawal alone lowers it, and to what.
    pub weakening: Vec<WeakeningReport>,
}

/// A candidate that weakens a conclusion.
#[derive(Clone, Debug, Serialize)]
pub struct WeakeningReport {
    /// The candidate (an intervention as `not ATOM`).
    pub atom: String,
    /// The conclusion's likelihood without it.
    pub to: Likelihood,
}

impl Check<'_> {
    /// The check with names, for JSON and text.
    pub fn report(&self, adhoc: Option<Shown>) -> Report {
        let p = self.model.program();
        let named = |i: &usize| candidate_name(p, &self.assumptions[*i].candidate);
        Report {
            scenario: p.scenarios()[self.model.scenario().index()].name.clone(),
            adhoc,
            assumptions: self
                .assumptions
                .iter()
                .map(|w| AssumptionReport {
                    atom: p.show_atom(&w.candidate.atom),
                    kind: w.candidate.kind,
                    likelihood: (w.candidate.kind != Kind::Intervention)
                        .then_some(w.candidate.level),
                    falls: w
                        .falls
                        .iter()
                        .map(|s| FallReport {
                            atom: p.show_atom(&s.atom),
                            // Every fall is a conclusion of the scenario: `from` is set.
                            likelihood: s.from.unwrap_or(Likelihood::Certain),
                        })
                        .collect(),
                    weakens: shifts(p, &w.weakens),
                    gains: shifts(p, &w.gains),
                })
                .collect(),
            conclusions: self
                .conclusions
                .iter()
                .map(|c| ConclusionReport {
                    atom: p.show_atom(&c.atom),
                    likelihood: c.likelihood,
                    critical: c.critical.iter().map(named).collect(),
                    weakening: c
                        .weakening
                        .iter()
                        .map(|(i, to)| WeakeningReport {
                            atom: named(i),
                            to: *to,
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

fn shifts(p: &Program, list: &[Shift]) -> Vec<ShiftReport> {
    list.iter()
        .map(|s| ShiftReport {
            atom: p.show_atom(&s.atom),
            from: s.from,
            to: s.to,
        })
        .collect()
}

/// A candidate as critical and weakening lists name it: its atom, `not ATOM` for an
/// intervention.
fn candidate_name(p: &Program, c: &Candidate) -> String {
    match c.kind {
        Kind::Intervention => format!("not {}", p.show_atom(&c.atom)),
        Kind::Assumption | Kind::Fact => p.show_atom(&c.atom),
    }
}
