//! Command-line arguments (clap).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// augur: rules-based scenario reasoning. Write causal claims as rules, state scenarios as
/// assumptions, and ask what follows, why, and why not.
#[derive(Debug, Parser)]
#[command(name = "augur", version, about, max_term_width = 100)]
pub struct Cli {
    /// Output format for results (stdout) and diagnostics (stderr).
    #[arg(long, value_enum, default_value_t = Format::Text, global = true)]
    pub format: Format,
    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For people.
    Text,
    /// For programs: a documented, stable shape.
    Json,
    /// The Test Anything Protocol (`augur test` only).
    Tap,
    /// JUnit XML for CI systems (`augur test` only).
    Junit,
}

impl Format {
    /// Whether only `augur test` can write this format.
    pub fn test_only(self) -> bool {
        matches!(self, Format::Tap | Format::Junit)
    }
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Parse and check rule files; print diagnostics; exit 2 on any error.
    Check {
        /// Rule files or directories of them.
        #[command(flatten)]
        paths: Paths,
        /// Treat warnings as errors.
        #[arg(long)]
        deny_warnings: bool,
        /// A directory holding documents' text files (repeatable); the rule file's own
        /// directory is searched first.
        #[arg(long = "sources", value_name = "DIR")]
        sources: Vec<std::path::PathBuf>,
        /// Make a document text file that cannot be found an error.
        #[arg(long)]
        require_sources: bool,
    },
    /// Derive the conclusions of a scenario (or all), with likelihoods and conflicts.
    Run {
        /// Rule files or directories of them.
        #[command(flatten)]
        paths: Paths,
        /// The scenario to run (default: `default` if declared, else all).
        #[arg(long, short, conflicts_with = "all")]
        scenario: Option<String>,
        /// Run every scenario, in declaration order.
        #[arg(long)]
        all: bool,
        /// Print counts and timings per phase instead of the conclusions.
        #[arg(long)]
        stats: bool,
        /// Print, per rule, the derivations and the time spent, slowest first.
        #[arg(long)]
        profile: bool,
        /// Keep no proof heights (an internal switch for measuring provenance's cost).
        #[arg(long, hide = true)]
        no_provenance: bool,
        /// Evaluation limits.
        #[command(flatten)]
        limits: Limits,
    },
    /// Show the proof tree of an atom: rules, citations, facts and assumptions.
    Why {
        /// The atom, as one word in the language's syntax, e.g.
        /// 'china gains_influence_in latin_america'.
        atom: String,
        /// Rule files or directories of them.
        #[command(flatten)]
        paths: Paths,
        /// The scenario (default: `default`, or the only scenario).
        #[arg(long, short)]
        scenario: Option<String>,
        /// List every distinct derivation, not only the strongest.
        #[arg(long)]
        all_proofs: bool,
        /// With --all-proofs: how many to show.
        #[arg(long, default_value_t = 20)]
        max_proofs: usize,
        /// Fold subproofs deeper than this many levels.
        #[arg(long)]
        depth: Option<usize>,
        /// Evaluation limits.
        #[command(flatten)]
        limits: Limits,
    },
    /// Run the tests; exit 1 when one fails.
    Test {
        /// Rule files or directories of them.
        #[command(flatten)]
        paths: Paths,
        /// Run only tests whose name contains this text.
        #[arg(long)]
        filter: Option<String>,
        /// Compare each scenario's conclusions with the snapshot files in DIR.
        #[arg(long, value_name = "DIR")]
        snapshot: Option<std::path::PathBuf>,
        /// With --snapshot: rewrite the snapshots instead of comparing.
        #[arg(long, requires = "snapshot")]
        bless: bool,
        /// Report which rules fired in some tested scenario.
        #[arg(long)]
        coverage: bool,
        /// Evaluation limits.
        #[command(flatten)]
        limits: Limits,
    },
    /// What changes between two scenarios: conclusions, conflicts, assumptions, open questions.
    Diff {
        /// The first scenario.
        from: String,
        /// The second scenario.
        to: String,
        /// Rule files or directories of them.
        #[command(flatten)]
        paths: Paths,
        /// Print the proofs behind each change.
        #[arg(long)]
        explain: bool,
        /// Evaluation limits.
        #[command(flatten)]
        limits: Limits,
    },
    /// Show what is missing for an atom to hold: the rules that could conclude it, which
    /// premises fail, and the nearest misses.
    WhyNot {
        /// The atom, as one word in the language's syntax.
        atom: String,
        /// Rule files or directories of them.
        #[command(flatten)]
        paths: Paths,
        /// The scenario (default: `default`, or the only scenario).
        #[arg(long, short)]
        scenario: Option<String>,
        /// How many rule levels to descend.
        #[arg(long, default_value_t = 4)]
        depth: usize,
        /// Evaluation limits.
        #[command(flatten)]
        limits: Limits,
    },
}

/// Paths to read.
#[derive(Debug, Args)]
pub struct Paths {
    /// Rule files or directories (every `.augur` file in name order).
    #[arg(default_value = "rules")]
    pub paths: Vec<PathBuf>,
}

/// Evaluation limits.
#[derive(Debug, Args)]
pub struct Limits {
    /// Stop a scenario that derives more atoms than this.
    #[arg(long, default_value_t = 10_000_000)]
    pub max_derived: usize,
}

impl Limits {
    /// The engine options these limits ask for.
    pub fn options(&self) -> augur::engine::Options {
        augur::engine::Options {
            max_derived: self.max_derived,
            ..Default::default()
        }
    }
}
