//! Helpers shared by the integration tests: run the real binary, collect its output.

#![allow(dead_code)]

use std::process::Command;

/// What one run of the binary produced.
pub struct Run {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

/// Runs `augur` with `args` from the package root, without colors.
#[expect(
    clippy::expect_used,
    reason = "a helper of tests: failing to run the binary fails the test"
)]
pub fn augur(args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_augur"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .output()
        .expect("the augur binary runs");
    Run {
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
        code: out.status.code().unwrap_or(-1),
    }
}

/// Runs `augur --format json ARGS` and parses its stdout; returns the value and exit code.
pub fn json(args: &[&str]) -> (serde_json::Value, i32) {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let run = augur(&all);
    let v = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}\n{}", run.stdout, run.stderr));
    (v, run.code)
}

/// `augur ARGS` (a `--format json run --profile` command): each rule with its derivations,
/// in the order listed.
#[expect(
    clippy::unwrap_used,
    reason = "a helper of tests: output of another shape fails the test"
)]
pub fn profile_rules(args: &[&str]) -> Vec<(String, u64)> {
    let run = augur(args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    v["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["rule"].as_str().unwrap().to_owned(),
                r["derivations"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// A fresh, empty temporary directory's path (not created), unique to this process.
/// Writes `text` as a rule file `p.augur` in a fresh temporary directory named after
/// `name`; returns its path.
#[expect(
    clippy::expect_used,
    reason = "a helper of tests: failing here fails the test"
)]
pub fn rule_file(name: &str, text: &str) -> String {
    let dir = temp_dir(name);
    std::fs::create_dir_all(&dir).expect("the temporary directory is made");
    let path = dir.join("p.augur");
    std::fs::write(&path, text).expect("the rule file is written");
    path.to_str().expect("a UTF-8 path").to_owned()
}

pub fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("augur-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// A path under the package root, as the binary run from there names it.
pub fn relative(path: &std::path::Path) -> &str {
    path.strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .ok()
        .and_then(|p| p.to_str())
        .unwrap_or_else(|| panic!("{} is outside the package", path.display()))
}

/// The DESIGN.md example, copied verbatim.
pub const DESIGN: &str = "tests/data/design.augur";
pub mod exercise;
pub mod problog;
pub mod programs;
pub mod worlds;
pub mod written;

/// Whether a tool answers `version_flag`; CI sets `AUGUR_REQUIRE_TOOLS=1`, where a missing
/// tool fails the test (naming the Debian `package` that provides it) instead of skipping.
pub fn have(tool: &str, version_flag: &str, package: &str) -> bool {
    let found = Command::new(tool)
        .arg(version_flag)
        .output()
        .is_ok_and(|o| o.status.success());
    required(
        found,
        &format!("`{tool}`"),
        &format!("apt-get install {package}"),
    )
}

/// `found`, after failing the test when a tool (`what`) is missing and AUGUR_REQUIRE_TOOLS
/// asks for it, or saying on stderr that the check is skipped; `install` says how to get it.
pub fn required(found: bool, what: &str, install: &str) -> bool {
    if !found {
        assert!(
            std::env::var_os("AUGUR_REQUIRE_TOOLS").is_none(),
            "{what} is not installed, and AUGUR_REQUIRE_TOOLS asks for it ({install})"
        );
        // Said on stderr, which the test harness shows with --nocapture.
        #[expect(clippy::print_stderr, reason = "a skipped check must say so")]
        {
            eprintln!(
                "\n*** skipped: {what} is not installed ({install}; set AUGUR_REQUIRE_TOOLS=1 \
                 to fail instead) ***\n"
            );
        }
    }
    found
}

/// Every atom that holds in `model` (facts, assumptions and conclusions), by its shown text,
/// with its likelihood.
pub fn holding(
    model: &augur::engine::Model<'_>,
) -> std::collections::BTreeMap<String, augur::Likelihood> {
    let p = model.program();
    let mut all = std::collections::BTreeMap::new();
    for (pred, rel) in model.relations().iter().enumerate() {
        for t in rel.ids() {
            let atom = model.atom(augur::program::PredId::from_index(pred), t);
            if let Some(l) = model.likelihood(&atom) {
                all.insert(p.show_atom(&atom), l);
            }
        }
    }
    all
}
