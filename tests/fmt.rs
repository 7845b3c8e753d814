//! `augur fmt` from the command line: tricky files formatted (snapshots), `--check` exit
//! codes and listing, standard input, atomic writes, and a file that does not parse.

#![expect(
    clippy::unwrap_used,
    reason = "a test: a file that cannot be written or read fails it"
)]

mod common;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use common::{augur, temp_dir};

/// `augur fmt ARGS` with `input` on standard input: (stdout, stderr, exit code).
fn fmt_stdin(args: &[&str], input: &str) -> (String, String, i32) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_augur"))
        .arg("fmt")
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn tricky_files_format_as_snapshotted_and_stay_put() {
    insta::glob!("data/fmt/*.augur", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        let (out, err, code) = fmt_stdin(&["-"], &text);
        assert_eq!(code, 0, "{err}");
        insta::assert_snapshot!(out);
        let (again, _, _) = fmt_stdin(&["-"], &out);
        assert_eq!(again, out, "idempotent");
        let (listed, _, code) = fmt_stdin(&["--check", "-"], &out);
        assert_eq!(
            (listed.as_str(), code),
            ("", 0),
            "formatted text passes --check"
        );
    });
}

/// A directory with one formatted file and two that are not.
fn fixture(name: &str) -> std::path::PathBuf {
    let dir = temp_dir(name);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("a.augur"), "fact a b\n").unwrap();
    std::fs::write(dir.join("b.augur"), "fact  c d\n").unwrap();
    std::fs::write(dir.join("c.augur"), "scenario s { assume c d }\n").unwrap();
    std::fs::write(dir.join("notes.txt"), "fact  not a rule file\n").unwrap();
    dir
}

fn contents(dir: &Path) -> Vec<(String, String)> {
    let mut all: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    all.sort();
    all
}

#[test]
fn check_lists_the_files_that_would_change_exits_one_and_writes_nothing() {
    let dir = fixture("fmt-check");
    let before = contents(&dir);
    let run = augur(&["fmt", "--check", dir.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let listed = format!(
        "{}\n{}\n",
        dir.join("b.augur").display(),
        dir.join("c.augur").display()
    );
    assert_eq!(run.stdout, listed);
    assert_eq!(contents(&dir), before, "nothing written");
    let json = augur(&["fmt", "--check", "--format", "json", dir.to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!((v["files"].as_u64(), json.code), (Some(3), 1));
    assert_eq!(v["changed"].as_array().unwrap().len(), 2);
    // A formatted file alone passes.
    let run = augur(&["fmt", "--check", dir.join("a.augur").to_str().unwrap()]);
    assert_eq!((run.stdout.as_str(), run.code), ("", 0));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn writing_replaces_the_files_that_change_and_leaves_no_temporary_file() {
    let dir = fixture("fmt-write");
    let run = augur(&["fmt", dir.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout.lines().count(), 2, "{}", run.stdout);
    assert_eq!(
        contents(&dir),
        vec![
            ("a.augur".to_owned(), "fact a b\n".to_owned()),
            ("b.augur".to_owned(), "fact c d\n".to_owned()),
            (
                "c.augur".to_owned(),
                "scenario s {\n  assume c d\n}\n".to_owned()
            ),
            ("notes.txt".to_owned(), "fact  not a rule file\n".to_owned()),
        ],
        "formatted in place, nothing else in the directory"
    );
    let again = augur(&["fmt", "--check", dir.to_str().unwrap()]);
    assert_eq!((again.stdout.as_str(), again.code), ("", 0));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_file_that_does_not_parse_is_reported_and_nothing_is_written() {
    let dir = fixture("fmt-broken");
    std::fs::write(dir.join("d.augur"), "fact  e f\nrule r: a b implies\n").unwrap();
    let before = contents(&dir);
    for check in [false, true] {
        let mut args = vec!["fmt", dir.to_str().unwrap()];
        if check {
            args.insert(1, "--check");
        }
        let run = augur(&args);
        assert_eq!(run.code, 2, "{}", run.stdout);
        assert!(run.stderr.contains("augur::syntax::"), "{}", run.stderr);
        assert!(run.stderr.contains("d.augur:3:1"), "{}", run.stderr);
        assert_eq!(run.stdout, "");
        assert_eq!(
            contents(&dir),
            before,
            "no file written, not even the good ones"
        );
    }
    let (out, err, code) = fmt_stdin(&["-"], "fact A b\n");
    assert_eq!((out.as_str(), code), ("", 2));
    assert!(err.contains("<stdin>:1:6"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn standard_input_is_formatted_to_standard_output_verbatim() {
    // Hidden characters in comments and strings reach the output as they are.
    let input = "fact   p(\"\u{200B}\")   # tab\there \u{7f}\n";
    let (out, err, code) = fmt_stdin(&["-"], input);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        format!("fact p(\"\u{200B}\"){}# tab\there \u{7f}\n", " ".repeat(59))
    );
    let (listed, _, code) = fmt_stdin(&["--check", "-"], input);
    assert_eq!((listed.as_str(), code), ("<stdin>\n", 1));
    let run = augur(&["fmt", "-", "rules"]);
    assert_eq!(run.code, 2, "`-` with other paths is refused");
}

#[test]
fn missing_paths_and_empty_directories_are_errors() {
    let run = augur(&["fmt", "--check", "no/such/file.augur"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("augur::io::read"), "{}", run.stderr);
    let dir = temp_dir("fmt-empty");
    std::fs::create_dir_all(&dir).unwrap();
    let run = augur(&["fmt", dir.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no_rule_files"), "{}", run.stderr);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_file_size_limit_holds() {
    let (_, err, code) = fmt_stdin(&["--max-file-size", "8", "-"], "fact a b\n");
    assert_eq!(code, 2);
    assert!(err.contains("file_too_large"), "{err}");
    let (out, _, code) = fmt_stdin(&["--max-file-size", "9", "-"], "fact a b\n");
    assert_eq!((out.as_str(), code), ("fact a b\n", 0));
}

#[test]
fn rules_and_the_layout_example_are_formatted() {
    let run = augur(&["fmt", "--check", "rules"]);
    assert_eq!((run.stdout.as_str(), run.code), ("", 0), "{}", run.stderr);
    let text = std::fs::read_to_string("docs/LANGUAGE.md").unwrap();
    let example = text
        .split("### Layout")
        .nth(1)
        .and_then(|t| t.split("```augur\n").nth(1))
        .and_then(|t| t.split("```").next())
        .unwrap();
    let (out, err, code) = fmt_stdin(&["-"], example);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out, example,
        "LANGUAGE.md's layout example is in the layout"
    );
}

#[test]
fn a_symbolic_link_is_followed_and_stays_a_link() {
    let dir = temp_dir("fmt-link");
    std::fs::create_dir_all(dir.join("real")).unwrap();
    std::fs::write(dir.join("real/r.augur"), "fact   a b\n").unwrap();
    std::os::unix::fs::symlink("real/r.augur", dir.join("link.augur")).unwrap();
    let run = augur(&["fmt", dir.join("link.augur").to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let meta = std::fs::symlink_metadata(dir.join("link.augur")).unwrap();
    assert!(meta.file_type().is_symlink(), "the link is still a link");
    assert_eq!(
        std::fs::read_to_string(dir.join("real/r.augur")).unwrap(),
        "fact a b\n"
    );
    assert_eq!(
        std::fs::read_dir(dir.join("real")).unwrap().count(),
        1,
        "no temporary file"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
