//! `augur assumptions`: the Key Assumptions Check of a scenario (see
//! [`augur::key_assumptions`]).

use augur::adhoc::Shown;
use augur::key_assumptions::{self, Request as Check};
use augur::{Analysis, Error};

use super::args::{Format, Output, Paths, Runs, Target};
use super::{BAD_INPUT, FAILED, OK, Outcome, json, with_analysis};

/// `augur assumptions`'s arguments.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Rule files or directories of them, and at most one ATOM (see the command's help);
    /// and the scenario.
    #[command(flatten)]
    pub target: Target,
    /// Treat the facts as candidates too: which established claims carry the judgment.
    #[arg(long)]
    pub facts: bool,
    /// Ad-hoc assumptions, extending the scenario (candidates like its own lines); and
    /// evaluation limits (each run is held to them; the timeout covers all runs).
    #[command(flatten)]
    pub runs: Runs,
    /// Output format.
    #[command(flatten)]
    pub output: Output,
}

/// Takes the ATOM out of the positional words: an atom always holds a space (`a p`) or a
/// bracket (`p(a)`); a word with one that names an existing file or directory is a path. With only an ATOM, the paths
/// are the default `rules`. A second ATOM is a usage error (clap's, as for other usage
/// errors: exit 2).
fn split_atom(paths: &mut Paths) -> Result<Option<String>, Outcome> {
    let is_atom = |p: &std::path::PathBuf| {
        !p.exists()
            && p.to_str()
                .is_some_and(|s| s.contains(char::is_whitespace) || s.contains('('))
    };
    let (atoms, rest): (Vec<_>, Vec<_>) = paths.paths.drain(..).partition(is_atom);
    paths.paths = rest;
    if paths.paths.is_empty() {
        paths.paths.push("rules".into());
    }
    let mut atoms = atoms
        .into_iter()
        .filter_map(|p| p.to_str().map(str::to_owned));
    let atom = atoms.next();
    match atoms.next() {
        Some(second) => {
            let message = format!(
                "`augur assumptions` checks one ATOM at a time, not also `{second}`\n\n\
                 For more information, try '--help'.\n"
            );
            let error = clap::Error::raw(clap::error::ErrorKind::TooManyValues, message);
            Err(Outcome {
                stdout: String::new(),
                stderr: error.render().to_string(),
                code: BAD_INPUT,
            })
        }
        None => Ok(atom),
    }
}

/// Runs `augur assumptions` with its arguments: the ATOM taken out of the paths, then the
/// check.
pub fn command(mut args: Args, format: Format) -> Outcome {
    let atom = match split_atom(&mut args.target.paths) {
        Ok(atom) => atom,
        Err(outcome) => return outcome,
    };
    with_analysis(&args.target.paths, format, |a| {
        assumptions(a, atom.as_deref(), &args, format)
    })
}

fn assumptions(
    analysis: &Analysis,
    atom: Option<&str>,
    args: &Args,
    format: Format,
) -> Result<Outcome, Error> {
    let declared = args.target.pick(analysis)?;
    let atom = atom.map(|a| analysis.atom(a)).transpose()?;
    let change = args.runs.assume.what_if(analysis)?;
    let session = analysis.session();
    let request = Check {
        scenario: session.scenario(&declared)?,
        change: &change,
        atom: atom.as_ref(),
        facts: args.facts,
    };
    let check = key_assumptions::check(&session, &request, &args.runs.limits.options())?;
    let adhoc = (!change.is_empty()).then(|| Shown::new(analysis.program(), &change));
    let report = check.report(adhoc);
    let holds = report.conclusions.iter().all(|c| c.likelihood.is_some());
    let stdout = match format {
        Format::Json => json(&report),
        Format::Text | Format::Tap | Format::Junit => report.text(atom.is_some()),
    };
    Ok(Outcome {
        stdout,
        stderr: String::new(),
        // As `why`: an atom asked about that does not hold is exit 1.
        code: if holds { OK } else { FAILED },
    })
}
