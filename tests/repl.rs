//! `augur repl` from the command line: a script read line by line (answers on stdout,
//! refusals on stderr, the session going on), its exit code, `save` read back by `check`
//! and `run`, bounded lines, and on a pseudo-terminal (util-linux `script`) tab completion
//! and history.

#![expect(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "a test: a child that cannot be fed, or a file that cannot be written, fails it"
)]

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use common::{augur, have, temp_dir};

const FILE: &str = "tests/data/adhoc.augur";

/// `augur ARGS` with `input` on stdin: stdout, stderr, exit code.
fn repl(args: &[&str], input: &[u8]) -> (String, String, i32) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_augur"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("augur runs");
    let mut stdin = child.stdin.take().expect("piped");
    let input = input.to_vec();
    // Fed from a thread, so that a child that stops reading early cannot block the test.
    let feeder = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let out = child.wait_with_output().expect("ends");
    feeder.join().unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn a_script_is_answered_line_by_line() {
    let script = "why rivals advance\nassume us withdraws likely\n# a comment\n\nwhy rivals advance\nassume not rivals advance\nlines\nretract rivals advance\nquery ?x advance\nscenario firm\nrun\n";
    let (out, err, code) = repl(&["repl", FILE, "-s", "calm"], script.as_bytes());
    assert_eq!((code, err.as_str()), (0, ""), "{out}");
    let want = "\
rivals advance does not hold in scenario calm
scenario calm + assume us withdraws likely
  assume us withdraws likely
rivals advance does not hold in scenario calm + assume us withdraws likely
scenario calm + assume us withdraws likely + assume not rivals advance
  assume us withdraws likely
  assume not rivals advance
scenario calm + assume us withdraws likely + assume not rivals advance
  assume us withdraws likely
  assume not rivals advance
scenario calm + assume us withdraws likely
  assume us withdraws likely
";
    assert!(out.starts_with(want), "{out}");
    assert!(
        out.contains("scenario firm + assume us withdraws likely\n"),
        "{out}"
    );
    // The session's run is `augur run --assume` of the same line.
    let cli = augur(&["run", FILE, "-s", "firm", "--assume", "us withdraws@likely"]);
    assert!(out.ends_with(&cli.stdout), "{out}\n---\n{}", cli.stdout);
}

#[test]
fn refused_lines_are_reported_and_the_session_goes_on() {
    let script = "wyh rivals advance\nassume us withdrawz\nassume us withdraws\nrun fast\nlines\n";
    let (out, err, code) = repl(&["repl", FILE, "-s", "calm"], script.as_bytes());
    assert_eq!(code, 2, "a refused line makes a script fail");
    assert!(err.contains("augur::repl::unknown_command"), "{err}");
    assert!(err.contains("did you mean `why`?"), "{err}");
    assert!(err.contains("did you mean `withdraws`?"), "{err}");
    assert!(err.contains("augur::repl::extra_argument"), "{err}");
    assert_eq!(
        out,
        "scenario calm + assume us withdraws\n  assume us withdraws\nscenario calm + assume us withdraws\n  assume us withdraws\n"
    );
    // The same session without its refused lines exits 0.
    let (_, _, code) = repl(
        &["repl", FILE, "-s", "calm"],
        b"assume us withdraws\nlines\n",
    );
    assert_eq!(code, 0);
}

#[test]
fn quit_ends_the_session_and_echo_writes_a_transcript() {
    let (out, _, code) = repl(
        &["repl", FILE, "-s", "calm", "--echo"],
        b"assume us withdraws\nquit\nwyh\n",
    );
    assert_eq!(code, 0, "nothing after `quit` is read");
    assert_eq!(
        out,
        "calm> assume us withdraws\nscenario calm + assume us withdraws\n  assume us withdraws\ncalm+1> quit\n"
    );
}

#[test]
fn a_saved_scenario_checks_and_runs_as_the_session_did() {
    let script =
        "assume us withdraws very_likely\nassume not ally hesitates\nrun\nsave withdrawal\n";
    let (out, err, code) = repl(&["repl", FILE, "-s", "calm"], script.as_bytes());
    assert_eq!((code, err.as_str()), (0, ""), "{out}");
    let (before, saved) = out.split_at(out.find("scenario withdrawal").expect("saved"));
    let session_run = &before[before.rfind("scenario calm").expect("a run")..];
    assert!(session_run.contains("rivals advance"), "{session_run}");
    assert_eq!(
        saved,
        "scenario withdrawal extends calm {\n  assume us withdraws [very_likely]\n  assume not ally hesitates\n}\n"
    );
    let dir = temp_dir("repl-save");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("saved.augur");
    let text = std::fs::read_to_string(FILE).unwrap();
    std::fs::write(&file, format!("{text}\n{saved}")).unwrap();
    let file = file.to_str().unwrap();
    let check = augur(&["check", file]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    let run = augur(&["run", file, "-s", "withdrawal"]);
    let body = |text: &str| text.lines().skip(1).collect::<Vec<_>>().join("\n");
    assert_eq!(body(&run.stdout), body(session_run));
    // A name that is taken, or is no name, is refused.
    let (_, err, code) = repl(
        &["repl", FILE, "-s", "calm"],
        b"save firm\nsave Firm\nsave rule\n",
    );
    assert_eq!(code, 2);
    assert_eq!(err.matches("augur::repl::bad_name").count(), 3, "{err}");
    assert!(
        err.contains("is declared at tests/data/adhoc.augur:8"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn input_is_read_in_bounded_lines() {
    // A line past the limit is refused whole, without being held, and the next is read.
    let mut input = b"why ".to_vec();
    input.extend(std::iter::repeat_n(b'a', 3 * augur::repl::MAX_LINE_BYTES));
    input.extend(b"\nassume us withdraws\n\xff\xfe\nlines\n");
    let (out, err, code) = repl(&["repl", FILE, "-s", "calm"], &input);
    assert_eq!(code, 2);
    assert!(err.contains("augur::repl::line_too_long"), "{err}");
    assert_eq!(
        err.matches("augur::repl::line_too_long").count(),
        1,
        "{err}"
    );
    // A line that is not UTF-8 is read with replacement characters, and refused as such.
    assert!(err.contains("augur::repl::unknown_command"), "{err}");
    assert!(
        out.ends_with("scenario calm + assume us withdraws\n  assume us withdraws\n"),
        "{out}"
    );
}

#[test]
fn files_that_do_not_check_or_an_unknown_scenario_end_it_at_once() {
    let (out, err, code) = repl(&["repl", "tests/data/broken.augur"], b"run\n");
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(!err.is_empty());
    let (out, err, code) = repl(&["repl", FILE, "-s", "clam"], b"run\n");
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(err.contains("did you mean `calm`?"), "{err}");
    let (_, err, code) = repl(&["repl", FILE], b"run\n");
    assert_eq!(code, 2);
    assert!(err.contains("--scenario"), "{err}");
}

#[test]
fn a_terminal_gets_tab_completion_and_history() {
    if !have("script", "--version", "util-linux") {
        return;
    }
    // `script` runs augur on a pseudo-terminal; keys are fed as typed: Tab completes the
    // atom (the answers below need the whole atom), the up arrow brings back the line,
    // Enter runs it again.
    let bin = env!("CARGO_BIN_EXE_augur");
    let command = format!("{bin} repl {FILE} -s calm");
    let mut child = Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env("TERM", "xterm")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("script runs");
    let mut stdin = child.stdin.take().expect("piped");
    let mut stdout = child.stdout.take().expect("piped");
    let shown = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let reader = {
        let shown = std::sync::Arc::clone(&shown);
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = std::io::Read::read(&mut stdout, &mut buf) {
                if n == 0 {
                    break;
                }
                shown
                    .lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        })
    };
    // Each line is typed once the terminal shows what the one before it should (bounded:
    // a session that never shows it fails the test), and a moment later, as a person types.
    let wait_for = |text: &str, times: usize| {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        while shown.lock().unwrap().matches(text).count() < times {
            assert!(
                std::time::Instant::now() < deadline,
                "no `{text}` in:\n{}",
                shown.lock().unwrap()
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    };
    let steps = [
        ("calm> ", 1, "assume us with\t\r"),
        ("  assume us withdraws\r\n", 1, "why rivals adv\t\r"),
        ("rivals advance does not hold", 1, "\x1b[A\r"),
        ("rivals advance does not hold", 2, "quit\r"),
    ];
    for (after, times, keys) in steps {
        wait_for(after, times);
        stdin.write_all(keys.as_bytes()).unwrap();
        stdin.flush().unwrap();
    }
    drop(stdin);
    // Bounded: a session that never ends is killed.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while child.try_wait().expect("waits").is_none() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let _ = child.kill();
    let status = child.wait().expect("ends");
    reader.join().unwrap();
    let text = shown.lock().unwrap().clone();
    assert!(status.success(), "`quit` ends the session: {text}");
    assert_eq!(
        text.matches("rivals advance does not hold").count(),
        2,
        "{text}"
    );
}
