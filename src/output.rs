//! Writing a result to a file the user named (`augur graph -o FILE`): atomically, so that
//! a failure at any moment leaves the file as it was (or absent), never part-written.

use std::io::ErrorKind;
use std::path::Path;

use crate::error::Error;

/// Writes `text` to `path` through a temporary file beside it (`.NAME.PID.tmp`), flushed,
/// then renamed over `path`, keeping an existing file's permissions. On failure the
/// temporary file is removed and the error says why and what to do.
pub fn write(path: &Path, text: &str) -> Result<(), Error> {
    crate::scenario::files::write_atomic_io(path, text).map_err(|e| {
        let help = match e.kind() {
            ErrorKind::NotFound => {
                "the folder does not exist: create it, or name a file in one that does"
            }
            ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => {
                "this user may not write there: name a file in a folder you can write"
            }
            ErrorKind::IsADirectory | ErrorKind::DirectoryNotEmpty => {
                "that is a folder: name a file, e.g. `graph.svg`"
            }
            ErrorKind::StorageFull | ErrorKind::QuotaExceeded => "the disk is full",
            _ => "fix the cause and run again",
        };
        Error::Write {
            path: crate::escape::visible(&path.display().to_string()).into_owned(),
            reason: e.to_string(),
            help: format!("{help}; nothing was written"),
        }
    })
}
