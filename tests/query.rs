//! `augur query PATTERN` end to end on tests/data/query.augur, whose answers are worked out
//! by hand in the comments.

mod common;

use common::augur;
use serde_json::{Value, json};

const FILE: &str = "tests/data/query.augur";

fn query(args: &[&str]) -> common::Run {
    let mut all = vec!["query"];
    all.extend_from_slice(args);
    all.push(FILE);
    augur(&all)
}

#[test]
fn text_lists_every_binding_strongest_first_then_by_text() {
    // In retreat, `us withdraws` makes rule gap give each rival `fills_gap_in latam`
    // (likely); rule invest gives `china fills_gap_in venezuela` (very_likely) everywhere.
    let run = query(&["?who fills_gap_in ?where", "-s", "retreat"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "?who fills_gap_in ?where in scenario retreat: 4 answers\n\
         \x20 china fills_gap_in venezuela  very_likely  ?who = china, ?where = venezuela\n\
         \x20 china fills_gap_in latam      likely       ?who = china, ?where = latam\n\
         \x20 iran fills_gap_in latam       likely       ?who = iran, ?where = latam\n\
         \x20 russia fills_gap_in latam     likely       ?who = russia, ?where = latam\n"
    );
    // base forbids the withdrawal: only rule invest's answer is left.
    let run = query(&["?who fills_gap_in latam", "-s", "base"]);
    assert_eq!(
        run.stdout,
        "?who fills_gap_in latam in scenario base: 0 answers\n  (no answers)\n"
    );
    assert_eq!(run.code, 0, "no answer is an answer, not a failure");
}

#[test]
fn json_has_the_issue_shape() {
    let run = query(&[
        "?who fills_gap_in latam",
        "-s",
        "retreat",
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(v["pattern"], "?who fills_gap_in latam");
    assert_eq!(v["scenario"], "retreat");
    assert_eq!(
        v["answers"][0],
        json!({"bindings": {"who": "china"}, "atom": "china fills_gap_in latam", "likelihood": "likely"})
    );
    let who: Vec<&str> = v["answers"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|a| a["bindings"]["who"].as_str().expect("a name"))
        .collect();
    assert_eq!(who, ["china", "iran", "russia"]);
    assert_eq!(v["open"], json!([]));
}

#[test]
fn all_asks_every_scenario_in_declaration_order() {
    let run = query(&["?who fills_gap_in latam", "--all", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(v["pattern"], "?who fills_gap_in latam");
    let scenarios = v["scenarios"].as_array().expect("a list");
    assert_eq!(scenarios.len(), 2);
    assert_eq!(scenarios[0]["scenario"], "base");
    assert_eq!(scenarios[0]["answers"], json!([]));
    assert_eq!(scenarios[1]["scenario"], "retreat");
    assert_eq!(scenarios[1]["answers"].as_array().map(Vec::len), Some(3));
    let text = query(&["?who fills_gap_in latam", "--all"]).stdout;
    assert!(text.starts_with("?who fills_gap_in latam in scenario base: 0 answers\n  (no answers)\n\n?who fills_gap_in latam in scenario retreat: 3 answers\n"), "{text}");
}

#[test]
fn open_questions_are_answered_as_open_where_they_arise() {
    // `us defends guyana` arises when the US withdraws: in retreat, not in base.
    let run = query(&["us defends ?c", "-s", "retreat"]);
    assert_eq!(
        run.stdout,
        "us defends ?c in scenario retreat: 0 answers, 1 left open\n  us defends guyana  open  ?c = guyana\n"
    );
    let run = query(&["us defends ?c", "-s", "retreat", "--format", "json"]);
    let v: Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(
        v["open"],
        json!([{"bindings": {"c": "guyana"}, "atom": "us defends guyana"}])
    );
    let run = query(&["us defends ?c", "-s", "base"]);
    assert_eq!(
        run.stdout,
        "us defends ?c in scenario base: 0 answers\n  (no answers)\n"
    );
}

#[test]
fn strings_and_repeated_variables() {
    let run = query(&["?x leads ?y", "-s", "base", "--format", "json"]);
    let v: Value = serde_json::from_str(&run.stdout).expect("JSON");
    // A string constant as written, so that it can be pasted back into a pattern.
    assert_eq!(v["answers"][0]["bindings"]["x"], "\"Lula\"");
    let run = query(&["?x fills_gap_in ?x", "-s", "retreat"]);
    assert_eq!(
        run.stdout,
        "?x fills_gap_in ?x in scenario retreat: 0 answers\n  (no answers)\n"
    );
}

/// The diagnostic's code and help line for a bad pattern or scenario (exit 2).
fn refused(args: &[&str]) -> (String, String) {
    let run = query(args);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert_eq!(run.stdout, "");
    let code = run
        .stderr
        .lines()
        .find_map(|l| l.strip_prefix("Error: "))
        .unwrap_or_default()
        .to_owned();
    let help = run
        .stderr
        .lines()
        .find_map(|l| l.trim().strip_prefix("help: "))
        .unwrap_or_default()
        .to_owned();
    (code, help)
}

#[test]
fn bad_patterns_and_scenarios_get_did_you_mean_and_exit_2() {
    let cases: [(&[&str], &str, &str); 6] = [
        (
            &["?x fills_gap ?y", "-s", "base"],
            "augur::query::unknown_name",
            "did you mean `fills_gap_in`?",
        ),
        (
            &["?x fills_gap_in latm", "-s", "base"],
            "augur::query::unknown_name",
            "did you mean `latam`?",
        ),
        (
            &["fills_gap_in(?x, ?y, ?z)", "-s", "base"],
            "augur::query::arity",
            "write it as in the rule files, with `?name` where any value goes",
        ),
        (
            &["iran fills_gap_in venezuela", "-s", "base"],
            "augur::query::never_matches",
            "`?a fills_gap_in ?b` asks for every atom of the predicate",
        ),
        (
            &["?x fills_gap_in latam", "-s", "retret"],
            "augur::query::unknown_scenario",
            "did you mean `retreat`?",
        ),
        (
            &["?x fills_gap_in latam"],
            "augur::query::scenario_needed",
            "name one with --scenario: `base`, `retreat`",
        ),
    ];
    for (args, code, help) in cases {
        assert_eq!(
            refused(args),
            (code.to_owned(), help.to_owned()),
            "{args:?}"
        );
    }
    let run = query(&["?x fills_gap_in latm", "-s", "base"]);
    assert!(run.stderr.contains("<pattern>:1:17"), "{}", run.stderr);
    let (code, _) = refused(&["?x )", "-s", "base"]);
    assert!(code.starts_with("augur::syntax::"), "{code}");
    let run = query(&["?x fills_gap_in latm", "-s", "base", "--format", "json"]);
    let v: Value = serde_json::from_str(&run.stderr).expect("JSON diagnostics");
    assert!(v.to_string().contains("augur::query::unknown_name"), "{v}");
}

#[test]
fn scenario_and_all_exclude_each_other() {
    let run = query(&["?x is rival", "-s", "base", "--all"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("cannot be used with"), "{}", run.stderr);
}

#[test]
fn assume_asks_an_ad_hoc_scenario() {
    // base forbids the withdrawal; --assume lifts that at `unlikely`, so rule gap gives each
    // rival min(unlikely, likely) = unlikely, below rule invest's very_likely.
    let run = query(&[
        "china fills_gap_in ?where",
        "-s",
        "base",
        "--assume",
        "us withdraws@unlikely",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "china fills_gap_in ?where in scenario base + assume us withdraws unlikely: 2 answers\n\
         \x20 china fills_gap_in venezuela  very_likely  ?where = venezuela\n\
         \x20 china fills_gap_in latam      unlikely     ?where = latam\n"
    );
    let run = query(&[
        "?who fills_gap_in latam",
        "-s",
        "retreat",
        "--assume-not",
        "us withdraws",
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(v["scenario"], "retreat");
    assert_eq!(v["answers"], json!([]));
    assert_eq!(
        v["adhoc"],
        json!({"assume": [], "assume_not": ["us withdraws"]})
    );
    // Without --assume, no "adhoc" key: the shape of the issue.
    let run = query(&[
        "?who fills_gap_in latam",
        "-s",
        "retreat",
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(v.get("adhoc"), None);
    let run = query(&["?x is rival", "-s", "base", "--assume", "us withdrws"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("did you mean `withdraws`?"),
        "{}",
        run.stderr
    );
}

/// On the shipped rules, in every scenario, the pattern of each predicate with a variable
/// per argument answers exactly the atoms of that predicate that hold, each at its own
/// likelihood; an answer's bindings rebuild its atom.
#[test]
fn a_general_pattern_answers_every_atom_that_holds() {
    use augur::engine::Options;
    use augur::program::PredId;
    use augur::query::{Pattern, answers, general_pattern};
    let analysis = augur::Analysis::load(&["rules"]).expect("rules/ loads");
    let p = analysis.program();
    let models = analysis.run_all(&Options::default()).expect("runs");
    let mut asked = 0;
    for (i, _) in p.predicates().iter().enumerate() {
        let pred = PredId::from_index(i);
        let text = general_pattern(p, pred);
        let Ok(pattern) = Pattern::parse(p, &text) else {
            continue; // a predicate nothing produces: refused, as a typo would be
        };
        for model in &models {
            let got = answers(model, &pattern);
            let mut holding: Vec<_> = model
                .relation(pred)
                .ids()
                .filter(|&t| model.tuple_likelihood(pred, t).is_some())
                .map(|t| model.atom(pred, t))
                .collect();
            let mut found: Vec<_> = got
                .iter()
                .filter(|a| a.likelihood.is_some())
                .map(|a| a.atom.clone())
                .collect();
            holding.sort();
            found.sort();
            assert_eq!(found, holding, "{text}");
            for a in &got {
                assert_eq!(&*a.bindings, &*a.atom.args, "{text}");
                assert_eq!(a.likelihood, model.likelihood(&a.atom), "{text}");
            }
            let levels: Vec<_> = got.iter().filter_map(|a| a.likelihood).collect();
            assert!(
                levels.windows(2).all(|w| w[0] >= w[1]),
                "{text}: strongest first"
            );
            asked += got.len();
        }
    }
    assert!(asked > 100, "the rules answer many atoms: {asked}");
}

/// retreat derives 4 atoms (3 rivals fill latam, china fills venezuela): `--max-derived 4`
/// answers, 3 stops the run with the engine's limit error (exit 2), for `query` and for
/// `list atoms`, which runs every scenario.
#[test]
fn answers_are_bounded_by_the_evaluation_limits() {
    let run = query(&["?x fills_gap_in ?y", "-s", "retreat", "--max-derived", "4"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = query(&["?x fills_gap_in ?y", "-s", "retreat", "--max-derived", "3"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("augur::engine::limit_exceeded"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stdout, "");
    let run = augur(&["list", "atoms", FILE, "--max-derived", "4"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = augur(&["list", "atoms", FILE, "--max-derived", "3"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("augur::engine::limit_exceeded"),
        "{}",
        run.stderr
    );
}
