//! Check diagnostics about documents' text files and the quotes cited from them.

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

use crate::source::NamedText;

/// A problem with a document's text file, or a quote not found in it (a
/// [`super::CheckError::Source`]).
#[derive(Debug, Error, Diagnostic)]
pub enum SourceCheck {
    /// `cite seed "words the article never wrote"` where `seed`'s file is found.
    #[error("quote not found in `{file}`: the citation does not match the text of `{document}`")]
    #[diagnostic(code(augur::check::quote_not_found), severity(Warning))]
    QuoteNotFound {
        /// The document.
        document: String,
        /// Its text file.
        file: String,
        /// The citation.
        #[label("not in the source text")]
        span: SourceSpan,
        /// The closest passage.
        #[help]
        help: String,
        /// The rule file.
        #[source_code]
        src: NamedText,
    },

    /// `document seed "T" file "missing.txt"` where no such file is found (a note unless
    /// `--require-sources`).
    #[error("cannot find `{file}`, the text of document `{document}`; its quotes are not verified")]
    #[diagnostic(code(augur::check::source_not_found), severity(Advice))]
    SourceNotFound {
        /// The document.
        document: String,
        /// The file named.
        file: String,
        /// The declaration.
        #[label("named here")]
        span: SourceSpan,
        /// Where it was looked for.
        #[help]
        help: String,
        /// The rule file.
        #[source_code]
        src: NamedText,
    },

    /// The same as [`SourceCheck::SourceNotFound`], under `--require-sources`.
    #[error("cannot find `{file}`, the text of document `{document}`")]
    #[diagnostic(code(augur::check::source_required))]
    SourceRequired {
        /// The document.
        document: String,
        /// The file named.
        file: String,
        /// The declaration.
        #[label("named here")]
        span: SourceSpan,
        /// Where it was looked for.
        #[help]
        help: String,
        /// The rule file.
        #[source_code]
        src: NamedText,
    },

    /// `document f "env" file "../secret.env"`, `file "/etc/passwd"`, or a symbolic link
    /// that leads out of the folder: a document's text is read only inside the rule file's
    /// folder and the `--sources` folders.
    #[error("the text file of document `{document}` is outside the folders augur reads: {why}")]
    #[diagnostic(code(augur::check::source_outside))]
    SourceOutside {
        /// The document.
        document: String,
        /// Why the path is refused.
        why: String,
        /// The quoted path.
        #[label("not inside the rule file's folder or a `--sources` folder")]
        span: SourceSpan,
        /// What to write instead.
        #[help]
        help: String,
        /// The rule file.
        #[source_code]
        src: NamedText,
    },

    /// `document d "T" file "pipe"` where `pipe` is a FIFO, a directory or a device.
    #[error("the text file of document `{document}`, `{found}`, is {kind}, not a regular file")]
    #[diagnostic(
        code(augur::check::source_not_a_file),
        help(
            "a document's text is read from a regular file; a FIFO or a device could block or never end"
        )
    )]
    SourceNotAFile {
        /// The document.
        document: String,
        /// The path found.
        found: String,
        /// What it is instead.
        kind: &'static str,
        /// The quoted path.
        #[label("{kind}")]
        span: SourceSpan,
        /// The rule file.
        #[source_code]
        src: NamedText,
    },

    /// `document d "T" file "huge.txt"` of more bytes than `--max-document-size`.
    #[error(
        "the text file of document `{document}`, `{found}`, is larger than the limit of {limit} bytes"
    )]
    #[diagnostic(code(augur::check::source_too_large))]
    SourceTooLarge {
        /// The document.
        document: String,
        /// The path found.
        found: String,
        /// The limit in bytes.
        limit: u64,
        /// The quoted path.
        #[label("{size} bytes")]
        span: SourceSpan,
        /// Its size, or "at least" when it grew while read.
        size: String,
        /// The flag that raises the limit.
        #[help]
        help: String,
        /// The rule file.
        #[source_code]
        src: NamedText,
    },

    /// `document d "T" file "t.txt"` where `t.txt` cannot be read or is not UTF-8.
    #[error("cannot read `{found}`, the text of document `{document}`: {reason}")]
    #[diagnostic(
        code(augur::check::source_unreadable),
        help("a document's text is a UTF-8 text file that augur may read")
    )]
    SourceUnreadable {
        /// The document.
        document: String,
        /// The path found.
        found: String,
        /// Why it cannot be read.
        reason: String,
        /// The quoted path.
        #[label("cannot be read")]
        span: SourceSpan,
        /// The rule file.
        #[source_code]
        src: NamedText,
    },

    /// `document d "T"` with no `file`, cited, under `--require-sources`.
    #[error(
        "document `{document}` is cited but names no text file, so its quotes cannot be verified"
    )]
    #[diagnostic(
        code(augur::check::no_source_file),
        help("add `file \"NAME.txt\"` to the declaration, naming the document's text")
    )]
    NoSourceFile {
        /// The document.
        document: String,
        /// The declaration.
        #[label("no `file` here")]
        span: SourceSpan,
        /// The rule file.
        #[source_code]
        src: NamedText,
    },
}
