//! `augur why`: the proof tree of an atom.

use serde::Serialize;

use augur::adhoc::{self, Shown};
use augur::explain::{self, AllProofs, LeftOpen, Proof, render};
use augur::{Analysis, Likelihood};

use super::adhoc::Assume;
use super::args::{Format, Limits};
use super::{FAILED, Outcome, json, pick_scenario};

pub struct Request<'a> {
    pub atom: &'a str,
    pub scenario: Option<&'a str>,
    pub all_proofs: bool,
    pub max_proofs: usize,
    pub depth: Option<usize>,
    pub assume: &'a Assume,
    pub limits: &'a Limits,
}

#[derive(Serialize)]
struct Answer<'a> {
    atom: String,
    scenario: String,
    /// The ad-hoc lines extending the scenario (`--assume`), when there are any.
    #[serde(skip_serializing_if = "Option::is_none")]
    adhoc: Option<&'a Shown>,
    holds: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    likelihood: Option<Likelihood>,
    #[serde(skip_serializing_if = "Option::is_none")]
    proof: Option<&'a Proof<'a>>,
    #[serde(skip_serializing_if = "Option::is_none", flatten)]
    all: Option<&'a AllProofs<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    left_open: Option<LeftOpen>,
    /// A conditional open question whose premises fail here.
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
    /// The `assume not` line that forces the atom false here.
    #[serde(skip_serializing_if = "Option::is_none")]
    forbidden: Option<explain::ForbiddenBy>,
}

pub fn why(
    analysis: &Analysis,
    req: &Request<'_>,
    format: Format,
) -> Result<Outcome, augur::Error> {
    let declared = pick_scenario(analysis, req.scenario)?;
    let atom = analysis.atom(req.atom)?;
    let change = req.assume.what_if(analysis)?;
    let session = analysis.session();
    let id = session.scenario(&declared)?;
    let model = adhoc::run(&session, id, &change, &req.limits.options())?;
    let adhoc = Shown::new(analysis.program(), &change);
    // Text names the ad-hoc scenario with its lines; JSON keeps the name and adds them.
    let scenario = adhoc.name(&declared);
    let shown = analysis.program().show_atom(&atom);
    let likelihood = model.likelihood(&atom);
    let (proof, all) = match req.all_proofs {
        false => (explain::why(&model, &atom), None),
        true => (None, explain::all_proofs(&model, &atom, req.max_proofs)),
    };
    let holds = likelihood.is_some();
    let left_open = explain::left_open(&model, &atom);
    let elsewhere = explain::open_elsewhere(&model, &atom);
    let forbidden = explain::forbidden_by(&model, &atom);
    let elsewhere = elsewhere.or_else(|| {
        (likelihood.is_none() && change.forbidden.contains(&atom))
            .then(|| "forbidden by `--assume-not`".to_owned())
    });
    let stdout = match format {
        Format::Json => json(&Answer {
            atom: shown.clone(),
            scenario: declared.clone(),
            adhoc: (!change.is_empty()).then_some(&adhoc),
            holds,
            likelihood,
            proof: proof.as_ref(),
            all: all.as_ref(),
            left_open: left_open.clone(),
            note: elsewhere.clone(),
            forbidden: forbidden.clone(),
        }),
        Format::Text | Format::Tap | Format::Junit => match (&proof, &all) {
            (Some(p), _) => render::proof_text(p, req.depth),
            (_, Some(a)) => render::all_proofs_text(a, req.depth),
            _ => match &left_open {
                Some(open) => {
                    let mut text = format!(
                        "{shown} is left open by the analysis (declared at {}:{}): neither true nor false\n",
                        open.place.file, open.place.line
                    );
                    if let Some(when) = &open.arises_when {
                        text.push_str(&format!("  the question arises here: {when}\n"));
                    }
                    for c in &open.cites {
                        text.push_str(&format!("  cites {c}\n"));
                    }
                    text
                }
                None => match (&forbidden, &elsewhere) {
                    (Some(f), _) => format!(
                        "{shown} does not hold in scenario {scenario}: forbidden in scenario {} at {}:{} (`assume not`)\n",
                        f.scenario, f.file, f.line
                    ),
                    (None, Some(note)) => {
                        format!("{shown} does not hold in scenario {scenario}: {note}\n")
                    }
                    (None, None) => format!("{shown} does not hold in scenario {scenario}\n"),
                },
            },
        },
    };
    Ok(Outcome {
        stdout,
        stderr: String::new(),
        code: if holds { super::OK } else { FAILED },
    })
}
