//! Every distinct proof of an atom (`why --all-proofs`): counted by arithmetic on the proof
//! graph, and the best few listed, without ever enumerating the proofs there are.
//!
//! The proof graph has a node per atom that holds and an edge per premise of each rule
//! application. A proof is a tree unfolded from it that never goes round a cycle: a premise
//! is used when it lies outside the conclusion's strongly connected component, or, inside
//! it, when it was established before the conclusion (it holds more strongly, or as
//! strongly with a lower strongest proof). Those edges form a DAG on which, premises first,
//! 1. the number of proofs of a node is its facts and assumptions plus, over its rule
//!    applications, the product of its premises' numbers (saturating, memoised); and
//! 2. its `k` lowest proofs at a level are merged from its premises' `k` lowest, as in lazy
//!    k-best parsing: a proof is never lower than one with a lower premise.
//!
//! The work is linear in the graph (times `k` and the levels for the listing), whatever the
//! number of proofs.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::ops::ControlFlow;

use serde::Serialize;

mod frontier;

use frontier::{Frontier, Item, Kind};

use crate::engine::{Leaf, Model, TupleId};
use crate::explain::build::folded;
use crate::explain::{
    Build, Cx, Limits, Literal, Proof, build, leaf_by, negation_within, strongest,
};
use crate::hash::{HashMap, HashSet};
use crate::likelihood::Likelihood;
use crate::program::{GroundAtom, PredId, Program, RuleId};

/// Rule applications read while mapping the proof graph; past it, the atoms not yet
/// mapped count one proof each (their strongest), and the total is a lower bound.
pub const MAX_GRAPH_STEPS: usize = 200_000;

/// The most proofs that can be asked for at once (`--max-proofs`).
pub const MAX_PROOFS: usize = 1_000;

/// A tuple of the model: an atom that holds.
type Tuple = (PredId, TupleId);

/// The proofs of an atom.
#[derive(Clone, Debug, Serialize)]
pub struct AllProofs<'p> {
    /// Up to the limit asked for, strongest first, then lowest.
    pub proofs: Vec<Proof<'p>>,
    /// How many distinct proofs there are (see the module's documentation); saturates at
    /// `u64::MAX`.
    pub total: u64,
    /// False when `total` is a lower bound: the count saturated, or the graph was larger
    /// than [`MAX_GRAPH_STEPS`].
    pub exact: bool,
}

/// Up to `limit` (at most [`MAX_PROOFS`]) distinct proofs of `atom`, strongest first, then
/// lowest, and how many there are; `None` when it does not hold.
pub fn all_proofs<'p>(model: &Model<'p>, atom: &GroundAtom, limit: usize) -> Option<AllProofs<'p>> {
    all_proofs_within(model, atom, limit, Limits::PRODUCTION)
}

/// [`all_proofs`] within `limits`.
pub(crate) fn all_proofs_within<'p>(
    model: &Model<'p>,
    atom: &GroundAtom,
    limit: usize,
    limits: Limits,
) -> Option<AllProofs<'p>> {
    model.likelihood(atom)?;
    let t = model.find(atom)?;
    let mut cx = Cx::within(model.program(), limits);
    let graph = Graph::map(model, &cx, atom.pred, t);
    let order = graph.order();
    let k = limit.clamp(1, MAX_PROOFS);
    let mut counts: Vec<(u64, bool)> = vec![(0, true); graph.nodes.len()];
    for &v in &order {
        counts[v] = graph.count(v, &counts);
    }
    let (total, exact) = counts[0];
    // Strongest first: for each level from the atom's down, the lowest proofs whose every
    // step is at least that level, keeping those exactly at it (the stronger ones were
    // listed before). All of the stronger ones were listed, or the list is full, so the
    // `k` lowest at a level hold every one this level adds.
    let mut picked: Vec<(usize, usize)> = Vec::new();
    let mut levels: Vec<Vec<Vec<Item>>> = vec![Vec::new(); Likelihood::ALL.len()];
    let top = graph.nodes[0].level;
    for level in Likelihood::ALL.into_iter().rev().filter(|&l| l <= top) {
        let mut best: Vec<Vec<Item>> = vec![Vec::new(); graph.nodes.len()];
        for &v in &order {
            best[v] = graph.best(model.program(), v, level, &best, k);
        }
        for (r, item) in best[0].iter().enumerate() {
            if picked.len() < k && item.likelihood == level {
                picked.push((level.rank(), r));
            }
        }
        levels[level.rank()] = best;
        if picked.len() >= k {
            break;
        }
    }
    let proofs = picked
        .iter()
        .take(limit)
        .map(|&(level, r)| {
            cx.steps_left = cx.limits.steps;
            graph.proof(model, &levels[level], Spec::Item(0, r), &mut cx)
        })
        .collect();
    Some(AllProofs {
        proofs,
        total,
        exact: exact && graph.complete,
    })
}

/// An atom of the proof graph.
struct Node {
    pred: PredId,
    t: TupleId,
    /// The strongest level it holds at, and the height of its lowest proof there.
    level: Likelihood,
    height: u32,
    leaves: Vec<(Leaf, Likelihood)>,
    steps: Vec<Step>,
    /// False for an atom left unmapped past [`MAX_GRAPH_STEPS`]: it stands for its
    /// strongest proof alone.
    mapped: bool,
}

impl Node {
    /// Whether it was established before `other`: more strongly, or as strongly lower.
    fn before(&self, other: &Node) -> bool {
        (Reverse(self.level), self.height) < (Reverse(other.level), other.height)
    }
}

/// A rule application concluding a node.
struct Step {
    rule: RuleId,
    premises: Vec<Premise>,
}

#[derive(Clone)]
enum Premise {
    Node(usize),
    /// A `not X` premise: X, and the likelihood the `not` holds at.
    Not(GroundAtom, Likelihood),
}

struct Graph {
    nodes: Vec<Node>,
    /// False when mapping stopped at [`MAX_GRAPH_STEPS`].
    complete: bool,
    /// Per node, its strongly connected component (when complete).
    component: Vec<usize>,
}

impl Graph {
    /// Maps the proof graph below `(pred, t)`, node 0, breadth first.
    fn map(model: &Model<'_>, cx: &Cx, pred: PredId, t: TupleId) -> Graph {
        let leaves = Leaves::of(model);
        let mut graph = Graph {
            nodes: Vec::new(),
            complete: true,
            component: Vec::new(),
        };
        let mut index: HashMap<(PredId, TupleId), usize> = HashMap::default();
        graph.add(model, &leaves, &mut index, pred, t);
        let mut steps_read = 0usize;
        let mut next = 0;
        while next < graph.nodes.len() {
            let v = next;
            next += 1;
            let atom = model.atom(graph.nodes[v].pred, graph.nodes[v].t);
            let mut found: Vec<(Step, Vec<(PredId, TupleId)>)> = Vec::new();
            let mut seen: HashSet<(RuleId, Vec<Option<Tuple>>)> = HashSet::default();
            let mut visit = |d: &crate::engine::Derivation| {
                steps_read += 1;
                if steps_read > cx.limits.graph_steps {
                    return ControlFlow::Break(());
                }
                if let Some(step) = read_step(model, d)
                    && seen.insert((d.rule, d.premises.clone()))
                {
                    found.push(step);
                }
                ControlFlow::Continue(())
            };
            let flow = cx
                .concluding(atom.pred)
                .iter()
                .try_for_each(|&r| model.derivations_by(r, &atom, &mut visit));
            if flow.is_break() {
                // Past the budget: this node and those not yet mapped keep their
                // strongest proof only.
                graph.complete = false;
                break;
            }
            let mut steps = Vec::with_capacity(found.len());
            for (mut step, tuples) in found {
                let slots = step
                    .premises
                    .iter_mut()
                    .filter(|p| matches!(p, Premise::Node(_)));
                for (slot, &(pp, pt)) in slots.zip(&tuples) {
                    *slot = Premise::Node(graph.add(model, &leaves, &mut index, pp, pt));
                }
                steps.push(step);
            }
            graph.nodes[v].steps = steps;
            graph.nodes[v].mapped = true;
        }
        if graph.complete {
            graph.component = components(&graph.nodes);
        }
        graph
    }

    fn add(
        &mut self,
        model: &Model<'_>,
        leaves: &Leaves,
        index: &mut HashMap<(PredId, TupleId), usize>,
        pred: PredId,
        t: TupleId,
    ) -> usize {
        if let Some(&v) = index.get(&(pred, t)) {
            return v;
        }
        // Every node holds: the root does, and `read_step` keeps only premises that hold.
        let (level, height) = model
            .strongest(pred, t)
            .unwrap_or((Likelihood::AlmostNoChance, 0));
        let v = self.nodes.len();
        self.nodes.push(Node {
            pred,
            t,
            level,
            height,
            leaves: leaves.get(&model.atom(pred, t)).to_vec(),
            steps: Vec::new(),
            mapped: false,
        });
        index.insert((pred, t), v);
        v
    }

    /// Whether a proof of `v` may use premise `w`: an edge of the DAG.
    fn allowed(&self, v: usize, w: usize) -> bool {
        let (a, b) = (&self.nodes[v], &self.nodes[w]);
        b.before(a) || (self.complete && self.component[v] != self.component[w])
    }

    /// The nodes, premises before conclusions along the DAG's edges.
    fn order(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.nodes.len()).collect();
        let key = |v: usize| {
            let n = &self.nodes[v];
            (Reverse(n.level), n.height)
        };
        if self.complete {
            // Components come premises first (see `components`); inside one, edges go
            // to nodes established before.
            order.sort_by_key(|&v| (self.component[v], key(v)));
        } else {
            order.sort_by_key(|&v| key(v));
        }
        order
    }

    /// The number of proofs of `v`, and whether it is exact.
    fn count(&self, v: usize, counts: &[(u64, bool)]) -> (u64, bool) {
        let node = &self.nodes[v];
        if !node.mapped {
            return (1, false);
        }
        let mut total = node.leaves.len() as u64;
        let mut exact = true;
        for step in &node.steps {
            if !self.usable(v, step) {
                continue;
            }
            let mut product: u64 = 1;
            for premise in &step.premises {
                if let Premise::Node(w) = *premise {
                    let (n, e) = counts[w];
                    exact &= e;
                    product = product.checked_mul(n).unwrap_or_else(|| {
                        exact = false;
                        u64::MAX
                    });
                }
            }
            total = total.checked_add(product).unwrap_or_else(|| {
                exact = false;
                u64::MAX
            });
        }
        (total, exact)
    }

    fn usable(&self, v: usize, step: &Step) -> bool {
        step.premises.iter().all(|p| match *p {
            Premise::Node(w) => self.allowed(v, w),
            Premise::Not(..) => true,
        })
    }

    /// The `k` lowest proofs of `v` whose every step is at least `level`, from its
    /// premises' `k` lowest at that level. The height of a proof only grows with its
    /// premises' (it is one more than their highest), so a proof is never lower than one
    /// with a lower premise: the candidates are taken from a heap, each pushing its
    /// successors, as in lazy k-best parsing.
    fn best(
        &self,
        p: &Program,
        v: usize,
        level: Likelihood,
        best: &[Vec<Item>],
        k: usize,
    ) -> Vec<Item> {
        let node = &self.nodes[v];
        if !node.mapped {
            if node.level < level {
                return Vec::new();
            }
            return vec![Item {
                likelihood: node.level,
                height: node.height,
                kind: Kind::Strongest,
            }];
        }
        let mut frontier = Frontier {
            p,
            node,
            floor: level,
            best,
            heap: BinaryHeap::new(),
            seen: HashSet::default(),
        };
        frontier.seed(|step| self.usable(v, step));
        frontier.take(k)
    }

    /// Builds the proof tree of an item of `best` (one level's lists).
    fn proof<'p>(
        &self,
        model: &Model<'p>,
        best: &[Vec<Item>],
        root: Spec,
        cx: &mut Cx,
    ) -> Proof<'p> {
        let p = model.program();
        build(p, root, 0, cx, &mut |spec, depth, cx, fold| {
            let (v, r) = match spec {
                Spec::Not(atom) => {
                    return Build::Done(negation_within(model, &atom, depth, cx));
                }
                Spec::Item(v, r) => (v, r),
            };
            let node = &self.nodes[v];
            let item = &best[v][r];
            let atom = model.atom(node.pred, node.t);
            match &item.kind {
                Kind::Leaf(i) => {
                    let (leaf, likelihood) = node.leaves[*i];
                    let atom = Literal::holds(atom);
                    Build::Done(Proof::leaf(p, atom, likelihood, leaf_by(leaf), 0))
                }
                Kind::Strongest => {
                    Build::Done(strongest(model, node.pred, node.t, node.level, depth, cx))
                }
                Kind::Rule(..) if fold => {
                    Build::Done(folded(p, atom, item.likelihood, item.height))
                }
                Kind::Rule(s, ranks) => {
                    let step = &node.steps[*s];
                    let mut ranks = ranks.iter();
                    let premises = step
                        .premises
                        .iter()
                        .map(|premise| match premise {
                            Premise::Node(w) => {
                                Spec::Item(*w, ranks.next().map_or(0, |&r| r as usize))
                            }
                            Premise::Not(x, _) => Spec::Not(x.clone()),
                        })
                        .collect();
                    Build::Rule {
                        rule: step.rule,
                        atom,
                        premises,
                    }
                }
            }
        })
    }
}

/// A rule application as the graph keeps it, with the tuples of its positive premises;
/// `None` when a premise does not hold (it proves nothing).
fn read_step(
    model: &Model<'_>,
    d: &crate::engine::Derivation,
) -> Option<(Step, Vec<(PredId, TupleId)>)> {
    let rule = model.program().rule(d.rule);
    let mut premises = Vec::with_capacity(d.premises.len());
    let mut tuples = Vec::new();
    for (prem, m) in rule.premises.iter().zip(&d.premises) {
        match *m {
            Some((pp, pt)) => {
                model.tuple_likelihood(pp, pt)?;
                tuples.push((pp, pt));
                premises.push(Premise::Node(usize::MAX));
            }
            None => {
                let x = prem.atom.ground(&d.bindings);
                let l = model.negation(&x)?;
                premises.push(Premise::Not(x, l));
            }
        }
    }
    let step = Step {
        rule: d.rule,
        premises,
    };
    Some((step, tuples))
}

/// What a proof tree is built from.
enum Spec {
    /// The r-th lowest proof of a node.
    Item(usize, usize),
    Not(GroundAtom),
}

/// The strongly connected components of the graph of premises, numbered so that a
/// component's premises lie in components of lower numbers.
fn components(nodes: &[Node]) -> Vec<usize> {
    let edges: Vec<Vec<usize>> = nodes
        .iter()
        .map(|node| {
            node.steps
                .iter()
                .flat_map(|s| &s.premises)
                .filter_map(|p| match *p {
                    Premise::Node(w) => Some(w),
                    Premise::Not(..) => None,
                })
                .collect()
        })
        .collect();
    crate::graph::components(&edges)
}

/// Every fact and effective assumption per atom: the engine keeps only the strongest leaf
/// of a tuple, but each is a distinct proof. Read from the program, not re-derived.
struct Leaves(HashMap<GroundAtom, Vec<(Leaf, Likelihood)>>);

impl Leaves {
    fn of(model: &Model<'_>) -> Self {
        let inputs = model.inputs();
        let mut map: HashMap<GroundAtom, Vec<(Leaf, Likelihood)>> = HashMap::default();
        for (id, f) in inputs.facts() {
            map.entry(f.atom.clone())
                .or_default()
                .push((Leaf::Fact(id), f.level));
        }
        for a in inputs.assumed() {
            let leaf = Leaf::from(a.origin);
            map.entry(a.atom.clone().into_owned())
                .or_default()
                .push((leaf, a.level));
        }
        Leaves(map)
    }

    fn get(&self, atom: &GroundAtom) -> &[(Leaf, Likelihood)] {
        self.0.get(atom).map_or(&[], Vec::as_slice)
    }
}
