//! Input limits and confinement, driven through the binary: a document's text file is read
//! only inside the rule file's folder and the `--sources` folders, only if regular, and up
//! to a size; a rule file, its lines, names and strings are bounded; a report shows a
//! bounded number of diagnostics, each quoting a bounded snippet. Each limit is tested at
//! limit - 1, limit and limit + 1. Big inputs are generated here, never committed.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

struct Run {
    stderr: String,
    code: i32,
}

/// Runs the binary in `dir`, killing it after a minute: a test of an input that used to
/// hang must end either way. What it writes to stdout is not looked at.
#[expect(
    clippy::unwrap_used,
    reason = "a helper of tests: failing to run the binary fails the test"
)]
fn augur_in(dir: &Path, args: &[&str]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_augur"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Drained while it runs, so that a long report cannot fill a pipe and stall it.
    let drain = |mut stream: Box<dyn std::io::Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            stream.read_to_end(&mut bytes).unwrap();
            String::from_utf8_lossy(&bytes).into_owned()
        })
    };
    let stderr = drain(Box::new(child.stderr.take().unwrap()));
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("augur {args:?} did not finish in 60 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Run {
        stderr: stderr.join().unwrap(),
        code: status.code().unwrap_or(-1),
    }
}

#[expect(clippy::unwrap_used, reason = "a helper of tests")]
fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("augur-limits-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A rule file citing document `f`, whose text file is `file`, with a quote that is not in
/// it: `check` shows the closest passage of whatever it reads.
fn citing(file: &str) -> String {
    format!(
        "document f \"env\" file \"{file}\"\n\
         assumable a b\n\
         rule r {{ when a b then c d cite f \"password is hunter3\" }}\n\
         scenario s {{ assume a b }}\n"
    )
}

/// `rules/r.augur` beside `secret.env` one level up, and `rules/` as the working folder.
#[expect(clippy::unwrap_used, reason = "a helper of tests")]
fn with_secret(name: &str, file: &str) -> PathBuf {
    let dir = folder(name);
    std::fs::write(dir.join("secret.env"), "password is hunter2\n").unwrap();
    std::fs::create_dir(dir.join("rules")).unwrap();
    std::fs::write(dir.join("rules/r.augur"), citing(file)).unwrap();
    dir
}

fn refused(run: &Run, code: &str) {
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains(code), "{}", run.stderr);
    assert!(
        !run.stderr.contains("hunter2"),
        "a secret leaked:\n{}",
        run.stderr
    );
}

#[test]
fn a_document_path_cannot_climb_out_of_the_rule_files_folder() {
    let dir = with_secret("climb", "../secret.env");
    let run = augur_in(&dir, &["check", "rules/r.augur"]);
    refused(&run, "augur::check::source_outside");
    assert!(run.stderr.contains("climbs out"), "{}", run.stderr);
    // The label is on the quoted path.
    assert!(run.stderr.contains("r.augur:1:23"), "{}", run.stderr);
    // Not even through a `--sources` folder.
    let run = augur_in(&dir, &["check", "--sources", "rules", "rules/r.augur"]);
    refused(&run, "augur::check::source_outside");
}

#[test]
fn a_document_path_cannot_be_absolute() {
    let dir = with_secret("absolute", "");
    let secret = dir.join("secret.env");
    std::fs::write(
        dir.join("rules/r.augur"),
        citing(&secret.display().to_string()),
    )
    .unwrap();
    let run = augur_in(&dir, &["check", "rules/r.augur"]);
    refused(&run, "augur::check::source_outside");
    assert!(run.stderr.contains("is an absolute path"), "{}", run.stderr);
}

#[test]
fn dev_zero_is_refused_not_read() {
    let dir = with_secret("zero", "/dev/zero");
    let run = augur_in(&dir, &["check", "rules/r.augur"]);
    refused(&run, "augur::check::source_outside");
    #[cfg(unix)]
    {
        // Nor through a link inside the folder.
        std::os::unix::fs::symlink("/dev/zero", dir.join("rules/zero.txt")).unwrap();
        std::fs::write(dir.join("rules/r.augur"), citing("zero.txt")).unwrap();
        let run = augur_in(&dir, &["check", "rules/r.augur"]);
        refused(&run, "augur::check::source_outside");
    }
}

#[cfg(unix)]
#[test]
fn a_link_out_of_the_folder_is_refused_and_one_inside_is_followed() {
    let dir = with_secret("link", "link.txt");
    std::os::unix::fs::symlink(dir.join("secret.env"), dir.join("rules/link.txt")).unwrap();
    let run = augur_in(&dir, &["check", "rules/r.augur"]);
    refused(&run, "augur::check::source_outside");
    assert!(run.stderr.contains("is a link"), "{}", run.stderr);
    // A link that stays inside is read: the quote is checked against it.
    std::fs::remove_file(dir.join("rules/link.txt")).unwrap();
    std::fs::write(dir.join("rules/real.txt"), "password is hunter3\n").unwrap();
    std::os::unix::fs::symlink(dir.join("rules/real.txt"), dir.join("rules/link.txt")).unwrap();
    let run = augur_in(&dir, &["check", "--deny-warnings", "rules/r.augur"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[cfg(unix)]
#[test]
fn a_fifo_is_refused_without_blocking() {
    let dir = with_secret("fifo", "pipe.txt");
    let made = Command::new("mkfifo")
        .arg(dir.join("rules/pipe.txt"))
        .status();
    assert!(made.unwrap().success());
    // No writer ever opens the FIFO: reading it would wait for ever.
    let run = augur_in(&dir, &["check", "rules/r.augur"]);
    refused(&run, "augur::check::source_not_a_file");
    assert!(run.stderr.contains("is a FIFO"), "{}", run.stderr);
}

#[test]
fn a_document_from_a_sources_folder_is_read_with_the_rule_file_beside_it() {
    let dir = with_secret("sources", "t.txt");
    std::fs::create_dir(dir.join("docs")).unwrap();
    std::fs::write(dir.join("docs/t.txt"), "password is hunter3\n").unwrap();
    let run = augur_in(
        &dir.join("rules"),
        &[
            "check",
            "--deny-warnings",
            "--sources",
            "../docs",
            "r.augur",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn the_document_size_limit_holds_at_its_boundary() {
    let dir = with_secret("docsize", "t.txt");
    let text = "password is hunter3\n";
    std::fs::write(dir.join("rules/t.txt"), text).unwrap();
    let n = text.len();
    for (limit, ok) in [(n + 1, true), (n, true), (n - 1, false)] {
        let limit = limit.to_string();
        let run = augur_in(
            &dir,
            &["check", "--max-document-size", &limit, "rules/r.augur"],
        );
        if ok {
            assert_eq!(run.code, 0, "limit {limit}: {}", run.stderr);
        } else {
            refused(&run, "augur::check::source_too_large");
            assert!(run.stderr.contains("--max-document-size"), "{}", run.stderr);
        }
    }
}

#[test]
fn a_leading_byte_order_mark_is_skipped() {
    let dir = folder("bom");
    std::fs::write(dir.join("r.augur"), "\u{FEFF}fact a b\nfact C d\n").unwrap();
    let run = augur_in(&dir, &["check", "r.augur"]);
    // The only error is the one on line 2, at the column an editor shows.
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("found 1 error"), "{}", run.stderr);
    assert!(run.stderr.contains("r.augur:2:6"), "{}", run.stderr);
    std::fs::write(dir.join("r.augur"), "\u{FEFF}fact a b\n").unwrap();
    let run = augur_in(&dir, &["check", "r.augur"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn the_rule_file_size_limit_holds_at_its_boundary() {
    let dir = folder("filesize");
    let text = "fact a b\n";
    std::fs::write(dir.join("r.augur"), text).unwrap();
    let n = text.len();
    for (limit, ok) in [(n + 1, true), (n, true), (n - 1, false)] {
        let limit = limit.to_string();
        let run = augur_in(&dir, &["check", "--max-file-size", &limit, "r.augur"]);
        assert_eq!(run.code, if ok { 0 } else { 2 }, "{}", run.stderr);
        if !ok {
            assert!(
                run.stderr.contains("augur::io::file_too_large"),
                "{}",
                run.stderr
            );
            assert!(run.stderr.contains("--max-file-size"), "{}", run.stderr);
        }
    }
}

#[cfg(unix)]
#[test]
fn an_endless_rule_file_is_read_only_up_to_the_limit() {
    let dir = folder("endless");
    let run = augur_in(&dir, &["check", "--max-file-size", "1000000", "/dev/zero"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("augur::io::file_too_large"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_line_length_limit_holds_at_its_boundary() {
    let dir = folder("line");
    let line = |n: usize| format!("fact a b\n# {}\n", "x".repeat(n - 2));
    for (len, ok) in [(99, true), (100, true), (101, false)] {
        std::fs::write(dir.join("r.augur"), line(len)).unwrap();
        let run = augur_in(&dir, &["check", "--max-line-length", "100", "r.augur"]);
        assert_eq!(run.code, if ok { 0 } else { 2 }, "{len}: {}", run.stderr);
        if !ok {
            assert!(
                run.stderr.contains("augur::syntax::line_too_long"),
                "{}",
                run.stderr
            );
            assert!(run.stderr.contains("r.augur:2:101"), "{}", run.stderr);
            // JSON places the label at the same column.
            let run = augur_in(
                &dir,
                &[
                    "--format",
                    "json",
                    "check",
                    "--max-line-length",
                    "100",
                    "r.augur",
                ],
            );
            let report: serde_json::Value = serde_json::from_str(&run.stderr).unwrap();
            let label = &report["related"][0]["labels"][0];
            assert_eq!((&label["line"], &label["column"]), (&2.into(), &101.into()));
        }
    }
}

#[test]
fn an_error_on_a_huge_line_quotes_only_a_window_of_it() {
    let dir = folder("hugeline");
    // One 30 MB line with a syntax error in the middle, under a limit that lets it parse,
    // and the same under the default limit.
    let huge = format!(
        "fact a b\nfact {} )) {}\n",
        "x".repeat(15_000_000),
        "y".repeat(15_000_000)
    );
    std::fs::write(dir.join("r.augur"), &huge).unwrap();
    for args in [
        &["check", "--max-line-length", "40000000", "r.augur"][..],
        &["check", "r.augur"][..],
    ] {
        let run = augur_in(&dir, args);
        assert_eq!(run.code, 2, "{args:?}");
        assert!(
            run.stderr.len() < 4_000,
            "{args:?}: {} bytes of report",
            run.stderr.len()
        );
    }
    let run = augur_in(&dir, &["--format", "json", "check", "r.augur"]);
    let report: serde_json::Value = serde_json::from_str(&run.stderr).unwrap();
    let label = &report["related"][0]["labels"][0];
    assert_eq!(
        (&label["line"], &label["column"]),
        (&2.into(), &65_537.into())
    );
}

#[test]
fn the_diagnostics_cap_holds_at_its_boundary() {
    let dir = folder("diagnostics");
    // Ten errors, one per line.
    let text: String = (0..10).map(|i| format!("fact Upper{i} b\n")).collect();
    std::fs::write(dir.join("r.augur"), text).unwrap();
    for (cap, shown) in [("11", 10), ("10", 10), ("9", 9), ("0", 10)] {
        let run = augur_in(&dir, &["check", "--max-diagnostics", cap, "r.augur"]);
        assert_eq!(run.code, 2);
        assert!(run.stderr.contains("found 10 errors"), "{}", run.stderr);
        let errors = run.stderr.matches("Error: augur::syntax").count();
        assert_eq!(errors, shown, "cap {cap}:\n{}", run.stderr);
        let more = run.stderr.contains("and 1 more diagnostic, not shown");
        assert_eq!(more, shown < 10, "cap {cap}:\n{}", run.stderr);
    }
    // The default shows a hundred.
    let text: String = (0..150).map(|i| format!("fact Upper{i} b\n")).collect();
    std::fs::write(dir.join("r.augur"), text).unwrap();
    let run = augur_in(&dir, &["check", "r.augur"]);
    assert_eq!(run.stderr.matches("Error: augur::syntax").count(), 100);
    assert!(
        run.stderr.contains("and 50 more diagnostics"),
        "{}",
        run.stderr
    );
}

#[test]
fn names_and_strings_past_their_limits_are_errors() {
    let dir = folder("names");
    let cases = [
        (format!("fact {} b\n", "n".repeat(128)), None),
        (
            format!("fact {} b\n", "n".repeat(129)),
            Some("augur::syntax::name_too_long"),
        ),
        (format!("document d \"{}\"\n", "t".repeat(16 * 1024)), None),
        (
            format!("document d \"{}\"\n", "t".repeat(16 * 1024 + 1)),
            Some("augur::syntax::string_too_long"),
        ),
    ];
    for (text, code) in cases {
        std::fs::write(dir.join("r.augur"), &text).unwrap();
        let run = augur_in(&dir, &["check", "r.augur"]);
        match code {
            None => assert_eq!(run.code, 0, "{}", run.stderr),
            Some(code) => {
                assert_eq!(run.code, 2);
                assert!(run.stderr.contains(code), "{}", run.stderr);
                assert!(run.stderr.len() < 3_000, "{}", run.stderr);
            }
        }
    }
}

#[test]
fn a_file_of_errors_stops_at_the_syntax_error_limit() {
    let dir = folder("errors");
    // Twenty thousand bad lines: one error each, were parsing not stopped.
    std::fs::write(dir.join("r.augur"), "fact A\n".repeat(20_000)).unwrap();
    let run = augur_in(&dir, &["check", "--max-diagnostics", "0", "r.augur"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("found 1001 errors"),
        "{}",
        &run.stderr[..500]
    );
    assert!(
        run.stderr.contains("augur::syntax::too_many_errors"),
        "{}",
        &run.stderr[run.stderr.len() - 2000..]
    );
}
