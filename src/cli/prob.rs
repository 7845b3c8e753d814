//! `augur prob`: how likely an atom is, all arguments together.

use serde::Serialize;

use augur::engine::{Model, Options};
use augur::prob::{self, Limits};
use augur::program::GroundAtom;
use augur::{Analysis, Likelihood};

use super::args::{Format, Limits as EvalLimits, Output, Target};
use super::shard::{self, ShardArg};
use super::{Outcome, json, with_analysis};

/// `augur prob`'s and `augur sensitivity`'s arguments.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The atom, as one word in the language's syntax.
    pub atom: String,
    /// Rule files, and the scenario.
    #[command(flatten)]
    pub target: Target,
    /// Exactly, or an error past --max-nodes (default: sampling then, with a note).
    #[arg(long, conflicts_with = "samples")]
    pub exact: bool,
    /// Bounds on exact probabilities.
    #[command(flatten)]
    pub prob: ProbLimits,
    /// Monte Carlo sampling.
    #[command(flatten)]
    pub sampling: SamplingArgs,
    /// Draw only shard I of N of the sampled worlds (I from 1) and write its counts as a
    /// shard file (JSON) for `augur merge` (docs/SCALE.md).
    #[arg(long, value_name = "I/N", requires = "samples", value_parser = shard::parse)]
    pub shard: Option<ShardArg>,
    /// Evaluation limits.
    #[command(flatten)]
    pub limits: EvalLimits,
    /// Output format.
    #[command(flatten)]
    pub output: Output,
}

/// Bounds on exact probabilities (`augur prob`, `sensitivity`, `run --prob`).
#[derive(Debug, clap::Args)]
pub struct ProbLimits {
    /// The most decision-diagram nodes an exact probability may hold (docs/LIMITS.md).
    #[arg(long, default_value_t = Limits::DEFAULT_MAX_NODES)]
    pub max_nodes: usize,
}

impl ProbLimits {
    /// The library's bounds these flags ask for, held to the evaluation's time budget.
    pub fn limits(&self, options: &augur::engine::Options) -> Limits {
        Limits {
            max_nodes: self.max_nodes,
            deadline: options.timeout.zip(options.started).map(|(t, s)| s + t),
        }
    }
}

/// `--samples` and `--seed`.
#[derive(Debug, clap::Args)]
pub struct SamplingArgs {
    /// Estimate from this many sampled worlds (Monte Carlo) instead of exactly.
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=MAX_SAMPLES))]
    pub samples: Option<u64>,
    /// The seed of the sampled worlds: the same seed gives the same estimate.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
}

/// The most worlds one `--samples` may ask for.
const MAX_SAMPLES: u64 = 1_000_000_000;

/// Worlds drawn when an exact answer is past the bounds and no `--samples` is given.
const FALLBACK_SAMPLES: u64 = 20_000;

/// How the probability was computed.
#[derive(Serialize, Clone, Copy)]
#[serde(rename_all = "snake_case")]
enum Method {
    Exact,
    MonteCarlo,
}

#[derive(Serialize)]
struct Answer {
    atom: String,
    scenario: String,
    probability: f64,
    /// The ICD 203 band it falls in (`null` for 0).
    likelihood: Option<Likelihood>,
    method: Method,
    #[serde(skip_serializing_if = "Option::is_none")]
    samples: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    seed: Option<u64>,
    /// `[p, p]` for an exact answer, the 95% Wilson interval for an estimate.
    interval: [f64; 2],
}

/// Runs `augur prob`.
pub fn command(args: &Args, format: Format) -> Outcome {
    with_analysis(&args.target.paths, format, |a| prob(a, args, format))
}

/// What `prob` and `sensitivity` ask about: the scenario, the atom, and the scenario's run
/// under the options (whose time budget the probabilities share).
pub(super) struct Asked<'a> {
    pub scenario: String,
    pub atom: GroundAtom,
    pub options: Options,
    pub model: Model<'a>,
}

impl Args {
    /// Picks the scenario, reads the atom, then runs the scenario: the first error wins.
    pub(super) fn ask<'a>(&self, analysis: &'a Analysis) -> Result<Asked<'a>, augur::Error> {
        let scenario = self.target.pick(analysis)?;
        let atom = analysis.atom(&self.atom)?;
        let session = analysis.session();
        let options = self.limits.options();
        let model = session.run_named(&scenario, &options)?;
        Ok(Asked {
            scenario,
            atom,
            options,
            model,
        })
    }
}

/// What was computed, and the line that says how.
struct Computed {
    answer: Answer,
    how: String,
}

fn plural(n: u64, what: &str) -> String {
    match n {
        1 => format!("1 {what}"),
        n => format!("{n} {what}s"),
    }
}

/// Runs `sample` with a progress bar on stderr when stderr is a terminal, `--quiet` is not
/// given and the run draws at least [`BAR_FROM`] worlds; the bar is cleared when done.
fn with_bar<T>(sample: impl FnOnce(prob::Progress<'_>) -> T) -> T {
    use std::io::IsTerminal;
    let shown = !super::Style::get().quiet && std::io::stderr().is_terminal();
    let bar = std::sync::OnceLock::new();
    let tell = |done: u64, total: u64| {
        if !shown || total < BAR_FROM {
            return;
        }
        let bar = bar.get_or_init(|| {
            let bar = indicatif::ProgressBar::with_draw_target(
                Some(total),
                indicatif::ProgressDrawTarget::stderr(),
            );
            if let Ok(style) = indicatif::ProgressStyle::with_template(
                "{bar:40} {human_pos}/{human_len} worlds, {per_sec}, {eta} left",
            ) {
                bar.set_style(style);
            }
            bar
        });
        // Blocks finish out of order across threads: the bar never goes back.
        bar.set_position(done.max(bar.position()));
    };
    let out = sample(&tell);
    if let Some(bar) = bar.get() {
        bar.finish_and_clear();
    }
    out
}

/// Worlds a run draws before it shows a progress bar (about half a second of the shipped
/// rules' lineages on one core).
const BAR_FROM: u64 = 10_000_000;

/// The answer and how-line of an estimate.
fn sampled(atom: String, scenario: String, e: &prob::Estimate, why: &str) -> Computed {
    let [lo, hi] = e.interval;
    Computed {
        how: format!(
            "  monte carlo: in {} of {} sampled worlds (seed {}), 95% interval [{lo:.4}, {hi:.4}]{why}\n",
            e.hits, e.samples, e.seed
        ),
        answer: Answer {
            atom,
            scenario,
            probability: e.probability,
            likelihood: e.likelihood,
            method: Method::MonteCarlo,
            samples: Some(e.samples),
            seed: Some(e.seed),
            interval: e.interval,
        },
    }
}

/// The merged shards of a sampling run, printed as the run itself prints its answer.
pub fn merged(s: &shard::ProbShard, hits: u64, format: Format) -> String {
    let part = prob::Part {
        drawn: s.samples,
        hits,
        holds: s.holds,
        certain: s.certain,
    };
    let e = part.estimate(s.samples, s.seed);
    render(&sampled(s.atom.clone(), s.scenario.clone(), &e, ""), format)
}

/// The answer as text or JSON.
fn render(computed: &Computed, format: Format) -> String {
    let a = &computed.answer;
    match format {
        Format::Json => json(a),
        Format::Text | Format::Tap | Format::Junit => {
            let band = a
                .likelihood
                .map_or("holds in no world".to_owned(), |l| l.to_string());
            format!(
                "{}: {:.4} ({band}) in scenario {}\n{}",
                a.atom, a.probability, a.scenario, computed.how
            )
        }
    }
}

fn prob(analysis: &Analysis, args: &Args, format: Format) -> Result<Outcome, augur::Error> {
    let Asked {
        scenario,
        atom,
        options,
        model,
    } = args.ask(analysis)?;
    let shown = analysis.program().show_atom(&atom);
    let sampling = |samples: u64| prob::Sampling {
        samples,
        seed: args.sampling.seed,
        threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
        deadline: options.timeout.zip(options.started).map(|(t, s)| s + t),
    };
    if let (Some(part), Some(samples)) = (args.shard, args.sampling.samples) {
        let found = with_bar(|tell| {
            prob::monte_carlo_with_progress(&model, &atom, &sampling(samples), part.library(), tell)
        })?;
        return Ok(Outcome::ok(shard::write(&shard::ShardFile {
            augur_shard: shard::VERSION,
            fingerprint: shard::fingerprint(analysis),
            shard: part.index,
            shards: part.count,
            body: shard::Body::Prob(shard::ProbShard {
                atom: shown.clone(),
                scenario: scenario.clone(),
                samples,
                seed: args.sampling.seed,
                holds: found.holds,
                certain: found.certain,
                drawn: found.drawn,
                hits: found.hits,
            }),
        })));
    }
    let sample = |samples: u64, why: &str| -> Result<Computed, augur::Error> {
        let s = sampling(samples);
        let e = with_bar(|tell| {
            prob::monte_carlo_with_progress(&model, &atom, &s, prob::Shard::ALL, tell)
        })?
        .estimate(s.samples, s.seed);
        Ok(sampled(shown.clone(), scenario.clone(), &e, why))
    };
    let computed = match args.sampling.samples {
        Some(n) => sample(n, "")?,
        None => match prob::exact(&model, &atom, &args.prob.limits(&options)) {
            Ok(x) => Computed {
                answer: Answer {
                    atom: shown.clone(),
                    scenario: scenario.clone(),
                    probability: x.probability,
                    likelihood: x.likelihood,
                    method: Method::Exact,
                    samples: None,
                    seed: None,
                    interval: [x.probability; 2],
                },
                how: format!(
                    "  exact: {}, {}\n",
                    plural(x.choices as u64, "independent choice"),
                    plural(x.nodes as u64, "decision-diagram node")
                ),
            },
            Err(
                e @ (prob::ProbError::TooManyNodes { .. } | prob::ProbError::TooManyChoices { .. }),
            ) if !args.exact => {
                let why = match e {
                    prob::ProbError::TooManyNodes { limit, .. } => {
                        format!("past --max-nodes {limit}")
                    }
                    _ => format!("more than {} choices", prob::MAX_CHOICES),
                };
                sample(
                    FALLBACK_SAMPLES,
                    &format!("\n  (sampled: an exact answer is {why}; --exact would stop instead)"),
                )?
            }
            Err(e) => return Err(e.into()),
        },
    };
    Ok(Outcome::ok(render(&computed, format)))
}
