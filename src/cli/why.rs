//! `augur why`: the proof tree of an atom.

use serde::Serialize;

use augur::adhoc::{self, Shown};
use augur::explain::{self, AllProofs, LeftOpen, Proof, render};
use augur::{Analysis, Likelihood};

use super::args::{Format, Output, Runs, Target};
use super::{FAILED, Outcome, json, with_analysis};

/// `augur why`'s arguments.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The atom, as one word in the language's syntax, e.g.
    /// 'china fills_gap_in latam_security'.
    pub atom: String,
    /// Rule files, and the scenario.
    #[command(flatten)]
    pub target: Target,
    /// List every distinct derivation, not only the strongest.
    #[arg(long)]
    pub all_proofs: bool,
    /// With --all-proofs: how many to show (at most 1000); all are counted.
    #[arg(long, default_value_t = 20, requires = "all_proofs",
          value_parser = clap::value_parser!(u16).range(1..=augur::explain::all::MAX_PROOFS as i64))]
    pub max_proofs: u16,
    /// Fold subproofs deeper than this many levels.
    #[arg(long)]
    pub depth: Option<usize>,
    /// Ad-hoc assumptions extending the scenario, and evaluation limits.
    #[command(flatten)]
    pub runs: Runs,
    /// Output format.
    #[command(flatten)]
    pub output: Output,
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

/// Runs `augur why`.
pub fn command(args: &Args, format: Format) -> Outcome {
    with_analysis(&args.target.paths, format, |a| why(a, args, format))
}

fn why(analysis: &Analysis, args: &Args, format: Format) -> Result<Outcome, augur::Error> {
    let declared = args.target.pick(analysis)?;
    let atom = analysis.atom(&args.atom)?;
    let change = args.runs.assume.what_if(analysis)?;
    let session = analysis.session();
    let id = session.scenario(&declared)?;
    let model = adhoc::run(&session, id, &change, &args.runs.limits.options())?;
    let adhoc = Shown::new(analysis.program(), &change);
    // Text names the ad-hoc scenario with its lines; JSON keeps the name and adds them.
    let scenario = adhoc.name(&declared);
    let shown = analysis.program().show_atom(&atom);
    let likelihood = model.likelihood(&atom);
    let (proof, all) = match args.all_proofs {
        false => (explain::why(&model, &atom), None),
        true => (
            None,
            explain::all_proofs(&model, &atom, usize::from(args.max_proofs)),
        ),
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
            (Some(p), _) => render::proof_text(p, args.depth),
            (_, Some(a)) => render::all_proofs_text(a, args.depth),
            _ => match &left_open {
                Some(open) => render::left_open_text(&shown, open),
                None => match (&forbidden, &elsewhere) {
                    (Some(f), _) => render::forbidden_text(&shown, &scenario, f),
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
