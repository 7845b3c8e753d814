//! Tensions (trade-offs reported apart from conflicts) and conditional open questions,
//! through the CLI: run text and JSON, why and why-not where a question arises and where it
//! does not, and tests.

mod common;

use common::augur;
use serde_json::Value;

const TRADEOFF: &str = "tests/data/tradeoff.augur";

fn json(args: &[&str]) -> Value {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let run = augur(&all);
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout))
}

#[test]
fn a_tension_is_reported_apart_from_conflicts_in_text() {
    let run = augur(&["run", TRADEOFF, "--scenario", "courting"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("  tension investment_against_security (?c = argentina) [unlikely]\n"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("conflict"), "{}", run.stdout);
    assert!(run.stdout.contains("us distrusts argentina [unlikely]"));
}

#[test]
fn a_tension_is_reported_apart_from_conflicts_in_json() {
    let v = json(&["run", TRADEOFF, "--scenario", "courting"]);
    let s = &v["scenarios"][0];
    assert_eq!(s["conflicts"], Value::Array(vec![]));
    let t = &s["tensions"][0];
    assert_eq!(t["name"], "investment_against_security");
    assert_eq!(t["bindings"]["c"], "argentina");
    assert_eq!(t["likelihood"], "unlikely");
    let proved: Vec<&str> = t["proofs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["atom"].as_str().unwrap())
        .collect();
    assert_eq!(
        proved,
        ["argentina gains investment", "us distrusts argentina"]
    );
    assert_eq!(s["tensions"].as_array().unwrap().len(), 1);
    let calm = json(&["run", TRADEOFF, "--scenario", "calm"]);
    assert_eq!(calm["scenarios"][0]["tensions"], Value::Array(vec![]));
}

#[test]
fn a_tension_fails_no_test_and_can_be_expected() {
    let run = augur(&["test", TRADEOFF]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(run.stdout.contains("3 passed, 0 failed"), "{}", run.stdout);
}

#[test]
fn an_expected_tension_that_does_not_hold_fails() {
    let dir = std::env::temp_dir().join(format!("augur-tension-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("expects.augur");
    let text = std::fs::read_to_string(TRADEOFF).unwrap()
        + "test \"no trade-off when calm\" in calm { expect tension investment_against_security }\n";
    std::fs::write(&file, text).unwrap();
    let run = augur(&["test", file.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout
            .contains("tension `investment_against_security` does not hold"),
        "{}",
        run.stdout
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_conflict_beside_a_tension_still_fails_its_tests() {
    let dir = std::env::temp_dir().join(format!("augur-conflict-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("split.augur");
    let text = std::fs::read_to_string(TRADEOFF).unwrap()
        + "scenario split extends courting { assume brazil aligns_with us assume brazil aligns_with china }\n"
        + "test \"split\" in split { expect argentina gains investment }\n";
    std::fs::write(&file, text).unwrap();
    let run = augur(&["test", file.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout
            .contains("conflict `split_alignment` holds in this scenario"),
        "{}",
        run.stdout
    );
    assert!(
        !run.stdout.contains("investment_against_security"),
        "{}",
        run.stdout
    );
    let _ = std::fs::remove_dir_all(&dir);
}

const REACTION: &str = "trump reacts_to escalation";

#[test]
fn a_conditional_question_is_left_open_where_it_arises() {
    let why = augur(&["why", REACTION, TRADEOFF, "--scenario", "crisis"]);
    assert_eq!(why.code, 1);
    assert!(
        why.stdout.contains("is left open by the analysis"),
        "{}",
        why.stdout
    );
    assert!(
        why.stdout.contains(
            "the question arises here: venezuela escalates_against guyana and not us withdraws_from latin_america"
        ),
        "{}",
        why.stdout
    );
    let v = json(&["why", REACTION, TRADEOFF, "--scenario", "crisis"]);
    assert_eq!(
        v["left_open"]["arises_when"],
        "venezuela escalates_against guyana and not us withdraws_from latin_america"
    );
    assert_eq!(v["left_open"]["cites"][0]["document"], "seed");
    let v = json(&["why-not", REACTION, TRADEOFF, "--scenario", "crisis"]);
    assert_eq!(v["tree"]["status"], "left_open");
    let text = augur(&["why-not", REACTION, TRADEOFF, "--scenario", "crisis"]);
    assert!(
        text.stdout.contains("is left open by the analysis"),
        "{}",
        text.stdout
    );
    let run = json(&["run", TRADEOFF, "--scenario", "crisis"]);
    let open = &run["scenarios"][0]["open"][0];
    assert_eq!(open["atom"], REACTION);
    assert_eq!(open["place"]["line"], 22);
}

#[test]
fn a_conditional_question_does_not_arise_where_its_premises_fail() {
    for scenario in ["calm", "retreat"] {
        let why = augur(&["why", REACTION, TRADEOFF, "--scenario", scenario]);
        assert_eq!(why.code, 1);
        assert!(!why.stdout.contains("left open"), "{}", why.stdout);
        assert!(
            why.stdout.contains(&format!(
                "does not hold in scenario {scenario}: it is an open question only when"
            )),
            "{}",
            why.stdout
        );
        let v = json(&["why", REACTION, TRADEOFF, "--scenario", scenario]);
        assert!(v.get("left_open").is_none(), "{v}");
        let v = json(&["why-not", REACTION, TRADEOFF, "--scenario", scenario]);
        assert_eq!(v["tree"]["status"], "fails", "{v}");
        let run = json(&["run", TRADEOFF, "--scenario", scenario]);
        assert_eq!(run["scenarios"][0]["open"], Value::Array(vec![]));
    }
}

#[test]
fn expecting_a_conditional_question_fails_only_where_it_arises() {
    let dir = std::env::temp_dir().join(format!("augur-open-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("open.augur");
    let text = std::fs::read_to_string(TRADEOFF).unwrap()
        + "test \"no reaction in a crisis\" in crisis { expect not trump reacts_to escalation }\n"
        + "test \"no reaction after a retreat\" in retreat { expect not trump reacts_to escalation }\n";
    std::fs::write(&file, text).unwrap();
    let run = augur(&["check", file.to_str().unwrap()]);
    assert_eq!(
        run.code, 0,
        "a conditional question is not rejected statically: {}",
        run.stderr
    );
    let run = augur(&["test", file.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout
            .contains("test no reaction in a crisis ... FAILED")
    );
    assert!(
        run.stdout
            .contains("test no reaction after a retreat ... ok")
    );
    assert!(
        run.stdout
            .contains("`trump reacts_to escalation` is an open question in this scenario"),
        "{}",
        run.stdout
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn run_text_shows_tensions_and_open_questions_per_scenario() {
    let run = augur(&["run", "--all", TRADEOFF]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn check_counts_conflicts_and_tensions_apart() {
    let run = augur(&["check", TRADEOFF]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains(", 1 conflict, 1 tension, 4 scenarios,"),
        "{}",
        run.stdout
    );
    let v = json(&["check", TRADEOFF]);
    assert_eq!(
        (v["conflicts"].as_u64(), v["tensions"].as_u64()),
        (Some(1), Some(1))
    );
}
