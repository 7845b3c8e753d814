//! Diagnostics as JSON: miette's JSON shape, with each label's file, line and column (both
//! from 1, the column in characters) beside its byte span, so that a tool need not read
//! the file to place it.

use miette::{Diagnostic, Severity, SourceCode, SourceSpan};
use serde::Serialize;

#[derive(Serialize)]
struct Report {
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    code: Option<String>,
    severity: &'static str,
    causes: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<String>,
    filename: String,
    labels: Vec<Label>,
    related: Vec<Report>,
}

#[derive(Serialize)]
struct Label {
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<String>,
    span: Span,
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
}

#[derive(Serialize)]
struct Span {
    offset: usize,
    length: usize,
}

/// `diagnostic` as one line of JSON.
pub fn render(diagnostic: &dyn Diagnostic) -> String {
    serde_json::to_string(&report(diagnostic, None))
        .unwrap_or_else(|e| serde_json::json!({ "message": e.to_string() }).to_string())
}

fn report(d: &dyn Diagnostic, parent_src: Option<&dyn SourceCode>) -> Report {
    let src = d.source_code().or(parent_src);
    let labels: Vec<Label> = d
        .labels()
        .into_iter()
        .flatten()
        .map(|l| {
            let place = src.and_then(|s| place(s, l.inner()));
            let (file, line, column) = match place {
                Some((f, l, c)) => (f, Some(l), Some(c)),
                None => (None, None, None),
            };
            Label {
                label: l.label().map(str::to_owned),
                span: Span {
                    offset: l.offset(),
                    length: l.len(),
                },
                file,
                line,
                column,
            }
        })
        .collect();
    let causes = std::iter::successors(d.source(), |e| e.source())
        .map(ToString::to_string)
        .collect();
    Report {
        message: d.to_string(),
        code: d.code().map(|c| c.to_string()),
        severity: match d.severity() {
            Some(Severity::Error) | None => "error",
            Some(Severity::Warning) => "warning",
            Some(Severity::Advice) => "advice",
        },
        causes,
        url: d.url().map(|u| u.to_string()),
        help: d.help().map(|h| h.to_string()),
        filename: labels
            .first()
            .and_then(|l| l.file.clone())
            .unwrap_or_default(),
        labels,
        related: d
            .related()
            .into_iter()
            .flatten()
            .map(|r| report(r, src))
            .collect(),
    }
}

/// The file name, line and column (from 1, in characters) where `span` starts.
fn place(src: &dyn SourceCode, span: &SourceSpan) -> Option<(Option<String>, usize, usize)> {
    let at = src
        .read_span(&SourceSpan::from((span.offset(), 0)), 0, 0)
        .ok()?;
    let byte_column = at.column();
    let before = src
        .read_span(
            &SourceSpan::from((span.offset() - byte_column, byte_column)),
            0,
            0,
        )
        .ok()?;
    let column = std::str::from_utf8(before.data()).map_or(byte_column, |s| s.chars().count()) + 1;
    Some((at.name().map(str::to_owned), at.line() + 1, column))
}
