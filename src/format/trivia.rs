//! Comments and blank lines: each comment is placed by the code token before it, and a
//! blank line (a run of them, kept as one) where the source had one, except where the
//! layout allows none (docs/LANGUAGE.md, "Layout").

use super::layout::{Line, Role};
use super::tokens::{Kind, Token};

/// The column end-of-line comments start at, when the code before them leaves room for
/// [`COMMENT_GAP`] spaces; otherwise they start that many spaces after it.
pub(super) const COMMENT_COLUMN: usize = 70;

/// The fewest spaces between code and its end-of-line comment.
pub(super) const COMMENT_GAP: usize = 2;

/// Every token of the source (comments included) and where the code tokens are in it.
pub(super) struct Source<'a> {
    /// The text.
    pub text: &'a str,
    /// Every token, in order.
    pub all: &'a [Token],
    /// For each code token (in [`Line`]'s numbering), its index in `all`.
    pub code_at: &'a [usize],
}

impl Source<'_> {
    /// Whether a blank line stands between the token `all[i]` and what comes before it.
    fn blank_before(&self, i: usize) -> bool {
        let start = self.all[i].start;
        let from = i.checked_sub(1).map_or(0, |p| self.all[p].end);
        self.text[from..start].matches('\n').count() >= 2
    }

    /// Whether code stands before the token `all[i]` on its line.
    fn after_code(&self, i: usize) -> bool {
        let start = self.all[i].start;
        let line_start = self.text[..start].rfind('\n').map_or(0, |n| n + 1);
        !self.text[line_start..start]
            .trim_start_matches('\u{FEFF}')
            .trim()
            .is_empty()
    }

    fn comment(&self, i: usize) -> &str {
        self.all[i]
            .text(self.text)
            .trim_end_matches([' ', '\t', '\r'])
    }
}

/// Where each comment goes: before a line (whole-line), after it (end-of-line), or at the
/// end of the file.
struct Placed {
    leading: Vec<Vec<usize>>,
    trailing: Vec<Option<usize>>,
    end: Vec<usize>,
}

/// A comment goes with the line that holds the code token before it: after that line's
/// code when it followed code on its own line and that line has no comment after it yet,
/// else on a line of its own before the next line (a comment from inside code the
/// layout joins into one line lands after that line).
fn place(source: &Source<'_>, lines: &[Line]) -> Placed {
    let mut placed = Placed {
        leading: vec![Vec::new(); lines.len()],
        trailing: vec![None; lines.len()],
        end: Vec::new(),
    };
    let mut code_seen: usize = 0;
    let mut line = 0;
    for (i, token) in source.all.iter().enumerate() {
        if token.kind != Kind::Comment {
            code_seen += 1;
            continue;
        }
        // The line holding code token `code_seen - 1`, found by walking forward.
        let holder = code_seen.checked_sub(1).map(|k| {
            while line + 1 < lines.len() && lines[line].last <= k {
                line += 1;
            }
            line
        });
        match holder {
            None if lines.is_empty() => placed.end.push(i),
            None => placed.leading[0].push(i),
            // Comments keep their order: not at the end of a line once one is after it.
            Some(h)
                if source.after_code(i)
                    && placed.trailing[h].is_none()
                    && placed.leading.get(h + 1).unwrap_or(&placed.end).is_empty() =>
            {
                placed.trailing[h] = Some(i);
            }
            Some(h) if h + 1 < lines.len() => placed.leading[h + 1].push(i),
            Some(_) => placed.end.push(i),
        }
    }
    placed
}

/// The formatted text: the lines with their comments and blank lines.
pub(super) fn render(source: &Source<'_>, lines: &[Line]) -> String {
    let placed = place(source, lines);
    let mut out = String::with_capacity(source.text.len() + source.text.len() / 8);
    // Nothing written yet, so no blank line: at the start of the file, and after `{`.
    let mut fresh = true;
    for (n, line) in lines.iter().enumerate() {
        fresh |= line.opens_block;
        for &c in &placed.leading[n] {
            let blank = source.blank_before(c) && line.role != Role::Continuation;
            write_line(
                &mut out,
                blank && !fresh,
                line.comment_indent,
                "",
                source.comment(c),
            );
            fresh = false;
        }
        let blank = source.blank_before(source.code_at[line.first]) && line.role == Role::Entry;
        let trailing = placed.trailing[n].map_or("", |c| source.comment(c));
        write_line(&mut out, blank && !fresh, line.indent, &line.code, trailing);
        fresh = false;
    }
    for &c in &placed.end {
        write_line(
            &mut out,
            source.blank_before(c) && !fresh,
            0,
            "",
            source.comment(c),
        );
        fresh = false;
    }
    out
}

/// Writes one line: `code` after `indent` spaces, then `comment` (at the comment column
/// when there is code before it); a blank line first when `blank`.
fn write_line(out: &mut String, blank: bool, indent: usize, code: &str, comment: &str) {
    if blank {
        out.push('\n');
    }
    let start = out.len();
    if !code.is_empty() || !comment.is_empty() {
        out.extend(std::iter::repeat_n(' ', indent));
    }
    out.push_str(code);
    if !comment.is_empty() {
        if !code.is_empty() {
            let width = out[start..].chars().count();
            let to = COMMENT_COLUMN.max(width + COMMENT_GAP);
            out.extend(std::iter::repeat_n(' ', to - width));
        }
        out.push_str(comment);
    }
    out.push('\n');
}
