//! `augur indicators` end to end: the matrix of a small world worked by hand (text and
//! JSON), the shipped rules' indicators, and bad input.

mod common;

use common::{augur, json};

const WORLD: &str = "tests/data/indicators.augur";

#[test]
fn text_matrix_of_two_scenarios_is_the_hand_worked_one() {
    let run = augur(&["indicators", WORLD, "-s", "quiet", "-s", "retreat"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    assert_eq!(
        run.stdout,
        "\
6 indicators in 2 scenarios, those that tell the scenarios apart first
spread: highest minus lowest level (absent 0, almost_no_chance 1 ... certain 8; open counts as even_chance, 4)

spread  indicator         quiet    retreat
     8  us withdraws      absent   certain
     5  rivals advance    absent   likely
     5  china fills gap   absent   likely
     4  eu helps          absent   open
     3  russia fills gap  absent   unlikely
alike in every scenario (1):
     0  sky is blue       certain  certain
"
    );
}

#[test]
fn json_has_the_issues_shape_with_columns_in_the_order_asked() {
    let (v, code) = json(&[
        "indicators",
        WORLD,
        "-s",
        "weak",
        "-s",
        "quiet",
        "-s",
        "weak",
    ]);
    assert_eq!(code, 0);
    assert_eq!(v["scenarios"], serde_json::json!(["weak", "quiet"]));
    let rows = v["indicators"].as_array().unwrap();
    let first = &rows[0];
    assert_eq!(first["atom"], "eu helps");
    assert_eq!(first["spread"], 4);
    assert_eq!(first["distinguishes"], true);
    let cells: Vec<(&String, &serde_json::Value)> =
        first["scenarios"].as_object().unwrap().iter().collect();
    assert_eq!(cells.len(), 2);
    assert_eq!(first["scenarios"]["weak"], "open");
    assert_eq!(first["scenarios"]["quiet"], "absent");
    let china = rows
        .iter()
        .find(|r| r["atom"] == "china fills gap")
        .unwrap();
    assert_eq!(china["indicator"], "?x fills gap");
    assert_eq!(china["spread"], 3);
    assert_eq!(china["place"]["file"], WORLD);
    assert_eq!(china["place"]["line"], 14);
    let order: Vec<&str> = rows.iter().map(|r| r["atom"].as_str().unwrap()).collect();
    // In weak everything hangs on an unlikely withdrawal (3 against quiet's absent 0) but
    // the open question (4); ties keep declaration order.
    assert_eq!(
        order,
        [
            "eu helps",
            "rivals advance",
            "us withdraws",
            "china fills gap",
            "russia fills gap",
            "sky is blue"
        ]
    );
}

#[test]
fn every_scenario_by_default_in_declaration_order() {
    let (v, code) = json(&["indicators", WORLD]);
    assert_eq!(code, 0);
    assert_eq!(
        v["scenarios"],
        serde_json::json!(["quiet", "retreat", "weak", "helped"])
    );
    let eu = v["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["atom"] == "eu helps")
        .unwrap();
    assert_eq!(
        eu["scenarios"],
        serde_json::json!({"quiet": "absent", "retreat": "open", "weak": "open", "helped": "certain"})
    );
    assert_eq!(eu["spread"], 8);
}

#[test]
fn an_unknown_scenario_gets_did_you_mean_and_exit_2() {
    let run = augur(&["indicators", WORLD, "-s", "quiet", "-s", "retreet"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("retreet"), "{}", run.stderr);
    assert!(run.stderr.contains("retreat"), "{}", run.stderr);
    let run = augur(&["--format", "json", "indicators", WORLD, "-s", "retreet"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    let v: serde_json::Value = serde_json::from_str(&run.stderr).unwrap();
    let error = &v["related"][0];
    assert_eq!(error["code"], "augur::query::unknown_scenario");
    assert_eq!(error["help"], "did you mean `retreat`?");
}

#[test]
fn a_program_without_indicators_says_how_to_declare_one() {
    let run = augur(&["indicators", "tests/data/design.augur"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.starts_with("no indicators declared"),
        "{}",
        run.stdout
    );
}

#[test]
fn the_shipped_rules_declare_at_least_eight_cited_indicators() {
    let (v, code) = json(&["indicators", "rules"]);
    assert_eq!(code, 0);
    let rows = v["indicators"].as_array().unwrap();
    let mut declared: Vec<&str> = rows
        .iter()
        .map(|r| r["indicator"].as_str().unwrap())
        .collect();
    declared.dedup();
    assert!(declared.len() >= 8, "{declared:?}");
    for row in rows {
        assert!(!row["cites"].as_array().unwrap().is_empty(), "{row}");
    }
    // The rows that tell the scenarios apart come first, by spread.
    let spreads: Vec<u64> = rows
        .iter()
        .filter(|r| r["distinguishes"] == true)
        .map(|r| r["spread"].as_u64().unwrap())
        .collect();
    assert!(spreads.windows(2).all(|w| w[0] >= w[1]), "{spreads:?}");
    assert!(spreads.len() >= 8, "{spreads:?}");
}
