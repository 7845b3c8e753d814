//! Command-line arguments (clap).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use super::adhoc::Assume;

// The attributes below cast the library's bounds (`usize`) with `as` (clap's attributes take
// constant expressions); these prove the casts lossless: every bound fits a `u16`.
const _: () = assert!(augur::explain::all::MAX_PROOFS <= u16::MAX as usize);
const _: () = assert!(augur::explain::why_not::MAX_DEPTH <= u16::MAX as usize);
const _: () = assert!(augur::explain::Bounds::DEPTH <= augur::explain::why_not::MAX_DEPTH);
const _: () = assert!(augur::abduce::Bounds::MAX_MAX_SIZE <= u16::MAX as usize);

/// augur: rules-based scenario reasoning. Write causal claims as rules, state scenarios as
/// assumptions, and ask what follows, why, and why not.
#[derive(Debug, Parser)]
#[command(name = "augur", version, about, max_term_width = 100)]
pub struct Cli {
    /// Output format for results (stdout) and diagnostics (stderr); may also follow the
    /// command, where `augur test` offers `tap` and `junit` too.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<OutputFormat>,
    /// Color in reports: `auto` colors a terminal unless `NO_COLOR` is set.
    #[arg(long, value_enum, default_value_t = Color::Auto, global = true)]
    pub color: Color,
    /// Print no warnings or notes on stderr; results and errors are still printed.
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// Show at most this many diagnostics (errors first), and count the rest; 0 shows all.
    #[arg(long, value_name = "N", default_value_t = augur::DEFAULT_MAX_DIAGNOSTICS, global = true)]
    pub max_diagnostics: usize,
    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// Output formats, as the commands write them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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

/// The formats every command writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// For people.
    Text,
    /// For programs: a documented, stable shape.
    Json,
}

/// The formats `augur test` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TestFormat {
    /// For people.
    Text,
    /// For programs: a documented, stable shape.
    Json,
    /// The Test Anything Protocol.
    Tap,
    /// JUnit XML for CI systems.
    Junit,
}

impl From<OutputFormat> for Format {
    fn from(f: OutputFormat) -> Self {
        match f {
            OutputFormat::Text => Format::Text,
            OutputFormat::Json => Format::Json,
        }
    }
}

impl From<TestFormat> for Format {
    fn from(f: TestFormat) -> Self {
        match f {
            TestFormat::Text => Format::Text,
            TestFormat::Json => Format::Json,
            TestFormat::Tap => Format::Tap,
            TestFormat::Junit => Format::Junit,
        }
    }
}

/// When to color reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Color {
    /// When stderr is a terminal and `NO_COLOR` is not set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// `--format` after a command other than `test`.
#[derive(Debug, Args)]
pub struct Output {
    /// Output format for results (stdout) and diagnostics (stderr).
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<OutputFormat>,
}

/// `--format` after `test`.
#[derive(Debug, Args)]
pub struct TestOutput {
    /// Output format for results (stdout) and diagnostics (stderr).
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<TestFormat>,
}

impl Cli {
    /// The format asked for, after the command or before it; text by default.
    pub fn format(&self) -> Format {
        let after = match &self.command {
            Command::Check { output, .. }
            | Command::Run { output, .. }
            | Command::Why { output, .. }
            | Command::Diff { output, .. }
            | Command::WhyNot { output, .. }
            | Command::Query { output, .. }
            | Command::List { output, .. }
            | Command::Abduce(Abduce { output, .. })
            | Command::Indicators(Indicators { output, .. })
            | Command::Ach(Ach { output, .. }) => output.format.map(Format::from),
            Command::Test { output, .. } => output.format.map(Format::from),
        };
        after
            .or(self.format.map(Format::from))
            .unwrap_or(Format::Text)
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
        /// Output format.
        #[command(flatten)]
        output: Output,
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
        #[arg(long, conflicts_with = "profile")]
        stats: bool,
        /// Print, per rule, the derivations and the time spent, slowest first.
        #[arg(long)]
        profile: bool,
        /// Keep no proof heights (an internal switch for measuring provenance's cost).
        #[arg(long, hide = true)]
        no_provenance: bool,
        /// Ad-hoc assumptions, extending each scenario run.
        #[command(flatten)]
        assume: Assume,
        /// Evaluation limits.
        #[command(flatten)]
        limits: Limits,
        /// Output format.
        #[command(flatten)]
        output: Output,
    },
    /// Show the proof tree of an atom: rules, citations, facts and assumptions.
    Why {
        /// The atom, as one word in the language's syntax, e.g.
        /// 'china fills_gap_in latam_security'.
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
        /// With --all-proofs: how many to show (at most 1000); all are counted.
        #[arg(long, default_value_t = 20, requires = "all_proofs",
              value_parser = clap::value_parser!(u16).range(1..=augur::explain::all::MAX_PROOFS as i64))]
        max_proofs: u16,
        /// Fold subproofs deeper than this many levels.
        #[arg(long)]
        depth: Option<usize>,
        /// Ad-hoc assumptions, extending the scenario.
        #[command(flatten)]
        assume: Assume,
        /// Evaluation limits.
        #[command(flatten)]
        limits: Limits,
        /// Output format.
        #[command(flatten)]
        output: Output,
    },
    /// Run the tests; exit 1 when one fails.
    Test {
        /// Rule files or directories of them.
        #[command(flatten)]
        paths: Paths,
        /// Run only tests whose name contains this text, and only snapshots of scenarios
        /// whose name contains it.
        #[arg(long)]
        filter: Option<String>,
        /// Compare each scenario's conclusions, conflicts and open questions with the
        /// snapshot files in DIR; a mismatch leaves the new text in SCENARIO.snap.new.
        #[arg(long, value_name = "DIR")]
        snapshot: Option<std::path::PathBuf>,
        /// With --snapshot: rewrite the snapshots instead of comparing, and remove (and
        /// name) those of scenarios that no longer exist.
        #[arg(long, requires = "snapshot")]
        bless: bool,
        /// With --snapshot: show each pending change (the .snap.new files) without running.
        #[arg(long, requires = "snapshot", conflicts_with_all = ["bless", "accept"])]
        review: bool,
        /// With --snapshot: take each pending change (rename .snap.new over .snap).
        #[arg(long, requires = "snapshot", conflicts_with = "bless")]
        accept: bool,
        /// List the tests (and, with --snapshot, the snapshots) without running them.
        #[arg(long, conflicts_with_all = ["bless", "review", "accept", "coverage"])]
        list: bool,
        /// Report which rules fired in some tested scenario.
        #[arg(long)]
        coverage: bool,
        /// Evaluation limits.
        #[command(flatten)]
        limits: Limits,
        /// Output format.
        #[command(flatten)]
        output: TestOutput,
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
        /// Ad-hoc assumptions, extending the second scenario: `diff S S --assume X` shows
        /// what assuming X changes in S.
        #[command(flatten)]
        assume: Assume,
        /// Evaluation limits.
        #[command(flatten)]
        limits: Limits,
        /// Output format.
        #[command(flatten)]
        output: Output,
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
        /// Bounds on the answer.
        #[command(flatten)]
        bounds: WhyNotBounds,
        /// Ad-hoc assumptions, extending the scenario.
        #[command(flatten)]
        assume: Assume,
        /// Evaluation limits (what-if runs are held to them too).
        #[command(flatten)]
        limits: Limits,
        /// Output format.
        #[command(flatten)]
        output: Output,
    },
    /// Every atom of a scenario that matches a pattern with variables, with its likelihood,
    /// strongest first.
    Query {
        /// The pattern, as one word in the language's syntax with `?name` where any value
        /// goes, e.g. '?who fills_gap_in latam_security'.
        pattern: String,
        /// Rule files or directories of them.
        #[command(flatten)]
        paths: Paths,
        /// The scenario (default: `default`, or the only scenario).
        #[arg(long, short, conflicts_with = "all")]
        scenario: Option<String>,
        /// Ask every scenario, in declaration order.
        #[arg(long)]
        all: bool,
        /// Assumptions of an ad-hoc scenario extending the one asked (each one, with --all).
        #[command(flatten)]
        assume: Assume,
        /// Evaluation limits.
        #[command(flatten)]
        limits: Limits,
        /// Output format.
        #[command(flatten)]
        output: Output,
    },
    /// What to watch: every declared indicator by the scenarios, with the likelihood each
    /// gives it, the rows that tell the scenarios apart first.
    Indicators(Indicators),
    /// Analysis of Competing Hypotheses: Heuer's matrix of the scenarios (hypotheses)
    /// against the `observed` lines (evidence), hypotheses ranked by inconsistency.
    Ach(Ach),
    /// List the names the rule files declare: scenarios, rules, predicates, atoms, tests,
    /// open questions, documents, indicators, evidence.
    List {
        /// What to list.
        #[arg(value_enum)]
        kind: super::list::Kind,
        /// Rule files or directories of them.
        #[command(flatten)]
        paths: Paths,
        /// Evaluation limits (`atoms` runs every scenario).
        #[command(flatten)]
        limits: Limits,
        /// Output format.
        #[command(flatten)]
        output: Output,
    },
    /// What must be true: every minimal set of changes to a scenario (assume, withdraw,
    /// lift, and with --interventions forbid) that makes an atom hold, or with `not` stop
    /// holding, each verified by a run.
    Abduce(Abduce),
}

/// `augur abduce`'s arguments.
#[derive(Debug, Args)]
pub struct Abduce {
    /// The atom, as one word in the language's syntax; `not ATOM` (one word or two)
    /// asks what would make it stop holding.
    pub atom: String,
    /// Rule files or directories of them.
    #[command(flatten)]
    pub paths: Paths,
    /// The scenario to change (default: `default`, or the only scenario).
    #[arg(long, short)]
    pub scenario: Option<String>,
    /// Bounds on the search.
    #[command(flatten)]
    pub bounds: AbduceBounds,
    /// Ad-hoc lines extending the scenario, before any set is tried.
    #[command(flatten)]
    pub assume: Assume,
    /// Evaluation limits (every what-if run is held to them).
    #[command(flatten)]
    pub limits: Limits,
    /// Output format.
    #[command(flatten)]
    pub output: Output,
}

/// Bounds on an abduction.
#[derive(Debug, Args)]
pub struct AbduceBounds {
    /// The largest set of changes tried (1 to 6).
    #[arg(long, default_value_t = augur::abduce::Bounds::MAX_SIZE as u16,
          value_parser = clap::value_parser!(u16).range(1..=augur::abduce::Bounds::MAX_MAX_SIZE as i64))]
    pub max_size: u16,
    /// The most sets listed; the answer says when more exist.
    #[arg(long, default_value_t = augur::abduce::Bounds::LIMIT,
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..))]
    pub limit: usize,
    /// Also try `forbid` changes (`assume not`) on atoms other than the one asked about.
    #[arg(long)]
    pub interventions: bool,
    /// How many what-if runs the search makes at most.
    #[arg(long, default_value_t = augur::abduce::Bounds::MAX_RUNS)]
    pub max_what_if: usize,
}

impl AbduceBounds {
    /// The library's bounds these flags ask for.
    pub fn bounds(&self) -> augur::abduce::Bounds {
        augur::abduce::Bounds {
            max_size: usize::from(self.max_size),
            limit: self.limit,
            interventions: self.interventions,
            max_runs: self.max_what_if,
        }
    }
}

/// `augur indicators`'s arguments.
#[derive(Debug, Args)]
pub struct Indicators {
    /// Rule files or directories of them.
    #[command(flatten)]
    pub paths: Paths,
    /// A scenario to set the indicators against (repeatable; default: every scenario, in
    /// declaration order).
    #[arg(long, short)]
    pub scenario: Vec<String>,
    /// Evaluation limits.
    #[command(flatten)]
    pub limits: Limits,
    /// Output format.
    #[command(flatten)]
    pub output: Output,
}

/// `augur ach`'s arguments.
#[derive(Debug, Args)]
pub struct Ach {
    /// Rule files or directories of them (the evidence included).
    #[command(flatten)]
    pub paths: Paths,
    /// A scenario to weigh (repeatable; default: every scenario).
    #[arg(long = "scenario", short = 's', value_name = "S")]
    pub scenarios: Vec<String>,
    /// Evaluation limits (one run per scenario).
    #[command(flatten)]
    pub limits: Limits,
    /// Output format.
    #[command(flatten)]
    pub output: Output,
}

/// Paths to read: rule files, and where the documents they cite are.
#[derive(Debug, Args)]
pub struct Paths {
    /// Rule files or directories (every `.augur` file in name order).
    #[arg(default_value = "rules")]
    pub paths: Vec<PathBuf>,
    /// A directory holding documents' text files (repeatable); the rule file's own
    /// directory is searched first. Every quote of a document found is verified.
    #[arg(long = "sources", value_name = "DIR")]
    pub sources: Vec<PathBuf>,
    /// Make a cited document whose text file is not named or cannot be found an error.
    #[arg(long)]
    pub require_sources: bool,
    /// The largest rule file read, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = augur::DEFAULT_MAX_FILE_BYTES)]
    pub max_file_size: u64,
    /// The longest line of a rule file, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = augur::syntax::limits::DEFAULT_MAX_LINE_BYTES)]
    pub max_line_length: usize,
    /// The largest document text file read, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = augur::program::document_text::DEFAULT_MAX_DOCUMENT_BYTES)]
    pub max_document_size: u64,
}

impl Paths {
    /// Where to look for documents' text files.
    pub fn source_options(&self) -> augur::program::SourceOptions {
        augur::program::SourceOptions {
            dirs: self.sources.clone(),
            require: self.require_sources,
            max_bytes: self.max_document_size,
        }
    }

    /// The limits on the rule files read.
    pub fn input_limits(&self) -> augur::InputLimits {
        augur::InputLimits {
            max_file_bytes: self.max_file_size,
            max_line_bytes: self.max_line_length,
        }
    }
}

/// Bounds on a why-not answer.
#[derive(Debug, Args)]
pub struct WhyNotBounds {
    /// How many rule levels to descend (at most 30).
    #[arg(long, default_value_t = augur::explain::Bounds::DEPTH as u16,
          value_parser = clap::value_parser!(u16).range(0..=augur::explain::why_not::MAX_DEPTH as i64))]
    pub depth: u16,
    /// How many rules to show per atom; the rest are counted.
    #[arg(long, default_value_t = augur::explain::Bounds::RULES)]
    pub max_rules: usize,
    /// How many atoms and premises the tree shows at most; atoms past it are counted.
    #[arg(long, default_value_t = augur::explain::Bounds::NODES)]
    pub max_nodes: usize,
    /// How many what-if evaluations the search for nearest misses makes at most.
    #[arg(long, default_value_t = augur::explain::Bounds::MISS_RUNS)]
    pub max_what_if: usize,
}

impl WhyNotBounds {
    /// The explain bounds these flags ask for.
    pub fn bounds(&self) -> augur::explain::Bounds {
        augur::explain::Bounds {
            depth: usize::from(self.depth),
            rules: self.max_rules,
            nodes: self.max_nodes,
            miss_runs: self.max_what_if,
            ..Default::default()
        }
    }
}

/// Evaluation limits.
#[derive(Debug, Args)]
pub struct Limits {
    /// Stop a scenario whose rules derive more than this many atoms (facts and assumptions
    /// are not counted; neither is a fact whose likelihood a rule raises), or that matches
    /// conflicts and tensions more than this many times.
    #[arg(long, default_value_t = 10_000_000)]
    pub max_derived: usize,
    /// Stop evaluating once the command has spent this long on it: e.g. `500ms`, `30s`,
    /// `10m`, `1h` (a bare number is seconds), or `none` for no limit.
    #[arg(long, value_name = "DURATION", default_value = "60s", value_parser = timeout)]
    pub timeout: Timeout,
}

/// An evaluation time budget, or none.
#[derive(Clone, Copy, Debug)]
pub struct Timeout(pub Option<std::time::Duration>);

fn timeout(text: &str) -> Result<Timeout, String> {
    if matches!(text.trim(), "none" | "off") {
        return Ok(Timeout(None));
    }
    augur::engine::parse_duration(text)
        .map(|d| Timeout(Some(d)))
        .ok_or_else(|| {
            format!("`{text}` is not a duration: write e.g. `500ms`, `30s`, `10m`, `1h`, or `none`")
        })
}

impl Limits {
    /// The engine options these limits ask for. The time budget starts now, and covers
    /// every run made with these options.
    pub fn options(&self) -> augur::engine::Options {
        augur::engine::Options {
            max_derived: self.max_derived,
            timeout: self.timeout.0,
            started: Some(std::time::Instant::now()),
            ..Default::default()
        }
    }
}
