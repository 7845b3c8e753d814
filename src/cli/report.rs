//! `augur report`: the whole analysis as one self-contained HTML page (every scenario, the
//! matrix of key conclusions, proofs, diffs, the cited sources), on stdout or written
//! atomically to a file.

use std::path::PathBuf;

use augur::Analysis;

use super::args::{Format, Limits, Paths};
use super::{Outcome, with_analysis};

/// `augur report`'s arguments.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Rule files or directories of them.
    #[command(flatten)]
    pub paths: Paths,
    /// Write the page to FILE (atomically: a temporary file, then a rename) instead of
    /// stdout.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Show how each scenario compares with its golden snapshot in DIR (as `augur test
    /// --snapshot DIR` compares them; nothing in DIR is written).
    #[arg(long, value_name = "DIR")]
    pub snapshot: Option<PathBuf>,
    /// Bounds on the probabilities.
    #[command(flatten)]
    pub prob_limits: super::prob::ProbLimits,
    /// Evaluation limits.
    #[command(flatten)]
    pub limits: Limits,
}

/// Runs `augur report`.
pub fn command(args: &Args, format: Format) -> Outcome {
    with_analysis(&args.paths, format, |a| report(a, args, format))
}

fn report(analysis: &Analysis, args: &Args, format: Format) -> Result<Outcome, augur::Error> {
    let options = args.limits.options();
    let models = analysis.run_all(&options)?;
    let mut report = augur::report::build(&models);
    augur::report::probabilities(&mut report, &models, &args.prob_limits.limits(&options));
    report.key_assumptions = augur::report::key_assumptions(&analysis.session(), &options)?;
    report.sources = augur::report::sources(analysis.program(), &args.paths.source_options());
    if let Some(dir) = &args.snapshot {
        match augur::report::snapshots(dir, &models) {
            Ok(compared) => report.extras.snapshots = Some((dir.display().to_string(), compared)),
            Err(e) => {
                return Ok(Outcome {
                    stdout: String::new(),
                    stderr: super::render(&e, format),
                    code: super::BAD_INPUT,
                });
            }
        }
    }
    // The page escapes every piece of the user's text itself (`augur::escape::xml`); the
    // pass the CLI gives text on stdout is then a no-op, and making it here too means the
    // page on stdout and the one written with -o are the same bytes by construction.
    let page = augur::escape::visible_lines(&augur::report::html(&report)).into_owned();
    match &args.output {
        Some(path) => {
            augur::output::write(path, &page)?;
            Ok(Outcome::ok(String::new()))
        }
        None => Ok(Outcome::ok(page)),
    }
}
