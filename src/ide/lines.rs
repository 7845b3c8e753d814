//! Byte offsets to editor positions and back: a line and a column counted in UTF-16 code
//! units (the Language Server Protocol's default) or in bytes (UTF-8, when the client
//! offers it).

/// How columns are counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Columns {
    /// UTF-16 code units.
    Utf16,
    /// Bytes.
    Utf8,
}

/// A 0-based line and column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    /// The line.
    pub line: u32,
    /// The column, in the unit of [`Columns`].
    pub column: u32,
}

/// Where each line of a text starts.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
    columns: Columns,
}

impl LineIndex {
    /// Indexes a text's lines (a line ends after `\n`).
    pub fn new(text: &str, columns: Columns) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { starts, columns }
    }

    /// The position of a byte offset (clamped to the text, and back to a character's
    /// start).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let column = match self.columns {
            Columns::Utf8 => offset - start,
            Columns::Utf16 => text[start..offset].encode_utf16().count(),
        };
        Position {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            column: u32::try_from(column).unwrap_or(u32::MAX),
        }
    }

    /// The byte offset of a position: a line past the end is the end of the text, a
    /// column past the end of its line is the line's end, and a column inside a character
    /// is that character's start.
    pub fn offset(&self, text: &str, position: Position) -> usize {
        let Some(&start) = self.starts.get(position.line as usize) else {
            return text.len();
        };
        let end = self
            .starts
            .get(position.line as usize + 1)
            .map_or(text.len(), |&next| next - 1);
        let line = &text[start..end];
        let want = position.column as usize;
        let mut units = 0;
        for (i, c) in line.char_indices() {
            let width = match self.columns {
                Columns::Utf8 => c.len_utf8(),
                Columns::Utf16 => c.len_utf16(),
            };
            if units + width > want {
                return start + i;
            }
            units += width;
        }
        end
    }
}

/// Applies an editor's change to a text: `range` replaced by `new` (the whole text when
/// there is no range). A range past the end is clamped to it, and one whose end is before
/// its start replaces nothing past its start, so no change can fail or lose what it
/// does not cover.
pub fn apply_change(
    text: &mut String,
    range: Option<(Position, Position)>,
    new: &str,
    columns: Columns,
) {
    let Some((start, end)) = range else {
        new.clone_into(text);
        return;
    };
    let index = LineIndex::new(text, columns);
    let start = index.offset(text, start);
    let end = index.offset(text, end).max(start);
    text.replace_range(start..end, new);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_utf16_units_and_round_trip() {
        let text = "fact a p\n# é𝄞 x\nlast";
        let index = LineIndex::new(text, Columns::Utf16);
        let x = text.find('x').unwrap_or_default();
        let p = index.position(text, x);
        // `# ` is 2 units, `é` 1, `𝄞` 2 and the space 1.
        assert_eq!(p, Position { line: 1, column: 6 });
        assert_eq!(index.offset(text, p), x);
        for offset in 0..=text.len() {
            if text.is_char_boundary(offset) {
                assert_eq!(index.offset(text, index.position(text, offset)), offset);
            }
        }
    }

    #[test]
    fn changes_replace_their_range_and_bad_ranges_are_clamped() {
        let p = |line, column| Position { line, column };
        let mut text = String::from("fact a p\nfact b p\n");
        apply_change(&mut text, Some((p(1, 5), p(1, 6))), "c", Columns::Utf16);
        assert_eq!(text, "fact a p\nfact c p\n");
        apply_change(&mut text, Some((p(0, 5), p(0, 2))), "x", Columns::Utf16);
        assert_eq!(text, "fact xa p\nfact c p\n");
        apply_change(
            &mut text,
            Some((p(7, 0), p(9, 9))),
            "fact d p\n",
            Columns::Utf8,
        );
        assert_eq!(text, "fact xa p\nfact c p\nfact d p\n");
        apply_change(&mut text, None, "all", Columns::Utf8);
        assert_eq!(text, "all");
    }

    #[test]
    fn positions_out_of_range_are_clamped() {
        let text = "ab\ncd";
        let index = LineIndex::new(text, Columns::Utf8);
        assert_eq!(index.offset(text, Position { line: 9, column: 0 }), 5);
        assert_eq!(
            index.offset(
                text,
                Position {
                    line: 0,
                    column: 99
                }
            ),
            2
        );
        assert_eq!(index.position(text, 99), Position { line: 1, column: 2 });
        let text = "é";
        let index = LineIndex::new(text, Columns::Utf16);
        assert_eq!(index.position(text, 1), Position { line: 0, column: 0 });
    }
}
