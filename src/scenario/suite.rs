//! Running `test` blocks: each expectation checked against its scenario's model, with the
//! evidence an analyst needs when one fails (the proof, the why-not tree, or the actual
//! likelihood), and conflicts (not tensions) failing the tests of their scenario unless
//! expected.

use std::sync::Arc;

use miette::{Diagnostic, NamedSource, SourceSpan};
use serde::Serialize;
use thiserror::Error;

use crate::engine::{ConflictMatch, Model};
use crate::explain::{Bounds, LeftOpen, Proof, WhyNot, left_open, negation, why, why_not};
use crate::likelihood::Likelihood;
use crate::program::{ConflictId, ConflictKind, Expectation, Program, ScenarioId, SymbolId, Test};
use crate::source::{Location, Span};

/// What a failed expectation shows.
#[derive(Clone, Debug, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Evidence {
    /// Something held that should not: its proof.
    Proof {
        /// The proof.
        proof: Proof,
    },
    /// Something failed to hold: why not.
    WhyNot {
        /// The failure tree and nearest misses.
        why_not: WhyNot,
    },
    /// It held, but below the level expected.
    TooLow {
        /// The level it has.
        actual: Likelihood,
        /// The level expected.
        expected: Likelihood,
        /// Its strongest proof.
        proof: Proof,
    },
    /// The atom is an open question in this scenario (a conditional one whose premises
    /// hold), so neither it nor its negation can be expected here.
    LeftOpen {
        /// The declaration that leaves it open.
        left_open: LeftOpen,
    },
    /// A conflict held that the test did not expect, or a conflict or tension it expected
    /// did not.
    Conflict {
        /// The conflict's name.
        conflict: String,
        /// Variable values of each way it holds (empty when it does not).
        bindings: Vec<Vec<(String, String)>>,
        /// The proof of each premise of the first match (with citations).
        proofs: Vec<Proof>,
    },
}

/// One failed expectation.
#[derive(Clone, Debug, Serialize)]
pub struct Failure {
    /// The expectation as written, e.g. `expect not china gains_influence_in latin_america`.
    pub expectation: String,
    /// What went wrong, in a sentence.
    pub message: String,
    /// Where the expectation is.
    pub location: Location,
    /// The expectation's span, for reports.
    #[serde(skip)]
    pub span: Span,
    /// The evidence.
    pub evidence: Evidence,
}

/// The result of one test.
#[derive(Clone, Debug, Serialize)]
pub struct TestResult {
    /// The test's name.
    pub name: String,
    /// Its scenario.
    pub scenario: String,
    /// Whether every expectation held.
    pub ok: bool,
    /// Where the test is.
    pub location: Location,
    /// The failed expectations.
    pub failures: Vec<Failure>,
}

/// Every test run.
#[derive(Clone, Debug, Serialize)]
pub struct TestReport {
    /// Results in declaration order.
    pub tests: Vec<TestResult>,
    /// How many passed.
    pub passed: usize,
    /// How many failed.
    pub failed: usize,
}

/// A failed expectation as a diagnostic pointing at its `expect` line.
#[derive(Debug, Error, Diagnostic)]
#[error("{message}")]
#[diagnostic(code(augur::test::expectation_failed))]
pub struct ExpectationFailed {
    message: String,
    #[label("{label}")]
    span: SourceSpan,
    label: &'static str,
    #[help]
    help: String,
    #[source_code]
    src: NamedSource<Arc<str>>,
}

impl ExpectationFailed {
    /// The report of `failure` in test `test`.
    pub fn new(program: &Program, test: &TestResult, failure: &Failure) -> Self {
        let (label, help) = match &failure.evidence {
            Evidence::Proof { .. } => (
                "this expectation",
                "the proof below shows why it holds".to_owned(),
            ),
            Evidence::WhyNot { .. } => (
                "this expectation",
                "the tree below shows which premises fail".to_owned(),
            ),
            Evidence::TooLow { .. } => (
                "this expectation",
                "the proof below shows its weakest step".to_owned(),
            ),
            Evidence::LeftOpen { .. } => (
                "this expectation",
                "an open question is neither true nor false where it arises; expect it in a scenario where it does not arise, or remove the expectation".to_owned(),
            ),
            Evidence::Conflict {
                bindings, conflict, ..
            } if bindings.is_empty() => (
                "this expectation",
                format!("`augur why-not` on a premise of `{conflict}` shows what is missing"),
            ),
            Evidence::Conflict { conflict, .. } => (
                "in this test",
                format!(
                    "the proofs below show both sides; add `expect conflict {conflict}` if test \"{}\" means to allow it",
                    test.name
                ),
            ),
        };
        ExpectationFailed {
            message: failure.message.clone(),
            span: failure.span.into(),
            label,
            help,
            src: program.sources.named_source(failure.span),
        }
    }
}

/// Runs `tests` against `models`, which must hold a model of each test's scenario.
pub fn run_tests(program: &Program, tests: &[&Test], models: &[Model<'_>]) -> TestReport {
    let model_of = |id: ScenarioId| models.iter().find(|m| m.scenario() == id);
    let mut results = Vec::new();
    for test in tests {
        let scenario = &program.scenarios[test.scenario.index()].name;
        let location = program.sources.location(test.span);
        let Some(model) = model_of(test.scenario) else {
            continue;
        };
        let mut failures: Vec<Failure> = test
            .expects
            .iter()
            .filter_map(|(e, span)| check(model, e, *span))
            .collect();
        let expected: Vec<ConflictId> = test
            .expects
            .iter()
            .filter_map(|(e, _)| {
                if let Expectation::Conflict(c) = e {
                    Some(*c)
                } else {
                    None
                }
            })
            .collect();
        failures.extend(unexpected_conflicts(model, &expected, test.name_span));
        results.push(TestResult {
            name: test.name.clone(),
            scenario: scenario.clone(),
            ok: failures.is_empty(),
            location,
            failures,
        });
    }
    let passed = results.iter().filter(|r| r.ok).count();
    TestReport {
        failed: results.len() - passed,
        passed,
        tests: results,
    }
}

fn failure(
    model: &Model<'_>,
    expectation: String,
    message: String,
    span: Span,
    evidence: Evidence,
) -> Failure {
    Failure {
        expectation,
        message,
        location: model.program().sources.location(span),
        span,
        evidence,
    }
}

/// `None` when the expectation holds, else the failure with its evidence.
fn check(model: &Model<'_>, expectation: &Expectation, span: Span) -> Option<Failure> {
    let p = model.program();
    if let Expectation::Holds(atom, _) | Expectation::NotHolds(atom) = expectation
        && let Some(open) = left_open(model, atom)
    {
        // The checker rejects expecting an unconditional question; a conditional one is
        // open only in the scenarios where it arises, which only a model can tell.
        let text = p.show_atom(atom);
        let written = match expectation {
            Expectation::NotHolds(_) => format!("expect not {text}"),
            _ => format!("expect {text}"),
        };
        return Some(failure(
            model,
            written,
            format!("`{text}` is an open question in this scenario"),
            span,
            Evidence::LeftOpen { left_open: open },
        ));
    }
    match expectation {
        Expectation::Holds(atom, at_least) => {
            let text = p.show_atom(atom);
            let written = match at_least {
                Some(l) => format!("expect {text} at least {l}"),
                None => format!("expect {text}"),
            };
            match (model.likelihood(atom), at_least) {
                (None, _) => {
                    let evidence = Evidence::WhyNot {
                        why_not: why_not(model, atom, &Bounds::default()),
                    };
                    Some(failure(
                        model,
                        written,
                        format!("`{text}` does not hold"),
                        span,
                        evidence,
                    ))
                }
                (Some(actual), Some(expected)) if actual < *expected => {
                    let proof = why(model, atom)?;
                    let evidence = Evidence::TooLow {
                        actual,
                        expected: *expected,
                        proof,
                    };
                    Some(failure(
                        model,
                        written,
                        format!("`{text}` is only {actual}, below {expected}"),
                        span,
                        evidence,
                    ))
                }
                _ => None,
            }
        }
        Expectation::NotHolds(atom) => {
            let text = p.show_atom(atom);
            let level = model.likelihood(atom)?;
            let proof = why(model, atom)?;
            let message = format!("`{text}` holds ({level}), but the test expects it not to");
            Some(failure(
                model,
                format!("expect not {text}"),
                message,
                span,
                Evidence::Proof { proof },
            ))
        }
        Expectation::Conflict(id) => {
            if model.conflicts().iter().any(|m| m.conflict == *id) {
                return None;
            }
            let conflict = &p.conflicts[id.index()];
            let (name, kind) = (conflict.name.clone(), conflict.kind);
            let evidence = Evidence::Conflict {
                conflict: name.clone(),
                bindings: Vec::new(),
                proofs: Vec::new(),
            };
            Some(failure(
                model,
                format!("expect {kind} {name}"),
                format!("{kind} `{name}` does not hold"),
                span,
                evidence,
            ))
        }
    }
}

/// A failure for each conflict that holds in the scenario and that the test does not expect.
/// A tension is a trade-off the analysis presents, not a contradiction: it never fails one.
fn unexpected_conflicts(model: &Model<'_>, expected: &[ConflictId], span: Span) -> Vec<Failure> {
    let p = model.program();
    let mut out = Vec::new();
    for (i, conflict) in p.conflicts.iter().enumerate() {
        let id = ConflictId::from_index(i);
        let matches: Vec<&ConflictMatch> = model
            .conflicts_of(ConflictKind::Conflict)
            .filter(|m| m.conflict == id)
            .collect();
        if matches.is_empty() || expected.contains(&id) {
            continue;
        }
        let bindings = matches
            .iter()
            .map(|m| {
                m.bindings
                    .iter()
                    .map(|(k, v)| (k.clone(), p.symbols.show(*v)))
                    .collect()
            })
            .collect();
        let proofs = conflict_proofs(model, matches[0]);
        let message = format!("conflict `{}` holds in this scenario", conflict.name);
        let evidence = Evidence::Conflict {
            conflict: conflict.name.clone(),
            bindings,
            proofs,
        };
        out.push(failure(
            model,
            format!("(no `expect conflict {}`)", conflict.name),
            message,
            span,
            evidence,
        ));
    }
    out
}

/// The proofs of a conflict match's premises, in written order: a `not X` premise too,
/// since with graded negation it may be the weakest link that sets the conflict's level.
pub fn conflict_proofs(model: &Model<'_>, m: &ConflictMatch) -> Vec<Proof> {
    let conflict = &model.program().conflicts[m.conflict.index()];
    let env: Vec<SymbolId> = m.bindings.iter().map(|(_, v)| *v).collect();
    let mut premises = m.premises.clone();
    premises.sort_by_key(|(i, _)| *i);
    premises
        .into_iter()
        .filter_map(|(i, t)| match t {
            Some((pred, t)) => why(model, &model.atom(pred, t)),
            None => {
                let atom = conflict.premises.get(i)?.atom.ground(&env);
                Some(negation(model, &atom, 0))
            }
        })
        .collect()
}
