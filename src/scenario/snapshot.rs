//! Golden snapshots of conclusions: one text file per scenario listing every conclusion,
//! its likelihood and the rule at the root of its proof. Stable, reviewable in a pull
//! request, and written atomically.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::engine::Model;
use crate::explain::{By, why};

/// The snapshot text of one scenario.
pub fn render(model: &Model<'_>) -> String {
    let p = model.program();
    let name = &p.scenarios[model.scenario().index()].name;
    let mut out = format!(
        "# augur conclusions of scenario {name}\n# atom | likelihood | rule at the root of its proof\n"
    );
    for c in model.conclusions() {
        let rule = match why(model, &c.atom).map(|proof| proof.by) {
            Some(By::Rule { rule, .. }) => rule,
            _ => "-".to_owned(),
        };
        out.push_str(&format!(
            "{} | {} | {rule}\n",
            p.show_atom(&c.atom),
            c.likelihood
        ));
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

/// How one scenario compares with its stored snapshot.
#[derive(Clone, Debug, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Comparison {
    /// Identical.
    Same {
        /// The scenario.
        scenario: String,
    },
    /// Different: the lines removed and added.
    Changed {
        /// The scenario.
        scenario: String,
        /// Lines only in the stored snapshot.
        removed: Vec<String>,
        /// Lines only in the new conclusions.
        added: Vec<String>,
    },
    /// No snapshot stored yet.
    Missing {
        /// The scenario.
        scenario: String,
    },
    /// A stored snapshot of a scenario that no longer exists.
    Stale {
        /// The file.
        file: String,
    },
    /// Written by `--bless`.
    Written {
        /// The scenario.
        scenario: String,
    },
}

impl Comparison {
    /// Whether this fails the run.
    pub fn failed(&self) -> bool {
        matches!(
            self,
            Comparison::Changed { .. } | Comparison::Missing { .. } | Comparison::Stale { .. }
        )
    }
}

fn file_of(dir: &Path, scenario: &str) -> PathBuf {
    dir.join(format!("{scenario}.snap"))
}

/// Compares every model with its snapshot in `dir` (or, with `bless`, rewrites them and
/// removes stale ones). Errors are I/O errors with the path.
pub fn compare(
    dir: &Path,
    models: &[Model<'_>],
    bless: bool,
) -> Result<Vec<Comparison>, (PathBuf, std::io::Error)> {
    if bless {
        std::fs::create_dir_all(dir).map_err(|e| (dir.to_path_buf(), e))?;
    }
    let mut out = Vec::new();
    let mut names = Vec::new();
    for model in models {
        let scenario = model.program().scenarios[model.scenario().index()]
            .name
            .clone();
        let path = file_of(dir, &scenario);
        let text = render(model);
        names.push(format!("{scenario}.snap"));
        if bless {
            let unchanged = std::fs::read_to_string(&path).is_ok_and(|old| old == text);
            if !unchanged {
                write_atomic(&path, &text).map_err(|e| (path.clone(), e))?;
            }
            out.push(Comparison::Written { scenario });
            continue;
        }
        match std::fs::read_to_string(&path) {
            Ok(old) if old == text => out.push(Comparison::Same { scenario }),
            Ok(old) => {
                let removed = old
                    .lines()
                    .filter(|l| !text.lines().any(|n| n == *l))
                    .map(str::to_owned)
                    .collect();
                let added = text
                    .lines()
                    .filter(|l| !old.lines().any(|o| o == *l))
                    .map(str::to_owned)
                    .collect();
                out.push(Comparison::Changed {
                    scenario,
                    removed,
                    added,
                });
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                out.push(Comparison::Missing { scenario })
            }
            Err(e) => return Err((path, e)),
        }
    }
    let mut stale: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "snap"))
            .filter(|p| {
                p.file_name()
                    .is_some_and(|n| !names.iter().any(|k| n == k.as_str()))
            })
            .collect(),
        Err(_) => Vec::new(),
    };
    stale.sort();
    for path in stale {
        if bless {
            std::fs::remove_file(&path).map_err(|e| (path.clone(), e))?;
        } else {
            out.push(Comparison::Stale {
                file: path.display().to_string(),
            });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

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
