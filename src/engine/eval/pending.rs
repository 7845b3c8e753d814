//! The queue of one predicate's derivations in one round, and its compaction.

use hashbrown::HashTable;
use hashbrown::hash_table::Entry;

use super::super::join::Acc;
use crate::program::SymbolId;

/// New rows derived in one round for one predicate, waiting to be merged.
///
/// Layout invariants:
/// 1. `rows` holds `len` rows of the relation's arity, back to back;
/// 2. `heights` holds their heights run-length encoded, the runs summing to `len`, in
///    row order;
/// 3. after [`Pending::compact`], no row is queued twice, and [`Pending::fresh`] of them
///    were new atoms when it ran.
#[derive(Debug)]
pub(super) struct Pending<A> {
    /// Invariant 1.
    pub(super) rows: Vec<SymbolId>,
    /// Invariant 2: the derivations of one round mostly share their heights, and 32 bytes a
    /// derivation would outweigh the row itself.
    heights: Vec<(A, u32)>,
    /// How many derivations are queued (rows may have no columns).
    pub(super) len: usize,
    /// At this many queued derivations, [`Pending::compact`] runs: one more than the new
    /// atoms the limit still allows (so a join of distinct new atoms stops at its first
    /// compaction), or twice what the last compaction kept.
    pub(super) compact_at: usize,
    /// Invariant 3: how many of the queued rows are new atoms, as of the last compaction.
    pub(super) fresh: usize,
}

/// The fewest queued derivations worth compacting: below it, a round's buffer is small
/// whatever the limit.
pub(super) const MIN_COMPACT: usize = 1 << 16;

impl<A: Acc> Default for Pending<A> {
    fn default() -> Self {
        Pending::new(0)
    }
}

impl<A: Acc> Pending<A> {
    /// An empty queue, for a run that may still derive `room` new atoms.
    pub(super) fn new(room: usize) -> Self {
        Pending {
            rows: Vec::new(),
            heights: Vec::new(),
            len: 0,
            compact_at: first_compaction(room),
            fresh: 0,
        }
    }

    /// Queues the heights of the row just appended to `rows` (invariant 2).
    #[inline]
    pub(super) fn push_heights(&mut self, heights: A) {
        self.len += 1;
        match self.heights.last_mut() {
            Some((last, run)) if *last == heights => *run += 1,
            _ => self.heights.push((heights, 1)),
        }
    }

    /// Empties the queue, for a run that may still derive `room` new atoms.
    pub(super) fn clear(&mut self, room: usize) {
        self.rows.clear();
        self.heights.clear();
        self.len = 0;
        self.fresh = 0;
        self.compact_at = first_compaction(room);
    }

    /// Every queued row of `arity` columns with its heights, in queue order.
    pub(super) fn iter(&self, arity: usize) -> impl Iterator<Item = (&[SymbolId], A)> {
        debug_assert_eq!(self.rows.len(), self.len * arity, "invariant 1");
        debug_assert_eq!(
            self.heights.iter().map(|&(_, n)| n as usize).sum::<usize>(),
            self.len,
            "invariant 2"
        );
        let heights = self
            .heights
            .iter()
            .flat_map(|&(acc, run)| std::iter::repeat_n(acc, run as usize));
        let rows = (0..self.len).map(move |i| &self.rows[i * arity..(i + 1) * arity]);
        rows.zip(heights)
    }

    /// Every run of equal heights (invariant 2), in queue order: the heights, how many
    /// rows, and those rows of `arity` columns back to back.
    pub(super) fn runs(&self, arity: usize) -> impl Iterator<Item = (A, usize, &[SymbolId])> {
        debug_assert_eq!(self.rows.len(), self.len * arity, "invariant 1");
        let mut at = 0;
        self.heights.iter().map(move |&(acc, n)| {
            // Widening: a run counts rows held in memory.
            let n = n as usize;
            let rows = &self.rows[at..at + n * arity];
            at += n * arity;
            (acc, n, rows)
        })
    }

    /// Folds repeated rows into their first occurrence, with the lowest heights of all of
    /// them, and counts the rows `is_new` says are new atoms ([`Pending::fresh`]). Merging
    /// the result changes a relation exactly as merging every derivation would (same
    /// tuples in the same order, same heights), but the queue now holds each row once:
    /// so a join's buffer is bounded by the atoms it could make, not by its matches.
    /// Stops, returning false, as soon as more than `room` new atoms are found (the queue
    /// is then unusable: the run is over).
    pub(super) fn compact(
        &mut self,
        arity: usize,
        room: usize,
        is_new: impl Fn(&[SymbolId]) -> bool,
    ) -> bool {
        let old = std::mem::replace(self, Pending::new(0));
        // Each kept row's position among the kept, and its hash.
        let mut first: HashTable<(usize, u64)> = HashTable::new();
        let mut kept: Vec<A> = Vec::new();
        let mut fresh = 0;
        for (row, acc) in old.iter(arity) {
            let hash = mix(row);
            let out = &self.rows;
            let same =
                |&(k, h): &(usize, u64)| h == hash && &out[k * arity..(k + 1) * arity] == row;
            match first.entry(hash, same, |&(_, h)| h) {
                Entry::Occupied(e) => {
                    let k = &mut kept[e.get().0];
                    *k = k.lower(acc);
                }
                Entry::Vacant(e) => {
                    e.insert((kept.len(), hash));
                    self.rows.extend_from_slice(row);
                    kept.push(acc);
                    fresh += usize::from(is_new(row));
                    if fresh > room {
                        return false;
                    }
                }
            }
        }
        for acc in kept {
            self.push_heights(acc);
        }
        self.fresh = fresh;
        self.compact_at = self
            .len
            .saturating_mul(2)
            .max(first_compaction(room - fresh));
        true
    }
}

/// When a queue compacts first, given the new atoms the limit still allows.
fn first_compaction(room: usize) -> usize {
    room.saturating_add(1).max(MIN_COMPACT)
}

/// A well-mixed hash of a row (each value folded in, then murmur3's finalizer): rows of
/// consecutive symbol ids, what a cross product queues, must not cluster.
fn mix(row: &[SymbolId]) -> u64 {
    // Widening: a row's length always fits in 64 bits.
    let mut h = row.len() as u64;
    for v in row {
        h = (h ^ u64::from(v.0)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        h ^= h >> 32;
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

#[cfg(test)]
mod tests {
    use super::{MIN_COMPACT, Pending};
    use crate::engine::relation::leaf_heights;
    use crate::likelihood::Likelihood;
    use crate::program::SymbolId;

    #[test]
    fn compaction_keeps_first_occurrences_with_the_lowest_heights() {
        let s = |v: u32| SymbolId(v);
        let mut pending = Pending::<[u32; 8]>::new(10);
        let (likely, certain) = (
            leaf_heights(Likelihood::Likely),
            leaf_heights(Likelihood::Certain),
        );
        for (row, h) in [
            (3, likely),
            (1, likely),
            (3, certain),
            (2, likely),
            (1, likely),
        ] {
            pending.rows.push(s(row));
            pending.push_heights(h);
        }
        assert!(pending.compact(1, 10, |row| row[0] != s(2)));
        assert_eq!(pending.rows, [s(3), s(1), s(2)]);
        let queued: Vec<_> = pending.iter(1).map(|(r, h)| (r[0], h)).collect();
        assert_eq!(queued, [(s(3), certain), (s(1), likely), (s(2), likely)]);
        assert_eq!(pending.heights, [(certain, 1), (likely, 2)]);
        assert_eq!((pending.len, pending.fresh), (3, 2));
        assert_eq!(pending.compact_at, MIN_COMPACT);
        // One new atom too many: stopped.
        assert!(!pending.compact(1, 1, |_| true));
    }
}
