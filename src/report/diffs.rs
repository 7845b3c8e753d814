//! Differences between scenarios, as `augur diff FROM TO` prints them: every pair of
//! scenarios (each once, from the one declared first to the other) when there are at most
//! [`MAX_PAIRWISE`] scenarios, else each scenario against the baseline (the scenario named
//! `default`, else the first declared), so that the page stays readable. The page shows a
//! table of the pairs that links to each diff, a chooser that needs no script.

use crate::engine::Model;

/// The most scenarios whose every pair the report compares: 12 scenarios, 66 diffs.
pub const MAX_PAIRWISE: usize = 12;

/// The diffs the page shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diffs {
    /// Each diff: the index of the scenario it runs from, of the one it runs to, and the
    /// text `augur diff` prints; in order of `from`, then `to`.
    pub pairs: Vec<(usize, usize, String)>,
    /// Whether every pair is there; when not, each scenario is compared with `baseline`
    /// only.
    pub every_pair: bool,
    /// The baseline: the scenario named `default`, else the first.
    pub baseline: usize,
}

/// The diffs between the scenarios `models` ran (every scenario, in declaration order).
pub fn diffs(models: &[Model<'_>]) -> Diffs {
    let name = |m: &Model<'_>| m.program().scenarios()[m.scenario().index()].name.clone();
    let baseline = models
        .iter()
        .position(|m| name(m) == "default")
        .unwrap_or(0);
    let every_pair = models.len() <= MAX_PAIRWISE;
    let mut pairs = Vec::new();
    for (i, from) in models.iter().enumerate() {
        for (j, to) in models.iter().enumerate() {
            let wanted = if every_pair {
                i < j
            } else {
                i == baseline && j != baseline
            };
            if wanted {
                let text = crate::scenario::diff(from, to, false).text(false);
                pairs.push((i, j, text));
            }
        }
    }
    Diffs {
        pairs,
        every_pair,
        baseline,
    }
}
