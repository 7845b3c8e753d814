//! `augur prob`'s exact probabilities against a brute-force oracle (tests/common/worlds.rs):
//! every world of a small program's lineage enumerated, weighed and evaluated. Random
//! stratified programs with variables, recursion, negation, every likelihood, and
//! scenarios that assume, forbid and extend: every atom that holds, in every scenario, to
//! 1e-9.

use proptest::prelude::*;

mod common;
use augur::Analysis;
use augur::engine::Options;
use augur::prob::{self, Limits};
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
