//! `augur prob`'s exact probabilities against a brute-force oracle (tests/common/worlds.rs):
//! every world of a small program's lineage enumerated, weighed and evaluated. Random
//! stratified programs with variables, recursion, negation, every likelihood, and
//! scenarios that assume, forbid and extend: every atom that holds, in every scenario, to
//! 1e-9; and `sensitivity` gives the same P, linear in each fact's and assumption's
//! probability with the derivative it reports.

use proptest::prelude::*;

mod common;
use augur::Analysis;
use augur::engine::Options;
use augur::prob::{self, ClaimRef, Limits};
use common::programs::*;
use common::worlds::brute_force;

/// Worlds enumerated per atom at most: 2^12.
const MAX_CHOICES: usize = 12;

/// Compares every atom of every scenario; returns how many were compared.
fn check(p: &Prog) -> Result<usize, TestCaseError> {
    let text = p.text_with_scenarios();
    let analysis =
        Analysis::parse("gen.augur", &text).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
    let mut compared = 0;
    for i in 0..p.scenarios.len() {
        let (view, blocked) = p.scenario_view(&p.effective_lines(i));
        let model = analysis
            .run(&format!("s{i}"), &Options::default())
            .map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        for atom in all_atoms(p) {
            let Ok(resolved) = analysis.atom(&ground_text(&atom)) else {
                continue;
            };
            let Some(want) = brute_force(&view, &blocked, &atom, MAX_CHOICES) else {
                continue;
            };
            let got = prob::exact(&model, &resolved, &Limits::default())
                .map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
            prop_assert!(
                (got.probability - want).abs() < 1e-9,
                "P({}) in s{}: exact {} oracle {}\n{}",
                ground_text(&atom),
                i,
                got.probability,
                want,
                text
            );
            compared += 1;
            let s = prob::sensitivity(&model, &resolved, &Limits::default())
                .map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
            prop_assert!((s.probability - want).abs() < 1e-9, "sensitivity's P");
            // P is linear in a leaf's probability: P = p high + (1 - p) low, dP/dp = high - low.
            for e in s
                .claims
                .iter()
                .filter(|e| matches!(e.claim, ClaimRef::Leaf { .. }))
            {
                let mix = e.probability * e.high + (1.0 - e.probability) * e.low;
                prop_assert!(
                    (mix - want).abs() < 1e-9,
                    "{:?}: {} against {}",
                    e,
                    mix,
                    want
                );
                prop_assert!((e.derivative - (e.high - e.low)).abs() < 1e-9, "{:?}", e);
            }
        }
    }
    Ok(compared)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn exact_matches_brute_force(p in arb_prog()) {
        check(&p)?;
    }

    #[test]
    fn exact_matches_brute_force_stratified_by_atoms(p in arb_atom_stratified_prog()) {
        check(&p)?;
    }
}

/// The exact side of the Monte Carlo comparison is held to this many decision-diagram
/// nodes: a generated program of three constants and arity-3 predicates can have a lineage
/// whose diagrams pass a million nodes, which took 45 minutes of CI to build and shrink.
const MC_MAX_NODES: usize = 20_000;

/// Monte Carlo against the exact P for every atom of `p`'s scenario `s0`: within five
/// standard errors (a failure once in millions of atoms), whatever the seed; 1 thread and
/// 3 give the same estimate. Atoms whose lineage is past [`MC_MAX_NODES`] are sampled
/// (and the thread counts compared) but not checked against an exact P. Returns how many
/// were checked.
fn check_sampling(p: &Prog, seed: u64) -> Result<usize, TestCaseError> {
    let analysis = Analysis::parse("gen.augur", &p.text_with_scenarios())
        .map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
    let model = analysis
        .run("s0", &Options::default())
        .map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
    let limits = Limits {
        max_nodes: MC_MAX_NODES,
        deadline: None,
    };
    let mut compared = 0;
    for atom in all_atoms(p) {
        let Ok(resolved) = analysis.atom(&ground_text(&atom)) else {
            continue;
        };
        let sampling = |threads| prob::Sampling {
            samples: 4_000,
            seed,
            threads,
            deadline: None,
        };
        let e = prob::monte_carlo(&model, &resolved, &sampling(1))
            .map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        let again = prob::monte_carlo(&model, &resolved, &sampling(3))
            .map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        prop_assert_eq!(&e, &again);
        let exact = match prob::exact(&model, &resolved, &limits) {
            Ok(exact) => exact.probability,
            Err(prob::ProbError::TooManyNodes { .. }) => continue,
            Err(other) => return Err(TestCaseError::fail(format!("{other:?}"))),
        };
        let sd = (exact * (1.0 - exact) / 4_000.0).sqrt();
        prop_assert!(
            (e.probability - exact).abs() <= 5.0 * sd + 1e-12,
            "P({}): estimate {} exact {}",
            ground_text(&atom),
            e.probability,
            exact
        );
        compared += 1;
    }
    Ok(compared)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn monte_carlo_estimates_the_exact_probability(p in arb_prog(), seed in any::<u64>()) {
        check_sampling(&p, seed)?;
    }
}

/// The sampling property compares something: over fixed programs, many atoms checked
/// against their exact P.
#[test]
fn monte_carlo_is_exercised() {
    let mut compared = 0;
    for seed in 0..20u64 {
        let p = build(vec![2, 1, 2, 1], vec![0, 1, 1, 2], seed);
        compared += check_sampling(&p, seed).unwrap_or_else(|e| panic!("{e}"));
    }
    assert!(compared > 50, "only {compared} atoms compared");
}

/// The property compares something: over a fixed set of seeds, many atoms with a
/// probability strictly between 0 and 1, through recursion and negation.
#[test]
fn the_oracle_is_exercised() {
    let mut compared = 0;
    for seed in 0..40u64 {
        let p = build(vec![2, 1, 2, 1], vec![0, 1, 1, 2], seed);
        compared += check(&p).unwrap_or_else(|e| panic!("{e}"));
    }
    assert!(compared > 100, "only {compared} atoms compared");
}
