//! Parse diagnostics: what was expected, the token found instead, and a hint.

use std::sync::Arc;

use miette::{Diagnostic, NamedSource, SourceSpan};
use thiserror::Error;

use super::keywords::{ITEM_STARTS, is_keyword};
use super::lexer::describe_next;
use crate::source::{SourceFile, Span};

/// A syntax error. Triggered by input such as `rule r { when a b c d }` (no `then`).
#[derive(Debug, Error, Diagnostic)]
#[error("{message}")]
#[diagnostic(code(augur::syntax::unexpected_token))]
pub struct ParseError {
    /// `expected ...` in words.
    pub message: String,
    /// The offending token.
    pub span: Span,
    #[label("found {found}")]
    label: SourceSpan,
    found: String,
    #[help]
    help: String,
    #[source_code]
    src: NamedSource<Arc<str>>,
}

impl ParseError {
    /// An error at byte `offset` of `file`, naming the token that starts there.
    pub fn new(
        file: &SourceFile,
        span_file: crate::source::FileId,
        offset: usize,
        message: String,
    ) -> Self {
        let offset = offset.min(file.text.len());
        let rest = file.text.get(offset..).unwrap_or("");
        let (len, found) = describe_next(rest);
        let token = &rest[..len];
        let help = hint(token, &message);
        let span = Span::new(span_file, offset, offset + len);
        ParseError {
            message,
            span,
            label: span.into(),
            found,
            help,
            src: file.named_source(),
        }
    }
}

/// The most useful hint for a token found where `message` says something else was expected.
fn hint(token: &str, message: &str) -> String {
    if ITEM_STARTS.contains(&token) {
        return format!("`{token}` starts a new declaration, so the one before it is incomplete");
    }
    if is_keyword(token) {
        return format!("`{token}` is a reserved word; it cannot name a thing or a predicate");
    }
    if token.chars().next().is_some_and(|c| c.is_ascii_uppercase()) {
        return "names are lowercase (`latin_america`); quote other text as a string (`\"Lula\"`)"
            .into();
    }
    let hints = [
        (
            "`then`",
            "a block rule reads `rule NAME { when PREMISES then CONCLUSIONS [LIKELIHOOD] [cite DOC \"quote\"] }`",
        ),
        (
            "`implies`",
            "a one-line rule reads `rule NAME: PREMISES implies CONCLUSIONS [LIKELIHOOD]`",
        ),
        (
            "likelihood",
            "the scale, lowest first: almost_no_chance very_unlikely unlikely even_chance likely very_likely almost_certain certain",
        ),
        (
            "atom",
            "an atom is `subject predicate`, `subject predicate object` or `predicate(a, b, ...)`",
        ),
        (
            "predicate",
            "an atom is `subject predicate`, `subject predicate object` or `predicate(a, b, ...)`",
        ),
        (
            "string",
            "strings are double-quoted on one line; escape `\"` and `\\` with a backslash",
        ),
        (
            "declaration",
            "every top-level item starts with a keyword, e.g. `fact`, `rule` or `scenario`",
        ),
    ];
    hints
        .iter()
        .find(|(key, _)| message.contains(key))
        .map_or_else(
            || "the grammar is in docs/LANGUAGE.md".into(),
            |(_, h)| (*h).into(),
        )
}
