//! Hostile text made harmless at the output edge: every piece of text a rule file or a
//! command line controls (strings, quotes, test names, file names) passes through here
//! before it reaches a terminal, a TAP stream or a diagnostic.
//!
//! A character is *hidden* when printing it raw could change what a reader sees without
//! showing itself: C0 and C1 controls (escape sequences start with one), DEL, bidi
//! overrides, embeddings, isolates and marks (they reorder the text around them), zero-width
//! and other invisible characters, and the Unicode line and paragraph separators. Each is
//! written as `\u{HEX}`, a form the language's own strings read back ([`quoted`] is exact:
//! the lexer reads its output back to the same string).

use std::borrow::Cow;
use std::fmt::{self, Display, Write};

/// Whether `c` must never reach a terminal raw (see the module docs for the set).
pub fn is_hidden(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        // Soft hyphen, Arabic letter mark, Mongolian vowel separator.
        | '\u{ad}' | '\u{61c}' | '\u{180e}'
        // Zero-width space, non-joiner, joiner; left-to-right and right-to-left marks.
        | '\u{200b}'..='\u{200f}'
        // Line and paragraph separators; bidi embeddings and overrides.
        | '\u{2028}'..='\u{202e}'
        // Word joiner, invisible operators; bidi isolates.
        | '\u{2060}'..='\u{2069}'
        // Byte order mark (zero-width no-break space); interlinear annotations.
        | '\u{feff}' | '\u{fff9}'..='\u{fffb}'
    )
}

/// Whether `c` reorders the text around it: a bidi embedding, override or isolate.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every hidden character written `\u{HEX}`, and `\n`, `\t` as themselves
/// escaped (`\n`, `\t`): one line, safe for a terminal. Borrows when nothing needs escaping,
/// which is nearly always.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        push_visible(&mut out, c);
    }
    Cow::Owned(out)
}

/// [`visible`], but newlines stay: for text of several lines, such as a help message.
pub fn visible_lines(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c != '\n' && is_hidden(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c == '\n' {
            out.push(c);
        } else {
            push_visible(&mut out, c);
        }
    }
    Cow::Owned(out)
}

fn push_visible(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\t' => out.push_str("\\t"),
        c if is_hidden(c) => {
            // Writing to a String cannot fail.
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        }
        c => out.push(c),
    }
}

/// A string as the language writes it: in double quotes, with `\"`, `\\`, `\n`, `\t` and
/// `\u{HEX}` for every other hidden character. The lexer reads it back to `text`.
pub struct Quoted<'a>(pub &'a str);

impl Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_char('"')?;
        for c in self.0.chars() {
            match c {
                '"' => f.write_str("\\\"")?,
                '\\' => f.write_str("\\\\")?,
                '\n' => f.write_str("\\n")?,
                '\t' => f.write_str("\\t")?,
                c if is_hidden(c) => write!(f, "\\u{{{:x}}}", u32::from(c))?,
                c => f.write_char(c)?,
            }
        }
        f.write_char('"')
    }
}

/// `text` in the language's string syntax (see [`Quoted`]).
pub fn quoted(text: &str) -> String {
    Quoted(text).to_string()
}

/// A TAP 14 test description: [`visible`], with `#` and `\` escaped as the specification
/// asks, so that a name cannot end the line, start a directive (`# TODO`, `# SKIP`, which
/// would turn a failure into a pass) or forge a test point.
pub fn tap_description(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '#' => out.push_str("\\#"),
            '\\' => out.push_str("\\\\"),
            c => push_visible(&mut out, c),
        }
    }
    out
}

/// The same text with each hidden character replaced by a visible one of the same UTF-8
/// length (`?` for one byte, `¿` for two, `�` for three), so that every byte offset and
/// column into it stays true: for showing source text in a diagnostic's snippet. A tab and
/// a line break (`\n`, or `\r\n`) are kept: they lay out lines, and the renderer knows them.
pub fn same_length(text: &str) -> Cow<'_, str> {
    let keep =
        |c: char, next: Option<char>| c == '\n' || c == '\t' || (c == '\r' && next == Some('\n'));
    let mut chars = text.chars().peekable();
    let mut dirty = false;
    while let Some(c) = chars.next() {
        if is_hidden(c) && !keep(c, chars.peek().copied()) {
            dirty = true;
            break;
        }
    }
    if !dirty {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if is_hidden(c) && !keep(c, chars.peek().copied()) {
            out.push(match c.len_utf8() {
                1 => '?',
                2 => '¿',
                _ => '\u{fffd}',
            });
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Text for a Graphviz DOT double-quoted string, quotes not included: [`visible`] (so no
/// control character or line break reaches the file), then `\` and `"` escaped, so that
/// no text can end the string or start one of DOT's escapes (`\n`, `\N`, `\G`, ...).
pub fn dot(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in visible(text).chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out
}

/// Text for a Mermaid label in double quotes, quotes not included: [`visible`], then every
/// character Mermaid or the HTML it renders reads as markup written as an entity code
/// (`"` `#quot;`, `#` `#35;`, `&` `#amp;`, `<` `#lt;`, `>` `#gt;`, `` ` `` `#96;`), so that
/// no text can end the label, open a tag or start a Markdown string.
pub fn mermaid(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in visible(text).chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '&' => out.push_str("#amp;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '`' => out.push_str("#96;"),
            c => out.push(c),
        }
    }
    out
}

/// Text for XML on one line (an SVG label, any double-quoted attribute): [`visible`] (XML
/// 1.0 allows no C0 control but tab and line breaks, and an attribute turns a line break
/// into a space), then the five markup characters as entities.
pub fn xml(text: &str) -> String {
    xml_markup(&visible(text))
}

/// [`xml`] for an element's text of several lines: line breaks kept.
pub fn xml_lines(text: &str) -> String {
    xml_markup(&visible_lines(text))
}

fn xml_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// `U+200B`, for messages about one character.
pub fn code_point(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed_unchanged() {
        assert!(matches!(
            visible("Lula da Silva – “quoted”"),
            Cow::Borrowed(_)
        ));
        assert!(matches!(same_length("a\r\nb\tc"), Cow::Borrowed(_)));
    }

    #[test]
    fn every_kind_of_hidden_character_is_escaped() {
        assert_eq!(visible("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(visible("x\ry\nz\t"), "x\\u{d}y\\nz\\t");
        assert_eq!(visible("\u{7f}\u{85}\u{9b}"), "\\u{7f}\\u{85}\\u{9b}");
        assert_eq!(visible("\u{202e}evil\u{2066}"), "\\u{202e}evil\\u{2066}");
        assert_eq!(
            visible("\u{200b}\u{200c}\u{200d}\u{2060}\u{feff}"),
            "\\u{200b}\\u{200c}\\u{200d}\\u{2060}\\u{feff}"
        );
        assert_eq!(visible_lines("a\nb\u{1b}"), "a\nb\\u{1b}");
    }

    #[test]
    fn quoted_uses_the_language_escapes() {
        assert_eq!(
            quoted("say \"hi\"\\\n\t\u{1b}"),
            r#""say \"hi\"\\\n\t\u{1b}""#
        );
        assert_eq!(quoted("é→"), "\"é→\"");
    }

    #[test]
    fn tap_descriptions_cannot_start_a_directive_or_a_line() {
        assert_eq!(tap_description("x # TODO\nok 2"), "x \\# TODO\\nok 2");
        assert_eq!(tap_description("a\\b"), "a\\\\b");
    }

    #[test]
    fn same_length_keeps_every_offset() {
        let text = "a\u{1b}b\u{85}c\u{202e}d\re\r\nf\u{feff}";
        let shown = same_length(text);
        assert_eq!(shown.len(), text.len());
        assert_eq!(shown.chars().count(), text.chars().count());
        assert_eq!(shown, "a?b¿c\u{fffd}d?e\r\nf\u{fffd}");
        assert!(!shown.chars().any(|c| is_hidden(c) && !"\r\n".contains(c)));
    }
}
