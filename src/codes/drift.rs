//! Keeps the table of codes equal to what the source emits: every code a diagnostic of
//! `src/` can carry is explained, and every explained code is carried by some diagnostic.

use std::collections::BTreeSet;
use std::path::Path;

/// Every `.rs` file under `dir`, with its text.
fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            out.push((path.display().to_string(), text));
        }
    }
}

/// The code that starts `text` (`augur::a::b`), if a whole one does (not `augur::syntax::{}`).
fn code_at(text: &str) -> Option<&str> {
    let end = text
        .find(|c: char| !(c.is_ascii_lowercase() || c == '_' || c == ':'))
        .unwrap_or(text.len());
    let code = &text[..end];
    (code.len() > "augur::".len() && !code.ends_with(':')).then_some(code)
}

/// The codes of the syntax errors: `augur::syntax::` and each name `SyntaxKind::code` returns.
fn syntax_codes(text: &str) -> Vec<String> {
    let start = text
        .find("pub fn code(&self) -> &'static str {")
        .expect("src/syntax/error.rs names its codes in `SyntaxKind::code`");
    let body = &text[start..];
    let body = &body[..body.find("\n    }\n").unwrap_or(body.len())];
    body.split("=> \"")
        .skip(1)
        .filter_map(|arm| arm.split('"').next())
        .map(|name| format!("augur::syntax::{name}"))
        .collect()
}

/// Every code that a diagnostic under `src/` carries: `#[diagnostic(code(augur::...))]`,
/// a code written as a string (`Diagnostic::code` by hand), and the syntax codes.
fn emitted() -> BTreeSet<String> {
    let mut files = Vec::new();
    sources(Path::new("src"), &mut files);
    let mut codes = BTreeSet::new();
    for (path, text) in &files {
        if path.contains("codes") || path.ends_with("tests.rs") {
            continue;
        }
        for marker in ["code(augur::", "\"augur::"] {
            for (at, _) in text.match_indices(marker) {
                let rest = &text[at + marker.len() - "augur::".len()..];
                if let Some(code) = code_at(rest) {
                    codes.insert(code.to_owned());
                }
            }
        }
        if path.ends_with("syntax/error.rs") {
            codes.extend(syntax_codes(text));
        }
    }
    codes
}

#[test]
fn every_emitted_code_is_explained() {
    let emitted = emitted();
    assert!(emitted.len() > 100, "the scan found only {emitted:?}");
    let missing: Vec<_> = emitted
        .iter()
        .filter(|c| super::all().all(|known| known.code != c.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "codes emitted in src/ but not in src/codes: {missing:?}"
    );
}

#[test]
fn every_explained_code_is_emitted() {
    let emitted = emitted();
    let dead: Vec<_> = super::all()
        .map(|c| c.code)
        .filter(|c| !emitted.contains(*c))
        .collect();
    assert!(
        dead.is_empty(),
        "codes in src/codes that nothing in src/ emits: {dead:?}"
    );
}
