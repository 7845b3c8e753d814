//! Shard files: the I-th of N disjoint pieces of a sampling run's worlds or of a run's
//! scenarios (`--shard I/N`), and their merge into the whole run's counts and reports
//! (`augur merge`, docs/SCALE.md). A shard file holds counts, never rates, and a
//! fingerprint of the rule files, so that shards of different programs or settings are
//! never merged. The format (JSON) is the binary's; the library holds the data and checks
//! that a set of shards is one whole run.

use miette::Diagnostic;
use serde::{Deserialize, Serialize};

use crate::Analysis;

/// The shard file format's version.
pub const VERSION: u32 = 1;

/// A shard file.
#[derive(Serialize, Deserialize, Debug, Clone)]
pub struct ShardFile {
    /// [`VERSION`].
    pub augur_shard: u32,
    /// The rule files' fingerprint ([`fingerprint`]).
    pub fingerprint: String,
    /// This shard, from 1.
    pub shard: u64,
    /// Of how many.
    pub shards: u64,
    /// What was run, and what it found.
    #[serde(flatten)]
    pub body: Body,
}

/// What a shard ran.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(tag = "command", rename_all = "snake_case")]
pub enum Body {
    /// `augur prob --samples N --shard I/N`.
    Prob(ProbShard),
    /// `augur run --shard I/N`.
    Run(RunShard),
}

/// A sampling shard's settings and counts.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct ProbShard {
    /// The atom, as shown.
    pub atom: String,
    /// The scenario.
    pub scenario: String,
    /// Worlds of the whole run.
    pub samples: u64,
    /// The run's seed.
    pub seed: u64,
    /// Whether the atom holds in the model.
    pub holds: bool,
    /// Whether nothing is left to chance.
    pub certain: bool,
    /// Worlds this shard drew.
    pub drawn: u64,
    /// Worlds among them where the atom held.
    pub hits: u64,
}

/// A run shard's settings and reports.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct RunShard {
    /// The flags that shape the output, as written (`--prob`, `--assume`...).
    pub settings: String,
    /// Scenarios of the whole run.
    pub scenarios: usize,
    /// This shard's scenarios' positions in the whole run (contiguous).
    pub first: usize,
    /// Each of this shard's scenarios as the whole run prints it.
    pub reports: Vec<ScenarioPiece>,
}

/// One scenario's report, in both formats.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct ScenarioPiece {
    /// Its text block.
    pub text: String,
    /// Its JSON object, as it stands in the whole run's list.
    pub json: String,
}

/// FNV-1a (64 bits) over each rule file's name and text, in the order read: stable across
/// processes, machines and versions of augur, so shards run apart can be checked against
/// each other. It detects mistakes (another checkout, an edited file), not forgeries.
pub fn fingerprint(analysis: &Analysis) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for chunk in [&(bytes.len() as u64).to_le_bytes()[..], bytes] {
            for &b in chunk {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0000_0100_0000_01b3);
            }
        }
    };
    for (_, file) in analysis.program().sources().iter() {
        eat(file.name.as_bytes());
        eat(file.text.as_bytes());
    }
    format!("fnv1a64:{h:016x}")
}

/// Why shards cannot be merged.
#[derive(Debug, thiserror::Error, Diagnostic)]
pub enum MergeError {
    /// A file that is not a shard of this augur, or whose counts do not add up.
    #[error("`{file}` is not a shard file of this augur: {reason}")]
    #[diagnostic(
        code(augur::merge::not_a_shard),
        help(
            "merge the JSON files that `augur prob --shard I/N` or `augur run --shard I/N` wrote, unedited"
        )
    )]
    NotShard {
        /// The file.
        file: String,
        /// What is wrong.
        reason: String,
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
    #[error("{count} of {shards} shards missing: {}", list(missing, *count, *shards))]
    #[diagnostic(
        code(augur::merge::missing),
        help(
            "run the missing shards with the same command and --shard I/{shards}, then merge all {shards}"
        )
    )]
    Missing {
        /// The first shards missing (up to 11).
        missing: Vec<u64>,
        /// How many are missing.
        count: u64,
        /// Of how many.
        shards: u64,
    },
}

/// `3/4, 4/4`, the first ten of `count`.
fn list(missing: &[u64], count: u64, shards: u64) -> String {
    let mut shown: Vec<String> = missing
        .iter()
        .take(10)
        .map(|i| format!("{i}/{shards}"))
        .collect();
    if count > 10 {
        shown.push("...".to_owned());
    }
    shown.join(", ")
}

/// A whole run, from its shards.
#[derive(Debug, PartialEq)]
pub enum Merged<'a> {
    /// A sampling run: its settings (the first shard's) and the hits of all its worlds.
    Prob {
        /// The run's settings.
        run: &'a ProbShard,
        /// Worlds where the atom held, of `run.samples`.
        hits: u64,
    },
    /// A scenario sweep: every scenario's report, in the run's order.
    Run(Vec<&'a ScenarioPiece>),
}

/// Whether one file is a shard this augur wrote: its version, its index, its counts.
fn check(name: &str, file: &ShardFile) -> Result<(), MergeError> {
    let bad = |reason: String| MergeError::NotShard {
        file: name.to_owned(),
        reason,
    };
    if file.augur_shard != VERSION {
        let v = file.augur_shard;
        return Err(bad(format!("shard format {v}, this augur reads {VERSION}")));
    }
    if file.shard == 0 || file.shard > file.shards {
        let (i, n) = (file.shard, file.shards);
        return Err(bad(format!("there is no shard {i} of {n}")));
    }
    let consistent = match &file.body {
        Body::Prob(p) => p.hits <= p.drawn && p.drawn <= p.samples.max(1),
        Body::Run(r) => r.first.saturating_add(r.reports.len()) <= r.scenarios,
    };
    if !consistent {
        return Err(bad("its counts do not add up".to_owned()));
    }
    Ok(())
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

/// The whole run the shard `files` (each with its name, in any order) make up: every shard
/// of one run, each once, or why not.
pub fn merge(files: &[(String, ShardFile)]) -> Result<Merged<'_>, MergeError> {
    let Some((first_name, first)) = files.first() else {
        return Err(MergeError::Missing {
            missing: vec![1],
            count: 1,
            shards: 1,
        });
    };
    for (name, file) in files {
        check(name, file)?;
    }
    same_run(files)?;
    let ordered = by_shard(files, first.shards)?;
    let counted = || MergeError::NotShard {
        file: first_name.clone(),
        reason: "the shards' counts do not add up to the run's".to_owned(),
    };
    match &first.body {
        Body::Prob(run) => {
            let hits = prob_hits(run, &ordered).ok_or_else(counted)?;
            Ok(Merged::Prob { run, hits })
        }
        Body::Run(r) => run_pieces(r, &ordered).map(Merged::Run).ok_or_else(counted),
    }
}

/// Refuses a file of another run than the first's: the fields of [`run_key`] differ.
fn same_run(files: &[(String, ShardFile)]) -> Result<(), MergeError> {
    let Some(((first_name, first), rest)) = files.split_first() else {
        return Ok(());
    };
    let key = run_key(first);
    for (name, file) in rest {
        for ((what, a), (_, b)) in key.iter().zip(run_key(file)) {
            if *a != b {
                return Err(MergeError::Different {
                    first: first_name.clone(),
                    other: name.clone(),
                    what,
                    a: a.clone(),
                    b,
                });
            }
        }
    }
    Ok(())
}

/// The files in shard order, when each of the `shards` shards is there exactly once.
fn by_shard(files: &[(String, ShardFile)], shards: u64) -> Result<Vec<&ShardFile>, MergeError> {
    // Each file's index is in 1..=shards (`check`); the map holds one entry per file, so
    // a file claiming a huge shard count allocates nothing for it.
    let mut by_shard: std::collections::BTreeMap<u64, usize> = std::collections::BTreeMap::new();
    for (k, (name, file)) in files.iter().enumerate() {
        if let Some(&j) = by_shard.get(&file.shard) {
            return Err(MergeError::Overlap {
                shard: file.shard,
                shards,
                first: files[j].0.clone(),
                second: name.clone(),
            });
        }
        by_shard.insert(file.shard, k);
    }
    // Widening: `usize` has at most 64 bits on every target.
    let found = by_shard.len() as u64;
    if found != shards {
        // The first few: at most as many numbers looked at as files given, and 11.
        let missing = (1..=shards)
            .filter(|i| !by_shard.contains_key(i))
            .take(11)
            .collect();
        return Err(MergeError::Missing {
            missing,
            count: shards - found,
            shards,
        });
    }
    Ok(by_shard.values().map(|&k| &files[k].1).collect())
}

/// The hits of a sampling run's shards, when their worlds add up to the run's: `None` when
/// they do not, a sum past `u64::MAX` included (a hand-edited file), never a sum cut short.
fn prob_hits(run: &ProbShard, ordered: &[&ShardFile]) -> Option<u64> {
    let (mut drawn, mut hits) = (0u64, 0u64);
    for f in ordered {
        if let Body::Prob(q) = &f.body {
            drawn = drawn.checked_add(q.drawn)?;
            hits = hits.checked_add(q.hits)?;
        }
    }
    (drawn == run.samples.max(1)).then_some(hits)
}

/// A scenario sweep's reports, in the run's order, when the shards' pieces follow each
/// other and make up all `run.scenarios`.
fn run_pieces<'a>(run: &RunShard, ordered: &[&'a ShardFile]) -> Option<Vec<&'a ScenarioPiece>> {
    let mut pieces = Vec::new();
    for f in ordered {
        if let Body::Run(q) = &f.body {
            if q.first != pieces.len() {
                return None;
            }
            pieces.extend(&q.reports);
        }
    }
    (pieces.len() == run.scenarios).then_some(pieces)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Shard `shard` of 2 of a sampling run of `samples` worlds, with its counts.
    fn prob(shard: u64, samples: u64, drawn: u64, hits: u64) -> (String, ShardFile) {
        let file = ShardFile {
            augur_shard: VERSION,
            fingerprint: "fnv1a64:0".to_owned(),
            shard,
            shards: 2,
            body: Body::Prob(ProbShard {
                atom: "a p".to_owned(),
                scenario: "s".to_owned(),
                samples,
                seed: 7,
                holds: true,
                certain: false,
                drawn,
                hits,
            }),
        };
        (format!("{shard}.json"), file)
    }

    #[test]
    fn shards_whose_worlds_add_up_merge_to_their_hits() {
        let files = [prob(1, 10, 6, 2), prob(2, 10, 4, 3)];
        assert!(matches!(merge(&files), Ok(Merged::Prob { hits: 5, .. })));
        let short = [prob(1, 10, 6, 2), prob(2, 10, 3, 3)];
        assert!(matches!(merge(&short), Err(MergeError::NotShard { .. })));
    }

    #[test]
    fn counts_past_u64_max_are_refused_not_saturated() {
        // Each file is consistent alone; together they claim more than u64::MAX worlds,
        // which a saturating sum would take for the run's u64::MAX.
        let files = [prob(1, u64::MAX, u64::MAX, 1), prob(2, u64::MAX, 5, 5)];
        assert!(
            matches!(merge(&files), Err(MergeError::NotShard { .. })),
            "{:?}",
            merge(&files)
        );
    }
}
