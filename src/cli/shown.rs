//! A diagnostic as a terminal may see it: its message, labels and help with every hidden
//! character escaped ([`augur::escape`]), whatever text of the user's they quote (a test
//! name, a string constant, a passage of a document, a path from the command line). The
//! source snippet is already safe: [`augur::source::SourceFile::named_source`] hands miette
//! a copy of the text with those characters replaced.

use std::fmt;

use miette::{Diagnostic, LabeledSpan, Severity, SourceCode};

use augur::escape;

/// `inner` with its words made safe; its related diagnostics likewise, made up front since
/// miette borrows them from this value.
pub struct Shown<'a> {
    inner: &'a dyn Diagnostic,
    message: String,
    help: Option<String>,
    related: Vec<Shown<'a>>,
}

impl<'a> Shown<'a> {
    /// Wraps `inner` and, one level at a time, what it relates (the tree is at most a
    /// report of diagnostics: its depth is ours, not the input's).
    pub fn new(inner: &'a dyn Diagnostic) -> Self {
        Shown {
            inner,
            message: escape::visible(&inner.to_string()).into_owned(),
            help: inner
                .help()
                .map(|h| escape::visible_lines(&h.to_string()).into_owned()),
            related: inner
                .related()
                .into_iter()
                .flatten()
                .map(Shown::new)
                .collect(),
        }
    }
}

impl fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Shown<'_> {}

impl Diagnostic for Shown<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.inner.code()
    }

    fn severity(&self) -> Option<Severity> {
        self.inner.severity()
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn url<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.inner.url()
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.inner.source_code()
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let labels = self.inner.labels()?;
        Some(Box::new(labels.map(|l| {
            let text = l.label().map(|t| escape::visible(t).into_owned());
            if l.primary() {
                LabeledSpan::new_primary_with_span(text, *l.inner())
            } else {
                LabeledSpan::new_with_span(text, *l.inner())
            }
        })))
    }

    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn Diagnostic> + 'b>> {
        if self.related.is_empty() {
            return None;
        }
        Some(Box::new(self.related.iter().map(|r| r as &dyn Diagnostic)))
    }
}
