//! Checks that used to take minutes (issue #10, D12): each test generates an input the
//! checker before the fix took minutes or more on (a chain of `extends` was cubic, each
//! negation cycle searched every edge, each quote searched the document with a table of
//! its length times the quote's, each did-you-mean read every atom, each report counted
//! the lines of its file from the start), runs the binary on it with a generous timeout,
//! and checks that it finishes with the right answer. No test asserts a speed: the timeout
//! only catches a return of the super-linear step.

use std::fmt::Write as _;
use std::path::Path;
use std::time::Duration;

mod common;

/// Far above what each check takes now (seconds, in a debug build, on a busy machine), far
/// below what it took before the fix.
const PATIENCE: Duration = Duration::from_secs(120);

/// One big check at a time, so that the timeout measures one run, not four at once.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Exit code (none when killed at the timeout), stdout and stderr of `augur ARGS`.
fn augur(args: &[&str]) -> (Option<i32>, String, String) {
    let _turn = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let out = assert_cmd::Command::new(env!("CARGO_BIN_EXE_augur"))
        .args(args)
        .env("NO_COLOR", "1")
        .timeout(PATIENCE)
        .output()
        .unwrap_or_else(|e| panic!("augur runs: {e}"));
    let text = |b: Vec<u8>| String::from_utf8_lossy(&b).into_owned();
    (out.status.code(), text(out.stdout), text(out.stderr))
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{e}"));
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
    path.to_string_lossy().into_owned()
}

/// 20,000 scenarios, each extending the one before (the code before the fix took more
/// than two minutes on 8,000), and one cycle, found once.
#[test]
fn a_long_extends_chain_checks_in_linear_time() {
    let mut text = String::from("scenario s0 { }\n");
    for i in 1..20_000 {
        let _ = writeln!(text, "scenario s{i} extends s{} {{ }}", i - 1);
    }
    text.push_str("scenario x extends y { }\nscenario y extends x { }\n");
    let dir = common::temp_dir("scale-extends");
    let file = write(&dir, "chain.augur", &text);
    let (code, _, stderr) = augur(&["check", &file]);
    assert_eq!(code, Some(2), "{stderr}");
    assert_eq!(
        stderr.matches("augur::check::extends_cycle").count(),
        1,
        "{stderr}"
    );
    assert!(stderr.contains("x -> y -> x"), "{stderr}");
    let valid = write(
        &dir,
        "valid.augur",
        text.rsplit_once("scenario x").map_or("", |t| t.0),
    );
    let (code, stdout, stderr) = augur(&["check", &valid]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.contains("20000 scenarios"), "{stdout}");
    let _ = std::fs::remove_dir_all(dir);
}

/// 5,000 two-rule negation cycles, each reported with its own two rules (the code before
/// the fix took 15 s on 3,000, and did not finish 20,000 in five minutes).
#[test]
fn many_negation_cycles_are_each_reported_in_linear_time() {
    let mut text = String::new();
    for i in 0..5_000 {
        let _ = writeln!(
            text,
            "rule a{i}: not x{i} q implies y{i} q2\nrule b{i}: y{i} q2 implies x{i} q"
        );
    }
    let dir = common::temp_dir("scale-negation");
    let file = write(&dir, "cycles.augur", &text);
    let (code, _, stderr) = augur(&["check", &file]);
    assert_eq!(code, Some(2), "{stderr:.2000}");
    let cycles = stderr.matches("augur::check::negation_cycle").count();
    assert!(cycles >= 100, "{cycles} cycles reported");
    assert!(stderr.contains("rule `b0`"), "{stderr:.2000}");
    let _ = std::fs::remove_dir_all(dir);
}

/// Sentences of a made-up text, deterministic.
fn document(bytes: usize) -> String {
    let words = [
        "the", "policy", "trade", "country", "minister", "growth", "budget", "rates", "market",
        "region", "affects", "raises", "shows", "latin", "america", "exports",
    ];
    let (mut text, mut seed) = (String::new(), 7u64);
    let mut next = |n: usize| {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        (seed >> 33) as usize % n
    };
    while text.len() < bytes {
        let length = 8 + next(12);
        let sentence: Vec<&str> = (0..length).map(|_| words[next(words.len())]).collect();
        let sentence = sentence.join(" ");
        let _ = write!(text, "{}{}. ", sentence[..1].to_uppercase(), &sentence[1..]);
    }
    text
}

/// A 1 MB document with ten quotes found nowhere in it (the code before the fix took more
/// than a minute), and one near miss, whose passage at the end of the text is still
/// shown.
#[test]
fn quotes_are_matched_against_a_large_document_in_linear_time() {
    let mut text = document(1_000_000);
    text.push_str("Finally the central bank lowered its policy rate to support exports.");
    let dir = common::temp_dir("scale-quotes");
    write(&dir, "doc.txt", &text);
    let mut rules = String::from("document d \"Doc\" file \"doc.txt\"\n");
    for i in 0..10 {
        let _ = writeln!(
            rules,
            "fact q{i} p cite d \"zebra quantum xylophone {i} an unmatched sentence about nothing\""
        );
    }
    rules.push_str("fact near p cite d \"the central bank lowers its policy rate\"\n");
    let file = write(&dir, "quotes.augur", &rules);
    let (code, _, stderr) = augur(&["check", &file]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(
        stderr.matches("augur::check::quote_not_found").count(),
        11,
        "{stderr}"
    );
    assert!(
        stderr.contains("the closest passage is: \"the central bank lowered its policy rate\""),
        "{stderr}"
    );
    let _ = std::fs::remove_dir_all(dir);
}

/// A program of 6,200 lines with thousands of warnings: premises and expectations that
/// never hold, assumptions no `assumable` covers, `not` of open questions. It is small for
/// a debug build on a busy machine; a release build checks ten times as many lines in a
/// few seconds (docs/PERFORMANCE.md), and `program::suggest` counts the work of the
/// did-you-mean searches that made it quadratic.
#[test]
fn a_large_file_with_thousands_of_warnings_checks_in_linear_time() {
    let n = 1_000;
    let mut text = String::new();
    for i in 0..n {
        let _ = writeln!(text, "fact f{i} holds\nassumable a{i} can");
        let _ = writeln!(
            text,
            "rule r{i}: f{i} holds and g{i} missing implies h{i} follows"
        );
        let _ = writeln!(
            text,
            "rule q{i}: f{i} holds and not x{i} never implies k{i} follows"
        );
        let _ = writeln!(
            text,
            "scenario s{i} {{ assume b{i} can assume not z{i} zz }}"
        );
        let _ = writeln!(
            text,
            "test \"t{i}\" in s{i} {{ expect y{i} follows expect k{i} follows }}"
        );
    }
    for i in 0..n / 10 {
        let _ = writeln!(text, "open o{i} undecided");
        let _ = writeln!(
            text,
            "rule n{i}: f{i} holds and not o{i} undecided implies m{i} follows"
        );
    }
    let dir = common::temp_dir("scale-warnings");
    let file = write(&dir, "big.augur", &text);
    // Every warning shown: the report's cost is part of what is measured.
    let (code, _, stderr) = augur(&["check", "--max-diagnostics", "0", &file]);
    assert_eq!(code, Some(0), "{stderr:.2000}");
    for kind in [
        "premise_never_holds",
        "negation_always_true",
        "expectation_never_holds",
        "not_assumable",
        "negates_open_question",
    ] {
        assert!(stderr.contains(kind), "no {kind} in the report");
    }
    // A near miss still gets its suggestion, found through the index.
    assert!(
        stderr.contains("did you mean `k0 follows`?"),
        "{stderr:.2000}"
    );
    let _ = std::fs::remove_dir_all(dir);
}
