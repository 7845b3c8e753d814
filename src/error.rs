//! The library's top-level error: wraps each layer's diagnostics, plus the few problems
//! that belong to no layer (reading files, naming a scenario).

use miette::Diagnostic;
use thiserror::Error;

use crate::adhoc::AdHocError;
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
    /// A query pattern the program cannot answer.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Pattern(Box<crate::query::PatternError>),
    /// Evaluation stopped.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Engine(Box<EngineError>),
    /// An assumption written on the command line (`--assume`) that cannot be made.
    #[error(transparent)]
    #[diagnostic(transparent)]
    AdHoc(Box<AdHocError>),
    /// A probability that could not be computed.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Prob(Box<crate::prob::ProbError>),
    /// A file `augur fmt` cannot format or write.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Format(Box<crate::format::FormatError>),
    /// Rule files of more than 4 GiB together.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Sources(#[from] crate::source::SourcesTooLarge),
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
    /// `augur graph -o /no/such/dir/g.svg`: a result that cannot be written where asked.
    #[error("cannot write `{path}`: {reason}")]
    #[diagnostic(code(augur::io::write))]
    Write {
        /// The path.
        path: String,
        /// The operating system's reason.
        reason: String,
        /// What to do about it.
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
    Pattern(crate::query::PatternError),
    Engine(EngineError),
    AdHoc(AdHocError),
    Prob(crate::prob::ProbError),
    Format(crate::format::FormatError)
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

/// The default of `--max-diagnostics`: more than a screenful of reports is read by no one,
/// and a generated file can hold thousands.
pub const DEFAULT_MAX_DIAGNOSTICS: usize = 100;

impl Problems {
    /// The same report showing at most `max` diagnostics (all of them when `max` is 0),
    /// and one line that counts the rest. Errors are kept before warnings, and warnings
    /// before notes, so that a capped report still shows why a run failed; those kept stay
    /// in file order. The summary still counts every diagnostic.
    pub fn capped(&self, max: usize) -> Capped<'_> {
        let all = self.diagnostics.len();
        if max == 0 || all <= max {
            return Capped {
                problems: self,
                shown: self.diagnostics.iter().collect(),
                not_shown: None,
            };
        }
        let rank = |d: &Error| match d.severity() {
            None | Some(miette::Severity::Error) => 0,
            Some(miette::Severity::Warning) => 1,
            Some(miette::Severity::Advice) => 2,
        };
        let mut order: Vec<usize> = (0..all).collect();
        // Stable: within one severity, file order.
        order.sort_by_key(|&i| rank(&self.diagnostics[i]));
        order.truncate(max);
        order.sort_unstable();
        Capped {
            problems: self,
            shown: order.into_iter().map(|i| &self.diagnostics[i]).collect(),
            not_shown: Some(NotShown { count: all - max }),
        }
    }
}

/// A report of [`Problems`] that shows only some of them ([`Problems::capped`]).
#[derive(Debug, Error)]
#[error("{}", problems.summary)]
pub struct Capped<'a> {
    problems: &'a Problems,
    shown: Vec<&'a Error>,
    not_shown: Option<NotShown>,
}

impl Diagnostic for Capped<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.problems.code()
    }

    fn severity(&self) -> Option<miette::Severity> {
        self.problems.severity()
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        let shown = self.shown.iter().map(|d| *d as &dyn Diagnostic);
        let rest = self.not_shown.iter().map(|n| n as &dyn Diagnostic);
        Some(Box::new(shown.chain(rest)))
    }
}

/// The line that ends a capped report: how many diagnostics it leaves out.
#[derive(Debug, Error, Diagnostic)]
#[error("and {count} more {}, not shown", if *count == 1 { "diagnostic" } else { "diagnostics" })]
#[diagnostic(
    code(augur::more_diagnostics),
    severity(Advice),
    help("`--max-diagnostics N` shows up to N (0 shows all); errors are shown first")
)]
pub struct NotShown {
    /// How many.
    pub count: usize,
}

impl From<Error> for Problems {
    fn from(e: Error) -> Self {
        Problems::new(vec![e])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(errors: usize, warnings: usize) -> Problems {
        let read = |i| Error::Read {
            path: format!("e{i}"),
            reason: String::new(),
        };
        let warning = |i| {
            Error::from(crate::program::CheckError::NegatesOpen {
                rule: format!("w{i}"),
                atom: String::new(),
                span: (0, 0).into(),
                src: crate::source::SourceFile::new("t", "").named_source(),
            })
        };
        // Warnings first in file order, so that capping must reach past them for errors.
        let mut all: Vec<Error> = (0..warnings).map(warning).collect();
        all.extend((0..errors).map(read));
        Problems::new(all)
    }

    fn shown(p: &Capped<'_>) -> (usize, Option<usize>) {
        (p.shown.len(), p.not_shown.as_ref().map(|n| n.count))
    }

    #[test]
    fn the_diagnostics_cap_holds_at_its_boundary() {
        let p = problems(3, 7);
        assert_eq!(shown(&p.capped(11)), (10, None));
        assert_eq!(shown(&p.capped(10)), (10, None));
        assert_eq!(shown(&p.capped(9)), (9, Some(1)));
        assert_eq!(shown(&p.capped(0)), (10, None), "0 shows all");
        assert_eq!(p.capped(9).to_string(), "found 3 errors and 7 warnings");
    }

    #[test]
    fn a_capped_report_shows_errors_first_in_file_order() {
        let p = problems(3, 7);
        let capped = p.capped(4);
        let kinds: Vec<bool> = capped.shown.iter().map(|d| d.is_error()).collect();
        assert_eq!(kinds, [false, true, true, true]);
        assert!(matches!(capped.shown[1], Error::Read { path, .. } if path == "e0"));
        assert_eq!(
            capped
                .not_shown
                .as_ref()
                .map(ToString::to_string)
                .as_deref(),
            Some("and 6 more diagnostics, not shown")
        );
        assert_eq!(shown(&p.capped(2)), (2, Some(8)));
        assert!(p.capped(2).shown.iter().all(|d| d.is_error()));
    }
}
