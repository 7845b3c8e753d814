//! Why a pattern cannot be asked: each error points into the pattern as the user wrote it.

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

use crate::program::suggest;
use crate::source::{NamedText, SourceFile, Span};
use crate::syntax::ParseError;

/// A pattern that cannot be asked about. Every variant but [`PatternError::Parse`] carries
/// the pattern as its source, a label on the offending part and a hint.
#[derive(Debug, Error, Diagnostic)]
pub enum PatternError {
    /// `augur query 'china fills_gap_in'`: not an atom.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Parse(Box<ParseError>),
    /// `augur query '?x fills_gap_in latam_securty'`: a predicate or a constant no rule
    /// file uses.
    #[error("{what} in the pattern")]
    #[diagnostic(code(augur::query::unknown_name))]
    Unknown {
        /// `unknown predicate `x`` or `unknown constant `x``.
        what: String,
        /// The pattern.
        #[source_code]
        src: NamedText,
        /// The name.
        #[label("not in any rule file")]
        at: SourceSpan,
        /// The closest name, or where to find names.
        #[help]
        help: String,
    },
    /// `augur query 'fills_gap_in(?a, ?b, ?c)'` where `fills_gap_in` takes two arguments.
    #[error("predicate `{name}` takes {}, not {given}", suggest::count(*.arity, "argument"))]
    #[diagnostic(
        code(augur::query::arity),
        help("write it as in the rule files, with `?name` where any value goes")
    )]
    Arity {
        /// The predicate.
        name: String,
        /// Its arity.
        arity: usize,
        /// The arguments given.
        given: usize,
        /// The pattern.
        #[source_code]
        src: NamedText,
        /// The atom.
        #[label("{given} given")]
        at: SourceSpan,
    },
    /// `augur query '?x fills_gap_in brazil'` where nothing can ever conclude such an atom.
    #[error("no atom can match `{pattern}` in any scenario")]
    #[diagnostic(code(augur::query::never_matches))]
    NeverMatches {
        /// The pattern in canonical form.
        pattern: String,
        /// The pattern.
        #[source_code]
        src: NamedText,
        /// The atom.
        #[label("no fact, assumption, assumable or rule produces this")]
        at: SourceSpan,
        /// The closest atom that can hold.
        #[help]
        help: String,
    },
}

/// A span of the pattern as miette's.
fn at(span: Span) -> SourceSpan {
    SourceSpan::from(span)
}

impl PatternError {
    pub(super) fn unknown(file: &SourceFile, span: Span, what: String, help: String) -> Self {
        PatternError::Unknown {
            what,
            src: file.named_source(),
            at: at(span),
            help,
        }
    }

    pub(super) fn arity(
        file: &SourceFile,
        span: Span,
        name: &str,
        arity: usize,
        given: usize,
    ) -> Self {
        PatternError::Arity {
            name: name.to_owned(),
            arity,
            given,
            src: file.named_source(),
            at: at(span),
        }
    }

    pub(super) fn never_matches(
        file: &SourceFile,
        span: Span,
        pattern: String,
        help: String,
    ) -> Self {
        PatternError::NeverMatches {
            pattern,
            src: file.named_source(),
            at: at(span),
            help,
        }
    }
}
