//! What changes between two scenarios: conclusions gained, lost, and changed in
//! likelihood, each with a one-line reason drawn from the proofs on both sides.

use std::collections::HashMap;
use std::fmt::Write;

use serde::Serialize;

use crate::engine::Model;
use crate::explain::{By, Proof, render, why};
use crate::likelihood::Likelihood;
use crate::program::GroundAtom;

/// One conclusion that differs.
#[derive(Clone, Debug, Serialize)]
pub struct Change {
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
    pub proof_before: Option<Proof>,
    /// The proof in the second scenario (with `--explain`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub proof_after: Option<Proof>,
}

/// `augur diff S1 S2`.
#[derive(Clone, Debug, Serialize)]
pub struct Diff {
    /// The first scenario.
    pub from: String,
    /// The second scenario.
    pub to: String,
    /// Conclusions that hold in `to` but not in `from`, in `to`'s order.
    pub gained: Vec<Change>,
    /// Conclusions that hold in `from` but not in `to`, in `from`'s order.
    pub lost: Vec<Change>,
    /// Conclusions whose likelihood differs, in `to`'s order.
    pub changed: Vec<Change>,
}

/// Compares the conclusions of two evaluated scenarios of the same program. With
/// `explain`, each change carries its proofs.
pub fn diff(from: &Model<'_>, to: &Model<'_>, explain: bool) -> Diff {
    let p = from.program();
    let before: Vec<(GroundAtom, Likelihood)> = from
        .conclusions()
        .into_iter()
        .map(|c| (c.atom, c.likelihood))
        .collect();
    let after: Vec<(GroundAtom, Likelihood)> = to
        .conclusions()
        .into_iter()
        .map(|c| (c.atom, c.likelihood))
        .collect();
    let before_map: HashMap<&GroundAtom, Likelihood> =
        before.iter().map(|(a, l)| (a, *l)).collect();
    let after_map: HashMap<&GroundAtom, Likelihood> = after.iter().map(|(a, l)| (a, *l)).collect();
    let (from_side, to_side) = (Side::new(from), Side::new(to));
    let change = |atom: &GroundAtom| {
        let (b, a) = (before_map.get(atom).copied(), after_map.get(atom).copied());
        let (pb, pa) = (why(from, atom), why(to, atom));
        let reason = reason(&from_side, &to_side, pb.as_ref(), pa.as_ref());
        let keep = |proof: Option<Proof>| proof.filter(|_| explain);
        Change {
            atom: p.show_atom(atom),
            before: b,
            after: a,
            reason,
            proof_before: keep(pb),
            proof_after: keep(pa),
        }
    };
    let gained = after
        .iter()
        .filter(|(a, _)| !before_map.contains_key(a))
        .map(|(a, _)| change(a))
        .collect();
    let lost = before
        .iter()
        .filter(|(a, _)| !after_map.contains_key(a))
        .map(|(a, _)| change(a))
        .collect();
    let changed = after
        .iter()
        .filter(|(a, l)| before_map.get(a).is_some_and(|b| b != l))
        .map(|(a, _)| change(a))
        .collect();
    let name = |m: &Model<'_>| p.scenarios[m.scenario().index()].name.clone();
    Diff {
        from: name(from),
        to: name(to),
        gained,
        lost,
        changed,
    }
}

/// The leaves of a proof that are assumptions, with their likelihoods, and the atoms its
/// `not` premises needed absent.
fn leaves(proof: &Proof, assumed: &mut Vec<(String, Likelihood)>, absent: &mut Vec<String>) {
    match &proof.by {
        By::Assumed { .. } => assumed.push((proof.atom.clone(), proof.likelihood)),
        By::Absent { .. } => absent.push(proof.atom.trim_start_matches("not ").to_owned()),
        _ => {}
    }
    for q in &proof.premises {
        leaves(q, assumed, absent);
    }
}

fn root(proof: &Proof) -> String {
    match &proof.by {
        By::Rule { rule, .. } => format!("rule {rule}"),
        _ => "a leaf".into(),
    }
}

/// One scenario of a diff, with what the reasons look up in it, each computed once.
struct Side<'m, 'p> {
    model: &'m Model<'p>,
    /// The assumptions in force, as shown in proofs.
    assumed: Vec<(String, Likelihood)>,
    /// Every atom that holds, as shown in proofs; built the first time a reason needs it.
    holding: std::cell::OnceCell<std::collections::HashSet<String>>,
}

impl<'m, 'p> Side<'m, 'p> {
    fn new(model: &'m Model<'p>) -> Self {
        let p = model.program();
        let assumed = p
            .assumptions(model.scenario())
            .iter()
            .filter(|(_, _, a)| !a.negated)
            .map(|(_, _, a)| (p.show_atom(&a.atom), a.level))
            .collect();
        Side {
            model,
            assumed,
            holding: std::cell::OnceCell::new(),
        }
    }

    /// Of `atoms` (canonical text), those that hold here, in backticks.
    fn holding(&self, atoms: Vec<String>) -> Vec<String> {
        if atoms.is_empty() {
            return atoms;
        }
        let all = self.holding.get_or_init(|| {
            let (m, p) = (self.model, self.model.program());
            let mut all = std::collections::HashSet::new();
            for (pred, rel) in m.relations().iter().enumerate() {
                for t in rel.ids() {
                    all.insert(p.show_atom(&m.atom(crate::program::PredId::from_index(pred), t)));
                }
            }
            all
        });
        atoms
            .into_iter()
            .filter(|a| all.contains(a))
            .map(|a| format!("`{a}`"))
            .collect()
    }
}

/// The assumption leaves of `proof` that `other` does not assume alike.
fn differing(proof: &Proof, other: &[(String, Likelihood)]) -> (Vec<String>, Vec<String>) {
    let (mut assumed, mut absent) = (Vec::new(), Vec::new());
    leaves(proof, &mut assumed, &mut absent);
    let diff = assumed
        .iter()
        .filter(|a| !other.contains(a))
        .map(|(a, l)| format!("{a} [{l}]"))
        .collect();
    (diff, absent)
}

/// One line: which rule fires or stops firing, and which assumptions or blocks differ.
fn reason(
    from: &Side<'_, '_>,
    to: &Side<'_, '_>,
    before: Option<&Proof>,
    after: Option<&Proof>,
) -> String {
    let mut parts = Vec::new();
    match (before, after) {
        (None, Some(now)) => {
            parts.push(format!("{} now fires", root(now)));
            let (new, absent) = differing(now, &from.assumed);
            if !new.is_empty() {
                parts.push(format!("newly assumed: {}", new.join(", ")));
            }
            let unblocked = from.holding(absent);
            if !unblocked.is_empty() {
                parts.push(format!("no longer blocked by {}", unblocked.join(", ")));
            }
        }
        (Some(was), None) => {
            parts.push(format!("{} no longer fires", root(was)));
            let (gone, absent) = differing(was, &to.assumed);
            if !gone.is_empty() {
                parts.push(format!("no longer assumed: {}", gone.join(", ")));
            }
            let blocking = to.holding(absent);
            if !blocking.is_empty() {
                parts.push(format!("now blocked by {}", blocking.join(", ")));
            }
        }
        (Some(was), Some(now)) => {
            parts.push(format!(
                "{} [{}] -> {} [{}]",
                root(was),
                was.likelihood,
                root(now),
                now.likelihood
            ));
            let (moved, _) = differing(now, &from.assumed);
            if !moved.is_empty() {
                parts.push(format!("assumes {}", moved.join(", ")));
            }
        }
        (None, None) => parts.push("holds in neither".into()),
    }
    parts.join("; ")
}

impl Diff {
    /// Text: gained, lost and changed conclusions, one line each; with `explain`, the
    /// proofs beneath.
    pub fn text(&self, explain: bool) -> String {
        let mut out = format!("diff {} -> {}\n", self.from, self.to);
        for (title, sign, list) in [
            ("gained", '+', &self.gained),
            ("lost", '-', &self.lost),
            ("changed", '~', &self.changed),
        ] {
            let _ = writeln!(out, "{title} ({}):", list.len());
            let width = list
                .iter()
                .map(|c| c.atom.chars().count())
                .max()
                .unwrap_or(0);
            let levels: Vec<String> = list
                .iter()
                .map(|c| match (c.before, c.after) {
                    (Some(b), Some(a)) => format!("{b} -> {a}"),
                    (None, Some(l)) | (Some(l), None) => l.to_string(),
                    (None, None) => String::new(),
                })
                .collect();
            let level_width = levels.iter().map(String::len).max().unwrap_or(0);
            for (c, level) in list.iter().zip(&levels) {
                let _ = writeln!(
                    out,
                    "  {sign} {:<width$}  {level:<level_width$}  ({})",
                    c.atom, c.reason
                );
                if explain {
                    for (label, proof) in [("before", &c.proof_before), ("after", &c.proof_after)] {
                        if let Some(proof) = proof {
                            let _ = writeln!(out, "    {label}:");
                            for line in render::proof_text(proof, None).lines() {
                                let _ = writeln!(out, "      {line}");
                            }
                        }
                    }
                }
            }
        }
        out
    }
}
