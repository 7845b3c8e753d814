//! The parser's input: the rest of one file's text, knowing its byte offset in the file
//! and which file it is. This is what `nom_locate` offers, less its line counting: that
//! runs on every step of the parser (a tenth of parsing a large file), and the parser
//! never needs it, because spans are byte ranges and lines are found only when a report
//! is rendered.

use std::str::{CharIndices, Chars};

use nom::{Compare, CompareResult, Input, Needed, Offset};

use crate::source::FileId;

/// A located slice of a file's text.
#[derive(Clone, Copy, Debug)]
pub struct Located<'a> {
    fragment: &'a str,
    offset: usize,
    /// The file the text belongs to.
    pub extra: FileId,
}

impl<'a> Located<'a> {
    /// The whole text of `file`.
    pub fn new_extra(text: &'a str, file: FileId) -> Self {
        Located {
            fragment: text,
            offset: 0,
            extra: file,
        }
    }

    /// The bytes `start..end` of `text`, a file's whole text, with offsets counted from the
    /// file's start. Both ends must be character boundaries.
    pub fn range(text: &'a str, start: usize, end: usize, file: FileId) -> Self {
        Located {
            fragment: text.get(start..end).unwrap_or(""),
            offset: start,
            extra: file,
        }
    }

    /// The text from here on.
    pub fn fragment(&self) -> &&'a str {
        &self.fragment
    }

    /// The byte offset of this slice in its file.
    pub fn location_offset(&self) -> usize {
        self.offset
    }
}

impl<'a> Input for Located<'a> {
    type Item = char;
    type Iter = Chars<'a>;
    type IterIndices = CharIndices<'a>;

    fn input_len(&self) -> usize {
        self.fragment.len()
    }

    fn take(&self, index: usize) -> Self {
        Located {
            fragment: self.fragment.take(index),
            ..*self
        }
    }

    fn take_from(&self, index: usize) -> Self {
        Located {
            fragment: self.fragment.take_from(index),
            offset: self.offset + index,
            extra: self.extra,
        }
    }

    fn take_split(&self, index: usize) -> (Self, Self) {
        (self.take_from(index), self.take(index))
    }

    fn position<P: Fn(char) -> bool>(&self, predicate: P) -> Option<usize> {
        self.fragment.position(predicate)
    }

    fn iter_elements(&self) -> Chars<'a> {
        self.fragment.chars()
    }

    fn iter_indices(&self) -> CharIndices<'a> {
        self.fragment.char_indices()
    }

    fn slice_index(&self, count: usize) -> Result<usize, Needed> {
        self.fragment.slice_index(count)
    }
}

impl Compare<&str> for Located<'_> {
    fn compare(&self, t: &str) -> CompareResult {
        self.fragment.compare(t)
    }

    fn compare_no_case(&self, t: &str) -> CompareResult {
        self.fragment.compare_no_case(t)
    }
}

impl Offset for Located<'_> {
    fn offset(&self, second: &Self) -> usize {
        second.offset - self.offset
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slices_keep_their_offsets() {
        let input = Located::new_extra("héllo world", FileId(3));
        let (rest, taken) = input.take_split(6);
        assert_eq!((*taken.fragment(), taken.location_offset()), ("héllo", 0));
        assert_eq!((*rest.fragment(), rest.location_offset()), (" world", 6));
        assert_eq!(rest.extra, FileId(3));
        assert_eq!(input.offset(&rest), 6);
    }
}
