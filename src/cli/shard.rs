//! `--shard I/N` (on `augur prob --samples` and `augur run`): the I-th of N disjoint
//! shards of a sampling run's worlds or of a run's scenarios, written as a shard file, JSON
//! that `augur merge` adds up into exactly what one process would have printed
//! (docs/SCALE.md). A shard file holds counts, never rates, and a fingerprint of the rule
//! files, so that shards of different programs or settings are never merged.

pub use augur::shard::{Body, ProbShard, RunShard, ScenarioPiece, ShardFile, VERSION, fingerprint};

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

/// A shard file's text.
pub fn write(file: &ShardFile) -> String {
    super::json(file)
}
