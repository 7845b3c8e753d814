//! `augur sensitivity`: which claims an atom's probability hangs on, as a tornado table.

use serde::Serialize;

use augur::engine::Leaf;
use augur::prob::{self, ClaimRef, Effect};
use augur::{Analysis, Likelihood};

use super::args::Format;
use super::prob::Args;
use super::{Outcome, json, with_analysis};

/// The widest bar, for the claim with the largest |derivative|.
const BAR: f64 = 20.0;

#[derive(Serialize)]
struct Answer {
    atom: String,
    scenario: String,
    probability: f64,
    claims: Vec<ClaimRow>,
}

#[derive(Serialize)]
struct ClaimRow {
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    atom: Option<String>,
    probability: f64,
    derivative: f64,
    low: f64,
    high: f64,
}

/// Runs `augur sensitivity`.
pub fn command(args: &Args, format: Format) -> Outcome {
    if args.sampling.samples.is_some() {
        return Outcome {
            stdout: String::new(),
            stderr: "error: `augur sensitivity` is exact: `--samples` does not apply\n".to_owned(),
            code: super::BAD_INPUT,
        };
    }
    with_analysis(&args.target.paths, format, |a| sensitivity(a, args, format))
}

fn row(analysis: &Analysis, e: &Effect) -> ClaimRow {
    let p = analysis.program();
    let (kind, name, atom) = match &e.claim {
        ClaimRef::Rule(r) => ("rule", Some(p.rule(*r).name.to_string()), None),
        ClaimRef::Group(g) => (
            "choice",
            Some(p.choices()[g.index()].name.to_string()),
            None,
        ),
        ClaimRef::Leaf { atom, leaf } => {
            let kind = match leaf {
                Leaf::Fact(_) => "fact",
                Leaf::Assumed { .. } | Leaf::Hypothesis(_) => "assumption",
            };
            (kind, None, Some(p.show_atom(atom)))
        }
    };
    ClaimRow {
        kind,
        name,
        atom,
        probability: e.probability,
        derivative: e.derivative,
        low: e.low,
        high: e.high,
    }
}

fn sensitivity(analysis: &Analysis, args: &Args, format: Format) -> Result<Outcome, augur::Error> {
    let asked = args.ask(analysis)?;
    let limits = args.prob.limits(&asked.options);
    let answer = prob::sensitivity(&asked.model, &asked.atom, &limits)?;
    let shown = analysis.program().show_atom(&asked.atom);
    let scenario = asked.scenario;
    let claims: Vec<ClaimRow> = answer.claims.iter().map(|e| row(analysis, e)).collect();
    Ok(Outcome::ok(match format {
        Format::Json => json(&Answer {
            atom: shown,
            scenario,
            probability: answer.probability,
            claims,
        }),
        Format::Text | Format::Tap | Format::Junit => text(
            &shown,
            &scenario,
            answer.probability,
            answer.likelihood,
            &claims,
        ),
    }))
}

/// The tornado table: one line per claim, largest |derivative| first, with a bar.
fn text(
    atom: &str,
    scenario: &str,
    p: f64,
    likelihood: Option<Likelihood>,
    claims: &[ClaimRow],
) -> String {
    let band = likelihood.map_or("holds in no world".to_owned(), |l| l.to_string());
    let mut out = format!("{atom}: {p:.4} ({band}) in scenario {scenario}\n");
    if claims.is_empty() {
        out.push_str("  it rests on no claim\n");
        return out;
    }
    let label = |c: &ClaimRow| {
        let what = c.name.as_deref().or(c.atom.as_deref()).unwrap_or_default();
        format!("{} {what}", c.kind)
    };
    let width = claims
        .iter()
        .map(|c| label(c).chars().count())
        .max()
        .unwrap_or(0);
    out.push_str(&format!(
        "  {:<width$}  {:>5}  {:>7}  {:>6}  {:>6}\n",
        "claim", "p", "dP/dp", "at 0", "at 1"
    ));
    let top = claims
        .iter()
        .map(|c| c.derivative.abs())
        .fold(0.0, f64::max);
    for c in claims {
        let bar = if top > 0.0 {
            "█".repeat((c.derivative.abs() / top * BAR).round() as usize)
        } else {
            String::new()
        };
        let line = format!(
            "  {:<width$}  {:>5.3}  {:>+7.4}  {:>6.4}  {:>6.4}  {bar}",
            label(c),
            c.probability,
            c.derivative,
            c.low,
            c.high
        );
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
