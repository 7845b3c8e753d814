//! One predicate's tuples in one scenario: flat rows, their proof heights per likelihood
//! level, their leaf origin, a dedup table and the column indexes join plans asked for.

use std::hash::Hasher;

use hashbrown::HashTable;
use rustc_hash::{FxHashMap, FxHasher};
use smallvec::SmallVec;

use crate::likelihood::Likelihood;
use crate::program::{FactId, ScenarioId, SymbolId};

/// A tuple's position in its relation. A relation numbers at most 2^32 tuples: inserting
/// past that is `Update::Full`, never a wrapped or repeated id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TupleId(pub u32);

impl TupleId {
    /// The id of the `index`-th tuple, if a relation can number it.
    pub fn new(index: usize) -> Option<Self> {
        u32::try_from(index).ok().map(TupleId)
    }

    /// The tuple's position.
    pub fn index(self) -> usize {
        // Widening: usize holds a u32 on every target augur builds for (see `lib.rs`).
        self.0 as usize
    }
}

/// No proof at this level.
pub const INF: u32 = u32::MAX;

/// `heights[l]` is the height of the lowest proof whose every step (facts, assumptions and
/// rules) has likelihood at least level `l`; [`INF`] when there is none. A tuple's
/// likelihood is the highest level with a finite height, and the heights never decrease
/// as the level rises.
pub type Heights = [u32; 8];

/// Heights of a leaf of likelihood `level`: 0 up to it, none above.
pub fn leaf_heights(level: Likelihood) -> Heights {
    std::array::from_fn(|l| if l <= level.rank() { 0 } else { INF })
}

/// The likelihood the heights give, `None` when there is no proof at all.
pub fn likelihood_of(heights: &Heights) -> Option<Likelihood> {
    heights
        .iter()
        .rposition(|&h| h != INF)
        .map(|l| Likelihood::ALL[l])
}

/// Where a height-0 proof comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Leaf {
    /// A `fact` declaration.
    Fact(FactId),
    /// The `i`-th extra atom of a what-if run ([`crate::engine::Engine::run_with`]).
    Hypothesis(u32),
    /// The `index`-th `assume` line of `scenario`.
    Assumed {
        /// The scenario whose block holds the line.
        scenario: ScenarioId,
        /// Position in that scenario's own assumptions.
        index: u32,
    },
}

/// What inserting a tuple did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Update {
    /// The tuple is new.
    New(TupleId),
    /// The tuple existed and some height went down.
    Improved(TupleId),
    /// Nothing changed.
    Unchanged,
    /// The tuple is new, but the relation already numbers as many tuples as a
    /// [`TupleId`] can: it was not added.
    Full,
}

/// A hash index on some columns: groups of tuples with equal values there.
///
/// Each slot holds its group's number and the key's check word ([`row_check`]), so a probe
/// on one column never leaves the table, and on more reads a group's first row only when
/// it very likely matches. Groups are small vectors: most
/// hold a tuple or two, and a heap block each made building indexes allocation-bound.
#[derive(Clone, Debug)]
struct Index {
    cols: Box<[usize]>,
    table: HashTable<(u32, u32)>,
    groups: Vec<SmallVec<[TupleId; 4]>>,
}

/// The tuples of one predicate.
#[derive(Clone, Debug)]
pub struct Relation {
    arity: usize,
    data: Vec<SymbolId>,
    /// Per tuple, its heights as an index into `pool`: tuples mostly share a few height
    /// profiles, so this costs 4 bytes a tuple instead of 32.
    heights: Vec<u32>,
    pool: Pool,
    /// The strongest leaf behind each tuple that is a fact or an assumption. Leaves are
    /// inserted before evaluation, so they sit among the first tuples: a vector indexed by
    /// tuple, no longer than the last leaf, costs derived tuples nothing.
    leaves: Vec<Option<(Leaf, Likelihood)>>,
    /// Every tuple with its row's check word ([`row_check`]), so that growing the table
    /// never reads the rows, and a probe reads one only when it very likely matches.
    dedup: HashTable<(TupleId, u32)>,
    indexes: Vec<Index>,
}

fn hash_values(values: impl Iterator<Item = SymbolId>) -> u64 {
    let mut h = FxHasher::default();
    for v in values {
        h.write_u32(v.0);
    }
    h.finish()
}

/// The check word a table slot keeps for a row or key: the value itself for one column (so
/// finding it never reads the rows), else its hash folded to 32 bits. The slot's place in
/// the table comes from it too ([`spread`]), so growing a table never reads rows either.
fn row_check(row: &[SymbolId]) -> u32 {
    ids_check(row.iter().map(|s| s.0))
}

fn ids_check(ids: impl ExactSizeIterator<Item = u32> + Clone) -> u32 {
    match ids.len() {
        1 => ids.clone().next().unwrap_or(0),
        _ => fold(hash_values(ids.map(SymbolId))),
    }
}

fn fold(h: u64) -> u32 {
    (h ^ (h >> 32)) as u32
}

/// The table hash of a kept 32-bit hash: multiplying by an odd constant spreads it over the
/// high bits (which pick the control tag) while keeping the low bits (which pick the
/// bucket) a bijection of its own low bits.
fn spread(h: u32) -> u64 {
    u64::from(h).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

impl Relation {
    /// An empty relation with indexes on the given column sets.
    pub fn new(arity: usize, index_cols: &[Box<[usize]>]) -> Self {
        let indexes = index_cols
            .iter()
            .map(|cols| Index {
                cols: cols.clone(),
                table: HashTable::new(),
                groups: Vec::new(),
            })
            .collect();
        Relation {
            arity,
            data: Vec::new(),
            heights: Vec::new(),
            pool: Pool::default(),
            leaves: Vec::new(),
            dedup: HashTable::new(),
            indexes,
        }
    }

    /// Empties the relation for another run, keeping its memory and its indexes' columns:
    /// afterwards it behaves exactly as [`Relation::new`] with the same columns (tuples are
    /// numbered from 0 again, and no table is ever listed, so what the tables' memory held
    /// before changes nothing).
    pub fn clear(&mut self) {
        self.data.clear();
        self.heights.clear();
        self.pool.clear();
        self.leaves.clear();
        self.dedup.clear();
        for ix in &mut self.indexes {
            ix.table.clear();
            ix.groups.clear();
        }
    }

    /// Makes room for `additional` more tuples, so that loading a known number of facts
    /// never grows the tables step by step.
    pub fn reserve(&mut self, additional: usize) {
        self.data.reserve(additional * self.arity);
        self.heights.reserve(additional);
        self.dedup.reserve(additional, |&(_, h)| spread(h));
        for ix in &mut self.indexes {
            ix.table.reserve(additional, |&(_, c)| spread(c));
            ix.groups.reserve(additional);
        }
    }

    /// Number of columns.
    pub fn arity(&self) -> usize {
        self.arity
    }

    /// Number of tuples.
    pub fn len(&self) -> usize {
        self.heights.len()
    }

    /// Whether there are no tuples.
    pub fn is_empty(&self) -> bool {
        self.heights.is_empty()
    }

    /// The values of a tuple.
    pub fn row(&self, t: TupleId) -> &[SymbolId] {
        &self.data[t.index() * self.arity..(t.index() + 1) * self.arity]
    }

    /// The proof heights of a tuple.
    pub fn heights(&self, t: TupleId) -> &Heights {
        // A relation of facts alone has one profile: no need to read the tuple's entry.
        match &self.pool.profiles[..] {
            [only] => only,
            pool => &pool[self.heights[t.index()] as usize],
        }
    }

    /// The likelihood of `not X`, for `X` this relation's tuple `t` (`None`: X is not in
    /// the relation): `certain` when X does not hold, the mirror of X's likelihood when X
    /// holds below `certain` ([`Likelihood::negated`]), and `None`, the `not` failing, when
    /// X is certain. X's predicate lies in a lower stratum, so its likelihood is final.
    pub fn negation(&self, t: Option<TupleId>) -> Option<Likelihood> {
        match t.and_then(|t| likelihood_of(self.heights(t))) {
            None => Some(Likelihood::Certain),
            Some(l) => l.negated(),
        }
    }

    /// The strongest leaf (fact or assumption) behind a tuple, if any.
    pub fn leaf(&self, t: TupleId) -> Option<(Leaf, Likelihood)> {
        self.leaves.get(t.index()).copied().flatten()
    }

    /// Every tuple id, in insertion order.
    pub fn ids(&self) -> impl Iterator<Item = TupleId> + use<> {
        // Invariant: every tuple has an id (`insert` adds none past the last one).
        (0..self.heights.len()).map_while(TupleId::new)
    }

    /// The tuple with these values, if present.
    pub fn find(&self, row: &[SymbolId]) -> Option<TupleId> {
        self.find_by(row_check(row), |r| r == row)
    }

    /// The tuple whose row has these symbol ids, if present.
    pub fn find_ids(&self, ids: &[u32]) -> Option<TupleId> {
        let same = |r: &[SymbolId]| r.iter().map(|s| s.0).eq(ids.iter().copied());
        self.find_by(ids_check(ids.iter().copied()), same)
    }

    /// The tuple whose slot has this check word and whose row passes `same` (not even
    /// read for one column, where the check word is the value).
    fn find_by(&self, check: u32, same: impl Fn(&[SymbolId]) -> bool) -> Option<TupleId> {
        let exact = self.arity <= 1;
        self.dedup
            .find(spread(check), |&(t, c)| {
                c == check && (exact || same(self.row(t)))
            })
            .map(|&(t, _)| t)
    }

    /// The index whose columns are exactly `cols`, if one was built.
    pub fn index_on(&self, cols: &[usize]) -> Option<usize> {
        self.indexes.iter().position(|i| &*i.cols == cols)
    }

    /// Column sets of the indexes, by position.
    pub fn index_columns(&self) -> impl Iterator<Item = &[usize]> {
        self.indexes.iter().map(|i| &*i.cols)
    }

    /// The tuples whose indexed columns equal `key` (in the index's column order).
    pub fn probe(&self, index: usize, key: &[SymbolId]) -> &[TupleId] {
        self.probe_group(index, key)
            .map_or(&[], |g| self.group(index, g))
    }

    /// The group of tuples whose indexed columns equal `key`, as a number for
    /// [`Relation::group`], if there is one.
    pub fn probe_group(&self, index: usize, key: &[SymbolId]) -> Option<u32> {
        let ix = &self.indexes[index];
        let check = row_check(key);
        let exact = ix.cols.len() == 1;
        ix.table
            .find(spread(check), |&(g, c)| {
                c == check
                    && (exact || {
                        let row = self.row(ix.groups[g as usize][0]);
                        ix.cols.iter().zip(key).all(|(&c, k)| row[c] == *k)
                    })
            })
            .map(|&(g, _)| g)
    }

    /// [`Relation::probe_group`] on an index of one column: the key is `value`, which is
    /// also the slots' check word (`row_check`), so a probe never reads a row.
    #[inline]
    pub fn probe_one(&self, index: usize, value: SymbolId) -> Option<u32> {
        let ix = &self.indexes[index];
        debug_assert_eq!(ix.cols.len(), 1, "an index on one column");
        let check = value.0;
        ix.table
            .find(spread(check), |&(_, c)| c == check)
            .map(|&(g, _)| g)
    }

    /// The tuples of a group found by [`Relation::probe_group`].
    pub fn group(&self, index: usize, group: u32) -> &[TupleId] {
        &self.indexes[index].groups[group as usize]
    }

    fn set_leaf(&mut self, t: TupleId, leaf: (Leaf, Likelihood)) {
        if self.leaves.len() <= t.index() {
            self.leaves.resize(t.index() + 1, None);
        }
        self.leaves[t.index()] = Some(leaf);
    }

    /// Adds a derivation: inserts the tuple or lowers its heights. `leaf` records a fact or
    /// assumption when it is the strongest one seen.
    pub fn insert(
        &mut self,
        row: &[SymbolId],
        heights: &Heights,
        leaf: Option<(Leaf, Likelihood)>,
    ) -> Update {
        self.insert_with(row, heights, &mut None, leaf)
    }

    /// [`Relation::insert`] for a run of rows of the same heights: `profile` is the pool's
    /// number of `heights` once a new tuple has needed it (`None` before), kept by the
    /// caller across the run so that each new tuple does not look its heights up again.
    /// The pool only grows until [`Relation::clear`], so a number once given stays right.
    #[inline]
    pub fn insert_with(
        &mut self,
        row: &[SymbolId],
        heights: &Heights,
        profile: &mut Option<u32>,
        leaf: Option<(Leaf, Likelihood)>,
    ) -> Update {
        debug_assert_eq!(row.len(), self.arity, "a row has the relation's arity");
        debug_assert_eq!(self.data.len(), self.len() * self.arity, "rows are flat");
        let arity = self.arity;
        let next = TupleId::new(self.len());
        let data = &self.data;
        let row_of = |t: TupleId| &data[t.index() * arity..(t.index() + 1) * arity];
        // One hash and one probe whether the tuple is new or not: most derivations in a
        // big fixpoint are repeats or new rows, and both are decided here.
        let h = row_check(row);
        let exact = arity <= 1;
        let entry = self.dedup.entry(
            spread(h),
            |&(t, c)| c == h && (exact || row_of(t) == row),
            |&(_, c)| spread(c),
        );
        let t = match entry {
            hashbrown::hash_table::Entry::Occupied(found) => found.get().0,
            hashbrown::hash_table::Entry::Vacant(slot) => {
                let interned = match *profile {
                    Some(p) => Some(p),
                    None => self.pool.intern(*heights),
                };
                let (Some(next), Some(interned)) = (next, interned) else {
                    return Update::Full;
                };
                debug_assert_eq!(self.pool.profiles[interned as usize], *heights);
                *profile = Some(interned);
                slot.insert((next, h));
                self.add_row(next, row, interned, leaf);
                return Update::New(next);
            }
        };
        let old = self.heights(t);
        let changed = heights.iter().zip(old).any(|(new, old)| new < old);
        if changed {
            let merged: Heights = std::array::from_fn(|l| old[l].min(heights[l]));
            let Some(profile) = self.pool.intern(merged) else {
                return Update::Full;
            };
            self.heights[t.index()] = profile;
        }
        if let Some((new_leaf, level)) = leaf
            && self.leaf(t).is_none_or(|(_, old)| level > old)
        {
            self.set_leaf(t, (new_leaf, level));
        }
        if changed {
            Update::Improved(t)
        } else {
            Update::Unchanged
        }
    }

    /// Stores a new tuple `t` (already in the dedup table) of heights `profile` (in the
    /// pool) and adds it to every index.
    #[inline]
    fn add_row(
        &mut self,
        t: TupleId,
        row: &[SymbolId],
        profile: u32,
        leaf: Option<(Leaf, Likelihood)>,
    ) {
        push_row(&mut self.data, row);
        self.heights.push(profile);
        if let Some(leaf) = leaf {
            self.set_leaf(t, leaf);
        }
        // A derived relation mostly has no index: then nothing more to do, and no call.
        if !self.indexes.is_empty() {
            self.index_row(t, row);
        }
    }

    /// Adds the new tuple `t`, whose values are `row`, to every index.
    fn index_row(&mut self, t: TupleId, row: &[SymbolId]) {
        let Relation {
            data,
            indexes,
            arity,
            ..
        } = self;
        let arity = *arity;
        let row_of = |t: TupleId| &data[t.index() * arity..(t.index() + 1) * arity];
        let mut key = SmallVec::<[SymbolId; 4]>::new();
        for ix in indexes.iter_mut() {
            key.clear();
            key.extend(ix.cols.iter().map(|&c| row[c]));
            let check = row_check(&key);
            let exact = ix.cols.len() == 1;
            let hash = spread(check);
            let Index {
                cols,
                table,
                groups,
            } = &mut *ix;
            let found = table.find(hash, |&(g, c)| {
                c == check
                    && (exact || {
                        let first = row_of(groups[g as usize][0]);
                        cols.iter().all(|&c| first[c] == row[c])
                    })
            });
            match found {
                Some(&(g, _)) => groups[g as usize].push(t),
                None => {
                    let g = group_number(groups.len(), t);
                    groups.push(smallvec::smallvec![t]);
                    table.insert_unique(hash, (g, check), |&(_, c)| spread(c));
                }
            }
        }
    }
}

/// Appends `row` to `data`: short rows by value, since a copy of unknown length calls
/// `memcpy`, which costs more than the row.
#[inline]
fn push_row(data: &mut Vec<SymbolId>, row: &[SymbolId]) {
    match *row {
        [a] => data.push(a),
        [a, b] => data.extend_from_slice(&[a, b]),
        [a, b, c] => data.extend_from_slice(&[a, b, c]),
        _ => data.extend_from_slice(row),
    }
}

/// The number of a new group made for tuple `t`, given how many groups there are.
#[expect(
    clippy::expect_used,
    reason = "each group holds a tuple added before `t`, so there are at most `t.0` of them"
)]
fn group_number(groups: usize, t: TupleId) -> u32 {
    debug_assert!(groups <= t.index());
    u32::try_from(groups).expect("fewer groups than tuples")
}

/// A relation's distinct height profiles: tuples mostly share a few, so each tuple keeps a
/// 4-byte number into the pool instead of 32 bytes.
///
/// Invariant: `index` maps every profile to its number once there are more than
/// [`Pool::SCAN`] of them, and is empty before (a scan of a few profiles is cheaper than
/// hashing, and a small relation then allocates no map at all).
#[derive(Clone, Debug, Default)]
struct Pool {
    profiles: Vec<Heights>,
    index: FxHashMap<Heights, u32>,
    /// The profile interned last, and its number.
    last: Option<(Heights, u32)>,
}

impl Pool {
    /// Up to this many profiles, a lookup scans them.
    const SCAN: usize = 8;

    /// The number of a height profile, adding it when new; `None` when the pool already
    /// numbers 2^32 profiles.
    fn intern(&mut self, heights: Heights) -> Option<u32> {
        // Derivations of one round mostly share their heights: skip hashing them.
        if let Some(&(last, i)) = self.last.as_ref()
            && last == heights
        {
            return Some(i);
        }
        let found = match self.profiles.len() {
            n if n <= Self::SCAN => self
                .profiles
                .iter()
                .position(|p| *p == heights)
                .and_then(|i| u32::try_from(i).ok()),
            _ => self.index.get(&heights).copied(),
        };
        let i = match found {
            Some(i) => i,
            None => {
                let i = u32::try_from(self.profiles.len()).ok()?;
                self.profiles.push(heights);
                if self.profiles.len() > Self::SCAN {
                    // The invariant: past the scan, every profile is in the map.
                    if self.index.is_empty() {
                        self.index.extend(self.profiles.iter().copied().zip(0..));
                    } else {
                        self.index.insert(heights, i);
                    }
                }
                i
            }
        };
        self.last = Some((heights, i));
        Some(i)
    }

    /// Forgets every profile, keeping the memory.
    fn clear(&mut self) {
        self.profiles.clear();
        self.index.clear();
        self.last = None;
    }
}

#[cfg(test)]
mod tests;
