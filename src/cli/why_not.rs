//! `augur why-not`: what is missing for an atom to hold.

use serde::Serialize;

use augur::Analysis;
use augur::engine::Engine;
use augur::explain::why_not::MissSearch;
use augur::explain::{self, Bounds, render};

use super::args::{Format, Limits};
use super::{Outcome, json, pick_scenario};

pub struct Request<'a> {
    pub atom: &'a str,
    pub scenario: Option<&'a str>,
    pub bounds: Bounds,
    pub limits: &'a Limits,
}

/// The JSON answer, its keys in the order the README documents.
#[derive(Serialize)]
struct Answer<'a, T: Serialize> {
    atom: &'a str,
    scenario: &'a str,
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
    // One engine, planned once, evaluates the scenario and every what-if run of the
    // nearest misses.
    let engine = Engine::new(analysis.program());
    let model = engine.run(analysis.scenario(&scenario)?, &req.limits.options())?;
    let atom = analysis.atom(req.atom)?;
    let answer = explain::why_not_with(&engine, &model, &atom, &req.bounds);
    let stdout = match format {
        Format::Json => json(&Answer {
            atom: &answer.tree.atom,
            scenario: &scenario,
            nearest_misses: &answer.nearest_misses,
            miss_search: &answer.miss_search,
            nodes_cut: answer.nodes_cut,
            tree: &answer.tree,
        }),
        Format::Text | Format::Tap | Format::Junit => render::why_not_text(&answer, &scenario),
    };
    Ok(Outcome::ok(stdout))
}
