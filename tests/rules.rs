//! The shipped rule base (`rules/`, the article's analysis) checks clean, passes its tests,
//! matches its golden snapshots with full rule coverage, and explains every conclusion with
//! citations all the way down to facts and assumptions.

mod common;

use std::path::Path;

use augur::Analysis;
use augur::engine::Options;
use augur::explain::{By, Proof, why};
use common::augur;

#[test]
fn the_rule_base_checks_clean_and_its_quotes_verify() {
    let run = augur(&["check", "--deny-warnings", "rules/"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seed");
    if seed.is_dir() {
        let sources = seed.to_str().unwrap();
        let verified = augur(&[
            "check",
            "--deny-warnings",
            "--require-sources",
            "--sources",
            sources,
            "rules/",
        ]);
        assert_eq!(verified.code, 0, "{}", verified.stderr);
    }
}

#[test]
fn the_rule_base_passes_its_tests_and_snapshots_with_full_coverage() {
    let run = augur(&[
        "--format",
        "json",
        "test",
        "--snapshot",
        "rules/snapshots",
        "--coverage",
        "rules/",
    ]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["failed"], 0);
    assert!(v["passed"].as_u64().unwrap() >= 10);
    assert!(
        v["coverage"]["percent"].as_f64().unwrap() >= 95.0,
        "{}",
        v["coverage"]
    );
    let snapshots = v["snapshots"].as_array().unwrap();
    let scenarios = Analysis::load(&["rules"])
        .unwrap()
        .program()
        .scenarios()
        .len();
    assert!(scenarios >= 10, "the catalogue's ten scenarios at least");
    assert_eq!(snapshots.len(), scenarios, "one snapshot per scenario");
    assert!(
        snapshots.iter().all(|s| s["status"] == "same"),
        "{snapshots:?}"
    );
}

/// Every rule node cites the article, and every leaf is a cited fact or an assumption.
fn cited_all_the_way_down(proof: &Proof<'_>) -> Result<(), String> {
    let p = proof.program();
    match &proof.by {
        By::Rule { rule } if p.rule(*rule).cites.is_empty() => {
            Err(format!("rule {} cites nothing", p.rule(*rule).name))
        }
        By::Fact { fact } if p.facts()[fact.index()].cites.is_empty() => {
            Err(format!("fact {} cites nothing", proof.atom_text()))
        }
        By::Folded | By::Hypothesized => Err(format!("{} is not explained", proof.atom_text())),
        _ => proof.premises.iter().try_for_each(cited_all_the_way_down),
    }
}

#[test]
fn every_conclusion_is_cited_down_to_facts_and_assumptions() {
    let analysis = Analysis::load(&["rules"]).unwrap();
    let mut checked = 0;
    for model in analysis.run_all(&Options::default()).unwrap() {
        assert_eq!(model.conclusion_count(), model.conclusions().len());
        for c in model.conclusions() {
            let proof = why(&model, &c.atom).unwrap();
            assert_eq!(proof.likelihood, c.likelihood);
            if let Err(e) = cited_all_the_way_down(&proof) {
                panic!("{}: {e}", analysis.program().show_atom(&c.atom));
            }
            checked += 1;
        }
    }
    assert!(checked > 300, "{checked} conclusions checked");
}
