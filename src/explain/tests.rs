//! Proof limits and the nodes of `not` premises, drawn and as JSON.

use super::strongest::why_within;
use super::*;
use crate::Analysis;
use crate::engine::Options;

/// A chain `x c0 <- x c1 <- ... <- x cN`, `x cN` a fact.
fn chain(n: usize) -> Analysis {
    let mut text = format!("fact x c{n}\n");
    for i in 0..n {
        text.push_str(&format!("rule r{i}: x c{} implies x c{i}\n", i + 1));
    }
    Analysis::parse("chain.augur", &text).expect("the program checks")
}

/// The rule applications a proof shows, and its folded subproofs.
fn shown(proof: &Proof) -> (usize, usize) {
    let (mut rules, mut folded) = (0, 0);
    let mut stack = vec![proof];
    while let Some(p) = stack.pop() {
        match p.by {
            By::Rule { .. } => rules += 1,
            By::Folded { .. } => folded += 1,
            _ => {}
        }
        stack.extend(&p.premises);
    }
    (rules, folded)
}

/// What the proof of `x c0` in a chain of `n` rules shows, within `limits`.
fn chain_proof(n: usize, limits: Limits) -> (usize, usize) {
    let analysis = chain(n);
    let model = analysis
        .run("default", &Options::default())
        .expect("it runs");
    let atom = analysis.atom("x c0").expect("it can hold");
    shown(&why_within(&model, &atom, limits).expect("it holds"))
}

#[test]
fn the_production_proof_limits_are_as_documented() {
    assert_eq!(MAX_PROOF_DEPTH, 256);
    assert_eq!(MAX_PROOF_STEPS, 10_000);
    assert_eq!(all::MAX_GRAPH_STEPS, 200_000);
    let limits = Limits::PRODUCTION;
    assert_eq!(
        (limits.depth, limits.steps, limits.graph_steps),
        (256, 10_000, 200_000)
    );
}

#[test]
fn a_proof_is_folded_past_its_depth() {
    let limits = Limits {
        depth: 5,
        ..Limits::PRODUCTION
    };
    // The rule applications of a chain of `n` lie at depths 0 to n - 1 (its fact at n):
    // up to `depth` of them are shown; past it, the one at depth `depth` is folded.
    for (n, rules, folded) in [(4, 4, 0), (5, 5, 0), (6, 5, 1)] {
        assert_eq!(chain_proof(n, limits), (rules, folded), "{n}");
    }
}

#[test]
fn a_proof_shows_at_most_its_steps() {
    let limits = Limits {
        steps: 5,
        ..Limits::PRODUCTION
    };
    for (n, rules, folded) in [(4, 4, 0), (5, 5, 0), (6, 5, 1)] {
        assert_eq!(chain_proof(n, limits), (rules, folded), "{n}");
    }
}

#[test]
fn the_proof_graph_is_mapped_up_to_its_steps() {
    let limits = Limits {
        graph_steps: 5,
        ..Limits::PRODUCTION
    };
    // A chain of `n` rules has `n` rule applications to read: up to the limit the
    // count is exact; past it, it is a lower bound.
    for (n, exact) in [(4, true), (5, true), (6, false)] {
        let analysis = chain(n);
        let model = analysis
            .run("default", &Options::default())
            .expect("it runs");
        let atom = analysis.atom("x c0").expect("it can hold");
        let all = all::all_proofs_within(&model, &atom, 1, limits).expect("it holds");
        assert_eq!((all.total, all.exact), (1, exact), "{n}");
    }
}

/// A rule whose `not` premise is, by scenario: mirrored (`dovish`: X almost_no_chance),
/// forbidden (`hawkish`), absent (`quiet`), and failing (`sure`: X certain).
const RATES: &str = "assumable central_bank cuts policy_rate\n\
    assumable inflation is high\n\
    rule tight: inflation is high and not central_bank cuts policy_rate \
    implies mortgage_costs rise\n\
    scenario dovish {\n  assume inflation is high\n  \
    assume central_bank cuts policy_rate [almost_no_chance]\n}\n\
    scenario hawkish {\n  assume inflation is high\n  \
    assume not central_bank cuts policy_rate\n}\n\
    scenario quiet {\n  assume inflation is high\n}\n\
    scenario sure {\n  assume inflation is high\n  assume central_bank cuts policy_rate\n}\n";

/// The `not` premise of the proof of `mortgage_costs rise` in `scenario`, drawn and as
/// JSON; `None` when the atom does not hold.
fn negated_premise(scenario: &str) -> Option<(Likelihood, String, serde_json::Value)> {
    let analysis = Analysis::parse("rates.augur", RATES).expect("the program checks");
    let model = analysis
        .run(scenario, &Options::default())
        .expect("it runs");
    let atom = analysis.atom("mortgage_costs rise").expect("it can hold");
    let proof = why(&model, &atom)?;
    let premise = proof.premises.get(1).expect("two premises").clone();
    let json = serde_json::to_value(&premise).expect("it serializes");
    Some((proof.likelihood, render::proof_text(&premise, None), json))
}

#[test]
fn a_mirrored_not_shows_its_atoms_proof_as_the_reason() {
    let (level, text, json) = negated_premise("dovish").expect("it holds");
    assert_eq!(level, Likelihood::AlmostCertain);
    assert_eq!(
        text,
        "not central_bank cuts policy_rate [almost_certain]\n\
         │ mirrors the likelihood of:\n\
         └─ central_bank cuts policy_rate [almost_no_chance]\n     \
         assumed in scenario dovish at rates.augur:6\n"
    );
    assert_eq!(json["likelihood"], "almost_certain");
    let of = &json["by"]["negation_of"];
    assert_eq!(of["atom"], "central_bank cuts policy_rate");
    assert_eq!(of["likelihood"], "almost_no_chance");
    assert_eq!(of["by"]["assumed"], "dovish");
}

#[test]
fn a_forbidden_not_names_the_assume_not_line() {
    let (level, text, json) = negated_premise("hawkish").expect("it holds");
    assert_eq!(level, Likelihood::Certain);
    assert_eq!(
        text,
        "not central_bank cuts policy_rate [certain]\n  \
         forbidden in scenario hawkish at rates.augur:10\n"
    );
    assert_eq!(
        json["by"],
        serde_json::json!({"forbidden": {"scenario": "hawkish", "file": "rates.augur", "line": 10}})
    );
}

#[test]
fn an_absent_not_says_its_atom_does_not_hold() {
    let (level, text, json) = negated_premise("quiet").expect("it holds");
    assert_eq!(level, Likelihood::Certain);
    assert_eq!(
        text,
        "not central_bank cuts policy_rate [certain]\n  \
         central_bank cuts policy_rate does not hold\n"
    );
    assert_eq!(json["by"], serde_json::json!({"absent": true}));
    // A certain X leaves `not X` no chance: the conclusion does not hold at all.
    assert!(negated_premise("sure").is_none());
}

#[test]
fn all_proofs_and_why_not_agree_with_graded_negation() {
    let analysis = Analysis::parse("rates.augur", RATES).expect("the program checks");
    let atom = analysis.atom("mortgage_costs rise").expect("it can hold");
    let dovish = analysis
        .run("dovish", &Options::default())
        .expect("it runs");
    let all = all_proofs(&dovish, &atom, 10).expect("it holds");
    assert_eq!(all.total, 1);
    assert_eq!(Some(&all.proofs[0]), why(&dovish, &atom).as_ref());
    // Why-not on the conclusion of a rule whose `not` premise is blocked by a certain
    // X, and on one whose `not` holds below certain.
    let sure = analysis.run("sure", &Options::default()).expect("it runs");
    let answer = why_not(&sure, &atom, &Bounds::default());
    let premise = &answer.tree.rules[0].premises[1];
    assert_eq!(premise.status, why_not::Status::Blocking);
    let answer = why_not(&dovish, &atom, &Bounds::default());
    assert_eq!(answer.tree.status, why_not::Status::Holds);
}
