//! The oracle of `augur prob`: the distribution semantics by brute force. A small program's
//! relevant ground instances and leaves are its choices; every one of the 2^n worlds is
//! evaluated by naive iteration, stratum by stratum, and the weights of the worlds where the
//! atom holds are summed. Written from docs/LANGUAGE.md ("Probabilities"), not from the
//! engine: a rule instance is one binding of the variables the rule mentions, a leaf the
//! strongest line of its atom, a forbidden atom holds in no world.

use std::collections::{BTreeMap, BTreeSet};

use crate::common::programs::*;

/// The probability of the ICD 203 level of rank `l`.
pub fn level_p(l: usize) -> f64 {
    [0.03, 0.125, 0.325, 0.5, 0.675, 0.875, 0.97, 1.0][l]
}

/// A ground rule instance: head, positive and negated premises, level.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Inst {
    head: Atom,
    pos: Vec<Atom>,
    neg: Vec<Atom>,
    level: usize,
}

/// Every ground instance of the program's rules: one per rule and binding of the variables
/// it mentions (a rule that mentions fewer than three is not counted once per value of the
/// others).
fn instances(p: &Prog) -> Vec<Inst> {
    let mut out = BTreeSet::new();
    for (i, r) in p.rules.iter().enumerate() {
        let atoms = || std::iter::once(&r.head).chain(&r.pos).chain(&r.neg);
        let used: BTreeSet<usize> = atoms()
            .flat_map(|a| &a.args)
            .filter_map(|t| match t {
                T::V(v) => Some(*v),
                T::C(_) => None,
            })
            .collect();
        for env in assignments() {
            let key: Vec<usize> = used.iter().map(|&v| env[v]).collect();
            let inst = Inst {
                head: ground(&r.head, &env),
                pos: r.pos.iter().map(|a| ground(a, &env)).collect(),
                neg: r.neg.iter().map(|a| ground(a, &env)).collect(),
                level: r.level,
            };
            out.insert((i, key, inst));
        }
    }
    out.into_iter().map(|(_, _, inst)| inst).collect()
}

/// P(`query`) in the scenario whose facts are `p`'s and whose assumptions are `view`'s,
/// `blocked` its forbidden atoms; `None` when its lineage has more than `max` choices.
pub fn brute_force(p: &Prog, blocked: &[Atom], query: &Atom, max: usize) -> Option<f64> {
    let mut leaves: BTreeMap<Atom, usize> = BTreeMap::new();
    for (pred, args, l) in p.facts.iter().chain(&p.assumes) {
        let atom = (*pred, args.clone());
        if !blocked.contains(&atom) {
            let e = leaves.entry(atom).or_insert(*l);
            *e = (*e).max(*l);
        }
    }
    let all = instances(p);
    // Atoms that hold in some world (negation ignored: a superset).
    let mut possible: BTreeSet<Atom> = leaves.keys().cloned().collect();
    loop {
        let before = possible.len();
        for i in &all {
            if !blocked.contains(&i.head) && i.pos.iter().all(|a| possible.contains(a)) {
                possible.insert(i.head.clone());
            }
        }
        if possible.len() == before {
            break;
        }
    }
    // The instances and leaves the query depends on.
    let live: Vec<&Inst> = all
        .iter()
        .filter(|i| !blocked.contains(&i.head) && i.pos.iter().all(|a| possible.contains(a)))
        .collect();
    let mut relevant: BTreeSet<Atom> = BTreeSet::new();
    let mut todo = vec![query.clone()];
    while let Some(a) = todo.pop() {
        if relevant.insert(a.clone()) {
            for i in live.iter().filter(|i| i.head == a) {
                todo.extend(i.pos.iter().chain(&i.neg).cloned());
            }
        }
    }
    let insts: Vec<&Inst> = live
        .into_iter()
        .filter(|i| relevant.contains(&i.head))
        .collect();
    let leaves: Vec<(Atom, usize)> = leaves
        .into_iter()
        .filter(|(a, _)| relevant.contains(a))
        .collect();
    let strata = strata(&insts);
    // The choices: leaves, then instances, below certain.
    let uncertain_leaves: Vec<usize> = (0..leaves.len()).filter(|&k| leaves[k].1 < 7).collect();
    let uncertain_insts: Vec<usize> = (0..insts.len()).filter(|&k| insts[k].level < 7).collect();
    let n = uncertain_leaves.len() + uncertain_insts.len();
    if n > max {
        return None;
    }
    let mut total = 0.0;
    for world in 0u64..1 << n {
        let taken = |k: usize| world >> k & 1 == 1;
        let mut weight = 1.0;
        let mut leaf_on = vec![true; leaves.len()];
        for (k, &l) in uncertain_leaves.iter().enumerate() {
            let p = level_p(leaves[l].1);
            leaf_on[l] = taken(k);
            weight *= if taken(k) { p } else { 1.0 - p };
        }
        let mut inst_on = vec![true; insts.len()];
        for (k, &i) in uncertain_insts.iter().enumerate() {
            let bit = uncertain_leaves.len() + k;
            let p = level_p(insts[i].level);
            inst_on[i] = taken(bit);
            weight *= if taken(bit) { p } else { 1.0 - p };
        }
        let mut holds: BTreeSet<Atom> = (0..leaves.len())
            .filter(|&l| leaf_on[l])
            .map(|l| leaves[l].0.clone())
            .collect();
        for stratum in 0..=strata.values().copied().max().unwrap_or(0) {
            loop {
                let before = holds.len();
                for (k, i) in insts.iter().enumerate() {
                    if inst_on[k]
                        && strata[&i.head] == stratum
                        && i.pos.iter().all(|a| holds.contains(a))
                        && !i.neg.iter().any(|a| holds.contains(a))
                    {
                        holds.insert(i.head.clone());
                    }
                }
                if holds.len() == before {
                    break;
                }
            }
        }
        if holds.contains(query) {
            total += weight;
        }
    }
    Some(total)
}

/// Each head's stratum: at least its positive premises', above its negated premises'
/// (atoms no instance concludes are at 0). Panics on a `not` inside a cycle: the
/// generators make no such program.
fn strata(insts: &[&Inst]) -> BTreeMap<Atom, usize> {
    let mut s: BTreeMap<Atom, usize> = BTreeMap::new();
    for round in 0.. {
        assert!(round <= (insts.len() + 1).pow(2), "not stratified");
        let mut changed = false;
        for i in insts {
            let at = |a: &Atom| s.get(a).copied().unwrap_or(0);
            let want = i
                .pos
                .iter()
                .map(at)
                .chain(i.neg.iter().map(|a| at(a) + 1))
                .max()
                .unwrap_or(0);
            if want > at(&i.head) {
                s.insert(i.head.clone(), want);
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    for i in insts {
        s.entry(i.head.clone()).or_insert(0);
    }
    s
}
