//! Why a probability could not be computed.

use miette::Diagnostic;
use thiserror::Error;

/// Why [`super::exact`] gave no answer.
#[derive(Debug, Error, Diagnostic, PartialEq, Eq)]
pub enum ProbError {
    /// An atom whose lineage's decision diagrams grow past `--max-nodes`, e.g. the end of
    /// a long chain of alternative routes that share their steps, under `--max-nodes 10`.
    #[error(
        "the lineage of {atom} needs a decision diagram of more than {limit} nodes ({nodes} reached); its probability was not computed"
    )]
    #[diagnostic(
        code(augur::prob::too_many_nodes),
        help(
            "the limit is `--max-nodes {limit}`: raise it if the program is meant to be this large (a node takes about 10 bytes), or ask about an atom nearer the facts"
        )
    )]
    TooManyNodes {
        /// What was asked about: `` `ATOM` ``, or how many atoms of which scenario.
        atom: String,
        /// The limit.
        limit: usize,
        /// The nodes reached when it stopped.
        nodes: usize,
    },
    /// An atom whose lineage rests on more independent choices than a decision diagram
    /// numbers variables (65,533), or, sampled, than a `u32` numbers (2^32).
    #[error(
        "the lineage of {atom} rests on {count} independent choices (facts, assumptions and rule instances below `certain`), more than an exact answer can weigh; its probability was not computed exactly"
    )]
    #[diagnostic(
        code(augur::prob::too_many_choices),
        help(
            "an exact answer can weigh at most 65,533 choices, a sample 4,294,967,296: ask about an atom nearer the facts"
        )
    )]
    TooManyChoices {
        /// What was asked about: `` `ATOM` ``, or how many atoms of which scenario.
        atom: String,
        /// How many choices it rests on.
        count: usize,
    },
    /// An atom of another program than the model's: a predicate or constant it does not
    /// have, or the wrong number of arguments ([`crate::program::Program::atom_mismatch`]).
    #[error("the atom asked about does not belong to this program: {detail}")]
    #[diagnostic(
        code(augur::input::foreign_atom),
        help("resolve atoms with the program that ran the model (`Analysis::atom`)")
    )]
    ForeignAtom {
        /// What is wrong with it.
        detail: String,
    },
    /// `augur prob 'us defends guyana'` where the atom is an open question of the scenario.
    #[error("`{atom}` is left open in scenario `{scenario}`: the analysis gives it no probability")]
    #[diagnostic(
        code(augur::prob::open_question),
        help(
            "an open question is undecided, not false: assume it (or `assume not` it) in a scenario to settle it there, or ask about what follows from it"
        )
    )]
    OpenQuestion {
        /// The atom asked about.
        atom: String,
        /// The scenario.
        scenario: String,
    },
    /// An exact computation that runs longer than `--timeout`.
    #[error("the exact probability of {atom} stopped: past the time budget")]
    #[diagnostic(
        code(augur::prob::timeout),
        help(
            "the limit is `--timeout`: raise it, or lower `--max-nodes` so that a large lineage is sampled instead"
        )
    )]
    ExactTimeout {
        /// The atom (or atoms) asked about.
        atom: String,
    },
    /// Sampling that runs longer than `--timeout`.
    #[error("sampling stopped after {done} of {samples} worlds: past the time budget")]
    #[diagnostic(
        code(augur::prob::timeout),
        help("the limit is `--timeout`: raise it, or ask for fewer `--samples`")
    )]
    SamplingTimeout {
        /// Worlds asked for.
        samples: u64,
        /// Worlds drawn when it stopped (about).
        done: u64,
    },
}
