//! `check`'s diagnostics as an editor shows them: a file, a byte range, the same code,
//! message and help, the other labels as related places, and the fix a "did you mean"
//! names.

use std::ops::Range;

use miette::{Diagnostic as _, LabeledSpan, SourceCode};

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Severity {
    /// Stops a run.
    Error,
    /// Reported, the run goes on.
    Warning,
    /// For information.
    Note,
}

/// A place in a file of the workspace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    /// The file, as the workspace names it.
    pub file: String,
    /// A byte range in its text.
    pub range: Range<usize>,
}

/// A replacement that fixes a diagnostic: its "did you mean".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    /// What the editor offers, e.g. "replace with `likely`".
    pub title: String,
    /// The range replaced.
    pub range: Range<usize>,
    /// The new text.
    pub text: String,
}

/// One diagnostic in one file.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    /// Where (the primary label's range).
    pub range: Range<usize>,
    /// Error, warning or note.
    pub severity: Severity,
    /// The code, e.g. `augur::check::unknown_scenario`.
    pub code: Option<String>,
    /// The message, as `augur check` prints it.
    pub message: String,
    /// The help line.
    pub help: Option<String>,
    /// The other labels: where and what they say.
    pub related: Vec<(Place, String)>,
    /// The fix its "did you mean" names.
    pub fix: Option<Fix>,
}

/// Converts one of the library's diagnostics. `file_of` maps the name a diagnostic's
/// source carries to the workspace's name for that file; a diagnostic without a label is
/// placed at the start of `fallback`.
pub fn convert(
    error: &crate::Error,
    file_of: &dyn Fn(&str) -> Option<String>,
    fallback: &str,
) -> (String, Diagnostic) {
    let labels: Vec<LabeledSpan> = error.labels().map(Iterator::collect).unwrap_or_default();
    let source = error.source_code();
    let name_of = |label: &LabeledSpan| -> Option<String> {
        let source: &dyn SourceCode = source?;
        let contents = source.read_span(label.inner(), 0, 0).ok()?;
        file_of(contents.name()?)
    };
    let primary = labels
        .iter()
        .find(|l| l.primary())
        .or_else(|| labels.first());
    let range_of = |l: &LabeledSpan| l.offset()..l.offset() + l.len();
    let (file, range) = match primary.and_then(|l| Some((name_of(l)?, range_of(l)))) {
        Some(at) => at,
        None => (fallback.to_owned(), 0..0),
    };
    let related = labels
        .iter()
        .filter(|l| Some(*l) != primary)
        .filter_map(|l| {
            let place = Place {
                file: name_of(l)?,
                range: range_of(l),
            };
            Some((place, l.label().unwrap_or("here").to_owned()))
        })
        .collect();
    let help = error.help().map(|h| h.to_string());
    let fix = primary
        .and_then(|l| l.label())
        .and_then(suggestion)
        .or_else(|| help.as_deref().and_then(suggestion))
        .map(|text| Fix {
            title: format!("replace with `{text}`"),
            range: range.clone(),
            text: text.to_owned(),
        });
    let severity = match error.severity() {
        None | Some(miette::Severity::Error) => Severity::Error,
        Some(miette::Severity::Warning) => Severity::Warning,
        Some(miette::Severity::Advice) => Severity::Note,
    };
    let diagnostic = Diagnostic {
        range,
        severity,
        code: error.code().map(|c| c.to_string()),
        message: error.to_string(),
        help,
        related,
        fix,
    };
    (file, diagnostic)
}

/// The text of "did you mean `X`?" in a label or help line.
fn suggestion(text: &str) -> Option<&str> {
    let rest = &text[text.find("did you mean `")? + "did you mean `".len()..];
    let end = rest.find("`?")?;
    Some(&rest[..end]).filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_suggestion_is_read_from_did_you_mean() {
        assert_eq!(suggestion("did you mean `likely`?"), Some("likely"));
        assert_eq!(
            suggestion("did you mean `us leaves x`? that atom can hold"),
            Some("us leaves x")
        );
        assert_eq!(suggestion("declared scenarios: a, b"), None);
        assert_eq!(suggestion("did you mean ``?"), None);
    }
}
