//! Random programs that take the engine's fast paths (docs/LANGUAGE.md, "How rules run"),
//! each with scenarios that assume, forbid and withdraw the atoms those paths are made of:
//!
//! - [`arb_guard_prog`]: recursive rules with a *guard*, a premise of a predicate only facts
//!   define whose arguments hold every variable (rules kept as data); the engine runs them
//!   as one ground instance per guard fact, and by joins in a run that assumes or forbids
//!   an atom of the guard's predicate.
//! - [`arb_counted_prog`]: ground rules in recursive components, which the engine counts
//!   (a premise counter per rule) instead of joining, on one- and two-column predicates.
//! - `uniform` variants of both: every fact and rule at one likelihood (and the scenario
//!   lines at it or not), where the engine may carry one height per tuple.

use proptest::prelude::*;

use crate::common::programs::{At, Atom, Change, Line, Prog, R, Rng, T};

fn v(i: usize) -> T {
    T::V(i)
}

fn at(pred: usize, args: Vec<T>) -> At {
    At { pred, args }
}

fn lit(atom: &Atom) -> At {
    at(atom.0, atom.1.iter().map(|&c| T::C(c)).collect())
}

/// The predicates of a guard program: `p0` recursive through guards, `p1` below it (read
/// under `not`), `p2` and `p3` guards (facts only), `p4` above `p0`, recursive through a
/// guard and reading `not p0`.
const GUARD_ARITY: [usize; 5] = [1, 1, 2, 3, 1];
pub const GUARDS: [usize; 2] = [2, 3];

/// A recursive rule concluding `p0` with a guard premise, put at a random place among its
/// premises; half of them also read `not` of a `p1` atom.
fn guard_rule(rng: &mut Rng, uniform: Option<usize>) -> R {
    let (x, y, z) = (v(0), v(1), v(2));
    let (guard, mut pos) = match rng.below(5) {
        0 => (at(2, vec![x.clone(), y.clone()]), vec![at(0, vec![y])]),
        1 => (
            at(3, vec![x.clone(), y.clone(), z.clone()]),
            vec![at(0, vec![y]), at(0, vec![z])],
        ),
        2 => (
            at(3, vec![x.clone(), T::C(rng.constant()), y.clone()]),
            vec![at(0, vec![y])],
        ),
        3 => (
            at(3, vec![x.clone(), y.clone(), y.clone()]),
            vec![at(0, vec![y])],
        ),
        _ => (at(2, vec![y.clone(), x.clone()]), vec![at(0, vec![y])]),
    };
    pos.insert(rng.below(pos.len() + 1), guard);
    let mut neg = Vec::new();
    if rng.one_in(2) {
        let arg = if rng.one_in(4) {
            T::C(rng.constant())
        } else {
            v(rng.below(2))
        };
        neg.push(at(1, vec![arg]));
    }
    R {
        head: at(0, vec![x]),
        pos,
        neg,
        level: rng.level(uniform),
    }
}

/// The facts of a guard program: a few of `p0`, `p1` and `p4`, more of the guards.
fn guard_facts(rng: &mut Rng, uniform: Option<usize>) -> Vec<(usize, Vec<usize>, usize)> {
    let mut facts = Vec::new();
    for (pred, n) in [
        (0, 1 + rng.below(2)),
        (1, rng.below(3)),
        (2, 2 + rng.below(5)),
    ] {
        for _ in 0..n {
            let (pred, args) = rng.ground(pred, GUARD_ARITY[pred]);
            facts.push((pred, args, rng.level(uniform)));
        }
    }
    for _ in 0..1 + rng.below(4) {
        let (pred, args) = rng.ground(3, 3);
        facts.push((pred, args, rng.level(uniform)));
    }
    if rng.one_in(2) {
        let (pred, args) = rng.ground(4, 1);
        facts.push((pred, args, rng.level(uniform)));
    }
    facts
}

/// The rules of a guard program (see [`build_guard`]).
fn guard_rules(rng: &mut Rng, uniform: Option<usize>) -> Vec<R> {
    let mut rules: Vec<R> = (0..1 + rng.below(3))
        .map(|_| guard_rule(rng, uniform))
        .collect();
    let (x, y, z) = (v(0), v(1), v(2));
    if rng.one_in(2) {
        // `p1` from a guard, outside any recursion: a plain join.
        rules.push(R {
            head: at(1, vec![y.clone()]),
            pos: vec![at(2, vec![x.clone(), y.clone()])],
            neg: Vec::new(),
            level: rng.level(uniform),
        });
    }
    if rng.one_in(6) {
        // A rule concludes `p2`: it is no guard, and its rules run by joins.
        rules.push(R {
            head: at(2, vec![x.clone(), T::C(rng.constant())]),
            pos: vec![at(1, vec![x.clone()])],
            neg: Vec::new(),
            level: rng.level(uniform),
        });
    }
    if rng.one_in(3) {
        // Recursive, but `?z` is in no guard premise: run by joins beside the instances.
        rules.push(R {
            head: at(0, vec![x.clone()]),
            pos: vec![
                at(2, vec![x.clone(), y.clone()]),
                at(0, vec![y.clone()]),
                at(0, vec![z]),
            ],
            neg: Vec::new(),
            level: rng.level(uniform),
        });
    }
    if rng.one_in(2) {
        // A stratum above `p0`: its own guard recursion, reading `not p0`.
        rules.push(R {
            head: at(4, vec![x.clone()]),
            pos: vec![at(0, vec![x.clone()])],
            neg: Vec::new(),
            level: rng.level(uniform),
        });
        let neg = if rng.one_in(2) {
            vec![at(0, vec![x.clone()])]
        } else {
            Vec::new()
        };
        rules.push(R {
            head: at(4, vec![x.clone()]),
            pos: vec![at(4, vec![y.clone()]), at(2, vec![x, y])],
            neg,
            level: rng.level(uniform),
        });
    }
    rules
}

/// Rules kept as data: `p0` recursive through the guards `p2` and `p3`, whose facts are the
/// rules' instances, beside rules the guards do not cover (run by joins), a `p1` read
/// under `not`, and a stratum `p4` above with its own guard rule.
pub fn build_guard(seed: u64, uniform: Option<usize>) -> Prog {
    let mut rng = Rng::new(seed);
    let arity = GUARD_ARITY.to_vec();
    let facts = guard_facts(&mut rng, uniform);
    let rules = guard_rules(&mut rng, uniform);
    let atom = |rng: &mut Rng, facts: &[(usize, Vec<usize>, usize)]| -> Atom {
        let guard_facts: Vec<Atom> = facts
            .iter()
            .filter(|f| GUARDS.contains(&f.0))
            .map(|(p, a, _)| (*p, a.clone()))
            .collect();
        match rng.below(10) {
            0..=3 => rng.pick(&guard_facts),
            4..=6 => {
                let pred = rng.pick(&GUARDS);
                rng.ground(pred, GUARD_ARITY[pred])
            }
            _ => {
                let pred = rng.pick(&[0, 1, 4]);
                rng.ground(pred, 1)
            }
        }
    };
    finish(&mut rng, arity, facts, rules, uniform, &atom)
}

/// The predicates of a counted program: `p0` and `p1` one recursive component, `p2` below
/// it (read under `not`), `p3` facts only, `p4` above, reading `not` of the component.
const COUNTED_ARITY: [usize; 5] = [1, 2, 1, 1, 1];

/// Ground rules in recursive components: a component of a one-column and a two-column
/// predicate (so that a rule is woken by its premise's whole row, or by its first column
/// and then finds its premise among the tuples), one below it read under `not`, one above
/// reading its `not`.
pub fn build_counted(seed: u64, uniform: Option<usize>) -> Prog {
    let mut rng = Rng::new(seed);
    let arity = COUNTED_ARITY.to_vec();
    let ground = |rng: &mut Rng, preds: &[usize]| {
        let pred = rng.pick(preds);
        lit(&rng.ground(pred, COUNTED_ARITY[pred]))
    };
    let mut facts = Vec::new();
    for (pred, n) in [
        (0, 1 + rng.below(3)),
        (1, 1 + rng.below(3)),
        (2, rng.below(2)),
        (3, 1 + rng.below(3)),
    ] {
        for _ in 0..n {
            let (pred, args) = rng.ground(pred, arity[pred]);
            facts.push((pred, args, rng.level(uniform)));
        }
    }
    let mut rules = Vec::new();
    for _ in 0..4 + rng.below(7) {
        let pos = (0..1 + rng.below(3))
            .map(|_| match rng.below(5) {
                0 => ground(&mut rng, &[3]),
                _ => ground(&mut rng, &[0, 1]),
            })
            .collect();
        let neg = if rng.one_in(3) {
            vec![ground(&mut rng, &[2])]
        } else {
            Vec::new()
        };
        rules.push(R {
            head: ground(&mut rng, &[0, 1]),
            pos,
            neg,
            level: rng.level(uniform),
        });
    }
    for _ in 0..1 + rng.below(3) {
        rules.push(R {
            head: ground(&mut rng, &[2]),
            pos: (0..1 + rng.below(2))
                .map(|_| ground(&mut rng, &[2, 3]))
                .collect(),
            neg: Vec::new(),
            level: rng.level(uniform),
        });
    }
    for _ in 0..rng.below(4) {
        let neg = if rng.one_in(2) {
            vec![ground(&mut rng, &[0, 1])]
        } else {
            Vec::new()
        };
        rules.push(R {
            head: ground(&mut rng, &[4]),
            pos: (0..1 + rng.below(2))
                .map(|_| ground(&mut rng, &[0, 1, 4]))
                .collect(),
            neg,
            level: rng.level(uniform),
        });
    }
    let atom = |rng: &mut Rng, _: &[(usize, Vec<usize>, usize)]| -> Atom {
        let pred = match rng.below(10) {
            0..=4 => rng.pick(&[0, 1]),
            5 | 6 => 3,
            7 | 8 => 2,
            _ => 4,
        };
        rng.ground(pred, COUNTED_ARITY[pred])
    };
    finish(&mut rng, arity, facts, rules, uniform, &atom)
}

/// Picks a scenario line's atom, given the program's facts.
type AtomPicker<'a> = &'a dyn Fn(&mut Rng, &[(usize, Vec<usize>, usize)]) -> Atom;

/// The program with its top-level assumptions and four scenarios over atoms from `atom`:
/// `s0` a few lines; `s1` is `s0` with one line withdrawn (a sibling written without it);
/// `s2` extends `s0` and often says something else about one of its atoms (raises, lowers,
/// forbids, or lifts a forbidding); `s3` fresh lines, extending `s2` or nothing. Assumed
/// lines take any likelihood, or half the time the program's one (`uniform`).
fn finish(
    rng: &mut Rng,
    arity: Vec<usize>,
    facts: Vec<(usize, Vec<usize>, usize)>,
    rules: Vec<R>,
    uniform: Option<usize>,
    atom: AtomPicker<'_>,
) -> Prog {
    let lines_at = uniform.filter(|_| rng.one_in(2));
    let mut line = |rng: &mut Rng, atom: Atom| -> Line {
        let negated = rng.one_in(3);
        let level = if negated { 7 } else { rng.level(lines_at) };
        (atom.0, atom.1, level, negated)
    };
    let assumes = (0..rng.below(3))
        .map(|_| {
            let (pred, args) = atom(rng, &facts);
            (pred, args, rng.level(lines_at))
        })
        .collect();
    let fresh = |rng: &mut Rng, line: &mut dyn FnMut(&mut Rng, Atom) -> Line, n: usize| {
        let mut lines: Vec<Line> = Vec::new();
        for _ in 0..n {
            let about = atom(rng, &facts);
            push_line(&mut lines, line(rng, about));
        }
        lines
    };
    let n = 1 + rng.below(3);
    let s0 = fresh(rng, &mut line, n);
    let mut s1 = s0.clone();
    s1.remove(rng.below(s1.len()));
    let mut s2 = Vec::new();
    for _ in 0..1 + rng.below(2) {
        let about = if rng.one_in(2) {
            let (pred, args, ..) = rng.pick(&s0);
            (pred, args)
        } else {
            atom(rng, &facts)
        };
        push_line(&mut s2, line(rng, about));
    }
    let n = 1 + rng.below(3);
    let s3 = fresh(rng, &mut line, n);
    let parents = vec![None, None, Some(0), rng.one_in(2).then_some(2)];
    Prog {
        rank: vec![0; arity.len()],
        arity,
        facts,
        assumes,
        rules,
        scenarios: vec![s0, s1, s2, s3],
        parents,
        literals: crate::common::written::literals_of(rng.below(1 << 30) as u64),
        choices: Vec::new(),
    }
}

/// Adds `line` unless the scenario says the opposite about its atom already (the checker
/// rejects assuming an atom and forbidding it in one scenario).
fn push_line(lines: &mut Vec<Line>, line: Line) {
    let (pred, args, _, negated) = &line;
    if !lines
        .iter()
        .any(|(p, a, _, n)| p == pred && a == args && n != negated)
    {
        lines.push(line);
    }
}

pub fn arb_guard_prog() -> impl Strategy<Value = Prog> {
    any::<u64>().prop_map(|seed| build_guard(seed, None))
}

pub fn arb_uniform_guard_prog() -> impl Strategy<Value = Prog> {
    (any::<u64>(), 0usize..8).prop_map(|(seed, level)| build_guard(seed, Some(level)))
}

pub fn arb_counted_prog() -> impl Strategy<Value = Prog> {
    any::<u64>().prop_map(|seed| build_counted(seed, None))
}

pub fn arb_uniform_counted_prog() -> impl Strategy<Value = Prog> {
    (any::<u64>(), 0usize..8).prop_map(|(seed, level)| build_counted(seed, Some(level)))
}

/// One to four changes of scenario `i` of `p`, from `seed`: about its own lines' atoms,
/// the program's facts (guard facts among them) or any atom.
pub fn random_change(p: &Prog, i: usize, seed: u64) -> Change {
    let mut rng = Rng::new(seed);
    let mut pool: Vec<Atom> = p
        .effective_lines(i)
        .into_iter()
        .map(|l| (l.0, l.1))
        .collect();
    pool.extend(p.facts.iter().map(|(q, a, _)| (*q, a.clone())));
    let mut change = Change::default();
    let mut used: Vec<Atom> = Vec::new();
    for _ in 0..1 + rng.below(4) {
        let atom = if rng.one_in(3) {
            let pred = rng.below(p.arity.len());
            rng.ground(pred, p.arity[pred])
        } else {
            rng.pick(&pool)
        };
        if used.contains(&atom) {
            continue;
        }
        used.push(atom.clone());
        match rng.below(3) {
            0 => change.added.push((atom, rng.below(8))),
            1 => change.withdrawn.push(atom),
            _ => change.forbidden.push(atom),
        }
    }
    change
}
