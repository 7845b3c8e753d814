//! The round loop of one stratum, as named steps: [`Work::round_zero`], then rounds of
//! [`Work::merge`] (the pending queues become the delta), [`Work::scan`] (delta plans that
//! read the whole delta) and [`Work::wake`] (counted clauses waiting for the new tuples,
//! and delta plans keyed on a value of them), until a merge changes nothing.

use super::super::compile::guard::Active;
use super::super::ground::AtomId;
use super::super::join::{Acc, Scratch};
use super::super::relation::{Relation, TupleId};
use super::super::{Engine, Options, RuleStats, Stratum};
use super::emit::Queues;
use super::{EngineError, Limit, Run};
use crate::program::SymbolId;

/// The fewest atoms of one predicate in a stratum's network for which the stratum reserves
/// room in its relation up front.
const RESERVE_FROM: usize = 4096;

/// The state of a run's evaluation that every rule application writes to: the run's
/// queues and join buffers, and the current stratum's counters.
pub(super) struct Work<'e, 's, A> {
    pub(super) engine: &'e Engine<'e>,
    pub(super) options: &'e Options,
    pub(super) stats: &'s mut [RuleStats],
    pub(super) limit: &'e Limit<'e>,
    /// What this round derived, per slot of the current stratum.
    pub(super) out: Queues<'e, A>,
    /// Variable values, reused across applications.
    pub(super) env: Vec<SymbolId>,
    /// Join buffers, reused across applications, and the run's deadline.
    pub(super) scratch: Scratch<A>,
    /// Uniform heights are expanded to this level; full profiles ignore it.
    level: usize,
    /// Per predicate, whether the run adds atoms to it or removes them (see [`Run`]).
    impure: &'e [bool],
    /// Per counted clause of the stratum: how many of its premises in the stratum have not
    /// appeared yet. It fires when this reaches zero (the counter algorithm), and again
    /// whenever one of its premises' heights fall (invariant 4 of
    /// [`Network`](super::super::ground::Network)).
    pub(super) waiting: Vec<u32>,
    /// Per atom of the stratum's network: its tuple, once it holds (invariant 5 of
    /// [`Network`](super::super::ground::Network): outside atoms from the stratum's start,
    /// the others as they appear in a delta).
    pub(super) tuples: Vec<Option<TupleId>>,
    /// Per slot: tuple ids from here on appear in the current delta for the first time.
    pub(super) fresh_from: Vec<usize>,
    /// Which clauses and instances this run uses: a clause's instances stand in for it
    /// unless the run adds atoms to or removes atoms from its guard, in which case the
    /// clause runs itself.
    pub(super) active: Active,
}

impl<'e, 's, A: Acc> Work<'e, 's, A> {
    pub(super) fn new(
        engine: &'e Engine<'e>,
        options: &'e Options,
        stats: &'s mut [RuleStats],
        limit: &'e Limit<'e>,
        run: Run<'e>,
    ) -> Self {
        Work {
            engine,
            options,
            stats,
            limit,
            out: Queues::new(run.blocked, limit),
            env: Vec::new(),
            scratch: Scratch::until(run.deadline),
            level: run.uniform.unwrap_or(0),
            impure: run.impure,
            waiting: Vec::new(),
            tuples: Vec::new(),
            fresh_from: Vec::new(),
            active: Active::default(),
        }
    }

    /// Runs every stratum, in order, to its fixpoint.
    pub(super) fn run(mut self, relations: &mut [Relation]) -> Result<(), EngineError> {
        if self.scratch.deadline.passed() {
            return Err(self.timeout());
        }
        for stratum in &self.engine.strata {
            self.stratum(stratum, relations)?;
        }
        Ok(())
    }

    /// The round loop of one stratum (the invariant is on [`super::evaluate`]).
    fn stratum(
        &mut self,
        stratum: &'e Stratum,
        relations: &mut [Relation],
    ) -> Result<(), EngineError> {
        self.begin(stratum, relations);
        // The first delta is everything the stratum holds: all of it is new to it.
        let mut held: Option<Vec<Vec<TupleId>>> = Some(
            stratum
                .preds()
                .iter()
                .map(|p| relations[p.index()].ids().collect())
                .collect(),
        );
        self.round_zero(stratum, relations)?;
        loop {
            if self.scratch.deadline.passed() {
                return Err(self.timeout());
            }
            let delta = self.merge(stratum, relations, held.take())?;
            if delta.iter().all(Vec::is_empty) {
                return Ok(());
            }
            self.scan(stratum, &delta, relations)?;
            self.wake(stratum, &delta, relations)?;
        }
    }

    /// Resets the per-stratum state for `stratum`: empty queues, each counted clause
    /// waiting for all its premises in the stratum, its network's outside atoms looked up,
    /// and the clauses this run uses.
    fn begin(&mut self, stratum: &'e Stratum, relations: &mut [Relation]) {
        self.out.begin(stratum.preds());
        let network = stratum.network();
        self.waiting.clear();
        self.waiting.extend(network.waits());
        self.tuples.clear();
        self.tuples.resize(network.atoms(), None);
        // Room for every atom a large network can add, so that the merges never grow a
        // relation's tables step by step (a small one grows them for less than reserving).
        for (slot, p) in stratum.preds().iter().enumerate() {
            let atoms = network.atoms_in(slot);
            if atoms >= RESERVE_FROM {
                relations[p.index()].reserve(atoms);
            }
        }
        for &a in network.outside() {
            let rel = &relations[network.pred(a).index()];
            self.tuples[a.index()] = rel.find(network.row(a));
        }
        self.active = stratum.active(self.impure);
        // The first delta is new to the stratum from its first tuple on.
        self.fresh_from.clear();
        self.fresh_from.resize(stratum.preds().len(), 0);
    }

    /// Round 0: the clauses none of whose premises belongs to the stratum, over the whole
    /// relations (counted ones waiting for nothing fire). They never run again: nothing
    /// the stratum derives can feed them.
    fn round_zero(&mut self, stratum: &Stratum, relations: &[Relation]) -> Result<(), EngineError> {
        for id in stratum.round_zero() {
            self.apply(id, None, relations, stratum)?;
        }
        for c in stratum.network().ids() {
            if self.waiting[c.index()] == 0 {
                self.fire(stratum, c, relations)?;
            }
        }
        Ok(())
    }

    /// Merges the round's queues into the relations: the next delta, per slot. The first
    /// round's delta also has every tuple the stratum held before it (`held`).
    fn merge(
        &mut self,
        stratum: &Stratum,
        relations: &mut [Relation],
        held: Option<Vec<Vec<TupleId>>>,
    ) -> Result<Vec<Vec<TupleId>>, EngineError> {
        if held.is_none() {
            // Tuples numbered from here on are new in this merge.
            for (from, p) in self.fresh_from.iter_mut().zip(stratum.preds()) {
                *from = relations[p.index()].len();
            }
        }
        let mut delta = self.out.merge(relations, self.level)?;
        for (d, old) in delta.iter_mut().zip(held.into_iter().flatten()) {
            d.extend(old);
            d.sort_unstable();
            d.dedup();
        }
        Ok(delta)
    }

    /// The delta plans whose delta premise has no constant: each reads the whole delta.
    fn scan(
        &mut self,
        stratum: &Stratum,
        delta: &[Vec<TupleId>],
        relations: &[Relation],
    ) -> Result<(), EngineError> {
        for &wake in stratum.scans() {
            let (ci, di) = (wake.clause, wake.delta());
            let d = &stratum.clause(ci).deltas[di];
            if !delta[d.slot].is_empty() && self.active.contains(ci) {
                self.apply(ci, Some((di, &delta[d.slot])), relations, stratum)?;
            }
        }
        Ok(())
    }

    /// The counted clauses waiting for the new tuples, then the delta plans keyed on a
    /// column's value: each new tuple wakes the ones keyed on its values, so a clause is
    /// touched only when a tuple it can use appears.
    fn wake(
        &mut self,
        stratum: &Stratum,
        delta: &[Vec<TupleId>],
        relations: &[Relation],
    ) -> Result<(), EngineError> {
        let network = stratum.network();
        for (slot, tuples) in delta.iter().enumerate() {
            let pred = stratum.preds()[slot];
            let rel = &relations[pred.index()];
            if !network.is_empty() {
                for &t in tuples {
                    if self.scratch.deadline.tick() {
                        return Err(self.timeout());
                    }
                    if let Some(a) = network.find_in(slot, pred, rel.row(t)) {
                        let fresh = t.index() >= self.fresh_from[slot];
                        self.count(stratum, a, t, fresh, relations)?;
                    }
                }
            }
            for trigger in stratum.triggers(slot) {
                for t in tuples {
                    if self.scratch.deadline.tick() {
                        return Err(self.timeout());
                    }
                    for &wake in trigger.woken(rel.row(*t)[trigger.col]) {
                        let (ci, di) = (wake.clause, wake.delta());
                        if self.active.contains(ci) {
                            let one = std::slice::from_ref(t);
                            self.apply(ci, Some((di, one)), relations, stratum)?;
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// Atom `a` of the stratum's network is tuple `t`, which is new (`fresh`) or whose
    /// heights fell: counts down the clauses waiting for it, and fires those that wait for
    /// nothing more (invariant 4 of [`Network`](super::super::ground::Network)).
    fn count(
        &mut self,
        stratum: &Stratum,
        a: AtomId,
        t: TupleId,
        fresh: bool,
        relations: &[Relation],
    ) -> Result<(), EngineError> {
        if fresh {
            self.tuples[a.index()] = Some(t);
        }
        for &c in stratum.network().watchers(a) {
            let waiting = &mut self.waiting[c.index()];
            if fresh {
                // Invariant 4: a tuple is fresh in one delta only, and the clause is listed
                // once per premise occurrence, so it counts down at most `waits` times.
                debug_assert!(*waiting > 0, "a clause counted below zero");
                *waiting -= 1;
            }
            if *waiting == 0 {
                self.fire(stratum, c, relations)?;
            }
        }
        Ok(())
    }

    /// The error for a run past its deadline.
    pub(super) fn timeout(&self) -> EngineError {
        self.limit.timeout(&self.scratch.deadline)
    }
}
