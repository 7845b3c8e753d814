//! `augur ach`: Heuer's matrix on a program worked out by hand (tests/data/ach.augur), text
//! and JSON, the shipped rules with the hypothetical evidence, and bad input.

mod common;
#[path = "common/reference.rs"]
#[allow(
    dead_code,
    reason = "the proof checks are for tests/reference.rs; this file uses the evaluator"
)]
mod reference;

use augur::Analysis;
use augur::ach::analyse;
use augur::engine::Options;
use common::programs::*;
use common::{augur, json};
use proptest::prelude::*;

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

#[test]
fn a_budget_stops_the_command_with_exit_2() {
    let run = augur(&["ach", FILE, "--max-derived", "1"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr.contains("augur::engine::limit_exceeded"),
        "{}",
        run.stderr
    );
}

/// Heuer's rating of a prediction at level index `l` (0 `almost_no_chance` .. 7 `certain`),
/// and its weight, written from the issue's table.
fn weight(l: Option<usize>) -> u32 {
    match l {
        Some(6 | 7) | Some(4 | 5) | Some(3) => 0,
        Some(1 | 2) => 1,
        _ => 2,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// On random programs with three scenarios and random observations, every cell, every
    /// score and the ranking agree with the reference evaluator's likelihoods and the
    /// issue's arithmetic (scores in eighths: credibility index + 1).
    #[test]
    fn the_matrix_agrees_with_the_reference_evaluator(
        p in arb_prog(),
        seen in prop::collection::vec((0usize..4, prop::collection::vec(0usize..4, 3), any::<bool>(), 0usize..8), 1..6),
    ) {
        let mut text = p.text_with_scenarios();
        let mut observed: Vec<(Atom, bool, usize)> = Vec::new();
        for (pred, args, negated, cred) in seen {
            let atom: Atom = (pred, args[..p.arity[pred]].to_vec());
            let not = if negated { "not " } else { "" };
            text += &format!("observed {not}{} [{}]\n", ground_text(&atom), level_kw(cred));
            observed.push((atom, negated, cred));
        }
        let analysis = Analysis::parse("gen.augur", &text)
            .map_err(|e| TestCaseError::fail(format!("{e:?}\n{text}")))?;
        let session = analysis.session();
        let m = analyse(&session, &[], &Options::default()).unwrap();
        // The reference: each scenario's likelihoods, each observation's weight there.
        let weights: Vec<Vec<u32>> = (0..p.scenarios.len())
            .map(|i| {
                let (view, blocked) = p.scenario_view(&p.effective_lines(i));
                let val = reference::reference(&view, &blocked);
                observed
                    .iter()
                    .map(|(atom, negated, _)| {
                        let level = if *negated {
                            reference::not_value(&val, atom)
                        } else {
                            val.get(atom).copied()
                        };
                        weight(level)
                    })
                    .collect()
            })
            .collect();
        let scores: Vec<u32> = weights
            .iter()
            .map(|w| w.iter().zip(&observed).map(|(w, o)| w * u32::try_from(o.2 + 1).unwrap()).sum())
            .collect();
        let mut order: Vec<usize> = (0..scores.len()).collect();
        order.sort_by_key(|&i| scores[i]);
        let want: Vec<(String, u32)> = order.iter().map(|&i| (format!("s{i}"), scores[i])).collect();
        let program = analysis.program();
        let got: Vec<(String, u32)> = m
            .hypotheses
            .iter()
            .map(|h| (program.scenarios()[h.scenario.index()].name.clone(), h.inconsistency.eighths()))
            .collect();
        prop_assert_eq!(&got, &want, "{}", text);
        // Each row, found by its declaration, has the reference's weights in ranked order.
        for row in &m.rows {
            let k = program.observations().iter().position(|o| std::ptr::eq(o, row.observation)).unwrap();
            let cells: Vec<u32> = row.cells.iter().map(|c| c.rating.weight()).collect();
            let expected: Vec<u32> = order.iter().map(|&i| weights[i][k]).collect();
            prop_assert_eq!(&cells, &expected, "row {} of\n{}", k, text);
            let spread = expected.iter().max().unwrap() - expected.iter().min().unwrap();
            prop_assert_eq!(row.diagnosticity, spread);
        }
        let diag: Vec<u32> = m.rows.iter().map(|r| r.diagnosticity).collect();
        prop_assert!(diag.windows(2).all(|w| w[0] >= w[1]), "most diagnostic first");
    }
}
