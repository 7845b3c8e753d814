//! The characters names may hold, and the ones no source may hold raw.
//!
//! Names are ASCII (`[a-z_][a-z0-9_]*`): no two of them can differ by an invisible
//! character or look alike in different scripts, so a rule never silently misses an atom
//! because `argentina` was typed with a Cyrillic `а`. A character outside that set where a
//! name goes is an error that says what it is and, for a lookalike, which ASCII letter it
//! imitates. Bidi controls (embeddings, overrides, isolates) are refused anywhere in the
//! text, comments and strings included, as rustc does: they make an editor show the text in
//! another order than the parser reads it ("Trojan Source", CVE-2021-42574). A string that
//! needs one spells it `\u{202e}`.

use crate::escape::{code_point, is_bidi_control, is_hidden};

/// The ASCII letter a common lookalike imitates: Cyrillic and Greek letters drawn like
/// Latin ones, fullwidth forms, dotless i.
pub fn ascii_lookalike(c: char) -> Option<char> {
    Some(match c {
        'а' | 'α' | 'ａ' => 'a',
        'с' | 'ϲ' => 'c',
        'ԁ' => 'd',
        'е' | 'ε' => 'e',
        'һ' => 'h',
        'і' | 'ι' | 'ı' => 'i',
        'ј' => 'j',
        'κ' | 'к' => 'k',
        'ӏ' => 'l',
        'о' | 'ο' | 'σ' => 'o',
        'р' | 'ρ' => 'p',
        'ԛ' => 'q',
        'ѕ' => 's',
        'τ' | 'т' => 't',
        'υ' => 'u',
        'ν' => 'v',
        'ԝ' | 'ѡ' => 'w',
        'х' | 'χ' => 'x',
        'у' | 'γ' => 'y',
        '\u{ff41}'..='\u{ff5a}' => char::from_u32(u32::from(c) - 0xff41 + u32::from('a'))?,
        _ => return None,
    })
}

/// What the character starting `token` is, when it is one no name may hold: a bidi
/// control, another hidden character, or a non-ASCII letter or digit.
pub fn foreign(token: &str) -> Option<Foreign> {
    let c = token.chars().next()?;
    if is_bidi_control(c) {
        Some(Foreign::Bidi(c))
    } else if is_hidden(c) && !matches!(c, ' ' | '\t' | '\r' | '\n') {
        Some(Foreign::Hidden(c))
    } else if !c.is_ascii() && c.is_alphanumeric() {
        Some(Foreign::Letter(c))
    } else {
        None
    }
}

/// A character that cannot be part of the program's text where it was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Foreign {
    /// A bidi embedding, override or isolate.
    Bidi(char),
    /// A control, zero-width or other invisible character.
    Hidden(char),
    /// A letter or digit outside ASCII.
    Letter(char),
}

impl Foreign {
    /// How a label names it: `U+200B`, or the letter and its code point.
    pub fn describe(self) -> String {
        match self {
            Foreign::Bidi(c) => format!("the bidi control {}", code_point(c)),
            Foreign::Hidden(c) => format!("the invisible character {}", code_point(c)),
            Foreign::Letter(c) => format!("`{c}` ({})", code_point(c)),
        }
    }

    /// The hint, given the token that starts with it.
    pub fn help(self, token: &str) -> String {
        const NAMES: &str = "names are ASCII letters, digits and `_`";
        match self {
            Foreign::Bidi(c) => format!(
                "{} reorders how the text around it is displayed, so the file would read differently from how it looks; delete it (in a string, write it as `\\u{{{:x}}}`)",
                code_point(c),
                u32::from(c)
            ),
            Foreign::Hidden(c) => format!(
                "{} cannot be seen, so two names could look the same and differ; delete it ({NAMES}; a string may spell it `\\u{{{:x}}}`)",
                code_point(c),
                u32::from(c)
            ),
            Foreign::Letter(c) => {
                let word: String = token
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                let ascii: Option<String> = word
                    .chars()
                    .map(|c| {
                        if c.is_ascii() {
                            Some(c)
                        } else {
                            ascii_lookalike(c)
                        }
                    })
                    .collect();
                match (ascii_lookalike(c), ascii) {
                    (Some(like), Some(ascii)) => format!(
                        "`{c}` looks like `{like}` but is not ASCII; {NAMES}, so no two names can look alike: write `{}`",
                        ascii.to_lowercase()
                    ),
                    _ => format!(
                        "{NAMES}, so no two names can look alike; quote other text as a string (`\"{word}\"`)"
                    ),
                }
            }
        }
    }
}

/// The byte offset of every bidi control in `text`, where it may stand (comments and
/// strings included). Bidi controls are three bytes starting `E2`, so only those bytes are
/// decoded.
pub fn bidi_controls(text: &str) -> Vec<(usize, char)> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(i) = bytes[from..].iter().position(|&b| b == 0xe2) {
        let at = from + i;
        if let Some(c) = text.get(at..).and_then(|s| s.chars().next())
            && is_bidi_control(c)
        {
            found.push((at, c));
        }
        from = at + 1;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookalikes_map_to_the_letter_they_imitate() {
        assert_eq!(ascii_lookalike('а'), Some('a'));
        assert_eq!(ascii_lookalike('ｚ'), Some('z'));
        assert_eq!(ascii_lookalike('é'), None);
        let help = Foreign::Letter('а').help("аrgentinа p");
        assert!(help.contains("write `argentina`"), "{help}");
        let help = Foreign::Letter('é').help("été p");
        assert!(help.contains("(`\"été\"`)"), "{help}");
    }

    #[test]
    fn what_is_foreign_to_a_name() {
        assert_eq!(foreign("\u{202e}x"), Some(Foreign::Bidi('\u{202e}')));
        assert_eq!(foreign("\u{200b}"), Some(Foreign::Hidden('\u{200b}')));
        assert_eq!(foreign("\u{1b}"), Some(Foreign::Hidden('\u{1b}')));
        assert_eq!(foreign("ñ"), Some(Foreign::Letter('ñ')));
        assert_eq!(foreign("a"), None);
        assert_eq!(foreign("→"), None);
    }

    #[test]
    fn bidi_controls_are_found_anywhere() {
        let text = "# \u{202e} x\nfact \"\u{2066}\" p → q \u{200b}";
        assert_eq!(bidi_controls(text), [(2, '\u{202e}'), (14, '\u{2066}')]);
    }
}
