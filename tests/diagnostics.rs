//! Every diagnostic class, driven by a file in `tests/cases/`: `*-err.augur` must fail
//! `check` with exit 2, `*-warn.augur` must pass it but fail under `--deny-warnings`.
//! The rendered report is snapshotted.

mod common;

use common::{augur, relative};

#[test]
fn error_cases_fail_with_a_report() {
    insta::glob!("cases/*-err.augur", |path| {
        let rel = relative(path);
        let run = augur(&["check", rel]);
        assert_eq!(run.code, 2, "{rel} should be rejected:\n{}", run.stderr);
        assert!(run.stdout.is_empty());
        assert!(run.stderr.contains(rel), "the report names the file");
        assert!(
            run.stderr.contains("help:"),
            "every report has a hint:\n{}",
            run.stderr
        );
        insta::assert_snapshot!(run.stderr);
    });
}

#[test]
fn warning_cases_pass_unless_denied() {
    insta::glob!("cases/*-warn.augur", |path| {
        let rel = relative(path);
        let run = augur(&["check", rel]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(run.stderr.contains("⚠"), "{}", run.stderr);
        let denied = augur(&["check", "--deny-warnings", rel]);
        assert_eq!(denied.code, 2);
        insta::assert_snapshot!(run.stderr);
    });
}

#[test]
fn json_diagnostics_carry_code_and_place() {
    let run = augur(&[
        "--format",
        "json",
        "check",
        "tests/cases/unsafe-variable-err.augur",
    ]);
    assert_eq!(run.code, 2);
    let v: serde_json::Value = serde_json::from_str(&run.stderr).unwrap();
    let first = &v["related"][0];
    assert_eq!(first["code"], "augur::check::unsafe_variable");
    assert_eq!(first["filename"], "tests/cases/unsafe-variable-err.augur");
    assert_eq!(first["labels"][0]["span"]["offset"], 29);
}

#[test]
fn missing_files_are_reported_not_panicked_on() {
    let run = augur(&["check", "tests/cases/does-not-exist.augur"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("cannot read `tests/cases/does-not-exist.augur`"),
        "{}",
        run.stderr
    );
    let empty = augur(&["check", "tests/snapshots"]);
    assert_eq!(empty.code, 2);
    assert!(
        empty.stderr.contains("no `.augur` files"),
        "{}",
        empty.stderr
    );
}
