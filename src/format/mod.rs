//! `augur fmt`: the one canonical layout of rule files (docs/LANGUAGE.md, "Layout").
//!
//! A file is parsed first; one with a syntax error is not formatted. Its tokens, comments
//! included, are then read again by a small lexer of the formatter's own (`tokens`), so the
//! parser keeps no trivia and costs the same with or without `fmt`. The syntax tree decides
//! the layout (`layout`); the tokens supply the text, byte for byte; comments and blank
//! lines are placed by position (`trivia`). Before anything is returned the result is
//! parsed again and its tokens compared with the input's: the same code tokens (up to the
//! two spellings of a separator and the brackets of a likelihood) and the same comments, or
//! the file is refused as a bug, never written.

pub mod files;
mod layout;
mod tokens;
mod trivia;

use miette::Diagnostic;
use thiserror::Error;

use crate::source::{FileId, SourceFile};
use crate::syntax;
use crate::{Error, Problems};
use tokens::{Kind, Token};

/// What the formatter refuses, other than a file that does not parse.
#[derive(Debug, Error, Diagnostic)]
pub enum FormatError {
    /// The layout would not reproduce the file's tokens and comments: a bug in augur.
    #[error("augur fmt cannot format `{file}`: {reason}")]
    #[diagnostic(
        code(augur::fmt::internal),
        help("the file is left as it is; please report this with the file attached")
    )]
    Internal {
        /// The file.
        file: String,
        /// What went wrong, and where.
        reason: String,
    },
    /// A file that could not be written.
    #[error("cannot write `{path}`: {reason}")]
    #[diagnostic(
        code(augur::fmt::write),
        help("the file is left whole, as it was; fix the cause and run again")
    )]
    Write {
        /// The path.
        path: String,
        /// The operating system's reason.
        reason: String,
    },
}

/// Formats one rule file's text. Its syntax errors (and lines over `max_line_bytes`) are
/// returned instead, as `check` reports them.
pub fn format_source(file: &SourceFile, max_line_bytes: usize) -> Result<String, Problems> {
    let id = FileId(0);
    let mut errors: Vec<Error> = syntax::limits::long_lines(id, file, max_line_bytes)
        .into_iter()
        .map(Error::from)
        .collect();
    if errors.is_empty() {
        let (parsed, parse_errors) = syntax::parse_file(id, file);
        errors.extend(parse_errors.into_iter().map(Error::from));
        if errors.is_empty() {
            return format_parsed(file, parsed).map_err(|e| Problems::new(vec![e.into()]));
        }
    }
    Err(Problems::new(errors))
}

/// Formats the text of `file`, whose syntax tree is `parsed`: the tree is dropped once the
/// lines are laid out, and the tokens once they are written, before the result is parsed
/// again, so that at most one tree is held at a time.
fn format_parsed(file: &SourceFile, parsed: syntax::ast::File) -> Result<String, FormatError> {
    let text = &*file.text;
    let internal = |reason: String| FormatError::Internal {
        file: file.name.clone(),
        reason,
    };
    let all = tokens::lex(text).map_err(|at| internal(format!("no token at byte {at}")))?;
    let code_at: Vec<usize> = (0..all.len())
        .filter(|&i| all[i].kind != Kind::Comment)
        .collect();
    let code: Vec<Token> = code_at.iter().map(|&i| all[i]).collect();
    let lines = layout::Writer::new(text, &code)
        .file(&parsed)
        .map_err(|m| internal(format!("expected {} at byte {}", m.expected, m.offset)))?;
    drop((parsed, code));
    let source = trivia::Source {
        text,
        all: &all,
        code_at: &code_at,
    };
    let mut out = String::new();
    if text.starts_with('\u{FEFF}') {
        out.push('\u{FEFF}');
    }
    out += &trivia::render(&source, &lines);
    drop((lines, all, code_at));
    same_tokens(text, &out).map_err(internal)?;
    Ok(out)
}

/// Whether `after` parses and holds the tokens and comments of `before`, up to the
/// spelling of separators and the brackets of likelihoods.
fn same_tokens(before: &str, after: &str) -> Result<(), String> {
    let (_, errors) = syntax::parse_file(FileId(0), &SourceFile::new("<formatted>", after));
    if let Some(e) = errors.first() {
        return Err(format!("the result would not parse: {}", e.message));
    }
    // Code tokens and comments are compared apart: a comment may move past code (one from
    // inside a line the layout joins goes after it).
    fn split(text: &str) -> Result<(Vec<&str>, Vec<&str>), String> {
        let tokens = tokens::lex(text).map_err(|at| format!("no token at byte {at}"))?;
        let (mut code, mut comments) = (Vec::new(), Vec::new());
        for t in tokens {
            match t.text(text) {
                "[" | "]" => {}
                "," | "and" => code.push(","),
                s if t.kind == Kind::Comment => comments.push(s.trim_end()),
                s => code.push(s),
            }
        }
        Ok((code, comments))
    }
    let (before, after) = (split(before)?, split(after)?);
    for (b, a) in [(&before.0, &after.0), (&before.1, &after.1)] {
        match b.iter().zip(a).position(|(x, y)| x != y) {
            Some(i) => return Err(format!("`{}` would become `{}`", b[i], a[i])),
            None if b.len() != a.len() => {
                return Err("tokens or comments would be lost or added".to_owned());
            }
            None => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
