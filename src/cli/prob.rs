//! `augur prob`: how likely an atom is, all arguments together.

use serde::Serialize;

use augur::prob::{self, Limits};
use augur::{Analysis, Likelihood};

use super::args::{Format, Limits as EvalLimits, Output, Paths};
use super::{Outcome, json, pick_scenario, with_analysis};

/// `augur prob`'s arguments.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The atom, as one word in the language's syntax.
    pub atom: String,
    /// Rule files or directories of them.
    #[command(flatten)]
    pub paths: Paths,
    /// The scenario (default: `default`, or the only scenario).
    #[arg(long, short)]
    pub scenario: Option<String>,
    /// Compute exactly, or stop with an error past --max-nodes (every answer is exact for now).
    #[arg(long)]
    pub exact: bool,
    /// Bounds on the probability.
    #[command(flatten)]
    pub prob: ProbLimits,
    /// Evaluation limits.
    #[command(flatten)]
    pub limits: EvalLimits,
    /// Output format.
    #[command(flatten)]
    pub output: Output,
}

/// Bounds on exact probabilities.
#[derive(Debug, clap::Args)]
pub struct ProbLimits {
    /// The most decision-diagram nodes an exact probability may hold (docs/LIMITS.md).
    #[arg(long, default_value_t = augur::prob::Limits::DEFAULT_MAX_NODES)]
    pub max_nodes: usize,
}

impl ProbLimits {
    /// The library's bounds these flags ask for.
    pub fn limits(&self) -> Limits {
        Limits {
            max_nodes: self.max_nodes,
        }
    }
}

/// How the probability was computed.
#[derive(Serialize, Clone, Copy)]
#[serde(rename_all = "snake_case")]
enum Method {
    Exact,
}

#[derive(Serialize)]
struct Answer {
    atom: String,
    scenario: String,
    probability: f64,
    /// The ICD 203 band it falls in (`null` for 0).
    likelihood: Option<Likelihood>,
    method: Method,
    /// `[p, p]` for an exact answer.
    interval: [f64; 2],
}

/// Runs `augur prob`.
pub fn command(args: &Args, format: Format) -> Outcome {
    with_analysis(&args.paths, format, |a| prob(a, args, format))
}

fn prob(analysis: &Analysis, args: &Args, format: Format) -> Result<Outcome, augur::Error> {
    let scenario = pick_scenario(analysis, args.scenario.as_deref())?;
    let atom = analysis.atom(&args.atom)?;
    let session = analysis.session();
    let model = session.run_named(&scenario, &args.limits.options())?;
    let answer = prob::exact(&model, &atom, &args.prob.limits())?;
    let p = answer.probability;
    let shown = analysis.program().show_atom(&atom);
    let likelihood = answer.likelihood;
    Ok(Outcome::ok(match format {
        Format::Json => json(&Answer {
            atom: shown,
            scenario,
            probability: p,
            likelihood,
            method: Method::Exact,
            interval: [p, p],
        }),
        Format::Text | Format::Tap | Format::Junit => {
            let band = likelihood.map_or("holds in no world".to_owned(), |l| l.to_string());
            let plural = |n: usize, what: &str| match n {
                1 => format!("1 {what}"),
                n => format!("{n} {what}s"),
            };
            format!(
                "{shown}: {p:.4} ({band}) in scenario {scenario}\n  exact: {}, {}\n",
                plural(answer.choices, "independent choice"),
                plural(answer.nodes, "decision-diagram node")
            )
        }
    }))
}
