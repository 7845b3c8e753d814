//! Golden snapshots of a scenario: one text file per scenario listing every conclusion
//! (its likelihood and the rule at the root of its proof), every conflict and tension that
//! holds and every open question. Lines are sorted by their text, so a snapshot does not depend on the
//! order of declarations; files are written atomically. A mismatch leaves the new text in
//! `SCENARIO.snap.new` beside the snapshot for review, as insta does.

mod compare;
mod line_diff;
mod pending;

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use crate::engine::{INF, Model};
use crate::program::GroundAtom;

use super::files::{self, Entry, FileError, SnapshotDir};

pub use compare::{Comparison, Interrupted, Mode, compare};
pub use line_diff::{LineDiff, Paired};
pub use pending::{Pending, accept, pending};

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

#[cfg(test)]
mod tests;
