//! `augur diff`: what changes between two scenarios.

use augur::Analysis;
use augur::adhoc::{self, Shown};
use augur::scenario::{self, Diff};
use serde::Serialize;

use super::args::{Format, Output, Paths, Runs};
use super::{Outcome, json, with_analysis};

/// `augur diff`'s arguments.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The first scenario.
    pub from: String,
    /// The second scenario.
    pub to: String,
    /// Rule files or directories of them.
    #[command(flatten)]
    pub paths: Paths,
    /// Print the proofs behind each change.
    #[arg(long)]
    pub explain: bool,
    /// Also give every conclusion's probability in both scenarios, and the change.
    #[arg(long)]
    pub prob: bool,
    /// Bounds on the probabilities.
    #[command(flatten)]
    pub prob_limits: super::prob::ProbLimits,
    /// Ad-hoc assumptions, extending the second scenario: `diff S S --assume X` shows
    /// what assuming X changes in S; and evaluation limits.
    #[command(flatten)]
    pub runs: Runs,
    /// Output format.
    #[command(flatten)]
    pub output: Output,
}

/// Runs `augur diff`.
pub fn command(args: &Args, format: Format) -> Outcome {
    with_analysis(&args.paths, format, |a| diff(a, args, format))
}

fn diff(analysis: &Analysis, args: &Args, format: Format) -> Result<Outcome, augur::Error> {
    let options = args.runs.limits.options();
    let session = analysis.session();
    let from = session.scenario(&args.from)?;
    let to = session.scenario(&args.to)?;
    let change = args.runs.assume.what_if(analysis)?;
    let before = session.run(from, &options)?;
    let after = adhoc::run(&session, to, &change, &options)?;
    let mut d = scenario::diff(&before, &after, args.explain);
    if args.prob {
        let limits = args.prob_limits.limits(&options);
        d.probabilities = Some(scenario::probabilities(&before, &after, &limits)?);
    }
    let adhoc = Shown::new(analysis.program(), &change);
    Ok(Outcome::ok(match format {
        Format::Json if !change.is_empty() => json(&AdHocDiff { diff: &d, adhoc }),
        Format::Json => json(&d),
        Format::Text | Format::Tap | Format::Junit => {
            d.to = adhoc.name(&d.to);
            d.text(args.explain)
        }
    }))
}

/// A diff whose second scenario is ad hoc: `"to"` names the declared scenario, and
/// `"adhoc"` (last) the lines extending it.
#[derive(Serialize)]
struct AdHocDiff<'a, 'p> {
    #[serde(flatten)]
    diff: &'a Diff<'p>,
    adhoc: Shown,
}
