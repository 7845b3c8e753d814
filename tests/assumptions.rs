//! `augur assumptions`, the Key Assumptions Check, on tests/data/assumptions.augur: every
//! answer below is worked by hand from that file's rules.

mod common;

use common::{augur, json};

const FILE: &str = "tests/data/assumptions.augur";

#[test]
fn text_ranks_load_bearing_assumptions_first_then_what_each_conclusion_rests_on() {
    let out = augur(&["assumptions", FILE]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "key assumptions of scenario all: 2 assumptions, 1 intervention, 0 facts, each withdrawn alone in a run of its own

load-bearing first, what each one's withdrawal changes:
  assume us withdraws [certain]: 1 fall, 1 weaken, 0 gain
    falls    refugees flee  certain
    weakens  china present  likely -> unlikely
  assume not ally hesitates: 0 fall, 1 weaken, 1 gain
    weakens  order holds     certain -> unlikely
    gains    ally hesitates  absent -> likely
  assume china invests [very_likely]: 0 fall, 1 weaken, 0 gain
    weakens  china present  likely -> unlikely

conclusions that rest on one of them (3):
  china present  likely
    weakening  us withdraws (to unlikely), china invests (to unlikely)
  order holds  certain
    weakening  not ally hesitates (to unlikely)
  refugees flee  certain
    critical   us withdraws

conclusions that hold as strongly without any one of them (0):
"
    );
}

#[test]
fn facts_are_candidates_with_facts() {
    let (v, code) = json(&["assumptions", FILE, "--facts"]);
    assert_eq!(code, 0);
    let kinds: Vec<(&str, &str)> = v["assumptions"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|a| {
            (
                a["atom"].as_str().unwrap_or(""),
                a["kind"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [
            ("us withdraws", "assumption"),
            ("region unstable", "fact"),
            ("ally hesitates", "intervention"),
            ("china invests", "assumption")
        ]
    );
    let flee = &v["conclusions"][2];
    assert_eq!(flee["atom"], "refugees flee");
    assert_eq!(
        flee["critical"],
        serde_json::json!(["us withdraws", "region unstable"])
    );
}

#[test]
fn json_has_the_issue_shape() {
    let (v, code) = json(&["assumptions", FILE, "-s", "all"]);
    assert_eq!(code, 0);
    assert_eq!(
        v,
        serde_json::json!({
            "scenario": "all",
            "assumptions": [
                {"atom": "us withdraws", "kind": "assumption", "likelihood": "certain",
                 "falls": [{"atom": "refugees flee", "likelihood": "certain"}],
                 "weakens": [{"atom": "china present", "from": "likely", "to": "unlikely"}],
                 "gains": []},
                {"atom": "ally hesitates", "kind": "intervention", "likelihood": null,
                 "falls": [],
                 "weakens": [{"atom": "order holds", "from": "certain", "to": "unlikely"}],
                 "gains": [{"atom": "ally hesitates", "from": null, "to": "likely"}]},
                {"atom": "china invests", "kind": "assumption", "likelihood": "very_likely",
                 "falls": [],
                 "weakens": [{"atom": "china present", "from": "likely", "to": "unlikely"}],
                 "gains": []}
            ],
            "conclusions": [
                {"atom": "china present", "likelihood": "likely", "critical": [],
                 "weakening": [{"atom": "us withdraws", "to": "unlikely"},
                               {"atom": "china invests", "to": "unlikely"}]},
                {"atom": "order holds", "likelihood": "certain", "critical": [],
                 "weakening": [{"atom": "not ally hesitates", "to": "unlikely"}]},
                {"atom": "refugees flee", "likelihood": "certain", "critical": ["us withdraws"],
                 "weakening": []}
            ]
        })
    );
}

#[test]
fn one_atom_shows_its_standing_alone() {
    let out = augur(&["assumptions", FILE, "refugees flee", "--facts"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "key assumptions of scenario all: 2 assumptions, 1 intervention, 1 fact, each withdrawn alone in a run of its own\n  \
         refugees flee  certain\n    critical   us withdraws, region unstable\n"
    );
    // The help says where the ATOM goes.
    let help = augur(&["assumptions", "--help"]);
    assert!(
        help.stdout
            .contains("Usage: augur assumptions [OPTIONS] [PATHS]... [ATOM]"),
        "{}",
        help.stdout
    );
    // The atom first, the paths after, or the default rules/ when none: the atom is the
    // word with a space.
    let (v, _) = json(&["assumptions", "refugees flee", FILE]);
    assert_eq!(v["conclusions"].as_array().map(Vec::len), Some(1));
    // An atom that does not hold rests on nothing: said, and exit 1 as for `why`.
    let out = augur(&["assumptions", FILE, "ally hesitates"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stdout
            .ends_with("  ally hesitates does not hold in scenario all\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn adhoc_lines_are_candidates_like_the_scenarios_own() {
    // Lifting the intervention ad hoc: the hesitation is likely, and `order holds` weak.
    let (v, code) = json(&[
        "assumptions",
        FILE,
        "--assume",
        "ally hesitates@likely",
        "order holds",
    ]);
    assert_eq!(code, 0);
    assert_eq!(v["adhoc"]["assume"][0]["atom"], "ally hesitates");
    assert_eq!(
        v["conclusions"][0],
        serde_json::json!({"atom": "order holds", "likelihood": "unlikely", "critical": [],
                           "weakening": []})
    );
    let hesitates = v["assumptions"]
        .as_array()
        .and_then(|l| l.iter().find(|a| a["atom"] == "ally hesitates"))
        .cloned()
        .unwrap_or_default();
    // Withdrawn, the ad-hoc line takes the scenario's intervention with it: the rule
    // `doubt` still makes the hesitation likely, so nothing changes.
    assert_eq!(hesitates["kind"], "assumption");
    assert_eq!(hesitates["falls"], serde_json::json!([]));
    let out = augur(&["assumptions", FILE, "--assume-not", "refugees flee"]);
    assert!(out.stdout.starts_with("key assumptions of scenario all + assume not refugees flee: 2 assumptions, 2 interventions"), "{}", out.stdout);
}

#[test]
fn bad_input_gets_did_you_mean_and_exit_2() {
    let cases: [(&[&str], &str); 4] = [
        (&["-s", "al"], "did you mean `all`?"),
        (&["refugees fle"], "did you mean `flee`?"),
        (
            &["refugees flee", "china present"],
            "checks one ATOM at a time",
        ),
        (&["--assume", "us withdrawz"], "did you mean `withdraws`?"),
    ];
    for (flags, help) in cases {
        let mut args = vec!["assumptions", FILE];
        args.extend_from_slice(flags);
        let out = augur(&args);
        assert_eq!(out.code, 2, "{flags:?}: {}", out.stderr);
        assert_eq!(out.stdout, "");
        assert!(out.stderr.contains(help), "{flags:?}: {}", out.stderr);
    }
}

#[test]
fn every_run_is_held_to_the_evaluation_limits() {
    // The scenario derives 3 atoms; without `assume not ally hesitates` it derives 4
    // (`ally hesitates` gained): the scenario's own run passes `--max-derived 3`, the
    // withdrawal's does not, and the whole check fails rather than report a partial one.
    let run = augur(&["run", FILE, "--max-derived", "3"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for (limit, code) in [("3", 2), ("4", 0)] {
        let out = augur(&["assumptions", FILE, "--max-derived", limit]);
        assert_eq!(out.code, code, "--max-derived {limit}: {}", out.stderr);
        assert_eq!(
            out.stderr.contains("augur::engine::limit_exceeded"),
            code == 2,
            "{}",
            out.stderr
        );
    }
    let out = augur(&["assumptions", FILE, "--timeout", "0ms"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("augur::engine::timeout"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_path_with_a_space_that_exists_is_a_path_not_an_atom() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("assumptions rules");
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    std::fs::copy(FILE, dir.join("a.augur")).expect("the test file copies");
    let dir = dir.to_str().expect("a UTF-8 path");
    let (v, code) = json(&["assumptions", dir, "refugees flee"]);
    assert_eq!(code, 0);
    assert_eq!(v["conclusions"][0]["atom"], "refugees flee");
    assert_eq!(v["conclusions"].as_array().map(Vec::len), Some(1));
}
