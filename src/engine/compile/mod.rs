//! Compiling a program for evaluation: what [`Engine::new`](super::Engine::new) does, in
//! named stages run in this order.
//!
//! 1. **Facts** ([`guard::Facts`]): which predicates rules conclude, and each predicate's
//!    facts; what guards are made of.
//! 2. **Per-stratum compile** ([`stratum::compile`]): each stratum's clauses (one per rule
//!    conclusion): the ground ones counted in the stratum's network
//!    ([`Network`](super::ground::Network)), the others with their join plans and the
//!    triggers that wake them. Each plan asks the index catalogue for the indexes it reads.
//! 3. **Guard instantiation** ([`guard::instantiate`], run inside stage 2): a recursive
//!    rule with a guard premise becomes one ground instance per guard fact, counted in the
//!    network.
//! 4. **Conflicts** ([`conflicts`]): a plan for each conflict's premises.
//! 5. **Index catalogue** ([`catalogue::Catalogue::seal`]): the indexes every run builds
//!    and those only a fallback run adds, and each plan step's index position.
//!
//! Three invariants hold the stages together, each stated once on the type that enforces
//! it: when a fallback index exists and may be used ([`catalogue::Indexes`]), what a
//! counted ground clause holds ([`Network`](super::ground::Network)), and when a guard rule
//! runs by joins ([`guard::Instances`]).

pub(crate) mod catalogue;
pub(crate) mod guard;
pub(crate) mod stratum;

use super::plan::{self, Plan};
use crate::program::Program;
use catalogue::{Catalogue, Use};

/// A clause that runs by joins, in its stratum (in the stratum's order). Every per-clause
/// fact of a stratum is looked up by it ([`stratum::Stratum`]); counted clauses have a
/// [`CountedId`](super::ground::CountedId) instead.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct ClauseId(u32);

// `ClauseId::index` widens a `u32` to a `usize`, which is lossless only on targets whose
// pointers have at least 32 bits.
const _: () = assert!(usize::BITS >= 32);

impl ClauseId {
    /// The id of position `i`, if it fits.
    pub fn new(i: usize) -> Option<Self> {
        u32::try_from(i).ok().map(ClauseId)
    }

    /// Its position among its stratum's join clauses.
    pub fn index(self) -> usize {
        // Lossless: see the assertion above.
        self.0 as usize
    }
}

/// A delta plan to run: the clause and which of its delta premises
/// ([`stratum::Clause::deltas`]) reads the new tuples.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Wake {
    /// The clause.
    pub clause: ClauseId,
    /// The delta premise, as a position in the clause's `deltas`.
    delta: u32,
}

impl Wake {
    pub(super) fn new(clause: ClauseId, delta: usize) -> Self {
        // A clause's deltas are some of its rule's premises, each a plan step already in
        // memory: fewer than `u32::MAX`.
        #[expect(clippy::expect_used, reason = "a rule has fewer than 2^32 premises")]
        let delta = u32::try_from(delta).expect("a rule has fewer than 2^32 premises");
        Wake { clause, delta }
    }

    /// The delta premise's position in the clause's `deltas`.
    pub fn delta(self) -> usize {
        // Lossless: see the assertion beside `ClauseId`.
        self.delta as usize
    }
}

/// Stage 4: a plan for each conflict's premises, reading indexes every run builds.
pub(super) fn conflicts(program: &Program, catalogue: &mut Catalogue) -> Vec<Plan> {
    program
        .conflicts()
        .iter()
        .map(|c| {
            plan::plan(&c.premises, c.vars.len(), Vec::new(), None, |p, cols| {
                catalogue.want(Use::Always, p, cols)
            })
        })
        .collect()
}

#[cfg(test)]
mod tests;
