//! `augur fmt`: rewrite rule files in the canonical layout, check that they are in it, or
//! format standard input to standard output.

use std::io::Read;
use std::path::PathBuf;

use serde::Serialize;

use super::args::{Format, Output};
use super::{FAILED, OK, Outcome, json};
use augur::format::files;
use augur::{Error, InputLimits, Problems};

/// `augur fmt`'s arguments.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Rule files or directories (every `.augur` file in name order), or `-` to read
    /// standard input and write the formatted text to standard output.
    #[arg(default_value = "rules")]
    pub paths: Vec<PathBuf>,
    /// Write nothing: list the files that are not formatted, and exit 1 if there are any.
    #[arg(long)]
    pub check: bool,
    /// The largest rule file read, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = augur::DEFAULT_MAX_FILE_BYTES)]
    pub max_file_size: u64,
    /// The longest line of a rule file, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = augur::syntax::limits::DEFAULT_MAX_LINE_BYTES)]
    pub max_line_length: usize,
    /// Output format.
    #[command(flatten)]
    pub output: Output,
}

impl Args {
    /// Whether the text comes from standard input (and goes to standard output, verbatim).
    pub fn is_stdin(&self) -> bool {
        self.paths.iter().any(|p| p.as_os_str() == "-")
    }

    fn limits(&self) -> InputLimits {
        InputLimits {
            max_file_bytes: self.max_file_size,
            max_line_bytes: self.max_line_length,
        }
    }
}

#[derive(Serialize)]
struct Report {
    /// The files read.
    files: usize,
    /// The files not in the canonical layout (with `--check`), or rewritten (without).
    changed: Vec<String>,
}

/// Runs `augur fmt`.
pub fn command(args: &Args, format: Format) -> Outcome {
    if args.is_stdin() {
        return stdin(args, format);
    }
    let formatted = match files::format_paths(&args.paths, &args.limits()) {
        Ok(f) => f,
        Err(problems) => return Outcome::problems(&problems, format),
    };
    let changed: Vec<&files::Formatted> = formatted.iter().filter(|f| f.changed()).collect();
    if !args.check {
        let failed: Vec<Error> = changed
            .iter()
            .filter_map(|f| files::write(&f.path, &f.after).err())
            .map(Error::from)
            .collect();
        if !failed.is_empty() {
            return Outcome::problems(&Problems::new(failed), format);
        }
    }
    let report = Report {
        files: formatted.len(),
        changed: changed
            .iter()
            .map(|f| f.path.display().to_string())
            .collect(),
    };
    let stdout = match format {
        Format::Json => json(&report),
        Format::Text | Format::Tap | Format::Junit => {
            report.changed.iter().map(|p| format!("{p}\n")).collect()
        }
    };
    Outcome {
        stdout,
        stderr: String::new(),
        code: if args.check && !changed.is_empty() {
            FAILED
        } else {
            OK
        },
    }
}

/// `augur fmt -`: standard input to standard output; with `--check`, nothing written and
/// exit 1 if the text is not formatted.
fn stdin(args: &Args, format: Format) -> Outcome {
    const NAME: &str = "<stdin>";
    if args.paths.len() != 1 {
        return Outcome::problems(
            &Problems::new(vec![Error::Read {
                path: NAME.to_owned(),
                reason: "`-` (standard input) cannot be given with other paths".to_owned(),
            }]),
            format,
        );
    }
    let mut bytes = Vec::new();
    let read = std::io::stdin()
        .lock()
        .take(args.max_file_size.saturating_add(1))
        .read_to_end(&mut bytes);
    let text = read
        .map_err(|e| e.to_string())
        .and_then(|_| String::from_utf8(bytes).map_err(|e| e.to_string()));
    let text = match text {
        Ok(t) => t,
        Err(reason) => {
            let e = Error::Read {
                path: NAME.to_owned(),
                reason,
            };
            return Outcome::problems(&Problems::new(vec![e]), format);
        }
    };
    match files::format_text(NAME, text.clone(), &args.limits()) {
        Err(problems) => Outcome::problems(&problems, format),
        Ok(after) if args.check && after == text => Outcome::ok(String::new()),
        Ok(_) if args.check => Outcome {
            stdout: format!("{NAME}\n"),
            stderr: String::new(),
            code: FAILED,
        },
        Ok(after) => Outcome::ok(after),
    }
}
