//! `augur indicators`: what to watch, the declared indicators by the scenarios.

use augur::Analysis;
use augur::program::ScenarioId;

use super::args::{Format, Limits, Output, Paths};
use super::{Outcome, json, with_analysis};

/// `augur indicators`'s arguments.
#[derive(Debug, clap::Args)]
pub struct Args {
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

/// Runs `augur indicators`.
pub fn command(args: &Args, format: Format) -> Outcome {
    with_analysis(&args.paths, format, |a| {
        indicators(a, &args.scenario, &args.limits, format)
    })
}

fn indicators(
    analysis: &Analysis,
    scenarios: &[String],
    limits: &Limits,
    format: Format,
) -> Result<Outcome, augur::Error> {
    let session = analysis.session();
    let ids = scenarios
        .iter()
        .map(|name| session.scenario(name))
        .collect::<Result<Vec<ScenarioId>, _>>()?;
    let matrix = augur::indicators::matrix(&session, &ids, &limits.options())?;
    Ok(Outcome::ok(match format {
        Format::Json => json(&matrix.report()),
        // On a terminal, blocks of columns that fit its width: wrapping would break each
        // row across the columns.
        Format::Text | Format::Tap | Format::Junit => {
            matrix.report().text_within(super::Style::get().text_width)
        }
    }))
}
