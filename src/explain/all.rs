//! Every distinct derivation of an atom (`why --all-proofs`), bounded, with a count of the
//! proofs there are.

use std::ops::ControlFlow;

use serde::Serialize;

use super::{MAX_PROOF_DEPTH, Proof, leaf_by, negation, rule_node};
use std::collections::HashMap;

use crate::engine::{Derivation, Leaf, Model, TupleId};
use crate::likelihood::Likelihood;
use crate::program::{FactId, GroundAtom, PredId};

/// Proofs counted beyond this many tuple visits make the total a lower bound.
const COUNT_BUDGET: usize = 100_000;

/// The proofs of an atom.
#[derive(Clone, Debug, Serialize)]
pub struct AllProofs {
    /// Up to the limit asked for, strongest first, then lowest.
    pub proofs: Vec<Proof>,
    /// How many distinct proofs there are (derivations that do not reuse an atom on their
    /// own path).
    pub total: u64,
    /// False when counting stopped early, so `total` is a lower bound.
    pub exact: bool,
}

/// Up to `limit` distinct proofs of `atom`; `None` when it does not hold.
pub fn all_proofs(model: &Model<'_>, atom: &GroundAtom, limit: usize) -> Option<AllProofs> {
    let t = model.find(atom)?;
    let mut path = Vec::new();
    let leaves = Leaves::of(model);
    let mut proofs = enumerate(model, &leaves, atom.pred, t, &mut path, limit.max(1));
    proofs.sort_by(|a, b| {
        b.likelihood
            .cmp(&a.likelihood)
            .then(a.height.cmp(&b.height))
    });
    proofs.truncate(limit);
    let mut counter = Counter {
        leaves: &leaves,
        visits: 0,
        exact: true,
    };
    let total = counter
        .count(model, atom.pred, t, &mut path)
        .max(proofs.len() as u64);
    Some(AllProofs {
        proofs,
        total,
        exact: counter.exact,
    })
}

fn derivations(model: &Model<'_>, atom: &GroundAtom) -> Vec<Derivation> {
    let mut out = Vec::new();
    let _ = model.derivations(atom, &mut |d| {
        out.push(d.clone());
        ControlFlow::Continue(())
    });
    out
}

/// Every fact and effective assumption per atom: the engine keeps only the strongest leaf
/// of a tuple, but each is a distinct proof. Read from the program, not re-derived.
struct Leaves(HashMap<GroundAtom, Vec<(Leaf, Likelihood)>>);

impl Leaves {
    fn of(model: &Model<'_>) -> Self {
        let p = model.program();
        let mut map: HashMap<GroundAtom, Vec<(Leaf, Likelihood)>> = HashMap::new();
        let assumptions = p.assumptions(model.scenario());
        let blocked: Vec<&GroundAtom> = assumptions
            .iter()
            .filter(|(_, _, a)| a.negated)
            .map(|(_, _, a)| &a.atom)
            .collect();
        for (i, f) in p.facts.iter().enumerate() {
            if !blocked.contains(&&f.atom) {
                map.entry(f.atom.clone())
                    .or_default()
                    .push((Leaf::Fact(FactId::from_index(i)), f.level));
            }
        }
        for (scenario, index, a) in assumptions.iter().filter(|(_, _, a)| !a.negated) {
            let leaf = Leaf::Assumed {
                scenario: *scenario,
                index: *index as u32,
            };
            map.entry(a.atom.clone()).or_default().push((leaf, a.level));
        }
        Leaves(map)
    }

    fn get(&self, atom: &GroundAtom) -> &[(Leaf, Likelihood)] {
        self.0.get(atom).map_or(&[], Vec::as_slice)
    }
}

fn enumerate(
    model: &Model<'_>,
    leaves: &Leaves,
    pred: PredId,
    t: TupleId,
    path: &mut Vec<(PredId, TupleId)>,
    limit: usize,
) -> Vec<Proof> {
    let p = model.program();
    let atom = model.atom(pred, t);
    let mut out = Vec::new();
    for &(leaf, value) in leaves.get(&atom) {
        out.push(Proof {
            atom: p.show_atom(&atom),
            likelihood: value,
            by: leaf_by(p, leaf),
            premises: Vec::new(),
            height: 0,
        });
    }
    if path.len() >= MAX_PROOF_DEPTH {
        return out;
    }
    path.push((pred, t));
    for d in derivations(model, &atom) {
        if out.len() >= limit {
            break;
        }
        if d.premises.iter().flatten().any(|x| path.contains(x)) {
            continue;
        }
        let rule = p.rule(d.rule);
        let mut options: Vec<Vec<Proof>> = Vec::new();
        for (prem, m) in rule.premises.iter().zip(&d.premises) {
            options.push(match m {
                Some((pp, pt)) => enumerate(model, leaves, *pp, *pt, path, limit),
                None => vec![negation(model, &prem.atom.ground(&d.bindings), path.len())],
            });
        }
        if options.iter().any(Vec::is_empty) {
            continue;
        }
        // The cartesian product of the premises' proofs, in odometer order.
        let mut pick = vec![0usize; options.len()];
        loop {
            let premises = options
                .iter()
                .zip(&pick)
                .map(|(o, &i)| o[i].clone())
                .collect();
            out.push(rule_node(p, d.rule, p.show_atom(&atom), premises));
            if out.len() >= limit || !advance(&mut pick, &options) {
                break;
            }
        }
    }
    path.pop();
    out
}

fn advance(pick: &mut [usize], options: &[Vec<Proof>]) -> bool {
    for (i, o) in pick.iter_mut().zip(options).rev() {
        *i += 1;
        if *i < o.len() {
            return true;
        }
        *i = 0;
    }
    false
}

struct Counter<'l> {
    leaves: &'l Leaves,
    visits: usize,
    exact: bool,
}

impl Counter<'_> {
    fn count(
        &mut self,
        model: &Model<'_>,
        pred: PredId,
        t: TupleId,
        path: &mut Vec<(PredId, TupleId)>,
    ) -> u64 {
        self.visits += 1;
        if self.visits > COUNT_BUDGET || path.len() >= MAX_PROOF_DEPTH {
            self.exact = false;
            return 1;
        }
        let atom = model.atom(pred, t);
        let mut total = self.leaves.get(&atom).len() as u64;
        path.push((pred, t));
        for d in derivations(model, &atom) {
            if d.premises.iter().flatten().any(|x| path.contains(x)) {
                continue;
            }
            let mut product: u64 = 1;
            for (pp, pt) in d.premises.iter().flatten() {
                product = product.saturating_mul(self.count(model, *pp, *pt, path));
                if product == 0 {
                    break;
                }
            }
            total = total.saturating_add(product);
        }
        path.pop();
        total
    }
}
