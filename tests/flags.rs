//! Flags and diagnostics of every command (issue 9, sections 6 and 8): formats offered only
//! where they work, usage errors for ignored combinations, `--color`, `--quiet`,
//! `--sources` and `--require-sources` everywhere, JSON diagnostics with lines and columns,
//! closest passages, documented JSON key order, and conflicts without variables.

mod common;

use common::{DESIGN, augur};
use serde_json::Value;

const CITED: &str = "tests/data/quotes/cited.augur";
const TEXTS: &str = "tests/data/quotes/texts";

/// The positions of `keys` (as JSON keys) in `text`, searched in order from `from`; panics
/// unless each comes after the one before.
fn keys_in_order(text: &str, from: usize, keys: &[&str]) {
    let mut at = from;
    for key in keys {
        let found = text[at..]
            .find(&format!("\"{key}\":"))
            .unwrap_or_else(|| panic!("`{key}` after byte {at} in:\n{text}"));
        at += found + 1;
    }
}

#[test]
fn tap_and_junit_are_offered_by_test_only() {
    let run = augur(&["run", DESIGN, "--format", "tap"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("[possible values: text, json]"),
        "{}",
        run.stderr
    );
    assert!(!augur(&["run", "--help"]).stdout.contains("junit"));
    assert!(augur(&["test", "--help"]).stdout.contains("junit"));
    let tap = augur(&["test", DESIGN, "--format", "tap"]);
    assert!(tap.stdout.starts_with("TAP version 14"), "{}", tap.stderr);
    // Before the command, `--format` takes what every command writes.
    assert_eq!(augur(&["--format", "junit", "test", DESIGN]).code, 2);
    let json = augur(&["--format", "json", "test", DESIGN]);
    assert!(serde_json::from_str::<Value>(&json.stdout).is_ok());
    // After the command, it wins over the one before.
    let text = augur(&["--format", "json", "check", DESIGN, "--format", "text"]);
    assert!(text.stdout.starts_with("ok:"), "{}", text.stdout);
}

#[test]
fn ignored_flag_combinations_are_usage_errors() {
    let atom = "china gains_influence_in latin_america";
    let run = augur(&[
        "why",
        atom,
        DESIGN,
        "-s",
        "trump_second_term",
        "--max-proofs",
        "3",
    ]);
    assert_eq!(run.code, 2, "--max-proofs needs --all-proofs");
    assert!(run.stderr.contains("--all-proofs"), "{}", run.stderr);
    let with = augur(&[
        "why",
        atom,
        DESIGN,
        "-s",
        "trump_second_term",
        "--all-proofs",
        "--max-proofs",
        "3",
    ]);
    assert_eq!(with.code, 0, "{}", with.stderr);
    let both = augur(&["run", DESIGN, "--all", "--stats", "--profile"]);
    assert_eq!(both.code, 2);
    assert!(
        both.stderr.contains("cannot be used with"),
        "{}",
        both.stderr
    );
}

#[test]
fn color_is_chosen_by_flag() {
    let warn = "tests/cases/not-assumable-warn.augur";
    let always = augur(&["check", warn, "--color", "always"]);
    assert!(always.stderr.contains('\u{1b}'), "{}", always.stderr);
    let never = augur(&["--color", "never", "check", warn]);
    assert!(!never.stderr.contains('\u{1b}'));
    // `auto` on a pipe (and with NO_COLOR) is plain.
    assert!(!augur(&["check", warn]).stderr.contains('\u{1b}'));
    assert_eq!(augur(&["check", warn, "--color", "sometimes"]).code, 2);
}

#[test]
fn quiet_drops_warnings_but_not_results_or_errors() {
    let warn = "tests/cases/not-assumable-warn.augur";
    let loud = augur(&["check", warn]);
    assert!(loud.stderr.contains("not_assumable"), "{}", loud.stderr);
    let quiet = augur(&["check", warn, "--quiet"]);
    assert_eq!(quiet.stderr, "");
    assert_eq!(quiet.stdout, loud.stdout);
    let run = augur(&["-q", "test", CITED]);
    assert!(run.stdout.contains("1 passed"), "{}", run.stdout);
    let error = augur(&["check", "--quiet", "tests/cases/unsafe-variable-err.augur"]);
    assert_eq!(error.code, 2);
    assert!(error.stderr.contains("unsafe_variable"));
}

#[test]
fn every_command_that_loads_files_takes_sources() {
    let atom = "china gains_influence_in latin_america";
    let commands: [&[&str]; 6] = [
        &["check", CITED],
        &["run", CITED],
        &["why", atom, CITED, "-s", "retreat"],
        &["why-not", atom, CITED, "-s", "calm"],
        &["diff", "calm", "retreat", CITED],
        &["test", CITED],
    ];
    for args in commands {
        let name = args[0];
        // The seed's text is elsewhere: required, it is an error on every command.
        let required = augur(&[args, &["--require-sources"]].concat());
        assert_eq!(required.code, 2, "{name}: {}", required.stderr);
        assert!(required.stderr.contains("source_required"), "{name}");
        // Found with --sources, only the document without a file is left.
        let found = augur(&[args, &["--require-sources", "--sources", TEXTS]].concat());
        assert_eq!(found.code, 2, "{name}");
        assert!(
            !found.stderr.contains("source_required"),
            "{name}: {}",
            found.stderr
        );
        assert!(
            found.stderr.contains("augur::check::no_source_file")
                && found
                    .stderr
                    .contains("document `notes` is cited but names no text file"),
            "{name}: {}",
            found.stderr
        );
        // Not required: a command runs, and says nothing of texts it cannot find.
        let plain = augur(&[args, &["--sources", TEXTS]].concat());
        assert_ne!(plain.code, 2, "{name}: {}", plain.stderr);
        assert!(!plain.stderr.contains("notes"), "{name}: {}", plain.stderr);
    }
}

#[test]
fn quotes_are_verified_by_every_command() {
    let run = augur(&["run", "tests/data/quotes/bad.augur"]);
    assert_eq!(run.code, 0);
    assert!(run.stderr.contains("quote_not_found"), "{}", run.stderr);
}

#[test]
fn the_closest_passage_is_shown_for_a_near_fragment() {
    let run = augur(&["check", "tests/data/quotes/fragments.augur"]);
    for passage in [
        "\"competitors such as Russia and China, even Iran, fill in the gaps.\"",
        "\"Amidst the prevailing uncertainty\"",
        "\"the region is \"largely economic\"\"",
    ] {
        let flat = run.stderr.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            flat.contains(&format!("the closest passage is: {passage}")),
            "{passage}:\n{}",
            run.stderr
        );
    }
}

#[test]
fn json_diagnostics_place_every_label() {
    let run = augur(&[
        "check",
        "--format",
        "json",
        "tests/cases/arity-one-argument-err.augur",
    ]);
    assert_eq!(run.code, 2);
    let v: Value = serde_json::from_str(&run.stderr).unwrap();
    let d = &v["related"][0];
    assert_eq!(d["code"], "augur::check::arity_mismatch");
    let labels = d["labels"].as_array().unwrap();
    assert_eq!(labels.len(), 2);
    let places: Vec<(i64, i64)> = labels
        .iter()
        .map(|l| {
            assert_eq!(l["file"], "tests/cases/arity-one-argument-err.augur");
            (l["line"].as_i64().unwrap(), l["column"].as_i64().unwrap())
        })
        .collect();
    assert_eq!(places, [(3, 6), (2, 6)], "the offending use first");
    assert_eq!(labels[0]["label"], "2 arguments here");
    assert_eq!(labels[1]["label"], "first used with 1 argument here");
    // Columns count characters, not bytes.
    let syntax = augur(&[
        "--format",
        "json",
        "check",
        "tests/cases/uppercase-name-err.augur",
    ]);
    let v: Value = serde_json::from_str(&syntax.stderr).unwrap();
    let label = &v["related"][0]["labels"][0];
    assert_eq!(
        (label["line"].as_i64(), label["column"].as_i64()),
        (Some(1), Some(6))
    );
}

#[test]
fn json_keys_follow_the_documented_order() {
    let run = augur(&["--format", "json", "run", "rules", "--all"]);
    keys_in_order(
        &run.stdout,
        0,
        &[
            "scenarios",
            "name",
            "conclusions",
            "atom",
            "likelihood",
            "conflicts",
            "tensions",
            "open",
        ],
    );
    let at = run.stdout.find("\"tensions\": [\n").unwrap();
    keys_in_order(
        &run.stdout,
        at,
        &["name", "bindings", "likelihood", "cites", "proofs"],
    );
    let ground = augur(&[
        "--format",
        "json",
        "run",
        "tests/data/ground_conflict.augur",
    ]);
    let at = ground.stdout.find("\"conflicts\": [\n").unwrap();
    keys_in_order(
        &ground.stdout,
        at,
        &["name", "bindings", "likelihood", "proofs"],
    );
    let atom = "china gains_influence_in latin_america";
    let why = augur(&[
        "--format",
        "json",
        "why",
        atom,
        DESIGN,
        "-s",
        "trump_second_term",
    ]);
    keys_in_order(
        &why.stdout,
        0,
        &[
            "atom",
            "scenario",
            "holds",
            "likelihood",
            "proof",
            "atom",
            "likelihood",
            "by",
            "rule",
            "file",
            "line",
            "likelihood",
            "cites",
            "premises",
        ],
    );
    let why_not = augur(&[
        "--format",
        "json",
        "why-not",
        atom,
        DESIGN,
        "-s",
        "status_quo",
    ]);
    keys_in_order(
        &why_not.stdout,
        0,
        &[
            "atom",
            "scenario",
            "nearest_misses",
            "tree",
            "atom",
            "status",
            "rules",
            "rule",
            "file",
            "line",
            "likelihood",
            "premises",
            "atom",
            "status",
        ],
    );
    let test = augur(&["--format", "json", "test", DESIGN]);
    keys_in_order(
        &test.stdout,
        0,
        &[
            "tests", "name", "scenario", "ok", "location", "failures", "passed", "failed",
        ],
    );
}

#[test]
fn a_conflict_without_variables_has_no_dangling_bindings() {
    let run = augur(&["test", "tests/data/ground_conflict.augur"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout
            .contains("\nconflict retreat_and_pressure holds\n"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("holds with"), "{}", run.stdout);
}

#[test]
fn output_that_is_not_a_terminal_is_not_wrapped() {
    let run = augur(&[
        "why",
        "latam_alliances become uncertain",
        "--scenario",
        "article_present",
    ]);
    assert!(
        run.stdout.lines().any(|l| l.chars().count() > 200),
        "a long quote stays on one line in a pipe:\n{}",
        run.stdout
    );
}
