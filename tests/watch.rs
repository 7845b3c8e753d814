//! `--watch` on `run` and `test`: a file edited in a temporary directory is seen and the
//! command runs again; a file that stops parsing is reported and watching goes on; a file
//! that is not a rule file changes nothing. Every wait is bounded, and the child is killed
//! at the end whatever happened: nothing here asserts a timing.

#![expect(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "a test: a child that cannot be started or a file that cannot be written fails it"
)]

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use common::temp_dir;

/// The longest wait for one run's output: generous, for a loaded machine.
const PATIENCE: Duration = Duration::from_secs(90);

/// A running `augur ... --watch`, its output lines as they come, killed on drop.
struct Watching {
    child: Child,
    out: Receiver<String>,
    err: Receiver<String>,
    seen: String,
    /// All of stderr so far.
    errors: String,
    /// How far into `errors` [`Watching::expect_error`] has found what it waited for.
    looked: usize,
}

impl Watching {
    fn start(dir: &Path, args: &[&str]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_augur"))
            .args(args)
            .arg("--watch")
            .current_dir(dir)
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("augur runs");
        let lines = |stream: Box<dyn std::io::Read + Send>| {
            let (tx, rx) = channel();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    if tx.send(line).is_err() {
                        break;
                    }
                }
            });
            rx
        };
        let out = lines(Box::new(child.stdout.take().unwrap()));
        let err = lines(Box::new(child.stderr.take().unwrap()));
        Watching {
            child,
            out,
            err,
            seen: String::new(),
            errors: String::new(),
            looked: 0,
        }
    }

    /// Waits, at most [`PATIENCE`], for a stdout line equal to `want`; everything read
    /// before it is dropped from what the next wait looks at.
    fn expect_line(&mut self, want: &str) {
        let deadline = Instant::now() + PATIENCE;
        self.seen.clear();
        while Instant::now() < deadline {
            while let Ok(line) = self.err.try_recv() {
                self.errors.push_str(&line);
                self.errors.push('\n');
            }
            if let Ok(line) = self.out.recv_timeout(Duration::from_millis(100)) {
                let found = line == want;
                self.seen.push_str(&line);
                self.seen.push('\n');
                if found {
                    return;
                }
            }
        }
        panic!(
            "no `{want}` within {PATIENCE:?}; stdout:\n{}\nstderr:\n{}",
            self.seen, self.errors
        );
    }

    /// Waits, at most [`PATIENCE`], for stderr to hold `want` past what the last such
    /// wait found.
    fn expect_error(&mut self, want: &str) {
        let deadline = Instant::now() + PATIENCE;
        while Instant::now() < deadline {
            if let Some(at) = self.errors[self.looked..].find(want) {
                self.looked += at + want.len();
                return;
            }
            if let Ok(line) = self.err.recv_timeout(Duration::from_millis(100)) {
                self.errors.push_str(&line);
                self.errors.push('\n');
            }
        }
        panic!(
            "no `{want}` on stderr within {PATIENCE:?}:\n{}",
            self.errors
        );
    }
}

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

const RULES: &str = "assumable us withdraws\nrule gap: us withdraws implies rivals advance LEVEL\nscenario retreat { assume us withdraws }\ntest \"gap\" in retreat {\n  expect rivals advance at least likely\n}\n";

fn rules(level: &str) -> String {
    RULES.replace("LEVEL", level)
}

/// Writes `text` to `path` as an editor does: a new file renamed over the old.
fn save(path: &Path, text: &str) {
    let tmp = path.with_extension("tmp~");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

#[test]
fn run_runs_again_when_a_rule_file_changes() {
    let dir = temp_dir("watch-run");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("a.augur");
    std::fs::write(&file, rules("likely")).unwrap();
    let mut watching = Watching::start(&dir, &["run", ".", "-s", "retreat"]);
    watching.expect_line("  rivals advance  likely");
    watching.expect_error("watching 1 directory");
    // Not a rule file: no run (the note that names the next change would name it first).
    std::fs::write(dir.join("notes.txt"), "draft").unwrap();
    save(&file, &rules("unlikely"));
    watching.expect_line("  rivals advance  unlikely");
    watching.expect_error("a.augur` changed");
    // A file that stops parsing is reported, and the watch goes on.
    save(&file, "rule broken:\n");
    watching.expect_error("augur::syntax");
    save(&file, &rules("very_likely"));
    watching.expect_line("  rivals advance  very_likely");
    assert!(
        !watching.errors.contains("notes.txt"),
        "{}",
        watching.errors
    );
    drop(watching);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn test_runs_again_when_the_named_file_changes() {
    let dir = temp_dir("watch-test");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("a.augur");
    std::fs::write(&file, rules("likely")).unwrap();
    let mut watching = Watching::start(&dir, &["test", "a.augur"]);
    watching.expect_line("1 passed, 0 failed");
    std::fs::write(&file, rules("unlikely")).unwrap();
    watching.expect_line("0 passed, 1 failed");
}

#[test]
fn a_path_that_cannot_be_watched_is_bad_input() {
    let run = common::augur(&["run", "no/such/folder", "--watch"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("augur::watch::cannot_watch"),
        "{}",
        run.stderr
    );
    // The folder a missing rule file would be in.
    assert!(
        run.stderr.contains("no/such`: no such folder"),
        "{}",
        run.stderr
    );
}
