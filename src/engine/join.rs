//! Executes a join plan over relations. Iterative (an explicit stack of candidate cursors),
//! so a rule with very many premises cannot overflow the call stack; the stack and the other
//! buffers live in a [`Scratch`] the caller reuses, so a rule application allocates nothing.

use std::ops::ControlFlow;

use super::plan::{Op, Plan, Step};
use super::relation::{Heights, Relation, TupleId};
use crate::program::{Arg, SymbolId};

/// Where one step's candidates come from. Holds positions, not borrows, so that the cursor
/// stack can be kept between calls.
#[derive(Clone, Copy, Debug)]
enum Cands {
    /// The delta given to [`for_each_match`].
    Delta,
    /// A group of an index: (relation, index, group).
    Group(usize, usize, u32),
    /// Every tuple of a relation, as it was when the step started.
    Range(u32),
    /// The one tuple a whole-row lookup found.
    One(TupleId),
    /// A negated step that passed: one empty match.
    Absent,
    /// Nothing.
    Empty,
}

impl Cands {
    fn get(self, pos: usize, relations: &[Relation], delta: &[TupleId]) -> Option<Option<TupleId>> {
        match self {
            Cands::Delta => delta.get(pos).map(|t| Some(*t)),
            Cands::Group(r, i, g) => relations[r].group(i, g).get(pos).map(|t| Some(*t)),
            Cands::Range(n) => (pos < n as usize).then_some(Some(TupleId(pos as u32))),
            Cands::One(t) => (pos == 0).then_some(Some(t)),
            Cands::Absent => (pos == 0).then_some(None),
            Cands::Empty => None,
        }
    }
}

/// Buffers for [`for_each_match`], reused across calls.
#[derive(Debug, Default)]
pub struct Scratch {
    accs: Vec<Heights>,
    chosen: Vec<Option<TupleId>>,
    key: Vec<SymbolId>,
    stack: Vec<(Cands, usize)>,
}

fn value(arg: Arg, env: &[SymbolId]) -> SymbolId {
    match arg {
        Arg::Const(c) => c,
        Arg::Var(v) => env[v.index()],
    }
}

/// The candidates of a step given the variables bound so far.
fn candidates(
    step: &Step,
    relations: &[Relation],
    from_delta: bool,
    env: &[SymbolId],
    key: &mut Vec<SymbolId>,
) -> Cands {
    let pred = step.pred.index();
    let rel = &relations[pred];
    key.clear();
    key.extend(step.key.iter().map(|&a| value(a, env)));
    if step.negated {
        return if rel.find(key).is_none() {
            Cands::Absent
        } else {
            Cands::Empty
        };
    }
    if from_delta {
        return Cands::Delta;
    }
    if step.index_cols.is_empty() {
        return Cands::Range(rel.len() as u32);
    }
    if step.index_cols.len() == rel.arity() {
        // The plan puts every column in order in the key of a whole-row lookup.
        return rel.find(key).map_or(Cands::Empty, Cands::One);
    }
    match rel
        .index_on(&step.index_cols)
        .and_then(|ix| rel.probe_group(ix, key).map(|g| (ix, g)))
    {
        Some((ix, g)) => Cands::Group(pred, ix, g),
        None => Cands::Empty,
    }
}

/// Applies a step's binds and checks to a candidate tuple; false when it does not match.
fn accept(step: &Step, row: &[SymbolId], env: &mut [SymbolId]) -> bool {
    for op in &step.ops {
        match *op {
            Op::Bind(c, v) => env[v.index()] = row[c],
            Op::Check(c, arg) => {
                if row[c] != value(arg, env) {
                    return false;
                }
            }
        }
    }
    true
}

/// What [`for_each_match`] calls per match: the variable values, the highest premise height
/// per level, and the tuple each step matched (`None` for `not` steps).
pub type Visit<'v> = dyn FnMut(&[SymbolId], &Heights, &[Option<TupleId>]) -> ControlFlow<()> + 'v;

/// Calls `visit` once per match of the plan with the variable values, the highest premise
/// height at each level, and the tuple matched by each step (`None` for negated steps).
/// `env` holds the values of variables bound before the first step. The first step reads
/// `delta` when the plan says so.
pub fn for_each_match(
    plan: &Plan,
    relations: &[Relation],
    delta: Option<&[TupleId]>,
    env: &mut Vec<SymbolId>,
    scratch: &mut Scratch,
    visit: &mut Visit<'_>,
) -> ControlFlow<()> {
    env.resize(plan.nvars.max(env.len()), SymbolId(0));
    let n = plan.steps.len();
    let Scratch {
        accs,
        chosen,
        key,
        stack,
    } = scratch;
    accs.clear();
    accs.push([0; 8]);
    if n == 0 {
        return visit(env, &accs[0], &[]);
    }
    chosen.clear();
    stack.clear();
    let delta = delta.filter(|_| plan.from_delta);
    let delta_slice = delta.unwrap_or(&[]);
    stack.push((
        candidates(&plan.steps[0], relations, delta.is_some(), env, key),
        0,
    ));
    while let Some(&(cands, pos)) = stack.last() {
        let i = stack.len() - 1;
        let step = &plan.steps[i];
        let Some(cand) = cands.get(pos, relations, delta_slice) else {
            stack.pop();
            accs.truncate(i + 1);
            chosen.truncate(i);
            continue;
        };
        stack[i].1 += 1;
        let mut acc = accs[i];
        if let Some(t) = cand {
            let rel = &relations[step.pred.index()];
            if !accept(step, rel.row(t), env) {
                continue;
            }
            for (a, h) in acc.iter_mut().zip(rel.heights(t)) {
                *a = (*a).max(*h);
            }
        }
        accs.truncate(i + 1);
        accs.push(acc);
        chosen.truncate(i);
        chosen.push(cand);
        if i + 1 == n {
            visit(env, &acc, chosen)?;
        } else {
            let next = candidates(&plan.steps[i + 1], relations, false, env, key);
            stack.push((next, 0));
        }
    }
    ControlFlow::Continue(())
}
