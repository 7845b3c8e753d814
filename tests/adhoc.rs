//! `--assume ATOM[@LEVEL]` and `--assume-not ATOM`: ad-hoc scenarios on the command line,
//! on tests/data/adhoc.augur, whose answers are worked by hand in each test.

mod common;

use common::{augur, json};

const FILE: &str = "tests/data/adhoc.augur";

fn run(args: &[&str]) -> String {
    let mut all = vec!["run", FILE];
    all.extend_from_slice(args);
    let run = augur(&all);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    run.stdout
}

#[test]
fn run_extends_the_scenario_with_the_lines_given() {
    // calm assumes `ally hesitates`: `not ally hesitates` fails, so the gap stays closed.
    assert_eq!(
        run(&["-s", "calm", "--assume", "us withdraws"]),
        "scenario calm + assume us withdraws\n  (no conclusions)\n"
    );
    // Forbidding the hesitation opens it; `order holds` needs `not us withdraws`.
    assert_eq!(
        run(&[
            "-s",
            "calm",
            "--assume",
            "us withdraws",
            "--assume-not",
            "ally hesitates"
        ]),
        "scenario calm + assume us withdraws + assume not ally hesitates\n  rivals advance  certain\n"
    );
    // An `unlikely` hesitation leaves `not ally hesitates` likely (its mirror); an
    // `even_chance` withdrawal leaves `not us withdraws` an even chance.
    assert_eq!(
        run(&[
            "-s",
            "calm",
            "--assume",
            "ally hesitates@unlikely",
            "--assume",
            "us withdraws@even_chance"
        ]),
        "scenario calm + assume ally hesitates unlikely + assume us withdraws even_chance\n  \
         rivals advance  even_chance\n  order holds     even_chance\n"
    );
}

#[test]
fn an_assumption_lifts_an_intervention_and_an_intervention_drops_an_assumption() {
    // firm forbids the withdrawal: `--assume` lifts it, as a child scenario's line would.
    assert_eq!(
        run(&["-s", "firm", "--assume", "us withdraws@likely"]),
        "scenario firm + assume us withdraws likely\n  rivals advance  likely\n  order holds     unlikely\n"
    );
    // calm's `assume ally hesitates` is replaced by the intervention.
    assert_eq!(
        run(&["-s", "calm", "--assume-not", "ally hesitates"]),
        "scenario calm + assume not ally hesitates\n  order holds  likely\n"
    );
    // Two lines about one atom both stand, and the stronger wins.
    assert_eq!(
        run(&[
            "-s",
            "firm",
            "--assume",
            "us withdraws@unlikely",
            "--assume",
            "us withdraws@likely"
        ]),
        run(&[
            "-s",
            "firm",
            "--assume",
            "us withdraws@likely",
            "--assume",
            "us withdraws@unlikely"
        ])
        .replace(
            "likely + assume us withdraws unlikely",
            "unlikely + assume us withdraws likely"
        ),
    );
}

#[test]
fn without_assume_nothing_changes_and_all_scenarios_are_each_extended() {
    assert_eq!(
        run(&["--all"]),
        "scenario calm\n  order holds  likely\n\nscenario firm\n  order holds  likely\n"
    );
    assert_eq!(
        run(&["--all", "--assume", "us withdraws"]),
        "scenario calm + assume us withdraws\n  (no conclusions)\n\n\
         scenario firm + assume us withdraws\n  rivals advance  certain\n"
    );
}

#[test]
fn json_keeps_the_name_and_adds_the_lines() {
    let (v, code) = json(&[
        "run",
        FILE,
        "-s",
        "calm",
        "--assume",
        "us withdraws@likely",
        "--assume-not",
        "ally hesitates",
    ]);
    assert_eq!(code, 0);
    let s = &v["scenarios"][0];
    assert_eq!(s["name"], "calm");
    assert_eq!(s["conclusions"][0]["atom"], "rivals advance");
    assert_eq!(s["conclusions"][0]["likelihood"], "likely");
    assert_eq!(
        s["adhoc"],
        serde_json::json!({"assume": [{"atom": "us withdraws", "likelihood": "likely"}],
                           "assume_not": ["ally hesitates"]})
    );
    let (v, _) = json(&["run", FILE, "-s", "calm"]);
    assert!(v["scenarios"][0].get("adhoc").is_none(), "{v}");
}

/// Each bad line is refused with exit 2, a label on the argument and a did-you-mean.
#[test]
fn bad_lines_get_did_you_mean_and_exit_2() {
    let cases: [(&[&str], &str, &str); 6] = [
        (
            &["--assume", "us withdrawz"],
            "unknown predicate `withdrawz`",
            "did you mean `withdraws`?",
        ),
        (
            &["--assume", "ally withdraws"],
            "`ally withdraws` matches no `assumable`",
            "did you mean `us withdraws`?",
        ),
        (
            &["--assume", "us withdraws@likly"],
            "`likly` is not a likelihood",
            "did you mean `likely`?",
        ),
        (
            &["--assume-not", "rivals advanse"],
            "unknown predicate `advanse`",
            "did you mean `advance`?",
        ),
        (
            &["--assume-not", "rivals advance(x)"],
            "expected",
            "docs/LANGUAGE.md",
        ),
        (
            &["--assume", "us withdraws", "--assume-not", "us withdraws"],
            "both assumed and forbidden",
            "not both",
        ),
    ];
    for (flags, message, help) in cases {
        let mut args = vec!["run", FILE, "-s", "calm"];
        args.extend_from_slice(flags);
        let out = augur(&args);
        assert_eq!(out.code, 2, "{flags:?}: {}", out.stderr);
        assert_eq!(out.stdout, "");
        assert!(out.stderr.contains(message), "{flags:?}: {}", out.stderr);
        assert!(out.stderr.contains(help), "{flags:?}: {}", out.stderr);
    }
    // The label points into the argument, named by its flag.
    let out = augur(&["run", FILE, "-s", "calm", "--assume", "us withdraws@likly"]);
    assert!(out.stderr.contains("╭─[--assume:1:14]"), "{}", out.stderr);
    let out = augur(&["run", FILE, "-s", "calmm", "--assume", "us withdraws"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("did you mean `calm`?"),
        "{}",
        out.stderr
    );
}
