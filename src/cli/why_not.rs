//! `augur why-not`: what is missing for an atom to hold.

use augur::Analysis;
use augur::explain::{self, Bounds, render};

use super::args::{Format, Limits};
use super::{Outcome, json, pick_scenario};

pub struct Request<'a> {
    pub atom: &'a str,
    pub scenario: Option<&'a str>,
    pub depth: usize,
    pub limits: &'a Limits,
}

pub fn why_not(
    analysis: &Analysis,
    req: &Request<'_>,
    format: Format,
) -> Result<Outcome, augur::Error> {
    let scenario = pick_scenario(analysis, req.scenario)?;
    let model = analysis.run(&scenario, &req.limits.options())?;
    let Some(atom) = analysis.atom(req.atom)? else {
        let shown = req.atom.split_whitespace().collect::<Vec<_>>().join(" ");
        let stdout = match format {
            Format::Json => json(
                &serde_json::json!({"atom": shown, "scenario": scenario, "tree": {"atom": shown, "status": "fails", "note": "it names a constant no rule file mentions"}, "nearest_misses": []}),
            ),
            Format::Text | Format::Tap | Format::Junit => format!(
                "{shown} does not hold in scenario {scenario}\n  it names a constant no rule file mentions\n"
            ),
        };
        return Ok(Outcome::ok(stdout));
    };
    let bounds = Bounds {
        depth: req.depth,
        ..Bounds::default()
    };
    let answer = explain::why_not(&model, &atom, &bounds);
    let stdout = match format {
        Format::Json => json(
            &serde_json::json!({"atom": answer.tree.atom, "scenario": scenario, "tree": answer.tree, "nearest_misses": answer.nearest_misses}),
        ),
        Format::Text | Format::Tap | Format::Junit => render::why_not_text(&answer, &scenario),
    };
    Ok(Outcome::ok(stdout))
}
