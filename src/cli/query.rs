//! `augur query PATTERN`: every atom of a scenario (or of all) that matches a pattern with
//! variables, with its likelihood.

use augur::adhoc::{self, Shown};
use augur::query::{Pattern, QueryReport};
use augur::{Analysis, program::ScenarioId};

use super::adhoc::Assume;
use super::args::{Format, Limits};
use super::{Outcome, json, pick_scenario};

pub struct Request<'a> {
    pub pattern: &'a str,
    pub scenario: Option<&'a str>,
    pub all: bool,
    pub assume: &'a Assume,
    pub limits: &'a Limits,
}

pub fn query(
    analysis: &Analysis,
    req: &Request<'_>,
    format: Format,
) -> Result<Outcome, augur::Error> {
    let pattern = Pattern::parse(analysis.program(), req.pattern)?;
    let change = req.assume.what_if(analysis)?;
    let ids: Vec<ScenarioId> = if req.all {
        (0..analysis.program().scenarios().len())
            .map(ScenarioId::from_index)
            .collect()
    } else {
        vec![analysis.scenario(&pick_scenario(analysis, req.scenario)?)?]
    };
    let session = analysis.session();
    let options = req.limits.options();
    let models = if change.is_empty() {
        session.run_scenarios(&ids, &options)?
    } else {
        ids.iter()
            .map(|&id| adhoc::run(&session, id, &change, &options))
            .collect::<Result<Vec<_>, _>>()?
    };
    let report = QueryReport::new(&models, &pattern, req.all)
        .with_adhoc(Shown::new(analysis.program(), &change));
    Ok(Outcome::ok(match format {
        Format::Json => json(&report),
        Format::Text | Format::Tap | Format::Junit => report.text(),
    }))
}
