//! `augur test` as an analyst relies on it: the expectation forms beyond holding, counts
//! that include snapshots, the insta-like review flow, `--filter`, `--list`, durations in
//! the machine formats only, and the same evidence in every format.

mod common;

use common::{DESIGN, augur, json, temp_dir};
use serde_json::Value;

const EXPECTATIONS: &str = "tests/data/expectations.augur";
const FAILING: &str = "tests/data/failing.augur";

/// Durations vary from run to run: blank them before comparing reports.
fn without_durations(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find("time=\"") {
        out.push_str(&rest[..i + 6]);
        rest = &rest[i + 6..];
        let end = rest.find('"').unwrap_or(rest.len());
        out.push('T');
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[test]
fn bounds_open_questions_and_absent_conflicts_pass_and_fail_with_evidence() {
    let run = augur(&["test", EXPECTATIONS]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout.ends_with("\n4 passed, 4 failed\n"),
        "{}",
        run.stdout
    );
    insta::assert_snapshot!(run.stdout);
    let (v, _) = json(&["test", EXPECTATIONS]);
    let by_name = |name: &str| -> Value {
        v["tests"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["name"] == name)
            .cloned()
            .unwrap()
    };
    for name in ["capped", "pinned", "undecided", "coherent"] {
        assert_eq!(by_name(name)["ok"], true, "{name}");
    }
    let evidence = |name: &str| by_name(name)["failures"][0]["evidence"].clone();
    assert_eq!(evidence("too strong")["kind"], "too_high");
    assert_eq!(evidence("too strong")["expected"], "unlikely");
    assert_eq!(evidence("not pinned")["kind"], "too_low");
    assert_eq!(evidence("decided after all")["kind"], "proof");
    assert_eq!(evidence("incoherent")["kind"], "conflict");
    assert_eq!(
        by_name("incoherent")["failures"][0]["expectation"],
        "expect not conflict split_alignment"
    );
    // An `expect not conflict` reports the conflict once, not also as unexpected.
    assert_eq!(
        by_name("incoherent")["failures"].as_array().unwrap().len(),
        1
    );
}

#[test]
fn a_failing_expect_conflict_shows_which_premises_of_its_body_fail() {
    let (v, _) = json(&["test", FAILING, "--filter", "no split"]);
    let evidence = &v["tests"][0]["failures"][0]["evidence"];
    assert_eq!(evidence["kind"], "conflict_why_not");
    let premises = &evidence["why_not"]["premises"];
    assert_eq!(premises[0]["atom"], "?c aligns_with us");
    assert_eq!(premises[0]["status"], "no_match");
    let text = augur(&["test", FAILING, "--filter", "no split"]);
    assert!(
        text.stdout.contains(
            "conflict split_alignment at tests/data/failing.augur:13\n├─ ✗ ?c aligns_with us\n"
        ),
        "{}",
        text.stdout
    );
}

#[test]
fn a_changed_snapshot_is_a_failure_and_waits_for_review() {
    let dir = temp_dir("runner-review");
    let d = dir.to_str().unwrap();
    let created = augur(&["test", DESIGN, "--snapshot", d, "--bless"]);
    assert_eq!(created.code, 0);
    assert!(
        created
            .stdout
            .contains("snapshots blessed: 0 updated, 3 created, 0 unchanged, 0 removed\n"),
        "{}",
        created.stdout
    );
    let snap = dir.join("trump_second_term.snap");
    let pending = dir.join("trump_second_term.snap.new");
    let good = std::fs::read_to_string(&snap).unwrap();
    std::fs::write(
        &snap,
        good.replace("| likely | rivals_fill_gap", "| unlikely | rivals_fill_gap"),
    )
    .unwrap();
    let changed = augur(&["test", DESIGN, "--snapshot", d]);
    assert_eq!(changed.code, 1);
    // 2 tests and 2 snapshots pass; the changed snapshot is counted as a failure.
    assert!(
        changed.stdout.ends_with("\n4 passed, 1 failed\n"),
        "{}",
        changed.stdout
    );
    assert!(changed.stdout.starts_with("running 2 tests, 3 snapshots\n"));
    assert_eq!(
        std::fs::read_to_string(&pending).unwrap(),
        good,
        "the new text waits beside it"
    );
    let review = augur(&["test", DESIGN, "--snapshot", d, "--review"]);
    assert_eq!(review.code, 0, "{}", review.stderr);
    let shown = review.stdout.replace(d, "DIR");
    insta::assert_snapshot!(shown);
    assert!(pending.exists(), "--review changes nothing");
    let (v, code) = json(&["test", DESIGN, "--snapshot", d, "--review"]);
    assert_eq!(code, 0);
    assert_eq!(v["pending"][0]["scenario"], "trump_second_term");
    assert_eq!(v["pending"][0]["replaces"], true);
    assert_eq!(
        v["pending"][0]["changed"][0],
        serde_json::json!({"key": "china gains_influence_in latin_america", "from": "unlikely", "to": "likely"})
    );
    let accept = augur(&["test", DESIGN, "--snapshot", d, "--accept"]);
    assert_eq!(accept.code, 0);
    assert!(
        accept.stdout.contains("accepted 1 pending change"),
        "{}",
        accept.stdout
    );
    assert!(!pending.exists());
    assert_eq!(std::fs::read_to_string(&snap).unwrap(), good);
    let again = augur(&["test", DESIGN, "--snapshot", d, "--review"]);
    assert!(
        again.stdout.starts_with("no pending snapshot changes"),
        "{}",
        again.stdout
    );
    // A stale `.new` goes once its snapshot matches again.
    std::fs::write(
        &pending,
        "# augur snapshot of scenario trump_second_term\nleft over\n",
    )
    .unwrap();
    let ok = augur(&["test", DESIGN, "--snapshot", d]);
    assert_eq!(ok.code, 0, "{}", ok.stdout);
    assert!(
        ok.stdout.ends_with("\n5 passed, 0 failed\n"),
        "{}",
        ok.stdout
    );
    assert!(!pending.exists());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn bless_counts_what_it_did_and_names_what_it_removed() {
    let dir = temp_dir("runner-bless");
    let d = dir.to_str().unwrap();
    assert_eq!(augur(&["test", DESIGN, "--snapshot", d, "--bless"]).code, 0);
    let snap = dir.join("status_quo.snap");
    std::fs::write(
        &snap,
        "# augur snapshot of scenario status_quo\n# an older text\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("gone.snap"),
        "# augur snapshot of scenario gone\n# a vanished scenario\n",
    )
    .unwrap();
    let run = augur(&["test", DESIGN, "--snapshot", d, "--bless"]);
    assert_eq!(run.code, 0);
    let gone = dir.join("gone.snap").display().to_string();
    assert!(
        run.stdout.contains(&format!(
            "snapshots blessed: 1 updated, 0 created, 2 unchanged, 1 removed ({gone})\n"
        )),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains(&format!("snapshot {gone} ... removed (no such scenario)\n"))
    );
    assert!(!dir.join("gone.snap").exists());
    let (v, _) = json(&["test", DESIGN, "--snapshot", d, "--bless"]);
    let statuses: Vec<&str> = v["snapshots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["unchanged", "unchanged", "unchanged"]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn filter_counts_what_it_leaves_out_and_warns_when_it_matches_nothing() {
    let run = augur(&["test", FAILING, "--filter", "passes"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stdout
            .ends_with("\n1 passed, 0 failed, 6 filtered out\n"),
        "{}",
        run.stdout
    );
    assert!(run.stderr.is_empty());
    let none = augur(&["test", FAILING, "--filter", "no such test"]);
    assert_eq!(none.code, 0);
    assert_eq!(
        none.stderr,
        "warning: filter `no such test` matches no test\n"
    );
    assert!(
        none.stdout
            .ends_with("\n0 passed, 0 failed, 7 filtered out\n")
    );
    // Snapshots are selected by scenario name.
    let dir = temp_dir("runner-filter");
    std::fs::create_dir_all(&dir).unwrap();
    let d = dir.to_str().unwrap();
    let (v, _) = json(&["test", DESIGN, "--snapshot", d, "--filter", "status_quo"]);
    assert_eq!(v["snapshots"].as_array().unwrap().len(), 1);
    assert_eq!(v["snapshots"][0]["scenario"], "status_quo");
    assert_eq!(v["tests"].as_array().unwrap().len(), 0);
    assert_eq!(v["summary"]["filtered_out"], 4);
    assert!(dir.join("status_quo.snap.new").exists());
    assert!(!dir.join("eu_steps_up.snap.new").exists());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn list_names_tests_and_snapshots_without_running() {
    let dir = temp_dir("runner-list");
    let d = dir.to_str().unwrap();
    let run = augur(&["test", DESIGN, "--snapshot", d, "--list"]);
    assert_eq!(run.code, 0);
    assert_eq!(
        run.stdout,
        "test rivals fill the gap under Trump (scenario trump_second_term)\n\
         test the status quo keeps rivals out (scenario status_quo)\n\
         snapshot status_quo\n\
         snapshot trump_second_term\n\
         snapshot eu_steps_up\n\
         \n\
         2 tests, 3 snapshots\n"
    );
    assert!(!dir.exists(), "listing writes nothing");
    let (v, _) = json(&["test", FAILING, "--list", "--filter", "rivals"]);
    assert_eq!(v["tests"].as_array().unwrap().len(), 3);
    assert_eq!(v["tests"][0]["location"]["line"], 26);
    assert_eq!(v["filtered_out"], 4);
    let tap = augur(&["test", FAILING, "--list", "--format", "tap"]);
    assert_eq!(tap.code, 2);
}

#[test]
fn durations_are_in_json_and_junit_only() {
    let (v, _) = json(&["test", FAILING]);
    for t in v["tests"].as_array().unwrap() {
        assert!(t["duration_ms"].as_f64().is_some_and(|d| d >= 0.0), "{t}");
    }
    let junit = augur(&["test", DESIGN, "--format", "junit"]);
    assert_eq!(junit.stdout.matches("<testcase ").count(), 2);
    assert_eq!(junit.stdout.matches(" time=\"").count(), 2 + 2 + 1);
    insta::assert_snapshot!(without_durations(&junit.stdout));
    let text = augur(&["test", FAILING]);
    assert!(!text.stdout.contains("duration") && !text.stdout.contains("time="));
}

#[test]
fn tap_and_junit_failures_carry_the_evidence_of_the_text_report() {
    let text = augur(&["test", FAILING]).stdout;
    let tap = augur(&["test", FAILING, "--format", "tap"]).stdout;
    let junit = augur(&["test", FAILING, "--format", "junit"]).stdout;
    // Each evidence line of the text report appears in TAP (indented in a YAML block)
    // and in JUnit (XML-escaped).
    for line in [
        "│ by rule rivals_fill_gap [likely] at tests/data/failing.augur:6",
        "   └─ ✗ us disengages_from latin_america",
        "conflict split_alignment holds (?c = brazil)",
        "├─ ✗ ?c aligns_with us",
        "it is likely, below very_likely; its strongest proof:",
    ] {
        assert!(text.contains(line), "text: {line}");
        assert!(
            tap.contains(&format!("        {line}\n")),
            "tap: {line}\n{tap}"
        );
        assert!(junit.contains(line), "junit: {line}");
    }
    assert!(
        tap.contains(
            "      evidence: |-\n        china gains_influence_in latin_america [likely]\n"
        )
    );
}

#[test]
fn machine_formats_count_snapshots_too() {
    let dir = temp_dir("runner-formats");
    std::fs::create_dir_all(&dir).unwrap();
    let d = dir.to_str().unwrap();
    let tap = augur(&["test", DESIGN, "--snapshot", d, "--format", "tap"]);
    assert_eq!(tap.code, 1);
    assert!(
        tap.stdout.starts_with("TAP version 14\n1..5\n"),
        "{}",
        tap.stdout
    );
    assert!(tap.stdout.contains("not ok 3 - snapshot status_quo\n"));
    assert!(
        tap.stdout.ends_with("# 2 passed, 3 failed\n"),
        "{}",
        tap.stdout
    );
    let junit = augur(&["test", DESIGN, "--snapshot", d, "--format", "junit"]);
    assert!(
        junit
            .stdout
            .contains("<testsuite name=\"snapshots\" tests=\"3\" failures=\"3\">")
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_tension_can_be_expected_absent_and_never_fails_a_test_unnamed() {
    let dir = temp_dir("runner-tension");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("t.augur");
    std::fs::write(
        &file,
        "assumable ?c aligns_with ?p\n\
         rule r: ?c aligns_with us implies ?c trades_with us\n\
         tension split { when ?c aligns_with us and ?c aligns_with china }\n\
         scenario both { assume brazil aligns_with us  assume brazil aligns_with china }\n\
         test \"unnamed\" in both { expect brazil trades_with us }\n\
         test \"absent\" in both { expect not tension split }\n",
    )
    .unwrap();
    let (v, code) = json(&["test", file.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_eq!(v["tests"][0]["ok"], true, "a tension fails no test");
    let failure = &v["tests"][1]["failures"][0];
    assert_eq!(failure["expectation"], "expect not tension split");
    assert_eq!(
        failure["message"],
        "tension `split` holds, but the test expects it not to"
    );
    assert_eq!(failure["evidence"]["kind"], "conflict");
    assert_eq!(failure["evidence"]["conflict_kind"], "tension");
    let text = augur(&["test", file.to_str().unwrap()]);
    assert!(
        text.stdout
            .contains("\ntension split holds (?c = brazil)\n"),
        "{}",
        text.stdout
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A conflict that holds for `n` countries, which a test expects not to hold.
fn split_for(n: usize) -> String {
    let mut text = "assumable ?c aligns_with ?p\n\
        conflict split { when ?c aligns_with us and ?c aligns_with china }\n\
        scenario s {\n"
        .to_owned();
    for k in 0..n {
        text.push_str(&format!(
            "  assume c{k:02} aligns_with us\n  assume c{k:02} aligns_with china\n"
        ));
    }
    text.push_str("}\ntest \"coherent\" in s { expect not conflict split }\n");
    text
}

#[test]
fn a_failing_test_shows_the_proofs_of_every_way_a_conflict_holds_up_to_a_cap() {
    let dir = temp_dir("runner-holdings");
    std::fs::create_dir_all(&dir).unwrap();
    let cap = 10;
    for n in [cap - 1, cap, cap + 1] {
        let file = dir.join(format!("split{n}.augur"));
        std::fs::write(&file, split_for(n)).unwrap();
        let f = file.to_str().unwrap();
        let run = augur(&["test", f]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        let shown = n.min(cap);
        for k in 0..n {
            let holds = format!("conflict split holds (?c = c{k:02})\n");
            let proof = format!("c{k:02} aligns_with china [certain]\n");
            // Each way shown carries its own proofs, not only the first one's.
            assert_eq!(
                run.stdout.contains(&holds),
                k < shown,
                "{n}: {}",
                run.stdout
            );
            assert_eq!(
                run.stdout.contains(&proof),
                k < shown,
                "{n}: {}",
                run.stdout
            );
        }
        let more = "and 1 more way it holds; `augur run --scenario s` lists every one\n";
        assert_eq!(run.stdout.contains(more), n > cap, "{n}: {}", run.stdout);
        let (v, _) = json(&["test", f]);
        let evidence = &v["tests"][0]["failures"][0]["evidence"];
        let holds = evidence["holds"].as_array().unwrap();
        assert_eq!(holds.len(), shown);
        assert_eq!(evidence["more"], n - shown);
        for (k, h) in holds.iter().enumerate() {
            assert_eq!(
                h["bindings"],
                serde_json::json!([["c", format!("c{k:02}")]])
            );
            assert_eq!(h["proofs"].as_array().unwrap().len(), 2);
            assert_eq!(h["proofs"][1]["atom"], format!("c{k:02} aligns_with china"));
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
