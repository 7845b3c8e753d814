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

fn ok(args: &[&str]) -> String {
    let mut all = args.to_vec();
    all.push(FILE);
    let out = augur(&all);
    assert_eq!(out.stderr, "", "{args:?}");
    out.stdout
}

#[test]
fn why_proves_from_the_adhoc_lines_and_names_an_adhoc_prohibition() {
    let args = [
        "why",
        "rivals advance",
        "-s",
        "calm",
        "--assume-not",
        "ally hesitates",
        "--assume",
        "us withdraws@likely",
    ];
    assert_eq!(
        ok(&args),
        "rivals advance [likely]\n│ by rule gap [certain] at tests/data/adhoc.augur:5\n\
         ├─ us withdraws [likely]\n│    hypothesized (what-if)\n\
         └─ not ally hesitates [certain]\n     forbidden by the what-if run\n"
    );
    let out = augur(&[
        "why",
        "ally hesitates",
        FILE,
        "-s",
        "calm",
        "--assume-not",
        "ally hesitates",
    ]);
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stdout,
        "ally hesitates does not hold in scenario calm + assume not ally hesitates: forbidden by `--assume-not`\n"
    );
    let (v, code) = json(&[
        "why",
        "rivals advance",
        FILE,
        "-s",
        "calm",
        "--assume",
        "us withdraws",
    ]);
    assert_eq!(code, 1);
    assert_eq!(v["scenario"], "calm");
    assert_eq!(v["holds"], false);
    assert_eq!(v["adhoc"]["assume"][0]["atom"], "us withdraws");
    let (v, _) = json(&["why", "order holds", FILE, "-s", "calm"]);
    assert!(v.get("adhoc").is_none());
}

#[test]
fn why_not_explains_the_adhoc_scenario_and_searches_on_top_of_it() {
    let text = ok(&[
        "why-not",
        "rivals advance",
        "-s",
        "calm",
        "--assume",
        "us withdraws@likely",
    ]);
    assert!(
        text.starts_with(
            "rivals advance does not hold in scenario calm + assume us withdraws likely\n"
        ),
        "{text}"
    );
    assert!(text.contains("✓ us withdraws [likely]"), "{text}");
    // firm forbids the withdrawal; without it, the miss search finds `us withdraws` itself.
    let (v, _) = json(&["why-not", "rivals advance", FILE, "-s", "firm"]);
    assert!(v.get("adhoc").is_none());
    // With the hesitation forbidden ad hoc, the search still may not assume what firm forbids.
    let (v, _) = json(&[
        "why-not",
        "rivals advance",
        FILE,
        "-s",
        "firm",
        "--assume",
        "ally hesitates",
    ]);
    assert_eq!(v["adhoc"]["assume"][0]["atom"], "ally hesitates");
    assert_eq!(
        v["tree"]["rules"][0]["premises"][1]["status"], "blocking",
        "{v}"
    );
}

#[test]
fn diff_compares_with_the_adhoc_scenario_and_names_its_lines() {
    let text = ok(&["diff", "firm", "firm", "--assume", "us withdraws"]);
    assert_eq!(
        text,
        "diff firm -> firm + assume us withdraws\n\
         gained (1):\n  + rivals advance  certain  (rule gap now concludes it: `us withdraws` is no longer forbidden and is assumed [certain] ad hoc)\n\
         lost (1):\n  - order holds  likely  (rule order no longer concludes it: `us withdraws` is no longer forbidden and is assumed [certain] ad hoc, so `not us withdraws` fails)\n\
         changed (0):\n\
         conflicts: 0 gained, 0 lost, 0 changed\n\
         tensions: 0 gained, 0 lost, 0 changed\n\
         assumptions: 0 added, 0 withdrawn, 0 changed, 0 forbidden, 1 lifted\n  \
         lifted us withdraws  forbidden -> certain  ad hoc\n\
         open questions: 0 resolved, 0 reopened, 0 newly open, 0 no longer open\n"
    );
    // An intervention replaces calm's own line about the atom: it is no longer assumed.
    let (v, _) = json(&[
        "diff",
        "calm",
        "calm",
        FILE,
        "--assume-not",
        "ally hesitates",
    ]);
    assert_eq!(v["to"], "calm");
    assert_eq!(v["adhoc"]["assume_not"][0], "ally hesitates");
    let forbidden = &v["assumptions"]["forbidden"][0];
    assert_eq!(forbidden["atom"], "ally hesitates");
    assert_eq!(forbidden["before"], "certain");
    assert_eq!(forbidden["after"], "forbidden");
    assert_eq!(forbidden["line"], serde_json::json!({"adhoc": true}));
    assert_eq!(v["gained"], serde_json::json!([]));
    // No lines, no change, no "adhoc".
    let (v, _) = json(&["diff", "calm", "calm", FILE]);
    assert!(v.get("adhoc").is_none());
    assert_eq!(v["assumptions"]["forbidden"], serde_json::json!([]));
}
