//! Did-you-mean suggestions by edit distance.

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

/// "did you mean `x`?" for the closest candidate, else `otherwise()`.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    otherwise: impl FnOnce() -> String,
) -> String {
    closest(word, candidates).map_or_else(otherwise, |s| format!("did you mean `{s}`?"))
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

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn closest_ignores_far_words() {
        let words = ["disengages_from", "gains_influence_in"];
        assert_eq!(closest("disengage_from", words), Some("disengages_from"));
        assert_eq!(closest("xyz", words), None);
    }
}
