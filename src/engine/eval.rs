//! Semi-naive bottom-up evaluation, stratum by stratum, with likelihood heights as the
//! annotation. See [`evaluate`] for the invariant.

use std::collections::HashSet;
use std::ops::ControlFlow;

use super::error::EngineError;
use super::join::for_each_match;
use super::plan::Plan;
use super::relation::{Heights, INF, Relation, TupleId, Update};
use super::{Clause, Engine, Options, Stratum};
use crate::program::{Arg, PredId, SymbolId};

/// New rows derived in one round, per predicate, waiting to be merged.
#[derive(Default)]
struct Pending {
    rows: Vec<SymbolId>,
    heights: Vec<Heights>,
}

/// Runs every stratum of `engine`'s program to its fixpoint over `relations`, which hold
/// the facts and assumptions already.
///
/// The semi-naive invariant, per stratum:
/// 1. **stable**: every derivation whose premises are all unchanged since the last round
///    has been applied: its conclusion exists with heights at most the derivation's;
/// 2. **recent** (the delta): the tuples that are new or whose heights fell in the last
///    round; only derivations using at least one of them can change anything;
/// 3. **pending**: what this round derived, merged at its end; whatever it changed
///    becomes the next delta.
///
/// Round 0 evaluates each rule once over the whole relations (so rules fed only by lower
/// strata fire); later rounds evaluate, for each premise whose predicate belongs to the
/// stratum, the rule with that premise read from the delta (only from the delta tuples
/// that match the premise's first constant, when it has one). The stratum is done when a
/// round changes nothing. Heights only fall and are bounded below, so it always ends.
pub(super) fn evaluate(
    engine: &Engine,
    relations: &mut [Relation],
    blocked: &HashSet<(PredId, Box<[SymbolId]>)>,
    fired: &mut [bool],
    options: &Options,
    scenario: &str,
) -> Result<(), EngineError> {
    let mut total: usize = relations.iter().map(Relation::len).sum();
    let limit = Limit {
        max: options.max_derived,
        scenario,
    };
    for stratum in &engine.strata {
        let mut pending: Vec<Pending> = stratum.preds.iter().map(|_| Pending::default()).collect();
        for clause in &stratum.clauses {
            derive(
                engine,
                fired,
                clause,
                &clause.full,
                relations,
                None,
                &mut pending,
            );
        }
        let mut delta = merge(
            stratum,
            relations,
            &mut pending,
            blocked,
            &mut total,
            &limit,
        )?;
        while delta.iter().any(|d| !d.is_empty()) {
            let mut run = |clause: &Clause, plan: &Plan, d: &[TupleId]| {
                derive(
                    engine,
                    fired,
                    clause,
                    plan,
                    relations,
                    Some(d),
                    &mut pending,
                );
            };
            for &(ci, di) in &stratum.scans {
                let clause = &stratum.clauses[ci];
                let (slot, plan) = &clause.deltas[di];
                if !delta[*slot].is_empty() {
                    run(clause, plan, &delta[*slot]);
                }
            }
            for (slot, tuples) in delta.iter().enumerate() {
                let rel = &relations[stratum.preds[slot].index()];
                for trigger in &stratum.triggers[slot] {
                    for t in tuples {
                        let Some(woken) = trigger.plans.get(&rel.row(*t)[trigger.col]) else {
                            continue;
                        };
                        for &(ci, di) in woken {
                            let clause = &stratum.clauses[ci];
                            run(clause, &clause.deltas[di].1, std::slice::from_ref(t));
                        }
                    }
                }
            }
            delta = merge(
                stratum,
                relations,
                &mut pending,
                blocked,
                &mut total,
                &limit,
            )?;
        }
    }
    Ok(())
}

/// The derived-atom limit and the scenario it is reported for.
struct Limit<'a> {
    max: usize,
    scenario: &'a str,
}

/// Runs one plan of a clause and queues each conclusion with its heights.
fn derive(
    engine: &Engine,
    fired: &mut [bool],
    clause: &Clause,
    plan: &Plan,
    relations: &[Relation],
    delta: Option<&[TupleId]>,
    pending: &mut [Pending],
) {
    let level = engine.program.rule(clause.rule).level.rank();
    let out = &mut pending[clause.head_slot];
    let mut env = Vec::new();
    let fired = &mut fired[clause.rule.index()];
    let _ = for_each_match(plan, relations, delta, &mut env, &mut |env, acc, _| {
        *fired = true;
        out.rows.extend(clause.head.iter().map(|&a| match a {
            Arg::Const(c) => c,
            Arg::Var(v) => env[v.index()],
        }));
        out.heights.push(std::array::from_fn(|l| {
            if l <= level && acc[l] != INF {
                acc[l] + 1
            } else {
                INF
            }
        }));
        ControlFlow::Continue(())
    });
}

/// Merges pending rows into the stratum's relations; returns, per slot, the tuples that
/// changed.
fn merge(
    stratum: &Stratum,
    relations: &mut [Relation],
    pending: &mut [Pending],
    blocked: &HashSet<(PredId, Box<[SymbolId]>)>,
    total: &mut usize,
    limit: &Limit<'_>,
) -> Result<Vec<Vec<TupleId>>, EngineError> {
    let mut delta = vec![Vec::new(); stratum.preds.len()];
    for (slot, (&pred, pend)) in stratum.preds.iter().zip(pending.iter_mut()).enumerate() {
        let rel = &mut relations[pred.index()];
        let arity = rel.arity();
        for (i, h) in pend.heights.iter().enumerate() {
            let row = &pend.rows[i * arity..(i + 1) * arity];
            if !blocked.is_empty() && blocked.contains(&(pred, Box::from(row))) {
                continue;
            }
            match rel.insert(row, h, None) {
                Update::New(t) => {
                    *total += 1;
                    if *total > limit.max {
                        return Err(EngineError::LimitExceeded {
                            scenario: limit.scenario.to_owned(),
                            limit: limit.max,
                        });
                    }
                    delta[slot].push(t);
                }
                Update::Improved(t) => delta[slot].push(t),
                Update::Unchanged => {}
            }
        }
        pend.rows.clear();
        pend.heights.clear();
        delta[slot].sort_unstable();
        delta[slot].dedup();
    }
    Ok(delta)
}
