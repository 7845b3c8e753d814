//! Weighted model counting on a BDD: each variable true with its weight's probability,
//! independently. One pass up gives the probability of every node; one pass down from the
//! root gives the derivative of the root's probability with respect to every variable's
//! (a node labelled v contributes the probability of reaching it times the difference its
//! two branches make; an ordered BDD tests v at most once on a path).

use biodivine_lib_bdd::{Bdd, BddPointer};

/// The nodes reachable from the root, children before parents (an explicit stack: a BDD
/// may be as deep as it has variables).
fn postorder(bdd: &Bdd) -> Vec<BddPointer> {
    // A node is entered once (its children pushed above it, so they finish first) and
    // finished once; a node pushed twice before it is entered is entered only the first time.
    let mut entered = vec![false; bdd.size()];
    let mut out = Vec::new();
    let mut stack = vec![(bdd.root_pointer(), false)];
    while let Some((node, finish)) = stack.pop() {
        if finish {
            out.push(node);
            continue;
        }
        if std::mem::replace(&mut entered[node.to_index()], true) {
            continue;
        }
        stack.push((node, true));
        if !node.is_terminal() {
            for child in [bdd.low_link_of(node), bdd.high_link_of(node)] {
                if !entered[child.to_index()] {
                    stack.push((child, false));
                }
            }
        }
    }
    out
}

/// Each node's probability, by node index (0 for nodes not reachable from the root).
fn values(bdd: &Bdd, order: &[BddPointer], weights: &[f64]) -> Vec<f64> {
    let mut value = vec![0.0; bdd.size()];
    for &node in order {
        value[node.to_index()] = match node.as_bool() {
            Some(b) => f64::from(u8::from(b)),
            None => {
                let w = weights[bdd.var_of(node).to_index()];
                let (low, high) = (bdd.low_link_of(node), bdd.high_link_of(node));
                (1.0 - w) * value[low.to_index()] + w * value[high.to_index()]
            }
        };
    }
    value
}

/// The probability that `bdd` holds.
pub(super) fn probability(bdd: &Bdd, weights: &[f64]) -> f64 {
    let order = postorder(bdd);
    values(bdd, &order, weights)[bdd.root_pointer().to_index()]
}

/// The derivative of the probability that `bdd` holds with respect to each variable's
/// probability, by variable.
pub(super) fn derivatives(bdd: &Bdd, weights: &[f64]) -> Vec<f64> {
    let order = postorder(bdd);
    let value = values(bdd, &order, weights);
    let mut reach = vec![0.0; bdd.size()];
    reach[bdd.root_pointer().to_index()] = 1.0;
    let mut out = vec![0.0; weights.len()];
    for &node in order.iter().rev() {
        if node.is_terminal() {
            continue;
        }
        let var = bdd.var_of(node).to_index();
        let (low, high) = (bdd.low_link_of(node), bdd.high_link_of(node));
        let r = reach[node.to_index()];
        reach[low.to_index()] += r * (1.0 - weights[var]);
        reach[high.to_index()] += r * weights[var];
        out[var] += r * (value[high.to_index()] - value[low.to_index()]);
    }
    out
}
