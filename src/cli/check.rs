//! `augur check`: parse and check, report diagnostics and a one-line summary.

use serde::Serialize;

use super::args::{Format, Output, Paths};
use super::{BAD_INPUT, Outcome, json};
use augur::program::{CheckError, ConflictKind, quotes};
use augur::{Analysis, Problems};

/// `augur check`'s arguments.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Rule files or directories of them.
    #[command(flatten)]
    pub paths: Paths,
    /// Treat warnings as errors.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Output format.
    #[command(flatten)]
    pub output: Output,
}

#[derive(Serialize)]
struct Summary {
    ok: bool,
    files: usize,
    rules: usize,
    facts: usize,
    conflicts: usize,
    tensions: usize,
    scenarios: usize,
    tests: usize,
    warnings: usize,
}

/// Runs `augur check`.
pub fn command(args: &Args, format: Format) -> Outcome {
    let (paths, deny_warnings) = (&args.paths, args.deny_warnings);
    let mut analysis = match Analysis::load_with(&paths.paths, &paths.input_limits()) {
        Ok(a) => a,
        Err(problems) => return Outcome::problems(&problems, format),
    };
    let mut found = analysis.take_warnings();
    found.extend(quotes::verify(analysis.program(), &paths.source_options()));
    if found.iter().any(CheckError::is_error) {
        return Outcome::problems(
            &Problems::new(found.into_iter().map(augur::Error::from).collect()),
            format,
        );
    }
    let notes = found.iter().filter(|d| !d.is_warning()).count();
    let warnings = found;
    let p = analysis.program();
    let count = |kind| p.conflicts().iter().filter(|c| c.kind == kind).count();
    let summary = Summary {
        ok: warnings.len() == notes || !deny_warnings,
        files: p.sources().iter().count(),
        rules: p.rules().len(),
        facts: p.facts().len(),
        conflicts: count(ConflictKind::Conflict),
        tensions: count(ConflictKind::Tension),
        scenarios: p.scenarios().len(),
        tests: p.tests().len(),
        warnings: warnings.len() - notes,
    };
    let stdout = match format {
        Format::Json => json(&summary),
        Format::Text | Format::Tap | Format::Junit => {
            let plural = augur::program::suggest::count;
            let verdict = if summary.ok { "ok" } else { "failed" };
            // Tensions are listed only when there are some, as most programs have none.
            let conflicts = match summary.tensions {
                0 => plural(summary.conflicts, "conflict"),
                n => format!(
                    "{}, {}",
                    plural(summary.conflicts, "conflict"),
                    plural(n, "tension")
                ),
            };
            format!(
                "{verdict}: {}, {}, {}, {conflicts}, {}, {}, {}\n",
                plural(summary.files, "file"),
                plural(summary.rules, "rule"),
                plural(summary.facts, "fact"),
                plural(summary.scenarios, "scenario"),
                plural(summary.tests, "test"),
                plural(summary.warnings, "warning"),
            )
        }
    };
    let stderr = super::render_warnings(warnings, format);
    Outcome {
        stdout,
        stderr,
        code: if summary.ok { super::OK } else { BAD_INPUT },
    }
}
