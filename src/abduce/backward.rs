//! The backward pass: from the goal, the atom patterns a proof of it could rest on, each
//! with the polarity it needs. A change can matter only where it touches one of them, so
//! candidates are drawn from these alone (this is the pruning by provenance).

use crate::hash::HashSet;
use crate::program::{Arg, GroundAtom, PredId, Program, SymbolId};

use super::{Bounds, Goal};

/// An atom pattern met on the way back from the goal: some arguments known, the rest any
/// constant (a rule's variable that the goal does not bind).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(super) struct Item {
    pub pred: PredId,
    pub args: Box<[Option<SymbolId>]>,
    /// True when the goal needs instances of it to hold; false when it needs them not to
    /// (under a `not`, or for a goal that must stop holding).
    pub positive: bool,
}

impl Item {
    /// Whether `atom` is an instance of the pattern.
    pub fn matches(&self, atom: &GroundAtom) -> bool {
        self.pred == atom.pred
            && self.args.len() == atom.args.len()
            && self
                .args
                .iter()
                .zip(atom.args.iter())
                .all(|(a, b)| a.is_none_or(|a| a == *b))
    }
}

/// What the pass reached.
pub(super) struct Reached {
    /// In the order met: breadth first from the goal, rules in declaration order.
    pub items: Vec<Item>,
    /// True when [`Bounds::MAX_PATTERNS`] stopped the pass: candidates may be missing.
    pub truncated: bool,
}

/// Walks back from `atom` over every rule whose conclusion unifies with a pattern met,
/// to each premise: with the same polarity for a positive premise, the opposite for a
/// `not`. Over-approximates (variables shared between premises are not joined), which is
/// sound: it only adds candidates.
pub(super) fn reach(program: &Program, atom: &GroundAtom, goal: Goal) -> Reached {
    // Which rules conclude each predicate, built once.
    let mut concluding: Vec<Vec<(usize, usize)>> = vec![Vec::new(); program.predicates().len()];
    for (r, rule) in program.rules().iter().enumerate() {
        for (c, head) in rule.conclusions.iter().enumerate() {
            if let Some(list) = concluding.get_mut(head.pred.index()) {
                list.push((r, c));
            }
        }
    }
    let first = Item {
        pred: atom.pred,
        args: atom.args.iter().map(|&s| Some(s)).collect(),
        positive: goal == Goal::Holds,
    };
    let mut seen: HashSet<Item> = HashSet::default();
    seen.insert(first.clone());
    let mut items = vec![first];
    let mut next = 0;
    let mut truncated = false;
    while let Some(item) = items.get(next).cloned() {
        next += 1;
        for &(r, c) in concluding.get(item.pred.index()).into_iter().flatten() {
            let rule = &program.rules()[r];
            let Some(env) = bind(&rule.conclusions[c].args, &item.args, rule.vars.len()) else {
                continue;
            };
            for premise in &rule.premises {
                let found = Item {
                    pred: premise.atom.pred,
                    args: premise
                        .atom
                        .args
                        .iter()
                        .map(|a| match *a {
                            Arg::Const(s) => Some(s),
                            Arg::Var(v) => env.get(v.index()).copied().flatten(),
                        })
                        .collect(),
                    positive: item.positive != premise.negated,
                };
                if seen.contains(&found) {
                    continue;
                }
                if items.len() >= Bounds::MAX_PATTERNS {
                    truncated = true;
                    break;
                }
                seen.insert(found.clone());
                items.push(found);
            }
        }
    }
    Reached { items, truncated }
}

/// The values a rule's conclusion gives its variables when it stands for an instance of
/// `item`, or `None` when it cannot (a constant differs, or one variable would need two
/// values). A variable the item leaves open stays unbound.
fn bind(head: &[Arg], item: &[Option<SymbolId>], nvars: usize) -> Option<Vec<Option<SymbolId>>> {
    if head.len() != item.len() {
        return None;
    }
    let mut env = vec![None; nvars];
    for (arg, known) in head.iter().zip(item) {
        match (*arg, *known) {
            (_, None) => {}
            (Arg::Const(c), Some(k)) if c != k => return None,
            (Arg::Const(_), Some(_)) => {}
            (Arg::Var(v), Some(k)) => {
                let slot = env.get_mut(v.index())?;
                match *slot {
                    Some(old) if old != k => return None,
                    _ => *slot = Some(k),
                }
            }
        }
    }
    Some(env)
}
