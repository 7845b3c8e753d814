//! Every reserved word of the language, in one place, shared by the parser and its messages.

use crate::likelihood::Likelihood;

/// Words that start a top-level item; error recovery resumes at the next one.
pub const ITEM_STARTS: [&str; 12] = [
    "document",
    "fact",
    "assumable",
    "assume",
    "rule",
    "conflict",
    "tension",
    "scenario",
    "test",
    "open",
    "indicator",
    "observed",
];

/// Words that only appear inside items.
pub const CONNECTIVES: [&str; 15] = [
    "when", "then", "and", "not", "implies", "cite", "extends", "in", "expect", "at", "least",
    "exactly", "file", "choice", "with",
];

/// Every reserved word: the item starts, the connectives, then the likelihood levels from
/// the lowest. (`most` is no reserved word: it is read as one only after `at`.)
pub fn reserved() -> impl Iterator<Item = &'static str> {
    ITEM_STARTS
        .iter()
        .chain(&CONNECTIVES)
        .copied()
        .chain(Likelihood::ALL.iter().map(|l| l.keyword()))
}

/// Whether `word` is reserved: an item start, a connective or a likelihood level. Called
/// for every word the parser reads, so it rejects most words by length and first byte
/// before comparing; the test below keeps it in step with the lists.
pub fn is_keyword(word: &str) -> bool {
    let bytes = word.as_bytes();
    if !(2..=16).contains(&bytes.len()) || !b"acdefilnorstuvw".contains(&bytes[0]) {
        return false;
    }
    ITEM_STARTS.contains(&word)
        || CONNECTIVES.contains(&word)
        || Likelihood::from_keyword(word).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_and_connectives_are_reserved() {
        for word in [
            "likely",
            "certain",
            "then",
            "rule",
            "least",
            "open",
            "tension",
            "indicator",
            "observed",
        ] {
            assert!(is_keyword(word), "{word}");
        }
        assert!(!is_keyword("latin_america"));
        for word in reserved() {
            assert!(is_keyword(word), "the fast path must not reject `{word}`");
        }
    }
}
