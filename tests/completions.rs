//! `augur completions SHELL` and `augur man`: generated from the command line's own
//! definitions, so every command is in them; each is checked by the tool that reads it
//! where that tool is installed.

#![expect(
    clippy::expect_used,
    reason = "a test: a tool that cannot be fed fails it"
)]

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use common::{augur, have};

/// Every command's name, from `augur --help`'s list.
fn commands() -> Vec<String> {
    let help = augur(&["--help"]).stdout;
    let list = help
        .split("Commands:\n")
        .nth(1)
        .and_then(|rest| rest.split("\n\n").next())
        .unwrap_or_else(|| panic!("no command list in:\n{help}"));
    let names: Vec<String> = list
        .lines()
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next().map(str::to_owned))
        .filter(|n| n != "help")
        .collect();
    assert!(names.len() >= 20, "{names:?}");
    for name in ["run", "why-not", "repl", "completions", "man"] {
        assert!(
            names.iter().any(|n| n == name),
            "{name} missing from {names:?}"
        );
    }
    names
}

/// Runs `tool ARGS` with `input` on stdin; its status and stderr.
fn feed(tool: &str, args: &[&str], input: &str) -> (bool, String) {
    let mut child = Command::new(tool)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{tool} runs: {e}"));
    child
        .stdin
        .take()
        .expect("piped")
        .write_all(input.as_bytes())
        .expect("writes");
    let out = child.wait_with_output().expect("ends");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn each_shell_gets_a_script_naming_every_command() {
    let names = commands();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let run = augur(&["completions", shell]);
        assert_eq!(run.code, 0, "{shell}: {}", run.stderr);
        for name in &names {
            assert!(
                run.stdout.contains(name.as_str()),
                "{shell} script lacks `{name}`"
            );
        }
    }
    let bash = augur(&["completions", "bash"]).stdout;
    assert!(bash.contains("complete -F _augur"), "{bash}");
    // The syntax is checked by the shell itself (bash is always there; the others when
    // installed).
    let (ok, err) = feed("bash", &["-n"], &bash);
    assert!(ok, "bash -n: {err}");
    if Command::new("zsh").arg("--version").output().is_ok() {
        let (ok, err) = feed("zsh", &["-n"], &augur(&["completions", "zsh"]).stdout);
        assert!(ok, "zsh -n: {err}");
    }
    if Command::new("fish").arg("--version").output().is_ok() {
        let (ok, err) = feed(
            "fish",
            &["--no-execute"],
            &augur(&["completions", "fish"]).stdout,
        );
        assert!(ok, "fish --no-execute: {err}");
    }
    let bad = augur(&["completions", "tcsh"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("possible values"), "{}", bad.stderr);
}

#[test]
fn the_manual_page_names_every_command_and_typesets_cleanly() {
    let names = commands();
    let page = augur(&["man"]);
    assert_eq!(page.code, 0, "{}", page.stderr);
    assert!(page.stdout.starts_with(".ie"), "{}", page.stdout);
    assert!(page.stdout.contains(".TH augur 1"), "{}", page.stdout);
    for name in &names {
        assert!(
            page.stdout
                .contains(&format!("augur\\-{}(1)", name.replace('-', "\\-"))),
            "no `{name}`"
        );
        let own = augur(&["man", name]);
        assert_eq!(own.code, 0, "{name}: {}", own.stderr);
        assert!(
            own.stdout.contains(&format!(".TH augur-{name} 1")),
            "{name}: {}",
            own.stdout
        );
    }
    let repl = augur(&["man", "repl"]).stdout;
    assert!(repl.contains("\\-\\-echo"), "{repl}");
    let bad = augur(&["man", "rnu"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("did you mean `run`?"), "{}", bad.stderr);
    if have("groff", "--version", "groff") {
        for args in [&["man"][..], &["man", "repl"], &["man", "run"]] {
            let page = augur(args).stdout;
            // Every warning on: a malformed request is reported on stderr.
            let (ok, err) = feed("groff", &["-man", "-Tutf8", "-ww", "-z"], &page);
            assert!(ok && err.is_empty(), "groff on `augur {args:?}`: {err}");
        }
    }
}
