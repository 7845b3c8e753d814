//! The analyst's loop end to end: why-not, diff, test (every format), snapshots, coverage,
//! verified quotes, interventions and open questions.

mod common;

use common::{DESIGN, augur, json, temp_dir};

const WHYNOT: &str = "tests/data/whynot.augur";
const FAILING: &str = "tests/data/failing.augur";

#[test]
fn why_not_finds_a_missing_assumption_two_rules_down() {
    let (v, code) = json(&[
        "why-not",
        "china gains_influence_in latin_america",
        WHYNOT,
        "-s",
        "calm",
    ]);
    assert_eq!(code, 0);
    let first = &v["tree"]["rules"][0];
    assert_eq!(first["rule"], "rivals_fill_gap");
    let retreat = &first["premises"][0];
    assert_eq!(retreat["atom"], "us retreats_from latin_america");
    assert_eq!(retreat["status"], "fails");
    let trump = &retreat["rules"][0]["premises"][0];
    assert_eq!(trump["atom"], "trump wins_presidency");
    assert!(
        trump["note"]
            .as_str()
            .unwrap()
            .contains("assume trump wins_presidency")
    );
    assert_eq!(
        v["nearest_misses"],
        serde_json::json!([
            ["trump wins_presidency"],
            ["us retreats_from latin_america"]
        ])
    );
    let text = augur(&[
        "why-not",
        "china gains_influence_in latin_america",
        WHYNOT,
        "-s",
        "calm",
    ]);
    insta::assert_snapshot!(text.stdout);
}

#[test]
fn why_not_shows_the_proof_that_blocks_a_negation() {
    let (v, _) = json(&[
        "why-not",
        "colombia hedges_against us",
        WHYNOT,
        "-s",
        "guaranteed",
    ]);
    let not = &v["tree"]["rules"][0]["premises"][1];
    assert_eq!(not["status"], "blocking");
    assert_eq!(not["atom"], "not colombia has_security_guarantee_from us");
    assert_eq!(not["proof"]["by"]["assumed"], "guaranteed");
    assert_eq!(v["nearest_misses"], serde_json::json!([]));
}

#[test]
fn why_not_explains_rules_whose_constants_do_not_match() {
    let (v, _) = json(&[
        "why-not",
        "russia gains_influence_in latin_america",
        WHYNOT,
        "-s",
        "calm",
    ]);
    let rules = v["tree"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), 2);
    assert_eq!(rules[1]["rule"], "europe_only");
    assert_eq!(
        rules[1]["mismatch"],
        "concludes `russia gains_influence_in europe`: `europe` is not `latin_america`"
    );
}

#[test]
fn why_not_on_an_atom_nothing_can_produce_is_refused() {
    // No rule concludes it, and it is neither a fact nor assumable: a typo more often than
    // a question, so it is refused (exit 2) with the closest atom that can hold.
    let run = augur(&[
        "why-not",
        "latin_america is major_non_nato_ally",
        WHYNOT,
        "-s",
        "calm",
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("did you mean `colombia is major_non_nato_ally`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn why_not_of_an_atom_that_holds_points_to_why() {
    let run = augur(&[
        "why-not",
        "china gains_influence_in latin_america",
        WHYNOT,
        "-s",
        "retreat",
    ]);
    assert_eq!(run.code, 0);
    assert!(
        run.stdout
            .contains("holds in scenario retreat [likely]; `augur why` shows its proof"),
        "{}",
        run.stdout
    );
    assert_eq!(augur(&["why-not", "china (", WHYNOT, "-s", "calm"]).code, 2);
}

#[test]
fn interventions_block_and_children_lift_them() {
    let (v, _) = json(&[
        "why-not",
        "china gains_influence_in latin_america",
        WHYNOT,
        "-s",
        "retreat_forbidden",
    ]);
    let blocked = &v["tree"]["rules"][0]["premises"][0];
    assert_eq!(blocked["status"], "blocked");
    assert_eq!(blocked["place"]["line"], 20);
    assert!(
        blocked["note"]
            .as_str()
            .unwrap()
            .contains("blocked by scenario retreat_forbidden")
    );
    // The child assumes the atom again and so lifts its parent's `assume not`.
    let (run, _) = json(&["run", WHYNOT, "-s", "retreat"]);
    assert!(
        run["scenarios"][0]["conclusions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["atom"] == "china gains_influence_in latin_america")
    );
    // diff shows the consequence of the intervention.
    let d = augur(&["diff", "retreat", "retreat_forbidden", WHYNOT]);
    assert!(
        d.stdout
            .contains("- china gains_influence_in latin_america"),
        "{}",
        d.stdout
    );
}

#[test]
fn diff_lists_gained_lost_and_changed_with_reasons() {
    let run = augur(&["diff", "status_quo", "trump_second_term", DESIGN]);
    assert_eq!(run.code, 0);
    insta::assert_snapshot!(run.stdout);
    let (v, _) = json(&["diff", "retreat", "split", FAILING]);
    assert_eq!(v["gained"], serde_json::json!([]));
    let (v, _) = json(&["diff", "calm", "retreat", FAILING, "--explain"]);
    let gained = &v["gained"][0];
    assert_eq!(gained["atom"], "china gains_influence_in latin_america");
    assert_eq!(gained["after"], "likely");
    assert_eq!(
        gained["reason"],
        "rule rivals_fill_gap now concludes it: `us disengages_from latin_america` is assumed \
         [very_likely] in scenario retreat at tests/data/failing.augur:19"
    );
    assert_eq!(gained["proof_after"]["by"]["rule"], "rivals_fill_gap");
}

#[test]
fn diff_reports_likelihood_changes() {
    let (v, _) = json(&["diff", "weak", "strong", "tests/data/levels.augur"]);
    let changed = &v["changed"][0];
    assert_eq!(changed["atom"], "china gains_influence_in latin_america");
    assert_eq!(changed["before"], "unlikely");
    assert_eq!(changed["after"], "likely");
    assert_eq!(
        changed["reason"],
        "rule rivals now gives [likely]: `us retreats_from latin_america` is assumed \
         [very_likely] instead of [unlikely] in scenario strong at tests/data/levels.augur:4"
    );
    assert_eq!(v["assumptions"]["changed"][0]["before"], "unlikely");
    assert_eq!(v["assumptions"]["changed"][0]["after"], "very_likely");
}

/// `tests/data/diff.augur` holds every kind of difference; both directions, text and JSON.
#[test]
fn diff_reports_every_kind_of_difference() {
    const DIFF: &str = "tests/data/diff.augur";
    let forward = augur(&["diff", "before", "after", DIFF]);
    assert_eq!(forward.code, 0, "{}", forward.stderr);
    insta::assert_snapshot!("diff_forward", forward.stdout);
    let back = augur(&["diff", "after", "before", DIFF]);
    insta::assert_snapshot!("diff_back", back.stdout);
    let (v, _) = json(&["diff", "before", "after", DIFF]);
    insta::assert_snapshot!("diff_json", serde_json::to_string_pretty(&v).unwrap());
    // What an assumption raised stays a change, never a loss.
    assert!(
        v["lost"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["atom"] != "us retreats_from latin_america")
    );
    assert_eq!(v["conflicts"]["gained"][0]["name"], "hedging_under_retreat");
    assert_eq!(v["open"]["resolved"][0]["atom"], "eu steps_up");
    assert_eq!(v["open"]["newly_open"][0]["atom"], "us defends guyana");
    assert_eq!(
        v["tensions"]["gained"][0]["name"],
        "mediation_versus_deterrence"
    );
    assert_eq!(v["assumptions"]["forbidden"][0]["after"], "forbidden");
    // Byte-identical output, run after run.
    assert_eq!(
        augur(&["diff", "before", "after", DIFF]).stdout,
        forward.stdout
    );
}

#[test]
fn test_runner_text_report() {
    let run = augur(&["test", FAILING]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.ends_with("\n2 passed, 5 failed\n"),
        "{}",
        run.stdout
    );
    insta::assert_snapshot!(run.stdout);
    let ok = augur(&["test", DESIGN]);
    assert_eq!(ok.code, 0, "{}", ok.stdout);
    assert!(ok.stdout.ends_with("\n2 passed, 0 failed\n"));
}

#[test]
fn test_filter_selects_by_name() {
    let run = augur(&["test", FAILING, "--filter", "passes"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stdout
            .starts_with("running 1 test\ntest passes ... ok\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn test_json_report() {
    let (v, code) = json(&["test", FAILING]);
    assert_eq!(code, 1);
    assert_eq!(v["passed"], 2);
    assert_eq!(v["failed"], 5);
    let stay_out = &v["tests"][0];
    assert_eq!(stay_out["name"], "rivals stay out");
    assert_eq!(stay_out["failures"][0]["evidence"]["kind"], "proof");
    assert_eq!(stay_out["failures"][0]["location"]["line"], 27);
    assert_eq!(v["tests"][1]["failures"][0]["evidence"]["kind"], "why_not");
    assert_eq!(v["tests"][2]["failures"][0]["evidence"]["actual"], "likely");
    let conflict = &v["tests"][3]["failures"][0]["evidence"];
    assert_eq!(conflict["kind"], "conflict");
    assert_eq!(
        conflict["holds"][0]["bindings"],
        serde_json::json!([["c", "brazil"]])
    );
    assert_eq!(conflict["more"], 0);
}

#[test]
fn test_tap_report() {
    let run = augur(&["test", FAILING, "--format", "tap"]);
    assert_eq!(run.code, 1);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        &lines[..3],
        ["TAP version 14", "1..7", "not ok 1 - rivals stay out"]
    );
    assert_eq!(
        run.stdout.lines().filter(|l| l.starts_with("ok ")).count(),
        2
    );
    assert_eq!(
        run.stdout
            .lines()
            .filter(|l| l.starts_with("not ok "))
            .count(),
        5
    );
}

#[test]
fn test_junit_report_parses_back() {
    use quick_xml::Reader;
    use quick_xml::events::Event;
    let run = augur(&["test", FAILING, "--format", "junit"]);
    assert_eq!(run.code, 1);
    let mut reader = Reader::from_str(&run.stdout);
    let (mut cases, mut failures, mut suites) = (0, 0, 0);
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                b"testcase" => cases += 1,
                b"failure" => failures += 1,
                b"testsuite" => suites += 1,
                b"testsuites" => {
                    let tests = e.try_get_attribute("tests").unwrap().unwrap();
                    assert_eq!(&*tests.value, b"7");
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!((cases, failures, suites), (7, 5, 3));
}

#[test]
fn test_formats_tap_and_junit_belong_to_test_only() {
    let run = augur(&["run", DESIGN, "--format", "tap"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("[possible values: text, json]"));
}

#[test]
fn open_questions_are_left_open() {
    let why = augur(&["why", "trump defends guyana", "tests/data/open.augur"]);
    assert_eq!(why.code, 1);
    assert!(
        why.stdout.contains("is left open by the analysis"),
        "{}",
        why.stdout
    );
    assert!(
        why.stdout
            .contains("cites seed: \"It remains to be seen how Trump would react\""),
        "{}",
        why.stdout
    );
    let (v, _) = json(&["why-not", "trump defends guyana", "tests/data/open.augur"]);
    assert_eq!(v["tree"]["status"], "left_open");
    assert_eq!(v["tree"]["cites"][0]["document"], "seed");
}

#[test]
fn snapshots_fail_when_missing_or_changed_and_bless_is_byte_stable() {
    let dir = temp_dir("snapshots");
    std::fs::create_dir_all(&dir).unwrap();
    let d = dir.to_str().unwrap();
    let missing = augur(&["test", DESIGN, "--snapshot", d]);
    assert_eq!(missing.code, 1, "{}", missing.stdout);
    assert!(
        missing
            .stdout
            .contains("snapshot trump_second_term ... MISSING")
    );
    assert_eq!(augur(&["test", DESIGN, "--snapshot", d, "--bless"]).code, 0);
    let first = std::fs::read(dir.join("trump_second_term.snap")).unwrap();
    assert_eq!(augur(&["test", DESIGN, "--snapshot", d, "--bless"]).code, 0);
    assert_eq!(
        std::fs::read(dir.join("trump_second_term.snap")).unwrap(),
        first,
        "blessing twice is byte-stable"
    );
    assert_eq!(augur(&["test", DESIGN, "--snapshot", d]).code, 0);
    let text = String::from_utf8(first).unwrap();
    assert!(
        text.contains("china gains_influence_in latin_america | likely | rivals_fill_gap\n"),
        "{text}"
    );
    std::fs::write(
        dir.join("trump_second_term.snap"),
        text.replace(
            "| likely | rivals_fill_gap",
            "| very_likely | rivals_fill_gap",
        ),
    )
    .unwrap();
    std::fs::write(
        dir.join("gone.snap"),
        "# augur snapshot of scenario gone\n# a scenario that no longer exists\n",
    )
    .unwrap();
    let changed = augur(&["test", DESIGN, "--snapshot", d]);
    assert_eq!(changed.code, 1);
    assert!(
        changed
            .stdout
            .contains("snapshot trump_second_term ... CHANGED"),
        "{}",
        changed.stdout
    );
    assert!(
        changed
            .stdout
            .contains("  ~ china gains_influence_in latin_america  very_likely -> likely\n"),
        "a changed likelihood is one paired line: {}",
        changed.stdout
    );
    assert!(!changed.stdout.contains("  - china gains_influence_in"));
    assert!(!changed.stdout.contains("  + china gains_influence_in"));
    assert!(changed.stdout.contains("gone.snap ... STALE"));
    assert_eq!(augur(&["test", DESIGN, "--snapshot", d, "--bless"]).code, 0);
    assert!(
        !dir.join("gone.snap").exists(),
        "bless removes stale snapshots"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn coverage_lists_rules_no_test_exercises() {
    let (v, _) = json(&["test", WHYNOT_TESTED, "--coverage"]);
    let cov = &v["coverage"];
    assert_eq!(cov["total"], 4);
    assert_eq!(cov["covered"], 3);
    assert_eq!(cov["percent"], 75.0);
    let unfired: Vec<&str> = cov["rules"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["fired"] == false)
        .map(|r| r["rule"].as_str().unwrap())
        .collect();
    assert_eq!(unfired, ["europe_only"]);
    let text = augur(&["test", WHYNOT_TESTED, "--coverage"]);
    assert!(
        text.stdout
            .contains("coverage: 3 of 4 rules fired in a tested scenario (75.0%)"),
        "{}",
        text.stdout
    );
    assert!(
        text.stdout
            .contains("never fired: rule europe_only at tests/data/whynot-tested.augur:12"),
        "{}",
        text.stdout
    );
}

const WHYNOT_TESTED: &str = "tests/data/whynot-tested.augur";

#[test]
fn quotes_are_verified_against_the_document_text() {
    let ok = augur(&["check", "--deny-warnings", "tests/data/quotes/good.augur"]);
    assert_eq!(ok.code, 0, "{}", ok.stderr);
    let bad = augur(&["check", "tests/data/quotes/bad.augur"]);
    assert_eq!(bad.code, 0, "a wrong quote is a warning");
    assert!(
        bad.stderr.contains("quote not found in `article.txt`"),
        "{}",
        bad.stderr
    );
    assert!(
        bad.stderr
            .contains("the closest passage is: \"A disinterested U.S. policy"),
        "{}",
        bad.stderr
    );
    assert_eq!(
        augur(&["check", "--deny-warnings", "tests/data/quotes/bad.augur"]).code,
        2
    );
}

#[test]
fn a_missing_source_is_a_note_unless_required() {
    let note = augur(&[
        "check",
        "--deny-warnings",
        "tests/data/quotes/elsewhere.augur",
    ]);
    assert_eq!(note.code, 0, "{}", note.stderr);
    assert!(
        note.stderr.contains("cannot find `moved.txt`"),
        "{}",
        note.stderr
    );
    let required = augur(&[
        "check",
        "--require-sources",
        "tests/data/quotes/elsewhere.augur",
    ]);
    assert_eq!(required.code, 2);
    let found = augur(&[
        "check",
        "--deny-warnings",
        "--require-sources",
        "--sources",
        "tests/data/quotes/texts",
        "tests/data/quotes/elsewhere.augur",
    ]);
    assert_eq!(found.code, 0, "{}", found.stderr);
}
