//! `augur query PATTERN`: every atom of a scenario (or of all) that matches a pattern with
//! variables, with its likelihood.

use augur::query::{Pattern, QueryReport};
use augur::{Analysis, program::ScenarioId};

use super::args::{Format, Limits};
use super::{Outcome, json, pick_scenario};

pub struct Request<'a> {
    pub pattern: &'a str,
    pub scenario: Option<&'a str>,
    pub all: bool,
    pub limits: &'a Limits,
}

pub fn query(
    analysis: &Analysis,
    req: &Request<'_>,
    format: Format,
) -> Result<Outcome, augur::Error> {
    let pattern = Pattern::parse(analysis.program(), req.pattern)?;
    let ids: Vec<ScenarioId> = if req.all {
        (0..analysis.program().scenarios().len())
            .map(ScenarioId::from_index)
            .collect()
    } else {
        vec![analysis.scenario(&pick_scenario(analysis, req.scenario)?)?]
    };
    let models = analysis.run_scenarios(&ids, &req.limits.options())?;
    let report = QueryReport::new(&models, &pattern, req.all);
    Ok(Outcome::ok(match format {
        Format::Json => json(&report),
        Format::Text | Format::Tap | Format::Junit => report.text(),
    }))
}
