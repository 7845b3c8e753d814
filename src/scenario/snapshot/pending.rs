//! The pending `.snap.new` files a mismatching run leaves: listed for review, or accepted.

use std::path::Path;

use serde::Serialize;

use crate::scenario::files::{self, Access, Entry, FileError, SnapshotDir};

use super::{LineDiff, augurs, removable, snap_name};

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
