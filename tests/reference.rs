//! The engine against a reference evaluator written to be obviously correct: the program
//! grounded over its constants, local strata from the ground atoms' dependency graph, and
//! naive fixpoint iteration, no indexes, no deltas. Random stratified programs (by
//! predicate, and by atom only) with joins, constants, negation, recursion and likelihoods must give
//! the same likelihood for every atom, and every proof `why` returns must be valid and of
//! minimal height: in the default scenario, and in three generated scenarios whose `assume`
//! and `assume not` lines the reference applies itself, `extends` included (see
//! `Prog::effective_lines`).

use proptest::prelude::*;

mod common;
#[path = "common/reference.rs"]
mod reference;
use common::programs::*;
use reference::check_against_reference;

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn engine_matches_reference(p in arb_prog()) {
        check_against_reference(&p)?;
    }

    #[test]
    fn engine_matches_reference_on_ground_rules(p in arb_ground_prog()) {
        check_against_reference(&p)?;
    }

    #[test]
    fn engine_matches_reference_when_every_likelihood_is_one(p in arb_uniform_prog()) {
        check_against_reference(&p)?;
    }

    #[test]
    fn engine_matches_reference_when_stratified_only_by_atoms(p in arb_atom_stratified_prog()) {
        check_against_reference(&p)?;
    }
}
