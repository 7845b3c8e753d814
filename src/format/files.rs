//! The files `augur fmt` reads and writes: rule files and directories of them, as every
//! command names them; each read up to a size limit and written atomically.

use std::path::{Path, PathBuf};

use super::{FormatError, format_source};
use crate::source::SourceFile;
use crate::{Error, InputLimits, Problems};

/// One rule file, formatted.
#[derive(Debug)]
pub struct Formatted {
    /// The path as given, or found in a directory given.
    pub path: PathBuf,
    /// Its text as read.
    pub before: String,
    /// Its text formatted.
    pub after: String,
}

impl Formatted {
    /// Whether formatting changes it.
    pub fn changed(&self) -> bool {
        self.before != self.after
    }
}

/// Formats every rule file `paths` name (each directory's `.augur` files in name order),
/// in memory. Any file that cannot be read or does not parse makes the whole set an error,
/// reported with all the others' problems, so that a caller writes all or nothing.
pub fn format_paths(paths: &[PathBuf], limits: &InputLimits) -> Result<Vec<Formatted>, Problems> {
    let (files, mut errors) = crate::load::rule_files(paths);
    let mut done = Vec::new();
    for path in files {
        let before = match crate::load::read_bounded(&path, limits.max_file_bytes) {
            Ok(text) => text,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        let file = SourceFile::new(path.display().to_string(), before);
        match format_source(&file, limits.max_line_bytes) {
            Ok(after) => done.push(Formatted {
                path,
                before: file.text.to_string(),
                after,
            }),
            Err(problems) => errors.extend(problems.diagnostics),
        }
    }
    if errors.is_empty() {
        Ok(done)
    } else {
        Err(Problems::new(errors))
    }
}

/// Formats a text read from elsewhere (standard input), shown as `name`, of at most
/// `limits.max_file_bytes`.
pub fn format_text(name: &str, text: String, limits: &InputLimits) -> Result<String, Problems> {
    if text.len() as u64 > limits.max_file_bytes {
        return Err(Problems::new(vec![Error::FileTooLarge {
            path: name.to_owned(),
            limit: limits.max_file_bytes,
            help: format!(
                "raise the limit with `--max-file-size BYTES` (the default is {})",
                crate::DEFAULT_MAX_FILE_BYTES
            ),
        }]));
    }
    format_source(&SourceFile::new(name, text), limits.max_line_bytes)
}

/// Replaces the file at `path` with `text` atomically: a crash or a full disk leaves the
/// old file or the new one, whole, and no temporary file behind. A symbolic link is
/// followed, so the file it names is replaced and the link stays a link.
pub fn write(path: &Path, text: &str) -> Result<(), FormatError> {
    let real = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    crate::scenario::files::write_atomic_io(&real, text).map_err(|e| FormatError::Write {
        path: path.display().to_string(),
        reason: e.to_string(),
    })
}
