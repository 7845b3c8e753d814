//! `--shard I/N` (on `augur prob --samples` and `augur run`): the I-th of N disjoint
//! shards of a sampling run's worlds or of a run's scenarios, written as a shard file, JSON
//! that `augur merge` adds up into exactly what one process would have printed
//! (docs/SCALE.md). A shard file holds counts, never rates, and a fingerprint of the rule
//! files, so that shards of different programs or settings are never merged.

use serde::{Deserialize, Serialize};

use augur::Analysis;

/// The shard file format's version.
pub const VERSION: u32 = 1;

/// `--shard I/N`: shard `I` of `N`, `I` from 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ShardArg {
    /// From 1.
    pub index: u64,
    /// How many shards.
    pub count: u64,
}

/// The most shards a run may be split into.
pub const MAX_SHARDS: u64 = 1_000_000;

/// Parses `I/N` with 1 <= I <= N <= [`MAX_SHARDS`].
pub fn parse(text: &str) -> Result<ShardArg, String> {
    let bad = || format!("`{text}` is not a shard: write I/N, e.g. `1/4` .. `4/4`");
    let (i, n) = text.trim().split_once('/').ok_or_else(bad)?;
    let (index, count): (u64, u64) = (
        i.trim().parse().map_err(|_| bad())?,
        n.trim().parse().map_err(|_| bad())?,
    );
    match (index, count) {
        (_, 0) | (0, _) => Err(format!(
            "`{text}`: shards count from 1 (1/{count} .. {count}/{count})",
            count = count.max(1)
        )),
        (i, n) if i > n => Err(format!("`{text}`: there is no shard {i} of {n}")),
        (_, n) if n > MAX_SHARDS => Err(format!("`{text}`: at most {MAX_SHARDS} shards")),
        _ => Ok(ShardArg { index, count }),
    }
}

impl ShardArg {
    /// The library's shard (indexed from 0).
    pub fn library(self) -> augur::prob::Shard {
        // 1 <= index <= count, checked by `parse`.
        augur::prob::Shard::new(self.index - 1, self.count).unwrap_or(augur::prob::Shard::ALL)
    }

    /// The items of `total` (scenarios) this shard takes: a contiguous range, the shards
    /// in order covering all of them once.
    pub fn range(self, total: usize) -> std::ops::Range<usize> {
        let total = total as u128;
        let at = |i: u64| (total * u128::from(i) / u128::from(self.count)) as usize;
        at(self.index - 1)..at(self.index)
    }
}

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

/// A shard file's text.
pub fn write(file: &ShardFile) -> String {
    super::json(file)
}
