//! The Key Assumptions Check: what a scenario's judgments rest on, found by one what-if
//! run per assumption. Each assumption of the scenario (each `assume` line in force, each
//! `assume not` intervention, and with [`Request::facts`] each fact) is withdrawn alone;
//! the run without it says which conclusions fall, which weaken and which it held back.
//! Read the other way, each conclusion has the assumptions it critically rests on
//! (withdrawing any one alone makes it fail) and those that weaken it.
//!
//! ```
//! use augur::{Analysis, engine::Options, key_assumptions::{self, Request}, program::WhatIf};
//!
//! let analysis = Analysis::parse("t.augur", "
//!     assumable us withdraws
//!     assumable china invests
//!     rule gap: us withdraws and china invests implies china present likely
//!     scenario all { assume us withdraws  assume china invests }
//! ").unwrap();
//! let session = analysis.session();
//! let all = session.scenario("all").unwrap();
//! let change = WhatIf::default();
//! let request = Request { scenario: all, change: &change, atom: None, facts: false };
//! let check = key_assumptions::check(&session, &request, &Options::default()).unwrap();
//! let present = &check.conclusions[0];
//! assert_eq!(analysis.program().show_atom(&present.atom), "china present");
//! assert_eq!(present.critical.len(), 2); // either withdrawal alone makes it fail
//! ```

mod report;
mod text;

use serde::Serialize;

use crate::engine::{Model, Options};
use crate::error::Error;
use crate::likelihood::Likelihood;
use crate::program::{GroundAtom, ScenarioId, WhatIf};
use crate::session::Session;

pub use report::{Report, ShiftReport};

/// What to check.
#[derive(Clone, Copy, Debug)]
pub struct Request<'a> {
    /// The scenario.
    pub scenario: ScenarioId,
    /// Ad-hoc changes the scenario is checked with (an empty change for none); their
    /// lines are candidates like the scenario's own.
    pub change: &'a WhatIf,
    /// Only this conclusion's standing, instead of every conclusion's.
    pub atom: Option<&'a GroundAtom>,
    /// The facts are candidates too: which established claims carry the judgment.
    pub facts: bool,
}

/// What kind of input a candidate is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// An `assume` line (or `--assume`); withdrawn, the atom is no longer assumed.
    Assumption,
    /// An `assume not` line (or `--assume-not`); withdrawn, the atom is no longer
    /// forbidden.
    Intervention,
    /// A fact; withdrawn, its `fact` lines are left out (rules may still derive it).
    Fact,
}

/// One input withdrawn.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// The atom.
    pub atom: GroundAtom,
    /// Its kind.
    pub kind: Kind,
    /// Its likelihood as given (the strongest of its lines); `certain` for an intervention.
    pub level: Likelihood,
}

/// A conclusion whose likelihood a withdrawal changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shift {
    /// The atom.
    pub atom: GroundAtom,
    /// Its likelihood in the scenario (`None`: it does not hold there).
    pub from: Option<Likelihood>,
    /// Its likelihood without the candidate (`None`: it does not hold).
    pub to: Option<Likelihood>,
}

/// What withdrawing one candidate does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Withdrawal {
    /// The candidate.
    pub candidate: Candidate,
    /// Conclusions of the scenario that no longer hold, in the scenario's order.
    pub falls: Vec<Shift>,
    /// Conclusions of the scenario that hold less strongly.
    pub weakens: Vec<Shift>,
    /// Conclusions of the run without it that the scenario does not reach, or reaches
    /// less strongly: what the candidate held back.
    pub gains: Vec<Shift>,
}

/// What one conclusion rests on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Standing {
    /// The atom.
    pub atom: GroundAtom,
    /// Its likelihood in the scenario (`None` only for an asked atom that does not hold).
    pub likelihood: Option<Likelihood>,
    /// The candidates whose withdrawal alone makes it fail (indexes into
    /// [`Check::assumptions`]).
    pub critical: Vec<usize>,
    /// The candidates whose withdrawal alone lowers it, with the level it falls to.
    pub weakening: Vec<(usize, Likelihood)>,
}

/// The whole check.
#[derive(Debug)]
pub struct Check<'p> {
    /// The scenario run as asked (with its ad-hoc changes).
    pub model: Model<'p>,
    /// One entry per candidate, load-bearing first: most conclusions falling, then most
    /// weakening, then most held back; ties in the scenario's order (assumptions, then
    /// interventions, then facts, each in the order the run takes them).
    pub assumptions: Vec<Withdrawal>,
    /// Every conclusion of the scenario in its order (or only the atom asked about).
    pub conclusions: Vec<Standing>,
}

/// Runs the check: the scenario once, then once without each candidate. Every run is held
/// to `options` (`--max-derived`, and `--timeout` for all of them together). An unknown
/// scenario, or an atom of another program, is an error.
pub fn check<'p>(
    session: &Session<'p>,
    request: &Request<'_>,
    options: &Options,
) -> Result<Check<'p>, Error> {
    if let Some(atom) = request.atom {
        session
            .program()
            .own_atom(atom)
            .map_err(crate::engine::EngineError::from)?;
    }
    let model = crate::adhoc::run(session, request.scenario, request.change, options)?;
    let candidates = candidates(&model, request.facts);
    let watched: Vec<(GroundAtom, Option<Likelihood>)> = match request.atom {
        Some(atom) => vec![(atom.clone(), model.likelihood(atom))],
        None => model
            .conclusions()
            .into_iter()
            .map(|c| (c.atom, Some(c.likelihood)))
            .collect(),
    };
    let mut conclusions: Vec<Standing> = watched
        .iter()
        .map(|(atom, likelihood)| Standing {
            atom: atom.clone(),
            likelihood: *likelihood,
            critical: Vec::new(),
            weakening: Vec::new(),
        })
        .collect();
    let mut assumptions = Vec::with_capacity(candidates.len());
    for (i, candidate) in candidates.into_iter().enumerate() {
        let without = run_without(session, request, &candidate, options)?;
        for standing in &mut conclusions {
            let Some(before) = standing.likelihood else {
                continue;
            };
            match without.likelihood(&standing.atom) {
                None => standing.critical.push(i),
                Some(after) if after < before => standing.weakening.push((i, after)),
                Some(_) => {}
            }
        }
        assumptions.push(compare(&model, &without, candidate));
    }
    let order = rank(&assumptions);
    let position = inverse(&order);
    for standing in &mut conclusions {
        for i in &mut standing.critical {
            *i = position[*i];
        }
        for (i, _) in &mut standing.weakening {
            *i = position[*i];
        }
        standing.critical.sort_unstable();
        standing.weakening.sort_unstable();
    }
    let mut slots: Vec<Option<Withdrawal>> = assumptions.into_iter().map(Some).collect();
    let assumptions = order.iter().filter_map(|&i| slots[i].take()).collect();
    Ok(Check {
        model,
        assumptions,
        conclusions,
    })
}

/// The candidates of a run: its assumptions, one per atom at the strongest of its lines;
/// its interventions; with `facts`, its facts, one per atom.
fn candidates(model: &Model<'_>, facts: bool) -> Vec<Candidate> {
    let inputs = model.inputs();
    let mut out: Vec<Candidate> = Vec::new();
    let mut push = |atom: &GroundAtom, kind: Kind, level: Likelihood| match out
        .iter_mut()
        .find(|c| c.kind == kind && c.atom == *atom)
    {
        Some(c) => c.level = c.level.max(level),
        None => out.push(Candidate {
            atom: atom.clone(),
            kind,
            level,
        }),
    };
    for a in inputs.assumed() {
        push(&a.atom, Kind::Assumption, a.level);
    }
    for b in inputs.blocked() {
        push(&b.atom, Kind::Intervention, Likelihood::Certain);
    }
    if facts {
        for (_, f) in inputs.facts() {
            push(&f.atom, Kind::Fact, f.level);
        }
    }
    out
}

/// The scenario run without one candidate: an assumption or intervention withdrawn
/// wherever it is written (the scenario, an ancestor, or the ad-hoc change), or a fact's
/// lines left out.
fn run_without<'p>(
    session: &Session<'p>,
    request: &Request<'_>,
    candidate: &Candidate,
    options: &Options,
) -> Result<Model<'p>, Error> {
    let atom = &candidate.atom;
    let mut change = request.change.clone();
    if candidate.kind == Kind::Fact {
        let mut inputs = session
            .program()
            .inputs(request.scenario)
            .and_then(|i| i.what_if(&change))
            .map_err(crate::engine::EngineError::from)?;
        inputs.withdraw_facts(atom);
        return Ok(session.engine().run_inputs(inputs, options)?);
    }
    change.added.retain(|(a, _)| a != atom);
    change.forbidden.retain(|a| a != atom);
    change.withdrawn.push(atom.clone());
    session.what_if(request.scenario, &change, options)
}

/// What the run without a candidate changed among conclusions.
fn compare(model: &Model<'_>, without: &Model<'_>, candidate: Candidate) -> Withdrawal {
    let (mut falls, mut weakens, mut gains) = (Vec::new(), Vec::new(), Vec::new());
    for c in model.conclusions() {
        let to = without.likelihood(&c.atom);
        let shift = Shift {
            atom: c.atom,
            from: Some(c.likelihood),
            to,
        };
        match to {
            None => falls.push(shift),
            Some(l) if l < c.likelihood => weakens.push(shift),
            Some(_) => {}
        }
    }
    for c in without.conclusions() {
        let from = model.likelihood(&c.atom);
        if from.is_none_or(|f| f < c.likelihood) {
            gains.push(Shift {
                atom: c.atom,
                from,
                to: Some(c.likelihood),
            });
        }
    }
    Withdrawal {
        candidate,
        falls,
        weakens,
        gains,
    }
}

/// The candidates' order, load-bearing first (see [`Check::assumptions`]).
fn rank(assumptions: &[Withdrawal]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..assumptions.len()).collect();
    // A stable sort: ties keep the scenario's order.
    order.sort_by_key(|&i| {
        let w = &assumptions[i];
        std::cmp::Reverse((w.falls.len(), w.weakens.len(), w.gains.len()))
    });
    order
}

/// `position[i]`: where `i` stands in `order`.
fn inverse(order: &[usize]) -> Vec<usize> {
    let mut position = vec![0; order.len()];
    for (at, &i) in order.iter().enumerate() {
        position[i] = at;
    }
    position
}

#[cfg(test)]
mod tests;
