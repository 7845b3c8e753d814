//! The binary end to end on the DESIGN.md example: check, run, why, formats, exit codes.

mod common;

use common::{DESIGN, augur};
use serde_json::Value;

#[test]
fn design_example_checks_clean() {
    let run = augur(&["check", "--deny-warnings", DESIGN]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    assert_eq!(
        run.stdout,
        "ok: 1 file, 3 rules, 6 facts, 1 conflict, 3 scenarios, 2 tests, 0 warnings\n"
    );
}

#[test]
fn golden_why_china_under_trump() {
    let run = augur(&[
        "why",
        "china gains_influence_in latin_america",
        DESIGN,
        "--scenario",
        "trump_second_term",
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["atom"], "china gains_influence_in latin_america");
    assert_eq!(v["likelihood"], "likely");
    let proof = &v["proof"];
    assert_eq!(proof["by"]["rule"], "rivals_fill_gap");
    assert_eq!(proof["by"]["likelihood"], "likely");
    assert_eq!(proof["by"]["file"], DESIGN);
    assert_eq!(proof["by"]["line"], 17);
    assert_eq!(proof["by"]["cites"][0]["document"], "seed");
    assert_eq!(
        proof["by"]["cites"][0]["quote"],
        "A disinterested U.S. policy toward Latin American security would likely see competitors such as Russia and China, even Iran, fill in the gaps."
    );
    let premise = &proof["premises"][0];
    assert_eq!(premise["atom"], "us disengages_from latin_america");
    assert_eq!(premise["likelihood"], "likely");
    assert_eq!(premise["by"]["rule"], "isolationism");
    assert_eq!(premise["by"]["likelihood"], "likely");
    let leaf = &premise["premises"][0];
    assert_eq!(leaf["atom"], "trump wins_presidency");
    assert_eq!(leaf["by"]["assumed"], "trump_second_term");
}

#[test]
fn why_text_is_a_tree_with_quotes() {
    let run = augur(&[
        "why",
        "colombia seeks_partners_beyond us",
        DESIGN,
        "--scenario",
        "trump_second_term",
    ]);
    assert_eq!(run.code, 0);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn why_negated_premise_is_absent_in_json() {
    let run = augur(&[
        "--format",
        "json",
        "why",
        "brazil seeks_partners_beyond us",
        DESIGN,
        "-s",
        "trump_second_term",
    ]);
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    let not = &v["proof"]["premises"][2];
    assert_eq!(not["atom"], "not brazil has_security_guarantee_from us");
    assert_eq!(not["by"]["absent"], true);
    assert_eq!(v["proof"]["premises"][0]["by"]["fact"]["line"], 6);
}

#[test]
fn why_of_an_atom_that_does_not_hold_exits_1() {
    let run = augur(&[
        "why",
        "china gains_influence_in latin_america",
        DESIGN,
        "--scenario",
        "status_quo",
    ]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        "china gains_influence_in latin_america does not hold in scenario status_quo\n"
    );
}

#[test]
fn questions_about_atoms_that_can_never_hold_exit_2_with_a_suggestion() {
    // A constant no rule file uses, and an atom of known names nothing can produce: both
    // are typos far more often than questions, so neither is answered "does not hold".
    for command in ["why", "why-not"] {
        for (atom, near) in [
            (
                "china gains_influence_in africa",
                "china gains_influence_in latin_america",
            ),
            (
                "chile gains_influence_in latin_america",
                "china gains_influence_in latin_america",
            ),
        ] {
            let run = augur(&[command, atom, DESIGN, "-s", "status_quo"]);
            assert_eq!(run.code, 2, "{command} {atom}: {}", run.stderr);
            assert!(run.stdout.is_empty(), "{}", run.stdout);
            assert!(
                run.stderr.contains(&format!("`{atom}` can never hold")),
                "{}",
                run.stderr
            );
            assert!(
                run.stderr.contains(&format!("did you mean `{near}`?")),
                "{}",
                run.stderr
            );
        }
    }
    // An unknown constant is named as the cause, even where a rule with a variable in its
    // place exists.
    let run = augur(&[
        "why",
        "chile gains_influence_in latin_america",
        DESIGN,
        "-s",
        "status_quo",
    ]);
    assert!(
        run.stderr.contains("the constant `chile` appears"),
        "{}",
        run.stderr
    );
    // An atom that can hold in another scenario is a question, answered.
    let other = augur(&[
        "why-not",
        "eu expands_security_cooperation_with latin_america",
        DESIGN,
        "-s",
        "status_quo",
    ]);
    assert_eq!(other.code, 0, "{}", other.stderr);
}

#[test]
fn why_rejects_bad_atoms_with_exit_2() {
    let run = augur(&["why", "china gains_influence", DESIGN, "-s", "status_quo"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("unknown predicate `gains_influence`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("did you mean `gains_influence_in`?"),
        "{}",
        run.stderr
    );
    let syntax = augur(&["why", "china (", DESIGN, "-s", "status_quo"]);
    assert_eq!(syntax.code, 2);
    assert!(syntax.stderr.contains("<atom>"), "{}", syntax.stderr);
    let arity = augur(&[
        "why",
        "joined(colombia, nato_partnership)",
        DESIGN,
        "-s",
        "status_quo",
    ]);
    assert_eq!(arity.code, 2);
    assert!(
        arity.stderr.contains("takes 3 arguments, not 2"),
        "{}",
        arity.stderr
    );
}

#[test]
fn why_needs_a_scenario_when_several_exist() {
    let run = augur(&["why", "china gains_influence_in latin_america", DESIGN]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--scenario"), "{}", run.stderr);
    let typo = augur(&[
        "why",
        "china gains_influence_in latin_america",
        DESIGN,
        "-s",
        "trump_second_trem",
    ]);
    assert_eq!(typo.code, 2);
    assert!(
        typo.stderr.contains("did you mean `trump_second_term`?"),
        "{}",
        typo.stderr
    );
}

#[test]
fn run_all_text_groups_by_scenario() {
    let run = augur(&["run", "--all", DESIGN]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn run_json_has_the_documented_shape() {
    let run = augur(&[
        "run",
        DESIGN,
        "--scenario",
        "trump_second_term",
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    let s = &v["scenarios"][0];
    assert_eq!(s["name"], "trump_second_term");
    let conclusions = s["conclusions"].as_array().unwrap();
    assert!(
        conclusions
            .iter()
            .any(|c| c["atom"] == "china gains_influence_in latin_america"
                && c["likelihood"] == "likely")
    );
    assert!(
        conclusions
            .iter()
            .all(|c| c["atom"] != "trump wins_presidency"),
        "assumptions are not conclusions"
    );
    assert!(
        conclusions
            .iter()
            .all(|c| c["atom"] != "nato partners_with colombia"),
        "facts are not conclusions"
    );
    assert_eq!(s["conflicts"], Value::Array(vec![]));
    let all = augur(&["run", DESIGN, "--all", "--format", "json"]);
    let v: Value = serde_json::from_str(&all.stdout).unwrap();
    let names: Vec<&str> = v["scenarios"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["status_quo", "trump_second_term", "eu_steps_up"]);
}

#[test]
fn conflicts_are_reported_with_bindings() {
    let run = augur(&[
        "--format",
        "json",
        "run",
        "tests/data/conflict.augur",
        "--scenario",
        "split",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    let c = &v["scenarios"][0]["conflicts"][0];
    assert_eq!(c["name"], "split_alignment");
    assert_eq!(c["bindings"]["c"], "brazil");
    assert_eq!(c["likelihood"], "unlikely");
    let text = augur(&["run", "tests/data/conflict.augur", "--scenario", "split"]);
    assert!(
        text.stdout
            .contains("conflict split_alignment (?c = brazil) [unlikely]"),
        "{}",
        text.stdout
    );
}

#[test]
fn output_is_byte_identical_across_runs() {
    for args in [
        vec!["run", "--all", DESIGN, "--format", "json"],
        vec![
            "why",
            "iran gains_influence_in latin_america",
            DESIGN,
            "-s",
            "eu_steps_up",
            "--all-proofs",
        ],
        vec!["check", "tests/cases/several-errors-err.augur"],
    ] {
        let first = augur(&args);
        for _ in 0..3 {
            let again = augur(&args);
            assert_eq!(first.stdout, again.stdout);
            assert_eq!(first.stderr, again.stderr);
        }
    }
}

#[test]
fn all_proofs_lists_every_derivation_and_counts_the_cut() {
    let run = augur(&[
        "why",
        "b reached",
        "tests/data/diamond.augur",
        "--all-proofs",
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["total"], 4);
    assert_eq!(v["exact"], true);
    assert_eq!(v["proofs"].as_array().unwrap().len(), 4);
    assert_eq!(
        v["proofs"][0]["likelihood"], "very_likely",
        "strongest first"
    );
    let cut = augur(&[
        "why",
        "b reached",
        "tests/data/diamond.augur",
        "--all-proofs",
        "--max-proofs",
        "1",
    ]);
    assert!(
        cut.stdout
            .contains("(3 more not shown; raise --max-proofs to see them)"),
        "{}",
        cut.stdout
    );
}

#[test]
fn depth_folds_deep_subproofs() {
    let run = augur(&[
        "why",
        "colombia seeks_partners_beyond us",
        DESIGN,
        "-s",
        "trump_second_term",
        "--depth",
        "1",
    ]);
    assert!(run.stdout.contains("… 1 premise folded"), "{}", run.stdout);
    assert!(!run.stdout.contains("trump wins_presidency"));
}

#[test]
fn derived_fact_limit_stops_a_runaway_program() {
    // Three derived atoms (the fact and the assumption are not counted).
    let run = augur(&["run", "tests/data/diamond.augur", "--max-derived", "2"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("more than 2 derived atoms"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--max-derived"));
}

#[test]
fn default_paths_are_the_shipped_rules() {
    let run = augur(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("ok:"));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(augur(&["frobnicate"]).code, 2);
    assert_eq!(augur(&["run", "--scenario", "a", "--all", DESIGN]).code, 2);
    assert_eq!(augur(&["--format", "yaml", "check"]).code, 2);
}

#[test]
fn run_stats_reports_counts_and_phases_without_conclusions() {
    let run = augur(&[
        "--format",
        "json",
        "run",
        DESIGN,
        "--scenario",
        "trump_second_term",
        "--stats",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    let at = |key: &str| run.stdout.find(&format!("\"{key}\"")).unwrap();
    let phases = ["read", "parse", "check", "plan", "evaluate"];
    assert!(
        phases.windows(2).all(|w| at(w[0]) < at(w[1])),
        "phases in pipeline order: {}",
        run.stdout
    );
    assert_eq!(v["timings_ms"].as_object().unwrap().len(), phases.len());
    assert!(v["timings_ms"]["evaluate"].as_f64().unwrap() >= 0.0);
    let s = &v["scenarios"][0];
    assert_eq!(s["name"], "trump_second_term");
    assert_eq!(s["facts"], 7, "six facts and one assumption");
    assert_eq!(s["derived"], 7);
    let text = augur(&["run", DESIGN, "--all", "--stats"]);
    assert!(
        text.stdout.starts_with("phase      ms\n"),
        "{}",
        text.stdout
    );
    assert!(
        !text.stdout.contains("gains_influence_in"),
        "no conclusions are printed"
    );
}

#[test]
fn run_profile_lists_every_rule_with_its_derivations() {
    let mut rules =
        common::profile_rules(&["--format", "json", "run", DESIGN, "--all", "--profile"]);
    rules.sort();
    // Two scenarios assume a Trump win: isolationism fires in each, rivals_fill_gap thrice in
    // each, allies_hedge for each of the three allies in each.
    assert_eq!(
        rules,
        [
            ("allies_hedge".to_owned(), 6),
            ("isolationism".to_owned(), 2),
            ("rivals_fill_gap".to_owned(), 6)
        ]
    );
}

#[test]
fn provenance_off_keeps_likelihoods_but_not_proofs() {
    use augur::Analysis;
    use augur::engine::Options;
    let analysis = Analysis::load(&[DESIGN]).unwrap();
    let on = analysis
        .run("trump_second_term", &Options::default())
        .unwrap();
    let off = analysis
        .run(
            "trump_second_term",
            &Options {
                provenance: false,
                ..Options::default()
            },
        )
        .unwrap();
    assert_eq!(on.conclusions(), off.conclusions());
    let atom = analysis
        .atom("china gains_influence_in latin_america")
        .unwrap();
    assert!(augur::explain::why(&on, &atom).is_some());
    assert!(augur::explain::why(&off, &atom).is_none());
}

#[test]
fn why_not_does_not_claim_no_assumption_could_help_when_it_tried_only_some() {
    let data = "tests/data/miss-unbound.augur";
    let bridged = augur(&["why", "d t", data, "-s", "bridged"]);
    assert_eq!(bridged.code, 0, "{}", bridged.stderr);
    let cut = augur(&["why-not", "d t", data, "-s", "cut"]);
    assert_eq!(cut.code, 0, "{}", cut.stderr);
    assert!(
        !cut.stdout
            .contains("no small set of assumable atoms makes it hold"),
        "{}",
        cut.stdout
    );
    assert!(
        cut.stdout.contains("not premises with unbound variables"),
        "{}",
        cut.stdout
    );
}
