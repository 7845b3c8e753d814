//! Reading a document's text file, confined: the path a rule file names is resolved only
//! inside the rule file's folder and the `--sources` folders, must lead to a regular file,
//! and is read up to a size limit. A rule file is input augur has never seen; without these
//! rules `file "../secret.env"` would echo a line of a secret as "the closest passage",
//! `file "/dev/zero"` would grow without end, and a FIFO would hang the check.

use std::io::Read;
use std::path::{Component, Path, PathBuf};

/// The default of `--max-document-size`: a long book is a few megabytes.
pub const DEFAULT_MAX_DOCUMENT_BYTES: u64 = 16 * 1024 * 1024;

/// Why a document's text file was not read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// No folder holds the file: the paths tried.
    NotFound(Vec<PathBuf>),
    /// An absolute path, or one with `..` in it: never looked up.
    Outside(OutsideBy),
    /// The path leads, through a symbolic link, out of the folder it was found in.
    LinksOutside {
        /// The path found.
        found: PathBuf,
        /// Where it leads.
        target: PathBuf,
    },
    /// A directory, a FIFO, a device or a socket: only regular files are read.
    NotAFile {
        /// The path found.
        found: PathBuf,
        /// What it is, in words.
        kind: &'static str,
    },
    /// Larger than the limit (or grew past it while read).
    TooLarge {
        /// The path found.
        found: PathBuf,
        /// Its size, or at least this many bytes when it grew while read.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// The operating system refused, or the text is not UTF-8.
    Unreadable {
        /// The path found.
        found: PathBuf,
        /// The reason.
        reason: String,
    },
}

/// How a path written in a rule file leaves its folder without being looked up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutsideBy {
    /// It is absolute (`/etc/passwd`).
    Absolute,
    /// It climbs with `..`.
    Parent,
}

/// Reads `file`, a path as written in a rule file, from the first of `folders` that holds
/// it, up to `limit` bytes. Returns the text and the path it was read from.
pub fn read(folders: &[PathBuf], file: &str, limit: u64) -> Result<(String, PathBuf), Refusal> {
    let written = Path::new(file);
    for part in written.components() {
        match part {
            Component::Normal(_) | Component::CurDir => {}
            Component::ParentDir => return Err(Refusal::Outside(OutsideBy::Parent)),
            Component::RootDir | Component::Prefix(_) => {
                return Err(Refusal::Outside(OutsideBy::Absolute));
            }
        }
    }
    let mut tried = Vec::new();
    for folder in folders {
        let found = folder.join(written);
        tried.push(found.clone());
        // A folder that does not exist holds nothing; a name that is not there is looked
        // for in the next folder. Both canonical, so that a link anywhere on the way is
        // followed before the comparison.
        // The folder of a rule file named without one is written as the empty path.
        let root = if folder.as_os_str().is_empty() {
            Path::new(".")
        } else {
            folder
        };
        let (Ok(root), Ok(target)) = (root.canonicalize(), found.canonicalize()) else {
            continue;
        };
        if !target.starts_with(&root) {
            return Err(Refusal::LinksOutside { found, target });
        }
        return read_regular(&found, &target, limit).map(|text| (text, found));
    }
    Err(Refusal::NotFound(tried))
}

/// Reads `target`, a canonical path, when it is a regular file of at most `limit` bytes.
fn read_regular(found: &Path, target: &Path, limit: u64) -> Result<String, Refusal> {
    let unreadable = |e: std::io::Error| Refusal::Unreadable {
        found: found.to_path_buf(),
        reason: e.to_string(),
    };
    // Looked at before opening: opening a FIFO for reading waits for a writer.
    let meta = std::fs::metadata(target).map_err(unreadable)?;
    regular(found, &meta, limit)?;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Should the path be swapped for a FIFO or a link after it was looked at, opening
        // neither blocks nor follows it; what was opened is looked at again below.
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW);
    }
    let opened = options.open(target).map_err(unreadable)?;
    let meta = opened.metadata().map_err(unreadable)?;
    regular(found, &meta, limit)?;
    // Read at most one byte past the limit: a file that grows while read cannot pass it.
    let mut bytes = Vec::new();
    opened
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    let size = bytes.len() as u64;
    if size > limit {
        return Err(Refusal::TooLarge {
            found: found.to_path_buf(),
            size,
            limit,
        });
    }
    String::from_utf8(bytes).map_err(|e| Refusal::Unreadable {
        found: found.to_path_buf(),
        reason: format!(
            "it is not UTF-8 text (byte {})",
            e.utf8_error().valid_up_to()
        ),
    })
}

fn regular(found: &Path, meta: &std::fs::Metadata, limit: u64) -> Result<(), Refusal> {
    if !meta.is_file() {
        return Err(Refusal::NotAFile {
            found: found.to_path_buf(),
            kind: kind_of(meta),
        });
    }
    if meta.len() > limit {
        return Err(Refusal::TooLarge {
            found: found.to_path_buf(),
            size: meta.len(),
            limit,
        });
    }
    Ok(())
}

fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_dir() {
        return "a directory";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_char_device() {
            return "a character device";
        }
        if t.is_block_device() {
            return "a block device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    "not a regular file"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("augur-document-text-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn paths_that_climb_or_are_absolute_are_never_looked_up() {
        let dir = folder("climb");
        std::fs::write(dir.join("a.txt"), "text").unwrap();
        let roots = [dir.join("sub")];
        for (path, by) in [
            ("../a.txt", OutsideBy::Parent),
            ("x/../../a.txt", OutsideBy::Parent),
            ("/etc/hostname", OutsideBy::Absolute),
        ] {
            assert_eq!(read(&roots, path, 100), Err(Refusal::Outside(by)), "{path}");
        }
        assert_eq!(
            read(std::slice::from_ref(&dir), "./a.txt", 100).unwrap().0,
            "text"
        );
    }

    #[test]
    fn the_first_folder_holding_the_file_is_read() {
        let (a, b) = (folder("first-a"), folder("first-b"));
        std::fs::write(b.join("t.txt"), "from b").unwrap();
        let (text, from) = read(&[a.clone(), b.clone()], "t.txt", 100).unwrap();
        assert_eq!((text.as_str(), from), ("from b", b.join("t.txt")));
        assert_eq!(
            read(std::slice::from_ref(&a), "t.txt", 100),
            Err(Refusal::NotFound(vec![a.join("t.txt")]))
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_link_out_of_the_folder_is_refused_and_one_inside_is_followed() {
        let (inside, outside) = (folder("link-in"), folder("link-out"));
        std::fs::write(outside.join("secret.env"), "password").unwrap();
        std::fs::write(inside.join("real.txt"), "text").unwrap();
        std::os::unix::fs::symlink(outside.join("secret.env"), inside.join("out.txt")).unwrap();
        std::os::unix::fs::symlink(&outside, inside.join("dir")).unwrap();
        std::os::unix::fs::symlink(inside.join("real.txt"), inside.join("in.txt")).unwrap();
        let roots = [inside.clone()];
        for path in ["out.txt", "dir/secret.env"] {
            assert!(
                matches!(read(&roots, path, 100), Err(Refusal::LinksOutside { .. })),
                "{path}"
            );
        }
        assert_eq!(read(&roots, "in.txt", 100).unwrap().0, "text");
    }

    #[cfg(unix)]
    #[test]
    fn only_regular_files_are_read() {
        let dir = folder("kinds");
        std::fs::create_dir(dir.join("sub")).unwrap();
        let fifo = dir.join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.unwrap().success(), "mkfifo");
        std::os::unix::fs::symlink("/dev/zero", dir.join("zero")).unwrap();
        let roots = [dir.clone()];
        let kind = |path| match read(&roots, path, 100) {
            Err(Refusal::NotAFile { kind, .. }) => kind,
            other => panic!("{path}: {other:?}"),
        };
        assert_eq!(kind("sub"), "a directory");
        assert_eq!(kind("pipe"), "a FIFO");
        // A link to /dev/zero leaves the folder before it is found to be a device.
        assert!(matches!(
            read(&roots, "zero", 100),
            Err(Refusal::LinksOutside { .. })
        ));
    }

    #[test]
    fn the_size_limit_holds_at_its_boundary() {
        let dir = folder("size");
        std::fs::write(dir.join("t.txt"), "x".repeat(10)).unwrap();
        let roots = [dir.clone()];
        assert!(read(&roots, "t.txt", 11).is_ok());
        assert!(read(&roots, "t.txt", 10).is_ok());
        assert_eq!(
            read(&roots, "t.txt", 9),
            Err(Refusal::TooLarge {
                found: dir.join("t.txt"),
                size: 10,
                limit: 9
            })
        );
    }

    #[test]
    fn text_that_is_not_utf8_is_unreadable_not_missing() {
        let dir = folder("utf8");
        std::fs::write(dir.join("t.txt"), b"ok \xff").unwrap();
        assert!(matches!(
            read(std::slice::from_ref(&dir), "t.txt", 100),
            Err(Refusal::Unreadable { .. })
        ));
    }
}
