//! `augur query PATTERN`: every atom of a scenario (or of all) that matches a pattern with
//! variables, with its likelihood.

use augur::adhoc::{self, Shown};
use augur::query::{Pattern, QueryReport};
use augur::{Analysis, program::ScenarioId};

use super::args::{Format, Output, Paths, Runs};
use super::{Outcome, json, pick_scenario, with_analysis};

/// `augur query`'s arguments.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The pattern, as one word in the language's syntax with `?name` where any value
    /// goes, e.g. '?who fills_gap_in latam_security'.
    pub pattern: String,
    /// Rule files or directories of them.
    #[command(flatten)]
    pub paths: Paths,
    /// The scenario (default: `default`, or the only scenario).
    #[arg(long, short, conflicts_with = "all")]
    pub scenario: Option<String>,
    /// Ask every scenario, in declaration order.
    #[arg(long)]
    pub all: bool,
    /// Assumptions of an ad-hoc scenario extending the one asked (each one, with --all),
    /// and evaluation limits.
    #[command(flatten)]
    pub runs: Runs,
    /// Output format.
    #[command(flatten)]
    pub output: Output,
}

/// Runs `augur query`.
pub fn command(args: &Args, format: Format) -> Outcome {
    with_analysis(&args.paths, format, |a| query(a, args, format))
}

fn query(analysis: &Analysis, args: &Args, format: Format) -> Result<Outcome, augur::Error> {
    let pattern = Pattern::parse(analysis.program(), &args.pattern)?;
    let change = args.runs.assume.what_if(analysis)?;
    let ids: Vec<ScenarioId> = if args.all {
        (0..analysis.program().scenarios().len())
            .map(ScenarioId::from_index)
            .collect()
    } else {
        vec![analysis.scenario(&pick_scenario(analysis, args.scenario.as_deref())?)?]
    };
    let session = analysis.session();
    let options = args.runs.limits.options();
    let models = if change.is_empty() {
        session.run_scenarios(&ids, &options)?
    } else {
        ids.iter()
            .map(|&id| adhoc::run(&session, id, &change, &options))
            .collect::<Result<Vec<_>, _>>()?
    };
    let report = QueryReport::new(&models, &pattern, args.all)
        .with_adhoc(Shown::new(analysis.program(), &change));
    Ok(Outcome::ok(match format {
        Format::Json => json(&report),
        Format::Text | Format::Tap | Format::Junit => report.text(),
    }))
}
