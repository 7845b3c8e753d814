//! The source text of each cited document whose file is found, as `check` finds it (the
//! rule file's folder, then each `--sources` folder): split into paragraphs at blank lines
//! and into sentences as the quote checker splits them (at `.`, `!` or `?` followed by a
//! space and a capital or a quote, not after an initial such as the `S.` of `U.S.`), with
//! every cited passage located, so the page can mark it and count how many sentences the
//! rules cite.

use std::ops::Range;

use crate::program::quotes::{folders, normalize, sentences};
use crate::program::{Cite, Program, SourceOptions, document_text};

/// One document's text and what cites it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceText {
    /// The document's name.
    pub name: String,
    /// Its title.
    pub title: String,
    /// The file as the rule file names it.
    pub file: String,
    /// The text with whitespace runs made one space and typographic quotes and dashes
    /// folded (so quotes are found as `check` finds them).
    pub text: String,
    /// Byte ranges of `text`, one per paragraph, in order.
    pub paragraphs: Vec<Range<usize>>,
    /// Byte ranges of `text`, one per sentence, in order.
    pub sentences: Vec<Range<usize>>,
    /// Every citation of the document, in the order the rule files hold them.
    pub citations: Vec<Citation>,
}

/// One `cite` of the document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Citation {
    /// What cites it: `rule NAME`, `fact ATOM`, `conflict NAME`, ...
    pub by: String,
    /// The quote as written.
    pub quote: String,
    /// Every place the quote occurs in the text, in order and not overlapping, each as the
    /// ranges of its pieces (pieces are split at `[...]`); empty when the quote is not
    /// found (`check` warns of it). A passage the source repeats word for word is quoted
    /// at each place: the reader sees every place the rule's words stand.
    pub occurrences: Vec<Vec<Range<usize>>>,
}

impl Citation {
    /// Every piece of every occurrence.
    pub fn passages(&self) -> impl Iterator<Item = &Range<usize>> {
        self.occurrences.iter().flatten()
    }
}

impl SourceText {
    /// How many sentences some citation overlaps.
    pub fn cited_sentences(&self) -> usize {
        self.sentences
            .iter()
            .filter(|s| {
                self.citations
                    .iter()
                    .flat_map(Citation::passages)
                    .any(|p| p.start < s.end && s.start < p.end)
            })
            .count()
    }
}

/// Every document with a file that is found and read, in declaration order; documents
/// without a file, or whose file is missing or refused (`check` reports why), are left out.
pub fn sources(p: &Program, options: &SourceOptions) -> Vec<SourceText> {
    let cites = citations(p);
    let mut out = Vec::new();
    for doc in p.documents() {
        let Some(file) = &doc.file else { continue };
        let folders = folders(p, doc, &options.dirs);
        let Ok((raw, _)) = document_text::read(&folders, &file.path, options.max_bytes) else {
            continue;
        };
        let cites: Vec<(String, String)> = cites
            .iter()
            .filter(|(_, c)| c.document == doc.name)
            .map(|(by, c)| (by.clone(), c.quote.clone()))
            .collect();
        out.push(source_text(&doc.name, &doc.title, &file.path, &raw, &cites));
    }
    out
}

/// One document's text as the page shows it: `raw` (the file's contents) split into
/// paragraphs and sentences, with each citation `(by, quote)` located at every place it
/// occurs. `name`, `title` and `file` are the document's, as the rule file declares it.
pub fn source_text(
    name: &str,
    title: &str,
    file: &str,
    raw: &str,
    cites: &[(String, String)],
) -> SourceText {
    let (text, paragraphs) = paragraphs(raw);
    let sentences = sentences(&text)
        .into_iter()
        .map(|s| offset(&text, s))
        .collect();
    let citations = cites
        .iter()
        .map(|(by, quote)| Citation {
            by: by.clone(),
            quote: quote.clone(),
            occurrences: locate_all(&text, quote),
        })
        .collect();
    SourceText {
        name: name.to_owned(),
        title: title.to_owned(),
        file: file.to_owned(),
        text,
        paragraphs,
        sentences,
        citations,
    }
}

/// Who cites what, in the order of [`Program::all_cites`].
fn citations(p: &Program) -> Vec<(String, &Cite)> {
    let facts = p.facts().iter().flat_map(|f| {
        f.cites
            .iter()
            .map(|c| (format!("fact {}", p.show_atom(&f.atom)), c))
    });
    let rules = p
        .rules()
        .iter()
        .flat_map(|r| r.cites.iter().map(|c| (format!("rule {}", r.name), c)));
    let conflicts = p
        .conflicts()
        .iter()
        .flat_map(|k| k.cites.iter().map(|c| (format!("conflict {}", k.name), c)));
    let opens = p.opens().iter().flat_map(|o| {
        o.cites
            .iter()
            .map(|c| (format!("open {}", p.show_atom(&o.atom)), c))
    });
    let observed = p.observations().iter().flat_map(|o| {
        o.cites
            .iter()
            .map(|c| (format!("observed {}", p.show_atom(&o.atom)), c))
    });
    let indicators = p
        .indicators()
        .iter()
        .flat_map(|i| i.cites.iter().map(|c| ("indicator".to_owned(), c)));
    facts
        .chain(rules)
        .chain(conflicts)
        .chain(opens)
        .chain(indicators)
        .chain(observed)
        .collect()
}

/// The normalized text (paragraphs joined by one space, which is what normalizing the
/// whole text gives) and each paragraph's range in it.
fn paragraphs(raw: &str) -> (String, Vec<Range<usize>>) {
    let raw = raw.replace("\r\n", "\n");
    let mut text = String::new();
    let mut ranges = Vec::new();
    for para in raw.split("\n\n").map(normalize).filter(|p| !p.is_empty()) {
        if !text.is_empty() {
            text.push(' ');
        }
        let start = text.len();
        text.push_str(&para);
        ranges.push(start..text.len());
    }
    (text, ranges)
}

/// The range of `part`, a slice of `whole`.
fn offset(whole: &str, part: &str) -> Range<usize> {
    let start = part.as_ptr() as usize - whole.as_ptr() as usize;
    start..start + part.len()
}

/// Every occurrence of `quote` in `text`: each the first place its `[...]`-separated
/// pieces occur in order from where the last occurrence ended. Linear in the text: each
/// search starts where the one before stopped.
pub(crate) fn locate_all(text: &str, quote: &str) -> Vec<Vec<Range<usize>>> {
    let quote = quote.replace("[…]", "[...]");
    let pieces: Vec<String> = quote
        .split("[...]")
        .map(normalize)
        .filter(|p| !p.is_empty())
        .collect();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(found) = locate(text, &pieces, from) {
        // Pieces are not empty, so each occurrence moves `from` on.
        from = found.last().map_or(text.len(), |p| p.end);
        out.push(found);
    }
    out
}

/// Where each piece occurs in `text` after `from`, in order; `None` when some piece does
/// not (or there are no pieces).
fn locate(text: &str, pieces: &[String], mut from: usize) -> Option<Vec<Range<usize>>> {
    if pieces.is_empty() {
        return None;
    }
    let mut out = Vec::with_capacity(pieces.len());
    for piece in pieces {
        let at = from + text[from..].find(piece.as_str())?;
        out.push(at..at + piece.len());
        from = at + piece.len();
    }
    Some(out)
}
