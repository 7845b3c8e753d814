//! `--watch` (on `run` and `test`): run, then run again each time a rule file or a
//! document's text file changes, until interrupted. File events come from `notify`,
//! debounced (`notify-debouncer-mini`): the burst of events one save makes (an editor's
//! temporary file, the rename over the old one) is one re-run.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, SystemTime};

use notify_debouncer_mini::notify::{ErrorKind, RecursiveMode};
use notify_debouncer_mini::{DebounceEventResult, new_debouncer};

use super::args::{Format, Paths};
use super::{BAD_INPUT, Outcome, Style, polish};

/// How long events are gathered before one re-run: one save's burst, short enough to feel
/// immediate.
const DEBOUNCE: Duration = Duration::from_millis(200);

/// `--watch`.
#[derive(Clone, Copy, Debug, Default, clap::Args)]
pub struct Watch {
    /// Run again each time a rule file (or a document's text file in --sources) changes,
    /// until interrupted (Ctrl-C).
    #[arg(long)]
    pub watch: bool,
}

/// What is watched: directories (non-recursively, as rule files are read), each with the
/// files in it that count; `None` for every `.augur` file of a directory named, or any
/// file of a --sources directory.
#[derive(Debug, Default)]
struct Watched {
    /// A directory named among the paths: its `.augur` files.
    rule_dirs: BTreeSet<PathBuf>,
    /// A rule file named: the file (its directory is watched, so that a save by rename
    /// is seen).
    files: BTreeSet<PathBuf>,
    /// A --sources directory: any file in it.
    source_dirs: BTreeSet<PathBuf>,
}

impl Watched {
    fn new(paths: &Paths) -> Self {
        let mut watched = Watched::default();
        for path in &paths.paths {
            let path = absolute(path);
            if path.is_dir() {
                watched.rule_dirs.insert(path);
            } else {
                watched.files.insert(path);
            }
        }
        watched.source_dirs = paths.sources.iter().map(|d| absolute(d)).collect();
        watched
    }

    /// The directories to give the watcher.
    fn dirs(&self) -> BTreeSet<PathBuf> {
        let parents = self.files.iter().map(|f| {
            f.parent()
                .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
        });
        self.rule_dirs
            .iter()
            .cloned()
            .chain(parents)
            .chain(self.source_dirs.iter().cloned())
            .collect()
    }

    /// Whether a change to `path` should run the command again.
    fn counts(&self, path: &Path) -> bool {
        let parent = path.parent().unwrap_or(path);
        self.files.contains(path)
            || self.source_dirs.contains(parent)
            || (self.rule_dirs.contains(parent) && path.extension().is_some_and(|x| x == "augur"))
    }
}

/// A path made absolute against the working directory, as the watcher reports paths.
fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Runs `once` now and again after each change to what `paths` name, printing each
/// outcome as it comes; returns only when watching cannot go on (the last outcome's code,
/// or 2 when the watcher could not start).
pub fn watch(paths: &Paths, format: Format, once: impl Fn() -> Outcome) -> Outcome {
    let watched = Watched::new(paths);
    let (tx, rx) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer = match new_debouncer(DEBOUNCE, tx) {
        Ok(d) => d,
        Err(e) => return cannot_watch(e.to_string(), format),
    };
    for dir in watched.dirs() {
        if let Err(e) = debouncer.watcher().watch(&dir, RecursiveMode::NonRecursive) {
            let reason = match e.kind {
                ErrorKind::PathNotFound => "no such folder".to_owned(),
                ErrorKind::Io(io) => io.to_string(),
                _ => e.to_string(),
            };
            return cannot_watch(format!("`{}`: {reason}", dir.display()), format);
        }
    }
    let mut seen = Fingerprints::default();
    for dir in watched.dirs() {
        let entries = std::fs::read_dir(&dir).into_iter().flatten().flatten();
        for path in entries.map(|e| e.path()).filter(|p| watched.counts(p)) {
            seen.changed(&path);
        }
    }
    let mut code = print(polish(once(), format, false, true));
    note(&format!(
        "watching {} for changes; Ctrl-C stops\n",
        plural(watched.dirs().len(), "directory", "directories")
    ));
    for events in rx {
        let changed: BTreeSet<PathBuf> = match events {
            Ok(events) => events
                .into_iter()
                .map(|e| e.path)
                .filter(|p| watched.counts(p) && seen.changed(p))
                .collect(),
            Err(e) => {
                note(&format!("watch error: {e}\n"));
                continue;
            }
        };
        let Some(first) = changed.first() else {
            continue;
        };
        note(&format!("`{}` changed; running again\n", first.display()));
        code = print(polish(once(), format, false, true));
    }
    Outcome {
        stdout: String::new(),
        stderr: String::new(),
        code,
    }
}

/// What each file looked like when last seen: its size and modification time, or absent.
/// A file is read by every run, and reading it makes events too (an open, a close); only a
/// file whose fingerprint changed runs the command again.
#[derive(Debug, Default)]
struct Fingerprints(std::collections::BTreeMap<PathBuf, Option<(u64, Option<SystemTime>)>>);

impl Fingerprints {
    /// Whether `path` differs from when it was last seen (or was never seen); it is seen
    /// now.
    fn changed(&mut self, path: &Path) -> bool {
        let now = std::fs::metadata(path)
            .ok()
            .map(|m| (m.len(), m.modified().ok()));
        self.0.insert(path.to_path_buf(), now) != Some(now)
    }
}

/// Prints an outcome now; its exit code.
fn print(outcome: Outcome) -> u8 {
    let _ = std::io::stdout()
        .lock()
        .write_all(outcome.stdout.as_bytes());
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr()
        .lock()
        .write_all(outcome.stderr.as_bytes());
    outcome.code
}

/// A note on stderr, unless `--quiet`.
fn note(text: &str) {
    if !Style::get().quiet {
        let _ = std::io::stderr()
            .lock()
            .write_all(format!("augur: {text}").as_bytes());
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    match n {
        1 => format!("1 {one}"),
        n => format!("{n} {many}"),
    }
}

/// The watcher could not start: a diagnostic, exit 2.
fn cannot_watch(reason: String, format: Format) -> Outcome {
    Outcome {
        stdout: String::new(),
        stderr: super::render(&WatchError { reason }, format),
        code: BAD_INPUT,
    }
}

/// `augur run missing/ --watch`: a path the system cannot watch.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("cannot watch for changes: {reason}")]
#[diagnostic(
    code(augur::watch::cannot_watch),
    help(
        "each rule file's folder, each folder named and each --sources folder is watched: they must exist and be readable"
    )
)]
struct WatchError {
    /// The system's reason.
    reason: String,
}
