//! Editor support with no protocol in it: a [`Workspace`] of rule files held as texts,
//! and the questions an editor asks of it (diagnostics, hover, definition, references,
//! completion, symbols, rename, fixes, formatting), each a function of the texts and a
//! byte offset. Nothing here reads files, except to verify quotes against a document's
//! text when asked to ([`Workspace::verify_quotes`]), nor prints; `augur lsp` speaks the
//! protocol over it.
//!
//! What an edit costs: a changed text is parsed again and indexed (its names, atoms and
//! likelihood words) at once; the other files keep their index. The workspace as a whole
//! is checked again (the checker is whole-program: names, arities and what can hold span
//! files) at the first question that needs it after a change, and the scenarios are run
//! at the first hover that shows likelihoods. A question with nothing changed reads what
//! is kept.
//!
//! ```
//! use augur::ide::Workspace;
//!
//! let mut ws = Workspace::default();
//! ws.set_text("a.augur", "fact us leaves x\nrule r: us leaves x implies x falls likely\n");
//! let text = "fact us leaves x\nrule r: us leaves x implies x falls likely\n";
//! let hover = ws.hover("a.augur", text.find("falls").unwrap()).unwrap();
//! assert!(hover.markdown.contains("`r`"));
//! assert!(ws.diagnostics("a.augur").is_empty());
//! ```

mod check;
mod complete;
pub mod diagnostics;
mod hover;
pub mod index;
pub mod lines;
mod navigate;

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

pub use complete::{Completion, CompletionKind};
pub use diagnostics::{Diagnostic, Fix, Place, Severity};
pub use hover::Hover;
pub use index::NameKind;
pub use navigate::{RenameError, Symbol};

use crate::program::SourceOptions;

/// One file: its text and what it declares and mentions.
#[derive(Debug)]
struct Entry {
    text: Arc<str>,
    index: index::FileIndex,
}

/// The rule files an editor has open or a folder holds, checked together as one program.
#[derive(Debug, Default)]
pub struct Workspace {
    files: BTreeMap<String, Entry>,
    quotes: Option<SourceOptions>,
    checked: OnceLock<check::Checked>,
}

/// A replacement in a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    /// The file, as the workspace names it.
    pub file: String,
    /// The byte range replaced.
    pub range: Range<usize>,
    /// The new text.
    pub text: String,
}

impl Workspace {
    /// Verifies each `cite` against its document's text file when it is found (relative
    /// to the rule file's folder, then these options' folders), as `augur check` does.
    pub fn verify_quotes(&mut self, options: SourceOptions) {
        self.quotes = Some(options);
        self.checked = OnceLock::new();
    }

    /// Sets a file's text (adding the file). Returns whether the text changed: an
    /// unchanged text keeps everything known.
    pub fn set_text(&mut self, file: &str, text: &str) -> bool {
        if self.files.get(file).is_some_and(|e| &*e.text == text) {
            return false;
        }
        let entry = Entry {
            text: text.into(),
            index: index::FileIndex::new(text),
        };
        self.files.insert(file.to_owned(), entry);
        self.checked = OnceLock::new();
        true
    }

    /// Removes a file; returns whether it was there.
    pub fn remove(&mut self, file: &str) -> bool {
        let removed = self.files.remove(file).is_some();
        if removed {
            self.checked = OnceLock::new();
        }
        removed
    }

    /// The file's text.
    pub fn text(&self, file: &str) -> Option<&str> {
        self.files.get(file).map(|e| &*e.text)
    }

    /// The files, in name order.
    pub fn files(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    fn checked(&self) -> &check::Checked {
        self.checked.get_or_init(|| {
            let files = self.files.iter().map(|(n, e)| (n, &*e.text));
            check::Checked::new(files, self.quotes.as_ref())
        })
    }

    fn index(&self, file: &str) -> Option<&index::FileIndex> {
        self.files.get(file).map(|e| &e.index)
    }

    fn indexes(&self) -> impl Iterator<Item = (&str, &index::FileIndex)> {
        self.files.iter().map(|(n, e)| (n.as_str(), &e.index))
    }

    /// The file's diagnostics, as `augur check` reports them (with every file of the
    /// workspace checked together), in the order found.
    pub fn diagnostics(&self, file: &str) -> &[Diagnostic] {
        self.checked()
            .diagnostics
            .get(file)
            .map_or(&[], Vec::as_slice)
    }

    /// The fixes of the file's diagnostics whose range meets `range`.
    pub fn fixes(&self, file: &str, range: Range<usize>) -> Vec<(&Diagnostic, &Fix)> {
        self.diagnostics(file)
            .iter()
            .filter(|d| d.range.start <= range.end && range.start <= d.range.end)
            .filter_map(|d| Some((d, d.fix.as_ref()?)))
            .collect()
    }

    /// The file formatted by `augur fmt`; `None` when it does not parse.
    pub fn format(&self, file: &str) -> Option<String> {
        let text = self.text(file)?;
        let source = crate::source::SourceFile::new(file, text);
        crate::format::format_source(&source, crate::syntax::limits::DEFAULT_MAX_LINE_BYTES).ok()
    }
}

#[cfg(test)]
mod tests;
