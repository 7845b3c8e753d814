//! The emit step, shared by every derivation (a ground clause firing, a join's match), and
//! the merge step that folds a round's queues into the relations.

use super::super::join::Acc;
use super::super::relation::{Relation, TupleId, Update};
use super::pending::Pending;
use super::{Blocked, Limit};
use crate::program::{PredId, SymbolId};

/// What one derivation concludes: the head's slot in the stratum, and how its heights
/// follow from its premises'.
#[derive(Clone, Copy, Debug)]
pub(super) struct Head {
    /// The slot of the head's predicate in its stratum.
    pub slot: usize,
    /// The rule's likelihood rank: no proof above it.
    pub level: usize,
    /// How much higher a conclusion's proof is than its premises': 1, or 0 without
    /// provenance (every finite height is then 0).
    pub bump: u32,
}

/// The queues of a run's current stratum (one per slot), and the count of atoms the
/// rules derived, against the run's limit.
///
/// Invariants:
/// 1. `total` counts the new atoms merged so far in the run (facts, assumptions and
///    hypotheses are in the relations before, and are not counted);
/// 2. `total` never exceeds `limit.max`: the merge step stops at the first atom past it;
/// 3. every queue's new atoms, as of its last compaction, plus `total`, stay within the
///    limit (checked by [`Queues::compact`]), so no queue holds more than about `limit.max`
///    distinct rows, whatever the number of matches that made them.
#[derive(Debug)]
pub(super) struct Queues<'e, A> {
    /// Per slot of the current stratum.
    pending: Vec<Pending<A>>,
    /// The current stratum's predicates, by slot.
    preds: &'e [PredId],
    blocked: &'e Blocked,
    limit: &'e Limit<'e>,
    /// Invariant 1.
    total: usize,
}

/// A queue compaction found more new atoms than the limit allows: the run is over.
#[derive(Clone, Copy, Debug)]
pub(super) struct Full;

impl<'e, A: Acc> Queues<'e, A> {
    pub(super) fn new(blocked: &'e Blocked, limit: &'e Limit<'e>) -> Self {
        Queues {
            pending: Vec::new(),
            preds: &[],
            blocked,
            limit,
            total: 0,
        }
    }

    /// Empty queues for the slots of a stratum of predicates `preds`.
    pub(super) fn begin(&mut self, preds: &'e [PredId]) {
        let room = self.room();
        self.pending.truncate(preds.len());
        for p in &mut self.pending {
            p.clear(room);
        }
        self.pending.resize_with(preds.len(), || Pending::new(room));
        self.preds = preds;
    }

    /// How many more new atoms the limit allows.
    fn room(&self) -> usize {
        self.limit.max.saturating_sub(self.total)
    }

    /// The emit step: queues one derivation of `head` with the values `row` (in column
    /// order), from premises whose heights accumulated to `acc`. Compacts the queue when it
    /// is due; `Err(Full)` when it then holds more new atoms than the limit allows.
    #[inline]
    pub(super) fn emit(
        &mut self,
        head: Head,
        row: impl IntoIterator<Item = SymbolId>,
        acc: A,
        relations: &[Relation],
    ) -> Result<(), Full> {
        let out = &mut self.pending[head.slot];
        out.rows.extend(row);
        out.push_heights(acc.conclude(head.level, head.bump));
        if out.len >= out.compact_at {
            return self.compact(head.slot, relations);
        }
        Ok(())
    }

    /// Compacts the `slot`-th queue: `Err(Full)` when the new atoms queued would take the
    /// run past the limit (invariant 3).
    #[cold]
    fn compact(&mut self, slot: usize, relations: &[Relation]) -> Result<(), Full> {
        let others: usize =
            self.pending.iter().map(|p| p.fresh).sum::<usize>() - self.pending[slot].fresh;
        let pred = self.preds[slot];
        let rel = &relations[pred.index()];
        let blocked = self.blocked;
        let is_new = |row: &[SymbolId]| rel.find(row).is_none() && !is_blocked(blocked, pred, row);
        let room = self.room().saturating_sub(others);
        match self.pending[slot].compact(rel.arity(), room, is_new) {
            true => Ok(()),
            false => Err(Full),
        }
    }

    /// The merge step: inserts every queued row into the stratum's relations (but those
    /// the scenario blocks) and empties the queues; returns, per slot, the tuples that are
    /// new or whose heights fell, in id order. `level` is the run's one likelihood rank
    /// when its accumulators are uniform.
    pub(super) fn merge(
        &mut self,
        relations: &mut [Relation],
        level: usize,
    ) -> Result<Vec<Vec<TupleId>>, super::EngineError> {
        let mut delta = vec![Vec::new(); self.preds.len()];
        for (slot, &pred) in self.preds.iter().enumerate() {
            let rel = &mut relations[pred.index()];
            let arity = rel.arity();
            for (acc, n, rows) in self.pending[slot].runs(arity) {
                let h = acc.profile(level);
                // The pool's number of `h`, once a new tuple of the run has needed it.
                let mut profile = None;
                for i in 0..n {
                    let row = &rows[i * arity..(i + 1) * arity];
                    if is_blocked(self.blocked, pred, row) {
                        continue;
                    }
                    match rel.insert_with(row, &h, &mut profile, None) {
                        Update::New(t) => {
                            // Invariant 2.
                            self.total += 1;
                            if self.total > self.limit.max {
                                return Err(self.limit.exceeded(None));
                            }
                            delta[slot].push(t);
                        }
                        Update::Improved(t) => delta[slot].push(t),
                        Update::Unchanged => {}
                        Update::Full => return Err(self.limit.full(pred)),
                    }
                }
            }
            let room = self.room();
            self.pending[slot].clear(room);
            delta[slot].sort_unstable();
            delta[slot].dedup();
        }
        Ok(delta)
    }
}

/// Whether the scenario forces the atom `pred(row)` false.
fn is_blocked(blocked: &Blocked, pred: PredId, row: &[SymbolId]) -> bool {
    !blocked.is_empty() && blocked.contains(&(pred, Box::from(row)))
}
