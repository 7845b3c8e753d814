//! Same input, same output (issue #10): every command gives byte-identical output from run
//! to run (each run is a new process, so a hash-order leak shows), answers do not change
//! when the files or the independent declarations are given in another order, and
//! `--profile` lists rules in an order that does not depend on timing.
//!
//! augur uses no thread pool (no rayon): the only threads are the parser's, for files over
//! 1 MB, cut at item boundaries and joined in order. So `RAYON_NUM_THREADS` changes nothing
//! and is not varied here; the run-to-run and permutation checks are what can fail.

#![expect(
    clippy::unwrap_used,
    reason = "helpers of tests: a failed unwrap fails the test"
)]

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::programs::{Prog, arb_prog};
use common::{augur, temp_dir};
use proptest::prelude::*;
use serde_json::Value;

/// Runs `augur ARGS` three times and returns the output, failing if any byte differs.
fn stable(args: &[&str]) -> String {
    let first = augur(args);
    for _ in 0..2 {
        let again = augur(args);
        assert_eq!(first.stdout, again.stdout, "stdout of {args:?} changed");
        assert_eq!(first.stderr, again.stderr, "stderr of {args:?} changed");
        assert_eq!(first.code, again.code);
    }
    format!("{}{}", first.stdout, first.stderr)
}

/// Test durations are measured: the one field that may differ.
fn without_durations(text: &str) -> String {
    text.lines()
        .filter(|l| !l.contains("duration_ms"))
        .map(|l| match l.find(" time=\"") {
            Some(i) => {
                let rest = &l[i + 7..];
                let end = rest.find('"').map_or(rest.len(), |e| e + 1);
                format!("{}{}", &l[..i], &rest[end..])
            }
            None => l.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn shipped_rules_give_byte_identical_output_every_run() {
    let commands: &[&[&str]] = &[
        &["run", "--all"],
        &["--format", "json", "run", "--all"],
        &[
            "why",
            "latam_alliances become uncertain",
            "--scenario",
            "article_present",
        ],
        &[
            "why",
            "--all-proofs",
            "argentina reconsiders_membership_in unasur",
            "--scenario",
            "article_present",
        ],
        &[
            "why-not",
            "china fills_gap_in latam_security",
            "--scenario",
            "us_status_quo",
        ],
        &[
            "--format",
            "json",
            "why-not",
            "china fills_gap_in latam_security",
            "--scenario",
            "us_status_quo",
        ],
        &["diff", "us_status_quo", "trump_isolationist", "--explain"],
        &[
            "--format",
            "json",
            "diff",
            "trump_isolationist",
            "us_status_quo",
        ],
        &["test", "--format", "tap"],
        &["test", "--coverage"],
        &["assumptions", "-s", "trump_isolationist", "--facts"],
        &["--format", "json", "assumptions", "-s", "eu_steps_up"],
        &["--format", "json", "run", "--all", "--prob"],
        &[
            "prob",
            "latin_america forges new_security_path",
            "-s",
            "trump_isolationist",
            "--samples",
            "50000",
            "--seed",
            "7",
        ],
        &[
            "sensitivity",
            "latin_america forges new_security_path",
            "-s",
            "trump_isolationist",
        ],
    ];
    for args in commands {
        stable(args);
    }
    let first = without_durations(&augur(&["test", "--format", "json"]).stdout);
    let again = without_durations(&augur(&["test", "--format", "json"]).stdout);
    assert_eq!(first, again);
}

/// The answers a program gives, in a form that does not depend on declaration order:
/// every scenario's conclusions, conflicts and open questions with their likelihoods, and
/// what `diff` finds changed between the first two scenarios.
fn answers(paths: &[&str]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut args = vec!["--format", "json", "run", "--all"];
    args.extend_from_slice(paths);
    let run = augur(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    for s in v["scenarios"].as_array().unwrap() {
        let name = &s["name"];
        for c in s["conclusions"].as_array().unwrap() {
            out.insert(format!("{name} {} {}", c["atom"], c["likelihood"]));
        }
        for c in s["conflicts"].as_array().unwrap() {
            out.insert(format!(
                "{name} conflict {} {} {}",
                c["name"], c["bindings"], c["likelihood"]
            ));
        }
        for o in s["open"].as_array().unwrap() {
            out.insert(format!("{name} open {o}"));
        }
    }
    let names: Vec<String> = v["scenarios"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap().to_owned())
        .collect();
    if let [a, b, ..] = names.as_slice() {
        let mut args = vec!["--format", "json", "diff", a.as_str(), b.as_str()];
        args.extend_from_slice(paths);
        let run = augur(&args);
        let d: Value = serde_json::from_str(&run.stdout).unwrap();
        for kind in ["gained", "lost", "changed"] {
            for c in d[kind].as_array().unwrap() {
                out.insert(format!(
                    "diff {kind} {} {} {}",
                    c["atom"], c["before"], c["after"]
                ));
            }
        }
    }
    out
}

#[test]
fn shipped_rules_answer_the_same_whatever_the_order_of_their_files() {
    let mut files: Vec<String> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("rules"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "augur"))
            .map(|p| format!("rules/{}", p.file_name().unwrap().to_str().unwrap()))
            .collect();
    files.sort();
    let sorted: Vec<&str> = files.iter().map(String::as_str).collect();
    let expected = answers(&sorted);
    assert!(expected.len() > 50, "{expected:?}");
    let reversed: Vec<&str> = sorted.iter().rev().copied().collect();
    assert_eq!(answers(&reversed), expected);
    let mut rotated = sorted.clone();
    rotated.rotate_left(sorted.len() / 2);
    assert_eq!(answers(&rotated), expected);
}

/// `text` with its one-line declarations (facts, assumables, assumptions, rules) shuffled by
/// `seed`; blocks stay as they are, after them.
fn shuffled(text: &str, seed: u64) -> String {
    let (mut lines, blocks): (Vec<&str>, Vec<&str>) = {
        let cut = text.find("scenario ").unwrap_or(text.len());
        (text[..cut].lines().collect(), vec![&text[cut..]])
    };
    let mut s = seed | 1;
    for i in (1..lines.len()).rev() {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        lines.swap(i, (s % (i as u64 + 1)) as usize);
    }
    format!("{}\n{}", lines.join("\n"), blocks.concat())
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_owned()
}

fn check_program(p: &Prog, seed: u64, dir: &Path) {
    let text = p.text_with_scenarios();
    let whole = write(dir, "whole.augur", &text);
    // Byte-identical from run to run, in every command that reads the program.
    stable(&["run", "--all", &whole]);
    stable(&["--format", "json", "run", "--all", &whole]);
    stable(&["diff", "s0", "s1", "--explain", &whole]);
    stable(&["assumptions", "-s", "s1", "--facts", &whole]);
    let expected = answers(&[&whole]);
    if let Some(atom) = expected.iter().find_map(|l| {
        l.strip_prefix("\"s1\" \"")
            .and_then(|r| r.split('"').next())
    }) {
        stable(&["why", "--all-proofs", atom, "--scenario", "s1", &whole]);
        stable(&["why-not", atom, "--scenario", "s0", &whole]);
    }
    // The same answers with the declarations in another order...
    let permuted = write(dir, "permuted.augur", &shuffled(&text, seed));
    assert_eq!(answers(&[&permuted]), expected, "{text}");
    // ...and split over two files given in either order.
    let cut = text.find("scenario ").unwrap_or(text.len());
    let half = text[..cut].rfind("\nrule ").map_or(0, |i| i + 1);
    let one = write(dir, "one.augur", &text[..half]);
    let two = write(dir, "two.augur", &text[half..]);
    assert_eq!(answers(&[&one, &two]), expected, "{text}");
    assert_eq!(answers(&[&two, &one]), expected, "{text}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn generated_programs_are_deterministic_and_order_free(p in arb_prog(), seed in any::<u64>()) {
        let dir = temp_dir("determinism");
        std::fs::create_dir_all(&dir).unwrap();
        check_program(&p, seed, &dir);
    }
}

/// `--profile` once listed rules slowest first, so rules of equal work came in a different
/// order on every run. Now: most derivations first, ties in declaration order.
#[test]
fn profile_order_is_by_work_then_declaration() {
    let mut text = String::new();
    for i in 0..60 {
        text += &format!("fact c{i} p\n");
    }
    // Forty rules of equal work, then ten of more, declared last.
    for r in 0..40 {
        text += &format!("rule r{r}: ?x p implies ?x q{r}\n");
    }
    for r in 40..50 {
        text += &format!("rule r{r}: ?x p implies ?x q{r}\nrule s{r}: ?x q{r} implies ?x t{r}\n");
    }
    let dir = temp_dir("profile-order");
    std::fs::create_dir_all(&dir).unwrap();
    let file = write(&dir, "profile.augur", &text);
    let listed = common::profile_rules(&["--format", "json", "run", "--profile", &file]);
    let mut expected = listed.clone();
    let declared = |name: &str| text.find(&format!("rule {name}:")).unwrap();
    expected.sort_by(|a, b| b.1.cmp(&a.1).then(declared(&a.0).cmp(&declared(&b.0))));
    assert_eq!(listed, expected);
    let names = |out: &str| -> Vec<String> {
        out.lines()
            .skip(1)
            .map(|l| l.split_whitespace().nth(2).unwrap().to_owned())
            .collect()
    };
    let text_run = augur(&["run", "--profile", &file]);
    assert_eq!(
        names(&text_run.stdout),
        expected.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>()
    );
}
