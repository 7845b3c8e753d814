//! The language of probabilities, as the binary answers it: likelihoods written as numbers
//! (`0.72`, `72%`), `choice` groups of rules, and `expect ATOM with probability at least P`
//! in `augur test`. The numbers of tests/data/prob_lang.augur are worked by hand here.

mod common;
use common::{augur, json, rule_file as program};

const FILE: &str = "tests/data/prob_lang.augur";

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

/// P(`atom`) in `scenario` of the data file, exactly.
fn p(atom: &str, scenario: &str) -> f64 {
    let (v, code) = json(&["prob", atom, FILE, "-s", scenario]);
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["method"], "exact");
    v["probability"].as_f64().unwrap_or(f64::NAN)
}

#[test]
fn literals_keep_their_number_and_a_choice_group_is_one_switch() {
    // vacuum (0.5) and (us 0.72 or china 0.8): 0.5 (1 - 0.28 x 0.2).
    assert!(close(
        p("rivals advance", "steady"),
        0.5 * (1.0 - 0.28 * 0.2)
    ));
    // Both rules of the group fire together: bloc forms = vacuum and us, not the product
    // of two independent halves.
    assert!(close(p("bloc forms", "steady"), 0.5 * 0.72));
    // us (0.72), calm (likely: 0.675), and not ally hesitates (assumed at 0.3).
    assert!(close(p("region calms", "steady"), 0.72 * 0.675));
    assert!(close(p("region calms", "hesitant"), 0.72 * 0.675 * 0.7));
    // The weakest link reads the bands: 0.72 is likely, 0.5 even_chance.
    let (v, _) = json(&["run", FILE, "-s", "steady"]);
    let level = |atom: &str| {
        v["scenarios"][0]["conclusions"]
            .as_array()
            .and_then(|c| c.iter().find(|c| c["atom"] == atom))
            .map(|c| c["likelihood"].clone())
    };
    assert_eq!(level("rivals advance"), Some("even_chance".into()));
    assert_eq!(level("region calms"), Some("likely".into()));
}

#[test]
fn why_shows_the_number_written_beside_its_band() {
    let run = augur(&["why", "allies hedge", FILE, "-s", "steady"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("by rule hedge [even_chance] at tests/data/prob_lang.augur:8"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("└─ us withdraws [likely (0.72)]"),
        "{}",
        run.stdout
    );
    let (v, _) = json(&["why", "rivals advance", FILE, "-s", "steady"]);
    let proof = &v["proof"];
    assert_eq!(proof["by"]["rule"], "gap");
    assert_eq!(proof["by"]["probability"], 0.5);
    assert_eq!(proof["premises"][0]["likelihood"], "likely");
    assert_eq!(proof["premises"][0]["probability"], 0.72);
    // A level written as a keyword has no number in the JSON.
    let (v, _) = json(&["why", "allies hedge", FILE, "-s", "steady"]);
    assert!(v["proof"]["by"].get("probability").is_none(), "{v}");
}

#[test]
fn sensitivity_ranks_a_choice_group_as_one_claim() {
    let (v, code) = json(&["sensitivity", "bloc forms", FILE, "-s", "steady"]);
    assert_eq!(code, 0, "{v}");
    let first = &v["claims"][0];
    assert_eq!(first["kind"], "choice");
    assert_eq!(first["name"], "vacuum");
    assert!(close(first["derivative"].as_f64().unwrap_or(0.0), 0.72));
    let kinds: Vec<&str> = v["claims"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| c["kind"].as_str())
        .collect();
    assert!(!kinds.contains(&"rule") || kinds.iter().filter(|k| **k == "choice").count() == 1);
    assert!(
        !v["claims"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|c| c["name"] == "gap" || c["name"] == "hedge"),
        "the group's rules are one claim: {v}"
    );
}

#[test]
fn tests_pin_probabilities_and_say_the_number_when_they_fail() {
    let run = augur(&["test", FILE]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    insta::assert_snapshot!(run.stdout);
    let (v, _) = json(&["test", FILE]);
    let tests = v["tests"].as_array().cloned().unwrap_or_default();
    assert_eq!(tests[0]["name"], "pinned");
    assert_eq!(tests[0]["ok"], true);
    let failures = tests[1]["failures"].as_array().cloned().unwrap_or_default();
    assert_eq!(failures.len(), 2, "{v}");
    assert_eq!(
        failures[0]["expectation"],
        "expect region calms with probability at least 0.4"
    );
    assert_eq!(failures[0]["evidence"]["kind"], "probability");
    let got = failures[0]["evidence"]["probability"]
        .as_f64()
        .unwrap_or(0.0);
    assert!(close(got, 0.72 * 0.675 * 0.7), "{got}");
    assert_eq!(
        failures[1]["message"],
        "P(`bloc forms`) is 0.360000 (exact), above 0.3"
    );
}

#[test]
fn a_bound_is_met_at_its_edge_and_missed_just_past_it() {
    // P(c q) = 0.72 exactly: at least 0.72 and at most 72% pass, 0.720001 does not.
    let at = "fact a p 0.72\nrule r: a p implies c q\nscenario s { }\n\
        test \"edge\" in s {\n  expect c q with probability at least 0.72\n  expect c q with probability at most 72%\n}\n";
    let run = augur(&["test", &program("prob-edge", at)]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    let past = at.replace("at least 0.72", "at least 0.720001");
    let run = augur(&["test", &program("prob-past", &past)]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(run.stdout.contains("is 0.720000 (exact), below 0.720001"));
}

#[test]
fn an_expectation_that_cannot_be_checked_exactly_fails_and_says_why() {
    let n = augur::prob::MAX_CHOICES + 1;
    let mut text: String = (0..n).map(|i| format!("fact p(c{i}) likely\n")).collect();
    text += "rule wide: p(?x) implies z q\nscenario s { }\n\
        test \"wide\" in s {\n  expect z q with probability at least 0.5\n}\n";
    let path = program("prob-unchecked", &text);
    let (v, code) = json(&["test", &path]);
    assert_eq!(code, 1, "{v}");
    let failure = &v["tests"][0]["failures"][0];
    assert_eq!(failure["evidence"]["kind"], "unchecked");
    assert!(
        failure["message"]
            .as_str()
            .is_some_and(|m| m.contains("cannot be checked")),
        "{failure}"
    );
    assert!(
        failure["evidence"]["reason"]
            .as_str()
            .is_some_and(|m| m.contains("65534 independent choices")),
        "{failure}"
    );
}

#[test]
fn a_probability_out_of_range_malformed_or_too_precise_is_refused() {
    for (literal, says) in [
        ("1.5", "between 0 and 1"),
        ("120%", "between 0 and 1"),
        ("-0.2", "between 0 and 1"),
        ("0.", "a digit must follow the decimal point"),
        ("0.1234567", "at most 3 digits before the point"),
        ("12.34567%", "at most 3 digits before the point"),
    ] {
        let path = program("prob-bad", &format!("fact a p {literal}\n"));
        let run = augur(&["check", &path]);
        assert_eq!(run.code, 2, "{literal}: {}", run.stderr);
        assert!(
            run.stderr.contains("augur::syntax::bad_probability") && run.stderr.contains(says),
            "{literal}: {}",
            run.stderr
        );
    }
    // At the limits: six decimals, four in a percentage, 0 and 100%.
    for literal in ["0.123456", "12.3456%", "0.0", "100%", "1.000000"] {
        let path = program("prob-ok", &format!("fact a p {literal}\n"));
        let run = augur(&["check", &path]);
        assert_eq!(run.code, 0, "{literal}: {}", run.stderr);
    }
    // In a test's bound, a level is not a probability.
    let path = program(
        "prob-bound",
        "fact a p\nscenario s { }\ntest \"t\" in s {\n  expect a p with probability at least likely\n}\n",
    );
    let run = augur(&["check", &path]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("written as a number: `0.6` or `60%`"),
        "{}",
        run.stderr
    );
}

#[test]
fn fmt_keeps_probabilities_and_choices_as_written() {
    let text = "fact a p   0.720\nrule r: a p implies c q [72.5%]   choice g\n\
        rule s {\n  when a p\n  then d q\n  72.5%  choice g\n}\nscenario s {\n  assume a p 5%\n}\n\
        test \"t\" in s {\n  expect c q with probability at least 0.5\n}\n";
    let path = program("prob-fmt", text);
    let run = augur(&["fmt", &path]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let formatted = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(
        formatted,
        "fact a p [0.720]\nrule r: a p implies c q [72.5%] choice g\n\
        rule s {\n  when a p\n  then d q\n  72.5% choice g\n}\nscenario s {\n  assume a p [5%]\n}\n\
        test \"t\" in s {\n  expect c q with probability at least 0.5\n}\n"
    );
    let run = augur(&["fmt", "--check", &path]);
    assert_eq!(run.code, 0, "{}", run.stdout);
}

#[test]
fn diff_prob_gives_each_conclusion_in_both_scenarios_and_the_change() {
    let run = augur(&["diff", "steady", "hesitant", FILE, "--prob"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!(run.stdout);
    let (v, code) = json(&["diff", "steady", "hesitant", FILE, "--prob"]);
    assert_eq!(code, 0, "{v}");
    let rows = v["probabilities"].as_array().cloned().unwrap_or_default();
    assert_eq!(rows.len(), 4, "{v}");
    let calms = rows
        .iter()
        .find(|r| r["atom"] == "region calms")
        .cloned()
        .unwrap_or_default();
    let num = |k: &str| calms[k].as_f64().unwrap_or(f64::NAN);
    assert!(close(num("before"), 0.72 * 0.675));
    assert!(close(num("after"), 0.72 * 0.675 * 0.7));
    assert!(close(num("change"), -0.72 * 0.675 * 0.3));
    // The weakest link sees no change there: the number is what moved.
    assert_eq!(v["changed"].as_array().map(Vec::len), Some(0));
    // Without --prob, no probabilities.
    let (v, _) = json(&["diff", "steady", "hesitant", FILE]);
    assert!(v.get("probabilities").is_none());
    // An atom gained has probability 0 before it.
    let gained = program(
        "prob-diff-gained",
        "assumable a p\nrule r: a p implies c q 0.4\nscenario none { }\nscenario some { assume a p 0.5 }\n",
    );
    let (v, _) = json(&["diff", "none", "some", &gained, "--prob"]);
    assert_eq!(
        v["probabilities"],
        serde_json::json!([{"atom": "c q", "before": 0.0, "after": 0.2, "change": 0.2}])
    );
}

#[test]
fn list_rules_shows_the_number_written_and_the_choice_group() {
    let run = augur(&["list", "rules", FILE]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let gap = run
        .stdout
        .lines()
        .find(|l| l.starts_with("gap "))
        .unwrap_or("");
    assert!(gap.contains("even_chance (0.5)"), "{}", run.stdout);
    assert!(
        gap.ends_with("concludes rivals advance (choice vacuum)"),
        "{}",
        run.stdout
    );
    let (v, _) = json(&["list", "rules", FILE]);
    let rules = v
        .as_array()
        .or_else(|| v["rules"].as_array())
        .cloned()
        .unwrap_or_default();
    let hedge = rules
        .iter()
        .find(|r| r["name"] == "hedge")
        .cloned()
        .unwrap_or_default();
    assert_eq!(hedge["choice"], "vacuum", "{v}");
    assert!(hedge.get("probability").is_none(), "{v}");
    let gap = rules
        .iter()
        .find(|r| r["name"] == "gap")
        .cloned()
        .unwrap_or_default();
    assert_eq!(gap["probability"], 0.5, "{v}");
}

#[test]
fn an_ad_hoc_assumption_takes_a_level_not_a_number() {
    for number in ["0.3", "30%"] {
        let arg = format!("ally hesitates@{number}");
        let run = augur(&["run", FILE, "-s", "steady", "--assume", &arg]);
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(
            run.stderr.contains("augur::adhoc::number_as_level"),
            "{}",
            run.stderr
        );
    }
    let run = augur(&[
        "run",
        FILE,
        "-s",
        "steady",
        "--assume",
        "ally hesitates@unlikely",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}
