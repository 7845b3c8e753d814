//! Command-line arguments (clap).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use super::adhoc::Assume;
use super::{
    abduce, ach, assumptions, check, completions, diff, explain, fmt, graph, indicators, list, lsp,
    man, merge, prob, query, repl, report, run, test, why, why_not,
};

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
            Command::Check(a) => a.output.format.map(Format::from),
            Command::Run(a) => a.output.format.map(Format::from),
            Command::Why(a) => a.output.format.map(Format::from),
            Command::Test(a) => a.output.format.map(Format::from),
            Command::Diff(a) => a.output.format.map(Format::from),
            Command::WhyNot(a) => a.output.format.map(Format::from),
            Command::Query(a) => a.output.format.map(Format::from),
            Command::Indicators(a) => a.output.format.map(Format::from),
            Command::Ach(a) => a.output.format.map(Format::from),
            Command::List(a) => a.output.format.map(Format::from),
            Command::Abduce(a) => a.output.format.map(Format::from),
            Command::Assumptions(a) => a.output.format.map(Format::from),
            Command::Prob(a) => a.output.format.map(Format::from),
            Command::Sensitivity(a) => a.output.format.map(Format::from),
            Command::Graph(a) => a.format.map(Format::from),
            Command::Fmt(a) => a.output.format.map(Format::from),
            Command::Report(_) => None,
            Command::Lsp(_) => None,
            Command::Explain(a) => a.output.format.map(Format::from),
            Command::Repl(_) => None,
            Command::Completions(_) => None,
            Command::Man(_) => None,
            Command::Merge(a) => a.output.format.map(Format::from),
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
    Check(check::Args),
    /// Derive the conclusions of a scenario (or all), with likelihoods and conflicts.
    Run(run::Args),
    /// Show the proof tree of an atom: rules, citations, facts and assumptions.
    Why(why::Args),
    /// Run the tests; exit 1 when one fails.
    Test(test::Args),
    /// What changes between two scenarios: conclusions, conflicts, assumptions, open questions.
    Diff(diff::Args),
    /// Show what is missing for an atom to hold: the rules that could conclude it, which
    /// premises fail, and the nearest misses.
    WhyNot(why_not::Args),
    /// Every atom of a scenario that matches a pattern with variables, with its likelihood,
    /// strongest first.
    Query(query::Args),
    /// What to watch: every declared indicator by the scenarios, with the likelihood each
    /// gives it, the rows that tell the scenarios apart first.
    Indicators(indicators::Args),
    /// Analysis of Competing Hypotheses: Heuer's matrix of the scenarios (hypotheses)
    /// against the `observed` lines (evidence), hypotheses ranked by inconsistency.
    Ach(ach::Args),
    /// List the names the rule files declare: scenarios, rules, predicates, atoms, tests,
    /// open questions, documents, indicators, evidence.
    List(list::Args),
    /// What must be true: every minimal set of changes to a scenario (assume, withdraw,
    /// lift, and with --interventions forbid) that makes an atom hold, or with `not` stop
    /// holding, each verified by a run.
    Abduce(abduce::Args),
    /// Key Assumptions Check: withdraw each assumption of a scenario alone, in a run of its
    /// own, and show what falls, weakens and gains; then what each conclusion rests on.
    ///
    /// An ATOM among the paths (the word with a space or a bracket that names no file,
    /// e.g. 'china present') shows only that conclusion's standing; exit 1 when it does
    /// not hold.
    #[command(override_usage = "augur assumptions [OPTIONS] [PATHS]... [ATOM]")]
    Assumptions(assumptions::Args),
    /// How likely an atom is, all arguments together: its probability under the
    /// distribution semantics (docs/LANGUAGE.md, "Probabilities").
    Prob(prob::Args),
    /// Which claims an atom's probability hangs on, most first (a tornado table).
    Sensitivity(prob::Args),
    /// The causal graph: the rule base, a scenario (-s) or one atom's proof (--atom), as
    /// DOT, Mermaid, SVG (laid out by augur) or JSON.
    Graph(graph::Args),
    /// Rewrite rule files in the one canonical layout (docs/LANGUAGE.md, "Layout"); with
    /// --check, list the files that are not in it and exit 1; `-` formats standard input.
    Fmt(fmt::Args),
    /// The whole analysis as one self-contained HTML page: the scenario by conclusion
    /// matrix, each scenario's proofs, diffs and graph, the cited sources with coverage.
    Report(report::Args),
    /// The Language Server Protocol over standard input and output, for editors:
    /// diagnostics as `check` reports them, hover, definition, references, completion,
    /// symbols, rename, formatting and fixes.
    Lsp(lsp::Args),
    /// What a diagnostic code means (`augur explain unknown_scenario`); with no code,
    /// every code.
    Explain(explain::Args),
    /// Ask questions one line at a time: why, why-not, query, run, diff, with assumptions
    /// added and retracted as you go (an ad-hoc scenario; `save` prints it). Reads a
    /// script when standard input is not a terminal; `help` lists the commands.
    Repl(repl::Args),
    /// Print a tab-completion script for a shell (bash, zsh, fish, powershell, elvish).
    Completions(completions::Args),
    /// Print the manual page (roff): `augur man | man -l -`.
    Man(man::Args),
    /// Add up the shard files of a run split with --shard I/N into exactly what one
    /// process would have printed (docs/SCALE.md).
    Merge(merge::Args),
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

/// The rule files, and the one scenario a command asks about. A command whose `--scenario`
/// reads otherwise (other help, or conflicts) keeps a field of its own: a shared flag
/// changed with `mut_arg` moves to the end of the completion scripts.
#[derive(Debug, Args)]
pub struct Target {
    /// Rule files or directories of them.
    #[command(flatten)]
    pub paths: Paths,
    /// The scenario (default: `default`, or the only scenario).
    #[arg(long, short)]
    pub scenario: Option<String>,
}

impl Target {
    /// The scenario's name: the one asked for (checked), else `default`, else the only one.
    pub fn pick(&self, analysis: &augur::Analysis) -> Result<String, augur::Error> {
        super::pick_scenario(analysis, self.scenario.as_deref())
    }
}

/// Ad-hoc lines extending the scenario (`--assume`, `--assume-not`), and the limits every
/// run of the command is held to.
#[derive(Debug, Args)]
pub struct Runs {
    /// Ad-hoc assumptions, extending the scenario.
    #[command(flatten)]
    pub assume: Assume,
    /// Evaluation limits.
    #[command(flatten)]
    pub limits: Limits,
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
