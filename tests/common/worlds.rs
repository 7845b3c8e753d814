//! The oracle of `augur prob`: the distribution semantics by brute force. A small program's
//! relevant ground instances and leaves are its choices; every one of the 2^n worlds is
//! evaluated by naive iteration, stratum by stratum, and the weights of the worlds where the
//! atom holds are summed. Written from docs/LANGUAGE.md ("Probabilities"), not from the
//! engine: a rule instance is one binding of the variables the rule mentions, a leaf the
//! strongest line of its atom (its highest probability), a forbidden atom holds in no
//! world, and the rules of one `choice` group share one switch.

use std::collections::{BTreeMap, BTreeSet};

use crate::common::programs::*;

/// The probability of the ICD 203 level of rank `l`.
pub fn level_p(l: usize) -> f64 {
    [0.03, 0.125, 0.325, 0.5, 0.675, 0.875, 0.97, 1.0][l]
}

/// A ground rule instance: head, positive and negated premises, and its rule's index.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Inst {
    head: Atom,
    pos: Vec<Atom>,
    neg: Vec<Atom>,
    rule: usize,
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
                rule: i,
            };
            out.insert((i, key, inst));
        }
    }
    out.into_iter().map(|(_, _, inst)| inst).collect()
}

/// P(`query`) in the scenario whose facts are `p`'s and whose assumptions are `view`'s,
/// `blocked` its forbidden atoms; `None` when its lineage has more than `max` choices.
pub fn brute_force(p: &Prog, blocked: &[Atom], query: &Atom, max: usize) -> Option<f64> {
    // Each atom's strongest line: the highest probability written for it.
    let mut leaves: BTreeMap<Atom, f64> = BTreeMap::new();
    for (pred, args, l) in p.facts.iter().chain(&p.assumes) {
        let atom = (*pred, args.clone());
        if !blocked.contains(&atom) {
            let prob = p.leaf_written(*pred, args, *l).1;
            let e = leaves.entry(atom).or_insert(prob);
            *e = e.max(prob);
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
    let leaves: Vec<(Atom, f64)> = leaves
        .into_iter()
        .filter(|(a, _)| relevant.contains(a))
        .collect();
    let strata = strata(&insts);
    // The choices, below certain: each leaf, then each instance of a rule in no `choice`
    // group, then each group (one switch for every instance of every rule in it).
    let mut switches: Vec<f64> = Vec::new();
    let leaf_switch: Vec<Option<usize>> = leaves
        .iter()
        .map(|&(_, prob)| (prob < 1.0).then(|| push(&mut switches, prob)))
        .collect();
    let mut groups: BTreeMap<usize, usize> = BTreeMap::new();
    let inst_switch: Vec<Option<usize>> = insts
        .iter()
        .map(|i| {
            let prob = p.written(p.rule_site(i.rule), p.rules[i.rule].level).1;
            if prob >= 1.0 {
                return None;
            }
            Some(match p.choices.get(i.rule).copied().flatten() {
                Some(g) => *groups.entry(g).or_insert_with(|| push(&mut switches, prob)),
                None => push(&mut switches, prob),
            })
        })
        .collect();
    let n = switches.len();
    if n > max {
        return None;
    }
    let mut total = 0.0;
    for world in 0u64..1 << n {
        let taken = |k: Option<usize>| k.is_none_or(|k| world >> k & 1 == 1);
        let weight: f64 = switches
            .iter()
            .enumerate()
            .map(|(k, &prob)| if taken(Some(k)) { prob } else { 1.0 - prob })
            .product();
        let mut holds: BTreeSet<Atom> = (0..leaves.len())
            .filter(|&l| taken(leaf_switch[l]))
            .map(|l| leaves[l].0.clone())
            .collect();
        for stratum in 0..=strata.values().copied().max().unwrap_or(0) {
            loop {
                let before = holds.len();
                for (k, i) in insts.iter().enumerate() {
                    if taken(inst_switch[k])
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

/// Adds a switch taken with probability `prob`; returns its number.
fn push(switches: &mut Vec<f64>, prob: f64) -> usize {
    switches.push(prob);
    switches.len() - 1
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
