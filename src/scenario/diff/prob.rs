//! `augur diff --prob`: the probability of each conclusion of either scenario in both, and
//! the change, all arguments together (as `augur prob`, exactly).

use std::fmt::Write;

use serde::Serialize;

use crate::engine::Model;
use crate::prob::{Limits, ProbError, exact_all};
use crate::program::GroundAtom;

/// One conclusion's probability in both scenarios.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProbChange {
    /// The atom.
    pub atom: String,
    /// P(atom) in the first scenario (`None`: an open question there, which has none).
    pub before: Option<f64>,
    /// P(atom) in the second.
    pub after: Option<f64>,
    /// `after - before`, when both are known.
    pub change: Option<f64>,
}

/// The probability of every conclusion of `from` or `to` in both (in the diff's order:
/// `to`'s conclusions, then `from`'s others), each model's compiled once for all of them.
/// An atom that does not hold in a scenario has probability 0 there.
pub fn probabilities(
    from: &Model<'_>,
    to: &Model<'_>,
    limits: &Limits,
) -> Result<Vec<ProbChange>, ProbError> {
    let atoms = super::conclusions_of_either(from, to);
    let (before, after) = (of(from, &atoms, limits)?, of(to, &atoms, limits)?);
    let p = from.program();
    Ok(atoms
        .iter()
        .zip(before.into_iter().zip(after))
        .map(|(atom, (before, after))| ProbChange {
            atom: p.show_atom(atom),
            before,
            after,
            change: before.zip(after).map(|(b, a)| a - b),
        })
        .collect())
}

/// P of each atom in `model`, `None` for an open question there.
fn of(
    model: &Model<'_>,
    atoms: &[GroundAtom],
    limits: &Limits,
) -> Result<Vec<Option<f64>>, ProbError> {
    let decided: Vec<GroundAtom> = atoms
        .iter()
        .filter(|a| model.is_open(a).is_none())
        .cloned()
        .collect();
    let mut answers = exact_all(model, &decided, limits)?.into_iter();
    Ok(atoms
        .iter()
        .map(|a| match model.is_open(a) {
            Some(_) => None,
            None => answers.next().map(|e| e.probability),
        })
        .collect())
}

/// The rows as text: atom, P before -> after, and the change.
pub(super) fn text(out: &mut String, rows: &[ProbChange]) {
    let _ = writeln!(out, "probabilities ({}, exact):", rows.len());
    let width = rows
        .iter()
        .map(|r| r.atom.chars().count())
        .max()
        .unwrap_or(0);
    let show = |p: Option<f64>| p.map_or("open".to_owned(), |p| format!("{p:.4}"));
    for r in rows {
        let change = r.change.map_or(String::new(), |c| format!("{c:+.4}"));
        let line = format!(
            "  {:<width$}  {} -> {}  {change}",
            r.atom,
            show(r.before),
            show(r.after)
        );
        let _ = writeln!(out, "{}", line.trim_end());
    }
}
