//! [`Session`]: a checked program with its engine planned once, for the many runs that
//! `run --all`, `diff`, `why-not`'s nearest misses, tests and what-if questions make.

use crate::engine::{Engine, Model, Options};
use crate::error::Error;
use crate::load::Analysis;
use crate::program::{Program, ScenarioId, WhatIf};

/// An [`Analysis`] with its engine planned: every run on it, of a scenario as written or
/// changed by a [`WhatIf`], reuses the plans and plans nothing.
///
/// ```
/// use augur::{Analysis, Likelihood, engine::Options, program::WhatIf};
///
/// let analysis = Analysis::parse("t.augur", "
///     assumable us withdraws
///     rule gap: us withdraws implies rivals advance likely
///     scenario quiet { }
/// ").unwrap();
/// let session = analysis.session(); // plans, once
/// let quiet = session.scenario("quiet").unwrap();
/// let advance = analysis.atom("rivals advance").unwrap();
/// let withdraws = analysis.atom("us withdraws").unwrap();
/// assert_eq!(session.run(quiet, &Options::default()).unwrap().likelihood(&advance), None);
/// for level in [Likelihood::Certain, Likelihood::Unlikely] {
///     let change = WhatIf::default().add(withdraws.clone(), level);
///     let model = session.what_if(quiet, &change, &Options::default()).unwrap();
///     assert_eq!(model.likelihood(&advance), Some(level.min(Likelihood::Likely)));
/// }
/// ```
#[derive(Debug)]
pub struct Session<'a> {
    analysis: &'a Analysis,
    engine: Engine<'a>,
}

impl<'a> Session<'a> {
    /// Plans `analysis`'s program for evaluation.
    pub fn new(analysis: &'a Analysis) -> Self {
        Session {
            analysis,
            engine: Engine::new(analysis.program()),
        }
    }

    /// The analysis.
    pub fn analysis(&self) -> &'a Analysis {
        self.analysis
    }

    /// The checked program.
    pub fn program(&self) -> &'a Program {
        self.analysis.program()
    }

    /// The planned engine, for calls that take one (e.g. [`Engine::run_inputs`]).
    pub fn engine(&self) -> &Engine<'a> {
        &self.engine
    }

    /// The scenario with this name, or an error that lists the scenarios there are.
    pub fn scenario(&self, name: &str) -> Result<ScenarioId, Error> {
        self.analysis.scenario(name)
    }

    /// Evaluates one scenario. An id of another program, or out of range, is an error.
    pub fn run(&self, scenario: ScenarioId, options: &Options) -> Result<Model<'a>, Error> {
        Ok(self.engine.run(scenario, options)?)
    }

    /// Evaluates one scenario by name.
    pub fn run_named(&self, name: &str, options: &Options) -> Result<Model<'a>, Error> {
        self.run(self.scenario(name)?, options)
    }

    /// Evaluates a scenario changed by a what-if (see [`Engine::what_if`]).
    pub fn what_if(
        &self,
        scenario: ScenarioId,
        change: &WhatIf,
        options: &Options,
    ) -> Result<Model<'a>, Error> {
        Ok(self.engine.what_if(scenario, change, options)?)
    }

    /// Evaluates every scenario, in declaration order.
    pub fn run_all(&self, options: &Options) -> Result<Vec<Model<'a>>, Error> {
        let ids: Vec<ScenarioId> = (0..self.program().scenarios().len())
            .map(ScenarioId::from_index)
            .collect();
        self.run_scenarios(&ids, options)
    }

    /// Evaluates the given scenarios, results in the order given. Scenarios are
    /// independent, so they run on parallel threads; the result does not depend on
    /// scheduling.
    pub fn run_scenarios(
        &self,
        ids: &[ScenarioId],
        options: &Options,
    ) -> Result<Vec<Model<'a>>, Error> {
        run_parallel(&self.engine, ids, options)
    }
}

/// Evaluates `ids` on `engine` on parallel threads, results in the order given.
pub(crate) fn run_parallel<'p>(
    engine: &Engine<'p>,
    ids: &[ScenarioId],
    options: &Options,
) -> Result<Vec<Model<'p>>, Error> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(ids.len().max(1));
    let chunk = ids.len().div_ceil(threads).max(1);
    let results: Vec<Result<Model<'_>, Error>> = std::thread::scope(|scope| {
        let handles: Vec<_> = ids
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|&id| engine.run(id, options).map_err(Error::from))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        // A panic in a worker is a bug; re-raise it rather than lose a scenario.
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    results.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_runs_what_the_analysis_runs_and_refuses_foreign_ids() {
        let text =
            "fact a p\nrule r: a p implies b q\nscenario one { }\nscenario two { assume c q }\n";
        let analysis = Analysis::parse("t.augur", text).expect("checks");
        let session = analysis.session();
        let options = Options::default();
        let all = session.run_all(&options).expect("runs");
        let names: Vec<&str> = all
            .iter()
            .map(|m| {
                session.program().scenarios()[m.scenario().index()]
                    .name
                    .as_str()
            })
            .collect();
        assert_eq!(names, ["one", "two"]);
        for model in &all {
            let name = &session.program().scenarios()[model.scenario().index()].name;
            let alone = analysis.run(name, &options).expect("runs");
            assert_eq!(model.conclusions(), alone.conclusions());
            assert_eq!(model.size(), alone.size());
        }
        let foreign = ScenarioId::from_index(2);
        assert!(matches!(
            session.run(foreign, &options),
            Err(Error::Engine(_))
        ));
        let err = session.run_scenarios(&[ScenarioId(0), foreign], &options);
        assert!(err.is_err());
        assert!(session.run_named("three", &options).is_err());
    }
}
