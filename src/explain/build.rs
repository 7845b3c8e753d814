//! Building a proof tree without recursion, within the limits that keep it printable: what
//! every kind of proof ([`super::why`], [`super::all_proofs`]) shares.

use crate::likelihood::Likelihood;
use crate::program::{GroundAtom, PredId, Program, RuleId};

use super::{By, Literal, Proof};

/// Subproofs deeper than this are folded when a proof is built, so that proof trees of
/// very long chains stay printable and serializable.
pub const MAX_PROOF_DEPTH: usize = 256;

/// A proof shows at most this many rule applications; past them (in drawing order) its
/// subproofs are folded, so that a proof whose subproofs share atoms (each drawn in full
/// wherever it is used) stays small.
pub const MAX_PROOF_STEPS: usize = 10_000;

/// What the proofs built for one answer share: the rule applications a proof may still
/// show, and the rules concluding each predicate (so that an atom tries only those).
pub(crate) struct Cx {
    /// Rule applications left before subproofs are folded.
    pub(crate) steps_left: usize,
    /// The limits this answer is built within.
    pub(crate) limits: Limits,
    concluders: Vec<Vec<RuleId>>,
}

/// The limits a proof is built within: the production ones are the constants; tests pass
/// small ones to check each at its boundary without building huge programs.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Limits {
    /// Subproofs at this depth or deeper are folded ([`MAX_PROOF_DEPTH`]).
    pub(crate) depth: usize,
    /// Rule applications a proof shows ([`MAX_PROOF_STEPS`]).
    pub(crate) steps: usize,
    /// Rule applications read while mapping the proof graph
    /// ([`super::all::MAX_GRAPH_STEPS`]).
    pub(crate) graph_steps: usize,
}

impl Limits {
    /// The limits every answer is built within.
    pub(crate) const PRODUCTION: Limits = Limits {
        depth: MAX_PROOF_DEPTH,
        steps: MAX_PROOF_STEPS,
        graph_steps: super::all::MAX_GRAPH_STEPS,
    };
}

impl Cx {
    pub(crate) fn new(p: &Program) -> Cx {
        Cx::within(p, Limits::PRODUCTION)
    }

    /// [`Cx::new`] with the given limits.
    pub(crate) fn within(p: &Program, limits: Limits) -> Cx {
        let mut concluders = vec![Vec::new(); p.predicates().len()];
        for (r, rule) in p.rules().iter().enumerate() {
            let mut preds: Vec<PredId> = rule.conclusions.iter().map(|c| c.pred).collect();
            preds.sort_unstable();
            preds.dedup();
            for pred in preds {
                concluders[pred.index()].push(RuleId::from_index(r));
            }
        }
        Cx {
            steps_left: limits.steps,
            limits,
            concluders,
        }
    }

    /// The rules with a conclusion of predicate `pred`, in declaration order.
    pub(crate) fn concluding(&self, pred: PredId) -> &[RuleId] {
        self.concluders.get(pred.index()).map_or(&[], Vec::as_slice)
    }
}

/// One step of building a proof: a finished node, or a rule application concluding `atom`
/// whose premises are still to build.
pub(crate) enum Build<'p, S> {
    Done(Proof<'p>),
    Rule {
        rule: RuleId,
        atom: GroundAtom,
        premises: Vec<S>,
    },
}

/// A node being built: finished, or a rule application waiting for its premises.
enum Made<'p> {
    Done(Proof<'p>),
    Rule(RuleId, GroundAtom),
}

/// Builds a proof tree from `root` without recursion: `step(spec, depth, budget, fold)`
/// gives each node (and must give a finished one when `fold` is set, which happens past
/// [`MAX_PROOF_DEPTH`] or when [`Cx::steps_left`] is spent).
pub(crate) fn build<'p, S>(
    p: &'p Program,
    root: S,
    depth: usize,
    cx: &mut Cx,
    step: &mut dyn FnMut(S, usize, &mut Cx, bool) -> Build<'p, S>,
) -> Proof<'p> {
    /// A node below the root: its parent's slot (`None`: the root), and the proofs of its
    /// premises built so far.
    struct Slot<'p> {
        parent: Option<usize>,
        made: Made<'p>,
        premises: Vec<Proof<'p>>,
    }
    let folded = |cx: &Cx, depth: usize| depth >= cx.limits.depth || cx.steps_left == 0;
    let fold = folded(cx, depth);
    let (rule, atom, premises) = match step(root, depth, cx, fold) {
        Build::Done(proof) => return proof,
        Build::Rule {
            rule,
            atom,
            premises,
        } => (rule, atom, premises),
    };
    cx.steps_left = cx.steps_left.saturating_sub(1);
    let mut slots: Vec<Slot<'p>> = Vec::new();
    let mut stack: Vec<(S, Option<usize>, usize)> = premises
        .into_iter()
        .rev()
        .map(|s| (s, None, depth + 1))
        .collect();
    while let Some((spec, parent, depth)) = stack.pop() {
        let fold = folded(cx, depth);
        let index = slots.len();
        let made = match step(spec, depth, cx, fold) {
            Build::Done(proof) => Made::Done(proof),
            Build::Rule {
                rule,
                atom,
                premises,
            } => {
                cx.steps_left = cx.steps_left.saturating_sub(1);
                let below = premises.into_iter().rev();
                stack.extend(below.map(|s| (s, Some(index), depth + 1)));
                Made::Rule(rule, atom)
            }
        };
        slots.push(Slot {
            parent,
            made,
            premises: Vec::new(),
        });
    }
    // In reverse drawing order every node comes after its premises: assemble bottom-up.
    // A parent's slot comes before its children's, so it is still there when they pop.
    let mut root_premises = Vec::new();
    while let Some(slot) = slots.pop() {
        let proof = match slot.made {
            Made::Done(proof) => proof,
            Made::Rule(rule, atom) => {
                let mut premises = slot.premises;
                premises.reverse();
                rule_node(p, rule, atom, premises)
            }
        };
        match slot.parent.and_then(|i| slots.get_mut(i)) {
            Some(parent) => parent.premises.push(proof),
            None => root_premises.push(proof),
        }
    }
    root_premises.reverse();
    rule_node(p, rule, atom, root_premises)
}

/// A node for an application of rule `rule_id` concluding `atom`, over already-built
/// premise proofs.
pub(crate) fn rule_node<'p>(
    p: &'p Program,
    rule_id: RuleId,
    atom: GroundAtom,
    premises: Vec<Proof<'p>>,
) -> Proof<'p> {
    let rule = p.rule(rule_id);
    let likelihood = premises
        .iter()
        .map(|q| q.likelihood)
        .fold(rule.level, Ord::min);
    let height = 1 + premises.iter().map(|q| q.height).max().unwrap_or(0);
    Proof {
        premises,
        ..Proof::leaf(
            p,
            Literal::holds(atom),
            likelihood,
            By::Rule { rule: rule_id },
            height,
        )
    }
}

/// A folded node: a subproof of `atom` at `likelihood`, `height` deep, not built.
pub(crate) fn folded(
    p: &Program,
    atom: GroundAtom,
    likelihood: Likelihood,
    height: u32,
) -> Proof<'_> {
    Proof::leaf(p, Literal::holds(atom), likelihood, By::Folded, height)
}
