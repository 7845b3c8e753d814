//! The library's top-level error: wraps each layer's diagnostics, plus the few problems
//! that belong to no layer (reading files, naming a scenario).

use miette::Diagnostic;
use thiserror::Error;

use crate::engine::EngineError;
use crate::program::{CheckError, QueryError};
use crate::syntax::ParseError;

/// Any problem the library reports.
#[derive(Debug, Error, Diagnostic)]
pub enum Error {
    /// A syntax error.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Parse(Box<ParseError>),
    /// A check error or warning.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Check(Box<CheckError>),
    /// A question about an atom the program cannot answer.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Query(Box<QueryError>),
    /// Evaluation stopped.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Engine(Box<EngineError>),
    /// `augur check missing.augur`.
    #[error("cannot read `{path}`: {reason}")]
    #[diagnostic(
        code(augur::io::read),
        help("paths are rule files (`.augur`) or directories of them; the default is `rules/`")
    )]
    Read {
        /// The path.
        path: String,
        /// The operating system's reason.
        reason: String,
    },
    /// `augur check huge.augur`, a rule file larger than `--max-file-size`.
    #[error("`{path}` is larger than the limit of {limit} bytes for a rule file")]
    #[diagnostic(code(augur::io::file_too_large))]
    FileTooLarge {
        /// The path.
        path: String,
        /// The limit in bytes.
        limit: u64,
        /// The flag that raises it.
        #[help]
        help: String,
    },
    /// `augur check empty_dir/`.
    #[error("no `.augur` files in `{path}`")]
    #[diagnostic(
        code(augur::io::no_rule_files),
        help("rule files end in `.augur`; a directory is searched one level deep")
    )]
    NoRuleFiles {
        /// The directory.
        path: String,
    },
    /// `augur why ATOM` on files with several scenarios and no `default`.
    #[error("which scenario? the files declare several and no `default`")]
    #[diagnostic(code(augur::query::scenario_needed))]
    ScenarioNeeded {
        /// The scenarios there are.
        #[help]
        help: String,
    },
    /// `augur run --scenario nowhere`.
    #[error("unknown scenario `{name}`")]
    #[diagnostic(code(augur::query::unknown_scenario))]
    UnknownScenario {
        /// The name given.
        name: String,
        /// The scenarios there are, or the closest one.
        #[help]
        help: String,
    },
}

/// Diagnostics are boxed so that `Result<_, Error>` stays small on the happy path.
macro_rules! from_layer {
    ($($variant:ident($ty:ty)),*) => {$(
        impl From<$ty> for Error {
            fn from(e: $ty) -> Self {
                Error::$variant(Box::new(e))
            }
        }
    )*};
}

from_layer!(
    Parse(ParseError),
    Check(CheckError),
    Query(QueryError),
    Engine(EngineError)
);

impl Error {
    /// Whether this is only a warning.
    pub fn is_warning(&self) -> bool {
        matches!(self.severity(), Some(miette::Severity::Warning))
    }

    /// Whether this is an error (not a warning or a note).
    pub fn is_error(&self) -> bool {
        matches!(self.severity(), None | Some(miette::Severity::Error))
    }
}

/// Several diagnostics reported as one: every error and warning of a run. Its severity is
/// a warning when every diagnostic in it is one.
#[derive(Debug, Error)]
#[error("{summary}")]
pub struct Problems {
    summary: String,
    /// The diagnostics, in file order.
    pub diagnostics: Vec<Error>,
}

impl Diagnostic for Problems {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        Some(Box::new("augur::problems"))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(if self.has_errors() {
            miette::Severity::Error
        } else if self.diagnostics.iter().any(Error::is_warning) {
            miette::Severity::Warning
        } else {
            miette::Severity::Advice
        })
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        Some(Box::new(
            self.diagnostics.iter().map(|d| d as &dyn Diagnostic),
        ))
    }
}

impl Problems {
    /// Wraps diagnostics, summarizing their counts.
    pub fn new(diagnostics: Vec<Error>) -> Self {
        let warnings = diagnostics.iter().filter(|d| d.is_warning()).count();
        let errors = diagnostics.iter().filter(|d| d.is_error()).count();
        let notes = diagnostics.len() - warnings - errors;
        let mut counts = Vec::new();
        for (n, word) in [(errors, "error"), (warnings, "warning"), (notes, "note")] {
            if n > 0 {
                counts.push(crate::program::suggest::count(n, word));
            }
        }
        let summary = match counts.as_slice() {
            [] => "found nothing to report".to_owned(),
            [one] => format!("found {one}"),
            [init @ .., last] => format!("found {} and {last}", init.join(", ")),
        };
        Problems {
            summary,
            diagnostics,
        }
    }

    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Error::is_error)
    }
}

impl From<Error> for Problems {
    fn from(e: Error) -> Self {
        Problems::new(vec![e])
    }
}
