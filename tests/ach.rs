//! `augur ach`: Heuer's matrix on a program worked out by hand (tests/data/ach.augur), text
//! and JSON, the shipped rules with the hypothetical evidence, and bad input.

mod common;

use common::{augur, json};

const FILE: &str = "tests/data/ach.augur";

#[test]
fn the_matrix_as_worked_by_hand() {
    let run = augur(&["ach", FILE]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // retreat: one I (brazil leads, certain) = 1; mixed: II at 5/8 + I = 2.25;
    // stay: II + II at 5/8 + II = 5.25. Rows most diagnostic first, ties in file order.
    let expected = "\
Analysis of Competing Hypotheses: 3 hypotheses, 4 pieces of evidence
evidence             credibility  diagnosticity  retreat  mixed  stay
china fills gap      certain      2              C        N      II
not us backs region  likely       2              CC       II     II
brazil leads         certain      1              I        I      II
brazil hedges        certain      0              N        N      N
inconsistency                                    1        2.25   5.25

ranking, fewest inconsistencies first:
  1. retreat  1     (1 cell rated I or II)
  2. mixed    2.25  (2 cells rated I or II)
  3. stay     5.25  (3 cells rated I or II)
";
    assert!(run.stdout.starts_with(expected), "{}", run.stdout);
    assert!(run.stdout.contains("\nkey: CC very consistent"));
}

#[test]
fn json_has_the_issues_shape() {
    let (v, code) = json(&["ach", FILE, "-s", "stay", "-s", "retreat"]);
    assert_eq!(code, 0);
    let hypotheses: Vec<(String, f64)> = v["hypotheses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            let name = h["scenario"].as_str().unwrap().to_owned();
            (name, h["inconsistency"].as_f64().unwrap())
        })
        .collect();
    assert_eq!(
        hypotheses,
        [("retreat".to_owned(), 1.0), ("stay".to_owned(), 5.25)]
    );
    // A whole score is an integer, as in the issue's example.
    assert!(v["hypotheses"][0]["inconsistency"].is_u64());
    let first = &v["evidence"][0];
    assert_eq!(first["atom"], "china fills gap");
    assert_eq!(first["diagnosticity"], 2);
    assert_eq!(
        first["cells"],
        serde_json::json!({"retreat": "C", "stay": "II"})
    );
    assert_eq!(
        first["predicted"],
        serde_json::json!({"retreat": "likely", "stay": null})
    );
    assert_eq!(first["place"]["line"], 12);
    let negated = &v["evidence"][1];
    assert_eq!(
        (&negated["negated"], &negated["credibility"]),
        (&serde_json::json!(true), &serde_json::json!("likely"))
    );
}

#[test]
fn unknown_scenarios_get_did_you_mean_and_exit_2() {
    let run = augur(&["ach", FILE, "-s", "retreet"]);
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr.contains("unknown scenario `retreet`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("did you mean `retreat`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn files_without_evidence_are_refused() {
    let run = augur(&["ach", "rules"]);
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr.contains("augur::ach::no_evidence"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("help:"), "{}", run.stderr);
}

#[test]
fn evidence_changes_no_scenario() {
    let alone = augur(&["run", "--all", "rules"]);
    let with_evidence = augur(&["run", "--all", "rules", "examples/evidence"]);
    assert_eq!(alone.code, 0);
    assert_eq!(with_evidence.code, 0, "{}", with_evidence.stderr);
    assert_eq!(alone.stdout, with_evidence.stdout);
}

#[test]
fn the_hypothetical_evidence_is_clean_and_labelled() {
    let run = augur(&["check", "--deny-warnings", "rules", "examples/evidence"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = std::fs::read_to_string("examples/evidence/hypothetical.augur").unwrap();
    assert!(text.starts_with("# HYPOTHETICAL EVIDENCE"));
    let a = augur(&["ach", "rules", "examples/evidence"]);
    let b = augur(&["ach", "rules", "examples/evidence"]);
    assert_eq!(a.code, 0, "{}", a.stderr);
    assert_eq!(a.stdout, b.stdout, "byte-identical");
}
