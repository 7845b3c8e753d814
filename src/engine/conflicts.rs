//! Matching the conflicts (and tensions) of a program against a finished fixpoint.

use std::ops::ControlFlow;

use crate::likelihood::Likelihood;
use crate::program::ConflictId;

use super::error::{Counted, EngineError};
use super::join::{Scratch, for_each_match};
use super::relation::{self, Relation};
use super::{ConflictMatch, Engine, Options, eval};

impl Engine<'_> {
    /// Every match of every conflict, in declaration order then match order; at most
    /// [`Options::max_derived`] of them, found before the deadline.
    pub(super) fn conflicts(
        &self,
        relations: &[Relation],
        options: &Options,
        run: eval::Run<'_>,
    ) -> Result<Vec<ConflictMatch>, EngineError> {
        let scenario = run.scenario;
        let mut out = Vec::new();
        let mut scratch = Scratch::until(run.deadline);
        for (i, (plan, conflict)) in self
            .conflicts
            .iter()
            .zip(self.program.conflicts())
            .enumerate()
        {
            let mut env = Vec::new();
            let flow = for_each_match(
                plan,
                relations,
                None,
                &mut env,
                &mut scratch,
                &mut |env, acc, chosen| {
                    if out.len() >= options.max_derived {
                        return ControlFlow::Break(());
                    }
                    let bindings = conflict
                        .vars
                        .iter()
                        .enumerate()
                        .map(|(v, name)| (name.clone(), env[v]))
                        .collect();
                    let premises = plan
                        .steps
                        .iter()
                        .zip(chosen)
                        .map(|(s, t)| (s.premise, t.map(|t| (s.pred, t))))
                        .collect();
                    out.push(ConflictMatch {
                        conflict: ConflictId::from_index(i),
                        bindings,
                        likelihood: relation::likelihood_of(acc).unwrap_or(Likelihood::Certain),
                        premises,
                    });
                    ControlFlow::Continue(())
                },
            );
            if flow.is_break() {
                return Err(match scratch.deadline.budget() {
                    Some(timeout) if scratch.deadline.expired() => EngineError::Timeout {
                        scenario: scenario.to_owned(),
                        timeout,
                    },
                    _ => EngineError::LimitExceeded {
                        scenario: scenario.to_owned(),
                        limit: options.max_derived,
                        counted: Counted::ConflictMatches,
                        rule: None,
                    },
                });
            }
        }
        Ok(out)
    }
}
