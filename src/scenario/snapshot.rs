//! Golden snapshots of a scenario: one text file per scenario listing every conclusion
//! (its likelihood and the rule at the root of its proof), every conflict and tension that
//! holds and every open question. Lines are sorted by their text, so a snapshot does not depend on the
//! order of declarations; files are written atomically. A mismatch leaves the new text in
//! `SCENARIO.snap.new` beside the snapshot for review, as insta does.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde::Serialize;

use std::ops::ControlFlow;

use crate::engine::{INF, Model};
use crate::program::GroundAtom;

use super::files::{self, Access, Entry, FileError, SnapshotDir};

/// Separates the fields of a line; the first field is the line's key.
const SEP: &str = " | ";

/// The first line of every snapshot, before the scenario's name: how augur knows the files
/// it wrote, the only ones it replaces or removes.
pub const HEADER: &str = "# augur snapshot of scenario ";

/// Whether `first_line` is the first line of a snapshot augur wrote of `scenario`.
fn written_by_augur(first_line: &str, scenario: &str) -> bool {
    first_line.strip_prefix(HEADER) == Some(scenario)
}

/// The snapshot text of one scenario: three groups (conclusions, conflicts and tensions,
/// open questions), each under a comment naming its line format and sorted by line text.
pub fn render(model: &Model<'_>) -> String {
    let p = model.program();
    let name = &p.scenarios()[model.scenario().index()].name;
    let mut conclusions: Vec<String> = model
        .conclusions()
        .into_iter()
        .map(|c| {
            let rule = root_rule(model, &c.atom).unwrap_or("-");
            format!("{}{SEP}{}{SEP}{rule}", p.show_atom(&c.atom), c.likelihood)
        })
        .collect();
    let mut conflicts: Vec<String> = model
        .conflicts()
        .iter()
        .map(|m| {
            let conflict = &p.conflicts()[m.conflict.index()];
            let (kind, name) = (conflict.kind, &conflict.name);
            let bindings: Vec<(String, String)> = m
                .bindings
                .iter()
                .map(|(k, v)| (k.clone(), p.symbols().show(*v)))
                .collect();
            let bindings = super::bindings_text(bindings.iter().map(|(k, v)| (k, v)));
            format!("{kind} {name}{bindings}{SEP}{}", m.likelihood)
        })
        .collect();
    let mut open: Vec<String> = model
        .open_questions()
        .into_iter()
        .map(|o| format!("open {}", p.show_atom(&o.atom)))
        .collect();
    let mut out = format!("{HEADER}{name}\n");
    let groups = [
        (
            "# conclusions: atom | likelihood | rule at the root of its proof",
            &mut conclusions,
        ),
        (
            "# conflicts and tensions: conflict|tension NAME (?VARIABLE = VALUE, ...) | likelihood",
            &mut conflicts,
        ),
        ("# open questions: open ATOM", &mut open),
    ];
    for (header, lines) in groups {
        lines.sort_unstable();
        lines.dedup();
        out.push_str(header);
        out.push('\n');
        for line in lines.iter() {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// The rule at the root of the atom's strongest proof of least height (as `why` shows it),
/// the first by name when several qualify, so that reordering rules changes no snapshot;
/// `None` without provenance or for an atom no rule derives.
fn root_rule<'p>(model: &Model<'p>, atom: &GroundAtom) -> Option<&'p str> {
    if !model.has_provenance() {
        return None;
    }
    let p = model.program();
    let heights = model.relation(atom.pred).heights(model.find(atom)?);
    let level = heights.iter().rposition(|&h| h != INF)?;
    let target = heights[level];
    let mut best: Option<&'p str> = None;
    let _ = model.derivations(atom, &mut |d| {
        let rule = p.rule(d.rule);
        if rule.level.rank() >= level
            && d.premise_heights[level].checked_add(1) == Some(target)
            && best.is_none_or(|b| rule.name.as_str() < b)
        {
            best = Some(&rule.name);
        }
        ControlFlow::Continue(())
    });
    best
}

/// One line whose key stayed and whose other fields changed, e.g. a likelihood.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Paired {
    /// The key: the atom, the conflict with its bindings, or the open question.
    pub key: String,
    /// The fields that changed, as they were.
    pub from: String,
    /// The fields that changed, as they are.
    pub to: String,
}

/// The difference between two snapshot texts, line by line (comments ignored).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct LineDiff {
    /// Lines only in the stored snapshot, whose key is gone.
    pub removed: Vec<String>,
    /// Lines only in the new text, with a new key.
    pub added: Vec<String>,
    /// Lines whose key is in both but whose other fields differ.
    pub changed: Vec<Paired>,
}

impl LineDiff {
    /// Compares `old` with `new`.
    pub fn new(old: &str, new: &str) -> Self {
        let lines = |text: &str| -> Vec<String> {
            text.lines()
                .filter(|l| !l.starts_with('#') && !l.is_empty())
                .map(str::to_owned)
                .collect()
        };
        let (old, new) = (lines(old), lines(new));
        let mut removed: Vec<String> = old.iter().filter(|l| !new.contains(l)).cloned().collect();
        let mut added: Vec<String> = new.iter().filter(|l| !old.contains(l)).cloned().collect();
        let mut changed = Vec::new();
        removed.retain(|r| {
            let (key, from) = split_key(r);
            let Some(i) = added.iter().position(|a| split_key(a).0 == key) else {
                return true;
            };
            let a = added.remove(i);
            let (from, to) = changed_fields(from, split_key(&a).1);
            changed.push(Paired {
                key: key.to_owned(),
                from,
                to,
            });
            false
        });
        LineDiff {
            removed,
            added,
            changed,
        }
    }
}

fn split_key(line: &str) -> (&str, &str) {
    line.split_once(SEP).unwrap_or((line, ""))
}

/// The fields after the key, shortened to the likelihood alone when only it changed.
fn changed_fields(from: &str, to: &str) -> (String, String) {
    let (f, t): (Vec<&str>, Vec<&str>) = (from.split(SEP).collect(), to.split(SEP).collect());
    if f.len() == t.len() && f.len() > 1 && f[1..] == t[1..] {
        (f[0].to_owned(), t[0].to_owned())
    } else {
        (from.to_owned(), to.to_owned())
    }
}

/// How one scenario compares with its stored snapshot.
#[derive(Clone, Debug, Serialize)]
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

/// The snapshot file of `scenario` in `dir`.
pub fn file_of(dir: &Path, scenario: &str) -> PathBuf {
    dir.join(snap_name(scenario))
}

fn snap_name(scenario: &str) -> String {
    format!("{scenario}.snap")
}

/// The pending file beside a snapshot: the text a mismatching run produced.
pub fn pending_of(snapshot: &Path) -> PathBuf {
    let mut name = snapshot.as_os_str().to_owned();
    name.push(".new");
    PathBuf::from(name)
}

/// A file of `scenario` in the directory, as found: absent, or augur's (its real path); one
/// that augur did not write is an error, since augur would replace it.
fn augurs(dir: &SnapshotDir, name: &str, scenario: &str) -> Result<Option<PathBuf>, FileError> {
    match dir.entry(name)? {
        Entry::Absent => Ok(None),
        Entry::File(real) if written_by_augur(&files::first_line(&real)?, scenario) => {
            Ok(Some(real))
        }
        Entry::File(_) => Err(FileError::NotAugurs {
            path: dir.join(name).display().to_string(),
        }),
    }
}

/// Whether `name` in the directory is a regular file (not a link) that augur wrote of
/// `scenario`: the only kind of file augur removes unasked.
fn removable(dir: &SnapshotDir, name: &str, scenario: &str) -> Result<bool, FileError> {
    let path = dir.join(name);
    let regular = std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file());
    Ok(regular && written_by_augur(&files::first_line(&path)?, scenario))
}

/// What to do with the snapshots.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Compare; leave each mismatch's new text in a `.new` file.
    Compare,
    /// Rewrite the snapshots that differ and remove those of vanished scenarios.
    Bless,
}

/// Compares every model with its snapshot in `dir` (or, with [`Mode::Bless`], rewrites
/// them, removes and reports stale ones, and removes and reports the temporary files of
/// interrupted runs). Only `.snap` files augur wrote (their first line is [`HEADER`] and
/// the scenario's name) whose scenario name contains `filter` are stale; any other file is
/// left alone, and named in a bless's report. A matching snapshot's leftover `.new` file is
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
        if same || mode == Mode::Bless {
            if let Ok(pending) = &pending {
                files::remove(pending)?;
            }
        } else {
            files::write_atomic(pending.as_ref().unwrap_or_else(|p| p), &text)?;
        }
        done.push(match (mode, old) {
            (Mode::Compare, Some(_)) if same => Comparison::Same { scenario },
            (Mode::Bless, Some(_)) if same => Comparison::Unchanged { scenario },
            (Mode::Bless, Some((path, _))) => {
                files::write_atomic(&path, &text)?;
                Comparison::Updated { scenario }
            }
            (Mode::Bless, None) => {
                files::write_atomic(&new_path, &text)?;
                Comparison::Created { scenario }
            }
            (Mode::Compare, Some((_, old))) => Comparison::Changed {
                scenario,
                diff: LineDiff::new(&old, &text),
            },
            (Mode::Compare, None) => Comparison::Missing { scenario },
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
            (Other::Stale { path, .. }, Mode::Compare) => Comparison::Stale {
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

/// A `.snap.new` file waiting for review.
#[derive(Clone, Debug, Serialize)]
pub struct Pending {
    /// The scenario it is of.
    pub scenario: String,
    /// The pending file.
    pub file: String,
    /// Whether a snapshot exists that it would replace.
    pub replaces: bool,
    /// How it differs from the stored snapshot (everything added when there is none).
    #[serde(flatten)]
    pub diff: LineDiff,
}

/// Every pending `.snap.new` file augur wrote in `dir` of a scenario whose name contains
/// `filter`, in name order, with how it differs.
pub fn pending(dir: &Path, filter: Option<&str>) -> Result<Vec<Pending>, FileError> {
    pending_in(&SnapshotDir::open(dir, Access::Read)?, filter)
}

fn pending_in(dir: &SnapshotDir, filter: Option<&str>) -> Result<Vec<Pending>, FileError> {
    let mut out = Vec::new();
    for name in dir.names()? {
        let Some(scenario) = name.strip_suffix(".snap.new") else {
            continue;
        };
        if scenario.is_empty()
            || filter.is_some_and(|f| !scenario.contains(f))
            || !removable(dir, &name, scenario)?
        {
            continue;
        }
        let file = dir.join(&name);
        let new = files::read(&file)?;
        let old = match dir.entry(&snap_name(scenario))? {
            Entry::File(real) => Some(files::read(&real)?),
            Entry::Absent => None,
        };
        out.push(Pending {
            scenario: scenario.to_owned(),
            file: file.display().to_string(),
            replaces: old.is_some(),
            diff: LineDiff::new(old.as_deref().unwrap_or(""), &new),
        });
    }
    Ok(out)
}

/// Accepts every pending change in `dir` that `filter` selects: each `.snap.new` file
/// replaces its snapshot (by a rename, so atomically, keeping the snapshot's permissions).
/// Returns what was accepted.
pub fn accept(dir: &Path, filter: Option<&str>) -> Result<Vec<Pending>, FileError> {
    let dir = SnapshotDir::open(dir, Access::Write)?;
    let pending = pending_in(&dir, filter)?;
    for p in &pending {
        let name = snap_name(&p.scenario);
        let target = augurs(&dir, &name, &p.scenario)?.unwrap_or_else(|| dir.join(&name));
        files::replace(Path::new(&p.file), &target)?;
    }
    Ok(pending)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Analysis;
    use crate::engine::Options;

    #[test]
    fn a_header_is_recognised_up_to_the_bytes_read() {
        let dir = std::env::temp_dir().join(format!("augur-snap-head-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("s.snap");
        let head = usize::try_from(files::HEAD).unwrap();
        // A header line of limit - 1 and limit bytes is augur's; one of limit + 1 is cut
        // and so not recognised: augur then refuses to replace the file, never deletes it.
        for (len, mine) in [(head - 1, true), (head, true), (head + 1, false)] {
            let scenario = "s".repeat(len - HEADER.len());
            std::fs::write(&path, format!("{HEADER}{scenario}\nrest\n")).unwrap();
            let first = files::first_line(&path).unwrap();
            assert_eq!(written_by_augur(&first, &scenario), mine, "{len}");
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    fn snapshot_of(text: &str, scenario: &str) -> String {
        let analysis = Analysis::parse("t.augur", text).unwrap();
        let model = analysis.run(scenario, &Options::default()).unwrap();
        render(&model)
    }

    const RULES: &str = "
        document seed \"T\"
        assumable ?c aligns_with ?p
        rule r: ?c aligns_with us implies us courts ?c [likely]
        rule s: ?c aligns_with china implies china courts ?c
        conflict split { when ?c aligns_with us and ?c aligns_with china }
        open trump defends guyana cite seed \"q\"
        scenario x {
          assume brazil aligns_with us
          assume brazil aligns_with china
          assume argentina aligns_with us
        }
    ";

    #[test]
    fn snapshots_list_conclusions_conflicts_and_open_questions_sorted() {
        let text = snapshot_of(RULES, "x");
        assert_eq!(
            text,
            "# augur snapshot of scenario x
# conclusions: atom | likelihood | rule at the root of its proof
china courts brazil | certain | s
us courts argentina | likely | r
us courts brazil | likely | r
# conflicts and tensions: conflict|tension NAME (?VARIABLE = VALUE, ...) | likelihood
conflict split (?c = brazil) | certain
# open questions: open ATOM
open trump defends guyana
"
        );
    }

    #[test]
    fn declaration_order_does_not_change_a_snapshot() {
        // Predicates declared in another order (an `assumable` naming `courts` first), rules
        // and assumptions swapped: the same snapshot.
        let reordered = "
            assumable ?x courts ?y
            document seed \"T\"
            open trump defends guyana cite seed \"q\"
            conflict split { when ?c aligns_with us and ?c aligns_with china }
            rule s: ?c aligns_with china implies china courts ?c
            assumable ?c aligns_with ?p
            rule r: ?c aligns_with us implies us courts ?c [likely]
            scenario x {
              assume argentina aligns_with us
              assume brazil aligns_with china
              assume brazil aligns_with us
            }
        ";
        assert_eq!(snapshot_of(reordered, "x"), snapshot_of(RULES, "x"));
    }

    #[test]
    fn the_root_rule_does_not_depend_on_rule_order() {
        let one =
            "assumable a p\nassume a p\nrule zeta: a p implies b q\nrule alpha: a p implies b q";
        let two =
            "assumable a p\nassume a p\nrule alpha: a p implies b q\nrule zeta: a p implies b q";
        let text = snapshot_of(one, "default");
        assert!(text.contains("\nb q | certain | alpha\n"), "{text}");
        assert_eq!(snapshot_of(two, "default"), text);
    }

    #[test]
    fn an_assumed_open_question_is_no_longer_open() {
        let decided = format!(
            "{RULES}\nassumable trump defends guyana\nscenario y {{ assume trump defends guyana }}"
        );
        let text = snapshot_of(&decided, "y");
        assert!(!text.contains("open trump"), "{text}");
        assert!(snapshot_of(&decided, "x").contains("\nopen trump defends guyana\n"));
    }

    #[test]
    fn a_changed_likelihood_is_one_paired_line() {
        let old = "# h\na b c | likely | r\nd e | certain | s\nconflict k | likely\nopen q r\n";
        let new = "# h\na b c | very_likely | r\nd e | certain | t\nconflict k | likely\nx y | likely | r\n";
        let diff = LineDiff::new(old, new);
        assert_eq!(
            diff.changed,
            vec![
                Paired {
                    key: "a b c".into(),
                    from: "likely".into(),
                    to: "very_likely".into()
                },
                Paired {
                    key: "d e".into(),
                    from: "certain | s".into(),
                    to: "certain | t".into()
                },
            ]
        );
        assert_eq!(diff.removed, vec!["open q r".to_owned()]);
        assert_eq!(diff.added, vec!["x y | likely | r".to_owned()]);
        assert_eq!(LineDiff::new(old, old), LineDiff::default());
    }
}
