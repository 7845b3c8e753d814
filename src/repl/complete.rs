//! Tab completion of a line typed so far: command words, then what the command takes
//! (scenario names, atoms, likelihood words after an atom of `assume`).

use crate::likelihood::Likelihood;

use super::Repl;
use super::command::{Completes, VERBS, Verb};

/// Where the text being completed starts in `line` (cut at `pos`), and its candidates,
/// sorted and without repeats; none when nothing fits.
pub(super) fn complete(repl: &mut Repl<'_>, line: &str, pos: usize) -> (usize, Vec<String>) {
    let Some(typed) = line.get(..pos) else {
        return (pos, Vec::new());
    };
    let start = typed.len() - typed.trim_start().len();
    let body = &typed[start..];
    let Some((word, _)) = body.split_once(char::is_whitespace) else {
        let words = VERBS.iter().map(|v| v.word).filter(|w| !w.contains(' '));
        return (start, matching(words.map(str::to_owned), body));
    };
    let Some(verb) = Verb::named(word) else {
        return (pos, Vec::new());
    };
    // The argument starts after the command word and the blanks that follow it.
    let after = start + word.len();
    let arg_start = after + (typed[after..].len() - typed[after..].trim_start().len());
    let mut arg = &typed[arg_start..];
    let mut arg_at = arg_start;
    if verb.word == "assume" {
        if let Some(rest) = arg
            .strip_prefix("not")
            .filter(|r| r.starts_with(char::is_whitespace))
        {
            let skipped = arg.len() - rest.trim_start().len();
            arg_at += skipped;
            arg = &arg[skipped..];
        } else if let Some(done) = level_position(repl, arg) {
            let levels = Likelihood::ALL.map(|l| l.keyword().to_owned());
            return (arg_at + done, matching(levels.into_iter(), &arg[done..]));
        }
    }
    let candidates = match verb.completes {
        Completes::Nothing | Completes::NewName => Vec::new(),
        Completes::Scenario => scenario_names(repl),
        Completes::Atom => {
            let mut atoms = repl.atoms();
            if verb.word == "assume" && arg_at == arg_start {
                atoms.push("not".to_owned());
            }
            atoms
        }
    };
    (arg_at, matching(candidates.into_iter(), arg))
}

/// After `assume ATOM `, where the level starts in `arg`: when what comes before the last
/// blank is a whole atom the session could complete to.
fn level_position(repl: &mut Repl<'_>, arg: &str) -> Option<usize> {
    let (atom, _) = arg.rsplit_once(char::is_whitespace)?;
    let atom = atom.trim_end();
    repl.atoms()
        .iter()
        .any(|a| a == atom)
        .then(|| arg.rfind(char::is_whitespace).map_or(0, |i| i + 1))
}

/// The declared scenarios' names.
fn scenario_names(repl: &Repl<'_>) -> Vec<String> {
    let program = repl.analysis().program();
    program.scenarios().iter().map(|s| s.name.clone()).collect()
}

/// The candidates that start with `prefix`, sorted, without repeats.
fn matching(candidates: impl Iterator<Item = String>, prefix: &str) -> Vec<String> {
    let mut found: Vec<String> = candidates.filter(|c| c.starts_with(prefix)).collect();
    found.sort();
    found.dedup();
    found
}
