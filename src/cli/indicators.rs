//! `augur indicators`: what to watch, the declared indicators by the scenarios.

use augur::Analysis;
use augur::program::ScenarioId;

use super::args::{Format, Indicators, Limits};
use super::{Outcome, json, with_analysis};

/// Runs `augur indicators`.
pub fn command(args: &Indicators, format: Format) -> Outcome {
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
