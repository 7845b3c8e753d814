//! Every distinct derivation of an atom (`why --all-proofs`), bounded, with a count of the
//! proofs there are.

use std::ops::ControlFlow;

use serde::Serialize;

use super::{MAX_PROOF_DEPTH, Proof, absent, leaf_by, rule_node};
use crate::engine::{Derivation, Model, TupleId};
use crate::program::{GroundAtom, PredId};

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
    let mut proofs = enumerate(model, atom.pred, t, &mut path, limit.max(1));
    proofs.sort_by(|a, b| {
        b.likelihood
            .cmp(&a.likelihood)
            .then(a.height.cmp(&b.height))
    });
    proofs.truncate(limit);
    let mut counter = Counter {
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

fn enumerate(
    model: &Model<'_>,
    pred: PredId,
    t: TupleId,
    path: &mut Vec<(PredId, TupleId)>,
    limit: usize,
) -> Vec<Proof> {
    let p = model.program();
    let atom = model.atom(pred, t);
    let mut out = Vec::new();
    if let Some((leaf, value)) = model.leaf(pred, t) {
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
                Some((pp, pt)) => enumerate(model, *pp, *pt, path, limit),
                None => vec![absent(p, &prem.atom.ground(&d.bindings))],
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

struct Counter {
    visits: usize,
    exact: bool,
}

impl Counter {
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
        let mut total = u64::from(model.leaf(pred, t).is_some());
        path.push((pred, t));
        for d in derivations(model, &model.atom(pred, t)) {
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
