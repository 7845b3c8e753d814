//! Applying one clause: a join plan over the relations (or over a delta), or firing a
//! counted clause, one read per premise. Both hand each derivation to the emit step
//! ([`super::emit::Queues::emit`]).

use std::ops::ControlFlow;

use super::super::compile::ClauseId;
use super::super::ground::CountedId;
use super::super::join::{Acc, for_each_match};
use super::super::plan::Plan;
use super::super::relation::{Relation, TupleId, leaf_heights};
use super::super::{Clause, Stratum};
use super::EngineError;
use super::emit::{Full, Head};
use super::round::Work;
use crate::likelihood::Likelihood;
use crate::program::{Arg, RuleId};

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
        let plan = match delta {
            None => clause.full.as_deref(),
            Some((di, _)) => Some(&*clause.deltas[di].plan),
        };
        // Every clause run by joins got its plans in `Engine::new`.
        match plan {
            Some(plan) => self.derive(stratum, clause, plan, relations, delta.map(|(_, d)| d)),
            None => Ok(()),
        }
    }

    /// Fires counted clause `c` of `stratum`, if the run uses it: its premises are read
    /// from the tuples of their atoms (the guard fact of an instance holds; a negated
    /// premise is looked up), and the conclusion is emitted with their heights.
    pub(super) fn fire(
        &mut self,
        stratum: &Stratum,
        c: CountedId,
        relations: &[Relation],
    ) -> Result<(), EngineError> {
        if self.scratch.deadline.tick() {
            return Err(self.timeout());
        }
        if !self.active.counts(c) {
            return Ok(());
        }
        let network = stratum.network();
        let clause = network.clause(c);
        let start = self.options.profile.then(std::time::Instant::now);
        let mut acc = A::default();
        if let Some(level) = clause.fact {
            acc.raise(&leaf_heights(level));
        }
        let (positive, negated) = network.premises(c);
        for &a in positive {
            let Some(t) = self.tuples[a.index()] else {
                return Ok(());
            };
            acc.raise(relations[network.pred(a).index()].heights(t));
        }
        for &a in negated {
            let rel = &relations[network.pred(a).index()];
            match rel.negation(rel.find(network.row(a))) {
                None => return Ok(()),
                Some(m) if m < Likelihood::Certain => acc.raise(&leaf_heights(m)),
                Some(_) => {}
            }
        }
        let head = self.head(clause.slot as usize, clause.level.rank());
        let row = network.row(clause.head).iter().copied();
        let emitted = self.out.emit(head, row, acc, relations);
        self.count_rule(clause.rule, 1, start);
        emitted.map_err(|Full| self.limit.exceeded(Some(clause.rule)))
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
        self.count_rule(clause.rule, derivations, start);
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
    fn count_rule(&mut self, rule: RuleId, derivations: u64, start: Option<std::time::Instant>) {
        let stats = &mut self.stats[rule.index()];
        stats.derivations += derivations;
        if let Some(start) = start {
            stats.time += start.elapsed();
        }
    }
}
