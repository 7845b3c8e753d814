//! Source files and spans: the one place where byte offsets become lines, columns and
//! `miette` source spans.

use std::sync::{Arc, OnceLock};

use std::borrow::Cow;

use miette::{MietteError, MietteSpanContents, NamedSource, SourceCode, SourceSpan, SpanContents};
use serde::Serialize;

use crate::escape;

/// Index of a file in a [`SourceMap`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct FileId(pub u32);

impl FileId {
    /// The position in its map.
    pub fn index(self) -> usize {
        // Widening: `usize` has at least 32 bits on every target augur builds for.
        self.0 as usize
    }

    /// The id of position `i`, or `None` when `i` does not fit a `u32`.
    pub fn try_from_index(i: usize) -> Option<Self> {
        u32::try_from(i).ok().map(FileId)
    }
}

/// The most bytes a [`SourceMap`] holds, all files together: spans are `u32` offsets, and
/// every id of a checked program is a `u32` position (see [`SourceMap`]'s invariant).
pub const MAX_SOURCE_BYTES: u64 = u32::MAX as u64;

/// Files the [`SourceMap`] refuses.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error(
    "`{name}` would bring the rule files to {total} bytes, more than the {MAX_SOURCE_BYTES} augur can address"
)]
#[diagnostic(
    code(augur::io::sources_too_large),
    help("positions and ids are 32-bit: check the files in smaller sets")
)]
pub struct SourcesTooLarge {
    /// The file refused, as shown.
    pub name: String,
    /// The bytes of every file, it included.
    pub total: u64,
}

/// A byte range in one source file. Spans never take part in structural equality of
/// syntax trees (see [`crate::syntax::ast`]), so tests can compare shapes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Span {
    /// The file the range lies in.
    pub file: FileId,
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

impl Span {
    /// A span from `start` to `end` in `file`.
    ///
    /// The offsets of a file in a [`SourceMap`] fit a `u32` (its invariant 1); a text
    /// parsed outside one, past 4 GiB, gets spans clamped to its first 4 GiB, which only
    /// places a report.
    pub fn new(file: FileId, start: usize, end: usize) -> Self {
        let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Span {
            file,
            start: clamp(start),
            end: clamp(end.max(start)),
        }
    }

    /// The smallest span covering `self` and `other` (same file assumed).
    pub fn to(self, other: Span) -> Span {
        Span {
            file: self.file,
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

impl From<Span> for SourceSpan {
    fn from(span: Span) -> Self {
        SourceSpan::new(
            (span.start as usize).into(),
            (span.end - span.start) as usize,
        )
    }
}

/// One loaded source: its display name (usually a path) and its text.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The name shown in diagnostics and proofs, e.g. `rules/latam.augur`.
    pub name: String,
    /// The full text, shared with every diagnostic that points into it.
    pub text: Arc<str>,
    line_starts: Vec<u32>,
    /// The text as diagnostics show it (see [`SourceFile::named_source`]), made once.
    shown: OnceLock<SourceText>,
}

impl SourceFile {
    /// Wraps a text under a display name.
    pub fn new(name: impl Into<String>, text: impl Into<Arc<str>>) -> Self {
        let text: Arc<str> = text.into();
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            // Past 4 GiB (a file no `SourceMap` takes) a line's start is clamped, which
            // only places a report.
            .map(|i| u32::try_from(i).unwrap_or(u32::MAX))
            .collect();
        SourceFile {
            name: name.into(),
            text,
            line_starts,
            shown: OnceLock::new(),
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: u32) -> (usize, usize) {
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1) - 1;
        let start = self.line_starts[line] as usize;
        let end = (offset as usize).min(self.text.len());
        let col = self.text.get(start..end).map_or(end - start, |s| {
            // A byte order mark opening the file takes no column.
            let bom = line == 0 && s.starts_with('\u{FEFF}');
            s.chars().count() - usize::from(bom)
        });
        (line + 1, col + 1)
    }

    /// The file as a `miette` source, for attaching to a diagnostic. A snippet must not
    /// replay an escape sequence or a bidi override from the file, so the source handed over
    /// has each such character replaced by a visible one of the same length
    /// ([`escape::same_length`]): every span still points at the same text.
    pub fn named_source(&self) -> NamedText {
        let shown = self.shown.get_or_init(|| {
            SourceText::new(match escape::same_length(&self.text) {
                Cow::Borrowed(_) => Arc::clone(&self.text),
                Cow::Owned(s) => Arc::from(s),
            })
        });
        NamedSource::new(self.shown_name(), shown.clone())
    }

    /// The name as every report shows it: with hidden characters escaped
    /// ([`escape::visible`]). [`SourceFile::name`] stays the path, for finding files beside it.
    pub fn shown_name(&self) -> String {
        escape::visible(&self.name).into_owned()
    }
}

/// All loaded files, addressed by [`FileId`].
///
/// # Invariant
///
/// 1. The files hold at most [`MAX_SOURCE_BYTES`] bytes together ([`SourceMap::add`]
///    refuses a file past that), so every byte offset, every file's position, and every
///    count of things written in the files (constants, predicates, rules, atoms...) fits a
///    `u32`. A checked program's ids rest on it (`Program` invariant 1).
#[derive(Clone, Debug, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
    /// The bytes of every file together.
    bytes: u64,
}

impl SourceMap {
    /// An empty map.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a file and returns its id; refuses it when the files would hold more than
    /// [`MAX_SOURCE_BYTES`] together (invariant 1).
    pub fn add(&mut self, file: SourceFile) -> Result<FileId, SourcesTooLarge> {
        self.add_within(file, MAX_SOURCE_BYTES)
    }

    /// [`SourceMap::add`] with the limit as a parameter, to test it without 4 GiB.
    fn add_within(&mut self, file: SourceFile, max: u64) -> Result<FileId, SourcesTooLarge> {
        let len = u64::try_from(file.text.len()).unwrap_or(u64::MAX);
        let total = self.bytes.saturating_add(len);
        let id = FileId::try_from_index(self.files.len());
        match id {
            Some(id) if total <= max => {
                self.bytes = total;
                self.files.push(file);
                Ok(id)
            }
            _ => Err(SourcesTooLarge {
                name: file.shown_name(),
                total,
            }),
        }
    }

    /// The file behind an id handed out by [`SourceMap::add`].
    pub fn get(&self, id: FileId) -> Option<&SourceFile> {
        self.files.get(id.index())
    }

    /// Every file with its id, in the order added.
    pub fn iter(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        // Invariant 1: every position was checked to fit when its file was added.
        let ids = (0..=u32::MAX).map(FileId);
        ids.zip(&self.files)
    }

    /// The file a span lies in, as a `miette` source (empty if the span is synthetic).
    pub fn named_source(&self, span: Span) -> NamedText {
        self.get(span.file).map_or_else(
            || NamedSource::new("<unknown>", SourceText::new(Arc::from(""))),
            SourceFile::named_source,
        )
    }

    /// Where a span starts, as a serializable location.
    pub fn location(&self, span: Span) -> Location {
        match self.get(span.file) {
            Some(f) => {
                let (line, column) = f.line_col(span.start);
                Location {
                    file: f.shown_name(),
                    line,
                    column,
                }
            }
            None => Location {
                file: String::from("<unknown>"),
                line: 0,
                column: 0,
            },
        }
    }
}

/// A file as a diagnostic's source, named.
pub type NamedText = NamedSource<SourceText>;

/// A file's text as `miette` reads it for a diagnostic. `miette`'s own reading of a `str`
/// counts lines from the start of the file to the span, so rendering many diagnostics of
/// a large file would cost their number times its size; this one finds the span's line in
/// an index of line breaks (built on first use) and lets `miette` read from a few lines
/// above it, so each report costs only its own lines. The result is the same, line
/// numbers included.
///
/// A snippet is also bounded: whole lines when they are short, else a window of the
/// span's own line around the span (`bounded`).
#[derive(Clone)]
pub struct SourceText {
    text: Arc<str>,
    /// Where each line after the first starts, `miette`'s way: after `\n`, `\r\n`, or a
    /// lone `\r`.
    breaks: Arc<OnceLock<Box<[usize]>>>,
}

impl SourceText {
    fn new(text: Arc<str>) -> Self {
        SourceText {
            text,
            breaks: Arc::default(),
        }
    }

    fn breaks(&self) -> &[usize] {
        self.breaks.get_or_init(|| {
            let bytes = self.text.as_bytes();
            let mut out = Vec::new();
            let mut i = 0;
            while i < bytes.len() {
                match bytes[i] {
                    b'\r' if bytes.get(i + 1) == Some(&b'\n') => i += 1,
                    b'\r' | b'\n' => {}
                    _ => {
                        i += 1;
                        continue;
                    }
                }
                i += 1;
                out.push(i);
            }
            out.into_boxed_slice()
        })
    }
}

impl std::fmt::Debug for SourceText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SourceText({} bytes)", self.text.len())
    }
}

impl SourceCode for SourceText {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let whole = self.read_indexed(span, context_lines_before, context_lines_after)?;
        // Without context lines, what is read is the span itself, from its first byte (no
        // wide indent): a caller asking where a span starts gets the exact text and column.
        if context_lines_before == 0 && context_lines_after == 0 {
            return Ok(whole);
        }
        Ok(bounded(&self.text, self.breaks(), span, whole))
    }
}

impl SourceText {
    /// What `miette` would read of `span` in the whole text, read from a few lines above it.
    fn read_indexed<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let bytes = self.text.as_bytes();
        let breaks = self.breaks();
        // The lines that end before the span, less those `miette` shows above it and a
        // margin of two: reading from there gives what reading the whole file would.
        let before = breaks.partition_point(|&b| b <= span.offset());
        let skip = before.saturating_sub(context_lines_before.saturating_add(2));
        let Some(&base) = skip.checked_sub(1).and_then(|i| breaks.get(i)) else {
            return bytes.read_span(span, context_lines_before, context_lines_after);
        };
        let local = SourceSpan::new((span.offset() - base).into(), span.len());
        let tail = bytes.get(base..).unwrap_or_default();
        let read = tail.read_span(&local, context_lines_before, context_lines_after)?;
        let data: &'a [u8] = read.data();
        Ok(Box::new(MietteSpanContents::new(
            data,
            SourceSpan::new((read.span().offset() + base).into(), read.span().len()),
            read.line() + skip,
            read.column(),
            read.line_count() + skip,
        )))
    }
}

/// The most bytes a snippet quotes with its whole lines.
const SNIPPET_BYTES: usize = 4096;
/// The longest line a snippet quotes whole.
const LINE_BYTES: usize = 400;
/// In a window cut from a long line: the bytes shown before and after the span.
const WINDOW_CONTEXT_BYTES: usize = 80;

/// `whole`, the lines of `text` around `span` as miette would show them, when they are
/// short; else a window of the span's own line, cut around the span. A hostile file's
/// 30 MB line is then never echoed whole, and the columns miette lays out stay small
/// (miette cannot indent past column 65,535). `breaks` are the starts of lines.
fn bounded<'a>(
    text: &'a str,
    breaks: &[usize],
    span: &SourceSpan,
    whole: Box<dyn SpanContents<'a> + 'a>,
) -> Box<dyn SpanContents<'a> + 'a> {
    let short_lines = whole
        .data()
        .split(|&b| b == b'\n')
        .all(|line| line.len() <= LINE_BYTES);
    if short_lines && whole.data().len() <= SNIPPET_BYTES {
        return whole;
    }
    let start = span.offset().min(text.len());
    let end = (start + span.len()).min(text.len());
    let line = breaks.partition_point(|&b| b <= start);
    let line_start = line.checked_sub(1).map_or(0, |i| breaks[i]);
    let line_end = text[end..]
        .find(['\n', '\r'])
        .map_or(text.len(), |i| end + i);
    let from = floor_boundary(text, start.saturating_sub(WINDOW_CONTEXT_BYTES)).max(line_start);
    let to = floor_boundary(
        text,
        (end + WINDOW_CONTEXT_BYTES)
            .min(line_end)
            .min(from + SNIPPET_BYTES),
    );
    let window = &text[from..to];
    Box::new(MietteSpanContents::new(
        window.as_bytes(),
        SourceSpan::from((from, to - from)),
        line,
        from - line_start,
        window.matches('\n').count() + 1,
    ))
}

/// The largest character boundary of `text` at or before `at`.
fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// A human-facing position: file name, 1-based line and column.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Location {
    /// File name as loaded, hidden characters escaped ([`escape::visible`]).
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `miette` reads of a span, in comparable form.
    fn read(
        source: &dyn SourceCode,
        span: SourceSpan,
        before: usize,
        after: usize,
    ) -> Option<(Vec<u8>, SourceSpan, usize, usize, usize)> {
        let c = source.read_span(&span, before, after).ok()?;
        Some((
            c.data().to_vec(),
            *c.span(),
            c.line(),
            c.column(),
            c.line_count(),
        ))
    }

    proptest::proptest! {
        /// The indexed reading is `miette`'s own, for any text, span and context.
        #[test]
        fn indexed_reading_is_miettes(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec!["a", "bc", "\n", "\r", "\r\n", "é", " "]),
                0..80,
            ),
            at in 0usize..200,
            len in 0usize..12,
            before in 0usize..4,
            after in 0usize..4,
        ) {
            let text: String = pieces.concat();
            let at = at.min(text.len());
            let span = SourceSpan::new(at.into(), len.min(text.len() - at));
            let indexed = SourceText::new(Arc::from(text.as_str()));
            proptest::prop_assert_eq!(
                read(&indexed, span, before, after),
                read(&text.as_bytes(), span, before, after)
            );
        }
    }

    /// `text` rendered by miette with one label on `label`.
    fn rendered(text: &str, label: (usize, usize)) -> String {
        #[derive(Debug, thiserror::Error, miette::Diagnostic)]
        #[error("problem")]
        struct Problem {
            #[source_code]
            src: NamedSource<SourceText>,
            #[label("here")]
            span: SourceSpan,
        }
        let problem = Problem {
            src: SourceFile::new("t.augur", text).named_source(),
            span: label.into(),
        };
        let mut out = String::new();
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
            .render_report(&mut out, &problem)
            .unwrap();
        out
    }

    #[test]
    fn a_snippet_of_short_lines_is_whole_lines() {
        let out = rendered("fact a b\nfact c d\nfact e f\n", (14, 1));
        assert!(
            out.contains("fact a b") && out.contains("fact e f"),
            "{out}"
        );
        assert!(out.contains("t.augur:2:6"), "{out}");
    }

    #[test]
    fn a_snippet_of_a_huge_line_is_a_window_around_the_label() {
        let line = format!("{}NEEDLE{}", "x".repeat(3_000_000), "y".repeat(3_000_000));
        let text = format!("fact a b\n{line}\nfact c d\n");
        let at = text.find("NEEDLE").unwrap();
        // Past column 65,535, where miette's own layout would panic.
        let out = rendered(&text, (at, 6));
        assert!(out.len() < 2_000, "{} bytes", out.len());
        assert!(out.contains("NEEDLE"), "{out}");
        assert!(out.contains("t.augur:2:3000001"), "{out}");
        // A label as long as the line is shown cut, too.
        let out = rendered(&text, (9, line.len()));
        assert!(out.len() < 20_000, "{} bytes", out.len());
    }

    #[test]
    fn a_map_refuses_files_past_its_bytes() {
        let mut map = SourceMap::new();
        let file = |text: &str| SourceFile::new("t.augur", text);
        assert_eq!(map.add_within(file("abc"), 5).ok(), Some(FileId(0)));
        assert_eq!(map.add_within(file(""), 5).ok(), Some(FileId(1)));
        let refused = map.add_within(file("abc"), 5).err().map(|e| e.total);
        assert_eq!(refused, Some(6), "3 + 3 bytes is past 5");
        assert_eq!(map.add_within(file("ab"), 5).ok(), Some(FileId(2)));
        let ids: Vec<FileId> = map.iter().map(|(id, _)| id).collect();
        assert_eq!(ids, [FileId(0), FileId(1), FileId(2)]);
    }

    #[test]
    fn line_and_column_are_one_based() {
        let f = SourceFile::new("x.augur", "ab\ncdé\nf");
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.line_col(3), (2, 1));
        assert_eq!(f.line_col(7), (2, 4));
        assert_eq!(f.line_col(8), (3, 1));
        let bom = SourceFile::new("x.augur", "\u{FEFF}ab\nc");
        assert_eq!(bom.line_col(3), (1, 1));
        assert_eq!(bom.line_col(4), (1, 2));
        assert_eq!(bom.line_col(6), (2, 1));
    }
}
