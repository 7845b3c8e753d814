//! `augur abduce [not] ATOM`: every minimal set of changes to a scenario that makes an atom
//! hold, or stop holding.

use std::path::PathBuf;

use augur::Analysis;
use augur::abduce::{self, Goal, Question, render};
use augur::adhoc::Shown;

use super::args::{Format, Output, Paths, Runs};
use super::{Outcome, json, pick_scenario, with_analysis};

/// `augur abduce`'s arguments.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The atom, as one word in the language's syntax; `not ATOM` (one word or two)
    /// asks what would make it stop holding.
    pub atom: String,
    /// Rule files or directories of them.
    #[command(flatten)]
    pub paths: Paths,
    /// The scenario to change (default: `default`, or the only scenario).
    #[arg(long, short)]
    pub scenario: Option<String>,
    /// Bounds on the search.
    #[command(flatten)]
    pub bounds: SearchBounds,
    /// Ad-hoc lines extending the scenario, before any set is tried, and evaluation limits
    /// (every what-if run is held to them).
    #[command(flatten)]
    pub runs: Runs,
    /// Output format.
    #[command(flatten)]
    pub output: Output,
}

/// Bounds on an abduction.
#[derive(Debug, clap::Args)]
pub struct SearchBounds {
    /// The largest set of changes tried (1 to 6).
    #[arg(long, default_value_t = augur::abduce::Bounds::MAX_SIZE as u16,
          value_parser = clap::value_parser!(u16).range(1..=augur::abduce::Bounds::MAX_MAX_SIZE as i64))]
    pub max_size: u16,
    /// The most sets listed; the answer says when more exist.
    #[arg(long, default_value_t = augur::abduce::Bounds::LIMIT,
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..))]
    pub limit: usize,
    /// Also try `forbid` changes (`assume not`) on atoms other than the one asked about.
    #[arg(long)]
    pub interventions: bool,
    /// How many what-if runs the search makes at most.
    #[arg(long, default_value_t = augur::abduce::Bounds::MAX_RUNS)]
    pub max_what_if: usize,
}

impl SearchBounds {
    /// The library's bounds these flags ask for.
    pub fn bounds(&self) -> augur::abduce::Bounds {
        augur::abduce::Bounds {
            max_size: usize::from(self.max_size),
            limit: self.limit,
            interventions: self.interventions,
            max_runs: self.max_what_if,
        }
    }
}

/// Runs `augur abduce` with its arguments.
pub fn command(mut args: Args, format: Format) -> Outcome {
    split_not(&mut args);
    with_analysis(&args.paths, format, |a| abduce(a, &args, format))
}

/// `abduce not ATOM [PATHS]` as two words: the atom is the first path (clap fills in
/// `rules` when no path follows, which then reads as the atom and is refused as one).
/// Leaves the atom with its `not `, and the paths after it.
fn split_not(args: &mut Args) {
    let paths = &mut args.paths.paths;
    if args.atom != "not" || paths.is_empty() {
        return;
    }
    let first = paths.remove(0);
    if paths.is_empty() {
        paths.push(PathBuf::from("rules"));
    }
    args.atom = format!("not {}", first.to_string_lossy());
}

fn abduce(analysis: &Analysis, args: &Args, format: Format) -> Result<Outcome, augur::Error> {
    let scenario = pick_scenario(analysis, args.scenario.as_deref())?;
    let (goal, text) = match args.atom.trim_start().strip_prefix("not ") {
        Some(rest) => (Goal::StopsHolding, rest),
        None => (Goal::Holds, args.atom.as_str()),
    };
    let atom = analysis.atom(text)?;
    let base = args.runs.assume.what_if(analysis)?;
    let session = analysis.session();
    let id = session.scenario(&scenario)?;
    let question = Question { atom, goal, base };
    let (bounds, options) = (args.bounds.bounds(), args.runs.limits.options());
    let answer = abduce::abduce(&session, id, &question, &bounds, &options)?;
    let program = analysis.program();
    let adhoc = Shown::new(program, &question.base);
    let stdout = match format {
        Format::Json => {
            let shown = (!question.base.is_empty()).then_some(&adhoc);
            json(&render::report(&answer, program, &scenario, shown))
        }
        Format::Text | Format::Tap | Format::Junit => {
            render::text(&answer, program, &adhoc.name(&scenario))
        }
    };
    Ok(Outcome::ok(stdout))
}
