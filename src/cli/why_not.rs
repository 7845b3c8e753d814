//! `augur why-not`: what is missing for an atom to hold.

use serde::Serialize;

use augur::Analysis;
use augur::adhoc::{self, Shown};
use augur::explain::why_not::MissSearch;
use augur::explain::{self, Bounds, render};

use super::adhoc::Assume;
use super::args::{Format, Limits};
use super::{Outcome, json, pick_scenario};

pub struct Request<'a> {
    pub atom: &'a str,
    pub scenario: Option<&'a str>,
    pub bounds: Bounds,
    pub assume: &'a Assume,
    pub limits: &'a Limits,
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

pub fn why_not(
    analysis: &Analysis,
    req: &Request<'_>,
    format: Format,
) -> Result<Outcome, augur::Error> {
    let scenario = pick_scenario(analysis, req.scenario)?;
    let change = req.assume.what_if(analysis)?;
    // One session, planned once, evaluates the scenario and every what-if run of the
    // nearest misses (each on top of the ad-hoc lines: they start from the model's inputs).
    let session = analysis.session();
    let id = session.scenario(&scenario)?;
    let model = adhoc::run(&session, id, &change, &req.limits.options())?;
    let atom = analysis.atom(req.atom)?;
    let answer = explain::why_not_with(session.engine(), &model, &atom, &req.bounds);
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
