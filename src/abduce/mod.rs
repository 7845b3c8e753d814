//! Abduction: every minimal set of changes to a scenario that makes an atom hold (or stop
//! holding), each verified by a what-if run on one planned [`Session`].
//!
//! The search has three steps, one module each:
//! 1. `backward`: from the goal, a pass over the rules that collects the atom patterns a
//!    proof of the goal could rest on, each with the polarity it needs (true, or false when
//!    it sits under an odd number of `not`s). Only these can matter.
//! 2. `candidates`: the ground changes that move one of those patterns the way it needs:
//!    `assume` (an `assumable` atom), `withdraw` (an assumption of the scenario), `lift`
//!    (an `assume not` of the scenario), `forbid` (with interventions), and the open
//!    questions a proof would need settled, which are never assumed.
//! 3. `search`: sets of candidates by size, each run, the working ones kept when no
//!    smaller working set is inside them.
//!
//! ```
//! use augur::{Analysis, abduce::{self, Bounds, Goal, Question}, engine::Options};
//!
//! let analysis = Analysis::parse("t.augur", "
//!     assumable us retreats
//!     assumable rivals distracted
//!     rule gap: us retreats and not rivals distracted implies rivals advance likely
//!     scenario calm { assume rivals distracted }
//! ").unwrap();
//! let session = analysis.session();
//! let calm = session.scenario("calm").unwrap();
//! let question = Question::new(analysis.atom("rivals advance").unwrap(), Goal::Holds);
//! let answer = abduce::abduce(&session, calm, &question, &Bounds::default(), &Options::default())
//!     .unwrap();
//! let text = abduce::render::text(&answer, analysis.program(), "calm");
//! assert!(text.contains("assume us retreats, withdraw rivals distracted"), "{text}");
//! assert!(answer.complete);
//! ```

mod backward;
mod candidates;
pub mod render;
mod search;

use serde::Serialize;

use crate::engine::Options;
use crate::error::Error;
use crate::likelihood::Likelihood;
use crate::program::{GroundAtom, ScenarioId, WhatIf};
use crate::session::Session;

/// What the changes must achieve.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Goal {
    /// The atom holds, at any likelihood.
    Holds,
    /// The atom does not hold at all (`abduce not ATOM`).
    StopsHolding,
}

/// The kinds of change a set may make, in the order a set lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// `assume ATOM` at `certain`: an atom an `assumable` covers (replacing an `assume
    /// not` of it, or a weaker assumption).
    Assume,
    /// Every `assume` line about the atom, in the scenario and its ancestors, dropped.
    Withdraw,
    /// Every `assume not` line about the atom dropped: the rules decide it again.
    Lift,
    /// `assume not ATOM` (only with interventions; never a fact, never the goal).
    Forbid,
}

impl ChangeKind {
    /// The word that names the change.
    pub fn word(self) -> &'static str {
        match self {
            ChangeKind::Assume => "assume",
            ChangeKind::Withdraw => "withdraw",
            ChangeKind::Lift => "lift",
            ChangeKind::Forbid => "forbid",
        }
    }
}

/// One change to the scenario.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Change {
    /// What is done.
    pub kind: ChangeKind,
    /// To which atom.
    pub atom: GroundAtom,
}

/// One minimal set of changes that achieves the goal, verified by a run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explanation {
    /// The changes, by kind, then by the atom's text.
    pub changes: Vec<Change>,
    /// Open questions the set needs settled true. They are never assumed: a set that needs
    /// one says so here (its run settled them, as a scenario's `assume` would).
    pub open: Vec<GroundAtom>,
    /// The likelihood the goal's atom reaches in the verifying run; `None` when the goal
    /// is that it stops holding.
    pub likelihood: Option<Likelihood>,
}

impl Explanation {
    /// How many changes and open questions the set holds.
    pub fn size(&self) -> usize {
        self.changes.len() + self.open.len()
    }

    /// The what-if run that makes this set's changes and settles its open questions true:
    /// the run that verified it (on the question's scenario, taken with its base changes).
    pub fn what_if(&self) -> WhatIf {
        let mut change = WhatIf::default();
        for atom in &self.open {
            apply(&mut change, None, atom);
        }
        for c in &self.changes {
            apply(&mut change, Some(c.kind), &c.atom);
        }
        change
    }
}

/// Adds one change to a what-if run; `None` settles an open question true (as a
/// scenario's `assume` line does).
fn apply(change: &mut WhatIf, kind: Option<ChangeKind>, atom: &GroundAtom) {
    match kind {
        None | Some(ChangeKind::Assume) => change.added.push((atom.clone(), Likelihood::Certain)),
        Some(ChangeKind::Withdraw | ChangeKind::Lift) => change.withdrawn.push(atom.clone()),
        Some(ChangeKind::Forbid) => change.forbidden.push(atom.clone()),
    }
}

/// Why the search may have left sets out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Cut {
    /// More sets than [`Bounds::limit`] exist: the rest are not shown.
    Limit,
    /// The search budget ([`Bounds::max_runs`], the candidate or pattern caps) ran out.
    Budget,
    /// A run stopped at an evaluation limit (`--max-derived`, `--timeout`): whether its
    /// set works is unknown.
    Stopped,
}

/// How the search went.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SearchStats {
    /// Atom patterns the backward pass reached.
    pub patterns: usize,
    /// Candidate changes (open questions included).
    pub candidates: usize,
    /// What-if runs made (the scenario itself included).
    pub runs: usize,
    /// Runs stopped by an evaluation limit.
    pub stopped: usize,
}

/// The answer: every minimal set of at most [`Bounds::max_size`] changes found, ordered by
/// size, then the likelihood the atom reaches (strongest first), then text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Abduction {
    /// The goal's atom.
    pub atom: GroundAtom,
    /// The scenario changed.
    pub scenario: ScenarioId,
    /// Whether the atom must hold or stop holding.
    pub goal: Goal,
    /// The largest set tried.
    pub max_size: usize,
    /// True when every minimal set of at most `max_size` changes is listed.
    pub complete: bool,
    /// What cut the search, when it was cut (the first reason met).
    pub cut: Option<Cut>,
    /// The sets.
    pub explanations: Vec<Explanation>,
    /// How the search went.
    pub search: SearchStats,
}

/// What is asked: an atom, whether it must hold or stop holding, and the ad-hoc changes
/// (`--assume`, `--assume-not`) the scenario is taken with before any set is tried.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Question {
    /// The atom.
    pub atom: GroundAtom,
    /// Hold, or stop holding.
    pub goal: Goal,
    /// Changes that make the scenario searched (an ad-hoc scenario extending it).
    pub base: WhatIf,
}

impl Question {
    /// A question about the scenario as written.
    pub fn new(atom: GroundAtom, goal: Goal) -> Self {
        Question {
            atom,
            goal,
            base: WhatIf::default(),
        }
    }
}

/// Bounds on the search; each cut is reported ([`Abduction::cut`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bounds {
    /// The largest set tried (`--max-size`, default 3).
    pub max_size: usize,
    /// The most sets listed (`--limit`, default 20).
    pub limit: usize,
    /// Whether `forbid` changes are tried (`--interventions`).
    pub interventions: bool,
    /// The most what-if runs made (`--max-what-if`, default 10,000).
    pub max_runs: usize,
}

impl Bounds {
    /// The default of `--max-size`.
    pub const MAX_SIZE: usize = 3;
    /// The largest `--max-size` accepted.
    pub const MAX_MAX_SIZE: usize = 6;
    /// The default of `--limit`.
    pub const LIMIT: usize = 20;
    /// The default of `--max-what-if`.
    pub const MAX_RUNS: usize = 10_000;
    /// The most candidate changes considered; past it the search is cut.
    pub const MAX_CANDIDATES: usize = 256;
    /// The most atom patterns the backward pass collects; past it the search is cut.
    pub const MAX_PATTERNS: usize = 100_000;
}

impl Default for Bounds {
    fn default() -> Self {
        Bounds {
            max_size: Bounds::MAX_SIZE,
            limit: Bounds::LIMIT,
            interventions: false,
            max_runs: Bounds::MAX_RUNS,
        }
    }
}

/// Every minimal set of at most `bounds.max_size` changes to `scenario` (taken with
/// `question.base`) that makes `question.atom` hold or stop holding, each verified by a
/// what-if run on `session`, each run held to `options`. An unknown scenario, or atoms of
/// another program, are errors; a run stopped by an evaluation limit is not (it is
/// counted, and the answer is marked incomplete).
pub fn abduce(
    session: &Session<'_>,
    scenario: ScenarioId,
    question: &Question,
    bounds: &Bounds,
    options: &Options,
) -> Result<Abduction, Error> {
    let program = session.program();
    let base = program
        .inputs(scenario)
        .and_then(|inputs| inputs.what_if(&question.base))
        .and_then(|base| program.own_atom(&question.atom).map(|()| base))
        .map_err(crate::engine::EngineError::from)?;
    let reached = backward::reach(program, &question.atom, question.goal);
    let mut search = search::Search::new(session.engine(), &base, question, bounds, options);
    search.stats.patterns = reached.items.len();
    if reached.truncated {
        search.cut(Cut::Budget);
    }
    let found = candidates::Found::collect(&mut search, &reached)?;
    search.run(found)
}

#[cfg(test)]
mod tests;
