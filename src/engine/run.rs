//! Running the planned engine on one scenario: its facts and assumptions (and any
//! hypotheses) become the relations' leaves, then the strata run to the fixpoint and the
//! conflicts are matched.

use std::collections::HashSet;

use crate::likelihood::Likelihood;
use crate::program::{FactId, GroundAtom, PredId, ScenarioId};

use super::relation::{Leaf, Relation, leaf_heights};
use super::{Engine, EngineError, Model, Options, RuleStats, eval};

impl<'p> Engine<'p> {
    /// Evaluates one scenario: facts, the scenario's assumptions, then every rule to the
    /// fixpoint, then the conflicts.
    pub fn run(&self, scenario: ScenarioId, options: &Options) -> Result<Model<'p>, EngineError> {
        self.run_with(scenario, &[], options)
    }

    /// Evaluates a scenario with extra `certain` atoms added, as hypotheses ("what if these
    /// held too?"). An atom the scenario forces false with `assume not` stays false.
    pub fn run_with(
        &self,
        scenario: ScenarioId,
        hypotheses: &[GroundAtom],
        options: &Options,
    ) -> Result<Model<'p>, EngineError> {
        let p = self.program;
        let assumptions = p.assumptions(scenario);
        let mut impure = vec![false; p.predicates().len()];
        for pred in assumptions
            .iter()
            .map(|(_, _, a)| a.atom.pred)
            .chain(hypotheses.iter().map(|h| h.pred))
        {
            impure[pred.index()] = true;
        }
        let fallback = self.guards.iter().any(|g| impure[g.index()]);
        let mut relations: Vec<Relation> = p
            .predicates()
            .iter()
            .enumerate()
            .map(|(i, pr)| {
                let mut cols = self.index_cols[i].clone();
                if fallback {
                    cols.extend(self.fallback_cols[i].iter().cloned());
                }
                let mut rel = Relation::new(pr.arity, &cols);
                rel.reserve(self.fact_counts[i]);
                rel
            })
            .collect();
        let blocked: HashSet<(PredId, Box<[_]>)> = assumptions
            .iter()
            .filter(|(_, _, a)| a.negated)
            .map(|(_, _, a)| (a.atom.pred, a.atom.args.clone()))
            .collect();
        let is_blocked = |atom: &GroundAtom| {
            !blocked.is_empty() && blocked.contains(&(atom.pred, atom.args.clone()))
        };
        for (i, f) in p.facts().iter().enumerate() {
            if !is_blocked(&f.atom) {
                let leaf = Leaf::Fact(FactId::from_index(i));
                relations[f.atom.pred.index()].insert(
                    &f.atom.args,
                    &leaf_heights(f.level),
                    Some((leaf, f.level)),
                );
            }
        }
        for (owner, index, a) in assumptions.iter().filter(|(_, _, a)| !a.negated) {
            let leaf = Leaf::Assumed {
                scenario: *owner,
                index: *index as u32,
            };
            relations[a.atom.pred.index()].insert(
                &a.atom.args,
                &leaf_heights(a.level),
                Some((leaf, a.level)),
            );
        }
        for (i, h) in hypotheses.iter().enumerate() {
            if !is_blocked(h) {
                let leaf = Leaf::Hypothesis(i as u32);
                relations[h.pred.index()].insert(
                    &h.args,
                    &leaf_heights(Likelihood::Certain),
                    Some((leaf, Likelihood::Certain)),
                );
            }
        }
        let leaf_levels = assumptions
            .iter()
            .filter(|(_, _, a)| !a.negated)
            .map(|(_, _, a)| a.level)
            .chain(hypotheses.iter().map(|_| Likelihood::Certain));
        let run = eval::Run {
            scenario: &p.scenarios()[scenario.index()].name,
            deadline: options.deadline(),
            impure: &impure,
            blocked: &blocked,
            uniform: self.uniform(leaf_levels).map(Likelihood::rank),
        };
        let mut stats = vec![RuleStats::default(); p.rules().len()];
        eval::evaluate(self, &mut relations, &mut stats, options, run)?;
        let conflicts = self.conflicts(&relations, options, run)?;
        Ok(Model::new(
            p,
            scenario,
            relations,
            conflicts,
            stats,
            options.clone(),
        ))
    }
}
