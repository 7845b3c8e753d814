//! Random safe, stratified programs for property tests, written as rule-file text.

use proptest::prelude::*;

use crate::common::written::{choice_groups, literals_of};

use augur::Likelihood;

pub const CONSTS: [&str; 4] = ["a", "b", "c", "d"];
pub const VARS: [&str; 3] = ["x", "y", "z"];

#[derive(Clone, Debug)]
pub enum T {
    C(usize),
    V(usize),
}

#[derive(Clone, Debug)]
pub struct At {
    pub pred: usize,
    pub args: Vec<T>,
}

#[derive(Clone, Debug)]
pub struct R {
    pub head: At,
    pub pos: Vec<At>,
    pub neg: Vec<At>,
    pub level: usize,
}

#[derive(Clone, Debug)]
pub struct Prog {
    pub arity: Vec<usize>,
    pub rank: Vec<usize>,
    pub facts: Vec<(usize, Vec<usize>, usize)>,
    pub assumes: Vec<(usize, Vec<usize>, usize)>,
    pub rules: Vec<R>,
    /// Three scenarios: each a list of (predicate, arguments, level, negated) assumptions.
    pub scenarios: Vec<Vec<Line>>,
    /// The scenario each one `extends`, if any (always an earlier one).
    pub parents: Vec<Option<usize>>,
    /// 0: every likelihood is written as its keyword; else the seed that picks which are
    /// written as a probability in their band (`0.72`, `72%`) instead ([`Prog::written`]).
    pub literals: u64,
    /// Per rule (by index; missing: none), the `choice` group it is marked with. The rules
    /// of a group have one level and one written likelihood.
    pub choices: Vec<Option<usize>>,
}

pub type Atom = (usize, Vec<usize>);

/// A scenario line: predicate, arguments, level, and whether it is `assume not`.
pub type Line = (usize, Vec<usize>, usize, bool);

/// A small deterministic generator (xorshift): a generated program shrinks by its seed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed | 1)
    }

    /// A number below `n`.
    pub fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        // Below `n`, so it fits.
        usize::try_from(self.0 % u64::try_from(n).unwrap_or(u64::MAX)).unwrap_or(0)
    }

    /// True once in `n` times.
    pub fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    /// A likelihood rank: `uniform`'s if set, else any of the eight.
    pub fn level(&mut self, uniform: Option<usize>) -> usize {
        uniform.unwrap_or_else(|| self.below(8))
    }

    pub fn pick<X: Clone>(&mut self, xs: &[X]) -> X {
        xs[self.below(xs.len())].clone()
    }

    pub fn constant(&mut self) -> usize {
        self.below(CONSTS.len())
    }

    pub fn ground(&mut self, pred: usize, arity: usize) -> Atom {
        (pred, (0..arity).map(|_| self.constant()).collect())
    }
}

/// Three scenarios of up to three lines each, over random ground atoms: an `assume` at a
/// random level or an `assume not`, never both for one atom in one scenario. `s1` may
/// extend `s0`, and `s2` either of them; a child's line is often about an atom of its
/// parent's, so that it lowers, raises, lifts or forbids what it inherits.
fn scenario_lines(
    next: &mut dyn FnMut(usize) -> usize,
    arity: &[usize],
) -> (Vec<Vec<Line>>, Vec<Option<usize>>) {
    let mut scenarios: Vec<Vec<Line>> = Vec::new();
    let mut parents = Vec::new();
    for i in 0..3 {
        let parent = (i > 0 && next(3) != 0).then(|| next(i));
        let mut lines: Vec<Line> = Vec::new();
        for _ in 0..next(4) {
            let inherited = parent.map(|q| &scenarios[q]).filter(|l| !l.is_empty());
            let (pred, args) = match inherited {
                Some(l) if next(2) == 0 => {
                    let (pred, args, ..) = &l[next(l.len())];
                    (*pred, args.clone())
                }
                _ => {
                    let pred = next(arity.len());
                    (pred, (0..arity[pred]).map(|_| next(4)).collect())
                }
            };
            let negated = next(4) == 0;
            if lines
                .iter()
                .any(|(p, a, _, n)| *p == pred && *a == args && *n != negated)
            {
                continue;
            }
            lines.push((pred, args, if negated { 7 } else { next(8) }, negated));
        }
        scenarios.push(lines);
        parents.push(parent);
    }
    (scenarios, parents)
}

pub fn show(pred: usize, args: &[String]) -> String {
    let name = format!("p{pred}");
    match args {
        [s] => format!("{s} {name}"),
        [s, o] => format!("{s} {name} {o}"),
        _ => format!("{name}({})", args.join(", ")),
    }
}

pub fn term_text(t: &T) -> String {
    match t {
        T::C(c) => CONSTS[*c].to_string(),
        T::V(v) => format!("?{}", VARS[*v]),
    }
}

pub fn atom_text(a: &At) -> String {
    show(a.pred, &a.args.iter().map(term_text).collect::<Vec<_>>())
}

pub fn ground_text((pred, args): &Atom) -> String {
    show(
        *pred,
        &args
            .iter()
            .map(|c| CONSTS[*c].to_string())
            .collect::<Vec<_>>(),
    )
}

pub fn level_kw(l: usize) -> &'static str {
    Likelihood::ALL[l].keyword()
}

impl Prog {
    /// The program with `assumable` declarations for every predicate and two scenarios
    /// `s0` and `s1` instead of top-level assumptions.
    pub fn text_with_scenarios(&self) -> String {
        let mut s = String::new();
        for (pred, &n) in self.arity.iter().enumerate() {
            let vars: Vec<String> = (0..n).map(|i| format!("?v{i}")).collect();
            s += &format!("assumable {}\n", show(pred, &vars));
        }
        let plain = Prog {
            assumes: Vec::new(),
            ..self.clone()
        };
        s += &plain.text();
        for (i, lines) in self.scenarios.iter().enumerate() {
            match self.parents[i] {
                Some(q) => s += &format!("scenario s{i} extends s{q} {{\n"),
                None => s += &format!("scenario s{i} {{\n"),
            }
            for (pred, args, l, negated) in lines {
                let atom = ground_text(&(*pred, args.clone()));
                if *negated {
                    s += &format!("  assume not {atom}\n");
                } else {
                    s += &format!(
                        "  assume {atom} [{}]\n",
                        self.leaf_written(*pred, args, *l).0
                    );
                }
            }
            s += "}\n";
        }
        s
    }

    /// The lines scenario `i` stands on, written by hand from docs/LANGUAGE.md rather than
    /// by the checker: its own, then its ancestors' about atoms no nearer scenario has a
    /// line about (a child's lines about an atom replace all of its ancestors').
    pub fn effective_lines(&self, i: usize) -> Vec<Line> {
        let mut out: Vec<Line> = self.scenarios[i].clone();
        let mut at = self.parents[i];
        while let Some(q) = at {
            let mentioned: Vec<(usize, Vec<usize>)> =
                out.iter().map(|(p, a, ..)| (*p, a.clone())).collect();
            out.extend(
                self.scenarios[q]
                    .iter()
                    .filter(|(p, a, ..)| !mentioned.contains(&(*p, a.clone())))
                    .cloned(),
            );
            at = self.parents[q];
        }
        out
    }

    /// The program as a run on `lines` sees it: those `assume` lines as its only
    /// assumptions, and the atoms their `assume not` lines forbid.
    pub fn scenario_view(&self, lines: &[Line]) -> (Prog, Vec<Atom>) {
        let assumes = lines
            .iter()
            .filter(|l| !l.3)
            .map(|(pred, args, l, _)| (*pred, args.clone(), *l))
            .collect();
        let blocked = lines
            .iter()
            .filter(|l| l.3)
            .map(|(pred, args, ..)| (*pred, args.clone()))
            .collect();
        let view = Prog {
            assumes,
            ..self.clone()
        };
        (view, blocked)
    }

    pub fn text(&self) -> String {
        let mut s = String::new();
        for (pred, args, l) in &self.facts {
            s += &format!(
                "fact {} [{}]\n",
                ground_text(&(*pred, args.clone())),
                self.leaf_written(*pred, args, *l).0
            );
        }
        for (pred, args, l) in &self.assumes {
            s += &format!(
                "assume {} [{}]\n",
                ground_text(&(*pred, args.clone())),
                self.leaf_written(*pred, args, *l).0
            );
        }
        for (i, r) in self.rules.iter().enumerate() {
            let mut prem: Vec<String> = r.pos.iter().map(atom_text).collect();
            prem.extend(r.neg.iter().map(|a| format!("not {}", atom_text(a))));
            let choice = match self.choices.get(i).copied().flatten() {
                Some(g) => format!(" choice g{g}"),
                None => String::new(),
            };
            s += &format!(
                "rule r{i}: {} implies {} [{}]{choice}\n",
                prem.join(" and "),
                atom_text(&r.head),
                self.written(self.rule_site(i), r.level).0
            );
        }
        s
    }
}

/// Every assignment of constants to the three variables.
pub fn assignments() -> impl Iterator<Item = [usize; 3]> {
    (0..64).map(|n| [n % 4, (n / 4) % 4, n / 16])
}

pub fn ground(a: &At, env: &[usize; 3]) -> Atom {
    (
        a.pred,
        a.args
            .iter()
            .map(|t| match t {
                T::C(c) => *c,
                T::V(v) => env[*v],
            })
            .collect(),
    )
}

pub fn arb_prog() -> impl Strategy<Value = Prog> {
    let npred = 4usize;
    (
        prop::collection::vec(1usize..=3, npred),
        prop::collection::vec(0usize..3, npred),
        any::<u64>(),
    )
        .prop_map(move |(arity, rank, seed)| build(arity, rank, seed))
}

/// One random safe rule for [`build`]: positive premises of predicates ranked at most the
/// head's, and maybe a `not` of a lower-ranked one.
fn random_rule(mut next: &mut dyn FnMut(usize) -> usize, arity: &[usize], rank: &[usize]) -> R {
    let npred = arity.len();
    let head_pred = next(npred);
    let mut pos = Vec::new();
    for _ in 0..1 + next(3) {
        let candidates: Vec<usize> = (0..npred).filter(|&q| rank[q] <= rank[head_pred]).collect();
        let pred = candidates[next(candidates.len())];
        let args = (0..arity[pred])
            .map(|_| {
                if next(4) == 0 {
                    T::C(next(4))
                } else {
                    T::V(next(3))
                }
            })
            .collect();
        pos.push(At { pred, args });
    }
    let bound: Vec<usize> = pos
        .iter()
        .flat_map(|a: &At| &a.args)
        .filter_map(|t| match t {
            T::V(v) => Some(*v),
            _ => None,
        })
        .collect();
    let pick = |next: &mut dyn FnMut(usize) -> usize| -> T {
        if bound.is_empty() || next(5) == 0 {
            T::C(next(4))
        } else {
            T::V(bound[next(bound.len())])
        }
    };
    let head = At {
        pred: head_pred,
        args: (0..arity[head_pred]).map(|_| pick(&mut next)).collect(),
    };
    let mut neg = Vec::new();
    let lower: Vec<usize> = (0..npred).filter(|&q| rank[q] < rank[head_pred]).collect();
    if !lower.is_empty() && next(2) == 0 {
        let pred = lower[next(lower.len())];
        neg.push(At {
            pred,
            args: (0..arity[pred]).map(|_| pick(&mut next)).collect(),
        });
    }
    R {
        head,
        pos,
        neg,
        level: next(8),
    }
}

/// Builds a safe, stratified program from a seed with a small deterministic generator.
pub fn build(arity: Vec<usize>, rank: Vec<usize>, seed: u64) -> Prog {
    let mut rng = Rng::new(seed);
    let mut next = |n: usize| rng.below(n);
    let n = 2 + next(8);
    let facts = leaves(&mut next, &arity, n);
    let n = next(3);
    let assumes = leaves(&mut next, &arity, n);
    let rules: Vec<R> = (0..1 + next(6))
        .map(|_| random_rule(&mut next, &arity, &rank))
        .collect();
    let (scenarios, parents) = scenario_lines(&mut next, &arity);
    let literals = literals_of(seed);
    let mut rules = rules;
    let choices = choice_groups(&mut next, &mut rules);
    Prog {
        arity,
        rank,
        facts,
        assumes,
        rules,
        scenarios,
        parents,
        literals,
        choices,
    }
}

/// Like [`arb_prog`], with every fact, assumption and rule at one likelihood: the engine
/// then carries one height per tuple instead of one per level.
pub fn arb_uniform_prog() -> impl Strategy<Value = Prog> {
    (arb_prog(), 0usize..8).prop_map(|(mut p, level)| {
        for f in p.facts.iter_mut().chain(p.assumes.iter_mut()) {
            f.2 = level;
        }
        for r in &mut p.rules {
            r.level = level;
        }
        for line in p.scenarios.iter_mut().flatten() {
            line.2 = level;
        }
        p
    })
}

/// Like [`arb_prog`], with every variable replaced by a constant: every rule is ground,
/// as in a propositional network, which the engine evaluates without join plans.
pub fn arb_ground_prog() -> impl Strategy<Value = Prog> {
    arb_prog().prop_map(|mut p| {
        for r in &mut p.rules {
            for a in std::iter::once(&mut r.head)
                .chain(r.pos.iter_mut())
                .chain(r.neg.iter_mut())
            {
                for t in &mut a.args {
                    if let T::V(v) = *t {
                        *t = T::C(v);
                    }
                }
            }
        }
        p
    })
}

/// Every ground atom of the program's predicates over the four constants, each
/// predicate's in order of its arguments read as base-4 digits, the first the lowest.
pub fn all_atoms(p: &Prog) -> Vec<Atom> {
    let mut out = Vec::new();
    for (pred, &n) in p.arity.iter().enumerate() {
        let mut rows: Vec<Vec<usize>> = vec![Vec::new()];
        for _ in 0..n {
            rows = (0..CONSTS.len())
                .flat_map(|c| rows.iter().map(move |r| [r.as_slice(), &[c]].concat()))
                .collect();
        }
        out.extend(rows.into_iter().map(|args| (pred, args)));
    }
    out
}

/// `n` random ground atoms, each with a random likelihood: facts or assumptions.
fn leaves(
    next: &mut dyn FnMut(usize) -> usize,
    arity: &[usize],
    n: usize,
) -> Vec<(usize, Vec<usize>, usize)> {
    (0..n)
        .map(|_| {
            let pred = next(arity.len());
            let args = (0..arity[pred]).map(|_| next(4)).collect();
            (pred, args, next(8))
        })
        .collect()
}

/// Programs stratified only at the level of atoms: every atom's first argument is a
/// constant, and each constant has a rank; a rule reads atoms of its head's rank or lower,
/// and negates only atoms of a lower rank. So one predicate appears with different
/// constants on both sides of a `not` (`a p0 ?x and not b p0 ?x implies c p0 ?x`), which a
/// per-predicate stratification rejects as a cycle.
pub fn arb_atom_stratified_prog() -> impl Strategy<Value = Prog> {
    (
        prop::collection::vec(1usize..=3, 3),
        prop::collection::vec(0usize..3, CONSTS.len()),
        any::<u64>(),
    )
        .prop_map(|(arity, rank, seed)| build_atom_stratified(arity, rank, seed))
}

/// Builds an [`arb_atom_stratified_prog`] program; `rank` is per constant.
pub fn build_atom_stratified(arity: Vec<usize>, rank: Vec<usize>, seed: u64) -> Prog {
    let mut rng = Rng::new(seed);
    let mut next = |n: usize| rng.below(n);
    let npred = arity.len();
    let n = 3 + next(8);
    let facts = leaves(&mut next, &arity, n);
    let n = next(3);
    let assumes = leaves(&mut next, &arity, n);
    // An atom whose first argument is a constant of rank within `ok`, the rest variables
    // (from `vars`) or constants.
    let atom =
        |next: &mut dyn FnMut(usize) -> usize, ok: &dyn Fn(usize) -> bool, vars: &[usize]| {
            let firsts: Vec<usize> = (0..CONSTS.len()).filter(|&c| ok(rank[c])).collect();
            if firsts.is_empty() {
                return None;
            }
            let pred = next(npred);
            let mut args = vec![T::C(firsts[next(firsts.len())])];
            for _ in 1..arity[pred] {
                args.push(if vars.is_empty() || next(4) == 0 {
                    T::C(next(4))
                } else {
                    T::V(vars[next(vars.len())])
                });
            }
            Some(At { pred, args })
        };
    let mut rules = Vec::new();
    for _ in 0..2 + next(6) {
        let head_rank = rank[next(CONSTS.len())];
        let mut pos = Vec::new();
        for _ in 0..1 + next(3) {
            pos.extend(atom(&mut next, &|r| r <= head_rank, &[0, 1, 2]));
        }
        let bound: Vec<usize> = pos
            .iter()
            .flat_map(|a: &At| &a.args)
            .filter_map(|t| match t {
                T::V(v) => Some(*v),
                _ => None,
            })
            .collect();
        let Some(head) = atom(&mut next, &|r| r == head_rank, &bound) else {
            continue;
        };
        let mut neg = Vec::new();
        if next(3) != 0 {
            neg.extend(atom(&mut next, &|r| r < head_rank, &bound));
        }
        rules.push(R {
            head,
            pos,
            neg,
            level: next(8),
        });
    }
    let (scenarios, parents) = scenario_lines(&mut next, &arity);
    let choices = choice_groups(&mut next, &mut rules);
    Prog {
        arity,
        rank: vec![0; npred],
        facts,
        assumes,
        rules,
        scenarios,
        parents,
        literals: literals_of(seed),
        choices,
    }
}

/// A what-if change of a scenario: assumptions added (atom, likelihood rank), withdrawn
/// and forbidden, each atom in one list at most.
#[derive(Clone, Debug, Default)]
pub struct Change {
    pub added: Vec<(Atom, usize)>,
    pub withdrawn: Vec<Atom>,
    pub forbidden: Vec<Atom>,
}

impl Change {
    /// The change written as text, as `ScenarioInputs::what_if` documents it: `lines` (a
    /// scenario's effective lines) without those about a changed atom, and the lines of a
    /// scenario extending that one: `assume` for each added atom, `assume not` for each
    /// forbidden one.
    pub fn written(&self, lines: &[Line]) -> (Vec<Line>, Vec<Line>) {
        let touched: Vec<&Atom> = self
            .added
            .iter()
            .map(|(a, _)| a)
            .chain(&self.withdrawn)
            .chain(&self.forbidden)
            .collect();
        let kept = lines
            .iter()
            .filter(|(q, a, ..)| !touched.contains(&&(*q, a.clone())))
            .cloned()
            .collect();
        let child = self
            .added
            .iter()
            .map(|((q, a), l)| (*q, a.clone(), *l, false))
            .chain(self.forbidden.iter().map(|(q, a)| (*q, a.clone(), 7, true)))
            .collect();
        (kept, child)
    }
}
