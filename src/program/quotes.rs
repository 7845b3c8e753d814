//! Verified quotes: every `cite` of a document whose text file can be found must occur in
//! that text, up to whitespace, curly versus straight quotes and dash variants. A quote may
//! elide words with `[...]`; its pieces must then occur in order.

use std::path::{Path, PathBuf};

use super::distance::Pattern;
use super::document_text::{self, OutsideBy, Refusal};
use super::error::{CheckError, SourceCheck};
use super::{Document, Program};
use crate::syntax::ast::DocumentFile;

/// Where to look for documents' text files, whether a missing one is an error, and how
/// large one may be.
#[derive(Clone, Debug)]
pub struct SourceOptions {
    /// Directories searched after the rule file's own directory.
    pub dirs: Vec<PathBuf>,
    /// Make a missing text file an error instead of a note, and so a cited document that
    /// names no file.
    pub require: bool,
    /// The largest text file read, in bytes (`--max-document-size`).
    pub max_bytes: u64,
}

impl Default for SourceOptions {
    fn default() -> Self {
        SourceOptions {
            dirs: Vec::new(),
            require: false,
            max_bytes: document_text::DEFAULT_MAX_DOCUMENT_BYTES,
        }
    }
}

/// Checks every citation against its document's text. Returns notes for text files that
/// cannot be found (errors with `require`, as is a cited document without a file) and
/// warnings for quotes that do not occur.
pub fn verify(p: &Program, options: &SourceOptions) -> Vec<CheckError> {
    let mut out = Vec::new();
    for doc in &p.documents {
        let Some(file) = &doc.file else {
            if options.require && p.all_cites().any(|c| c.document == doc.name) {
                out.push(CheckError::Source(SourceCheck::NoSourceFile {
                    document: doc.name.clone(),
                    span: doc.span.into(),
                    src: p.sources.named_source(doc.span),
                }));
            }
            continue;
        };
        let folders = folders(p, doc, &options.dirs);
        let text = match document_text::read(&folders, &file.path, options.max_bytes) {
            Ok((text, _)) => text,
            Err(refusal) => {
                out.push(refused(p, doc, file, refusal, options).into());
                continue;
            }
        };
        let file = &file.path;
        let normalized = normalize(&text);
        let cites = p.all_cites();
        for cite in cites.filter(|c| c.document == doc.name) {
            if occurs(&normalized, &cite.quote) {
                continue;
            }
            let help = match closest_passage(&text, &cite.quote) {
                Some(passage) => format!("the closest passage is: \"{passage}\""),
                None => "no passage of the text resembles it".to_owned(),
            };
            out.push(CheckError::Source(SourceCheck::QuoteNotFound {
                document: doc.name.clone(),
                file: file.clone(),
                span: cite.span.into(),
                help,
                src: p.sources.named_source(cite.span),
            }));
        }
    }
    out
}

/// The folders a document's file is looked for in: the folder of the rule file that
/// declares it, then each source directory.
pub(crate) fn folders(p: &Program, doc: &Document, dirs: &[PathBuf]) -> Vec<PathBuf> {
    let declared_in = p.sources.get(doc.span.file).map(|f| {
        Path::new(&f.name)
            .parent()
            .unwrap_or(Path::new(""))
            .to_path_buf()
    });
    declared_in
        .into_iter()
        .chain(dirs.iter().cloned())
        .collect()
}

/// The diagnostic for a document's file that was not read.
fn refused(
    p: &Program,
    doc: &Document,
    file: &DocumentFile,
    refusal: Refusal,
    options: &SourceOptions,
) -> SourceCheck {
    let document = doc.name.clone();
    let span = file.span.into();
    let src = p.sources.named_source(file.span);
    let shown = |path: &Path| path.display().to_string();
    match refusal {
        Refusal::NotFound(tried) => missing(p, doc, file, &tried, options.require),
        Refusal::Outside(by) => {
            let why = match by {
                OutsideBy::Absolute => format!("`{}` is an absolute path", file.path),
                OutsideBy::Parent => format!("`{}` climbs out with `..`", file.path),
            };
            SourceCheck::SourceOutside {
                document,
                why,
                span,
                help: OUTSIDE_HELP.to_owned(),
                src,
            }
        }
        Refusal::LinksOutside { found, target } => SourceCheck::SourceOutside {
            document,
            why: format!("`{}` is a link to `{}`", found.display(), target.display()),
            span,
            help: OUTSIDE_HELP.to_owned(),
            src,
        },
        Refusal::NotAFile { found, kind } => SourceCheck::SourceNotAFile {
            document,
            found: shown(&found),
            kind,
            span,
            src,
        },
        Refusal::TooLarge { found, size, limit } => SourceCheck::SourceTooLarge {
            document,
            found: shown(&found),
            limit,
            size: if size > limit && size == limit + 1 {
                format!("more than {limit}")
            } else {
                size.to_string()
            },
            span,
            help: format!(
                "raise the limit with `--max-document-size BYTES` (the default is {})",
                document_text::DEFAULT_MAX_DOCUMENT_BYTES
            ),
            src,
        },
        Refusal::Unreadable { found, reason } => SourceCheck::SourceUnreadable {
            document,
            found: shown(&found),
            reason,
            span,
            src,
        },
    }
}

fn missing(
    p: &Program,
    doc: &Document,
    file: &DocumentFile,
    tried: &[PathBuf],
    require: bool,
) -> SourceCheck {
    let tried: Vec<String> = tried.iter().map(|t| format!("`{}`", t.display())).collect();
    let help = format!(
        "looked at {}; name a directory that holds it with `--sources DIR`",
        tried.join(", ")
    );
    let (document, file, span, src) = (
        doc.name.clone(),
        file.path.clone(),
        file.span.into(),
        p.sources.named_source(file.span),
    );
    if require {
        SourceCheck::SourceRequired {
            document,
            file,
            span,
            help,
            src,
        }
    } else {
        SourceCheck::SourceNotFound {
            document,
            file,
            span,
            help,
            src,
        }
    }
}

const OUTSIDE_HELP: &str = "name the file by a path inside the rule file's folder, or pass the folder that holds it with `--sources DIR` and name it from there; links must stay inside the folder";

/// Text with typographic variants folded: curly quotes to straight ones, dashes to `-`,
/// every run of whitespace to one space.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        let c = match c {
            '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201F}' | '\u{2033}' => '"',
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            '\u{00A0}' => ' ',
            c => c,
        };
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out
}

/// Whether `quote` occurs in the normalized text, its `[...]` pieces in order.
fn occurs(normalized_text: &str, quote: &str) -> bool {
    let quote = quote.replace("[…]", "[...]");
    let mut from = 0;
    for piece in quote
        .split("[...]")
        .map(normalize)
        .filter(|p| !p.is_empty())
    {
        match normalized_text[from..].find(&piece) {
            Some(at) => from += at + piece.len(),
            None => return false,
        }
    }
    true
}

/// Splits normalized text into sentences: at `.`, `!` or `?` before a space and a capital
/// or a quote, unless the period ends an initial such as the `S.` of `U.S.`.
pub(crate) fn sentences(text: &str) -> Vec<&str> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..chars.len() {
        let (at, c) = chars[i];
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let next_is_space = chars.get(i + 1).is_some_and(|(_, n)| *n == ' ');
        let then_capital = chars
            .get(i + 2)
            .is_some_and(|(_, n)| n.is_uppercase() || *n == '"' || *n == '\'');
        let initial =
            i >= 1 && chars[i - 1].1.is_uppercase() && (i < 2 || !chars[i - 2].1.is_alphanumeric());
        if next_is_space && then_capital && !initial {
            out.push(text[start..=at].trim());
            start = at + 1;
        }
    }
    out.push(text[start..].trim());
    out.retain(|s| !s.is_empty());
    out
}

/// The passage of `text` closest to `quote`: the run of whole words that matches it best
/// with case and hyphens ignored, if within a third of the quote's length; else the
/// sentence (or pair of sentences) closest by edit distance, if within half its length.
fn closest_passage(text: &str, quote: &str) -> Option<String> {
    let normalized = normalize(text);
    let quote = normalize(quote);
    closest_words(&normalized, &quote).or_else(|| closest_sentences(&normalized, &quote))
}

/// A character compared loosely: lowercase, with a hyphen the same as a space.
fn fold(c: char) -> char {
    match c {
        '-' => ' ',
        c => c.to_lowercase().next().unwrap_or(c),
    }
}

/// The run of whole words of `text` closest to `quote` (approximate substring matching:
/// the edit distance from `quote` to the best substring, a start anywhere being free), if
/// within a third of the quote's length.
fn closest_words(text: &str, quote: &str) -> Option<String> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let quote: Vec<char> = quote.chars().map(fold).collect();
    if quote.is_empty() {
        return None;
    }
    // Where the best match ends, by bit vectors over the whole text; then where it starts,
    // by the table over the text just before that end (see `match_start`).
    let pattern = Pattern::new(quote.iter().copied());
    let (distance, end) = pattern.best_end(chars.iter().map(|&(_, c)| fold(c)));
    if distance > quote.len() / 3 || end == 0 {
        return None;
    }
    // Widen to whole words.
    let mut from = match_start(&chars, &quote, end).min(end - 1);
    while from > 0 && !chars[from - 1].1.is_whitespace() {
        from -= 1;
    }
    let mut to = end;
    while to < chars.len() && !chars[to].1.is_whitespace() {
        to += 1;
    }
    let byte = |k: usize| chars.get(k).map_or(text.len(), |(b, _)| *b);
    let passage = text[byte(from)..byte(to)].trim();
    // A comma or the like that only widening to a whole word took in is not the passage's.
    let passage = match quote.last() {
        Some(c) if c.is_alphanumeric() => passage.trim_end_matches([',', ';', ':']),
        _ => passage,
    };
    Some(passage.to_owned())
}

/// Where the best alignment of `quote` ending at text position `end` starts. The table
/// keeps, per text position, the cost of the best alignment of the quote's first i
/// characters ending there and where that alignment starts. It is computed only from
/// `4 * len + 2` characters before `end`: the alignment (cost at most its length, and a
/// third of it when asked) spans at most twice the quote, and every cell it passes
/// through, and their neighbours, has the value and start the table over the whole text
/// would give (a cell's best alignment spans at most twice its row). So the start is the
/// same, for the cost of the quote's length squared.
fn match_start(chars: &[(usize, char)], quote: &[char], end: usize) -> usize {
    let from = end.saturating_sub(4 * quote.len() + 2);
    let window = &chars[from..end];
    let mut cost: Vec<usize> = vec![0; window.len() + 1];
    let mut start: Vec<usize> = (from..=end).collect();
    for (i, &q) in quote.iter().enumerate() {
        let (mut diag_cost, mut diag_start) = (cost[0], start[0]);
        cost[0] = i + 1;
        for j in 1..=window.len() {
            let (up_cost, up_start) = (cost[j], start[j]);
            let substitute = diag_cost + usize::from(fold(window[j - 1].1) != q);
            let (mut best, mut from) = (substitute, diag_start);
            if up_cost + 1 < best {
                (best, from) = (up_cost + 1, up_start);
            }
            if cost[j - 1] + 1 < best {
                (best, from) = (cost[j - 1] + 1, start[j - 1]);
            }
            (diag_cost, diag_start) = (up_cost, up_start);
            cost[j] = best;
            start[j] = from;
        }
    }
    start[window.len()]
}

/// The sentence (or pair of sentences) of `text` closest to `quote` by edit distance, if any
/// is within half the quote's length.
fn closest_sentences(normalized: &str, quote: &str) -> Option<String> {
    let sentences = sentences(normalized);
    let lengths: Vec<usize> = sentences.iter().map(|s| s.chars().count()).collect();
    let (pattern, length) = (Pattern::new(quote.chars()), quote.chars().count());
    let limit = length / 2;
    // A distance is at least the difference of the lengths: a window too long or too
    // short is over the limit without being measured.
    let near = |n: usize| n.abs_diff(length) <= limit;
    let singles = (0..sentences.len())
        .filter(|&i| near(lengths[i]))
        .map(|i| sentences[i].to_owned());
    let pairs = (1..sentences.len())
        .filter(|&i| near(lengths[i - 1] + 1 + lengths[i]))
        .map(|i| format!("{} {}", sentences[i - 1], sentences[i]));
    singles
        .chain(pairs)
        .map(|s| (pattern.distance(s.chars()), s))
        .filter(|(d, _)| *d <= limit)
        .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1)))
        .map(|(_, s)| s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typography_is_folded() {
        assert_eq!(
            normalize("the U.S.\u{2019}s  \u{201C}retreat\u{201D} \u{2014} now\n"),
            "the U.S.'s \"retreat\" - now"
        );
    }

    #[test]
    fn elisions_match_pieces_in_order() {
        let text = normalize("Russia and China, even Iran, fill in the gaps.");
        assert!(occurs(&text, "Russia and China, even Iran"));
        assert!(occurs(&text, "Russia [...] fill in the gaps"));
        assert!(!occurs(&text, "fill in the gaps [...] Russia"));
        assert!(!occurs(&text, "Brazil fills the gaps"));
    }

    /// The approximate search as first written: the table over the whole text.
    fn closest_end_and_start_by_full_table(text: &str, quote: &str) -> Option<(usize, usize)> {
        let chars: Vec<char> = text.chars().collect();
        let quote: Vec<char> = quote.chars().map(fold).collect();
        let mut cost: Vec<usize> = vec![0; chars.len() + 1];
        let mut start: Vec<usize> = (0..=chars.len()).collect();
        for (i, &q) in quote.iter().enumerate() {
            let (mut diag_cost, mut diag_start) = (cost[0], start[0]);
            cost[0] = i + 1;
            for j in 1..=chars.len() {
                let (up_cost, up_start) = (cost[j], start[j]);
                let substitute = diag_cost + usize::from(fold(chars[j - 1]) != q);
                let (mut best, mut from) = (substitute, diag_start);
                if up_cost + 1 < best {
                    (best, from) = (up_cost + 1, up_start);
                }
                if cost[j - 1] + 1 < best {
                    (best, from) = (cost[j - 1] + 1, start[j - 1]);
                }
                (diag_cost, diag_start) = (up_cost, up_start);
                cost[j] = best;
                start[j] = from;
            }
        }
        let (end, distance) = cost.iter().enumerate().min_by_key(|&(j, c)| (*c, j))?;
        (*distance <= quote.len() / 3 && end > 0).then(|| (end, start[end]))
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]

        /// The match found by bit vectors and a window of the table is the one the table
        /// over the whole text finds: same end, same start.
        #[test]
        fn windowed_search_is_the_full_tables(
            words in proptest::collection::vec(
                proptest::sample::select(vec!["the", "The", "policy", "polity", "lower-income", "a", "aa", "ab", "ba", "trade"]),
                0..60,
            ),
            from in 0usize..60,
            take in 1usize..12,
            edits in proptest::collection::vec((0usize..80, proptest::sample::select(vec!['a', 'x', ' ', '-'])), 0..4),
        ) {
            let text = words.join(" ");
            let from = from.min(words.len());
            let mut quote: Vec<char> = words[from..(from + take).min(words.len())].join(" ").chars().collect();
            for (at, c) in edits {
                if quote.is_empty() {
                    break;
                }
                let at = at % quote.len();
                quote[at] = c;
            }
            let quote: String = quote.into_iter().collect();
            let expected = closest_end_and_start_by_full_table(&text, &quote);
            let chars: Vec<(usize, char)> = text.char_indices().collect();
            let folded: Vec<char> = quote.chars().map(fold).collect();
            let found = (!folded.is_empty()).then(|| Pattern::new(folded.iter().copied()))
                .map(|p| p.best_end(chars.iter().map(|&(_, c)| fold(c))))
                .filter(|&(d, end)| d <= folded.len() / 3 && end > 0)
                .map(|(_, end)| (end, match_start(&chars, &folded, end)));
            proptest::prop_assert_eq!(found, expected);
        }
    }

    #[test]
    fn closest_passage_is_the_nearest_sentence() {
        let text =
            "The sky is blue. Competitors such as Russia and China fill in the gaps. Rain falls.";
        assert_eq!(
            closest_passage(text, "competitors such as Russia and China fill the gaps").as_deref(),
            Some("Competitors such as Russia and China fill in the gaps.")
        );
        assert_eq!(
            closest_passage(
                text,
                "an entirely unrelated sentence about budgets and ministers"
            ),
            None
        );
    }

    #[test]
    fn closest_passage_is_found_for_a_fragment_at_the_word_level() {
        let text = "Experts agree. The new policy reduces tariffs for lower-income countries, \
                    and trade grows. Prices fall.";
        // A verb form, a capital, a hyphen: each a near miss of part of one sentence.
        let cases = [
            ("policy reduce tariffs", "policy reduces tariffs"),
            ("the new policy", "The new policy"),
            ("for lower income countries", "for lower-income countries"),
        ];
        for (quote, passage) in cases {
            assert_eq!(
                closest_passage(text, quote).as_deref(),
                Some(passage),
                "{quote}"
            );
        }
        assert_eq!(closest_passage(text, "budget ministers resign"), None);
    }
}
