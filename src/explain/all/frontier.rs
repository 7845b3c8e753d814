//! The `k` lowest proofs of one node at one level, merged from its premises' `k` lowest as
//! in lazy k-best parsing: candidates come off a heap lowest first, each pushing the
//! candidates one rank above it in one premise.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use crate::hash::HashSet;
use crate::likelihood::Likelihood;
use crate::program::Program;

use super::{Node, Premise, Step};

/// One of the lowest proofs of a node at a level.
#[derive(Clone)]
pub(super) struct Item {
    pub(super) likelihood: Likelihood,
    pub(super) height: u32,
    pub(super) kind: Kind,
}

#[derive(Clone)]
pub(super) enum Kind {
    /// The node's i-th fact or assumption.
    Leaf(usize),
    /// The node's s-th rule application, with the rank of each positive premise's proof.
    Rule(usize, Box<[u32]>),
    /// The strongest proof of an unmapped node.
    Strongest,
}

/// A proof not yet taken, ordered lowest first, then strongest, then leaves before rules,
/// then by position, so that ties are broken the same way every time.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Candidate {
    height: u32,
    likelihood: Reverse<Likelihood>,
    class: u8,
    step: usize,
    ranks: Box<[u32]>,
}

/// The candidates for a node's lowest proofs at a level, taken lowest first.
pub(super) struct Frontier<'a> {
    pub(super) p: &'a Program,
    pub(super) node: &'a Node,
    /// The level every step of a proof must reach.
    pub(super) floor: Likelihood,
    /// The lowest proofs of the node's premises at that level.
    pub(super) best: &'a [Vec<Item>],
    pub(super) heap: BinaryHeap<Reverse<Candidate>>,
    /// The rule candidates pushed so far, each by step and premise ranks.
    pub(super) seen: HashSet<(usize, Box<[u32]>)>,
}

impl Frontier<'_> {
    /// The node's leaves at or above the floor, and the first candidate of each of its
    /// rule applications that `usable` accepts.
    pub(super) fn seed(&mut self, usable: impl Fn(&Step) -> bool) {
        for (i, &(_, value)) in self.node.leaves.iter().enumerate() {
            if value >= self.floor {
                self.heap.push(Reverse(Candidate {
                    height: 0,
                    likelihood: Reverse(value),
                    class: 0,
                    step: i,
                    ranks: Box::new([]),
                }));
            }
        }
        for (s, step) in self.node.steps.iter().enumerate() {
            if usable(step) {
                let positives = step
                    .premises
                    .iter()
                    .filter(|p| matches!(p, Premise::Node(_)))
                    .count();
                self.push(s, vec![0; positives].into_boxed_slice());
            }
        }
    }

    /// The height and likelihood of rule application `s` over its premises' proofs of
    /// the given ranks; `None` when a rank has no proof or it falls below the floor.
    fn score(&self, s: usize, ranks: &[u32]) -> Option<(u32, Likelihood)> {
        let step = &self.node.steps[s];
        let mut likelihood = self.p.rule(step.rule).level;
        let mut height = 0;
        let mut ranks = ranks.iter();
        for premise in &step.premises {
            match premise {
                Premise::Node(w) => {
                    let item = ranks.next().and_then(|&r| self.best[*w].get(r as usize))?;
                    likelihood = likelihood.min(item.likelihood);
                    height = height.max(item.height);
                }
                Premise::Not(_, l) => likelihood = likelihood.min(*l),
            }
        }
        (likelihood >= self.floor).then_some((height.saturating_add(1), likelihood))
    }

    fn push(&mut self, s: usize, ranks: Box<[u32]>) {
        if let Some((height, likelihood)) = self.score(s, &ranks)
            && self.seen.insert((s, ranks.clone()))
        {
            self.heap.push(Reverse(Candidate {
                height,
                likelihood: Reverse(likelihood),
                class: 1,
                step: s,
                ranks,
            }));
        }
    }

    /// The `k` lowest candidates, each pushing its successors as it is taken.
    pub(super) fn take(mut self, k: usize) -> Vec<Item> {
        let mut out = Vec::new();
        while out.len() < k
            && let Some(Reverse(c)) = self.heap.pop()
        {
            if c.class == 1 {
                self.successors(&c);
            }
            out.push(Item {
                likelihood: c.likelihood.0,
                height: c.height,
                kind: match c.class {
                    0 => Kind::Leaf(c.step),
                    _ => Kind::Rule(c.step, c.ranks),
                },
            });
        }
        out
    }

    /// Pushes the candidates one rank above rule candidate `c` in one premise.
    fn successors(&mut self, c: &Candidate) {
        let premises = self.node.steps[c.step].premises.iter();
        let nodes: Vec<usize> = premises
            .filter_map(|p| match p {
                Premise::Node(w) => Some(*w),
                Premise::Not(..) => None,
            })
            .collect();
        for (j, w) in nodes.into_iter().enumerate() {
            // A premise with no further proof has no successor: skipping it before the
            // copy keeps a rule of many single-proof premises linear.
            if self.best[w].len() <= c.ranks[j] as usize + 1 {
                continue;
            }
            let mut next = c.ranks.clone();
            next[j] += 1;
            self.push(c.step, next);
        }
    }
}
