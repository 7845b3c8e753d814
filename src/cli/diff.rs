//! `augur diff`: what changes between two scenarios.

use augur::Analysis;
use augur::adhoc::{self, Shown};
use augur::scenario::{self, Diff};
use serde::Serialize;

use super::adhoc::Assume;
use super::args::{Format, Limits};
use super::{Outcome, json};

pub struct Request<'a> {
    pub from: &'a str,
    pub to: &'a str,
    pub explain: bool,
    /// Ad-hoc lines extending the second scenario.
    pub assume: &'a Assume,
    pub limits: &'a Limits,
}

pub fn diff(
    analysis: &Analysis,
    req: &Request<'_>,
    format: Format,
) -> Result<Outcome, augur::Error> {
    let options = req.limits.options();
    let session = analysis.session();
    let from = session.scenario(req.from)?;
    let to = session.scenario(req.to)?;
    let change = req.assume.what_if(analysis)?;
    let before = session.run(from, &options)?;
    let after = adhoc::run(&session, to, &change, &options)?;
    let mut d = scenario::diff(&before, &after, req.explain);
    let adhoc = Shown::new(analysis.program(), &change);
    Ok(Outcome::ok(match format {
        Format::Json if !change.is_empty() => json(&AdHocDiff { diff: &d, adhoc }),
        Format::Json => json(&d),
        Format::Text | Format::Tap | Format::Junit => {
            d.to = adhoc.name(&d.to);
            d.text(req.explain)
        }
    }))
}

/// A diff whose second scenario is ad hoc: `"to"` names the declared scenario, and
/// `"adhoc"` (last) the lines extending it.
#[derive(Serialize)]
struct AdHocDiff<'a, 'p> {
    #[serde(flatten)]
    diff: &'a Diff<'p>,
    adhoc: Shown,
}
