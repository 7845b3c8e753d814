//! The parts of the page a rule base has only when it declares them: its tests (each
//! passed or failed, with what failed), its indicators (what to watch, by scenario, as
//! `augur indicators` prints it) and its Analysis of Competing Hypotheses (as `augur ach`
//! prints it), all from the models the report already ran.

use std::path::Path;

use crate::engine::Model;
use crate::program::Test;
use crate::scenario::files::FileError;
use crate::scenario::snapshot::{self, Comparison};

/// The declared extras, each `None` when the rule base declares none.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Extras {
    /// Each test: its name, its scenario, and the failed expectations (none: passed).
    pub tests: Option<Vec<TestLine>>,
    /// Rule coverage of the tested scenarios (as `augur test --coverage`): rules that fired
    /// in some tested scenario, all rules, and those that never did (`rule NAME at
    /// FILE:LINE`); with the tests.
    pub coverage: Option<(usize, usize, Vec<String>)>,
    /// The indicator matrix as text.
    pub indicators: Option<String>,
    /// The ACH matrix as text.
    pub ach: Option<String>,
    /// The golden snapshots compared (as `augur test --snapshot DIR` compares them): the
    /// directory as given, and how each scenario (and each stale file) compares
    /// ([`snapshots`]; none from [`extras`]).
    pub snapshots: Option<(String, Vec<Comparison>)>,
}

/// One test's outcome.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TestLine {
    /// The test's name.
    pub name: String,
    /// The scenario it checks.
    pub scenario: String,
    /// Each failed expectation and why.
    pub failures: Vec<String>,
}

/// The extras of the program `models` ran, which must be every scenario in declaration
/// order (as [`crate::Analysis::run_all`] gives them).
pub fn extras(models: &[Model<'_>]) -> Extras {
    let Some(p) = models.first().map(Model::program) else {
        return Extras::default();
    };
    let tests = (!p.tests().is_empty()).then(|| {
        let all: Vec<&Test> = p.tests().iter().collect();
        crate::scenario::run_tests(p, &all, models)
            .tests
            .into_iter()
            .map(|t| TestLine {
                name: t.name,
                scenario: t.scenario,
                failures: t
                    .failures
                    .iter()
                    .map(|f| format!("{}: {}", f.expectation, f.message))
                    .collect(),
            })
            .collect()
    });
    // As `augur test --coverage` counts: a rule is covered when it fired in a scenario
    // some test checks.
    let covered = (!p.tests().is_empty()).then(|| {
        let tested = |m: &&Model<'_>| p.tests().iter().any(|t| t.scenario == m.scenario());
        let mut never = Vec::new();
        for (i, r) in p.rules().iter().enumerate() {
            let id = crate::program::RuleId::from_index(i);
            if !models.iter().filter(tested).any(|m| m.fired(id)) {
                let at = p.sources().location(r.span);
                never.push(format!("rule {} at {}:{}", r.name, at.file, at.line));
            }
        }
        (p.rules().len() - never.len(), p.rules().len(), never)
    });
    let indicators =
        (!p.indicators().is_empty()).then(|| crate::indicators::from_models(p, models).text());
    let ach = (!p.observations().is_empty()).then(|| crate::ach::matrix(models).text(p));
    Extras {
        tests,
        coverage: covered,
        indicators,
        ach,
        snapshots: None,
    }
}

/// Every model compared with its snapshot in `dir`, as `augur test --snapshot DIR`
/// compares them, but reading only: no pending `.new` file is written or removed. `models`
/// must be every scenario, so that a snapshot of a scenario that no longer exists is
/// found stale.
pub fn snapshots(dir: &Path, models: &[Model<'_>]) -> Result<Vec<Comparison>, FileError> {
    let models: Vec<&Model<'_>> = models.iter().collect();
    snapshot::compare(dir, &models, snapshot::Mode::Check, None).map_err(|i| i.error)
}

/// The Key Assumptions Check of every scenario that assumes or forbids something (as
/// `augur assumptions -s S` prints it): each assumption withdrawn alone in a run of its
/// own, so one run per assumption, each held to `options`. Scenario index and text.
pub fn key_assumptions(
    session: &crate::Session<'_>,
    options: &crate::engine::Options,
) -> Result<Vec<(usize, String)>, crate::Error> {
    let p = session.program();
    let none = crate::program::WhatIf::default();
    let mut out = Vec::new();
    for (i, s) in p.scenarios().iter().enumerate() {
        let id = session.scenario(&s.name)?;
        let request = crate::key_assumptions::Request {
            scenario: id,
            change: &none,
            atom: None,
            facts: false,
        };
        let check = crate::key_assumptions::check(session, &request, options)?;
        if !check.assumptions.is_empty() {
            out.push((i, check.report(None).text(false)));
        }
    }
    Ok(out)
}
