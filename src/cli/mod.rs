//! The command line: parses arguments, runs one command over the library, and returns what
//! to print and the exit code. Nothing here prints; `main` does.

pub mod args;
mod check;
mod diff;
mod run;
mod test;
mod why;
mod why_not;

use std::process::ExitCode;

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, JSONReportHandler};

use args::{Cli, Command, Format};
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
            stderr: render(problems, format),
            code: BAD_INPUT,
        }
    }

    /// The process exit code.
    pub fn exit_code(&self) -> ExitCode {
        ExitCode::from(self.code)
    }
}

/// Renders a diagnostic as a miette report (text) or miette's JSON.
pub fn render(diagnostic: &dyn Diagnostic, format: Format) -> String {
    let mut out = String::new();
    let result = match format {
        Format::Json => JSONReportHandler::new().render_report(&mut out, diagnostic),
        Format::Text | Format::Tap | Format::Junit => {
            let color = std::env::var_os("NO_COLOR").is_none()
                && std::io::IsTerminal::is_terminal(&std::io::stderr());
            let theme = if color {
                GraphicalTheme::unicode()
            } else {
                GraphicalTheme::unicode_nocolor()
            };
            GraphicalReportHandler::new_themed(theme)
                .with_width(100)
                .with_links(false)
                .render_report(&mut out, diagnostic)
        }
    };
    if result.is_err() {
        out = diagnostic.to_string();
    }
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// Runs the command line.
pub fn main(cli: Cli) -> Outcome {
    let format = cli.format;
    if format.test_only() && !matches!(cli.command, Command::Test { .. }) {
        let stderr =
            "error: `--format tap` and `--format junit` are for `augur test`; use text or json\n"
                .to_owned();
        return Outcome {
            stdout: String::new(),
            stderr,
            code: BAD_INPUT,
        };
    }
    match cli.command {
        Command::Check {
            paths,
            deny_warnings,
            sources,
            require_sources,
        } => {
            let sources = augur::program::SourceOptions {
                dirs: sources,
                require: require_sources,
            };
            check::check(&paths.paths, deny_warnings, &sources, format)
        }
        Command::Run {
            paths,
            scenario,
            all,
            stats,
            profile,
            no_provenance,
            limits,
        } => {
            let provenance = !no_provenance;
            let request = run::Request {
                scenario: scenario.as_deref(),
                all,
                stats,
                profile,
                provenance,
                limits: &limits,
            };
            run::run(&paths.paths, &request, format)
        }
        Command::Why {
            atom,
            paths,
            scenario,
            all_proofs,
            max_proofs,
            depth,
            limits,
        } => with_analysis(&paths.paths, format, |a| {
            let request = why::Request {
                atom: &atom,
                scenario: scenario.as_deref(),
                all_proofs,
                max_proofs,
                depth,
                limits: &limits,
            };
            why::why(a, &request, format)
        }),
        Command::Test {
            paths,
            filter,
            snapshot,
            bless,
            coverage,
            limits,
        } => with_analysis(&paths.paths, format, |a| {
            let request = test::Request {
                filter: filter.as_deref(),
                snapshot: snapshot.as_deref(),
                bless,
                coverage,
                limits: &limits,
            };
            test::test(a, &request, format)
        }),
        Command::Diff {
            from,
            to,
            paths,
            explain,
            limits,
        } => with_analysis(&paths.paths, format, |a| {
            diff::diff(a, &from, &to, explain, &limits, format)
        }),
        Command::WhyNot {
            atom,
            paths,
            scenario,
            depth,
            limits,
        } => with_analysis(&paths.paths, format, |a| {
            let request = why_not::Request {
                atom: &atom,
                scenario: scenario.as_deref(),
                depth,
                limits: &limits,
            };
            why_not::why_not(a, &request, format)
        }),
    }
}

/// Loads and checks the files, then runs `f`; warnings go to stderr ahead of its output.
fn with_analysis(
    paths: &[std::path::PathBuf],
    format: Format,
    f: impl FnOnce(&Analysis) -> Result<Outcome, augur::Error>,
) -> Outcome {
    let mut analysis = match Analysis::load(paths) {
        Ok(a) => a,
        Err(problems) => return Outcome::problems(&problems, format),
    };
    let warnings = analysis.take_warnings();
    let mut outcome = match f(&analysis) {
        Ok(o) => o,
        Err(e) => Outcome::problems(&Problems::from(e), format),
    };
    outcome.stderr = format!("{}{}", render_warnings(warnings, format), outcome.stderr);
    outcome
}

/// Warnings as one report for stderr, or nothing when there are none.
fn render_warnings(warnings: Vec<augur::program::CheckError>, format: Format) -> String {
    if warnings.is_empty() {
        return String::new();
    }
    render(
        &Problems::new(warnings.into_iter().map(augur::Error::from).collect()),
        format,
    )
}

/// The scenario a command runs when the user names none: `default` if declared, else the
/// only scenario; otherwise the user must choose.
fn pick_scenario(analysis: &Analysis, asked: Option<&str>) -> Result<String, augur::Error> {
    if let Some(name) = asked {
        analysis.scenario(name)?;
        return Ok(name.to_owned());
    }
    let scenarios = &analysis.program().scenarios;
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
    let mut s =
        serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}
