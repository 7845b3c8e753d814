//! The tokens of a file that parsed, comments included, each with its place: the
//! formatter's view of the text. The parser skips comments in its hot path and keeps no
//! trivia; this second, simpler pass over a file already known to be valid finds them,
//! so formatting costs the parser nothing.

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    /// A word: a keyword or a name.
    Word,
    /// `?name`.
    Var,
    /// An integer, its sign included.
    Int,
    /// A probability (`0.72`, `72%`), as written.
    Probability,
    /// A string, quotes and escapes as written.
    Str,
    /// One of `{ } ( ) [ ] , :`.
    Punct,
    /// `# ...` up to the end of its line (the newline excluded).
    Comment,
}

/// A token: its kind and its byte range in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Token {
    /// What it is.
    pub kind: Kind,
    /// Its first byte.
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
}

impl Token {
    /// Its text.
    pub fn text(self, source: &str) -> &str {
        &source[self.start..self.end]
    }
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'
}

/// Every token of `text`, in order; or the offset of a byte that starts none, which a file
/// that parsed does not have.
pub(super) fn lex(text: &str) -> Result<Vec<Token>, usize> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = if text.starts_with('\u{FEFF}') {
        '\u{FEFF}'.len_utf8()
    } else {
        0
    };
    let run = |from: usize, ok: fn(u8) -> bool| {
        from + bytes[from..].iter().take_while(|&&b| ok(b)).count()
    };
    while let Some(&b) = bytes.get(i) {
        let (kind, end) = match b {
            b' ' | b'\t' | b'\r' | b'\n' => {
                i += 1;
                continue;
            }
            b'#' => (Kind::Comment, run(i, |b| b != b'\n')),
            b'"' => (Kind::Str, string_end(bytes, i).ok_or(i)?),
            b'?' => (Kind::Var, run(i + 1, is_word_byte)),
            b'-' | b'0'..=b'9' => match crate::Probability::literal_len(&text[i..]) {
                Some(len) => (Kind::Probability, i + len),
                None => (Kind::Int, run(i + 1, |b| b.is_ascii_digit())),
            },
            b'{' | b'}' | b'(' | b')' | b'[' | b']' | b',' | b':' => (Kind::Punct, i + 1),
            b if b.is_ascii_lowercase() || b == b'_' => (Kind::Word, run(i, is_word_byte)),
            _ => return Err(i),
        };
        out.push(Token {
            kind,
            start: i,
            end,
        });
        i = end;
    }
    Ok(out)
}

/// One past the closing quote of the string that opens at `start`: a backslash escapes
/// the byte after it (every escape's first byte is ASCII, and the rest of `\u{HEX}` holds
/// no quote).
fn string_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut i = start + 1;
    loop {
        match bytes.get(i)? {
            b'"' => return Some(i + 1),
            b'\\' => i += 2,
            b'\n' => return None,
            _ => i += 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(Kind, &str)> {
        lex(text)
            .unwrap()
            .into_iter()
            .map(|t| (t.kind, t.text(text)))
            .collect()
    }

    #[test]
    fn every_kind_of_token_with_its_text() {
        assert_eq!(
            kinds("fact p(a, -2, ?x) [likely] # note\n cite d \"q \\\" # not\""),
            vec![
                (Kind::Word, "fact"),
                (Kind::Word, "p"),
                (Kind::Punct, "("),
                (Kind::Word, "a"),
                (Kind::Punct, ","),
                (Kind::Int, "-2"),
                (Kind::Punct, ","),
                (Kind::Var, "?x"),
                (Kind::Punct, ")"),
                (Kind::Punct, "["),
                (Kind::Word, "likely"),
                (Kind::Punct, "]"),
                (Kind::Comment, "# note"),
                (Kind::Word, "cite"),
                (Kind::Word, "d"),
                (Kind::Str, "\"q \\\" # not\""),
            ]
        );
    }

    #[test]
    fn a_probability_is_one_token_as_written() {
        assert_eq!(
            kinds("fact a p 0.720 rule r: a p implies b q [72.5%] fact y is 2017"),
            vec![
                (Kind::Word, "fact"),
                (Kind::Word, "a"),
                (Kind::Word, "p"),
                (Kind::Probability, "0.720"),
                (Kind::Word, "rule"),
                (Kind::Word, "r"),
                (Kind::Punct, ":"),
                (Kind::Word, "a"),
                (Kind::Word, "p"),
                (Kind::Word, "implies"),
                (Kind::Word, "b"),
                (Kind::Word, "q"),
                (Kind::Punct, "["),
                (Kind::Probability, "72.5%"),
                (Kind::Punct, "]"),
                (Kind::Word, "fact"),
                (Kind::Word, "y"),
                (Kind::Word, "is"),
                (Kind::Int, "2017"),
            ]
        );
    }

    #[test]
    fn a_byte_order_mark_is_skipped_and_a_stray_byte_refused() {
        assert_eq!(kinds("\u{FEFF}fact a b").len(), 3);
        assert_eq!(lex("fact A b"), Err(5));
        assert_eq!(lex("fact a \"open"), Err(7));
    }
}
