//! `augur ach`: Heuer's matrix of the scenarios against the evidence.

use augur::Analysis;
use augur::program::ScenarioId;

use super::args::{Format, Limits, Output, Paths};
use super::{BAD_INPUT, Outcome, json, render, with_analysis};

/// `augur ach`'s arguments.
#[derive(Debug, clap::Args)]
pub struct Args {
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

/// Runs `augur ach`.
pub fn command(args: &Args, format: Format) -> super::Outcome {
    with_analysis(&args.paths, format, |a| {
        ach(a, &args.scenarios, &args.limits, format)
    })
}

fn ach(
    analysis: &Analysis,
    scenarios: &[String],
    limits: &Limits,
    format: Format,
) -> Result<Outcome, augur::Error> {
    let ids: Vec<ScenarioId> = scenarios
        .iter()
        .map(|s| analysis.scenario(s))
        .collect::<Result<_, _>>()?;
    let program = analysis.program();
    if program.observations().is_empty() {
        return Ok(Outcome {
            stdout: String::new(),
            stderr: render(&augur::ach::NoEvidence, format),
            code: BAD_INPUT,
        });
    }
    let matrix = augur::ach::analyse(&analysis.session(), &ids, &limits.options())?;
    Ok(Outcome::ok(match format {
        Format::Json => json(&matrix.json(program)),
        Format::Text | Format::Tap | Format::Junit => matrix.text(program),
    }))
}
