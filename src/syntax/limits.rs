//! Limits on the text a rule file may hold: line length, name length and string length.
//! Each keeps one hostile line from costing memory and time out of proportion, and keeps
//! every diagnostic short enough to read. The limits are checked before (lines) or while
//! (names, strings) parsing, each with its own diagnostic.

use super::error::{ParseError, SyntaxKind};
use crate::source::{FileId, SourceFile};

/// The default of `--max-line-length`, in bytes: no rule needs a line this long, and a
/// line of a generated file is far shorter.
pub const DEFAULT_MAX_LINE_BYTES: usize = 64 * 1024;

/// The longest name (identifier or variable), in bytes. A scenario's name becomes a
/// snapshot's file name, which the file system limits to 255 bytes.
pub const MAX_NAME_BYTES: usize = 128;

/// The longest string (a title, a quote, a test name), in bytes after escapes: a quote is
/// a sentence or a paragraph.
pub const MAX_STRING_BYTES: usize = 16 * 1024;

/// The most syntax errors reported for one file before its parsing stops: a file that is
/// not augur at all (a binary, a file of another language) would otherwise make one error
/// per line, each holding memory until the report.
pub const MAX_SYNTAX_ERRORS: usize = 1000;

/// An error for each line of `file` longer than `max` bytes (its newline not counted), up
/// to [`MAX_SYNTAX_ERRORS`] of them, placed where the line passes the limit. Over bytes, so
/// a 30 MB line costs one pass.
pub fn long_lines(id: FileId, file: &SourceFile, max: usize) -> Vec<ParseError> {
    let text = &*file.text;
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let len = line.strip_suffix('\n').unwrap_or(line);
        let len = len.strip_suffix('\r').unwrap_or(len).len();
        if len > max && out.len() < MAX_SYNTAX_ERRORS {
            let mut at = start + max;
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let (line_no, _) = file.line_col(u32::try_from(start).unwrap_or(u32::MAX));
            out.push(ParseError::new(
                file,
                id,
                at,
                SyntaxKind::LineTooLong { limit: max },
                format!("line {line_no} is {len} bytes long, more than the limit of {max} bytes"),
            ));
        }
        start += line.len();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn long(text: &str, max: usize) -> Vec<String> {
        let file = SourceFile::new("t.augur", text);
        long_lines(FileId(0), &file, max)
            .into_iter()
            .map(|e| e.message)
            .collect()
    }

    #[test]
    fn the_line_limit_holds_at_its_boundary() {
        let at = |n: usize| format!("fact a b\n# {}\nfact c d\n", "x".repeat(n - 2));
        assert!(long(&at(99), 100).is_empty());
        assert!(long(&at(100), 100).is_empty());
        assert_eq!(
            long(&at(101), 100),
            ["line 2 is 101 bytes long, more than the limit of 100 bytes"]
        );
        // The newline is not part of the line, nor the carriage return before it.
        assert!(long(&format!("{}\r\n", "x".repeat(100)), 100).is_empty());
        assert_eq!(
            long(&"x".repeat(101), 100).len(),
            1,
            "a last line without newline"
        );
        let many = "xx\n".repeat(MAX_SYNTAX_ERRORS + 1);
        assert_eq!(long(&many, 1).len(), MAX_SYNTAX_ERRORS);
    }

    #[test]
    fn a_long_line_of_wide_characters_is_cut_at_a_character_boundary() {
        let errors = long(&"é".repeat(60), 101);
        assert_eq!(errors.len(), 1);
    }
}
