//! `augur merge FILES...`: shard files (`--shard I/N` on `augur prob --samples` and
//! `augur run`) added up into exactly what one process would have printed, text or JSON
//! as asked. Every shard of one run, each once: shards of different rule files, commands
//! or settings, a shard given twice and a missing shard are errors (exit 2): the checks
//! are the library's (`augur::shard::merge`); reading the files and the JSON are here.

use std::path::{Path, PathBuf};

use miette::{Diagnostic, SourceSpan};

use super::args::{Format, Output};
use super::{BAD_INPUT, Outcome, render};
use augur::shard::{Merged, ShardFile};

/// The largest shard file read: the rule files' own limit (a run's shard holds reports
/// of its scenarios, which grow with the rules).
pub const MAX_SHARD_BYTES: u64 = augur::DEFAULT_MAX_FILE_BYTES;

/// `augur merge`'s arguments.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The shard files, in any order.
    #[arg(required = true, value_name = "FILES")]
    pub files: Vec<PathBuf>,
    /// Output format.
    #[command(flatten)]
    pub output: Output,
}

/// Why shard files cannot be read.
#[derive(Debug, thiserror::Error, Diagnostic)]
pub enum ReadError {
    /// A file that cannot be read.
    #[error("cannot read `{path}`: {reason}")]
    #[diagnostic(code(augur::merge::read), help("name the files `--shard` wrote"))]
    Read {
        /// The file.
        path: String,
        /// Why.
        reason: String,
    },
    /// A file that is not JSON of a shard file's shape.
    #[error("`{path}` is not a shard file of this augur: {reason}")]
    #[diagnostic(
        code(augur::merge::not_a_shard),
        help(
            "merge the JSON files that `augur prob --shard I/N` or `augur run --shard I/N` wrote, unedited"
        )
    )]
    NotShard {
        /// The file.
        path: String,
        /// What is wrong.
        reason: String,
        /// Its text, as every diagnostic quotes a file: escapes made visible, and only a
        /// window of a long line (a shard file may be one line of 256 MiB).
        #[source_code]
        text: augur::source::NamedText,
        /// Where.
        #[label("{reason}")]
        at: SourceSpan,
    },
}

/// Runs `augur merge`.
pub fn command(args: &Args, format: Format) -> Outcome {
    match merge(&args.files, format) {
        Ok(stdout) => Outcome::ok(stdout),
        Err(e) => Outcome {
            stdout: String::new(),
            stderr: render(e.as_ref(), format),
            code: BAD_INPUT,
        },
    }
}

/// Reads one shard file.
fn read(path: &Path) -> Result<ShardFile, Box<ReadError>> {
    read_within(path, MAX_SHARD_BYTES)
}

/// [`read`], refusing a file of more than `limit` bytes: the limit is a parameter so that
/// tests reach its boundary without a 256 MiB file.
fn read_within(path: &Path, limit: u64) -> Result<ShardFile, Box<ReadError>> {
    let shown = augur::escape::visible(&path.display().to_string()).into_owned();
    let unread = |reason: String| ReadError::Read {
        path: shown.clone(),
        reason,
    };
    // At most one byte past the limit is read, so a huge or endless file is refused.
    let mut text = String::new();
    std::fs::File::open(path)
        .and_then(|f| {
            std::io::Read::read_to_string(
                &mut std::io::Read::take(f, limit.saturating_add(1)),
                &mut text,
            )
        })
        .map_err(|e| unread(e.to_string()))?;
    if u64::try_from(text.len()).map_or(true, |n| n > limit) {
        return Err(Box::new(unread(format!(
            "a shard file holds at most {limit} bytes"
        ))));
    }
    serde_json::from_str(&text).map_err(|e| {
        let line_start: usize = text
            .split_inclusive('\n')
            .take(e.line().saturating_sub(1))
            .map(str::len)
            .sum();
        let at = (line_start + e.column().saturating_sub(1)).min(text.len());
        Box::new(ReadError::NotShard {
            path: shown.clone(),
            reason: e.to_string(),
            text: augur::source::SourceFile::new(shown.clone(), text.as_str()).named_source(),
            at: (at, 0).into(),
        })
    })
}

fn merge(paths: &[PathBuf], format: Format) -> Result<String, Box<dyn Diagnostic + Send + Sync>> {
    let files: Vec<(String, ShardFile)> = paths
        .iter()
        .map(|p| {
            Ok((
                augur::escape::visible(&p.display().to_string()).into_owned(),
                read(p)?,
            ))
        })
        .collect::<Result<_, Box<ReadError>>>()
        .map_err(|e| -> Box<dyn Diagnostic + Send + Sync> { e })?;
    let merged = augur::shard::merge(&files)
        .map_err(|e| -> Box<dyn Diagnostic + Send + Sync> { Box::new(e) })?;
    Ok(match merged {
        Merged::Prob { run, hits } => super::prob::merged(run, hits, format),
        Merged::Run(pieces) => super::run::merged(&pieces, format),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A shard file as `augur prob --shard 1/4` writes it.
    const SHARD: &str = r#"{
  "augur_shard": 1,
  "fingerprint": "fnv1a64:b65165a83c4f3d95",
  "shard": 1,
  "shards": 4,
  "command": "prob",
  "atom": "latin_america forges new_security_path",
  "scenario": "trump_isolationist",
  "samples": 20000,
  "seed": 7,
  "holds": true,
  "certain": false,
  "drawn": 4096,
  "hits": 2641
}
"#;

    /// `text` written to a fresh file of this test process.
    fn written(name: &str, text: &str) -> PathBuf {
        let path = std::env::temp_dir().join(format!("augur-merge-{}-{name}", std::process::id()));
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn a_shard_file_is_read_up_to_the_limit_and_refused_one_byte_past_it() {
        let path = written("limit.json", SHARD);
        let len = u64::try_from(SHARD.len()).unwrap();
        assert!(read_within(&path, len + 1).is_ok());
        assert!(
            read_within(&path, len).is_ok(),
            "a file of exactly the limit"
        );
        let past = read_within(&path, len - 1).unwrap_err();
        assert!(
            matches!(&*past, ReadError::Read { reason, .. }
                if *reason == format!("a shard file holds at most {} bytes", len - 1)),
            "{past:?}"
        );
        // As the binary prints it: the code, the file and the limit.
        let shown = render(past.as_ref(), Format::Text);
        assert!(shown.contains("augur::merge::read"), "{shown}");
        assert!(shown.contains("limit.json"), "{shown}");
        assert!(
            shown.contains(&format!("at most {} bytes", len - 1)),
            "{shown}"
        );
        let _ = std::fs::remove_file(&path);
        // The limit the binary applies is the rule files' own.
        assert_eq!(MAX_SHARD_BYTES, 256 * 1024 * 1024);
    }

    #[test]
    fn a_long_line_that_is_not_json_is_quoted_as_a_window() {
        // One line of 2 MB: miette, given the whole line, panics on its width.
        let text = format!("{{\"augur_shard\": {}\u{1b}[31mx}}", " ".repeat(2_000_000));
        let path = written("long.json", &text);
        let e = read_within(&path, MAX_SHARD_BYTES).unwrap_err();
        assert!(matches!(&*e, ReadError::NotShard { .. }), "{e:?}");
        let shown = render(e.as_ref(), Format::Text);
        assert!(shown.contains("augur::merge::not_a_shard"), "{shown}");
        assert!(shown.len() < 4096, "{} bytes", shown.len());
        // The file's escape sequence is shown, not replayed.
        assert!(!shown.contains('\u{1b}'), "{shown:?}");
        let _ = std::fs::remove_file(&path);
    }
}
