//! `augur merge FILES...`: shard files (`--shard I/N` on `augur prob --samples` and
//! `augur run`) added up into exactly what one process would have printed, text or JSON
//! as asked. Every shard of one run, each once: shards of different rule files, commands
//! or settings, a shard given twice and a missing shard are errors (exit 2).

use std::path::PathBuf;

use miette::{Diagnostic, NamedSource, SourceSpan};

use super::args::{Format, Output};
use super::shard::{Body, ShardFile, VERSION};
use super::{BAD_INPUT, Outcome, render};

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

/// Why shards cannot be merged.
#[derive(Debug, thiserror::Error, Diagnostic)]
pub enum MergeError {
    /// A file that cannot be read.
    #[error("cannot read `{path}`: {reason}")]
    #[diagnostic(code(augur::merge::read), help("name the files `--shard` wrote"))]
    Read {
        /// The file.
        path: String,
        /// Why.
        reason: String,
    },
    /// A file that is not a shard file.
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
    /// Shards of two different runs.
    #[error(
        "`{first}` and `{other}` are shards of different runs: their {what} differ ({a} and {b})"
    )]
    #[diagnostic(
        code(augur::merge::different_runs),
        help(
            "merge the shards of one run: the same rule files, command and flags, only --shard I differing"
        )
    )]
    Different {
        /// The first file.
        first: String,
        /// The file that differs from it.
        other: String,
        /// What differs.
        what: &'static str,
        /// The first's.
        a: String,
        /// The other's.
        b: String,
    },
    /// A shard given twice.
    #[error("shard {shard}/{shards} is given twice: `{first}` and `{second}`")]
    #[diagnostic(
        code(augur::merge::overlap),
        help("each shard counts its worlds or scenarios once: give each file once")
    )]
    Overlap {
        /// The shard.
        shard: u64,
        /// Of how many.
        shards: u64,
        /// One file.
        first: String,
        /// The other.
        second: String,
    },
    /// Shards missing.
    #[error("{} of {shards} shards missing: {}", missing.len(), list(missing, *shards))]
    #[diagnostic(
        code(augur::merge::missing),
        help(
            "run the missing shards with the same command and --shard I/{shards}, then merge all {shards}"
        )
    )]
    Missing {
        /// The shards missing.
        missing: Vec<u64>,
        /// Of how many.
        shards: u64,
    },
}

/// `3/4, 4/4`, the first ten.
fn list(missing: &[u64], shards: u64) -> String {
    let mut shown: Vec<String> = missing
        .iter()
        .take(10)
        .map(|i| format!("{i}/{shards}"))
        .collect();
    if missing.len() > 10 {
        shown.push("...".to_owned());
    }
    shown.join(", ")
}

/// Runs `augur merge`.
pub fn command(args: &Args, format: Format) -> Outcome {
    match merge(&args.files, format) {
        Ok(stdout) => Outcome::ok(stdout),
        Err(e) => Outcome {
            stdout: String::new(),
            stderr: render(&*e, format),
            code: BAD_INPUT,
        },
    }
}

/// Reads one shard file.
fn read(path: &PathBuf) -> Result<ShardFile, Box<MergeError>> {
    let shown = augur::escape::visible(&path.display().to_string()).into_owned();
    let unread = |reason: String| MergeError::Read {
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
    let bad = |reason: String, at: usize| MergeError::NotShard {
        path: shown.clone(),
        reason,
        text: NamedSource::new(shown.clone(), text.clone()),
        at: (at.min(text.len()), 0).into(),
    };
    let file: ShardFile = serde_json::from_str(&text).map_err(|e| {
        let line_start: usize = text
            .split_inclusive('\n')
            .take(e.line().saturating_sub(1))
            .map(str::len)
            .sum();
        bad(e.to_string(), line_start + e.column().saturating_sub(1))
    })?;
    let whole = |what: &str| text.find(what).unwrap_or(0);
    if file.augur_shard != VERSION {
        let v = file.augur_shard;
        return Err(Box::new(bad(
            format!("shard format {v}, this augur reads {VERSION}"),
            whole("\"augur_shard\""),
        )));
    }
    if file.shard == 0 || file.shard > file.shards {
        let (i, n) = (file.shard, file.shards);
        return Err(Box::new(bad(
            format!("there is no shard {i} of {n}"),
            whole("\"shard\""),
        )));
    }
    let consistent = match &file.body {
        Body::Prob(p) => p.hits <= p.drawn && p.drawn <= p.samples,
        Body::Run(r) => r.first + r.reports.len() <= r.scenarios,
    };
    if !consistent {
        return Err(Box::new(bad(
            "its counts do not add up".to_owned(),
            whole("\"command\""),
        )));
    }
    Ok(file)
}

/// The fields two shards of one run share, named, as text.
fn run_key(file: &ShardFile) -> Vec<(&'static str, String)> {
    let mut key = vec![
        ("rule files' fingerprints", file.fingerprint.clone()),
        ("shard counts", file.shards.to_string()),
    ];
    match &file.body {
        Body::Prob(p) => key.extend([
            ("commands", "prob".to_owned()),
            ("atoms", p.atom.clone()),
            ("scenarios", p.scenario.clone()),
            ("--samples", p.samples.to_string()),
            ("--seed", p.seed.to_string()),
            ("models", format!("holds={} certain={}", p.holds, p.certain)),
        ]),
        Body::Run(r) => key.extend([
            ("commands", "run".to_owned()),
            ("flags", r.settings.clone()),
            ("scenario counts", r.scenarios.to_string()),
        ]),
    }
    key
}

fn merge(paths: &[PathBuf], format: Format) -> Result<String, Box<MergeError>> {
    let files: Vec<(String, ShardFile)> = paths
        .iter()
        .map(|p| {
            Ok((
                augur::escape::visible(&p.display().to_string()).into_owned(),
                read(p)?,
            ))
        })
        .collect::<Result<_, Box<MergeError>>>()?;
    let (first_name, first) = &files[0];
    let key = run_key(first);
    for (name, file) in &files[1..] {
        for ((what, a), (_, b)) in key.iter().zip(run_key(file)) {
            if *a != b {
                return Err(Box::new(MergeError::Different {
                    first: first_name.clone(),
                    other: name.clone(),
                    what,
                    a: a.clone(),
                    b,
                }));
            }
        }
    }
    let shards = first.shards;
    // At most one file per shard, indexed from 1 (checked by `read`).
    let mut by_shard: Vec<Option<usize>> = vec![None; usize::try_from(shards).unwrap_or(0)];
    for (k, (name, file)) in files.iter().enumerate() {
        let slot = &mut by_shard[usize::try_from(file.shard - 1).unwrap_or(0)];
        if let Some(j) = slot {
            return Err(Box::new(MergeError::Overlap {
                shard: file.shard,
                shards,
                first: files[*j].0.clone(),
                second: name.clone(),
            }));
        }
        *slot = Some(k);
    }
    let missing: Vec<u64> = (1..=shards)
        .zip(&by_shard)
        .filter(|(_, slot)| slot.is_none())
        .map(|(i, _)| i)
        .collect();
    if !missing.is_empty() {
        return Err(Box::new(MergeError::Missing { missing, shards }));
    }
    let ordered: Vec<&ShardFile> = by_shard.iter().flatten().map(|&k| &files[k].1).collect();
    let counted = || MergeError::NotShard {
        path: first_name.clone(),
        reason: "the shards' counts do not add up to the run's".to_owned(),
        text: NamedSource::new(first_name.clone(), String::new()),
        at: (0, 0).into(),
    };
    match &first.body {
        Body::Prob(p) => {
            let (mut drawn, mut hits) = (0u64, 0u64);
            for f in &ordered {
                if let Body::Prob(q) = &f.body {
                    drawn = drawn.saturating_add(q.drawn);
                    hits = hits.saturating_add(q.hits);
                }
            }
            if drawn != p.samples.max(1) {
                return Err(Box::new(counted()));
            }
            Ok(super::prob::merged(p, hits, format))
        }
        Body::Run(r) => {
            let mut pieces = Vec::new();
            for f in &ordered {
                if let Body::Run(q) = &f.body {
                    if q.first != pieces.len() {
                        return Err(Box::new(counted()));
                    }
                    pieces.extend(&q.reports);
                }
            }
            if pieces.len() != r.scenarios {
                return Err(Box::new(counted()));
            }
            Ok(super::run::merged(&pieces, format))
        }
    }
}
