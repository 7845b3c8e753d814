//! `augur diff`: what changes between two scenarios.

use augur::Analysis;
use augur::scenario;

use super::args::{Format, Limits};
use super::{Outcome, json};

pub fn diff(
    analysis: &Analysis,
    from: &str,
    to: &str,
    explain: bool,
    limits: &Limits,
    format: Format,
) -> Result<Outcome, augur::Error> {
    let options = limits.options();
    let session = analysis.session();
    let before = session.run_named(from, &options)?;
    let after = session.run_named(to, &options)?;
    let d = scenario::diff(&before, &after, explain);
    Ok(Outcome::ok(match format {
        Format::Json => json(&d),
        Format::Text | Format::Tap | Format::Junit => d.text(explain),
    }))
}
