//! Between the protocol's types and the library's: URIs and paths, positions and byte
//! offsets, and each answer of `augur::ide` as the protocol writes it.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use augur::ide::lines::{Columns, LineIndex, Position};
use augur::ide::{self, CompletionKind, NameKind};
use lsp_types as lsp;

/// The path a `file:` URI names (percent-decoded); none for another scheme.
pub fn path_of(uri: &lsp::Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    // `file://host/path`: only the local host (empty or `localhost`) is ours.
    let rest = rest.strip_prefix("localhost").unwrap_or(rest);
    if !rest.starts_with('/') {
        return None;
    }
    let bytes = rest.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied(),
            bytes.get(i + 2).copied(),
        ) {
            (b'%', Some(h), Some(l)) if hex(h).is_some() && hex(l).is_some() => {
                let value = hex(h).unwrap_or(0) * 16 + hex(l).unwrap_or(0);
                out.push(u8::try_from(value).unwrap_or(b'?'));
                i += 3;
            }
            (b'?' | b'#', ..) => break,
            (b, ..) => {
                out.push(b);
                i += 1;
            }
        }
    }
    let text = String::from_utf8(out).ok()?;
    Some(PathBuf::from(text))
}

/// The `file:` URI of a path, every byte but the unreserved ones and `/` percent-encoded.
pub fn uri_of(path: &Path) -> Option<lsp::Uri> {
    let mut out = String::from("file://");
    for &b in path.to_str()?.as_bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    lsp::Uri::from_str(&out).ok()
}

/// Positions in one text.
pub struct Text<'a> {
    text: &'a str,
    index: LineIndex,
}

impl<'a> Text<'a> {
    pub fn new(text: &'a str, columns: Columns) -> Self {
        Text {
            text,
            index: LineIndex::new(text, columns),
        }
    }

    pub fn offset(&self, p: lsp::Position) -> usize {
        let position = Position {
            line: p.line,
            column: p.character,
        };
        self.index.offset(self.text, position)
    }

    pub fn position(&self, offset: usize) -> lsp::Position {
        let p = self.index.position(self.text, offset);
        lsp::Position::new(p.line, p.column)
    }

    pub fn range(&self, range: &std::ops::Range<usize>) -> lsp::Range {
        lsp::Range::new(self.position(range.start), self.position(range.end))
    }

    pub fn whole(&self) -> lsp::Range {
        self.range(&(0..self.text.len()))
    }
}

/// A position of the protocol as the library's.
pub fn position(p: lsp::Position) -> Position {
    Position {
        line: p.line,
        column: p.character,
    }
}

pub fn severity(s: ide::Severity) -> lsp::DiagnosticSeverity {
    match s {
        ide::Severity::Error => lsp::DiagnosticSeverity::ERROR,
        ide::Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        ide::Severity::Note => lsp::DiagnosticSeverity::INFORMATION,
    }
}

/// A diagnostic: the message with its help on a line of its own, as `check` prints them;
/// the other labels as related places (in the files `locate` finds).
pub fn diagnostic(
    d: &ide::Diagnostic,
    text: &Text<'_>,
    locate: &dyn Fn(&ide::Place) -> Option<lsp::Location>,
) -> lsp::Diagnostic {
    let message = match &d.help {
        Some(help) => format!("{}\nhelp: {help}", d.message),
        None => d.message.clone(),
    };
    let related: Vec<lsp::DiagnosticRelatedInformation> = d
        .related
        .iter()
        .filter_map(|(place, label)| {
            Some(lsp::DiagnosticRelatedInformation {
                location: locate(place)?,
                message: label.clone(),
            })
        })
        .collect();
    lsp::Diagnostic {
        range: text.range(&d.range),
        severity: Some(severity(d.severity)),
        code: d.code.clone().map(lsp::NumberOrString::String),
        code_description: None,
        source: Some("augur".to_owned()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

pub fn completion(c: ide::Completion) -> lsp::CompletionItem {
    let (kind, detail) = match c.kind {
        CompletionKind::Keyword => (lsp::CompletionItemKind::KEYWORD, "keyword"),
        CompletionKind::Likelihood => (lsp::CompletionItemKind::ENUM_MEMBER, "likelihood"),
        CompletionKind::Predicate => (lsp::CompletionItemKind::FUNCTION, "predicate"),
        CompletionKind::Constant => (lsp::CompletionItemKind::CONSTANT, "constant"),
        CompletionKind::Scenario => (lsp::CompletionItemKind::MODULE, "scenario"),
        CompletionKind::Document => (lsp::CompletionItemKind::FILE, "document"),
        CompletionKind::Conflict => (lsp::CompletionItemKind::EVENT, "conflict"),
    };
    lsp::CompletionItem {
        label: c.label,
        kind: Some(kind),
        detail: Some(detail.to_owned()),
        ..lsp::CompletionItem::default()
    }
}

#[allow(deprecated)] // `DocumentSymbol::deprecated` must be written, as `None`.
pub fn symbol(s: ide::Symbol, text: &Text<'_>) -> lsp::DocumentSymbol {
    let kind = match s.kind {
        NameKind::Document => lsp::SymbolKind::FILE,
        NameKind::Rule => lsp::SymbolKind::FUNCTION,
        NameKind::Conflict => lsp::SymbolKind::EVENT,
        NameKind::Scenario => lsp::SymbolKind::MODULE,
        NameKind::Test => lsp::SymbolKind::METHOD,
    };
    lsp::DocumentSymbol {
        name: s.name,
        detail: Some(s.keyword.to_owned()),
        kind,
        tags: None,
        deprecated: None,
        range: text.range(&s.range),
        selection_range: text.range(&s.name_range),
        children: None,
    }
}

/// Edits of several files, in the order given (files in order of first edit).
pub fn workspace_edit(edits: Vec<(lsp::Uri, lsp::TextEdit)>) -> lsp::WorkspaceEdit {
    let mut files: Vec<lsp::TextDocumentEdit> = Vec::new();
    for (uri, edit) in edits {
        let edit = lsp::OneOf::Left(edit);
        match files.iter_mut().find(|f| f.text_document.uri == uri) {
            Some(file) => file.edits.push(edit),
            None => files.push(lsp::TextDocumentEdit {
                text_document: lsp::OptionalVersionedTextDocumentIdentifier { uri, version: None },
                edits: vec![edit],
            }),
        }
    }
    lsp::WorkspaceEdit {
        changes: None,
        document_changes: Some(lsp::DocumentChanges::Edits(files)),
        change_annotations: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_and_paths_round_trip() {
        for path in ["/tmp/a.augur", "/tmp/with space/é#%.augur"] {
            let uri = uri_of(Path::new(path));
            let back = uri.as_ref().and_then(path_of);
            assert_eq!(back.as_deref(), Some(Path::new(path)), "{uri:?}");
        }
        let other = lsp::Uri::from_str("untitled:Untitled-1").ok();
        assert_eq!(other.as_ref().and_then(path_of), None);
    }
}
