//! Comparing models with their stored snapshots, or blessing them: everything is looked at
//! (a [`Plan`]) before anything changes, then acted on.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::engine::Model;
use crate::hash::HashSet;
use crate::scenario::files::{self, Access, FileError, SnapshotDir};

use super::{LineDiff, augurs, removable, render, snap_name};

/// How one scenario compares with its stored snapshot.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Comparison {
    /// Identical.
    Same {
        /// The scenario.
        scenario: String,
    },
    /// Different; the new text waits in `SCENARIO.snap.new`.
    Changed {
        /// The scenario.
        scenario: String,
        /// What changed.
        #[serde(flatten)]
        diff: LineDiff,
    },
    /// No snapshot stored yet; the new text waits in `SCENARIO.snap.new`.
    Missing {
        /// The scenario.
        scenario: String,
    },
    /// A stored snapshot of a scenario that no longer exists.
    Stale {
        /// The file.
        file: String,
    },
    /// `--bless` wrote a snapshot that did not exist.
    Created {
        /// The scenario.
        scenario: String,
    },
    /// `--bless` rewrote a snapshot that differed.
    Updated {
        /// The scenario.
        scenario: String,
    },
    /// `--bless` found the snapshot already right.
    Unchanged {
        /// The scenario.
        scenario: String,
    },
    /// `--bless` removed the snapshot of a scenario that no longer exists.
    Removed {
        /// The file.
        file: String,
    },
    /// `--bless` removed a temporary file an interrupted run left.
    Cleaned {
        /// The file.
        file: String,
    },
    /// `--bless` left alone a `.snap` file of no scenario that augur did not write (another
    /// tool's snapshot, say).
    LeftAlone {
        /// The file.
        file: String,
    },
}

impl Comparison {
    /// Whether this is a snapshot checked (which counts as a pass or a failure), not a
    /// file `--bless` removed or left alone.
    pub fn is_check(&self) -> bool {
        !matches!(
            self,
            Comparison::Removed { .. } | Comparison::Cleaned { .. } | Comparison::LeftAlone { .. }
        )
    }

    /// Whether this fails the run.
    pub fn failed(&self) -> bool {
        match self {
            Comparison::Changed { .. } | Comparison::Missing { .. } | Comparison::Stale { .. } => {
                true
            }
            Comparison::Same { .. }
            | Comparison::Created { .. }
            | Comparison::Updated { .. }
            | Comparison::Unchanged { .. }
            | Comparison::Removed { .. }
            | Comparison::Cleaned { .. }
            | Comparison::LeftAlone { .. } => false,
        }
    }
}

/// What to do with the snapshots.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Compare; leave each mismatch's new text in a `.new` file.
    Compare,
    /// Rewrite the snapshots that differ and remove those of vanished scenarios.
    Bless,
    /// Compare and change nothing: no pending file written or removed, the directory
    /// only read (`augur report` shows the comparison).
    Check,
}

/// Compares every model with its snapshot in `dir` (or, with [`Mode::Bless`], rewrites
/// them, removes and reports stale ones, and removes and reports the temporary files of
/// interrupted runs). Only `.snap` files augur wrote (their first line is
/// [`HEADER`](super::HEADER) and the scenario's name) whose scenario name contains `filter`
/// are stale; any other file is left alone, and named in a bless's report. A matching snapshot's leftover `.new` file is
/// removed. The directory is locked for the whole run, so concurrent runs take turns.
pub fn compare(
    dir: &Path,
    models: &[&Model<'_>],
    mode: Mode,
    filter: Option<&str>,
) -> Result<Vec<Comparison>, Interrupted> {
    if models.is_empty() && !dir.exists() {
        return Ok(Vec::new());
    }
    let access = match mode {
        Mode::Compare => Access::Write,
        Mode::Bless => Access::Create,
        Mode::Check => Access::Read,
    };
    let dir = SnapshotDir::open(dir, access).map_err(Interrupted::from)?;
    // Everything is looked at before anything changes, so that a file augur must not touch
    // stops the run with nothing done.
    let plan = plan(&dir, models, mode, filter).map_err(Interrupted::from)?;
    let mut done = Vec::new();
    match act(&dir, plan, mode, &mut done) {
        Ok(()) => Ok(done),
        Err(error) => Err(Interrupted { error, done }),
    }
}

/// A run stopped by a file problem after it changed some files: the problem, and what it
/// did before, which the report still names.
#[derive(Debug)]
pub struct Interrupted {
    /// The problem.
    pub error: FileError,
    /// What the run did before it.
    pub done: Vec<Comparison>,
}

impl From<FileError> for Interrupted {
    fn from(error: FileError) -> Self {
        Interrupted {
            error,
            done: Vec::new(),
        }
    }
}

/// What a run found, before it acts.
struct Plan {
    scenarios: Vec<Found>,
    /// The `.snap` files of no scenario.
    others: Vec<Other>,
}

/// A `.snap` file of no scenario.
enum Other {
    /// One augur wrote: stale; and its pending file, if augur wrote one.
    Stale {
        path: PathBuf,
        pending: Option<PathBuf>,
    },
    /// One augur did not write: left alone.
    NotAugurs { path: PathBuf },
}

/// One scenario's files.
struct Found {
    scenario: String,
    text: String,
    /// The snapshot augur wrote (its real path) and its text; none when absent.
    old: Option<(PathBuf, String)>,
    /// Where its snapshot goes when absent.
    new_path: PathBuf,
    /// Its pending file: augur's (its real path), or where it goes.
    pending: Result<PathBuf, PathBuf>,
}

fn plan(
    dir: &SnapshotDir,
    models: &[&Model<'_>],
    mode: Mode,
    filter: Option<&str>,
) -> Result<Plan, FileError> {
    let mut scenarios = Vec::new();
    for model in models {
        let scenario = model.program().scenarios()[model.scenario().index()]
            .name
            .clone();
        let name = snap_name(&scenario);
        let pending_name = format!("{name}.new");
        let old = match augurs(dir, &name, &scenario)? {
            Some(path) => {
                let text = files::read(&path)?;
                Some((path, text))
            }
            None => None,
        };
        let pending = augurs(dir, &pending_name, &scenario)?.ok_or(dir.join(&pending_name));
        scenarios.push(Found {
            text: render(model),
            old,
            new_path: dir.join(&name),
            pending,
            scenario,
        });
    }
    let names: HashSet<&str> = scenarios.iter().map(|f| f.scenario.as_str()).collect();
    let mut others = Vec::new();
    for (name, stem) in others_of(dir, &names, filter)? {
        let path = dir.join(&name);
        if removable(dir, &name, &stem)? {
            let pending = format!("{name}.new");
            let pending = removable(dir, &pending, &stem)?.then(|| dir.join(&pending));
            others.push(Other::Stale { path, pending });
        } else if mode == Mode::Bless {
            others.push(Other::NotAugurs { path });
        }
    }
    Ok(Plan { scenarios, others })
}

fn act(
    dir: &SnapshotDir,
    plan: Plan,
    mode: Mode,
    done: &mut Vec<Comparison>,
) -> Result<(), FileError> {
    if mode == Mode::Bless {
        // The lock is held: no run that writes is under way, so every temporary is stale.
        for path in dir.clean_temporaries()? {
            done.push(Comparison::Cleaned {
                file: path.display().to_string(),
            });
        }
    }
    for found in plan.scenarios {
        let Found {
            scenario,
            text,
            old,
            new_path,
            pending,
        } = found;
        let same = old.as_ref().is_some_and(|(_, old)| *old == text);
        if mode == Mode::Check {
            // Reads only.
        } else if same || mode == Mode::Bless {
            if let Ok(pending) = &pending {
                files::remove(pending)?;
            }
        } else {
            files::write_atomic(pending.as_ref().unwrap_or_else(|p| p), &text)?;
        }
        done.push(match (mode, old) {
            (Mode::Compare | Mode::Check, Some(_)) if same => Comparison::Same { scenario },
            (Mode::Bless, Some(_)) if same => Comparison::Unchanged { scenario },
            (Mode::Bless, Some((path, _))) => {
                files::write_atomic(&path, &text)?;
                Comparison::Updated { scenario }
            }
            (Mode::Bless, None) => {
                files::write_atomic(&new_path, &text)?;
                Comparison::Created { scenario }
            }
            (Mode::Compare | Mode::Check, Some((_, old))) => Comparison::Changed {
                scenario,
                diff: LineDiff::new(&old, &text),
            },
            (Mode::Compare | Mode::Check, None) => Comparison::Missing { scenario },
        });
    }
    for other in plan.others {
        done.push(match (other, mode) {
            (Other::Stale { path, pending }, Mode::Bless) => {
                files::remove(&path)?;
                if let Some(pending) = pending {
                    files::remove(&pending)?;
                }
                Comparison::Removed {
                    file: path.display().to_string(),
                }
            }
            (Other::Stale { path, .. }, Mode::Compare | Mode::Check) => Comparison::Stale {
                file: path.display().to_string(),
            },
            (Other::NotAugurs { path }, _) => Comparison::LeftAlone {
                file: path.display().to_string(),
            },
        });
    }
    Ok(())
}

/// The `.snap` files in `dir` of no scenario in `names`, among those `filter` selects, in
/// name order, with their scenario names.
fn others_of(
    dir: &SnapshotDir,
    names: &HashSet<&str>,
    filter: Option<&str>,
) -> Result<Vec<(String, String)>, FileError> {
    Ok(dir
        .names()?
        .into_iter()
        .filter_map(|name| {
            let stem = name.strip_suffix(".snap")?.to_owned();
            let chosen = !stem.is_empty()
                && !names.contains(stem.as_str())
                && filter.is_none_or(|f| stem.contains(f));
            chosen.then_some((name, stem))
        })
        .collect())
}
