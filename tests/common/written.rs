//! How the generated programs write likelihoods: as keywords, or (for about half the
//! programs, at about half the places) as probabilities in their band (`0.72`, `72%`, the
//! bands' edges included); and which rules share a `choice` group. The brute-force oracle
//! reads the same functions for the numbers.

use crate::common::programs::{Prog, R, level_kw};

/// Probabilities in each band (millionths), the band's edges included: the literals the
/// generators write.
const IN_BAND: [&[u32]; 8] = [
    &[0, 1, 10_000, 30_000, 49_999],
    &[50_000, 100_000, 125_000, 199_999],
    &[200_000, 300_000, 449_999],
    &[450_000, 500_000, 550_000],
    &[550_001, 600_000, 720_000, 800_000],
    &[800_001, 900_000, 950_000],
    &[950_001, 990_000, 999_999],
    &[1_000_000],
];

/// A well-mixed hash of `key` (SplitMix64's finalizer).
fn mix(key: u64) -> u64 {
    let mut z = key.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Where a likelihood is written: a fact or assumption (by its atom and level: the same
/// line in a scenario's view), or a rule (by its index, or its `choice` group's).
pub fn leaf_site(pred: usize, args: &[usize], level: usize) -> u64 {
    args.iter()
        .fold(mix(pred as u64) ^ level as u64, |h, &a| mix(h ^ a as u64))
}

impl Prog {
    /// How the likelihood of rank `level` at `site` is written, and the probability it
    /// stands for: its keyword and the band's midpoint, or (for programs with literals,
    /// about half the sites) a probability in the band, as a decimal or a percentage.
    pub fn written(&self, site: u64, level: usize) -> (String, f64) {
        let midpoint = crate::common::worlds::level_p(level);
        if self.literals == 0 {
            return (level_kw(level).to_owned(), midpoint);
        }
        let h = mix(site ^ self.literals);
        if h.is_multiple_of(2) {
            return (level_kw(level).to_owned(), midpoint);
        }
        let band = IN_BAND[level];
        let n = band[(h >> 8) as usize % band.len()];
        let p = f64::from(n) / 1e6;
        let text = if n.is_multiple_of(100) && (h >> 16).is_multiple_of(2) {
            let (whole, frac) = (n / 10_000, n % 10_000);
            if frac == 0 {
                format!("{whole}%")
            } else {
                format!("{whole}.{}%", format!("{frac:04}").trim_end_matches('0'))
            }
        } else if n == 1_000_000 {
            "1.0".to_owned()
        } else {
            let digits = format!("{n:06}");
            let digits = if (h >> 24).is_multiple_of(3) {
                &digits
            } else {
                digits.trim_end_matches('0')
            };
            format!("0.{}", if digits.is_empty() { "0" } else { digits })
        };
        (text, p)
    }

    /// The site of rule `i`'s likelihood: its `choice` group's when it has one.
    pub fn rule_site(&self, i: usize) -> u64 {
        match self.choices.get(i).copied().flatten() {
            Some(g) => mix(2 << 40 | g as u64),
            None => mix(1 << 40 | i as u64),
        }
    }

    /// A leaf line's likelihood as written, and its probability.
    pub fn leaf_written(&self, pred: usize, args: &[usize], level: usize) -> (String, f64) {
        self.written(leaf_site(pred, args, level), level)
    }
}

/// Marks about a rule in four with one of two `choice` groups, and gives each group's rules
/// its first rule's level (the rules of a group state one probability).
pub fn choice_groups(next: &mut dyn FnMut(usize) -> usize, rules: &mut [R]) -> Vec<Option<usize>> {
    let choices: Vec<Option<usize>> = (0..rules.len())
        .map(|_| (next(4) == 0).then(|| next(2)))
        .collect();
    for g in 0..2 {
        let members: Vec<usize> = (0..rules.len())
            .filter(|&i| choices[i] == Some(g))
            .collect();
        if let Some(&first) = members.first() {
            let level = rules[first].level;
            for &i in &members {
                rules[i].level = level;
            }
        }
    }
    choices
}

/// Half the programs write likelihoods as probabilities here and there: the seed that
/// picks where, or 0.
pub fn literals_of(seed: u64) -> u64 {
    let h = mix(seed ^ 0x6c69_7465_7261_6c73);
    if h.is_multiple_of(2) { 0 } else { h | 1 }
}
