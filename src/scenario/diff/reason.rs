//! Why a conclusion differs between two scenarios, in one sentence.
//!
//! The proof on the side where the atom is stronger (or holds at all) is walked from its
//! root: a step that is as strong on the other side is no part of the difference and is not
//! entered; a step that is weaker there is entered, down to what differs between the two
//! scenarios themselves: an `assume` or `assume not` line, or the atom behind a `not`
//! premise. Those are the causes, each named once, in the order the walk meets them.

use std::cell::OnceCell;
use std::collections::HashMap;
use std::fmt::Write;

use crate::engine::{ConflictMatch, Model};
use crate::explain::{By, Proof, why};
use crate::likelihood::Likelihood;
use crate::program::{PredId, SymbolId};

use super::stances::{AssumeLine, Stance, Stances};

/// One scenario of a diff, with what the reasons look up in it, by canonical atom text (the
/// form proofs carry).
pub(super) struct Side<'m, 'p> {
    model: &'m Model<'p>,
    stances: HashMap<String, (Stance, AssumeLine)>,
    /// Every atom that holds; built the first time a reason needs it.
    levels: OnceCell<HashMap<String, Likelihood>>,
}

impl<'m, 'p> Side<'m, 'p> {
    pub(super) fn new(model: &'m Model<'p>, stances: &Stances) -> Self {
        let p = model.program();
        let stances = stances
            .iter()
            .map(|(a, s)| (p.show_atom(a), s.clone()))
            .collect();
        Side {
            model,
            stances,
            levels: OnceCell::new(),
        }
    }

    fn level(&self, atom: &str) -> Option<Likelihood> {
        let all = self.levels.get_or_init(|| {
            let (m, p) = (self.model, self.model.program());
            let mut all = HashMap::new();
            for (pred, rel) in m.relations().iter().enumerate() {
                for t in rel.ids() {
                    let atom = m.atom(PredId::from_index(pred), t);
                    if let Some(l) = m.likelihood(&atom) {
                        all.insert(p.show_atom(&atom), l);
                    }
                }
            }
            all
        });
        all.get(atom).copied()
    }

    fn stance(&self, atom: &str) -> Option<&(Stance, AssumeLine)> {
        self.stances.get(atom)
    }
}

/// The likelihood of a `not X` premise, given X's: `certain` when X does not hold, and
/// failing when it holds at any level (LANGUAGE.md §5).
fn negated(x: Option<Likelihood>) -> Option<Likelihood> {
    match x {
        None => Some(Likelihood::Certain),
        Some(_) => None,
    }
}

/// What differs between the two scenarios, at the bottom of a difference in a proof. Sides
/// are named as in the diff: `before` is the first scenario, `after` the second.
#[derive(Debug, PartialEq, Eq)]
enum Cause {
    /// The `assume` / `assume not` lines about an atom differ; `line` is the second
    /// scenario's when it has one, else the first's.
    Stance {
        atom: String,
        before: Option<Stance>,
        after: Option<Stance>,
        line: AssumeLine,
    },
    /// The atom behind a `not` premise differs: its likelihood on each side, and what the
    /// `assume` lines about it say on each side when that differs.
    Negation {
        atom: String,
        before: Option<Likelihood>,
        after: Option<Likelihood>,
        stances: Option<(Option<Stance>, Option<Stance>, AssumeLine)>,
    },
}

impl Cause {
    /// A clause that reads as a sentence.
    fn text(&self) -> String {
        match self {
            Cause::Stance {
                atom,
                before,
                after,
                line,
            } => stance_text(atom, *before, *after, line),
            Cause::Negation {
                atom,
                before,
                after,
                stances,
            } => negation_text(atom, *before, *after, stances.as_ref()),
        }
    }
}

fn stance_text(
    atom: &str,
    before: Option<Stance>,
    after: Option<Stance>,
    line: &AssumeLine,
) -> String {
    match (before, after) {
        (_, Some(Stance::Forbidden)) => {
            format!("`{atom}` is forbidden by `assume not` {line}")
        }
        (Some(Stance::Forbidden), Some(Stance::Assumed(l))) => {
            format!("`{atom}` is no longer forbidden and is assumed [{l}] {line}")
        }
        (Some(Stance::Forbidden), None) => {
            format!("`{atom}` is no longer forbidden by `assume not` {line}")
        }
        (Some(Stance::Assumed(b)), Some(Stance::Assumed(a))) => {
            format!("`{atom}` is assumed [{a}] instead of [{b}] {line}")
        }
        (None, Some(Stance::Assumed(l))) => format!("`{atom}` is assumed [{l}] {line}"),
        (Some(Stance::Assumed(l)), None) => {
            format!("`{atom}` is no longer assumed, as it was [{l}] {line}")
        }
        // The walk records a stance only where the two sides differ.
        (None, None) => format!("`{atom}` is assumed in neither scenario"),
    }
}

fn negation_text(
    atom: &str,
    before: Option<Likelihood>,
    after: Option<Likelihood>,
    stances: Option<&(Option<Stance>, Option<Stance>, AssumeLine)>,
) -> String {
    let mut out = match (before, after, stances) {
        (_, _, Some((b, a, line))) => stance_text(atom, *b, *a, line),
        (Some(_), None, None) => format!("`{atom}` no longer holds"),
        (None, Some(l), None) => format!("`{atom}` now holds [{l}]"),
        (Some(b), Some(a), None) => format!("`{atom}` is [{a}] instead of [{b}]"),
        (None, None, None) => format!("`{atom}` holds in neither scenario"),
    };
    let _ = match negated(after) {
        None => write!(out, ", so `not {atom}` fails"),
        Some(l) if negated(before).is_none() => write!(out, ", so `not {atom}` holds [{l}]"),
        Some(l) => write!(out, ", so `not {atom}` is [{l}]"),
    };
    out
}

/// Which way an atom differs, which names the side whose proof explains it.
#[derive(Clone, Copy)]
pub(super) enum Kind {
    /// Holds in the second scenario only.
    Gained,
    /// Holds in the first scenario only.
    Lost,
    /// Stronger in the second scenario.
    Raised,
    /// Weaker in the second scenario.
    Weakened,
}

/// One line: the rule at the root of the proof that makes the difference, and what differs
/// beneath it. `proof` is the stronger side's (the second scenario's for [`Kind::Gained`]
/// and [`Kind::Raised`], the first's otherwise).
pub(super) fn reason(kind: Kind, proof: &Proof, from: &Side<'_, '_>, to: &Side<'_, '_>) -> String {
    let walk = Walk::new(kind, proof.likelihood, from, to);
    let mut causes = Vec::new();
    walk.node(proof, &mut causes);
    let about_root = causes
        .first()
        .is_some_and(|c| matches!(c, Cause::Stance { atom, .. } if *atom == proof.atom));
    let mut parts: Vec<String> = causes.iter().map(Cause::text).collect();
    if about_root {
        if let (Kind::Gained, By::Rule { rule, .. }) = (kind, &proof.by) {
            parts.push(format!("rule {rule} concludes it"));
        }
        return parts.join("; ");
    }
    let head = match (&proof.by, kind) {
        (By::Rule { rule, .. }, Kind::Gained) => format!("rule {rule} now concludes it"),
        (By::Rule { rule, .. }, Kind::Lost) => format!("rule {rule} no longer concludes it"),
        (By::Rule { rule, .. }, Kind::Raised) => {
            format!("rule {rule} now gives [{}]", proof.likelihood)
        }
        (By::Rule { rule, .. }, Kind::Weakened) => {
            format!("rule {rule} no longer gives [{}]", proof.likelihood)
        }
        _ => return parts.join("; "),
    };
    if parts.is_empty() {
        head
    } else {
        format!("{head}: {}", parts.join("; "))
    }
}

/// One line for a conflict that holds on one side only, or at different likelihoods: what
/// differs beneath its premises, on the stronger side. `m` is that side's match.
pub(super) fn conflict_reason(
    kind: Kind,
    m: &ConflictMatch,
    from: &Side<'_, '_>,
    to: &Side<'_, '_>,
) -> String {
    let walk = Walk::new(kind, m.likelihood, from, to);
    let (model, p) = (walk.strong.model, walk.strong.model.program());
    let env: Vec<SymbolId> = m.bindings.iter().map(|(_, v)| *v).collect();
    let mut causes = Vec::new();
    for premise in &p.conflicts[m.conflict.index()].premises {
        let atom = premise.atom.ground(&env);
        if premise.negated {
            walk.negation(&p.show_atom(&atom), &mut causes);
        } else if let Some(proof) = why(model, &atom) {
            walk.node(&proof, &mut causes);
        }
    }
    let parts: Vec<String> = causes.iter().map(Cause::text).collect();
    parts.join("; ")
}

/// A walk down the stronger side's proof.
struct Walk<'a, 'm, 'p> {
    strong: &'a Side<'m, 'p>,
    weak: &'a Side<'m, 'p>,
    /// Whether `strong` is the second scenario.
    forward: bool,
    threshold: Likelihood,
}

impl<'a, 'm, 'p> Walk<'a, 'm, 'p> {
    /// The walk that explains a difference of `kind` in something `strength` strong on the
    /// stronger side.
    fn new(kind: Kind, strength: Likelihood, from: &'a Side<'m, 'p>, to: &'a Side<'m, 'p>) -> Self {
        let (strong, weak, forward) = match kind {
            Kind::Gained | Kind::Raised => (to, from, true),
            Kind::Lost | Kind::Weakened => (from, to, false),
        };
        // Gained and lost: anything that holds on the weaker side is no part of the
        // difference; a change in likelihood: anything at least as strong.
        let threshold = match kind {
            Kind::Gained | Kind::Lost => Likelihood::AlmostNoChance,
            Kind::Raised | Kind::Weakened => strength,
        };
        Walk {
            strong,
            weak,
            forward,
            threshold,
        }
    }

    fn enough(&self, l: Option<Likelihood>) -> bool {
        l.is_some_and(|l| l >= self.threshold)
    }

    /// A `not atom` premise.
    fn negation(&self, atom: &str, causes: &mut Vec<Cause>) {
        let (s, w) = (self.strong.level(atom), self.weak.level(atom));
        if self.enough(negated(w)) {
            return;
        }
        let (before, after) = self.order(s, w);
        let (ss, ws) = (self.strong.stance(atom), self.weak.stance(atom));
        let stances = (ss.map(|s| s.0) != ws.map(|w| w.0))
            .then(|| {
                let (b, a) = self.order(ss, ws);
                let line = a.or(b)?.1.clone();
                Some((b.map(|s| s.0), a.map(|s| s.0), line))
            })
            .flatten();
        push(
            causes,
            Cause::Negation {
                atom: atom.to_owned(),
                before,
                after,
                stances,
            },
        );
    }

    fn node(&self, proof: &Proof, causes: &mut Vec<Cause>) {
        // `not` is a reserved word, so no atom's text starts with it.
        if let Some(atom) = proof.atom.strip_prefix("not ") {
            self.negation(atom, causes);
            return;
        }
        if matches!(proof.by, By::Folded { .. } | By::Hypothesized { .. })
            || self.enough(self.weak.level(&proof.atom))
        {
            return;
        }
        let (s, w) = (
            self.strong.stance(&proof.atom),
            self.weak.stance(&proof.atom),
        );
        let differs = s.map(|s| s.0) != w.map(|w| w.0);
        let forbidden_here = matches!(w, Some((Stance::Forbidden, _)));
        if differs && (forbidden_here || !matches!(proof.by, By::Rule { .. })) {
            let (before, after) = self.order(s, w);
            let line = after.or(before).map(|s| s.1.clone());
            if let Some(line) = line {
                push(
                    causes,
                    Cause::Stance {
                        atom: proof.atom.clone(),
                        before: before.map(|s| s.0),
                        after: after.map(|s| s.0),
                        line,
                    },
                );
            }
            return;
        }
        for premise in &proof.premises {
            self.node(premise, causes);
        }
    }

    /// `(strong, weak)` as `(before, after)`.
    fn order<T>(&self, strong: T, weak: T) -> (T, T) {
        if self.forward {
            (weak, strong)
        } else {
            (strong, weak)
        }
    }
}

/// Adds a cause unless the walk met it already: a reason names each once.
fn push(causes: &mut Vec<Cause>, cause: Cause) {
    if !causes.contains(&cause) {
        causes.push(cause);
    }
}
