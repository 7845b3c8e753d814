//! What changes between two scenarios of one program: conclusions gained, lost and changed
//! in likelihood, each with a one-line reason drawn from the proofs on both sides; the
//! conflicts gained, lost and changed; the `assume` lines that differ; and the open
//! questions one scenario settles by assumption.

mod cause;
mod prob;
mod reason;
mod stances;
mod text;

pub use prob::{ProbChange, probabilities};
pub use stances::{AssumeLine, AssumptionChange, Assumptions, OpenChange, Opens, Stance};

use indexmap::IndexMap;
use serde::Serialize;

use crate::engine::{ConflictMatch, Model};
use crate::explain::{Proof, why};
use crate::hash::{HashMap, HashSet};
use crate::likelihood::Likelihood;
use crate::program::{ConflictId, ConflictKind, GroundAtom, SymbolId};

use reason::{Kind, Memo, Side};
use stances::Stances;

/// One conclusion that differs.
#[derive(Clone, Debug, Serialize)]
pub struct Change<'p> {
    /// The atom.
    pub atom: String,
    /// Its likelihood in the first scenario, if it holds there.
    pub before: Option<Likelihood>,
    /// Its likelihood in the second scenario, if it holds there.
    pub after: Option<Likelihood>,
    /// Why, in one line.
    pub reason: String,
    /// The proof in the first scenario (with `--explain`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub proof_before: Option<Proof<'p>>,
    /// The proof in the second scenario (with `--explain`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub proof_after: Option<Proof<'p>>,
}

/// One way a conflict holds (its name and variable values) whose status differs.
#[derive(Clone, Debug, Serialize)]
pub struct ConflictChange {
    /// The conflict's name.
    pub name: String,
    /// Its variables' values, in order of first appearance.
    pub bindings: IndexMap<String, String>,
    /// Its likelihood in the first scenario, if it holds there.
    pub before: Option<Likelihood>,
    /// Its likelihood in the second scenario, if it holds there.
    pub after: Option<Likelihood>,
    /// Why, in one line: what differs beneath its premises.
    pub reason: String,
}

/// The conflicts that differ.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Conflicts {
    /// Holding in the second scenario only, in its order.
    pub gained: Vec<ConflictChange>,
    /// Holding in the first scenario only, in its order.
    pub lost: Vec<ConflictChange>,
    /// Holding in both at different likelihoods, in the second scenario's order.
    pub changed: Vec<ConflictChange>,
}

/// `augur diff S1 S2`.
#[derive(Clone, Debug, Serialize)]
pub struct Diff<'p> {
    /// The first scenario.
    pub from: String,
    /// The second scenario.
    pub to: String,
    /// Conclusions that hold in `to` but not at all in `from`.
    pub gained: Vec<Change<'p>>,
    /// Conclusions that hold in `from` but not at all in `to`.
    pub lost: Vec<Change<'p>>,
    /// Atoms that hold in both, at different likelihoods, and are a conclusion in at least
    /// one (the other may assume them).
    pub changed: Vec<Change<'p>>,
    /// Conflicts gained, lost and changed.
    pub conflicts: Conflicts,
    /// Tensions (trade-offs) gained, lost and changed.
    pub tensions: Conflicts,
    /// The `assume` and `assume not` lines that differ.
    pub assumptions: Assumptions,
    /// Open questions open in one scenario only.
    pub open: Opens,
    /// With `--prob`: every conclusion's probability in both scenarios
    /// ([`probabilities`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub probabilities: Option<Vec<ProbChange>>,
}

/// Compares two evaluated scenarios of the same program. With `explain`, each changed
/// conclusion carries its proofs.
///
/// The atoms compared are the conclusions of either scenario (atoms that hold and are not a
/// fact or assumption there), each by its likelihood in the whole model: an atom one
/// scenario derives and the other assumes is a change in likelihood, or no change, never
/// lost or gained. Lists follow `to`'s order, then `from`'s for atoms only `from` concludes.
pub fn diff<'p>(from: &Model<'p>, to: &Model<'p>, explain: bool) -> Diff<'p> {
    let p = from.program();
    let (from_stances, to_stances) = (Stances::new(from), Stances::new(to));
    let (from_side, to_side) = (Side::new(from, &from_stances), Side::new(to, &to_stances));
    let atoms = conclusions_of_either(from, to);
    let (mut gained, mut lost, mut changed) = (Vec::new(), Vec::new(), Vec::new());
    let mut memo = Memo::default();
    for atom in &atoms {
        let (b, a) = (from.likelihood(atom), to.likelihood(atom));
        let (kind, list) = match (b, a) {
            (None, Some(_)) => (Kind::Gained, &mut gained),
            (Some(_), None) => (Kind::Lost, &mut lost),
            (Some(b), Some(a)) if a > b => (Kind::Raised, &mut changed),
            (Some(b), Some(a)) if a < b => (Kind::Weakened, &mut changed),
            _ => continue,
        };
        // The second scenario's proof explains what it gained or raised; the rest is built
        // only to be shown.
        let needs_after = explain || matches!(kind, Kind::Gained | Kind::Raised);
        let pa = needs_after.then(|| why(to, atom)).flatten();
        let pb = explain.then(|| why(from, atom)).flatten();
        let reason = reason::reason(kind, atom, pa.as_ref(), &from_side, &to_side, &mut memo);
        let keep = |proof: Option<Proof<'p>>| proof.filter(|_| explain);
        list.push(Change {
            atom: p.show_atom(atom),
            before: b,
            after: a,
            reason,
            proof_before: keep(pb),
            proof_after: keep(pa),
        });
    }
    let name = |m: &Model<'_>| p.scenarios()[m.scenario().index()].name.clone();
    let sides = (from, to, &from_side, &to_side);
    Diff {
        from: name(from),
        to: name(to),
        gained,
        lost,
        changed,
        conflicts: conflicts(ConflictKind::Conflict, &sides, &mut memo),
        tensions: conflicts(ConflictKind::Tension, &sides, &mut memo),
        assumptions: stances::assumptions(p, &from_stances, &to_stances),
        open: stances::opens(from, to, &from_stances, &to_stances),
        probabilities: None,
    }
}

/// The conclusions of `to`, then those of `from` that `to` does not conclude: the atoms a
/// diff compares, in its order.
fn conclusions_of_either(from: &Model<'_>, to: &Model<'_>) -> Vec<GroundAtom> {
    let mut atoms: Vec<GroundAtom> = to.conclusions().into_iter().map(|c| c.atom).collect();
    let seen: HashSet<GroundAtom> = atoms.iter().cloned().collect();
    atoms.extend(
        from.conclusions()
            .into_iter()
            .map(|c| c.atom)
            .filter(|a| !seen.contains(a)),
    );
    atoms
}

/// A conflict match's identity across the two models of one program.
type ConflictKey<'a> = (ConflictId, &'a [(String, SymbolId)]);

fn index(m: &ConflictMatch) -> ConflictKey<'_> {
    (m.conflict, m.bindings.as_slice())
}

/// Both models and the reasons' view of each.
type Sides<'a, 'm, 'p> = (
    &'a Model<'p>,
    &'a Model<'p>,
    &'a Side<'m, 'p>,
    &'a Side<'m, 'p>,
);

/// The matches of the conflicts (or of the tensions) that differ.
fn conflicts(kind: ConflictKind, sides: &Sides<'_, '_, '_>, memo: &mut Memo) -> Conflicts {
    let &(from, to, from_side, to_side) = sides;
    let p = from.program();
    let before: HashMap<ConflictKey<'_>, Likelihood> = from
        .conflicts_of(kind)
        .map(|m| (index(m), m.likelihood))
        .collect();
    let after: HashMap<ConflictKey<'_>, Likelihood> = to
        .conflicts_of(kind)
        .map(|m| (index(m), m.likelihood))
        .collect();
    let mut change = |m: &ConflictMatch, kind: Kind| ConflictChange {
        name: p.conflicts()[m.conflict.index()].name.clone(),
        bindings: m
            .bindings
            .iter()
            .map(|(k, v)| (k.clone(), p.symbols().show(*v)))
            .collect(),
        before: before.get(&index(m)).copied(),
        after: after.get(&index(m)).copied(),
        reason: reason::conflict_reason(
            kind,
            m,
            after.get(&index(m)).copied(),
            from_side,
            to_side,
            memo,
        ),
    };
    let mut out = Conflicts::default();
    for m in to.conflicts_of(kind) {
        match before.get(&index(m)) {
            None => out.gained.push(change(m, Kind::Gained)),
            Some(&b) if b < m.likelihood => out.changed.push(change(m, Kind::Raised)),
            // The weaker side's match cannot show what made it weaker: explain the first
            // scenario's.
            Some(&b) if b > m.likelihood => {
                if let Some(was) = from.conflicts_of(kind).find(|w| index(w) == index(m)) {
                    out.changed.push(change(was, Kind::Weakened));
                }
            }
            Some(_) => {}
        }
    }
    for m in from.conflicts_of(kind) {
        if !after.contains_key(&index(m)) {
            out.lost.push(change(m, Kind::Lost));
        }
    }
    out
}

#[cfg(test)]
mod tests;
