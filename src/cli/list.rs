//! `augur list KIND`: the names the rule files declare, so that an analyst can find them
//! without reading the files.

use augur::Analysis;
use augur::catalog;

use super::args::{Format, Limits, Output, Paths};
use super::{Outcome, json, with_analysis};

/// `augur list`'s arguments.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to list.
    #[arg(value_enum)]
    pub kind: Kind,
    /// Rule files or directories of them.
    #[command(flatten)]
    pub paths: Paths,
    /// Evaluation limits (`atoms` runs every scenario).
    #[command(flatten)]
    pub limits: Limits,
    /// Output format.
    #[command(flatten)]
    pub output: Output,
}

/// What `augur list` lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    /// Scenarios: what each extends, assumes and forbids.
    Scenarios,
    /// Rules: likelihood, place, premises and conclusions.
    Rules,
    /// Predicates: how to write each, and what produces it.
    Predicates,
    /// Atoms that hold in some scenario (every scenario is run), or that the files name.
    Atoms,
    /// Tests and the scenario each checks.
    Tests,
    /// Open questions.
    Open,
    /// Documents and how often each is cited.
    Documents,
    /// Indicators: what one could observe in the world.
    Indicators,
    /// Evidence: the `observed` lines, with their credibility.
    Evidence,
}

/// Runs `augur list`.
pub fn command(args: &Args, format: Format) -> Outcome {
    with_analysis(&args.paths, format, |a| {
        list(a, args.kind, &args.limits, format)
    })
}

fn list(
    analysis: &Analysis,
    kind: Kind,
    limits: &Limits,
    format: Format,
) -> Result<Outcome, augur::Error> {
    let p = analysis.program();
    let listing = match kind {
        Kind::Scenarios => catalog::scenarios(p),
        Kind::Rules => catalog::rules(p),
        Kind::Predicates => catalog::predicates(p),
        Kind::Atoms => catalog::atoms(p, &analysis.run_all(&limits.options())?),
        Kind::Tests => catalog::tests(p),
        Kind::Open => catalog::open(p),
        Kind::Documents => catalog::documents(p),
        Kind::Indicators => catalog::indicators(p),
        Kind::Evidence => catalog::evidence(p),
    };
    Ok(Outcome::ok(match format {
        Format::Json => json(&listing),
        Format::Text | Format::Tap | Format::Junit => listing.text(),
    }))
}
