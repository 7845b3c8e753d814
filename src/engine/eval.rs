//! Semi-naive bottom-up evaluation, stratum by stratum, with likelihood heights as the
//! annotation. See [`evaluate`] for the invariant; the round loop and its steps are in
//! `round`, a clause's application (a join, or a ground clause's counter) in `apply`, the
//! emit and merge steps every derivation goes through in `emit`, and the queue a round
//! fills in `pending`.

mod apply;
mod emit;
mod pending;
mod round;
#[cfg(test)]
mod tests;

use super::budget::Deadline;
use super::error::{Counted, EngineError};
use super::join::Uniform;
use super::relation::Heights;
use super::{Engine, Options, RuleStats};
use crate::program::{PredId, Program, RuleId, SymbolId};

/// The atoms the scenario forces false (`assume not`): never derived.
///
/// A sorted list probed by binary search with a borrowed row: the evaluator asks about
/// every row it merges while a run forbids something, and a run forbids few atoms, so
/// neither a hash nor an allocation per probe is worth paying.
#[derive(Clone, Debug, Default)]
pub(super) struct Blocked {
    /// Sorted by predicate, then row; no atom twice.
    atoms: Vec<(PredId, Box<[SymbolId]>)>,
}

impl Blocked {
    /// The atoms `atoms`, in any order, repeats allowed.
    pub(super) fn new(atoms: impl IntoIterator<Item = (PredId, Box<[SymbolId]>)>) -> Self {
        let mut atoms: Vec<_> = atoms.into_iter().collect();
        atoms.sort_unstable();
        atoms.dedup();
        Blocked { atoms }
    }

    /// Whether no atom is forbidden.
    pub(super) fn is_empty(&self) -> bool {
        self.atoms.is_empty()
    }

    /// Whether the atom `pred(row)` is forbidden.
    pub(super) fn holds(&self, pred: PredId, row: &[SymbolId]) -> bool {
        !self.atoms.is_empty()
            && self
                .atoms
                .binary_search_by(|(p, r)| (*p, &**r).cmp(&(pred, row)))
                .is_ok()
    }

    /// [`Blocked::holds`] for an owned key (the evaluator's earlier interface).
    pub(super) fn contains(&self, key: &(PredId, Box<[SymbolId]>)) -> bool {
        self.holds(key.0, &key.1)
    }
}

/// Runs every stratum of `engine`'s program to its fixpoint over `relations`, which hold
/// the facts and assumptions already.
///
/// The semi-naive invariant, per stratum:
/// 1. **stable**: every derivation whose premises are all unchanged since the last round
///    has been applied: its conclusion exists with heights at most the derivation's;
/// 2. **recent** (the delta): the tuples that are new or whose heights fell in the last
///    round; only derivations using at least one of them can change anything;
/// 3. **pending**: what this round derived, merged at its end; whatever it changed
///    becomes the next delta.
///
/// Round 0 evaluates, over the whole relations, each rule none of whose premises belongs to
/// the stratum (rules fed only by lower strata). The first delta is every tuple the
/// stratum's predicates already hold (facts, assumptions) together with what round 0
/// derived; from then on each round evaluates, for each premise whose predicate belongs to
/// the stratum, the rule with that premise read from the delta (only from the delta tuples
/// that match the premise's first constant, when it has one). So a rule is touched only
/// when one of its own premises appears. The stratum is done when a round changes nothing.
/// Heights only fall and are bounded below, so it always ends.
///
/// When every rule and leaf of the run has one likelihood ([`Run::uniform`]), joins carry
/// one height instead of eight ([`Uniform`]).
pub(super) fn evaluate(
    engine: &Engine,
    relations: &mut [super::Relation],
    stats: &mut [RuleStats],
    options: &Options,
    run: Run<'_>,
) -> Result<(), EngineError> {
    let limit = Limit {
        max: options.max_derived,
        scenario: run.scenario,
        program: engine.program,
    };
    match run.uniform {
        Some(_) => round::Work::<Uniform>::new(engine, options, stats, &limit, run).run(relations),
        None => round::Work::<Heights>::new(engine, options, stats, &limit, run).run(relations),
    }
}

/// What one run is.
#[derive(Clone, Copy, Debug)]
pub(super) struct Run<'a> {
    /// The scenario's name, for errors.
    pub scenario: &'a str,
    /// The rank of the one likelihood every rule and leaf of the run has, if there is one.
    pub uniform: Option<usize>,
    /// Per predicate, whether the run adds atoms to it or removes them beyond the
    /// program's facts (assumptions, `assume not`, hypotheses).
    pub impure: &'a [bool],
    /// The atoms the scenario forces false (`assume not`): never derived.
    pub blocked: &'a Blocked,
    /// When the run must stop.
    pub deadline: Deadline,
}

/// The derived-atom limit, the scenario it is reported for, and the program whose names
/// the errors use.
#[derive(Debug)]
struct Limit<'a> {
    max: usize,
    scenario: &'a str,
    program: &'a Program,
}

impl Limit<'_> {
    /// The error for more than `max` derived atoms, found while `rule` was joining.
    fn exceeded(&self, rule: Option<RuleId>) -> EngineError {
        EngineError::LimitExceeded {
            scenario: self.scenario.to_owned(),
            limit: self.max,
            counted: Counted::Atoms,
            rule: rule.map(|r| self.program.rule(r).name.to_string()),
        }
    }

    /// The error for a predicate with more atoms than a relation can number.
    fn full(&self, pred: PredId) -> EngineError {
        EngineError::TooManyAtoms {
            scenario: self.scenario.to_owned(),
            predicate: self.program.predicate(pred).name.clone(),
        }
    }

    /// The error for a run past its deadline.
    fn timeout(&self, deadline: &Deadline) -> EngineError {
        EngineError::Timeout {
            scenario: self.scenario.to_owned(),
            timeout: deadline.budget().unwrap_or_default(),
        }
    }
}
