//! `augur why-not`: what is missing for an atom to hold.

use serde::Serialize;

use augur::Analysis;
use augur::adhoc::{self, Shown};
use augur::explain::why_not::MissSearch;
use augur::explain::{self, render};

use super::args::{Format, Output, Runs, Target};
use super::{Outcome, json, with_analysis};

/// Bounds on a why-not answer.
#[derive(Debug, clap::Args)]
pub struct SearchBounds {
    /// How many rule levels to descend (at most 30).
    #[arg(long, default_value_t = augur::explain::Bounds::DEPTH as u16,
          value_parser = clap::value_parser!(u16).range(0..=augur::explain::why_not::MAX_DEPTH as i64))]
    pub depth: u16,
    /// How many rules to show per atom; the rest are counted.
    #[arg(long, default_value_t = augur::explain::Bounds::RULES)]
    pub max_rules: usize,
    /// How many atoms and premises the tree shows at most; atoms past it are counted.
    #[arg(long, default_value_t = augur::explain::Bounds::NODES)]
    pub max_nodes: usize,
    /// How many what-if evaluations the search for nearest misses makes at most.
    #[arg(long, default_value_t = augur::explain::Bounds::MISS_RUNS)]
    pub max_what_if: usize,
}

impl SearchBounds {
    /// The explain bounds these flags ask for.
    pub fn bounds(&self) -> augur::explain::Bounds {
        augur::explain::Bounds {
            depth: usize::from(self.depth),
            rules: self.max_rules,
            nodes: self.max_nodes,
            miss_runs: self.max_what_if,
            ..Default::default()
        }
    }
}

/// `augur why-not`'s arguments.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The atom, as one word in the language's syntax.
    pub atom: String,
    /// Rule files, and the scenario.
    #[command(flatten)]
    pub target: Target,
    /// Bounds on the answer.
    #[command(flatten)]
    pub bounds: SearchBounds,
    /// Ad-hoc assumptions extending the scenario, and evaluation limits (what-if runs are
    /// held to them too).
    #[command(flatten)]
    pub runs: Runs,
    /// Output format.
    #[command(flatten)]
    pub output: Output,
}

/// The JSON answer, its keys in the order the README documents.
#[derive(Serialize)]
struct Answer<'a, T: Serialize> {
    atom: &'a str,
    scenario: &'a str,
    /// The ad-hoc lines extending the scenario (`--assume`), when there are any.
    #[serde(skip_serializing_if = "Option::is_none")]
    adhoc: Option<&'a Shown>,
    nearest_misses: &'a [Vec<String>],
    miss_search: &'a MissSearch,
    nodes_cut: usize,
    tree: T,
}

/// Runs `augur why-not`.
pub fn command(args: &Args, format: Format) -> Outcome {
    with_analysis(&args.target.paths, format, |a| why_not(a, args, format))
}

fn why_not(analysis: &Analysis, args: &Args, format: Format) -> Result<Outcome, augur::Error> {
    let scenario = args.target.pick(analysis)?;
    let change = args.runs.assume.what_if(analysis)?;
    // One session, planned once, evaluates the scenario and every what-if run of the
    // nearest misses (each on top of the ad-hoc lines: they start from the model's inputs).
    let session = analysis.session();
    let id = session.scenario(&scenario)?;
    let model = adhoc::run(&session, id, &change, &args.runs.limits.options())?;
    let atom = analysis.atom(&args.atom)?;
    let answer = explain::why_not_with(session.engine(), &model, &atom, &args.bounds.bounds());
    let adhoc = Shown::new(analysis.program(), &change);
    let stdout = match format {
        Format::Json => json(&Answer {
            atom: &answer.tree.atom,
            scenario: &scenario,
            adhoc: (!change.is_empty()).then_some(&adhoc),
            nearest_misses: &answer.nearest_misses,
            miss_search: &answer.miss_search,
            nodes_cut: answer.nodes_cut,
            tree: &answer.tree,
        }),
        Format::Text | Format::Tap | Format::Junit => {
            render::why_not_text(&answer, &adhoc.name(&scenario))
        }
    };
    Ok(Outcome::ok(stdout))
}
