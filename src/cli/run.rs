//! `augur run`: what holds in one scenario or in all of them.

use augur::Analysis;
use augur::engine::Options;
use augur::scenario::{RunReport, ScenarioReport};

use super::args::{Format, Limits};
use super::{Outcome, json};

pub fn run(
    analysis: &Analysis,
    scenario: Option<&str>,
    all: bool,
    limits: &Limits,
    format: Format,
) -> Result<Outcome, augur::Error> {
    let options = Options {
        max_derived: limits.max_derived,
    };
    let has_default = analysis.program().scenario_named("default").is_some();
    let models = match scenario {
        Some(name) => vec![analysis.run(name, &options)?],
        None if has_default && !all => vec![analysis.run("default", &options)?],
        None => analysis.run_all(&options)?,
    };
    let report = RunReport {
        scenarios: models.iter().map(ScenarioReport::new).collect(),
    };
    Ok(Outcome::ok(match format {
        Format::Json => json(&report),
        Format::Text | Format::Tap | Format::Junit => report.text(),
    }))
}
