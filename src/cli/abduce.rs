//! `augur abduce [not] ATOM`: every minimal set of changes to a scenario that makes an atom
//! hold, or stop holding.

use std::path::PathBuf;

use augur::Analysis;
use augur::abduce::{self, Bounds, Goal, Question, render};
use augur::adhoc::Shown;

use super::adhoc::Assume;
use super::args::{self, Format, Limits, Paths};
use super::{Outcome, json, pick_scenario, with_analysis};

struct Request<'a> {
    /// The atom as typed, `not ` first for the goal that it stop holding.
    atom: &'a str,
    scenario: Option<&'a str>,
    bounds: Bounds,
    assume: &'a Assume,
    limits: &'a Limits,
}

/// Runs `augur abduce` with its arguments.
pub fn command(args: args::Abduce, format: Format) -> Outcome {
    let (atom, paths) = split_not(args.atom, args.paths);
    with_analysis(&paths, format, |a| {
        let request = Request {
            atom: &atom,
            scenario: args.scenario.as_deref(),
            bounds: args.bounds.bounds(),
            assume: &args.assume,
            limits: &args.limits,
        };
        abduce(a, &request, format)
    })
}

/// `abduce not ATOM [PATHS]` as two words: the atom is the first path (clap fills in
/// `rules` when no path follows, which then reads as the atom and is refused as one).
/// Returns the atom, with its `not `, and the paths left.
fn split_not(atom: String, mut paths: Paths) -> (String, Paths) {
    if atom != "not" || paths.paths.is_empty() {
        return (atom, paths);
    }
    let first = paths.paths.remove(0);
    if paths.paths.is_empty() {
        paths.paths.push(PathBuf::from("rules"));
    }
    (format!("not {}", first.to_string_lossy()), paths)
}

fn abduce(analysis: &Analysis, req: &Request<'_>, format: Format) -> Result<Outcome, augur::Error> {
    let scenario = pick_scenario(analysis, req.scenario)?;
    let (goal, text) = match req.atom.trim_start().strip_prefix("not ") {
        Some(rest) => (Goal::StopsHolding, rest),
        None => (Goal::Holds, req.atom),
    };
    let atom = analysis.atom(text)?;
    let base = req.assume.what_if(analysis)?;
    let session = analysis.session();
    let id = session.scenario(&scenario)?;
    let question = Question { atom, goal, base };
    let answer = abduce::abduce(&session, id, &question, &req.bounds, &req.limits.options())?;
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
