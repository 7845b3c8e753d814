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

use hashbrown::HashTable;
use smallvec::SmallVec;

use super::unify::{ground_args, matches_ground, unify_args};
use super::{Arg, PredId, Program, RuleId, SymbolId};

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
        let id = self.producers.len() as u32;
        match args.consts() {
            Some(consts) => {
                let hash = hash_atom(pred, &consts);
                let producers = &self.producers;
                let known = self
                    .ground
                    .find(hash, |&(h, p)| {
                        h == hash && {
                            let q = producers[p as usize];
                            q.pred == pred && q.args.consts().as_deref() == Some(&consts[..])
                        }
                    })
                    .is_some();
                if known {
                    return;
                }
                self.ground.insert_unique(hash, (hash, id), |&(h, _)| h);
                self.ground_of[pred.index()].push(id);
            }
            None => self.general[pred.index()].push(id),
        }
        self.producers.push(Producer { pred, args, rule });
    }

    /// Whether some instance of the atom (`args` may have variables) can hold.
    pub fn can_hold(&self, pred: PredId, args: Args<'_>) -> bool {
        self.producers_of(pred, args).next().is_some()
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
        let twin = consts.as_ref().and_then(|consts| {
            let hash = hash_atom(pred, consts);
            self.ground.find(hash, |&(h, p)| {
                h == hash && {
                    let q = self.producers[p as usize];
                    q.pred == pred && q.args.consts().as_deref() == Some(&consts[..])
                }
            })
        });
        let twin = twin.map(|&(_, p)| &self.producers[p as usize]);
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
    let rules = &program.rules;
    let mut possible = Possible::leaves(program);
    // Positive premises numbered across rules: rule i's are offsets[i]..offsets[i + 1].
    let mut offsets: Vec<u32> = Vec::with_capacity(rules.len() + 1);
    let mut total = 0u32;
    for r in rules {
        offsets.push(total);
        total += r.premises.iter().filter(|p| !p.negated).count() as u32;
    }
    offsets.push(total);
    let premise = |id: u32| {
        let r = offsets.partition_point(|&o| o <= id) - 1;
        let nth = (id - offsets[r]) as usize;
        let atom = rules[r]
            .premises
            .iter()
            .filter(|p| !p.negated)
            .nth(nth)
            .map(|p| &p.atom);
        (r, atom)
    };
    let mut waiting: Vec<u32> = (0..rules.len())
        .map(|r| offsets[r + 1] - offsets[r])
        .collect();
    let mut satisfied = vec![false; total as usize];
    // Unsatisfied ground premises by atom (hash, premise), with each premise's next
    // premise of the same atom; and per predicate those with variables, and the ground ones
    // again (for conclusions with variables, which may satisfy many).
    let mut by_atom: HashTable<(u64, u32)> = HashTable::new();
    let mut same_atom: Vec<u32> = vec![u32::MAX; total as usize];
    let npred = program.predicates.len();
    let mut general: Vec<Vec<u32>> = vec![Vec::new(); npred];
    let mut ground: Vec<Vec<u32>> = vec![Vec::new(); npred];
    let mut queue: Vec<usize> = Vec::new();
    for (r, rule) in rules.iter().enumerate() {
        for (nth, prem) in rule.premises.iter().filter(|p| !p.negated).enumerate() {
            let id = offsets[r] + nth as u32;
            let atom = &prem.atom;
            if possible.can_hold(atom.pred, Args::Pattern(&atom.args)) {
                satisfied[id as usize] = true;
                waiting[r] -= 1;
                continue;
            }
            match ground_args(&atom.args) {
                Some(consts) => {
                    let hash = hash_atom(atom.pred, &consts);
                    let eq = |&(h, other): &(u64, u32)| {
                        h == hash
                            && premise(other).1.is_some_and(|o| *o.args == *atom.args)
                            && premise(other).1.is_some_and(|o| o.pred == atom.pred)
                    };
                    match by_atom.find_mut(hash, eq) {
                        Some(first) => {
                            same_atom[id as usize] = first.1;
                            first.1 = id;
                        }
                        None => {
                            by_atom.insert_unique(hash, (hash, id), |&(h, _)| h);
                        }
                    }
                    ground[atom.pred.index()].push(id);
                }
                None => general[atom.pred.index()].push(id),
            }
        }
        if waiting[r] == 0 {
            queue.push(r);
        }
    }
    let mut live = vec![false; rules.len()];
    let mut woken: Vec<u32> = Vec::new();
    while let Some(r) = queue.pop() {
        live[r] = true;
        for c in &rules[r].conclusions {
            possible.add(c.pred, Args::Pattern(&c.args), Some(RuleId::from_index(r)));
            let pred = c.pred.index();
            match ground_args(&c.args) {
                Some(consts) => {
                    let hash = hash_atom(c.pred, &consts);
                    let eq = |&(h, other): &(u64, u32)| {
                        h == hash
                            && premise(other)
                                .1
                                .is_some_and(|o| o.pred == c.pred && *o.args == *c.args)
                    };
                    if let Ok(entry) = by_atom.find_entry(hash, eq) {
                        let ((_, mut at), _) = entry.remove();
                        while at != u32::MAX {
                            woken.push(at);
                            at = same_atom[at as usize];
                        }
                    }
                    general[pred].retain(|&id| {
                        let fits = !satisfied[id as usize]
                            && premise(id)
                                .1
                                .is_some_and(|a| matches_ground(&a.args, &consts));
                        if fits {
                            woken.push(id);
                        }
                        !fits && !satisfied[id as usize]
                    });
                }
                None => {
                    for list in [&mut general[pred], &mut ground[pred]] {
                        list.retain(|&id| {
                            let fits = !satisfied[id as usize]
                                && premise(id).1.is_some_and(|a| unify_args(&a.args, &c.args));
                            if fits {
                                woken.push(id);
                            }
                            !fits && !satisfied[id as usize]
                        });
                    }
                }
            }
            for id in woken.drain(..) {
                if std::mem::replace(&mut satisfied[id as usize], true) {
                    continue;
                }
                let (owner, _) = premise(id);
                waiting[owner] -= 1;
                if waiting[owner] == 0 {
                    queue.push(owner);
                }
            }
        }
    }
    Reach { live, possible }
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
