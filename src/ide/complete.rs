//! Completion: the words that can be written at a cursor, narrowed by the word before it
//! (`cite` wants a document, `extends` and `in` a scenario, `expect conflict` a conflict)
//! and by the part of the word already typed.

use std::collections::BTreeSet;

use super::Workspace;
use super::index::NameKind;
use crate::likelihood::Likelihood;
use crate::syntax::keywords::{CONNECTIVES, ITEM_STARTS};

/// What a completion is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum CompletionKind {
    /// A keyword.
    Keyword,
    /// A likelihood word.
    Likelihood,
    /// A predicate used somewhere in the workspace.
    Predicate,
    /// A constant used somewhere in the workspace.
    Constant,
    /// A declared scenario.
    Scenario,
    /// A declared document.
    Document,
    /// A declared conflict or tension.
    Conflict,
}

/// One word to offer.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Completion {
    /// What it is.
    pub kind: CompletionKind,
    /// The word.
    pub label: String,
}

/// Whether a byte is part of a name.
fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

impl Workspace {
    /// The words that can be written at `offset` in `file`, starting with what is typed
    /// there already: kind first, then the word.
    pub fn completions(&self, file: &str, offset: usize) -> Vec<Completion> {
        let Some(text) = self.text(file) else {
            return Vec::new();
        };
        let bytes = text.as_bytes();
        // An offset inside a character (or past the end) means the character's start.
        let mut offset = offset.min(bytes.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let mut start = offset;
        while start > 0 && is_word(bytes[start - 1]) {
            start -= 1;
        }
        let typed = &text[start..offset];
        let before = text[..start].trim_end();
        let previous = before
            .rsplit(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .next()
            .unwrap_or("");
        let wanted: &[CompletionKind] = match previous {
            "cite" => &[CompletionKind::Document],
            "extends" | "in" => &[CompletionKind::Scenario],
            "conflict" | "tension" if is_expect(before) => &[CompletionKind::Conflict],
            _ => &[
                CompletionKind::Keyword,
                CompletionKind::Likelihood,
                CompletionKind::Predicate,
                CompletionKind::Constant,
                CompletionKind::Scenario,
                CompletionKind::Document,
            ],
        };
        let mut out: BTreeSet<Completion> = BTreeSet::new();
        let mut add = |kind: CompletionKind, label: &str| {
            if wanted.contains(&kind) && label.starts_with(typed) && label != typed {
                out.insert(Completion {
                    kind,
                    label: label.to_owned(),
                });
            }
        };
        for k in ITEM_STARTS.iter().chain(&CONNECTIVES) {
            add(CompletionKind::Keyword, k);
        }
        for l in Likelihood::ALL {
            add(CompletionKind::Likelihood, l.keyword());
        }
        for (_, index) in self.indexes() {
            for a in &index.atoms {
                add(CompletionKind::Predicate, &a.predicate);
            }
            for c in &index.constants {
                add(CompletionKind::Constant, c);
            }
            for d in &index.defs {
                let kind = match d.kind {
                    NameKind::Scenario => CompletionKind::Scenario,
                    NameKind::Document => CompletionKind::Document,
                    NameKind::Conflict => CompletionKind::Conflict,
                    NameKind::Rule | NameKind::Test => continue,
                };
                add(kind, &d.name);
            }
        }
        out.into_iter().collect()
    }
}

/// Whether the line before ends in `expect [not] conflict` or `tension`.
fn is_expect(before: &str) -> bool {
    let words: Vec<&str> = before.split_whitespace().rev().take(3).collect();
    matches!(words.as_slice(), [_, "expect", ..] | [_, "not", "expect"])
}
