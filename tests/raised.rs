//! A fact or assumption whose likelihood a rule raises is a conclusion: `run`, `diff` and
//! snapshots show it (repro `t21.augur`: a rule raises the fact `a p` from unlikely to
//! certain in scenario `high`).

mod common;

use common::{augur, temp_dir};

const T21: &str = "tests/data/repro/t21.augur";

#[test]
fn run_shows_a_raised_fact_with_its_own_likelihood() {
    let run = augur(&["run", T21, "--all"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "scenario low\n  (no conclusions)\n\n\
         scenario high\n  a p  certain  (raised by a rule; unlikely as a fact)\n"
    );
    let (json, code) = common::json(&["run", T21, "--scenario", "high"]);
    assert_eq!(code, 0);
    let c = &json["scenarios"][0]["conclusions"][0];
    assert_eq!(c["atom"], "a p");
    assert_eq!(c["likelihood"], "certain");
    assert_eq!(c["raised_from"]["kind"], "fact");
    assert_eq!(c["raised_from"]["likelihood"], "unlikely");
}

#[test]
fn diff_shows_a_raised_fact_as_changed() {
    let run = augur(&["diff", "low", "high", T21]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("changed (1):\n  ~ a p  unlikely -> certain  (rule up now gives"),
        "{}",
        run.stdout
    );
    let back = augur(&["diff", "high", "low", T21]);
    assert!(
        back.stdout
            .contains("changed (1):\n  ~ a p  certain -> unlikely"),
        "{}",
        back.stdout
    );
}

#[test]
fn a_snapshot_holds_a_raised_fact() {
    let dir = temp_dir("raised-snap");
    let dir_text = dir.to_str().unwrap();
    let run = augur(&["test", T21, "--snapshot", dir_text, "--bless"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let high = std::fs::read_to_string(dir.join("high.snap")).unwrap();
    assert!(high.contains("\na p | certain | up\n"), "{high}");
    let low = std::fs::read_to_string(dir.join("low.snap")).unwrap();
    assert!(!low.contains("a p"), "{low}");
    let _ = std::fs::remove_dir_all(&dir);
}
