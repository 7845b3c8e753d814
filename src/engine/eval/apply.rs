//! Applying one clause: a join plan over the relations (or over a delta), or a ground
//! clause's counter and its one lookup per premise. Both hand each derivation to the emit
//! step ([`super::emit::Queues::emit`]).

use std::ops::ControlFlow;

use super::super::compile::ClauseId;
use super::super::ground::Premise;
use super::super::join::{Acc, for_each_match};
use super::super::plan::Plan;
use super::super::relation::{Relation, TupleId, leaf_heights};
use super::super::{Clause, Stratum};
use super::EngineError;
use super::emit::{Full, Head};
use super::round::Work;
use crate::likelihood::Likelihood;
use crate::program::{Arg, RuleId, SymbolId};

impl<A: Acc> Work<'_, '_, A> {
    /// Applies the `ci`-th clause of `stratum`: over the whole relations (`delta` is
    /// `None`), or with its `di`-th delta premise read from the given tuples.
    pub(super) fn apply(
        &mut self,
        ci: ClauseId,
        delta: Option<(usize, &[TupleId])>,
        relations: &[Relation],
        stratum: &Stratum,
    ) -> Result<(), EngineError> {
        let clause = stratum.clause(ci);
        if stratum.is_ground(ci) {
            return match delta {
                None => self.derive_ground(stratum, ci, relations),
                Some((di, tuples)) => self.wake_ground(ci, di, tuples, relations, stratum),
            };
        }
        let plan = match delta {
            None => clause.full.as_deref(),
            Some((di, _)) => clause.deltas[di].plan.as_deref(),
        };
        // Every clause with variables got its plans in `Engine::new`.
        match plan {
            Some(plan) => self.derive(stratum, clause, plan, relations, delta.map(|(_, d)| d)),
            None => Ok(()),
        }
    }

    /// A ground clause's `di`-th premise may be among `tuples` (a trigger matched one of
    /// its columns): counts it down if it is new, and fires the clause once every premise
    /// in the stratum is there, or again when a premise's heights fell.
    fn wake_ground(
        &mut self,
        ci: ClauseId,
        di: usize,
        tuples: &[TupleId],
        relations: &[Relation],
        stratum: &Stratum,
    ) -> Result<(), EngineError> {
        let d = &stratum.clause(ci).deltas[di];
        let fresh_from = self.fresh_from[d.slot];
        let Some(clause) = stratum.ground(ci) else {
            return Ok(());
        };
        let premise = clause.premises().nth(d.premise).and_then(|p| {
            // Invariant 4 of `GroundClause`: a corrupt record never fires.
            debug_assert!(p.is_ok(), "a corrupt ground record");
            let p = p.ok()?;
            let rel = &relations[p.pred.index()];
            tuples
                .iter()
                .find(|&&t| same_row(rel.row(t), p.row))
                .map(|t| t.index() >= fresh_from)
        });
        if premise.is_some_and(|fresh| self.count_down(ci, fresh)) {
            return self.derive_ground(stratum, ci, relations);
        }
        Ok(())
    }

    /// A premise of the `ci`-th (ground) clause appeared (`fresh`) or its heights fell:
    /// whether the clause should fire now.
    pub(super) fn count_down(&mut self, ci: ClauseId, fresh: bool) -> bool {
        let waiting = &mut self.waiting[ci.index()];
        if fresh {
            *waiting = waiting.saturating_sub(1);
        }
        *waiting == 0
    }

    /// The `ci`-th clause of `stratum`, which has no variables, from its flat record: each
    /// premise is one lookup.
    pub(super) fn derive_ground(
        &mut self,
        stratum: &Stratum,
        ci: ClauseId,
        relations: &[Relation],
    ) -> Result<(), EngineError> {
        if self.scratch.deadline.tick() {
            return Err(self.timeout());
        }
        let Some(clause) = stratum.ground(ci) else {
            return Ok(());
        };
        let start = self.options.profile.then(std::time::Instant::now);
        let mut acc = A::default();
        for p in clause.premises() {
            // Invariant 4 of `GroundClause`: a corrupt record never fires.
            let Ok(p) = p else {
                debug_assert!(false, "a corrupt ground record");
                return Ok(());
            };
            let rel = &relations[p.pred.index()];
            let holds = match p.kind {
                // The instance's own guard fact: no need to look it up.
                Premise::Fact(level) => {
                    acc.raise(&leaf_heights(level));
                    true
                }
                Premise::Positive => rel
                    .find_ids(p.row)
                    .map(|t| acc.raise(rel.heights(t)))
                    .is_some(),
                Premise::Negated => rel
                    .negation(rel.find_ids(p.row))
                    .map(|m| {
                        if m < Likelihood::Certain {
                            acc.raise(&leaf_heights(m));
                        }
                    })
                    .is_some(),
            };
            if !holds {
                return Ok(());
            }
        }
        let head = self.head(clause.head_slot(), clause.level());
        let row = clause.head().iter().map(|&id| SymbolId(id));
        let emitted = self.out.emit(head, row, acc, relations);
        self.count(clause.rule(), 1, start);
        emitted.map_err(|Full| self.limit.exceeded(Some(clause.rule())))
    }

    /// Runs one plan of a clause and emits each conclusion with its heights. Without
    /// provenance, heights collapse to "provable at this level or not", so only rising
    /// likelihoods propagate. The emit step compacts the queue as it grows, and the join
    /// stops as soon as it holds more new atoms than the limit allows, or the deadline
    /// passes.
    fn derive(
        &mut self,
        stratum: &Stratum,
        clause: &Clause,
        plan: &Plan,
        relations: &[Relation],
        delta: Option<&[TupleId]>,
    ) -> Result<(), EngineError> {
        let program = self.engine.program();
        let head = self.head(clause.head_slot, program.rule(clause.rule).level.rank());
        debug_assert_eq!(stratum.preds().len(), self.fresh_from.len());
        let start = self.options.profile.then(std::time::Instant::now);
        let mut full = false;
        let mut derivations = 0;
        let Work {
            out, env, scratch, ..
        } = self;
        env.clear();
        let _ = for_each_match(plan, relations, delta, env, scratch, &mut |env, acc, _| {
            derivations += 1;
            let row = clause.head.iter().map(|&a| match a {
                Arg::Const(c) => c,
                Arg::Var(v) => env[v.index()],
            });
            match out.emit(head, row, *acc, relations) {
                Ok(()) => ControlFlow::Continue(()),
                Err(Full) => {
                    full = true;
                    ControlFlow::Break(())
                }
            }
        });
        self.count(clause.rule, derivations, start);
        if full {
            return Err(self.limit.exceeded(Some(clause.rule)));
        }
        if self.scratch.deadline.expired() {
            return Err(self.timeout());
        }
        Ok(())
    }

    /// What a clause of a rule of likelihood rank `level` concludes into `slot`.
    fn head(&self, slot: usize, level: usize) -> Head {
        Head {
            slot,
            level,
            bump: u32::from(self.options.provenance),
        }
    }

    /// Counts `derivations` of `rule`, and the time since `start` when profiling.
    fn count(&mut self, rule: RuleId, derivations: u64, start: Option<std::time::Instant>) {
        let stats = &mut self.stats[rule.index()];
        stats.derivations += derivations;
        if let Some(start) = start {
            stats.time += start.elapsed();
        }
    }
}

/// Whether a tuple's row has these symbol ids.
fn same_row(row: &[SymbolId], ids: &[u32]) -> bool {
    row.len() == ids.len() && row.iter().zip(ids).all(|(v, id)| v.0 == *id)
}
