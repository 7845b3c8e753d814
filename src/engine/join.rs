//! Executes a join plan over relations. Iterative (an explicit stack of candidate lists),
//! so a rule with very many premises cannot overflow the call stack.

use std::ops::ControlFlow;

use super::plan::{Op, Plan, Step};
use super::relation::{Heights, Relation, TupleId};
use crate::program::{Arg, SymbolId};

/// Candidates for one step.
enum Cands<'a> {
    Slice(&'a [TupleId]),
    Range(u32),
    /// A negated step that passed: one empty match.
    Absent,
}

impl Cands<'_> {
    fn get(&self, pos: usize) -> Option<Option<TupleId>> {
        match self {
            Cands::Slice(s) => s.get(pos).map(|t| Some(*t)),
            Cands::Range(n) => (pos < *n as usize).then_some(Some(TupleId(pos as u32))),
            Cands::Absent => (pos == 0).then_some(None),
        }
    }
}

fn value(arg: Arg, env: &[SymbolId]) -> SymbolId {
    match arg {
        Arg::Const(c) => c,
        Arg::Var(v) => env[v.index()],
    }
}

/// The candidates of a step given the variables bound so far.
fn candidates<'a>(
    step: &Step,
    relations: &'a [Relation],
    delta: Option<&'a [TupleId]>,
    env: &[SymbolId],
    key: &mut Vec<SymbolId>,
) -> Cands<'a> {
    let rel = &relations[step.pred.index()];
    key.clear();
    key.extend(step.key.iter().map(|&a| value(a, env)));
    if step.negated {
        return if rel.find(key).is_none() {
            Cands::Absent
        } else {
            Cands::Slice(&[])
        };
    }
    if let Some(d) = delta {
        return Cands::Slice(d);
    }
    if step.index_cols.is_empty() {
        return Cands::Range(rel.len() as u32);
    }
    match rel.index_on(&step.index_cols) {
        Some(ix) => Cands::Slice(rel.probe(ix, key)),
        None => Cands::Slice(&[]),
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
    visit: &mut Visit<'_>,
) -> ControlFlow<()> {
    env.resize(plan.nvars.max(env.len()), SymbolId(0));
    let n = plan.steps.len();
    let mut accs: Vec<Heights> = vec![[0; 8]];
    if n == 0 {
        return visit(env, &accs[0], &[]);
    }
    let mut key = Vec::new();
    let mut chosen: Vec<Option<TupleId>> = Vec::with_capacity(n);
    let first_delta = if plan.from_delta { delta } else { None };
    let mut stack = vec![(
        candidates(&plan.steps[0], relations, first_delta, env, &mut key),
        0usize,
    )];
    while !stack.is_empty() {
        let i = stack.len() - 1;
        let (cands, pos) = &mut stack[i];
        let step = &plan.steps[i];
        let Some(cand) = cands.get(*pos) else {
            stack.pop();
            accs.truncate(i + 1);
            chosen.truncate(i);
            continue;
        };
        *pos += 1;
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
            visit(env, &acc, &chosen)?;
        } else {
            let next = candidates(&plan.steps[i + 1], relations, None, env, &mut key);
            stack.push((next, 0));
        }
    }
    ControlFlow::Continue(())
}
