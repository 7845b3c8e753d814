//! Evaluation errors.

use miette::Diagnostic;
use thiserror::Error;

/// Why evaluation stopped.
#[derive(Debug, Error, Diagnostic)]
pub enum EngineError {
    /// A program that derives more atoms than the limit, e.g. a rule that joins two large
    /// relations into a third, under `--max-derived 10`.
    #[error(
        "scenario `{scenario}` derived more than {}; evaluation stopped",
        crate::program::suggest::count(*.limit, "atom")
    )]
    #[diagnostic(
        code(augur::engine::limit_exceeded),
        help(
            "raise the limit with `--max-derived N` if the program is meant to be this large, or look for a rule that joins more than intended"
        )
    )]
    LimitExceeded {
        /// The scenario being evaluated.
        scenario: String,
        /// The limit.
        limit: usize,
    },
}
