//! The command line: parses arguments, runs one command over the library, and returns what
//! to print and the exit code. Nothing here prints; `main` does.

mod abduce;
mod ach;
pub mod adhoc;
pub mod args;
mod assumptions;
mod check;
mod completions;
mod diff;
mod explain;
mod fmt;
mod graph;
mod indicators;
mod json_report;
mod list;
mod lsp;
mod man;
mod merge;
mod prob;
mod query;
mod repl;
mod report;
mod run;
mod sensitivity;
mod shard;
mod shown;
mod test;
mod watch;
mod why;
mod why_not;
mod wrap;

use std::io::IsTerminal;
use std::process::ExitCode;
use std::sync::OnceLock;

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme};

use args::{Cli, Color, Command, Format};
use augur::{Analysis, Problems};

/// What a command produced.
pub struct Outcome {
    /// Results, for stdout.
    pub stdout: String,
    /// Diagnostics, for stderr.
    pub stderr: String,
    /// The exit code.
    pub code: u8,
}

/// Exit codes.
pub const OK: u8 = 0;
/// A failed test or expectation, or `why` of an atom that does not hold.
pub const FAILED: u8 = 1;
/// Bad input or usage.
pub const BAD_INPUT: u8 = 2;

impl Outcome {
    fn ok(stdout: String) -> Self {
        Outcome {
            stdout,
            stderr: String::new(),
            code: OK,
        }
    }

    /// Bad input: the diagnostics, exit 2.
    fn problems(problems: &Problems, format: Format) -> Self {
        Outcome {
            stdout: String::new(),
            stderr: render(&problems.capped(Style::get().max_diagnostics), format),
            code: BAD_INPUT,
        }
    }

    /// The process exit code.
    pub fn exit_code(&self) -> ExitCode {
        ExitCode::from(self.code)
    }
}

/// How output looks, decided once from the flags and the terminals before any command
/// runs. A process-wide setting because it belongs to the terminal, not to any command.
#[derive(Clone, Copy, Debug)]
struct Style {
    /// Color in reports.
    color: bool,
    /// No warnings or notes on stderr.
    quiet: bool,
    /// The most diagnostics one report shows (0: all).
    max_diagnostics: usize,
    /// The width reports wrap at.
    report_width: usize,
    /// The width our own text on stdout wraps at; none when stdout is not a terminal, so
    /// that a pipe or a file gets the same bytes whatever the terminal.
    text_width: Option<usize>,
}

/// Reports written anywhere but a terminal wrap here, so they do not depend on where they
/// are written.
const REPORT_WIDTH: usize = 100;

static STYLE: OnceLock<Style> = OnceLock::new();

impl Style {
    fn new(color: Color, quiet: bool, max_diagnostics: usize) -> Self {
        let columns = |stream: &dyn std::os::fd::AsFd| {
            terminal_size::terminal_size_of(stream).map(|(w, _)| usize::from(w.0).max(40))
        };
        let stderr_tty = std::io::stderr().is_terminal();
        Style {
            color: match color {
                Color::Always => true,
                Color::Never => false,
                Color::Auto => std::env::var_os("NO_COLOR").is_none() && stderr_tty,
            },
            quiet,
            max_diagnostics,
            report_width: stderr_tty
                .then(|| columns(&std::io::stderr()))
                .flatten()
                .unwrap_or(REPORT_WIDTH),
            text_width: std::io::stdout()
                .is_terminal()
                .then(|| columns(&std::io::stdout()))
                .flatten(),
        }
    }

    fn get() -> Style {
        STYLE.get().copied().unwrap_or(Style {
            color: false,
            quiet: false,
            max_diagnostics: augur::DEFAULT_MAX_DIAGNOSTICS,
            report_width: REPORT_WIDTH,
            text_width: None,
        })
    }
}

/// Renders a diagnostic as a miette report (text, the user's text in it escaped) or
/// miette's JSON.
pub fn render(diagnostic: &dyn Diagnostic, format: Format) -> String {
    let mut out = String::new();
    let result = match format {
        Format::Json => {
            out = json_report::render(diagnostic);
            Ok(())
        }
        Format::Text | Format::Tap | Format::Junit => {
            let style = Style::get();
            let theme = if style.color {
                GraphicalTheme::unicode()
            } else {
                GraphicalTheme::unicode_nocolor()
            };
            GraphicalReportHandler::new_themed(theme)
                .with_width(style.report_width)
                .with_links(false)
                .render_report(&mut out, &shown::Shown::new(diagnostic))
        }
    };
    if result.is_err() {
        out = augur::escape::visible(&diagnostic.to_string()).into_owned();
    }
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// Runs the command line.
pub fn main(cli: Cli) -> Outcome {
    let format = cli.format();
    // The text `augur fmt -` writes is the user's file: byte for byte, never escaped or
    // wrapped. So are a completion script and a manual page (programs' input), and a shard
    // file (data for `augur merge`, which escapes and wraps what it prints).
    let verbatim = matches!(&cli.command, Command::Fmt(a) if a.is_stdin())
        || matches!(cli.command, Command::Completions(_) | Command::Man(_))
        || matches!(&cli.command, Command::Run(a) if a.shard.is_some())
        || matches!(&cli.command, Command::Prob(a) if a.shard.is_some());
    // A picture is a document in its own format, escaped by its renderer: never wrapped.
    let wraps = !matches!(cli.command, Command::Graph(_) | Command::Report(_)) && !verbatim;
    let _ = STYLE.set(Style::new(cli.color, cli.quiet, cli.max_diagnostics));
    polish(dispatch(cli.command, format), format, verbatim, wraps)
}

/// What every command's output goes through before it is printed (`--watch` prints each
/// run's as it comes).
fn polish(mut outcome: Outcome, format: Format, verbatim: bool, wraps: bool) -> Outcome {
    // Each renderer escapes the user's text it quotes; this catches any path that did not
    // (a folder named on the command line, say), so that no hidden character of the user's
    // reaches a terminal. Idempotent on escaped text. JSON keeps its data as it is (JSON
    // escapes controls itself), and JUnit escapes its own.
    if !verbatim && matches!(format, Format::Text | Format::Tap) {
        outcome.stdout = augur::escape::visible_lines(&outcome.stdout).into_owned();
    }
    if format != Format::Json && !Style::get().color {
        outcome.stderr = augur::escape::visible_lines(&outcome.stderr).into_owned();
    }
    if format == Format::Text
        && wraps
        && let Some(width) = Style::get().text_width
    {
        outcome.stdout = wrap::wrap(&outcome.stdout, width);
    }
    outcome
}

/// Runs a command; each lives in its own module, with its arguments.
fn dispatch(command: Command, format: Format) -> Outcome {
    match command {
        Command::Check(args) => check::command(&args, format),
        Command::Run(args) => run::command(&args, format),
        Command::Why(args) => why::command(&args, format),
        Command::Test(args) => test::command(&args, format),
        Command::Diff(args) => diff::command(&args, format),
        Command::WhyNot(args) => why_not::command(&args, format),
        Command::Query(args) => query::command(&args, format),
        Command::Indicators(args) => indicators::command(&args, format),
        Command::Ach(args) => ach::command(&args, format),
        Command::List(args) => list::command(&args, format),
        Command::Abduce(args) => abduce::command(args, format),
        Command::Assumptions(args) => assumptions::command(args, format),
        Command::Prob(args) => prob::command(&args, format),
        Command::Sensitivity(args) => sensitivity::command(&args, format),
        Command::Graph(args) => graph::command(&args, format),
        Command::Fmt(args) => fmt::command(&args, format),
        Command::Report(args) => report::command(&args, format),
        Command::Lsp(args) => lsp::command(&args, format),
        Command::Explain(args) => explain::command(&args, format),
        Command::Repl(args) => repl::command(&args, format),
        Command::Completions(args) => completions::command(&args, format),
        Command::Man(args) => man::command(&args, format),
        Command::Merge(args) => merge::command(&args, format),
    }
}

/// Loads and checks the files, then runs `f`; warnings go to stderr ahead of its output.
fn with_analysis(
    paths: &args::Paths,
    format: Format,
    f: impl FnOnce(&Analysis) -> Result<Outcome, augur::Error>,
) -> Outcome {
    let (analysis, warnings) = match loaded(paths, format) {
        Ok(loaded) => loaded,
        Err(outcome) => return outcome,
    };
    let mut outcome = match f(&analysis) {
        Ok(o) => o,
        Err(e) => Outcome::problems(&Problems::from(e), format),
    };
    outcome.stderr = format!("{}{}", render_warnings(warnings, format), outcome.stderr);
    outcome
}

/// Loads and checks the files and verifies their citations (see [`verified`]): the analysis
/// and the warnings to report, or the outcome of bad input.
fn loaded(
    paths: &args::Paths,
    format: Format,
) -> Result<(Analysis, Vec<augur::program::CheckError>), Outcome> {
    let mut analysis = Analysis::load_with(&paths.paths, &paths.input_limits())
        .map_err(|problems| Outcome::problems(&problems, format))?;
    let warnings = verified(&mut analysis, paths, format)?;
    Ok((analysis, warnings))
}

/// The checker's warnings and the citations' verification: the warnings to report, or
/// the outcome of bad input when any of them is an error (`--require-sources`). Notes
/// that a document's text was not found are for `check`; other commands verify what
/// they can find and say nothing of the rest.
fn verified(
    analysis: &mut Analysis,
    paths: &args::Paths,
    format: Format,
) -> Result<Vec<augur::program::CheckError>, Outcome> {
    let mut found = analysis.take_warnings();
    found.extend(
        augur::program::quotes::verify(analysis.program(), &paths.source_options())
            .into_iter()
            .filter(|d| d.is_error() || d.is_warning()),
    );
    if found.iter().any(augur::program::CheckError::is_error) {
        let all = found.into_iter().map(augur::Error::from).collect();
        return Err(Outcome::problems(&Problems::new(all), format));
    }
    Ok(found)
}

/// Warnings as one report for stderr, or nothing when there are none or `--quiet`.
fn render_warnings(warnings: Vec<augur::program::CheckError>, format: Format) -> String {
    if warnings.is_empty() || Style::get().quiet {
        return String::new();
    }
    let problems = Problems::new(warnings.into_iter().map(augur::Error::from).collect());
    render(&problems.capped(Style::get().max_diagnostics), format)
}

/// The scenario a command runs when the user names none: `default` if declared, else the
/// only scenario; otherwise the user must choose.
fn pick_scenario(analysis: &Analysis, asked: Option<&str>) -> Result<String, augur::Error> {
    if let Some(name) = asked {
        analysis.scenario(name)?;
        return Ok(name.to_owned());
    }
    let scenarios = &analysis.program().scenarios();
    let only = if scenarios.len() == 1 {
        scenarios.first()
    } else {
        None
    };
    if let Some(s) = scenarios.iter().find(|s| s.name == "default").or(only) {
        return Ok(s.name.clone());
    }
    let names: Vec<&str> = scenarios.iter().map(|s| s.name.as_str()).collect();
    let help = format!(
        "name one with --scenario: {}",
        augur::program::suggest::list(&names)
    );
    Err(augur::Error::ScenarioNeeded { help })
}

fn json(value: &impl serde::Serialize) -> String {
    let mut s = serde_json::to_string_pretty(value)
        .unwrap_or_else(|e| serde_json::json!({ "error": e.to_string() }).to_string());
    s.push('\n');
    s
}
