//! Running the planned engine: a scenario's inputs ([`ScenarioInputs`]: its facts and
//! assumptions, changed by a what-if or joined by hypotheses) become the relations'
//! leaves, then the strata run to the fixpoint and the conflicts are matched. Nothing here
//! plans: every run reuses the engine's plans.

use crate::likelihood::Likelihood;
use crate::program::{GroundAtom, InputError, ScenarioId, ScenarioInputs, WhatIf};

use std::sync::Arc;

use super::relation::{Leaf, leaf_heights};
use super::spare::{Buffers, Return};
use super::{Engine, EngineError, Model, Options, RuleStats, eval};

impl<'p> Engine<'p> {
    /// Evaluates one scenario: facts, the scenario's assumptions, then every rule to the
    /// fixpoint, then the conflicts. A scenario id the program does not have is an error.
    pub fn run(&self, scenario: ScenarioId, options: &Options) -> Result<Model<'p>, EngineError> {
        self.run_inputs(self.program.inputs(scenario)?, options)
    }

    /// Evaluates a scenario changed by a [`WhatIf`]: assumptions added, withdrawn or
    /// forbidden, as if the changes were written in the rule files (see
    /// [`ScenarioInputs::what_if`]), without planning anything anew. Added atoms are
    /// shown as hypotheses in proofs ([`Leaf::Hypothesis`]).
    pub fn what_if(
        &self,
        scenario: ScenarioId,
        change: &WhatIf,
        options: &Options,
    ) -> Result<Model<'p>, EngineError> {
        let inputs = self.program.inputs(scenario)?.what_if(change)?;
        self.run_inputs(inputs, options)
    }

    /// Evaluates a scenario with extra `certain` atoms added, as hypotheses ("what if these
    /// held too?"). An atom the scenario forces false with `assume not` stays false.
    pub fn run_with(
        &self,
        scenario: ScenarioId,
        hypotheses: &[GroundAtom],
        options: &Options,
    ) -> Result<Model<'p>, EngineError> {
        let mut inputs = self.program.inputs(scenario)?;
        inputs.hypothesize(hypotheses)?;
        self.run_inputs(inputs, options)
    }

    /// Evaluates inputs computed by [`crate::program::Program::inputs`] and changed at
    /// will. Inputs of another program than this engine's are an error.
    pub fn run_inputs(
        &self,
        inputs: ScenarioInputs<'p>,
        options: &Options,
    ) -> Result<Model<'p>, EngineError> {
        let p = self.program;
        if !std::ptr::eq(inputs.program(), p) {
            return Err(InputError::ForeignInputs.into());
        }
        let scenario = inputs.scenario();
        let mut impure = vec![false; p.predicates().len()];
        for a in inputs.assumed().iter().chain(inputs.blocked()) {
            impure[a.atom.pred.index()] = true;
        }
        // A fact left out removes an atom the plan may have counted on, as a block does.
        for f in inputs.withdrawn_facts() {
            if let Some(fact) = p.facts().get(f.index()) {
                impure[fact.atom.pred.index()] = true;
            }
        }
        let fallback = self.indexes.falls_back(&impure);
        let Buffers {
            mut relations,
            mut stats,
            ..
        } = self.spare.take(fallback).unwrap_or_else(|| Buffers {
            relations: self.indexes.relations(p, fallback),
            stats: vec![RuleStats::default(); p.rules().len()],
            fallback,
        });
        for (id, f) in inputs.facts() {
            relations[f.atom.pred.index()].insert(
                &f.atom.args,
                &leaf_heights(f.level),
                Some((Leaf::Fact(id), f.level)),
            );
        }
        for a in inputs.assumed() {
            relations[a.atom.pred.index()].insert(
                &a.atom.args,
                &leaf_heights(a.level),
                Some((Leaf::from(a.origin), a.level)),
            );
        }
        // The evaluator's lookup of forbidden atoms; empty, it allocates nothing.
        let blocked = eval::Blocked::new(
            inputs
                .blocked()
                .iter()
                .map(|b| (b.atom.pred, b.atom.args.clone())),
        );
        let run = eval::Run {
            scenario: &p.scenarios()[scenario.index()].name,
            deadline: options.deadline(),
            impure: &impure,
            blocked: &blocked,
            uniform: self
                .uniform(inputs.assumed().iter().map(|a| a.level))
                .map(Likelihood::rank),
        };
        eval::evaluate(self, &mut relations, &mut stats, options, run)?;
        let conflicts = self.conflicts(&relations, options, run)?;
        Ok(Model::new(
            inputs,
            relations,
            conflicts,
            stats,
            options.clone(),
            Some(Return {
                spare: Arc::clone(&self.spare),
                fallback,
            }),
        ))
    }
}
