//! `augur merge FILES...`: shard files (`--shard I/N` on `augur prob --samples` and
//! `augur run`) added up into exactly what one process would have printed, text or JSON
//! as asked. Every shard of one run, each once: shards of different rule files, commands
//! or settings, a shard given twice and a missing shard are errors (exit 2): the checks
//! are the library's (`augur::shard::merge`); reading the files and the JSON are here.

use std::path::PathBuf;

use miette::{Diagnostic, NamedSource, SourceSpan};

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
        /// Its text.
        #[source_code]
        text: NamedSource<String>,
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
fn read(path: &PathBuf) -> Result<ShardFile, Box<ReadError>> {
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
                &mut std::io::Read::take(f, MAX_SHARD_BYTES + 1),
                &mut text,
            )
        })
        .map_err(|e| unread(e.to_string()))?;
    if text.len() as u64 > MAX_SHARD_BYTES {
        return Err(Box::new(unread(format!(
            "a shard file holds at most {MAX_SHARD_BYTES} bytes"
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
            text: NamedSource::new(shown.clone(), text.clone()),
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
