//! Every example runs on the shipped rules without error. Each is built here first (a
//! no-op after `cargo test`, which builds them), so a lone `cargo test --test examples`
//! never runs a stale one.

use std::path::PathBuf;
use std::process::Command;

/// The built example `name`, beside the test binaries of this profile.
#[expect(
    clippy::unwrap_used,
    reason = "a helper of tests: failing here fails the test"
)]
fn example(name: &str) -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let profile_dir = exe.parent().unwrap().parent().unwrap();
    let path = profile_dir
        .join("examples")
        .join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    let mut build = Command::new(env!("CARGO"));
    build.args(["build", "--quiet", "--example", name]);
    if profile_dir.ends_with("release") {
        build.arg("--release");
    }
    let built = build
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .status()
        .unwrap();
    assert!(built.success(), "cargo build --example {name}");
    path
}

#[expect(
    clippy::unwrap_used,
    reason = "a helper of tests: failing here fails the test"
)]
fn run(name: &str, args: &[&str]) -> String {
    let out = Command::new(example(name))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        out.status.success(),
        "example {name} failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

#[test]
fn query_asks_about_a_real_atom_of_the_rules_by_default() {
    let out = run("query", &[]);
    assert!(
        out.contains("trump_isolationist: holds, likely"),
        "its default atom holds where the article says:\n{out}"
    );
    assert!(
        !out.contains("names something no rule file mentions"),
        "{out}"
    );
}

#[test]
fn proof_prints_a_proof() {
    let out = run("proof", &[]);
    assert!(out.contains("rivals_fill_gap"), "{out}");
}

#[test]
fn scenario_table_covers_every_scenario() {
    let out = run("scenario_table", &[]);
    assert!(out.contains("brazil_led_order"), "{out}");
}
