//! Golden snapshots of a scenario: one text file per scenario listing every conclusion
//! (its likelihood and the rule at the root of its proof), every conflict and tension that
//! holds and every open question. Lines are sorted by their text, so a snapshot does not depend on the
//! order of declarations; files are written atomically. A mismatch leaves the new text in
//! `SCENARIO.snap.new` beside the snapshot for review, as insta does.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;

use std::ops::ControlFlow;

use crate::engine::{INF, Model};
use crate::program::GroundAtom;

/// Separates the fields of a line; the first field is the line's key.
const SEP: &str = " | ";

/// The snapshot text of one scenario: three groups (conclusions, conflicts and tensions,
/// open questions), each under a comment naming its line format and sorted by line text.
pub fn render(model: &Model<'_>) -> String {
    let p = model.program();
    let name = &p.scenarios[model.scenario().index()].name;
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
            let conflict = &p.conflicts[m.conflict.index()];
            let (kind, name) = (conflict.kind, &conflict.name);
            let bindings: Vec<(String, String)> = m
                .bindings
                .iter()
                .map(|(k, v)| (k.clone(), p.symbols.show(*v)))
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
    let mut out = format!("# augur snapshot of scenario {name}\n");
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

/// Writes `text` to `path` through a temporary file in the same directory and a rename,
/// so a crash or a full disk never leaves a half-written snapshot: the old file survives
/// any failure.
pub fn write_atomic(path: &Path, text: &str) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map_or_else(|| "snapshot".into(), |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
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
}

impl Comparison {
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
            | Comparison::Removed { .. } => false,
        }
    }
}

/// The snapshot file of `scenario` in `dir`.
pub fn file_of(dir: &Path, scenario: &str) -> PathBuf {
    dir.join(format!("{scenario}.snap"))
}

/// The pending file beside a snapshot: the text a mismatching run produced.
pub fn pending_of(snapshot: &Path) -> PathBuf {
    let mut name = snapshot.as_os_str().to_owned();
    name.push(".new");
    PathBuf::from(name)
}

/// An I/O error with the path it concerns.
pub type IoError = (PathBuf, std::io::Error);

fn remove_if_present(path: &Path) -> Result<(), IoError> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err((path.to_path_buf(), e)),
        _ => Ok(()),
    }
}

fn read_if_present(path: &Path) -> Result<Option<String>, IoError> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err((path.to_path_buf(), e)),
    }
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
/// them and removes, and reports, stale ones). Only snapshot files whose scenario name
/// contains `filter` are considered stale. A matching snapshot's leftover `.new` file is
/// removed.
pub fn compare(
    dir: &Path,
    models: &[&Model<'_>],
    mode: Mode,
    filter: Option<&str>,
) -> Result<Vec<Comparison>, IoError> {
    // Both modes may write: the snapshots, or the `.new` files of mismatches.
    if !models.is_empty() {
        std::fs::create_dir_all(dir).map_err(|e| (dir.to_path_buf(), e))?;
    }
    let mut out = Vec::new();
    let mut names = Vec::new();
    for model in models {
        let scenario = model.program().scenarios[model.scenario().index()]
            .name
            .clone();
        let path = file_of(dir, &scenario);
        let pending = pending_of(&path);
        let text = render(model);
        names.push(scenario.clone());
        let old = read_if_present(&path)?;
        let same = old.as_deref() == Some(text.as_str());
        if same || mode == Mode::Bless {
            remove_if_present(&pending)?;
        } else {
            write_atomic(&pending, &text).map_err(|e| (pending.clone(), e))?;
        }
        out.push(match (mode, old) {
            (_, Some(_)) if same => match mode {
                Mode::Compare => Comparison::Same { scenario },
                Mode::Bless => Comparison::Unchanged { scenario },
            },
            (Mode::Bless, old) => {
                write_atomic(&path, &text).map_err(|e| (path.clone(), e))?;
                if old.is_some() {
                    Comparison::Updated { scenario }
                } else {
                    Comparison::Created { scenario }
                }
            }
            (Mode::Compare, Some(old)) => Comparison::Changed {
                scenario,
                diff: LineDiff::new(&old, &text),
            },
            (Mode::Compare, None) => Comparison::Missing { scenario },
        });
    }
    for path in stale(dir, &names, filter) {
        if mode == Mode::Bless {
            std::fs::remove_file(&path).map_err(|e| (path.clone(), e))?;
            remove_if_present(&pending_of(&path))?;
            out.push(Comparison::Removed {
                file: path.display().to_string(),
            });
        } else {
            out.push(Comparison::Stale {
                file: path.display().to_string(),
            });
        }
    }
    Ok(out)
}

/// The `.snap` files in `dir` of no scenario in `names`, among those `filter` selects, in
/// name order.
fn stale(dir: &Path, names: &[String], filter: Option<&str>) -> Vec<PathBuf> {
    let mut stale: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "snap"))
            .filter(|p| {
                p.file_stem().and_then(|s| s.to_str()).is_some_and(|s| {
                    !names.iter().any(|n| n == s) && filter.is_none_or(|f| s.contains(f))
                })
            })
            .collect(),
        Err(_) => Vec::new(),
    };
    stale.sort();
    stale
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

/// Every pending `.snap.new` file in `dir` of a scenario whose name contains `filter`, in
/// name order, with how it differs.
pub fn pending(dir: &Path, filter: Option<&str>) -> Result<Vec<Pending>, IoError> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err((dir.to_path_buf(), e)),
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_str().is_some_and(|s| s.ends_with(".snap.new")))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for file in files {
        let new = std::fs::read_to_string(&file).map_err(|e| (file.clone(), e))?;
        let snap = file.with_extension("");
        let old = read_if_present(&snap)?;
        let scenario = snap
            .file_stem()
            .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
        if filter.is_some_and(|f| !scenario.contains(f)) {
            continue;
        }
        out.push(Pending {
            scenario,
            file: file.display().to_string(),
            replaces: old.is_some(),
            diff: LineDiff::new(old.as_deref().unwrap_or(""), &new),
        });
    }
    Ok(out)
}

/// Accepts every pending change in `dir` that `filter` selects: each `.snap.new` file
/// replaces its snapshot (by a rename, so atomically). Returns what was accepted.
pub fn accept(dir: &Path, filter: Option<&str>) -> Result<Vec<Pending>, IoError> {
    let pending = pending(dir, filter)?;
    for p in &pending {
        let file = PathBuf::from(&p.file);
        let snap = file.with_extension("");
        std::fs::rename(&file, &snap).map_err(|e| (file.clone(), e))?;
    }
    Ok(pending)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Analysis;
    use crate::engine::Options;

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

    #[test]
    fn atomic_write_replaces_whole_files_and_keeps_the_old_one_on_failure() {
        let dir = std::env::temp_dir().join(format!("augur-snap-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("s.snap");
        write_atomic(&path, "old\n").unwrap();
        write_atomic(&path, "new\n").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new\n");
        // A write into a missing directory fails before touching anything.
        let missing = dir.join("nowhere").join("s.snap");
        assert!(write_atomic(&missing, "x").is_err());
        // A target that cannot be replaced (a directory) fails, and no temporary is left.
        let blocked = dir.join("blocked.snap");
        std::fs::create_dir_all(&blocked).unwrap();
        assert!(write_atomic(&blocked, "x").is_err());
        assert!(blocked.is_dir());
        let leftovers: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new\n");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
