//! Issue #10, D2 D3 D4 D5 D8: `why`, `why --all-proofs` and `why-not` stay bounded on inputs
//! built to blow them up, their counts are right, and every bound they have bites at its
//! limit. Large inputs are generated here; each run has a generous time bound that only a
//! hang would meet.

mod common;

use std::path::PathBuf;
use std::time::Duration;

use serde_json::Value;

/// Runs the binary on `args` with a 60-second bound; returns stdout, stderr and the code.
fn bounded(args: &[&str]) -> (String, String, i32) {
    let out = assert_cmd::Command::cargo_bin("augur")
        .unwrap_or_else(|e| panic!("{e}"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap_or_else(|e| panic!("augur {args:?} did not finish: {e}"));
    let code = out.status.code();
    let Some(code) = code else {
        panic!("augur {args:?} was stopped after 60 s (a hang) or by a signal");
    };
    let stdout = String::from_utf8(out.stdout).unwrap_or_else(|e| panic!("{e}"));
    let stderr = String::from_utf8(out.stderr).unwrap_or_else(|e| panic!("{e}"));
    (stdout, stderr, code)
}

fn bounded_json(args: &[&str]) -> Value {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let (stdout, stderr, _) = bounded(&all);
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout:.2000}\n{stderr}"))
}

/// A top-level field of a pretty-printed JSON answer whose proofs nest deeper than
/// `serde_json` parses by default (128 levels; a proof is folded at 256).
fn top(args: &[&str], key: &str) -> Value {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let (stdout, stderr, _) = bounded(&all);
    let prefix = format!("  \"{key}\": ");
    let line = stdout
        .lines()
        .find_map(|l| l.strip_prefix(&prefix))
        .unwrap_or_else(|| panic!("no {key} in {stdout:.2000}\n{stderr}"));
    serde_json::from_str(line.trim_end_matches(',')).unwrap_or_else(|e| panic!("{e}: {line}"))
}

/// Writes a generated rule file; returns its path.
fn generated(dir: &str, name: &str, text: &str) -> PathBuf {
    let dir = common::temp_dir(dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
    path
}

fn path_str(p: &std::path::Path) -> &str {
    p.to_str().unwrap_or_else(|| panic!("a UTF-8 path"))
}

/// A chain `x c0 <- x c1 <- ... <- x cN`, with `x cN` a fact when `grounded`.
fn chain(n: usize, grounded: bool) -> String {
    let mut text = String::new();
    if grounded {
        text.push_str(&format!("fact x c{n}\n"));
    } else {
        text.push_str(&format!("assumable x c{n}\n"));
    }
    for i in 0..n {
        text.push_str(&format!("rule r{i}: x c{} implies x c{i}\n", i + 1));
    }
    text
}

// ---- D5: the count is right ----

#[test]
fn trap8_counts_one_proof_exactly() {
    let (stdout, _, code) = bounded(&[
        "why",
        "t reach",
        "tests/data/repro/trap8.augur",
        "--all-proofs",
    ]);
    assert_eq!(code, 0);
    assert!(stdout.starts_with("proof 1 of 1:\n"), "{stdout}");
    assert!(!stdout.contains("more not shown"), "{stdout}");
    let v = bounded_json(&[
        "why",
        "t reach",
        "tests/data/repro/trap8.augur",
        "--all-proofs",
    ]);
    assert_eq!(v["total"], 1);
    assert_eq!(v["exact"], true);
}

#[test]
fn a_chain_longer_than_the_fold_depth_has_its_one_proof() {
    let path = generated("chain300", "chain.augur", &chain(300, true));
    let args = ["why", "x c0", path_str(&path), "--all-proofs"];
    assert_eq!(top(&args, "total"), 1);
    assert_eq!(top(&args, "exact"), true);
    let (stdout, _, _) = bounded(&args);
    assert!(stdout.starts_with("proof 1 of 1:\n"), "{stdout:.300}");
}

// ---- D2: enumeration stops at --max-proofs, counting never enumerates ----

#[test]
fn trap10_answers_at_once_with_max_proofs_1() {
    let v = bounded_json(&[
        "why",
        "b0 reach",
        "tests/data/repro/trap10.augur",
        "--all-proofs",
        "--max-proofs",
        "1",
    ]);
    assert_eq!(v["proofs"].as_array().map(Vec::len), Some(1));
    assert_eq!(v["total"], 1);
    assert_eq!(v["exact"], true);
}

/// 300 diamonds in a row: 2^300 proofs, each 600 steps long.
fn lattice(depth: usize) -> String {
    let mut text =
        String::from("fact x0 reach\nrule step: ?x reach and ?x e ?y implies ?y reach\n");
    for k in 0..depth {
        let next = k + 1;
        text.push_str(&format!(
            "fact x{k} e a{k}\nfact x{k} e b{k}\nfact a{k} e x{next}\nfact b{k} e x{next}\n"
        ));
    }
    text
}

#[test]
fn a_diamond_lattice_300_deep_is_counted_capped_not_enumerated() {
    let path = generated("lattice", "lattice.augur", &lattice(300));
    let args = [
        "why",
        "x300 reach",
        path_str(&path),
        "--all-proofs",
        "--max-proofs",
        "2",
    ];
    let (stdout, _, code) = bounded(&args);
    assert_eq!(code, 0);
    assert!(
        stdout.starts_with("proof 1 of 18446744073709551615+:\n"),
        "{stdout:.300}"
    );
    assert!(stdout.contains("proof 2 of 18446744073709551615+:\n"));
    assert!(stdout.contains("(at least 18446744073709551613 more not shown; raise --max-proofs"));
    assert_eq!(top(&args, "total").as_u64(), Some(u64::MAX));
    assert_eq!(top(&args, "exact"), false);
    // A 14-deep lattice is counted exactly: 2^14.
    let path = generated("lattice14", "lattice.augur", &lattice(14));
    let args = ["why", "x14 reach", path_str(&path), "--all-proofs"];
    assert_eq!(top(&args, "total"), 16_384);
    assert_eq!(top(&args, "exact"), true);
    let (stdout, _, _) = bounded(&args);
    assert_eq!(stdout.matches(" of 16384:\n").count(), 20);
}

#[test]
fn max_proofs_shows_that_many_at_the_boundary() {
    // diamond.augur: four proofs of `b reached`.
    for (max, shown, cut) in [("3", 3, Some(1)), ("4", 4, None), ("5", 4, None)] {
        let args = [
            "why",
            "b reached",
            "tests/data/diamond.augur",
            "--all-proofs",
            "--max-proofs",
            max,
        ];
        let (stdout, _, code) = bounded(&args);
        assert_eq!(code, 0);
        assert_eq!(stdout.matches(" of 4:\n").count(), shown, "{stdout}");
        match cut {
            Some(n) => assert!(stdout.contains(&format!("({n} more not shown")), "{stdout}"),
            None => assert!(!stdout.contains("more not shown"), "{stdout}"),
        }
    }
}

#[test]
fn max_proofs_is_at_most_1000() {
    for (max, ok) in [("999", true), ("1000", true), ("1001", false), ("0", false)] {
        let (stdout, stderr, code) = bounded(&[
            "why",
            "b reached",
            "tests/data/diamond.augur",
            "--all-proofs",
            "--max-proofs",
            max,
        ]);
        if ok {
            assert_eq!(code, 0, "{stderr}");
            assert_eq!(stdout.matches(" of 4:\n").count(), 4);
        } else {
            assert_eq!(code, 2, "--max-proofs {max}");
            assert!(stderr.contains("1..=1000"), "{stderr}");
        }
    }
}

// ---- D4: no recursion the input controls ----

#[test]
fn why_on_a_chain_of_20000_rules_folds_and_serializes() {
    let path = generated("chain20k", "chain.augur", &chain(20_000, true));
    let (stdout, stderr, code) = bounded(&["why", "x c0", path_str(&path)]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("… proof 19744 levels deep, folded"),
        "{stdout:.500}"
    );
    assert!(stdout.lines().count() < 1_000);
    assert_eq!(top(&["why", "x c0", path_str(&path)], "holds"), true);
    let args = ["why", "x c0", path_str(&path), "--all-proofs"];
    assert_eq!(top(&args, "total"), 1);
    assert_eq!(top(&args, "exact"), true);
}

/// `x goal` from 50 premises, each the end of a chain: 49 chains of 200 rules and one of
/// `last`, so that its proof has `1 + 9800 + last` rule applications.
fn wide(last: usize) -> String {
    let mut text = String::new();
    let premises: Vec<String> = (0..50).map(|i| format!("x q{i}_0")).collect();
    text.push_str(&format!(
        "rule goal: {} implies x goal\n",
        premises.join(" and ")
    ));
    for i in 0..50 {
        let len = if i == 49 { last } else { 200 };
        for j in 0..len {
            text.push_str(&format!(
                "rule q{i}_{j}: x q{i}_{} implies x q{i}_{j}\n",
                j + 1
            ));
        }
        text.push_str(&format!("fact x q{i}_{len}\n"));
    }
    text
}

#[test]
fn a_proof_shows_at_most_10000_rule_applications() {
    for (last, steps) in [(198, 9_999), (199, 10_000), (200, 10_001)] {
        let path = generated(&format!("wide{last}"), "wide.augur", &wide(last));
        let (stdout, stderr, code) = bounded(&["why", "x goal", path_str(&path)]);
        assert_eq!(code, 0, "{stderr}");
        assert_eq!(stdout.matches("by rule ").count(), steps.min(10_000));
        assert_eq!(stdout.contains("folded"), steps > 10_000, "{steps} steps");
    }
    // An atom that needs two others, each needing two, 40 times over: 2^40 leaves.
    let mut text = String::from("fact x0 p\n");
    for k in 0..40 {
        text.push_str(&format!(
            "rule a{k}: x{k} p implies a{k} p\nrule b{k}: x{k} p implies b{k} p\n\
             rule j{k}: a{k} p and b{k} p implies x{} p\n",
            k + 1
        ));
    }
    let path = generated("and-lattice", "lattice.augur", &text);
    let (stdout, _, code) = bounded(&["why", "x40 p", path_str(&path)]);
    assert_eq!(code, 0);
    assert_eq!(stdout.matches("by rule ").count(), 10_000);
    assert!(stdout.contains("folded"));
}

#[test]
fn why_not_depth_is_at_most_30() {
    let path = generated("chain20k-open", "chain.augur", &chain(20_000, false));
    for (depth, ok) in [("29", true), ("30", true), ("31", false), ("7000", false)] {
        let mut args = vec!["why-not", "x c0", path_str(&path), "--depth", depth];
        if !ok {
            let (_, stderr, code) = bounded(&args);
            assert_eq!(code, 2, "--depth {depth}");
            assert!(stderr.contains("0..=30"), "{stderr}");
            continue;
        }
        let (stdout, _, code) = bounded(&args);
        assert_eq!(code, 0);
        let depth: usize = depth.parse().unwrap_or_else(|e| panic!("{e}"));
        // One line per level, and a note where the depth stops it.
        assert!(
            stdout.contains("not explored further (raise --depth)"),
            "{stdout}"
        );
        assert!(stdout.lines().count() < 4 * depth + 10, "{stdout}");
        args.splice(0..0, ["--format", "json"]);
        let (json, _, _) = bounded(&args);
        assert!(json.len() < 1_000_000, "{} bytes", json.len());
        serde_json::from_str::<Value>(&json).unwrap_or_else(|e| panic!("{e}"));
    }
}

// ---- D3: why-not shares repeated subtrees and caps its size ----

/// `x g` from `rules` rules of `width` premises each, over `levels` levels of atoms
/// concluded the same way; the last level's atoms are assumable, none assumed.
fn fan(levels: usize, width: usize, rules: usize) -> String {
    let mut text = String::from("fact x base\n");
    let name = |level: usize, i: usize| match level {
        0 => "g".to_owned(),
        _ => format!("p{level}_{i}"),
    };
    for level in 0..levels {
        let atoms = if level == 0 { 1 } else { width };
        for i in 0..atoms {
            for r in 0..rules {
                let premises: Vec<String> = (0..width)
                    .map(|j| format!("?x {}", name(level + 1, j)))
                    .collect();
                text.push_str(&format!(
                    "rule {}_r{r}: ?x base and {} implies ?x {}\n",
                    name(level, i),
                    premises.join(" and "),
                    name(level, i)
                ));
            }
        }
    }
    for j in 0..width {
        text.push_str(&format!("assumable x {}\n", name(levels, j)));
    }
    text
}

#[test]
fn why_not_on_wnexp_explains_each_atom_once() {
    // wnexp.augur's shape: 5 levels, 5 premises, 8 rules per atom.
    let path = generated("wnexp", "wnexp.augur", &fan(5, 5, 8));
    let (stdout, _, code) = bounded(&["why-not", "x g", path_str(&path)]);
    assert_eq!(code, 0);
    assert!(
        stdout.lines().count() < 3_000,
        "{} lines",
        stdout.lines().count()
    );
    assert!(stdout.contains("✗ x p1_0  (#1)"), "{stdout:.3000}");
    assert!(stdout.contains("✗ x p1_0  (see #1)"), "{stdout:.3000}");
    let v = bounded_json(&["why-not", "x g", path_str(&path)]);
    assert_eq!(v["tree"]["rules"][0]["premises"][1]["id"], 1);
    assert_eq!(v["tree"]["rules"][1]["premises"][1]["same_as"], 1);
    // wnexp2.augur's shape, one level deeper than the default depth.
    let path = generated("wnexp2", "wnexp2.augur", &fan(6, 4, 8));
    let (stdout, _, code) = bounded(&["why-not", "x g", path_str(&path), "--depth", "5"]);
    assert_eq!(code, 0);
    assert!(
        stdout.lines().count() < 3_000,
        "{} lines",
        stdout.lines().count()
    );
}

#[test]
fn a_failing_test_on_wnexp_shows_a_bounded_why_not() {
    let mut text = fan(5, 5, 8);
    text.push_str("scenario default {}\ntest \"g\" in default { expect x g }\n");
    let path = generated("wnexp-test", "wnexp.augur", &text);
    let (stdout, stderr, code) = bounded(&["test", path_str(&path)]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stdout.contains("(see #1)"), "{stdout:.3000}");
    assert!(
        stdout.lines().count() < 3_000,
        "{} lines",
        stdout.lines().count()
    );
}

/// The number of nodes of a why-not tree (objects with a status).
fn nodes(v: &Value) -> usize {
    match v {
        Value::Object(m) => {
            usize::from(m.contains_key("status"))
                + m.iter()
                    .filter(|(k, _)| k.as_str() != "proof")
                    .map(|(_, v)| nodes(v))
                    .sum::<usize>()
        }
        Value::Array(a) => a.iter().map(nodes).sum(),
        _ => 0,
    }
}

#[test]
fn max_nodes_bites_at_its_limit() {
    // x c0 <- x c1 <- x c2 <- x c3 (assumable): four nodes at depth 4.
    let path = generated("nodes", "chain.augur", &chain(3, false));
    let p = path_str(&path);
    let full = bounded_json(&["why-not", "x c0", p]);
    assert_eq!(nodes(&full["tree"]), 4);
    for (max, cut) in [("3", 1), ("4", 0), ("5", 0)] {
        let v = bounded_json(&["why-not", "x c0", p, "--max-nodes", max]);
        assert_eq!(v["nodes_cut"], cut, "--max-nodes {max}: {v}");
        let (stdout, _, _) = bounded(&["why-not", "x c0", p, "--max-nodes", max]);
        assert_eq!(
            stdout.contains("1 more atom not explored: the answer is full (raise --max-nodes)"),
            cut == 1,
            "{stdout}"
        );
    }
}

#[test]
fn max_rules_bites_at_its_limit() {
    let text = "assumable x a\nrule r1: x a implies x goal\nrule r2: x a implies x goal\n\
                rule r3: x a implies x goal\n";
    let path = generated("rules", "rules.augur", text);
    for (max, shown, cut) in [("2", 2, 1), ("3", 3, 0), ("4", 3, 0)] {
        let v = bounded_json(&["why-not", "x goal", path_str(&path), "--max-rules", max]);
        assert_eq!(v["tree"]["rules"].as_array().map(Vec::len), Some(shown));
        assert_eq!(v["tree"]["rules_cut"].as_u64().unwrap_or(0), cut);
    }
}

// ---- D8: what-if runs are bounded ----

#[test]
fn max_what_if_bites_at_its_limit() {
    // Three assumable premises: 3 single sets and 3 pairs fail, the triple works: 7 runs.
    let text = "assumable x a\nassumable x b\nassumable x c\n\
                rule want: x a and x b and x c implies x goal\n";
    let path = generated("whatif", "whatif.augur", text);
    for (max, found) in [("6", false), ("7", true), ("8", true)] {
        let v = bounded_json(&["why-not", "x goal", path_str(&path), "--max-what-if", max]);
        let misses = v["nearest_misses"].as_array().map_or(0, Vec::len);
        assert_eq!(misses == 1, found, "--max-what-if {max}: {v}");
        assert_eq!(v["miss_search"]["budget_reached"], !found);
        let (stdout, _, _) = bounded(&["why-not", "x goal", path_str(&path), "--max-what-if", max]);
        assert_eq!(
            stdout.contains("stopped after 6 what-if runs; raise --max-what-if"),
            !found,
            "{stdout}"
        );
    }
}

#[test]
fn what_if_runs_keep_the_callers_max_derived() {
    // whatif_tc.augur: `trigger p` starts a transitive closure over a 4,000-edge chain,
    // which `--max-derived 10000` stops in `run`; the what-if run adding it must stop too.
    let mut text = String::from(
        "assumable trigger p\nassumable other p\n\
         rule tc0: trigger p and ?x e ?y implies ?x path ?y\n\
         rule tc: ?x path ?y and ?y e ?z implies ?x path ?z\n\
         rule want: trigger p and other p implies goal q\n\
         scenario on { assume trigger p }\nscenario off {}\n",
    );
    for i in 0..4_000 {
        text.push_str(&format!("fact n{i} e n{}\n", i + 1));
    }
    let path = generated("whatif-tc", "whatif_tc.augur", &text);
    let p = path_str(&path);
    let (_, stderr, code) = bounded(&["run", p, "-s", "on", "--max-derived", "10000"]);
    assert_eq!(code, 2, "run stops at the limit: {stderr}");
    let args = [
        "why-not",
        "goal q",
        p,
        "-s",
        "off",
        "--max-derived",
        "10000",
    ];
    let v = bounded_json(&args);
    assert!(
        v["miss_search"]["stopped"].as_u64().unwrap_or(0) >= 1,
        "{v}"
    );
    let (stdout, _, code) = bounded(&args);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("stopped at an evaluation limit (--max-derived, --timeout)"),
        "{stdout}"
    );
}

#[test]
fn what_if_runs_keep_the_callers_max_derived_inside_a_join() {
    // whatif_boom.augur: `trigger p` joins three 2,000-fact relations (8 billion rows); the
    // what-if run adding it stops at the caller's limit while joining.
    let mut text = String::from(
        "assumable trigger p\nassumable other p\n\
         rule boom: trigger p and ?a u0 and ?b u1 and ?c u2 implies out(?a, ?b, ?c)\n\
         rule want: trigger p and other p implies goal q\n\
         scenario on { assume trigger p }\nscenario off {}\n",
    );
    for u in 0..3 {
        for i in 0..2_000 {
            text.push_str(&format!("fact c{i} u{u}\n"));
        }
    }
    let path = generated("whatif-boom", "whatif_boom.augur", &text);
    let args = [
        "why-not",
        "goal q",
        path_str(&path),
        "-s",
        "off",
        "--max-derived",
        "10000",
    ];
    let v = bounded_json(&args);
    assert_eq!(v["miss_search"]["stopped"], 2, "{v}");
    assert_eq!(v["nearest_misses"], serde_json::json!([]));
}
