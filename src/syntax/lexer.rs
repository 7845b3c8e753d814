//! Tokens: whitespace and comments, identifiers, keywords, variables, numbers, strings and
//! punctuation, each as a small nom parser that skips leading whitespace first.

use nom::bytes::complete::{tag, take_while1};
use nom::character::complete::char;
use nom::combinator::{opt, recognize};
use nom::error::{ErrorKind, ParseError};
use nom::sequence::pair;
use nom::{IResult, Input, Parser};

use compact_str::CompactString;

use super::ast::{Level, Name, Term, TermNode};
use super::error::SyntaxKind;
use super::keywords::is_keyword;
use super::limits::{MAX_NAME_BYTES, MAX_STRING_BYTES};
use crate::likelihood::Likelihood;
use crate::probability::Probability;
use crate::source::Span;

/// Parser input: the rest of the text, knowing its offset and file.
pub type In<'a> = super::input::Located<'a>;

/// A whole text as parser input, in file 0: what the parsers' unit tests read.
#[cfg(test)]
pub fn input(text: &str) -> In<'_> {
    In::new_extra(text, crate::source::FileId(0))
}

/// The result of every parser in this module tree.
pub type PResult<'a, T> = IResult<In<'a>, T, Expected>;

/// Why a parser stopped: where, what kind of thing it wanted there, and that in words.
#[derive(Clone, Debug, Default)]
pub struct Expected {
    /// Byte offset of the offending token.
    pub offset: usize,
    /// What was expected; a soft error carries the kind of the grammar element that did
    /// not match, which [`require`] keeps when it makes the error hard.
    pub kind: SyntaxKind,
    /// `expected ...` in words, empty when only nom's internal kind is known.
    pub message: String,
}

impl Expected {
    /// A soft error: `kind` did not match at `input`.
    pub fn soft(input: In<'_>, kind: SyntaxKind) -> nom::Err<Self> {
        nom::Err::Error(Expected {
            offset: input.location_offset(),
            kind,
            message: String::new(),
        })
    }
}

impl<'a> ParseError<In<'a>> for Expected {
    fn from_error_kind(input: In<'a>, _kind: ErrorKind) -> Self {
        Expected {
            offset: input.location_offset(),
            kind: SyntaxKind::Token,
            message: String::new(),
        }
    }

    fn append(_input: In<'a>, _kind: ErrorKind, other: Self) -> Self {
        other
    }

    fn or(self, other: Self) -> Self {
        if other.message.is_empty() {
            self
        } else {
            other
        }
    }
}

/// A hard error (no backtracking) at the next token of `input`: an unexpected token.
pub fn fail<T>(input: In<'_>, message: impl Into<String>) -> PResult<'_, T> {
    fail_as(input, SyntaxKind::Token, message)
}

/// A hard error of `kind` at the next token of `input`.
pub fn fail_as<T>(input: In<'_>, kind: SyntaxKind, message: impl Into<String>) -> PResult<'_, T> {
    let (rest, ()) = ws(input)?;
    Err(nom::Err::Failure(Expected {
        offset: rest.location_offset(),
        kind,
        message: message.into(),
    }))
}

/// Turns a soft error of `parser` into a hard one with a message, keeping the kind of
/// what the parser expected.
pub fn require<'a, T>(
    input: In<'a>,
    mut parser: impl Parser<In<'a>, Output = T, Error = Expected>,
    message: impl FnOnce() -> String,
) -> PResult<'a, T> {
    match parser.parse(input) {
        Err(nom::Err::Error(e)) => fail_as(input, e.kind, message()),
        other => other,
    }
}

/// Skips whitespace and comments: `comment = "#" { any character but newline } ;`.
/// Hand-written over bytes, since it runs before every token: every byte it skips is ASCII,
/// so where it stops is a character boundary.
pub fn ws(input: In<'_>) -> PResult<'_, ()> {
    let bytes = input.fragment().as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b' ' | b'\t' | b'\r' | b'\n' => i += 1,
            b'#' => {
                i += bytes[i..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .unwrap_or(bytes.len() - i);
            }
            _ => break,
        }
    }
    if i == 0 {
        return Ok((input, ()));
    }
    Ok((input.take_from(i), ()))
}

/// The span from `start` up to the start of `rest`.
pub fn span_between(start: In<'_>, rest: In<'_>) -> Span {
    Span::new(start.extra, start.location_offset(), rest.location_offset())
}

/// Runs `parser` after whitespace and returns its output with the span it covered.
pub fn spanned<'a, T>(
    mut parser: impl Parser<In<'a>, Output = T, Error = Expected>,
) -> impl FnMut(In<'a>) -> PResult<'a, (T, Span)> {
    move |input| {
        let (start, ()) = ws(input)?;
        let (rest, out) = parser.parse(start)?;
        Ok((rest, (out, span_between(start, rest))))
    }
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'
}

/// word = ( lower | "_" ) { lower | digit | "_" } ;
///
/// Over bytes, as every word is ASCII: names are most of a big program's text.
fn raw_word(input: In<'_>) -> PResult<'_, In<'_>> {
    let bytes = input.fragment().as_bytes();
    match bytes.first() {
        Some(b) if b.is_ascii_lowercase() || *b == b'_' => {}
        _ => return Err(Expected::soft(input, SyntaxKind::Name)),
    }
    let len = bytes
        .iter()
        .position(|&b| !is_word_char(char::from(b)))
        .unwrap_or(bytes.len());
    if len > MAX_NAME_BYTES {
        return Err(nom::Err::Failure(Expected {
            offset: input.location_offset(),
            kind: SyntaxKind::NameTooLong,
            message: format!(
                "a name of {len} bytes is longer than the limit of {MAX_NAME_BYTES} bytes"
            ),
        }));
    }
    let (rest, word) = input.take_split(len);
    Ok((rest, word))
}

/// Any word, keyword or not, after whitespace.
pub fn word(input: In<'_>) -> PResult<'_, (In<'_>, Span)> {
    spanned(raw_word).parse(input)
}

/// The keyword `kw`, not as the prefix of a longer word.
pub fn keyword<'a>(kw: &'static str) -> impl FnMut(In<'a>) -> PResult<'a, Span> {
    move |input| {
        let (start, ()) = ws(input)?;
        // Compare bytes before cutting a word out: the parser tries keywords often.
        let bytes = start.fragment().as_bytes();
        let whole = bytes.starts_with(kw.as_bytes())
            && bytes
                .get(kw.len())
                .is_none_or(|&b| !is_word_char(char::from(b)));
        if !whole {
            return Err(Expected::soft(input, SyntaxKind::Keyword(kw)));
        }
        let rest = start.take_from(kw.len());
        Ok((rest, span_between(start, rest)))
    }
}

/// Whether the next token is the keyword `kw`.
pub fn at_keyword(input: In<'_>, kw: &'static str) -> bool {
    keyword(kw)(input).is_ok()
}

/// name = word - keyword ;
pub fn name(input: In<'_>) -> PResult<'_, Name> {
    let (rest, (w, span)) = word(input)?;
    if is_keyword(w.fragment()) {
        return Err(Expected::soft(input, SyntaxKind::Name));
    }
    Ok((
        rest,
        Name {
            text: CompactString::new(w.fragment()),
            span,
        },
    ))
}

/// punct = one of "{" "}" "(" ")" "[" "]" "," ":" ;
pub fn punct<'a>(c: char) -> impl FnMut(In<'a>) -> PResult<'a, Span> {
    move |input| {
        let (rest, (_, span)) = spanned(char(c)).parse(input)?;
        Ok((rest, span))
    }
}

/// variable = "?" word ;
fn variable(input: In<'_>) -> PResult<'_, Term> {
    let (rest, (_, w)) = pair(char('?'), raw_word).parse(input)?;
    Ok((rest, Term::Var(CompactString::new(w.fragment()))))
}

/// integer = [ "-" ] digit { digit } ;
fn integer(input: In<'_>) -> PResult<'_, Term> {
    let (rest, digits) = recognize(pair(
        opt(char('-')),
        take_while1(|c: char| c.is_ascii_digit()),
    ))
    .parse(input)?;
    match digits.fragment().parse::<i64>() {
        Ok(n) => Ok((rest, Term::Int(n))),
        Err(_) => Err(nom::Err::Failure(Expected {
            offset: input.location_offset(),
            kind: SyntaxKind::Number,
            message: "expected an integer that fits in 64 bits".into(),
        })),
    }
}

/// string = '"' { char - '"' | '\"' | '\\' | '\n' | '\t' | unicode_escape } '"' ;
pub fn string(input: In<'_>) -> PResult<'_, (String, Span)> {
    let (start, ()) = ws(input)?;
    let Ok((mut rest, _)) = char::<_, Expected>('"').parse(start) else {
        return Err(Expected::soft(start, SyntaxKind::String));
    };
    let mut out = String::new();
    loop {
        let mut chars = rest.fragment().chars();
        match chars.next() {
            None | Some('\n') => {
                return Err(nom::Err::Failure(Expected {
                    offset: start.location_offset(),
                    kind: SyntaxKind::String,
                    message: "expected a closing `\"` for this string".into(),
                }));
            }
            Some('"') => {
                let (after, _) = tag("\"").parse(rest)?;
                return Ok((after, (out, span_between(start, after))));
            }
            Some('\\') => {
                let (escaped, len) = match chars.next() {
                    Some('n') => ('\n', 2),
                    Some('t') => ('\t', 2),
                    Some(c @ ('"' | '\\')) => (c, 2),
                    Some('u') => unicode_escape(rest)?,
                    _ => {
                        return Err(nom::Err::Failure(Expected {
                            offset: rest.location_offset(),
                            kind: SyntaxKind::String,
                            message: "expected one of the escapes `\\\"`, `\\\\`, `\\n`, `\\t`, `\\u{HEX}`"
                                .into(),
                        }));
                    }
                };
                out.push(escaped);
                // Every escape is ASCII, so `len` bytes end on a character boundary.
                rest = rest.take_from(len);
            }
            Some(c) => {
                out.push(c);
                rest = rest.take_from(c.len_utf8());
            }
        }
        if out.len() > MAX_STRING_BYTES {
            return Err(nom::Err::Failure(Expected {
                offset: start.location_offset(),
                kind: SyntaxKind::StringTooLong,
                message: format!("a string longer than the limit of {MAX_STRING_BYTES} bytes"),
            }));
        }
    }
}

/// unicode_escape = "\\u{" hex { hex } "}" ;  (* 1 to 6 digits, a Unicode scalar value *)
///
/// `input` starts at the backslash; returns the character and the escape's length in bytes.
fn unicode_escape(input: In<'_>) -> Result<(char, usize), nom::Err<Expected>> {
    let text = input.fragment().as_bytes();
    let digits = text
        .get(3..)
        .unwrap_or_default()
        .iter()
        .take(7)
        .take_while(|b| b.is_ascii_hexdigit())
        .count();
    let closed = text.get(2) == Some(&b'{') && text.get(3 + digits) == Some(&b'}');
    let value = text
        .get(3..3 + digits)
        .and_then(|hex| std::str::from_utf8(hex).ok())
        .and_then(|hex| u32::from_str_radix(hex, 16).ok());
    match value.and_then(char::from_u32) {
        Some(c) if closed && (1..=6).contains(&digits) => Ok((c, 4 + digits)),
        _ => Err(nom::Err::Failure(Expected {
            offset: input.location_offset(),
            kind: SyntaxKind::String,
            message: "expected `\\u{HEX}` with 1 to 6 hex digits naming a Unicode scalar value"
                .into(),
        })),
    }
}

/// term = variable | integer | string | name ;
pub fn term(input: In<'_>) -> PResult<'_, TermNode> {
    let (start, ()) = ws(input)?;
    // One look at the first character picks the only production that can match.
    let (rest, term) = match start.fragment().chars().next() {
        Some('?') => variable(start)?,
        Some('"') => string(start).map(|(r, (s, _))| (r, Term::Str(s)))?,
        // A probability (`0.72`, `72%`) is a likelihood, never a term: the atom ends before
        // it and the level after the atom reads it.
        Some(c) if Probability::literal_len(start.fragment()).is_some() => {
            let _ = c;
            return Err(Expected::soft(start, SyntaxKind::Atom));
        }
        Some(c) if c.is_ascii_digit() || c == '-' => integer(start)?,
        Some(c) if c.is_ascii_lowercase() || c == '_' => {
            let (r, n) = match name(start) {
                Ok(found) => found,
                Err(nom::Err::Failure(e)) => return Err(nom::Err::Failure(e)),
                Err(_) => return Err(Expected::soft(start, SyntaxKind::Atom)),
            };
            (r, Term::Ident(n.text))
        }
        _ => return Err(Expected::soft(start, SyntaxKind::Atom)),
    };
    Ok((
        rest,
        TermNode {
            term,
            span: span_between(start, rest),
        },
    ))
}

/// level = ( LIKELIHOOD | PROBABILITY ) | "[" ( LIKELIHOOD | PROBABILITY ) "]" ;
pub fn level(input: In<'_>) -> PResult<'_, Level> {
    fn bare(input: In<'_>) -> PResult<'_, Level> {
        match super::literal::probability(input) {
            Err(nom::Err::Error(_)) => {}
            found => return found,
        }
        let (rest, (w, span)) = word(input)?;
        match Likelihood::from_keyword(w.fragment()) {
            Some(value) => Ok((
                rest,
                Level {
                    value,
                    probability: None,
                    span,
                },
            )),
            None => Err(Expected::soft(input, SyntaxKind::Likelihood)),
        }
    }
    if let Ok((rest, _)) = punct('[')(input) {
        let (rest, level) = require(rest, bare, || {
            format!("expected a likelihood ({})", likelihood_list())
        })?;
        let (rest, _) = require(rest, punct(']'), || {
            "expected `]` after the likelihood".into()
        })?;
        return Ok((rest, level));
    }
    bare(input)
}

/// The scale written out for messages.
pub fn likelihood_list() -> String {
    Likelihood::ALL
        .iter()
        .map(|l| format!("`{l}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The token at the start of `input`, for labels: its byte length and a description
/// (`` `word` `` or `end of file`).
pub fn describe_next(input: &str) -> (usize, String) {
    let Some(first) = input.chars().next() else {
        return (0, "end of file".into());
    };
    if let Some(len) = Probability::literal_len(input).filter(|&n| n <= MAX_SHOWN_TOKEN_BYTES) {
        return (len, format!("`{}`", &input[..len]));
    }
    let rest = &input[first.len_utf8()..];
    let len = if first.is_alphanumeric() || first == '_' || first == '?' {
        // A word is looked at no further than the limit on shown tokens: the next token
        // may be a whole line of a hostile file.
        let word = rest
            .char_indices()
            .find(|&(i, c)| !(c.is_alphanumeric() || c == '_') || i >= MAX_SHOWN_TOKEN_BYTES)
            .map_or(rest.len(), |(i, _)| i);
        first.len_utf8() + word
    } else {
        first.len_utf8()
    };
    let cut = input[len..]
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || c == '_')
        && len > MAX_SHOWN_TOKEN_BYTES;
    let more = if cut { "..." } else { "" };
    (len, format!("`{}{more}`", &input[..len]))
}

/// The longest token a diagnostic shows; a longer one is cut, and marked with `...`.
const MAX_SHOWN_TOKEN_BYTES: usize = 64;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_spaces_are_skipped() {
        let (rest, (w, span)) = word(input("  # note\n  china is")).unwrap();
        assert_eq!(*w.fragment(), "china");
        assert_eq!((span.start, span.end), (11, 16));
        assert_eq!(*rest.fragment(), " is");
    }

    #[test]
    fn keywords_are_not_names() {
        assert!(name(input("likely")).is_err());
        assert!(keyword("rule")(input("rules")).is_err());
        assert!(keyword("rule")(input("rule x")).is_ok());
    }

    #[test]
    fn terms_of_every_kind() {
        let t = |s| term(input(s)).unwrap().1.term;
        assert_eq!(t("?c"), Term::Var("c".into()));
        assert_eq!(t("2017"), Term::Int(2017));
        assert_eq!(t("-3"), Term::Int(-3));
        assert_eq!(t("\"Lula \\\"da\\\"\""), Term::Str("Lula \"da\"".into()));
        assert_eq!(t("brazil"), Term::Ident("brazil".into()));
    }

    #[test]
    fn unterminated_string_is_a_failure() {
        assert!(matches!(string(input("\"abc")), Err(nom::Err::Failure(_))));
    }

    #[test]
    fn unicode_escapes_name_one_scalar_value() {
        let s = |t| string(input(t)).map(|(_, (s, _))| s);
        assert_eq!(
            s(r#""a\u{1b}b\u{202E}\u{10ffff}""#).unwrap(),
            "a\u{1b}b\u{202e}\u{10ffff}"
        );
        for bad in [
            r#""\u1b""#,
            r#""\u{}""#,
            r#""\u{1b""#,
            r#""\u{d800}""#,
            r#""\u{110000}""#,
            r#""\u{0000001}""#,
            r#""\u{g}""#,
            r#""\u"#,
        ] {
            assert!(
                matches!(string(input(bad)), Err(nom::Err::Failure(_))),
                "{bad}"
            );
        }
    }

    proptest::proptest! {
        /// D17: whatever a string holds, the form augur shows it in reads back to it.
        #[test]
        fn shown_strings_read_back(text in "(\\PC|\\p{Cc}|\\p{Cf}|[\"\\\\\u{202e}\u{200b}])*") {
            let shown = crate::escape::quoted(&text);
            let (rest, (back, _)) = string(input(&shown)).unwrap();
            proptest::prop_assert_eq!(back, text);
            proptest::prop_assert_eq!(*rest.fragment(), "");
            proptest::prop_assert!(!shown.chars().any(crate::escape::is_hidden));
        }
    }

    #[test]
    fn next_token_descriptions_respect_char_boundaries() {
        assert_eq!(describe_next("éa b"), (3, "`éa`".into()));
        assert_eq!(describe_next("→x"), (3, "`→`".into()));
        assert_eq!(describe_next(""), (0, "end of file".into()));
    }

    #[test]
    fn a_long_token_is_shown_cut() {
        let long = "a".repeat(1000);
        let (len, shown) = describe_next(&long);
        assert!((MAX_SHOWN_TOKEN_BYTES..MAX_SHOWN_TOKEN_BYTES + 4).contains(&len));
        assert!(shown.ends_with("...`"), "{shown}");
        let exact = "a".repeat(MAX_SHOWN_TOKEN_BYTES + 1);
        assert_eq!(describe_next(&exact).1, format!("`{exact}`"));
    }

    #[test]
    fn the_name_limit_holds_at_its_boundary() {
        for n in [MAX_NAME_BYTES - 1, MAX_NAME_BYTES] {
            let text = "n".repeat(n);
            assert_eq!(name(input(&text)).unwrap().1.text.len(), n);
            let var = format!("?{text}");
            assert!(term(input(&var)).is_ok());
        }
        let text = "n".repeat(MAX_NAME_BYTES + 1);
        let Err(nom::Err::Failure(e)) = name(input(&text)) else {
            panic!("a name past the limit parses");
        };
        assert_eq!(e.kind, SyntaxKind::NameTooLong);
        for as_term in [text.clone(), format!("?{text}")] {
            assert!(
                matches!(term(input(&as_term)), Err(nom::Err::Failure(_))),
                "{as_term}"
            );
        }
    }

    #[test]
    fn the_string_limit_holds_at_its_boundary() {
        for n in [MAX_STRING_BYTES - 1, MAX_STRING_BYTES] {
            let text = format!("\"{}\"", "q".repeat(n));
            assert_eq!(string(input(&text)).unwrap().1.0.len(), n);
        }
        // Counted after escapes: each `\\n` is one byte.
        let escaped = format!("\"{}\"", "\\n".repeat(MAX_STRING_BYTES));
        assert!(string(input(&escaped)).is_ok());
        let text = format!("\"{}\"", "q".repeat(MAX_STRING_BYTES + 1));
        let Err(nom::Err::Failure(e)) = string(input(&text)) else {
            panic!("a string past the limit parses");
        };
        assert_eq!((e.kind, e.offset), (SyntaxKind::StringTooLong, 0));
    }

    #[test]
    fn levels_bare_or_bracketed() {
        assert_eq!(
            level(input("[likely]")).unwrap().1.value,
            Likelihood::Likely
        );
        assert_eq!(
            level(input("even_chance")).unwrap().1.value,
            Likelihood::EvenChance
        );
        assert!(matches!(level(input("[maybe]")), Err(nom::Err::Failure(_))));
    }
}
