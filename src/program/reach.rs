//! Reachability: which atoms can ever hold, in any scenario.
//!
//! The producers of atoms are facts, the positive assumptions of every scenario,
//! `assumable` patterns (any scenario may assume an instance) and the conclusions of rules
//! that can fire. A rule can fire only if each positive premise unifies with something
//! that can hold; so the live rules are a least fixpoint, computed like the
//! Dowling-Gallier counter algorithm over patterns: each rule counts its premises not yet
//! known to be satisfiable, and a rule reaching zero adds its conclusions, which wake the
//! premises they unify with.
//!
//! This over-approximates (it ignores `not`, likelihoods and which scenario an assumption
//! belongs to, and a rule's premises are satisfied independently, not by one binding of
//! its variables), so "can never hold" is sound: no run of any scenario derives such an
//! atom. Cost: ground premises wait in a hash table keyed by the atom, so a generated
//! network of millions of ground rules is linear; a premise with variables is checked
//! against each new conclusion of its predicate.

use crate::hash::HashTable;
use smallvec::SmallVec;

use super::unify::{ground_args, matches_ground, unify_args};
use super::{Arg, AtomPattern, PredId, Program, Rule, RuleId, SymbolId};

/// The arguments of something that can hold: ground, or a pattern.
#[derive(Clone, Copy, Debug)]
pub enum Args<'p> {
    /// A fact's or an assumption's constants.
    Ground(&'p [SymbolId]),
    /// An `assumable` or a rule's conclusion (or a premise being asked about).
    Pattern(&'p [Arg]),
}

impl Args<'_> {
    fn consts(self) -> Option<SmallVec<[SymbolId; 4]>> {
        match self {
            Args::Ground(g) => Some(g.iter().copied().collect()),
            Args::Pattern(p) => ground_args(p),
        }
    }
}

/// What produces atoms: a fact, an assumption, an assumable, or a rule's conclusion.
#[derive(Clone, Copy, Debug)]
struct Producer<'p> {
    pred: PredId,
    args: Args<'p>,
    /// The rule, for a conclusion (its variable names, for display).
    rule: Option<RuleId>,
}

/// A ground atom's constants and its hash, computed once for every table it is looked up in.
struct Key {
    consts: SmallVec<[SymbolId; 4]>,
    hash: u64,
}

impl Key {
    /// The key of `pred(args)`, when the arguments are ground.
    fn of(pred: PredId, args: Args<'_>) -> Option<Key> {
        let consts = args.consts()?;
        let hash = hash_atom(pred, &consts);
        Some(Key { consts, hash })
    }
}

fn hash_atom(pred: PredId, args: &[SymbolId]) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write_u32(pred.0);
    for a in args {
        h.write_u32(a.0);
    }
    h.finish()
}

/// The atoms that can hold, indexed to answer [`Possible::can_hold`].
pub struct Possible<'p> {
    program: &'p Program,
    producers: Vec<Producer<'p>>,
    /// Ground producers by atom: (hash, producer).
    ground: HashTable<(u64, u32)>,
    /// Per predicate, the ground producers and those with variables.
    ground_of: Vec<Vec<u32>>,
    general: Vec<Vec<u32>>,
}

impl<'p> Possible<'p> {
    fn empty(program: &'p Program) -> Self {
        let n = program.predicates.len();
        Possible {
            program,
            producers: Vec::new(),
            ground: HashTable::new(),
            ground_of: vec![Vec::new(); n],
            general: vec![Vec::new(); n],
        }
    }

    /// Facts, assumptions and assumables, plus the conclusions of the rules `live` marks.
    pub fn build(program: &'p Program, live: &[bool]) -> Self {
        let mut out = Self::leaves(program);
        for (i, rule) in program.rules.iter().enumerate() {
            if live.get(i).copied().unwrap_or(false) {
                for c in &rule.conclusions {
                    out.add(c.pred, Args::Pattern(&c.args), Some(RuleId::from_index(i)));
                }
            }
        }
        out
    }

    /// What holds before any rule fires: facts, assumptions, assumables.
    fn leaves(program: &'p Program) -> Self {
        let mut out = Self::empty(program);
        for f in &program.facts {
            out.add(f.atom.pred, Args::Ground(&f.atom.args), None);
        }
        for a in program.scenarios.iter().flat_map(|s| &s.assumptions) {
            if !a.negated {
                out.add(a.atom.pred, Args::Ground(&a.atom.args), None);
            }
        }
        for a in &program.assumables {
            out.add(a.pred, Args::Pattern(&a.args), None);
        }
        out
    }

    fn add(&mut self, pred: PredId, args: Args<'p>, rule: Option<RuleId>) {
        let key = Key::of(pred, args);
        self.add_keyed(pred, args, rule, key.as_ref());
    }

    /// [`Possible::add`] with the atom's key (`None` when it has variables) computed by the
    /// caller, who needs it too.
    fn add_keyed(&mut self, pred: PredId, args: Args<'p>, rule: Option<RuleId>, key: Option<&Key>) {
        let id = position(self.producers.len());
        match key {
            Some(key) => {
                if self.twin(key.hash, pred, &key.consts).is_some() {
                    return;
                }
                let hash = key.hash;
                self.ground.insert_unique(hash, (hash, id), |&(h, _)| h);
                self.ground_of[pred.index()].push(id);
            }
            None => self.general[pred.index()].push(id),
        }
        self.producers.push(Producer { pred, args, rule });
    }

    /// The ground producer of the atom `pred(consts)` whose hash is `hash`, if any.
    fn twin(&self, hash: u64, pred: PredId, consts: &[SymbolId]) -> Option<&Producer<'p>> {
        let same = |q: &Producer<'_>| {
            q.pred == pred
                && match q.args {
                    Args::Ground(g) => g == consts,
                    Args::Pattern(p) => {
                        p.len() == consts.len()
                            && p.iter().zip(consts).all(|(a, &c)| *a == Arg::Const(c))
                    }
                }
        };
        let &(_, p) = self.ground.find(hash, |&(h, p)| {
            h == hash && same(&self.producers[p as usize])
        })?;
        Some(&self.producers[p as usize])
    }

    /// Whether some instance of the atom (`args` may have variables) can hold.
    pub fn can_hold(&self, pred: PredId, args: Args<'_>) -> bool {
        match Key::of(pred, args) {
            Some(key) => self.can_hold_ground(pred, &key),
            None => self.producers_of(pred, args).next().is_some(),
        }
    }

    /// [`Possible::can_hold`] for a ground atom whose key the caller has: its twin, or a
    /// pattern it is an instance of (what [`Possible::producers_of`] yields first, without
    /// building its iterators).
    fn can_hold_ground(&self, pred: PredId, key: &Key) -> bool {
        self.twin(key.hash, pred, &key.consts).is_some()
            || self.general[pred.index()]
                .iter()
                .any(|&g| match self.producers[g as usize].args {
                    Args::Pattern(p) => matches_ground(p, &key.consts),
                    Args::Ground(g) => g == &key.consts[..],
                })
    }

    /// The rules among the producers that unify with the atom.
    pub fn rules_producing(&self, pred: PredId, args: Args<'_>) -> Vec<RuleId> {
        let mut out: Vec<RuleId> = self
            .producers_of(pred, args)
            .filter_map(|q| q.rule)
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The producers that unify with the atom: its ground twin first, then patterns.
    fn producers_of<'s>(
        &'s self,
        pred: PredId,
        args: Args<'s>,
    ) -> impl Iterator<Item = &'s Producer<'p>> + 's {
        let consts = args.consts();
        let general = &self.general[pred.index()];
        let twin = consts
            .as_ref()
            .and_then(|consts| self.twin(hash_atom(pred, consts), pred, consts));
        let patterns =
            general
                .iter()
                .map(|&g| &self.producers[g as usize])
                .filter(move |q| match (q.args, args) {
                    (Args::Pattern(p), Args::Pattern(a)) => unify_args(p, a),
                    (Args::Pattern(p), Args::Ground(g)) | (Args::Ground(g), Args::Pattern(p)) => {
                        matches_ground(p, g)
                    }
                    (Args::Ground(g), Args::Ground(h)) => g == h,
                });
        // A pattern with variables against every ground producer of its predicate.
        let grounds = match (consts.is_none(), args) {
            (true, Args::Pattern(_)) => &self.ground_of[pred.index()][..],
            _ => &[][..],
        };
        let grounds = grounds
            .iter()
            .map(|&g| &self.producers[g as usize])
            .filter(move |q| {
                let Args::Pattern(pattern) = args else {
                    return false;
                };
                q.args.consts().is_some_and(|c| matches_ground(pattern, &c))
            });
        twin.into_iter().chain(patterns).chain(grounds)
    }

    /// Every producer in canonical form, sorted and without repeats: the candidates of a
    /// did-you-mean.
    pub fn texts(&self) -> Vec<String> {
        let p = self.program;
        let mut out: Vec<String> = self
            .producers
            .iter()
            .map(|q| match q.args {
                Args::Ground(g) => {
                    let args: Vec<String> = g.iter().map(|&a| p.symbols.show(a)).collect();
                    super::canonical_atom(&p.predicate(q.pred).name, &args)
                }
                Args::Pattern(args) => {
                    let vars = q.rule.map_or(&[][..], |r| &p.rule(r).vars[..]);
                    p.show_args(q.pred, args, vars)
                }
            })
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// Which rules can fire in some scenario, and the index of what can hold.
pub struct Reach<'p> {
    /// Per rule: every positive premise can hold.
    pub live: Vec<bool>,
    /// What can hold: leaves and the conclusions of live rules.
    pub possible: Possible<'p>,
}

/// Computes the live rules; see the module documentation.
pub fn reach(program: &Program) -> Reach<'_> {
    from_leaves(program, Possible::leaves(program))
}

/// [`reach`] where every open question may also hold: what abduction can make hold, since
/// a set of changes may settle an open question.
pub fn reach_settling_opens(program: &Program) -> Reach<'_> {
    let mut leaves = Possible::leaves(program);
    for open in &program.opens {
        leaves.add(open.atom.pred, Args::Ground(&open.atom.args), None);
    }
    from_leaves(program, leaves)
}

fn from_leaves<'p>(program: &'p Program, mut possible: Possible<'p>) -> Reach<'p> {
    let mut pending = Pending::new(program, &possible);
    let live = pending.fire(&mut possible);
    Reach { live, possible }
}

/// A premise that no ground premise follows in its atom's chain.
const END: u32 = u32::MAX;

/// The positive premises not yet known to be satisfiable, waiting for a conclusion that
/// unifies with them: the counter algorithm's state.
///
/// Premises are numbered across rules, in rule order, by a `u32` (Program invariant 1:
/// fewer than 2^32 atoms in all, so the numbers fit, and [`END`], the largest `u32`, is
/// none of them).
struct Pending<'p> {
    rules: &'p [Rule],
    /// Per premise number: its rule, and its position among the rule's premises.
    at: Vec<(u32, u32)>,
    satisfied: Vec<bool>,
    /// Per rule: its positive premises not yet satisfied.
    waiting: Vec<u32>,
    /// Unsatisfied ground premises by atom: (hash, the last premise of that atom), each
    /// premise chained to the one of the same atom before it by `same_atom`.
    by_atom: HashTable<(u64, u32)>,
    same_atom: Vec<u32>,
    /// Per predicate, the premises with variables, and the ground ones again (for
    /// conclusions with variables, which may satisfy many).
    general: Vec<Vec<u32>>,
    ground: Vec<Vec<u32>>,
    /// Rules whose premises are all satisfied, not yet fired.
    queue: Vec<usize>,
}

impl<'p> Pending<'p> {
    /// Numbers the positive premises, marks those the leaves satisfy, and indexes the rest.
    fn new(program: &'p Program, leaves: &Possible<'_>) -> Self {
        let rules = &program.rules[..];
        let mut at = Vec::new();
        for (r, rule) in rules.iter().enumerate() {
            let positive = rule.premises.iter().enumerate().filter(|(_, p)| !p.negated);
            at.extend(positive.map(|(k, _)| (position(r), position(k))));
        }
        let npred = program.predicates.len();
        let mut out = Pending {
            rules,
            satisfied: vec![false; at.len()],
            same_atom: vec![END; at.len()],
            at,
            waiting: vec![0; rules.len()],
            by_atom: HashTable::new(),
            general: vec![Vec::new(); npred],
            ground: vec![Vec::new(); npred],
            queue: Vec::new(),
        };
        for id in 0..out.at.len() {
            out.index(position(id), leaves);
        }
        out.queue = (0..rules.len()).filter(|&r| out.waiting[r] == 0).collect();
        out
    }

    /// The premise numbered `id`.
    fn atom(&self, id: u32) -> &'p AtomPattern {
        let (r, k) = self.at[id as usize];
        &self.rules[r as usize].premises[k as usize].atom
    }

    /// The rule of the premise numbered `id`.
    fn owner(&self, id: u32) -> usize {
        self.at[id as usize].0 as usize
    }

    /// Marks a premise the leaves satisfy; else counts it as waiting and indexes it.
    fn index(&mut self, id: u32, leaves: &Possible<'_>) {
        let atom = self.atom(id);
        let key = Key::of(atom.pred, Args::Pattern(&atom.args));
        let holds = match &key {
            Some(key) => leaves.can_hold_ground(atom.pred, key),
            None => leaves.can_hold(atom.pred, Args::Pattern(&atom.args)),
        };
        if holds {
            self.satisfied[id as usize] = true;
            return;
        }
        let owner = self.owner(id);
        self.waiting[owner] += 1;
        let Some(Key { hash, .. }) = key else {
            self.general[atom.pred.index()].push(id);
            return;
        };
        let (at, rules) = (&self.at, self.rules);
        let eq = |&(h, other): &(u64, u32)| {
            let (r, k) = at[other as usize];
            let o = &rules[r as usize].premises[k as usize].atom;
            h == hash && o.pred == atom.pred && *o.args == *atom.args
        };
        match self.by_atom.find_mut(hash, eq) {
            Some(last) => self.same_atom[id as usize] = std::mem::replace(&mut last.1, id),
            None => {
                self.by_atom.insert_unique(hash, (hash, id), |&(h, _)| h);
            }
        }
        self.ground[atom.pred.index()].push(id);
    }

    /// Fires rules until none is left whose premises are all satisfied: each adds its
    /// conclusions to `possible` and wakes the premises they unify with. Returns the rules
    /// fired.
    fn fire(&mut self, possible: &mut Possible<'p>) -> Vec<bool> {
        let mut live = vec![false; self.rules.len()];
        let mut woken: Vec<u32> = Vec::new();
        while let Some(r) = self.queue.pop() {
            live[r] = true;
            let rules = self.rules;
            for c in &rules[r].conclusions {
                let args = Args::Pattern(&c.args);
                let key = Key::of(c.pred, args);
                possible.add_keyed(c.pred, args, Some(RuleId::from_index(r)), key.as_ref());
                match &key {
                    Some(key) => self.wake_by_ground(c, key, &mut woken),
                    None => self.wake_by_pattern(c, &mut woken),
                }
                for id in woken.drain(..) {
                    if std::mem::replace(&mut self.satisfied[id as usize], true) {
                        continue;
                    }
                    let owner = self.owner(id);
                    self.waiting[owner] -= 1;
                    if self.waiting[owner] == 0 {
                        self.queue.push(owner);
                    }
                }
            }
        }
        live
    }

    /// A ground conclusion wakes the ground premises of its atom, and those with variables
    /// that it is an instance of.
    fn wake_by_ground(&mut self, c: &AtomPattern, key: &Key, woken: &mut Vec<u32>) {
        let (hash, consts) = (key.hash, &key.consts[..]);
        let (at, rules) = (&self.at, self.rules);
        let eq = |&(h, other): &(u64, u32)| {
            let (r, k) = at[other as usize];
            let o = &rules[r as usize].premises[k as usize].atom;
            h == hash && o.pred == c.pred && *o.args == *c.args
        };
        if let Ok(entry) = self.by_atom.find_entry(hash, eq) {
            let ((_, mut id), _) = entry.remove();
            while id != END {
                woken.push(id);
                id = self.same_atom[id as usize];
            }
        }
        let pred = c.pred.index();
        self.wake_in(Lists::General, pred, woken, |a| {
            matches_ground(&a.args, consts)
        });
    }

    /// A conclusion with variables wakes every premise of its predicate it unifies with.
    fn wake_by_pattern(&mut self, c: &AtomPattern, woken: &mut Vec<u32>) {
        let pred = c.pred.index();
        for lists in [Lists::General, Lists::Ground] {
            self.wake_in(lists, pred, woken, |a| unify_args(&a.args, &c.args));
        }
    }

    /// Wakes the premises of a predicate's list that `fits`, and drops them and those
    /// satisfied already from the list.
    fn wake_in(
        &mut self,
        lists: Lists,
        pred: usize,
        woken: &mut Vec<u32>,
        fits: impl Fn(&AtomPattern) -> bool,
    ) {
        let list = match lists {
            Lists::General => &mut self.general[pred],
            Lists::Ground => &mut self.ground[pred],
        };
        let mut ids = std::mem::take(list);
        ids.retain(|&id| {
            let done = self.satisfied[id as usize];
            let wakes = !done && fits(self.atom(id));
            if wakes {
                woken.push(id);
            }
            !wakes && !done
        });
        match lists {
            Lists::General => self.general[pred] = ids,
            Lists::Ground => self.ground[pred] = ids,
        }
    }
}

/// Which of [`Pending`]'s per-predicate lists.
#[derive(Clone, Copy)]
enum Lists {
    General,
    Ground,
}

/// A position in a table of the program, or a premise's or a producer's number, as a
/// `u32`.
#[expect(
    clippy::expect_used,
    reason = "Program invariant 1: fewer than 2^32 atoms and producers, so every such position fits"
)]
fn position(i: usize) -> u32 {
    u32::try_from(i).expect("Program invariant 1 bounds every position")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Analysis;

    fn live(text: &str) -> Vec<bool> {
        let a = Analysis::parse("t.augur", text).expect("checks");
        reach(a.program()).live
    }

    #[test]
    fn rules_fire_only_when_every_premise_can_hold() {
        let text = "fact a p\nassumable ?x q\n\
                    rule r1: a p implies b p\n\
                    rule r2: b p and c q implies d p\n\
                    rule r3: e p implies f p\n\
                    rule r4: f p implies g p\n\
                    rule r5: ?x p and not ?x zz implies ?x w\n";
        assert_eq!(live(text), [true, true, false, false, true]);
    }

    #[test]
    fn rules_declared_in_any_order_reach_the_same_fixpoint() {
        let text = "rule r3: c t implies d t\nrule r2: b t implies c t\n\
                    rule r1: a t implies b t\nrule r0: ?x u implies a t\nfact z u\n";
        assert_eq!(live(text), [true, true, true, true]);
    }

    #[test]
    fn constants_count() {
        let text = "fact a p b\nrule r1: ?x p c implies ?x q\nrule r2: ?x p b implies ?x w\n";
        assert_eq!(live(text), [false, true]);
    }
}
