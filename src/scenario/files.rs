//! The snapshot directory as augur touches it. A run locks the directory for its whole
//! length (so two runs on one directory take turns and each leaves a whole result), checks
//! that every path it reads or writes stays inside it (a symbolic link may point elsewhere
//! in the directory, never out of it), writes atomically (a temporary file in the same
//! directory, fsync, rename, fsync of the directory) keeping an existing file's
//! permissions, and reads only regular files.

use std::fs::File;
use std::io::{ErrorKind, Read, Write};
use std::path::{Path, PathBuf};

use miette::Diagnostic;
use thiserror::Error;

/// What went wrong with the snapshot directory or a file in it.
#[derive(Debug, Error, Diagnostic)]
pub enum FileError {
    /// `--snapshot DIR` of a directory that does not exist, without `--bless`.
    #[error("the snapshot directory `{path}` does not exist")]
    #[diagnostic(
        code(augur::snapshot::missing_directory),
        help("check the path; `--bless` creates the directory and writes every snapshot")
    )]
    MissingDirectory {
        /// The directory.
        path: String,
    },
    /// `--snapshot rules/x.augur`: a path that is not a directory.
    #[error("the snapshot path `{path}` is not a directory")]
    #[diagnostic(
        code(augur::snapshot::not_a_directory),
        help(
            "`--snapshot DIR` names a directory that holds one `SCENARIO.snap` file per scenario"
        )
    )]
    NotADirectory {
        /// The path.
        path: String,
    },
    /// `DIR/SCENARIO.snap` is a directory, a FIFO, a device or a socket.
    #[error("`{path}` is {what}, not a snapshot file")]
    #[diagnostic(
        code(augur::snapshot::not_a_file),
        help("augur reads and writes only regular files in the snapshot directory; move it away")
    )]
    NotAFile {
        /// The path.
        path: String,
        /// What it is instead.
        what: &'static str,
    },
    /// `DIR/SCENARIO.snap` is a symbolic link to a file outside the directory, or to nothing.
    #[error("`{path}` is a symbolic link to `{target}`, outside the snapshot directory `{dir}`")]
    #[diagnostic(
        code(augur::snapshot::link_outside),
        help(
            "augur reads and writes only inside the snapshot directory; replace the link by the file, or point it inside the directory"
        )
    )]
    LinkOutside {
        /// The link.
        path: String,
        /// Where it points.
        target: String,
        /// The snapshot directory.
        dir: String,
    },
    /// A `.snap` or `.snap.new` file augur would replace, but did not write.
    #[error("`{path}` was not written by augur, so augur will not replace or remove it")]
    #[diagnostic(
        code(augur::snapshot::not_augurs),
        help(
            "augur's snapshots begin with the line `# augur snapshot of scenario NAME`; move this file, or give augur a directory of its own with `--snapshot DIR`"
        )
    )]
    NotAugurs {
        /// The file.
        path: String,
    },
    /// The operating system refused.
    #[error("cannot {action} `{path}`: {source}")]
    #[diagnostic(code(augur::snapshot::io))]
    Io {
        /// What augur was doing: `read`, `write`, `remove`, `create`, `list`, `lock`.
        action: &'static str,
        /// The path.
        path: String,
        /// The operating system's reason.
        source: std::io::Error,
        /// What to do about it.
        #[help]
        help: String,
    },
}

impl FileError {
    fn io(action: &'static str, path: &Path, source: std::io::Error) -> Self {
        let help = match source.kind() {
            ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => {
                "this user may not change the snapshot directory: make it writable, or point `--snapshot` at another directory"
            }
            ErrorKind::StorageFull | ErrorKind::QuotaExceeded => {
                "the disk is full; the snapshots as they were are left whole"
            }
            _ => "the snapshots as they were are left whole; fix the cause and run again",
        };
        FileError::Io {
            action,
            path: path.display().to_string(),
            source,
            help: help.to_owned(),
        }
    }
}

/// How a run uses the directory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Access {
    /// Reads only (`--review`): other readers may run beside it.
    Read,
    /// Writes or removes files: runs one at a time.
    Write,
    /// Writes, and creates the directory when it does not exist (`--bless`).
    Create,
}

/// The snapshot directory, locked while this value lives.
#[derive(Debug)]
pub(crate) struct SnapshotDir {
    path: PathBuf,
    canonical: PathBuf,
    /// Held for the lock: `flock` on the directory itself, so nothing is added to it; the
    /// lock goes when the process ends, however it ends.
    _lock: File,
}

/// What a name in the directory is.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Entry {
    /// Nothing by that name.
    Absent,
    /// A regular file, at this real path inside the directory (a link followed).
    File(PathBuf),
}

impl SnapshotDir {
    /// Opens and locks `path`: shared for [`Access::Read`], exclusive otherwise, waiting
    /// for another run to finish.
    pub(crate) fn open(path: &Path, access: Access) -> Result<Self, FileError> {
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => {}
            Ok(_) => {
                return Err(FileError::NotADirectory {
                    path: path.display().to_string(),
                });
            }
            Err(e) if e.kind() == ErrorKind::NotFound => {
                if access != Access::Create {
                    return Err(FileError::MissingDirectory {
                        path: path.display().to_string(),
                    });
                }
                std::fs::create_dir_all(path).map_err(|e| FileError::io("create", path, e))?;
            }
            Err(e) => return Err(FileError::io("read", path, e)),
        }
        let canonical = path
            .canonicalize()
            .map_err(|e| FileError::io("read", path, e))?;
        let lock = File::open(path).map_err(|e| FileError::io("lock", path, e))?;
        let locked = match access {
            Access::Read => lock.lock_shared(),
            Access::Write | Access::Create => lock.lock(),
        };
        match locked {
            // A file system without locks (some network ones): runs rely on atomic renames
            // alone, which still leave every file whole.
            Err(e) if e.kind() == ErrorKind::Unsupported => {}
            other => other.map_err(|e| FileError::io("lock", path, e))?,
        }
        Ok(SnapshotDir {
            path: path.to_path_buf(),
            canonical,
            _lock: lock,
        })
    }

    /// The path of `name` in the directory, as the user named the directory.
    pub(crate) fn join(&self, name: &str) -> PathBuf {
        self.path.join(name)
    }

    /// What `name` is: absent, or a regular file inside the directory; anything else is an
    /// error.
    pub(crate) fn entry(&self, name: &str) -> Result<Entry, FileError> {
        let path = self.join(name);
        let meta = match std::fs::symlink_metadata(&path) {
            Ok(m) => m,
            Err(e) if e.kind() == ErrorKind::NotFound => return Ok(Entry::Absent),
            Err(e) => return Err(FileError::io("read", &path, e)),
        };
        let kind = meta.file_type();
        if kind.is_symlink() {
            let outside = |target: String| FileError::LinkOutside {
                path: path.display().to_string(),
                target,
                dir: self.path.display().to_string(),
            };
            let real = match path.canonicalize() {
                Ok(real) => real,
                Err(_) => {
                    let target = std::fs::read_link(&path)
                        .map_or_else(|_| "?".into(), |t| t.display().to_string());
                    return Err(outside(target));
                }
            };
            if !real.starts_with(&self.canonical) {
                return Err(outside(real.display().to_string()));
            }
            return match std::fs::metadata(&real) {
                Ok(m) if m.is_file() => Ok(Entry::File(real)),
                Ok(m) => Err(not_a_file(&path, &m.file_type())),
                Err(e) => Err(FileError::io("read", &path, e)),
            };
        }
        if kind.is_file() {
            Ok(Entry::File(path))
        } else {
            Err(not_a_file(&path, &kind))
        }
    }

    /// The names in the directory, sorted; names that are not UTF-8 are no snapshot's.
    pub(crate) fn names(&self) -> Result<Vec<String>, FileError> {
        let entries =
            std::fs::read_dir(&self.path).map_err(|e| FileError::io("list", &self.path, e))?;
        let mut names: Vec<String> = entries
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .collect();
        names.sort();
        Ok(names)
    }

    /// Removes the temporary files interrupted runs left (`.NAME.snap.PID.tmp` and
    /// `.NAME.snap.new.PID.tmp`); every run that writes holds the lock, so none is in use.
    /// Returns their paths.
    pub(crate) fn clean_temporaries(&self) -> Result<Vec<PathBuf>, FileError> {
        let mut removed = Vec::new();
        for name in self.names()? {
            if !is_temporary(&name) {
                continue;
            }
            let path = self.join(&name);
            let regular = std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file());
            if regular {
                std::fs::remove_file(&path).map_err(|e| FileError::io("remove", &path, e))?;
                removed.push(path);
            }
        }
        Ok(removed)
    }
}

fn not_a_file(path: &Path, kind: &std::fs::FileType) -> FileError {
    FileError::NotAFile {
        path: path.display().to_string(),
        what: if kind.is_dir() {
            "a directory"
        } else {
            "not a regular file"
        },
    }
}

/// Whether `name` is one of augur's temporary files: `.` + a snapshot or pending file's
/// name + `.` + a process id + `.tmp`.
pub(crate) fn is_temporary(name: &str) -> bool {
    let Some(middle) = name.strip_prefix('.').and_then(|n| n.strip_suffix(".tmp")) else {
        return false;
    };
    let Some((file, pid)) = middle.rsplit_once('.') else {
        return false;
    };
    !pid.is_empty()
        && pid.bytes().all(|b| b.is_ascii_digit())
        && (file.ends_with(".snap") || file.ends_with(".snap.new"))
        && file.len() > ".snap".len()
}

/// The temporary file a write of `path` goes through.
fn temporary_of(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "snapshot".into(), |n| n.to_string_lossy().into_owned());
    path.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}

/// The first line of `path`, read from at most a few kilobytes, so that looking at a file
/// augur did not write costs nothing whatever its size.
pub(crate) fn first_line(path: &Path) -> Result<String, FileError> {
    first_line_within(path, HEAD)
}

/// How many bytes [`first_line`] reads: a first line longer than this is cut at it.
pub(crate) const HEAD: u64 = 4096;

/// The first line of `path`, read from at most `head` bytes.
fn first_line_within(path: &Path, head_bytes: u64) -> Result<String, FileError> {
    let file = File::open(path).map_err(|e| FileError::io("read", path, e))?;
    let mut head = Vec::new();
    file.take(head_bytes)
        .read_to_end(&mut head)
        .map_err(|e| FileError::io("read", path, e))?;
    let text = String::from_utf8_lossy(&head);
    Ok(text.lines().next().unwrap_or("").to_owned())
}

/// Reads a whole file.
pub(crate) fn read(path: &Path) -> Result<String, FileError> {
    std::fs::read_to_string(path).map_err(|e| FileError::io("read", path, e))
}

/// Removes a file.
pub(crate) fn remove(path: &Path) -> Result<(), FileError> {
    std::fs::remove_file(path).map_err(|e| FileError::io("remove", path, e))
}

/// Renames `from` over `to` (both in one directory), keeping `to`'s permissions when it
/// exists, and makes the rename durable.
pub(crate) fn replace(from: &Path, to: &Path) -> Result<(), FileError> {
    replace_io(from, to).map_err(|e| FileError::io("write", to, e))
}

/// [`replace`] with the operating system's error as it is.
fn replace_io(from: &Path, to: &Path) -> std::io::Result<()> {
    if let Ok(meta) = std::fs::metadata(to) {
        std::fs::set_permissions(from, meta.permissions())?;
    }
    std::fs::rename(from, to)?;
    sync_parent(to)
}

/// Writes `text` to `path` so that a crash, a kill or a full disk at any moment leaves
/// either the old file or the new one, whole: a temporary file in the same directory,
/// written and flushed to disk, renamed over `path` (an existing file's permissions kept),
/// and the directory flushed so the rename itself survives a crash.
pub(crate) fn write_atomic(path: &Path, text: &str) -> Result<(), FileError> {
    write_atomic_io(path, text).map_err(|e| FileError::io("write", path, e))
}

/// [`write_atomic`] with the operating system's error as it is, for callers that explain
/// it their own way ([`crate::output`]). On failure nothing is left: the temporary file is
/// removed and `path` is as it was.
pub(crate) fn write_atomic_io(path: &Path, text: &str) -> std::io::Result<()> {
    let tmp = temporary_of(path);
    let result = (|| {
        let mut file = File::create(&tmp)?;
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        replace_io(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Flushes the directory holding `path`, so a rename in it is on disk. Some file systems
/// cannot flush a directory; there the rename is as durable as they make it.
fn sync_parent(path: &Path) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    match File::open(dir).and_then(|d| d.sync_all()) {
        Err(e) if matches!(e.kind(), ErrorKind::InvalidInput | ErrorKind::Unsupported) => Ok(()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("augur-files-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn the_first_line_is_read_from_at_most_head_bytes() {
        // The production limit, as docs/LIMITS.md states it.
        assert_eq!(HEAD, 4096);
        let dir = temp("head");
        let path = dir.join("h.snap");
        // limit - 1, limit: the whole line; limit + 1: the line cut at the limit.
        for (len, want) in [(7, 7), (8, 8), (9, 8)] {
            std::fs::write(&path, format!("{}\nrest\n", "x".repeat(len))).unwrap();
            assert_eq!(
                first_line_within(&path, 8).unwrap(),
                "x".repeat(want),
                "{len}"
            );
        }
        for (len, want) in [(4095, 4095), (4096, 4096), (4097, 4096)] {
            std::fs::write(&path, format!("{}\n", "x".repeat(len))).unwrap();
            assert_eq!(first_line(&path).unwrap().len(), want, "{len}");
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn temporaries_are_recognised_by_their_whole_name() {
        for name in [
            ".a.snap.12.tmp",
            ".a.snap.new.7.tmp",
            ".x_y.snap.123456.tmp",
        ] {
            assert!(is_temporary(name), "{name}");
        }
        for name in [
            "a.snap.12.tmp",
            ".a.snap.tmp",
            ".a.snap.x1.tmp",
            ".a.txt.12.tmp",
            ".snap.12.tmp",
            ".a.snap.12.tmp~",
            "a.snap",
        ] {
            assert!(!is_temporary(name), "{name}");
        }
        let path = Path::new("d/s.snap");
        let tmp = temporary_of(path);
        assert!(is_temporary(tmp.file_name().unwrap().to_str().unwrap()));
        assert_eq!(tmp.parent(), path.parent());
    }

    #[test]
    fn atomic_write_replaces_whole_files_and_keeps_the_old_one_on_failure() {
        let dir = temp("atomic");
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

    #[test]
    fn a_rewrite_keeps_the_files_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = temp("mode");
        let path = dir.join("s.snap");
        write_atomic(&path, "old\n").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&path, "new\n").unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn entries_are_regular_files_inside_the_directory() {
        let dir = temp("entry");
        std::fs::write(dir.join("a.snap"), "x").unwrap();
        std::fs::create_dir(dir.join("d.snap")).unwrap();
        let outside = temp("entry-outside").join("secret");
        std::fs::write(&outside, "x").unwrap();
        std::os::unix::fs::symlink(&outside, dir.join("out.snap")).unwrap();
        std::os::unix::fs::symlink("a.snap", dir.join("in.snap")).unwrap();
        std::os::unix::fs::symlink("nothing", dir.join("dangling.snap")).unwrap();
        let snapshots = SnapshotDir::open(&dir, Access::Write).unwrap();
        assert_eq!(
            snapshots.entry("a.snap").unwrap(),
            Entry::File(dir.join("a.snap"))
        );
        assert_eq!(snapshots.entry("none.snap").unwrap(), Entry::Absent);
        assert!(matches!(
            snapshots.entry("d.snap"),
            Err(FileError::NotAFile {
                what: "a directory",
                ..
            })
        ));
        assert!(matches!(
            snapshots.entry("out.snap"),
            Err(FileError::LinkOutside { .. })
        ));
        assert!(matches!(
            snapshots.entry("dangling.snap"),
            Err(FileError::LinkOutside { .. })
        ));
        let Entry::File(real) = snapshots.entry("in.snap").unwrap() else {
            panic!("a link inside the directory is followed");
        };
        assert_eq!(real.file_name().unwrap(), "a.snap");
        drop(snapshots);
        assert!(matches!(
            SnapshotDir::open(&dir.join("a.snap"), Access::Read),
            Err(FileError::NotADirectory { .. })
        ));
        assert!(matches!(
            SnapshotDir::open(&dir.join("missing"), Access::Write),
            Err(FileError::MissingDirectory { .. })
        ));
        assert!(SnapshotDir::open(&dir.join("new"), Access::Create).is_ok());
        assert!(dir.join("new").is_dir());
        std::fs::remove_dir_all(&dir).unwrap();
        std::fs::remove_dir_all(outside.parent().unwrap()).unwrap();
    }
}
