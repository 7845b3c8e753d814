//! Graded negation end to end: `not X` has the mirror of X's likelihood, is certain when X
//! does not hold or is forbidden, and fails only when X is certain; `why`, `why-not`,
//! `--all-proofs`, conflicts and tests say which, in text and JSON.

mod common;

use common::augur;
use serde_json::Value;

const GRADED: &str = "tests/data/graded-not.augur";
const ATOM: &str = "mortgage_costs rise";

fn why_json(scenario: &str) -> Value {
    let run = augur(&["why", ATOM, GRADED, "-s", scenario, "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout))
}

#[test]
fn why_shows_each_kind_of_negated_premise() {
    let mut all = String::new();
    for scenario in ["dovish", "split", "hawkish", "quiet"] {
        let run = augur(&["why", ATOM, GRADED, "-s", scenario]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        all += &format!("$ augur why '{ATOM}' -s {scenario}\n{}\n", run.stdout);
    }
    insta::assert_snapshot!(all);
}

#[test]
fn why_json_tells_the_kinds_apart() {
    let not = |v: &Value| v["proof"]["premises"][1].clone();
    let dovish = why_json("dovish");
    assert_eq!(dovish["likelihood"], "almost_certain");
    let premise = not(&dovish);
    assert_eq!(premise["atom"], "not central_bank cuts policy_rate");
    assert_eq!(premise["likelihood"], "almost_certain");
    let of = &premise["by"]["negation_of"];
    assert_eq!(of["atom"], "central_bank cuts policy_rate");
    assert_eq!(of["likelihood"], "almost_no_chance");
    assert_eq!(of["by"]["assumed"], "dovish");
    let hawkish = not(&why_json("hawkish"));
    assert_eq!(hawkish["likelihood"], "certain");
    assert_eq!(
        hawkish["by"],
        serde_json::json!({"forbidden": {"scenario": "hawkish", "file": GRADED, "line": 18}})
    );
    let quiet = not(&why_json("quiet"));
    assert_eq!(quiet["likelihood"], "certain");
    assert_eq!(quiet["by"], serde_json::json!({"absent": true}));
}

#[test]
fn all_proofs_agree_with_why() {
    let run = augur(&["why", ATOM, GRADED, "-s", "dovish", "--all-proofs"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let why = augur(&["why", ATOM, GRADED, "-s", "dovish"]);
    assert_eq!(run.stdout, format!("proof 1 of 1:\n{}", why.stdout));
}

/// `why-not` of the atom in `scenario`: its text, and its `not` premise as JSON.
fn why_not_premise(scenario: &str) -> (String, Value) {
    let text = augur(&["why-not", ATOM, GRADED, "-s", scenario]);
    assert_eq!(text.code, 0, "{}", text.stderr);
    let run = augur(&["why-not", ATOM, GRADED, "-s", scenario, "--format", "json"]);
    let v: Value =
        serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout));
    (text.stdout, v["tree"]["rules"][0]["premises"][1].clone())
}

#[test]
fn why_not_fails_a_not_only_on_a_certain_atom() {
    let (sure, premise) = why_not_premise("sure");
    assert_eq!(premise["status"], "blocking");
    assert_eq!(premise["proof"]["likelihood"], "certain");
    // Below certain, the `not` holds at the mirrored level, with X's proof as the reason.
    let (cool, premise) = why_not_premise("cool");
    assert_eq!(premise["status"], "holds");
    assert_eq!(premise["likelihood"], "likely");
    assert_eq!(premise["proof"]["likelihood"], "unlikely");
    // Forbidden, the `not` holds as certain, and the line is named.
    let (cold, premise) = why_not_premise("cold");
    assert_eq!(premise["status"], "absent");
    assert_eq!(premise["place"]["line"], 41);
    insta::assert_snapshot!(format!("{sure}\n{cool}\n{cold}"));
}

#[test]
fn a_conflict_shows_the_not_premise_that_sets_its_likelihood() {
    let run = augur(&["run", GRADED, "-s", "dovish"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn tests_compare_with_the_graded_likelihood() {
    let run = augur(&["test", GRADED]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.ends_with("2 passed, 0 failed\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn diff_names_a_graded_not_as_the_reason_for_a_change() {
    let run = augur(&["diff", "dovish", "split", GRADED]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("so `not central_bank cuts policy_rate` is [even_chance]"),
        "{}",
        run.stdout
    );
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn why_of_a_forbidden_atom_names_the_assume_not_line() {
    let atom = "central_bank cuts policy_rate";
    let run = augur(&["why", atom, GRADED, "-s", "cold"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("forbidden in scenario cold at tests/data/graded-not.augur:41"),
        "{}",
        run.stdout
    );
    let run = augur(&["why", atom, GRADED, "-s", "cold", "--format", "json"]);
    let json: Value = serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(json["holds"], false);
    assert_eq!(json["forbidden"]["line"], 41);
}
