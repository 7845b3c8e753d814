//! `augur list KIND` end to end on tests/data/query.augur: every listing as text and JSON.

mod common;

use common::augur;
use serde_json::{Value, json};

const FILE: &str = "tests/data/query.augur";

fn list(kind: &str) -> String {
    let run = augur(&["list", kind, FILE]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout
}

#[expect(
    clippy::expect_used,
    reason = "a helper of tests: output that is not JSON fails the test"
)]
fn list_json(kind: &str) -> Value {
    let run = augur(&["list", kind, FILE, "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).expect("JSON")
}

#[test]
fn declarations_in_declaration_order() {
    assert_eq!(
        list("scenarios"),
        "base     tests/data/query.augur:18                0 assumed, 1 forbidden\n\
         retreat  tests/data/query.augur:19  extends base  1 assumed, 0 forbidden\n"
    );
    assert_eq!(
        list("rules"),
        "gap     likely       tests/data/query.augur:10  concludes ?r fills_gap_in latam\n\
         invest  very_likely  tests/data/query.augur:16  concludes china fills_gap_in ?c\n"
    );
    assert_eq!(
        list("tests"),
        "\"rivals move in\"  in retreat  tests/data/query.augur:20  1 expectation\n"
    );
    assert_eq!(
        list("open"),
        "us defends guyana  tests/data/query.augur:17  when us withdraws\n"
    );
    assert_eq!(
        list("documents"),
        "seed  \"A note on rivals\"  tests/data/query.augur:2  file \"query.txt\"  4 citations\n"
    );
}

#[test]
fn predicates_show_how_to_write_them() {
    assert_eq!(
        list("predicates"),
        "?a aligns_with ?b   assumable                   tests/data/query.augur:9\n\
         ?a defends ?b       no fact, rule or assumable  tests/data/query.augur:17\n\
         ?a fills_gap_in ?b  2 rules                     tests/data/query.augur:12\n\
         ?a invests_in ?b    1 fact                      tests/data/query.augur:6\n\
         ?a is ?b            3 facts                     tests/data/query.augur:3\n\
         ?a leads ?b         1 fact                      tests/data/query.augur:7\n\
         ?a withdraws        assumable                   tests/data/query.augur:8\n"
    );
    // Each pattern listed is one `augur query` takes.
    let run = augur(&["query", "?a fills_gap_in ?b", FILE, "-s", "base"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn atoms_by_text_with_where_they_hold() {
    // retreat assumes `us withdraws` (base forbids it): the rivals fill the gap there
    // only; the open question arises there only.
    assert_eq!(
        list("atoms"),
        "\"Lula\" leads brazil           certain in every scenario\n\
         china fills_gap_in latam      likely in 1 of 2 scenarios\n\
         china fills_gap_in venezuela  very_likely in every scenario\n\
         china invests_in venezuela    certain in every scenario\n\
         china is rival                certain in every scenario\n\
         iran fills_gap_in latam       likely in 1 of 2 scenarios\n\
         iran is rival                 certain in every scenario\n\
         russia fills_gap_in latam     likely in 1 of 2 scenarios\n\
         russia is rival               certain in every scenario\n\
         us defends guyana             open in 1 scenario\n\
         us withdraws                  certain in 1 of 2 scenarios\n"
    );
    let v = list_json("atoms");
    assert_eq!(
        v["atoms"][1],
        json!({"atom": "china fills_gap_in latam", "holds": {"retreat": "likely"}, "open": []})
    );
    assert_eq!(
        v["atoms"][9],
        json!({"atom": "us defends guyana", "holds": {}, "open": ["retreat"]})
    );
}

#[test]
fn json_shapes() {
    let v = list_json("scenarios");
    assert_eq!(
        v["scenarios"][1],
        json!({"name": "retreat", "extends": "base",
               "place": {"file": FILE, "line": 19},
               "assumes": [{"atom": "us withdraws", "likelihood": "certain"}], "forbids": []})
    );
    assert_eq!(v["scenarios"][0]["forbids"], json!(["us withdraws"]));
    let v = list_json("rules");
    assert_eq!(
        v["rules"][0],
        json!({"name": "gap", "likelihood": "likely", "place": {"file": FILE, "line": 10},
               "premises": ["us withdraws", "?r is rival"], "concludes": ["?r fills_gap_in latam"]})
    );
    let v = list_json("predicates");
    assert_eq!(
        v["predicates"][2],
        json!({"name": "fills_gap_in", "arity": 2, "pattern": "?a fills_gap_in ?b", "facts": 0,
               "rules": 2, "assumable": false, "place": {"file": FILE, "line": 12}})
    );
    let v = list_json("tests");
    assert_eq!(
        v["tests"],
        json!([{"name": "rivals move in", "scenario": "retreat",
                "place": {"file": FILE, "line": 20}, "expectations": 1}])
    );
    let v = list_json("open");
    assert_eq!(
        v["open"],
        json!([{"atom": "us defends guyana", "when": "us withdraws",
                "place": {"file": FILE, "line": 17},
                "cites": [{"document": "seed", "quote": "It remains to be seen."}]}])
    );
    let v = list_json("documents");
    assert_eq!(
        v["documents"],
        json!([{"name": "seed", "title": "A note on rivals", "file": "query.txt",
                "citations": 4, "place": {"file": FILE, "line": 2}}])
    );
}

#[test]
fn the_shipped_rules_list_their_scenarios() {
    let run = augur(&["list", "scenarios"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout.lines().count(), 11);
    assert!(run.stdout.starts_with("article_present "), "{}", run.stdout);
}

#[test]
fn an_unknown_kind_is_a_usage_error() {
    let run = augur(&["list", "scenaros", FILE]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("possible values: scenarios"),
        "{}",
        run.stderr
    );
    let run = augur(&["list", "rules", "tests/data/missing.augur"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("augur::io::read"), "{}", run.stderr);
}

#[test]
fn indicators_and_evidence() {
    assert_eq!(
        list("indicators"),
        "?who fills_gap_in latam  tests/data/query.augur:21\n\
         us withdraws             tests/data/query.augur:22\n"
    );
    assert_eq!(
        list("evidence"),
        "not iran fills_gap_in latam  unlikely  tests/data/query.augur:23\n"
    );
    assert_eq!(
        list_json("indicators")["indicators"][0],
        json!({"atom": "?who fills_gap_in latam", "place": {"file": FILE, "line": 21},
               "cites": [{"document": "seed", "quote": "Rivals fill the gap."}]})
    );
    assert_eq!(
        list_json("evidence")["evidence"],
        json!([{"atom": "iran fills_gap_in latam", "negated": true, "credibility": "unlikely",
                "place": {"file": FILE, "line": 23}, "cites": []}])
    );
    // None declared: an empty listing says so.
    assert_eq!(
        augur(&["list", "indicators", "tests/data/design.augur"]).stdout,
        "(none)\n"
    );
}
