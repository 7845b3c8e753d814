//! Did-you-mean suggestions by edit distance.

use crate::hash::HashMap;

use super::distance::Pattern;

/// Edit distance between two strings, by characters: insertions, deletions,
/// substitutions and swaps of two neighbours each cost one (optimal string alignment), so
/// the common typo `sede` for `seed` is one edit away.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // rows[i][j]: distance between a[..i] and b[..j]; three rows are enough.
    let mut before: Vec<usize> = Vec::new();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut row = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            row[j] = (prev[j] + 1).min(row[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                row[j] = row[j].min(before[j - 2] + 1);
            }
        }
        before = std::mem::replace(&mut prev, row);
    }
    prev[b.len()]
}

/// The candidate closest to `word`, if it is close enough to be a plausible typo
/// (at most a third of the word's length, and at least one edit allowed).
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let len = word.chars().count();
    let limit = (len / 3).max(1);
    candidates
        .into_iter()
        // Length alone rules most candidates out, before the quadratic distance.
        .filter(|c| *c != word && c.chars().count().abs_diff(len) <= limit)
        .map(|c| (edit_distance(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, c)| (*d, *c))
        .map(|(_, c)| c)
}

/// How many candidates the did-you-mean searches of one check may read, in all (see
/// [`Nearest::work`]). A search in a rule base reads a handful; one in a generated network
/// whose names differ only in their digits reads more. The bound keeps such a network
/// with thousands of reports from costing minutes: past it, reports name no closest atom.
pub const SEARCH_WORK: usize = 5_000_000;

/// Candidates indexed for many did-you-mean searches: [`Nearest::closest`] answers what
/// [`closest`] over the same candidates would, without reading them all.
///
/// A candidate within `k` edits of the word has a length within `k` of the word's, and
/// lacks at most `k` of the word's characters, counted with repeats (each deletion or
/// substitution removes one character; a swap removes none). So it holds at least one of
/// the word's `k + 1` rarest characters (the second `s` of `missing` is a character of its
/// own): the index keeps, per character and repeat, the candidates that hold it, sorted by
/// length, and a search reads only those lists, only in the word's length window, then
/// measures the few candidates that pass both counts. A generated network of thousands of
/// atoms that never hold is searched in time near its size, not its square.
pub struct Nearest {
    /// The candidates without repeats, by length in characters, then text.
    words: Vec<String>,
    lengths: Vec<usize>,
    /// Per (character, its repeat from 1): the candidates holding it, in `words` order.
    holding: HashMap<(char, u32), Vec<u32>>,
    /// Candidates read and measured so far, in all searches: a deterministic measure of
    /// the work, for tests and budgets.
    work: std::cell::Cell<usize>,
}

/// Each character of `word` with its repeat count so far: `(s, 1)`, `(s, 2)`.
fn tokens(word: &str) -> Vec<(char, u32)> {
    let mut seen: HashMap<char, u32> = HashMap::default();
    word.chars()
        .map(|c| {
            let n = seen.entry(c).or_insert(0);
            *n += 1;
            (c, *n)
        })
        .collect()
}

impl Nearest {
    /// Indexes the candidates.
    pub fn new<S: Into<String>>(candidates: impl IntoIterator<Item = S>) -> Self {
        let mut words: Vec<(usize, String)> = candidates
            .into_iter()
            .map(|w| {
                let w: String = w.into();
                (w.chars().count(), w)
            })
            .collect();
        words.sort_unstable();
        words.dedup();
        // Candidates are numbered by `u32`: past 2^32 of them (more than any program's
        // atoms, Program invariant 1), the rest are not suggested.
        words.truncate(usize::try_from(u32::MAX).unwrap_or(usize::MAX));
        let mut holding: HashMap<(char, u32), Vec<u32>> = HashMap::default();
        for ((_, w), i) in words.iter().zip(0..=u32::MAX) {
            for t in tokens(w) {
                holding.entry(t).or_default().push(i);
            }
        }
        Nearest {
            lengths: words.iter().map(|(n, _)| *n).collect(),
            words: words.into_iter().map(|(_, w)| w).collect(),
            holding,
            work: std::cell::Cell::new(0),
        }
    }

    /// How many candidates all searches so far have read or measured.
    pub fn work(&self) -> usize {
        self.work.get()
    }

    /// The candidate closest to `word`, as [`closest`] finds it.
    pub fn closest(&self, word: &str) -> Option<&str> {
        let len = word.chars().count();
        let limit = (len / 3).max(1);
        // The candidates whose length is within the limit: a range of `words`.
        let lo = position(
            self.lengths
                .partition_point(|&n| n < len.saturating_sub(limit)),
        );
        let hi = position(self.lengths.partition_point(|&n| n <= len + limit));
        let mut wanted = tokens(word);
        let mut ids: Vec<u32> = if wanted.len() <= limit {
            // Too short for the count to rule anything out.
            (lo..hi).collect()
        } else {
            let in_window = |t: &(char, u32)| {
                self.holding.get(t).map_or(&[][..], |list| {
                    let from = list.partition_point(|&i| i < lo);
                    let to = list.partition_point(|&i| i < hi);
                    &list[from..to]
                })
            };
            wanted.sort_by_key(|t| (in_window(t).len(), *t));
            let mut ids: Vec<u32> = wanted[..=limit]
                .iter()
                .flat_map(|t| in_window(t).iter().copied())
                .collect();
            ids.sort_unstable();
            ids.dedup();
            ids
        };
        self.work.set(self.work.get() + ids.len());
        let counts = Counts::new(word);
        let pattern = Pattern::new(word.chars());
        let mut best: Option<(usize, &str)> = None;
        for id in ids.drain(..) {
            let candidate = self.words[id as usize].as_str();
            // Only a candidate as near as the best so far can still win.
            let bound = best.map_or(limit, |(d, _)| d);
            if candidate == word || !counts.within(candidate, bound) {
                continue;
            }
            self.work.set(self.work.get() + 1);
            let d = pattern.distance(candidate.chars());
            if d <= limit && best.is_none_or(|b| (d, candidate) < b) {
                best = Some((d, candidate));
            }
        }
        best.map(|(_, c)| c)
    }
}

/// A word's characters with their counts, to bound its edit distance to candidates.
struct Counts {
    chars: Vec<char>,
    counts: Vec<usize>,
    left: std::cell::RefCell<Vec<usize>>,
}

impl Counts {
    fn new(word: &str) -> Self {
        let mut chars: Vec<char> = word.chars().collect();
        chars.sort_unstable();
        chars.dedup();
        let mut counts = vec![0; chars.len()];
        for c in word.chars() {
            if let Ok(i) = chars.binary_search(&c) {
                counts[i] += 1;
            }
        }
        let left = std::cell::RefCell::new(counts.clone());
        Counts {
            chars,
            counts,
            left,
        }
    }

    /// Whether `candidate` lacks at most `limit` of the word's characters and holds at
    /// most `limit` the word lacks, counted with repeats: each is a lower bound of the
    /// edit distance.
    fn within(&self, candidate: &str, limit: usize) -> bool {
        let mut left = self.left.borrow_mut();
        left.copy_from_slice(&self.counts);
        let mut extra = 0usize;
        for c in candidate.chars() {
            match self.chars.binary_search(&c) {
                Ok(i) if left[i] > 0 => left[i] -= 1,
                _ => extra += 1,
            }
        }
        extra <= limit && left.iter().sum::<usize>() <= limit
    }
}

/// "did you mean `x`?" for the closest candidate, else `otherwise()`.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    otherwise: impl FnOnce() -> String,
) -> String {
    closest(word, candidates).map_or_else(otherwise, |s| format!("did you mean `{s}`?"))
}

/// How many names a help line lists before counting the rest.
const LISTED: usize = 20;

/// The declared names of one kind, sorted and indexed once for every did-you-mean about
/// them: a file with thousands of references to undeclared names pays for one sort.
pub struct Names {
    sorted: Vec<String>,
    nearest: Nearest,
}

impl Names {
    /// Sorts and indexes the names.
    pub fn new<S: Into<String>>(names: impl IntoIterator<Item = S>) -> Self {
        let mut sorted: Vec<String> = names.into_iter().map(Into::into).collect();
        sorted.sort_unstable();
        let nearest = Nearest::new(sorted.iter().map(String::as_str));
        Names { sorted, nearest }
    }

    /// "did you mean `x`?" for the closest name, else `otherwise` given the names listed
    /// (see [`Names::list`]).
    pub fn did_you_mean(&self, word: &str, otherwise: impl FnOnce(String) -> String) -> String {
        match self.nearest.closest(word) {
            Some(s) => format!("did you mean `{s}`?"),
            None => otherwise(self.list()),
        }
    }

    /// The names in backticks, in order, the first `LISTED` and a count of the rest.
    pub fn list(&self) -> String {
        list_first(&self.sorted, LISTED)
    }
}

/// The first `listed` of `names` in backticks and a count of the rest ("and N more").
fn list_first(names: &[String], listed: usize) -> String {
    let shown: Vec<&str> = names.iter().take(listed).map(String::as_str).collect();
    match names.len().checked_sub(listed) {
        Some(more) if more > 0 => format!("{} and {more} more", list(&shown)),
        _ => list(&shown),
    }
}

/// Whether the did-you-mean searches of one check, having read `work` candidates, may
/// still name a closest atom: up to `limit` (the check passes [`SEARCH_WORK`]) they may.
pub fn within_search_work(work: usize, limit: usize) -> bool {
    work <= limit
}

/// `n` and the noun, plural unless `n` is one: `1 argument`, `2 arguments`.
pub fn count(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

/// Names in backticks, comma-separated; `none` for no names.
pub fn list(names: &[&str]) -> String {
    if names.is_empty() {
        return "none".into();
    }
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A position in [`Nearest`]'s candidates, or their count.
#[expect(
    clippy::expect_used,
    reason = "Nearest::new keeps at most u32::MAX candidates, so a position or their count fits"
)]
fn position(i: usize) -> u32 {
    u32::try_from(i).expect("at most u32::MAX candidates")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_lists_stop_at_their_limit() {
        // The production limit, as docs/LIMITS.md states it.
        assert_eq!(LISTED, 20);
        let names = |n: usize| -> Vec<String> { (0..n).map(|i| format!("n{i}")).collect() };
        // limit - 1, limit: every name, no count; limit + 1: the first `limit` and "1 more".
        assert_eq!(list_first(&names(2), 3), "`n0`, `n1`");
        assert_eq!(list_first(&names(3), 3), "`n0`, `n1`, `n2`");
        assert_eq!(list_first(&names(4), 3), "`n0`, `n1`, `n2` and 1 more");
        let at = Names::new(names(LISTED)).list();
        assert!(!at.contains("more") && at.contains(&format!("`n{}`", LISTED - 1)));
        let past = Names::new(names(LISTED + 1)).list();
        assert!(past.ends_with(" and 1 more"), "{past}");
    }

    #[test]
    fn search_work_stops_past_its_limit() {
        // The production limit, as docs/LIMITS.md states it.
        assert_eq!(SEARCH_WORK, 5_000_000);
        assert!(within_search_work(2, 3));
        assert!(within_search_work(3, 3));
        assert!(!within_search_work(4, 3));
    }

    #[test]
    fn distances() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("same", "same"), 0);
        assert_eq!(edit_distance("sede", "seed"), 1);
        assert_eq!(edit_distance("ab", "ba"), 1);
    }

    #[test]
    fn counts_are_plural_but_for_one() {
        assert_eq!(count(0, "argument"), "0 arguments");
        assert_eq!(count(1, "argument"), "1 argument");
        assert_eq!(count(2, "argument"), "2 arguments");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(500))]

        /// The index finds what reading every candidate finds.
        #[test]
        fn the_index_answers_as_the_scan(
            candidates in proptest::collection::vec("[abcs é_]{0,14}", 0..40),
            words in proptest::collection::vec("[abcs é_]{0,14}", 1..10),
        ) {
            let index = Nearest::new(candidates.iter().map(String::as_str));
            for word in &words {
                let scan = closest(word, candidates.iter().map(String::as_str));
                proptest::prop_assert_eq!(index.closest(word), scan, "{}", word);
            }
        }

        /// Near misses of real names: a typo of a candidate finds what the scan finds.
        #[test]
        fn a_typo_finds_what_the_scan_finds(
            n in 1usize..300,
            pick in 0usize..300,
            edit in 0usize..20,
            with in proptest::sample::select(vec!['x', '1', ' ', 's']),
        ) {
            let candidates: Vec<String> = (0..n).map(|i| format!("c{i} holds in s{}", i % 7)).collect();
            let mut word: Vec<char> = candidates[pick % n].chars().collect();
            let at = edit % word.len();
            word[at] = with;
            let word: String = word.into_iter().collect();
            let index = Nearest::new(candidates.iter().map(String::as_str));
            let scan = closest(&word, candidates.iter().map(String::as_str));
            proptest::prop_assert_eq!(index.closest(&word), scan);
        }
    }

    /// The work of searching a generated network for each atom that never holds grows
    /// with the network, not with its square: 8,000 premises that never hold against
    /// 8,000 facts read a few candidates each (the scan reads 8,000 each).
    #[test]
    fn searching_a_generated_network_is_not_quadratic() {
        let work = |n: usize| {
            let facts: Vec<String> = (0..n).map(|i| format!("c{i} holds")).collect();
            let index = Nearest::new(facts.iter().map(String::as_str));
            for i in 0..n {
                assert_eq!(index.closest(&format!("d{i} missing")), None);
            }
            // A typo still finds its fact.
            assert_eq!(index.closest("c17 hold"), Some("c17 holds"));
            index.work()
        };
        let (small, large) = (work(1000), work(8000));
        assert!(
            large <= 10 * 8000,
            "{large} candidates read for 8,000 searches"
        );
        assert!(
            large <= 10 * small,
            "{small} for 1,000 and {large} for 8,000"
        );
    }

    #[test]
    fn closest_ignores_far_words() {
        let words = ["disengages_from", "gains_influence_in"];
        assert_eq!(closest("disengage_from", words), Some("disengages_from"));
        assert_eq!(closest("xyz", words), None);
    }
}
