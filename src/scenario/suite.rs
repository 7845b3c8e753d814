//! Running `test` blocks: each expectation checked against its scenario's model, with the
//! evidence an analyst needs when one fails (the proof, the why-not tree, or the actual
//! likelihood), and conflicts (not tensions) failing the tests of their scenario unless
//! expected.

use miette::{Diagnostic, SourceSpan};
use serde::Serialize;
use thiserror::Error;

use crate::engine::{ConflictMatch, Model};
use crate::explain::{
    Bounds, ConflictWhyNot, LeftOpen, Proof, WhyNot, left_open, negation, open_elsewhere, why,
    why_not, why_not_conflict,
};
use crate::likelihood::Likelihood;
use crate::program::{
    ConflictId, ConflictKind, Expectation, GroundAtom, LevelBound, ProbabilityBound, Program,
    ScenarioId, SymbolId, Test,
};
use crate::source::{Location, NamedText, Span};

/// What a failed expectation shows.
#[derive(Clone, Debug, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Evidence<'p> {
    /// Something held that should not: its proof.
    Proof {
        /// The proof.
        proof: Proof<'p>,
    },
    /// Something failed to hold: why not.
    WhyNot {
        /// The failure tree and nearest misses.
        why_not: WhyNot<'p>,
    },
    /// It held, but below the level expected (`at least`, `exactly`).
    TooLow {
        /// The level it has.
        actual: Likelihood,
        /// The level expected.
        expected: Likelihood,
        /// Its strongest proof.
        proof: Proof<'p>,
    },
    /// It held, but above the level expected (`at most`, `exactly`).
    TooHigh {
        /// The level it has.
        actual: Likelihood,
        /// The level expected.
        expected: Likelihood,
        /// Its strongest proof.
        proof: Proof<'p>,
    },
    /// The atom is an open question in this scenario (a conditional one whose premises
    /// hold), so neither it nor its negation can be expected here.
    LeftOpen {
        /// The declaration that leaves it open.
        left_open: LeftOpen,
    },
    /// A conflict held that the test did not expect, or a conflict or tension held that it
    /// expected not to hold.
    Conflict {
        /// The conflict's name.
        conflict: String,
        /// Whether it is a conflict or a tension.
        conflict_kind: ConflictKind,
        /// Each way it holds, up to [`MAX_HOLDINGS_SHOWN`], in the model's order: its
        /// variable values and the proofs of its premises.
        holds: Vec<Holding<'p>>,
        /// How many more ways it holds, not shown.
        more: usize,
    },
    /// `expect ATOM with probability ...`: the probability computed (exactly) is outside
    /// the bound.
    Probability {
        /// P(atom) in the scenario.
        probability: f64,
    },
    /// `expect ATOM with probability ...` could not be checked: why (the exact computation
    /// is past its limits). Never a pass.
    Unchecked {
        /// Why not.
        reason: String,
    },
    /// A conflict the test expects did not hold: the standing of each premise of its body.
    ConflictWhyNot {
        /// The failure tree of the conflict's body.
        why_not: ConflictWhyNot<'p>,
    },
}

/// How many ways a conflict holds that a failed test shows, each with its proofs; the
/// rest are counted ("and N more").
pub const MAX_HOLDINGS_SHOWN: usize = 10;

/// One way a conflict holds.
#[derive(Clone, Debug, Serialize)]
pub struct Holding<'p> {
    /// Its variable values, in order of first appearance (empty without variables).
    pub bindings: Vec<(String, String)>,
    /// The proof of each premise, in written order (with citations).
    pub proofs: Vec<Proof<'p>>,
}

/// One failed expectation.
#[derive(Clone, Debug, Serialize)]
pub struct Failure<'p> {
    /// The expectation as written, e.g. `expect not china gains_influence_in latin_america`.
    pub expectation: String,
    /// What went wrong, in a sentence.
    pub message: String,
    /// Where the expectation is.
    pub location: Location,
    /// The expectation's span, for reports.
    #[serde(skip)]
    pub span: Span,
    /// Whether an `expect` line failed, or the test itself (a conflict it does not name).
    #[serde(skip)]
    pub origin: Origin,
    /// The evidence.
    pub evidence: Evidence<'p>,
}

/// What failed: an `expect` line, or the test as a whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// An `expect` line did not hold.
    Expectation,
    /// A conflict held that no `expect conflict` of the test allows.
    UnexpectedConflict,
}

/// The result of one test.
#[derive(Clone, Debug, Serialize)]
pub struct TestResult<'p> {
    /// The test's name.
    pub name: String,
    /// Its scenario.
    pub scenario: String,
    /// Whether every expectation held.
    pub ok: bool,
    /// Where the test is.
    pub location: Location,
    /// The failed expectations.
    pub failures: Vec<Failure<'p>>,
    /// Time spent checking its expectations and gathering their evidence, in milliseconds
    /// (the scenario's evaluation, shared by its tests, is not counted). Not deterministic,
    /// so only the JSON and JUnit reports carry it.
    pub duration_ms: f64,
}

/// Every test run.
#[derive(Clone, Debug, Serialize)]
pub struct TestReport<'p> {
    /// Results in declaration order.
    pub tests: Vec<TestResult<'p>>,
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
    src: NamedText,
}

impl ExpectationFailed {
    /// The report of `failure` in test `test`.
    pub fn new(program: &Program, test: &TestResult, failure: &Failure) -> Self {
        let help = match &failure.evidence {
            Evidence::Proof { .. } => "the proof below shows why it holds".to_owned(),
            Evidence::WhyNot { .. } => "the tree below shows which premises fail".to_owned(),
            Evidence::TooLow { .. } => "the proof below shows its weakest step".to_owned(),
            Evidence::TooHigh { .. } => {
                "the proof below shows what makes it this strong".to_owned()
            }
            Evidence::LeftOpen { .. } => "an open question is neither true nor false where it arises; expect it in a scenario where it does not arise, write `expect open`, or remove the expectation".to_owned(),
            Evidence::ConflictWhyNot { .. } => {
                "the tree below shows which premises of the conflict fail".to_owned()
            }
            Evidence::Probability { .. } => "`augur sensitivity ATOM -s SCENARIO` ranks the claims this probability hangs on; fix them, or the bound".to_owned(),
            Evidence::Unchecked { .. } => "an expectation that cannot be checked fails: raise no limit here, but bound the lineage (fewer rule instances), or pin the weakest-link level instead (`expect ATOM at least LEVEL`)".to_owned(),
            Evidence::Conflict { conflict, .. } => match failure.origin {
                Origin::Expectation => format!("the proofs below show why `{conflict}` holds"),
                Origin::UnexpectedConflict => format!(
                    "the proofs below show both sides; add `expect conflict {conflict}` if test \"{}\" means to allow it",
                    test.name
                ),
            },
        };
        let label = match failure.origin {
            Origin::Expectation => "this expectation",
            Origin::UnexpectedConflict => "in this test",
        };
        ExpectationFailed {
            message: failure.message.clone(),
            span: failure.span.into(),
            label,
            help,
            src: program.sources().named_source(failure.span),
        }
    }
}

/// Runs `tests` against `models`, which must hold a model of each test's scenario.
pub fn run_tests<'p>(program: &Program, tests: &[&Test], models: &[Model<'p>]) -> TestReport<'p> {
    let model_of = |id: ScenarioId| models.iter().find(|m| m.scenario() == id);
    let mut results = Vec::new();
    for test in tests {
        let scenario = &program.scenarios()[test.scenario.index()].name;
        let location = program.sources().location(test.span);
        let Some(model) = model_of(test.scenario) else {
            continue;
        };
        let started = std::time::Instant::now();
        let mut failures: Vec<Failure> = test
            .expects
            .iter()
            .filter_map(|(e, span)| check(model, e, *span))
            .collect();
        let named: Vec<ConflictId> = test
            .expects
            .iter()
            .filter_map(|(e, _)| e.conflict())
            .collect();
        failures.extend(unexpected_conflicts(model, &named, test.name_span));
        let duration_ms = started.elapsed().as_secs_f64() * 1000.0;
        results.push(TestResult {
            name: test.name.clone(),
            scenario: scenario.clone(),
            ok: failures.is_empty(),
            location,
            failures,
            duration_ms,
        });
    }
    let passed = results.iter().filter(|r| r.ok).count();
    TestReport {
        failed: results.len() - passed,
        passed,
        tests: results,
    }
}

fn failure<'p>(
    model: &Model<'p>,
    expectation: String,
    message: String,
    span: Span,
    evidence: Evidence<'p>,
) -> Failure<'p> {
    Failure {
        expectation,
        message,
        location: model.program().sources().location(span),
        span,
        origin: Origin::Expectation,
        evidence,
    }
}

/// `None` when the expectation holds, else the failure with its evidence.
fn check<'p>(model: &Model<'p>, expectation: &Expectation, span: Span) -> Option<Failure<'p>> {
    let at = Checking { model, span };
    if let Expectation::Holds(atom, _)
    | Expectation::NotHolds(atom)
    | Expectation::Probability(atom, _) = expectation
        && let Some(open) = left_open(model, atom)
    {
        return at.left_open(expectation, atom, open);
    }
    match expectation {
        Expectation::Holds(atom, bound) => at.holds(atom, *bound),
        Expectation::NotHolds(atom) => at.not_holds(atom),
        Expectation::Open(atom) => at.open(atom),
        Expectation::Conflict(id) => at.conflict(*id),
        Expectation::NotConflict(id) => at.not_conflict(*id),
        Expectation::Probability(atom, bound) => at.probability(atom, *bound),
    }
}

/// One expectation being checked: the model it is checked against and where it is written.
struct Checking<'a, 'p> {
    model: &'a Model<'p>,
    span: Span,
}

impl<'p> Checking<'_, 'p> {
    fn fail(
        &self,
        written: String,
        message: String,
        evidence: Evidence<'p>,
    ) -> Option<Failure<'p>> {
        Some(failure(self.model, written, message, self.span, evidence))
    }

    /// `expect [not] ATOM` where the atom is left open in this scenario.
    fn left_open(
        &self,
        expectation: &Expectation,
        atom: &GroundAtom,
        open: LeftOpen,
    ) -> Option<Failure<'p>> {
        // The checker rejects expecting an unconditional question; a conditional one is
        // open only in the scenarios where it arises, which only a model can tell.
        let text = self.model.program().show_atom(atom);
        let written = match expectation {
            Expectation::NotHolds(_) => format!("expect not {text}"),
            _ => format!("expect {text}"),
        };
        self.fail(
            written,
            format!("`{text}` is an open question in this scenario"),
            Evidence::LeftOpen { left_open: open },
        )
    }

    /// `expect ATOM with probability at least | at most P`: P(ATOM) computed exactly (as
    /// `augur prob --exact`, default limits); when it cannot be, the expectation fails
    /// and says why.
    fn probability(&self, atom: &GroundAtom, bound: ProbabilityBound) -> Option<Failure<'p>> {
        let text = self.model.program().show_atom(atom);
        let written = format!("expect {text}{}", bound.written());
        match crate::prob::exact(self.model, atom, &crate::prob::Limits::default()) {
            Ok(exact) if bound.admits(exact.probability) => None,
            Ok(exact) => {
                let p = exact.probability;
                let side = match bound {
                    ProbabilityBound::AtLeast(b) => format!("below {b}"),
                    ProbabilityBound::AtMost(b) => format!("above {b}"),
                };
                let message = format!("P(`{text}`) is {p:.6} (exact), {side}");
                self.fail(written, message, Evidence::Probability { probability: p })
            }
            Err(e) => {
                let message = format!("P(`{text}`) cannot be checked: it has no exact answer");
                let reason = format!("{e}; `augur prob` samples it instead");
                self.fail(written, message, Evidence::Unchecked { reason })
            }
        }
    }

    /// `expect ATOM [at least | at most | exactly LEVEL]`.
    fn holds(&self, atom: &GroundAtom, bound: LevelBound) -> Option<Failure<'p>> {
        let model = self.model;
        let text = model.program().show_atom(atom);
        let written = format!("expect {text}{}", bound.written());
        let Some(actual) = model.likelihood(atom) else {
            let why_not = why_not(model, atom, &Bounds::default());
            let message = format!("`{text}` does not hold");
            return self.fail(written, message, Evidence::WhyNot { why_not });
        };
        if bound.admits(actual) {
            return None;
        }
        let proof = why(model, atom)?;
        let (message, evidence) = match bound {
            LevelBound::AtLeast(expected) | LevelBound::Exactly(expected) if actual < expected => {
                let message = format!("`{text}` is only {actual}, below {expected}");
                let evidence = Evidence::TooLow {
                    actual,
                    expected,
                    proof,
                };
                (message, evidence)
            }
            LevelBound::AtMost(expected) | LevelBound::Exactly(expected) => {
                let message = format!("`{text}` is {actual}, above {expected}");
                let evidence = Evidence::TooHigh {
                    actual,
                    expected,
                    proof,
                };
                (message, evidence)
            }
            // `admits` accepts every level for `Any`, and a level `at least` rejects is
            // below it (the first arm).
            LevelBound::Any | LevelBound::AtLeast(_) => return None,
        };
        self.fail(written, message, evidence)
    }

    /// `expect not ATOM`.
    fn not_holds(&self, atom: &GroundAtom) -> Option<Failure<'p>> {
        let model = self.model;
        let text = model.program().show_atom(atom);
        let level = model.likelihood(atom)?;
        let proof = why(model, atom)?;
        let message = format!("`{text}` holds ({level}), but the test expects it not to");
        self.fail(
            format!("expect not {text}"),
            message,
            Evidence::Proof { proof },
        )
    }

    /// `expect open ATOM`.
    fn open(&self, atom: &GroundAtom) -> Option<Failure<'p>> {
        let model = self.model;
        if model.is_open(atom).is_some() {
            return None;
        }
        let text = model.program().show_atom(atom);
        let written = format!("expect open {text}");
        match why(model, atom) {
            Some(proof) => {
                let message = format!(
                    "`{text}` holds ({}), so the scenario decides it; the test expects it open",
                    proof.likelihood
                );
                self.fail(written, message, Evidence::Proof { proof })
            }
            None => {
                let why_not = why_not(model, atom, &Bounds::default());
                let message = match open_elsewhere(model, atom) {
                    Some(why) => format!("`{text}` is not open in this scenario: {why}"),
                    None => format!("`{text}` is not an open question in this scenario"),
                };
                self.fail(written, message, Evidence::WhyNot { why_not })
            }
        }
    }

    /// `expect conflict|tension NAME`.
    fn conflict(&self, id: ConflictId) -> Option<Failure<'p>> {
        let model = self.model;
        if model.conflicts().iter().any(|m| m.conflict == id) {
            return None;
        }
        let conflict = &model.program().conflicts()[id.index()];
        let (name, kind) = (&conflict.name, conflict.kind);
        let why_not = why_not_conflict(model, id, &Bounds::default());
        self.fail(
            format!("expect {kind} {name}"),
            format!("{kind} `{name}` does not hold"),
            Evidence::ConflictWhyNot { why_not },
        )
    }

    /// `expect not conflict|tension NAME`.
    fn not_conflict(&self, id: ConflictId) -> Option<Failure<'p>> {
        let evidence = conflict_evidence(self.model, id)?;
        let conflict = &self.model.program().conflicts()[id.index()];
        let (name, kind) = (&conflict.name, conflict.kind);
        self.fail(
            format!("expect not {kind} {name}"),
            format!("{kind} `{name}` holds, but the test expects it not to"),
            evidence,
        )
    }
}

/// The evidence that conflict `id` holds: each way it holds with its proofs, up to
/// [`MAX_HOLDINGS_SHOWN`]; `None` when it does not hold.
fn conflict_evidence<'p>(model: &Model<'p>, id: ConflictId) -> Option<Evidence<'p>> {
    let p = model.program();
    let matches: Vec<&ConflictMatch> = model
        .conflicts()
        .iter()
        .filter(|m| m.conflict == id)
        .collect();
    if matches.is_empty() {
        return None;
    }
    let holds = matches
        .iter()
        .take(MAX_HOLDINGS_SHOWN)
        .map(|m| Holding {
            bindings: m
                .bindings
                .iter()
                .map(|(k, v)| (k.clone(), p.symbols().show(*v)))
                .collect(),
            proofs: conflict_proofs(model, m),
        })
        .collect();
    Some(Evidence::Conflict {
        conflict: p.conflicts()[id.index()].name.clone(),
        conflict_kind: p.conflicts()[id.index()].kind,
        holds,
        more: matches.len().saturating_sub(MAX_HOLDINGS_SHOWN),
    })
}

/// A failure for each conflict that holds in the scenario and that the test does not name
/// (an `expect conflict` allows it; an `expect not conflict` reports it itself). A tension
/// is a trade-off the analysis presents, not a contradiction: it never fails one.
fn unexpected_conflicts<'p>(
    model: &Model<'p>,
    named: &[ConflictId],
    span: Span,
) -> Vec<Failure<'p>> {
    let p = model.program();
    let mut out = Vec::new();
    for (i, conflict) in p.conflicts().iter().enumerate() {
        let id = ConflictId::from_index(i);
        if named.contains(&id) || conflict.kind != ConflictKind::Conflict {
            continue;
        }
        let Some(evidence) = conflict_evidence(model, id) else {
            continue;
        };
        let message = format!("conflict `{}` holds in this scenario", conflict.name);
        out.push(Failure {
            origin: Origin::UnexpectedConflict,
            ..failure(
                model,
                format!("(no `expect conflict {}`)", conflict.name),
                message,
                span,
                evidence,
            )
        });
    }
    out
}

/// The proofs of a conflict match's premises, in written order: a `not X` premise too,
/// since with graded negation it may be the weakest link that sets the conflict's level.
pub fn conflict_proofs<'p>(model: &Model<'p>, m: &ConflictMatch) -> Vec<Proof<'p>> {
    let conflict = &model.program().conflicts()[m.conflict.index()];
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
