//! Evaluation errors.

use miette::Diagnostic;
use thiserror::Error;

/// What a [`EngineError::LimitExceeded`] counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Counted {
    /// Atoms rules derived that were not facts, assumptions or hypotheses.
    Atoms,
    /// Matches of conflicts and tensions.
    ConflictMatches,
}

impl std::fmt::Display for Counted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Counted::Atoms => "derived atoms",
            Counted::ConflictMatches => "conflict and tension matches",
        })
    }
}

/// Why evaluation stopped.
#[derive(Debug, Error, Diagnostic)]
pub enum EngineError {
    /// A program that derives more atoms than the limit, e.g. a rule that joins two large
    /// relations into a third, under `--max-derived 10`. Facts and assumptions are not
    /// counted: only the atoms rules add. The limit is checked while a rule's join runs, so
    /// it bounds memory too.
    #[error(
        "scenario `{scenario}` has more than {limit} {counted}{}; evaluation stopped",
        rule.as_ref().map(|r| format!(" (while rule `{r}` was joining)")).unwrap_or_default()
    )]
    #[diagnostic(
        code(augur::engine::limit_exceeded),
        help(
            "the limit is `--max-derived {limit}`: raise it if the program is meant to be this large, or look for a rule that joins more than intended"
        )
    )]
    LimitExceeded {
        /// The scenario being evaluated.
        scenario: String,
        /// The limit.
        limit: usize,
        /// What went past it.
        counted: Counted,
        /// The rule whose join was running when the limit was hit, when known.
        rule: Option<String>,
    },
    /// Evaluation that runs longer than the time budget, e.g. a rule joining five
    /// predicates of 2,000 facts each into one atom, under `--timeout 1s`.
    #[error("scenario `{scenario}` was still being evaluated after {}; evaluation stopped", super::budget::show_duration(*.timeout))]
    #[diagnostic(
        code(augur::engine::timeout),
        help(
            "the limit is `--timeout {}`: raise it (e.g. `--timeout 10m`, or `--timeout none` for no limit) if the program is meant to take this long, or look for a rule that joins more than intended",
            super::budget::show_duration(*.timeout)
        )
    )]
    Timeout {
        /// The scenario being evaluated.
        scenario: String,
        /// The budget.
        timeout: std::time::Duration,
    },
    /// A scenario id or what-if atom that is not the program's: an error of the caller,
    /// reported rather than a panic.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Input(#[from] crate::program::InputError),
    /// A predicate with more atoms than a relation can number (2^32, each atom's position
    /// being a 32-bit number), possible only with `--max-derived` raised past that.
    #[error(
        "scenario `{scenario}` has more atoms of `{predicate}` than augur can number (2^32); evaluation stopped"
    )]
    #[diagnostic(
        code(augur::engine::too_many_atoms),
        help(
            "one predicate holds at most 4,294,967,296 atoms in a scenario: look for a rule that joins more than intended, or split the predicate"
        )
    )]
    TooManyAtoms {
        /// The scenario being evaluated.
        scenario: String,
        /// The predicate's name.
        predicate: String,
    },
}
