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

mod props {
    //! On random programs with random indicators, the matrix is what running each scenario
    //! alone gives: rows found by brute force over every atom the pattern can match, each
    //! cell the scenario's own likelihood, and a column the same whichever other scenarios
    //! are chosen.

    use std::collections::{BTreeMap, BTreeSet};

    use augur::Analysis;
    use augur::engine::Options;
    use augur::indicators::matrix;
    use augur::program::ScenarioId;
    use proptest::prelude::*;

    use super::common::programs::{CONSTS, Rng, arb_prog, show};

    /// An argument of a generated indicator: a constant's index or a variable's name.
    #[derive(Clone, Debug)]
    enum Term {
        Const(usize),
        Var(&'static str),
    }

    /// One indicator per predicate, its arguments variables (`?i`, `?j`: repeats happen)
    /// or constants the program uses, plus one ground indicator.
    fn indicators(arity: &[usize], used: &[usize], seed: u64) -> Vec<(usize, Vec<Term>)> {
        let mut rng = Rng::new(seed);
        let mut out = Vec::new();
        for (pred, &n) in arity.iter().enumerate() {
            let args = (0..n)
                .map(|_| match rng.below(3) {
                    0 if !used.is_empty() => Term::Const(rng.pick(used)),
                    1 => Term::Var("j"),
                    _ => Term::Var("i"),
                })
                .collect();
            out.push((pred, args));
        }
        if !used.is_empty() {
            let pred = rng.below(arity.len());
            out.push((
                pred,
                (0..arity[pred])
                    .map(|_| Term::Const(rng.pick(used)))
                    .collect(),
            ));
        }
        out
    }

    fn text(pred: usize, args: &[Term]) -> String {
        let args: Vec<String> = args
            .iter()
            .map(|t| match t {
                Term::Const(c) => CONSTS[*c].to_owned(),
                Term::Var(v) => format!("?{v}"),
            })
            .collect();
        show(pred, &args)
    }

    /// Every tuple of `used` constants of length `n`.
    fn tuples(used: &[usize], n: usize) -> Vec<Vec<usize>> {
        (0..n).fold(vec![Vec::new()], |acc, _| {
            acc.into_iter()
                .flat_map(|t| {
                    used.iter().map(move |&c| {
                        let mut t = t.clone();
                        t.push(c);
                        t
                    })
                })
                .collect()
        })
    }

    fn matches(args: &[Term], tuple: &[usize]) -> bool {
        let mut bound: BTreeMap<&str, usize> = BTreeMap::new();
        args.iter().zip(tuple).all(|(t, &c)| match t {
            Term::Const(k) => *k == c,
            Term::Var(v) => *bound.entry(v).or_insert(c) == c,
        })
    }

    type Rows = BTreeMap<String, Vec<String>>;

    #[expect(
        clippy::expect_used,
        reason = "a helper of tests: a run that fails fails the test"
    )]
    fn report_rows(analysis: &Analysis, ids: &[ScenarioId]) -> (Rows, usize) {
        let session = analysis.session();
        let m = matrix(&session, ids, &Options::default()).expect("runs");
        let report = m.report();
        let count = report.indicators.len();
        let rows = report
            .indicators
            .into_iter()
            .map(|r| {
                let cells = r.scenarios.values().map(|c| c.keyword().to_owned());
                (r.atom, cells.collect())
            })
            .collect();
        (rows, count)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        #[test]
        fn the_matrix_is_each_scenario_run_alone(prog in arb_prog(), seed in any::<u64>()) {
            let mut source = prog.text_with_scenarios();
            let words: BTreeSet<&str> = source
                .split(|c: char| !c.is_ascii_alphanumeric() && c != '_' && c != '?')
                .collect();
            let used: Vec<usize> =
                (0..CONSTS.len()).filter(|&c| words.contains(CONSTS[c])).collect();
            let mut declared = indicators(&prog.arity, &used, seed);
            let mut seen = BTreeSet::new();
            declared.retain(|(pred, args)| seen.insert(text(*pred, args)));
            for (pred, args) in &declared {
                source += &format!("indicator {}\n", text(*pred, args));
            }
            let analysis = Analysis::parse("p.augur", &source).expect("the program checks");
            let names: Vec<String> =
                analysis.program().scenarios().iter().map(|s| s.name.clone()).collect();
            let models: Vec<_> = names
                .iter()
                .map(|n| analysis.run(n, &Options::default()).expect("runs"))
                .collect();
            // The reference, by brute force.
            let mut expected: Rows = BTreeMap::new();
            for (pred, args) in &declared {
                let mut any = false;
                for tuple in tuples(&used, args.len()) {
                    if !matches(args, &tuple) {
                        continue;
                    }
                    let shown = show(*pred, &tuple.iter().map(|&c| CONSTS[c].to_owned()).collect::<Vec<_>>());
                    let cells: Vec<String> = models
                        .iter()
                        .map(|m| {
                            analysis
                                .atom(&shown)
                                .ok()
                                .and_then(|a| m.likelihood(&a))
                                .map_or_else(|| "absent".to_owned(), |l| l.keyword().to_owned())
                        })
                        .collect();
                    let ground = args.iter().all(|t| matches!(t, Term::Const(_)));
                    if ground || cells.iter().any(|c| c != "absent") {
                        any = true;
                        expected.entry(shown).or_insert(cells);
                    }
                }
                if !any {
                    expected.entry(text(*pred, args)).or_insert(vec!["absent".to_owned(); models.len()]);
                }
            }
            let (rows, count) = report_rows(&analysis, &[]);
            prop_assert_eq!(count, rows.len(), "one row per atom");
            prop_assert_eq!(&rows, &expected);
            // A column does not depend on the other scenarios chosen.
            for (i, _) in names.iter().enumerate() {
                let (alone, _) = report_rows(&analysis, &[ScenarioId::from_index(i)]);
                for (atom, cells) in &rows {
                    let held = cells[i] != "absent";
                    match alone.get(atom) {
                        Some(c) => prop_assert_eq!(&c[0], &cells[i]),
                        None => prop_assert!(!held, "{} holds in scenario {} alone", atom, i),
                    }
                }
                // (A pattern row alone may stand for instances other scenarios give.)
                prop_assert!(alone.keys().all(|a| a.contains('?') || rows.contains_key(a)));
            }
        }
    }
}

#[test]
fn the_runs_are_held_to_the_evaluation_limits() {
    // retreat derives three atoms: rivals advance, china and russia fill the gap.
    let args = |n: &'static str| ["indicators", WORLD, "-s", "retreat", "--max-derived", n];
    let run = augur(&args("3"));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = augur(&args("2"));
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.contains("augur::engine::limit_exceeded"),
        "{}",
        run.stderr
    );
    let run = augur(&["indicators", WORLD, "--timeout", "0s"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("augur::engine::timeout"),
        "{}",
        run.stderr
    );
}
