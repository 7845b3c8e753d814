//! Ground clauses as a counted network: the counter algorithm's data.
//!
//! A clause without variables, or an instance of a rule kept as data (see
//! [`compile::guard`](super::compile::guard)), is evaluated by counting (the
//! Dowling-Gallier counter algorithm): each distinct ground atom of a stratum's ground
//! clauses is interned once, to a dense [`AtomId`]; a clause is a few words and a run of
//! premise atom ids in one flat array; and each atom lists, in one flat occurrence array
//! (CSR: offsets and occurrences, built by a counting sort), the clauses it wakes. A large
//! ground network is cache-miss bound, so firing a clause reads a handful of adjacent
//! words and per-atom arrays, never a rule's premise and argument lists across the heap,
//! and never hashes a premise.

use hashbrown::HashTable;

use crate::hash::HashMap;
use rustc_hash::FxHasher;
use std::hash::Hasher;
use std::ops::Range;

use crate::likelihood::Likelihood;
use crate::program::unify::value;
use crate::program::{Arg, PredId, Program, Rule, RuleId, SymbolId};

/// An interned ground atom of one stratum's [`Network`]: its position there.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct AtomId(u32);

/// A counted clause (a ground clause or an instance) of one stratum's [`Network`]: its
/// position there. Ground clauses come first, in the stratum's order, then the instances.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct CountedId(pub(in crate::engine) u32);

// Both ids widen a `u32` to a `usize`, which is lossless only where pointers have at least
// 32 bits.
const _: () = assert!(usize::BITS >= 32);

impl AtomId {
    /// Its position among its network's atoms.
    pub fn index(self) -> usize {
        // Lossless: see the assertion above.
        self.0 as usize
    }
}

impl CountedId {
    /// Its position among its network's clauses.
    pub fn index(self) -> usize {
        // Lossless: see the assertion above.
        self.0 as usize
    }
}

/// What a counted clause holds besides its premises.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Counted {
    pub rule: RuleId,
    /// The conclusion.
    pub head: AtomId,
    /// The slot of the head's predicate in the stratum.
    pub slot: u32,
    /// How many of its premises are positive and in the stratum: the first ones.
    waits: u32,
    /// How many of its premises are negated: the last ones.
    negated: u32,
    /// The rule's likelihood.
    pub level: Likelihood,
    /// For an instance, the likelihood of the guard fact it was made from: that premise
    /// holds, at that likelihood, and is not stored.
    pub fact: Option<Likelihood>,
}

/// One stratum's ground clauses and instances, counted.
///
/// What a counted clause holds, step by step (the invariant of the counted ground path):
/// 1. **Atoms**: every ground atom a clause mentions is interned once per stratum: its
///    predicate, and its values at `values[starts[a]..starts[a + 1]]`. Every value is a
///    symbol id: a ground clause has no variables, and an instance binds them all
///    (invariant 1 of [`Instances`](super::compile::guard::Instances));
///    [`Network::add`] checks it (`debug_assert!`).
/// 2. **Premises**: clause `c`'s premises are the atom ids
///    `premises[premise_starts[c]..premise_starts[c + 1]]`: first its positive premises
///    whose predicate is in the stratum ([`Counted::waits`] of them), then its other
///    positive premises, then its negated ones ([`Counted::negated`] of them). An
///    instance's guard premise is not stored: it holds at [`Counted::fact`].
/// 3. **Room**: a network never passes its limit of words (`u32::MAX` unless a test says
///    less: [`Network::reserve`], [`words`]), so every atom id, clause id and offset fits
///    its `u32` exactly; a clause that would not fit is not counted (it runs by joins).
/// 4. **Counting**: after [`Network::seal`], `watchers[watch_starts[a]..watch_starts[a +
///    1]]` are the clauses that have `a` among their first `waits` premises, once per
///    occurrence, in clause order. A clause waits for `waits` appearances; it fires when
///    the count reaches zero, and again whenever a premise's heights fall.
/// 5. **Outside atoms**: atoms of predicates outside the stratum ([`Network::outside`])
///    are complete before it starts, so a run looks each one up once, when the stratum
///    begins; atoms of the stratum's predicates are known as they appear in a delta.
#[derive(Debug)]
pub(crate) struct Network {
    /// Invariant 1, per atom.
    preds: Vec<PredId>,
    starts: Vec<u32>,
    values: Vec<SymbolId>,
    /// The interning table: each atom's id and check word ([`check`]).
    table: HashTable<(AtomId, u32)>,
    /// Invariant 2, per clause.
    clauses: Vec<Counted>,
    premise_starts: Vec<u32>,
    premises: Vec<AtomId>,
    /// Invariant 4, per atom (empty until sealed).
    watch_starts: Vec<u32>,
    watchers: Vec<CountedId>,
    /// Invariant 5.
    outside: Vec<AtomId>,
    /// Atoms of one-column predicates by symbol id: interning one, and finding a delta
    /// tuple's atom ([`Network::find_in`]), is one read, no hash. A predicate gets a table
    /// (of every symbol of the program) while the tables stay within `dense_room` entries,
    /// twice the clauses: never more than the clauses themselves cost (so a small network,
    /// of a program with more symbols than twice its clauses, hashes all its atoms).
    dense: Vec<Vec<Option<AtomId>>>,
    /// Each one-column predicate seen, and its table in `dense` (`None`: no room left).
    dense_of: HashMap<PredId, Option<usize>>,
    /// Per slot of the stratum, its predicate's table (after [`Network::seal`]).
    slot_dense: Vec<Option<usize>>,
    /// Per slot of the stratum, how many atoms of its predicate the network has: at most
    /// the tuples its clauses add (after [`Network::seal`]).
    slot_atoms: Vec<usize>,
    dense_room: usize,
    /// How many symbols the program has: a dense table's length.
    symbols: usize,
    /// Invariant 3: words promised so far ([`Network::reserve`]), and the most there may be.
    reserved: usize,
    limit: usize,
}

/// Where a premise goes among its clause's (invariant 2 of [`Network`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Inside,
    Lower,
    Negated,
}

/// A premise of an instance that its guard fact makes hold, and that fact's likelihood.
pub(crate) type Guard = Option<(usize, Likelihood)>;

/// The words a clause of `rule`'s conclusion `conclusion` may add to a network, at most:
/// its own record (6), its premise ids, and a new atom (2 words and its values) for each
/// premise and the head. What [`Network::reserve`] counts against the limit.
pub(crate) fn words(rule: &Rule, conclusion: usize) -> usize {
    let atoms: usize = rule.premises.iter().map(|p| 3 + p.atom.args.len()).sum();
    6 + atoms + 2 + rule.conclusions[conclusion].args.len()
}

/// A position or count within a network, as a word (invariant 3: within the limit).
#[expect(clippy::expect_used, reason = "invariant 3 of `Network`")]
fn word(n: usize) -> u32 {
    u32::try_from(n).expect("invariant 3 of `Network`: within the limit")
}

/// The hash of atom `pred(row)`.
fn hash(pred: PredId, row: impl Iterator<Item = SymbolId>) -> u64 {
    let mut h = FxHasher::default();
    h.write_u32(pred.0);
    for v in row {
        h.write_u32(v.0);
    }
    h.finish()
}

/// The check word a table slot keeps for an atom: its hash folded to 32 bits. The slot's
/// place comes from it too ([`spread`]), so growing the table never reads the atoms.
fn check(h: u64) -> u32 {
    // Truncation intended: the two halves folded.
    (h ^ (h >> 32)) as u32
}

fn spread(check: u32) -> u64 {
    u64::from(check).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

impl Network {
    /// The most words a network holds: every id and offset in it fits a `u32`.
    pub const LIMIT: usize = u32::MAX as usize;

    /// An empty network holding at most `limit` words (at most `u32::MAX`).
    pub fn with_limit(limit: usize) -> Self {
        Network {
            preds: Vec::new(),
            starts: vec![0],
            values: Vec::new(),
            table: HashTable::new(),
            clauses: Vec::new(),
            premise_starts: vec![0],
            premises: Vec::new(),
            watch_starts: Vec::new(),
            watchers: Vec::new(),
            outside: Vec::new(),
            dense: Vec::new(),
            dense_of: HashMap::default(),
            slot_dense: Vec::new(),
            slot_atoms: Vec::new(),
            dense_room: 0,
            symbols: 0,
            reserved: 0,
            limit: limit.min(Network::LIMIT),
        }
    }

    /// Promises room for `count` clauses of `rule`'s conclusion `conclusion`, if the
    /// network has it (invariant 3).
    pub fn reserve(&mut self, rule: &Rule, conclusion: usize, count: usize) -> bool {
        let total = words(rule, conclusion)
            .checked_mul(count)
            .and_then(|n| n.checked_add(self.reserved));
        match total {
            Some(total) if total <= self.limit => {
                self.reserved = total;
                true
            }
            _ => false,
        }
    }

    /// Allocates room for `clauses` more clauses with `premises` premises in all, so that
    /// adding them never grows the arrays step by step. (The intern table grows as it
    /// goes: one-column atoms, most of a propositional network, never enter it.)
    /// `symbols` is how many symbols the program has.
    pub fn allocate(&mut self, clauses: usize, premises: usize, symbols: usize) {
        self.symbols = symbols;
        self.clauses.reserve_exact(clauses);
        self.premise_starts.reserve_exact(clauses);
        self.premises.reserve_exact(premises);
        // Mostly one new atom per clause (its head), in a propositional network.
        self.preds.reserve(clauses);
        self.starts.reserve(clauses);
        self.dense_room = self.dense_room.saturating_add(clauses.saturating_mul(2));
    }

    /// Whether the network has no clause.
    pub fn is_empty(&self) -> bool {
        self.clauses.is_empty()
    }

    /// How many clauses it has.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.clauses.len()
    }

    /// How many atoms it has.
    pub fn atoms(&self) -> usize {
        self.preds.len()
    }

    /// The id the next clause gets.
    pub fn next_id(&self) -> CountedId {
        CountedId(word(self.clauses.len()))
    }

    /// The atom `pred(row)` of the predicate in `slot` of the stratum, if a clause mentions
    /// it: one read where the slot's symbols are dense, else [`Network::find`].
    #[inline]
    pub fn find_in(&self, slot: usize, pred: PredId, row: &[SymbolId]) -> Option<AtomId> {
        match (self.slot_dense.get(slot), row) {
            (Some(&Some(table)), [v]) => self.dense[table].get(v.index()).copied().flatten(),
            _ => self.find(pred, row),
        }
    }

    /// The atom `pred(row)`, if a clause mentions it.
    #[inline]
    pub fn find(&self, pred: PredId, row: &[SymbolId]) -> Option<AtomId> {
        if let ([v], Some(&Some(table))) = (row, self.dense_of.get(&pred)) {
            return self.dense[table].get(v.index()).copied().flatten();
        }
        let c = check(hash(pred, row.iter().copied()));
        let found = self.table.find(spread(c), |&(a, k)| {
            k == c && self.preds[a.index()] == pred && self.row(a) == row
        });
        found.map(|&(a, _)| a)
    }

    /// Interns the atom `pred(args)`, its variables set to `env` (invariant 1), `outside`
    /// the stratum or not. Its values are written after the last atom's, and dropped again
    /// if the atom is there already: no row is built apart.
    fn intern(&mut self, pred: PredId, args: &[Arg], env: &[SymbolId], outside: bool) -> AtomId {
        if let [arg] = args
            && let Some(table) = self.dense_table(pred)
        {
            let v = value(arg, env);
            debug_assert!(v.is_some(), "a counted clause's variables are all bound");
            let v = v.unwrap_or(SymbolId(0));
            // Every symbol id is below the program's count: the table covers it.
            if let Some(&found) = self.dense[table].get(v.index()) {
                if let Some(a) = found {
                    return a;
                }
                let a = self.push_atom(pred, outside);
                self.values.push(v);
                self.starts.push(word(self.values.len()));
                self.dense[table][v.index()] = Some(a);
                return a;
            }
            debug_assert!(false, "a symbol id past the program's symbols");
        }
        let from = self.values.len();
        self.values.extend(args.iter().map(|a| {
            // Invariant 1: every variable has a value.
            let v = value(a, env);
            debug_assert!(v.is_some(), "a counted clause's variables are all bound");
            v.unwrap_or(SymbolId(0))
        }));
        let (values, preds, starts) = (&self.values, &self.preds, &self.starts);
        let row = &values[from..];
        let c = check(hash(pred, row.iter().copied()));
        let found = self.table.find(spread(c), |&(a, k)| {
            let i = a.index();
            k == c && preds[i] == pred && &values[starts[i] as usize..starts[i + 1] as usize] == row
        });
        if let Some(&(a, _)) = found {
            self.values.truncate(from);
            return a;
        }
        let a = self.push_atom(pred, outside);
        self.starts.push(word(self.values.len()));
        self.table
            .insert_unique(spread(c), (a, c), |&(_, k)| spread(k));
        a
    }

    /// A new atom of `pred`, whose values the caller writes next.
    fn push_atom(&mut self, pred: PredId, outside: bool) -> AtomId {
        let a = AtomId(word(self.preds.len()));
        self.preds.push(pred);
        if outside {
            self.outside.push(a);
        }
        a
    }

    /// The dense table of the one-column predicate `pred`, made on its first atom if the
    /// tables have room for one more (every symbol of the program).
    fn dense_table(&mut self, pred: PredId) -> Option<usize> {
        if let Some(&table) = self.dense_of.get(&pred) {
            return table;
        }
        let table = (self.symbols > 0 && self.symbols <= self.dense_room).then(|| {
            self.dense_room -= self.symbols;
            self.dense.push(vec![None; self.symbols]);
            self.dense.len() - 1
        });
        self.dense_of.insert(pred, table);
        table
    }

    /// Appends a counted clause of `rule`'s conclusion `conclusion` with its variables set
    /// to `env` (empty for a clause without variables); `guard` is the premise an
    /// instance's fact makes hold, with that fact's likelihood; `slot` gives the slot of a
    /// predicate in the stratum. The room must have been reserved (invariant 3).
    pub fn add(
        &mut self,
        program: &Program,
        rule: RuleId,
        conclusion: usize,
        slot: &impl Fn(PredId) -> Option<usize>,
        env: &[SymbolId],
        guard: Guard,
    ) -> CountedId {
        let id = self.next_id();
        let r = program.rule(rule);
        let head_atom = &r.conclusions[conclusion];
        #[expect(clippy::expect_used, reason = "a stratum's predicates are its heads'")]
        let head_slot = slot(head_atom.pred).expect("a clause's head is in its stratum");
        let head = self.intern(head_atom.pred, &head_atom.args, env, false);
        // Invariant 2: the positive premises in the stratum, the other positive ones, then
        // the negated ones; the guard premise is not stored.
        let (mut waits, mut negated) = (0, 0);
        for kind in [Kind::Inside, Kind::Lower, Kind::Negated] {
            for (i, p) in r.premises.iter().enumerate() {
                let inside = slot(p.atom.pred).is_some();
                let of = match (p.negated, inside) {
                    (true, _) => Kind::Negated,
                    (false, true) => Kind::Inside,
                    (false, false) => Kind::Lower,
                };
                if of != kind || guard.is_some_and(|(g, _)| g == i) {
                    continue;
                }
                let atom = self.intern(p.atom.pred, &p.atom.args, env, !inside);
                self.premises.push(atom);
                match kind {
                    Kind::Inside => waits += 1,
                    Kind::Negated => negated += 1,
                    Kind::Lower => {}
                }
            }
        }
        self.clauses.push(Counted {
            rule,
            head,
            slot: word(head_slot),
            waits,
            negated,
            level: r.level,
            fact: guard.map(|(_, l)| l),
        });
        self.premise_starts.push(word(self.premises.len()));
        debug_assert!(
            self.premises.len() + self.values.len() + 6 * self.clauses.len() <= self.limit,
            "invariant 3: the room was reserved"
        );
        id
    }

    /// Builds the watch lists (invariant 4) by a counting sort of the clauses' premises in
    /// the stratum, and points each slot of the stratum's predicates `preds` at its dense
    /// table; drops the room left unused.
    pub fn seal(&mut self, preds: &[PredId]) {
        if self.clauses.is_empty() {
            // No atom and nothing to wake: most strata of a program with variables.
            return;
        }
        self.slot_dense = preds
            .iter()
            .map(|p| self.dense_of.get(p).copied().flatten())
            .collect();
        let slots: HashMap<PredId, usize> =
            preds.iter().enumerate().map(|(s, &p)| (p, s)).collect();
        self.slot_atoms = vec![0; preds.len()];
        for p in &self.preds {
            if let Some(&s) = slots.get(p) {
                self.slot_atoms[s] += 1;
            }
        }
        let mut starts = vec![0u32; self.preds.len() + 1];
        for c in 0..self.clauses.len() {
            for a in self.waited(c) {
                starts[a.index() + 1] += 1;
            }
        }
        for i in 1..starts.len() {
            starts[i] += starts[i - 1];
        }
        let mut next = starts.clone();
        let mut watchers = vec![CountedId(0); starts.last().map_or(0, |&n| n as usize)];
        for c in 0..self.clauses.len() {
            for a in self.waited(c) {
                let at = &mut next[a.index()];
                watchers[*at as usize] = CountedId(word(c));
                *at += 1;
            }
        }
        self.watch_starts = starts;
        self.watchers = watchers;
        self.preds.shrink_to_fit();
        self.starts.shrink_to_fit();
        self.values.shrink_to_fit();
        self.clauses.shrink_to_fit();
        self.premise_starts.shrink_to_fit();
        self.premises.shrink_to_fit();
        self.outside.shrink_to_fit();
    }

    /// The premises clause `c` waits for (invariant 2: its first `waits`).
    fn waited(&self, c: usize) -> impl Iterator<Item = AtomId> + '_ {
        let at = self.premise_starts[c] as usize;
        let n = self.clauses[c].waits as usize;
        self.premises[at..at + n].iter().copied()
    }

    /// The clause `c`.
    #[inline]
    pub fn clause(&self, c: CountedId) -> &Counted {
        &self.clauses[c.index()]
    }

    /// Clause `c`'s positive premises (invariant 2), then its negated ones.
    #[inline]
    pub fn premises(&self, c: CountedId) -> (&[AtomId], &[AtomId]) {
        let (from, to) = (
            self.premise_starts[c.index()] as usize,
            self.premise_starts[c.index() + 1] as usize,
        );
        let all = &self.premises[from..to];
        all.split_at(all.len() - self.clauses[c.index()].negated as usize)
    }

    /// How many premise appearances each clause waits for, in clause order (invariant 4).
    pub fn waits(&self) -> impl Iterator<Item = u32> + '_ {
        self.clauses.iter().map(|c| c.waits)
    }

    /// The clauses atom `a` wakes (invariant 4).
    #[inline]
    pub fn watchers(&self, a: AtomId) -> &[CountedId] {
        let (from, to) = (
            self.watch_starts[a.index()] as usize,
            self.watch_starts[a.index() + 1] as usize,
        );
        &self.watchers[from..to]
    }

    /// The predicate of atom `a`.
    #[inline]
    pub fn pred(&self, a: AtomId) -> PredId {
        self.preds[a.index()]
    }

    /// The values of atom `a`.
    #[inline]
    pub fn row(&self, a: AtomId) -> &[SymbolId] {
        &self.values[self.starts[a.index()] as usize..self.starts[a.index() + 1] as usize]
    }

    /// How many atoms of the predicate in `slot` of the stratum the network has.
    pub fn atoms_in(&self, slot: usize) -> usize {
        self.slot_atoms.get(slot).copied().unwrap_or(0)
    }

    /// The atoms of predicates outside the stratum (invariant 5).
    pub fn outside(&self) -> &[AtomId] {
        &self.outside
    }

    /// Every clause, in order.
    pub fn ids(&self) -> impl Iterator<Item = CountedId> + use<> {
        (0..self.next_id().0).map(CountedId)
    }

    /// The ids of the clauses added from `start` on.
    pub fn since(&self, start: CountedId) -> Range<u32> {
        start.0..self.next_id().0
    }
}

#[cfg(test)]
mod tests;
