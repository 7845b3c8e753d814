//! Why a conclusion or conflict differs between two scenarios, in one sentence.
//!
//! The stronger side is walked from the atom down: for what the second scenario gained or
//! raised, its strongest proof (one way it now holds); for what it lost or weakened, every
//! derivation the first scenario had above what is left (each had to fail). A step as strong
//! on the other side is no part of the difference and is not entered; a weaker one is, down
//! to what differs between the two scenarios themselves: an `assume` or `assume not` line, or
//! the atom behind a `not` premise. Those are the causes, each named once, in the order the
//! walk meets them.

use std::ops::ControlFlow;

use crate::engine::{ConflictMatch, Derivation, Model};
use crate::explain::{By, MAX_PROOF_DEPTH, Proof, why};
use crate::hash::{HashMap, HashSet};
use crate::likelihood::Likelihood;
use crate::program::{GroundAtom, RuleId, SymbolId};

use super::cause::{Cause, negated};
use super::stances::{AssumeLine, Stance, Stances};

/// One scenario of a diff, with the `assume` lines in force there.
pub(super) struct Side<'m, 'p> {
    model: &'m Model<'p>,
    stances: &'m Stances,
}

impl<'m, 'p> Side<'m, 'p> {
    pub(super) fn new(model: &'m Model<'p>, stances: &'m Stances) -> Self {
        Side { model, stances }
    }

    fn level(&self, atom: &GroundAtom) -> Option<Likelihood> {
        self.model.likelihood(atom)
    }

    fn stance(&self, atom: &GroundAtom) -> Option<&'m (Stance, AssumeLine)> {
        self.stances.get(atom)
    }
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

/// One line for a conclusion: the rule at the root of what makes the difference, and what
/// differs beneath it. Gained and raised: the second scenario's strongest proof, one way it
/// now holds. Lost and weakened: every way the first scenario derived it (more strongly than
/// the second does), since each had to fail.
pub(super) fn reason(
    kind: Kind,
    atom: &GroundAtom,
    proof: Option<&Proof<'_>>,
    from: &Side<'_, '_>,
    to: &Side<'_, '_>,
    memo: &mut Memo,
) -> String {
    let after = to.model.likelihood(atom);
    let walk = Walk::new(kind, after, from, to);
    match kind {
        Kind::Gained | Kind::Raised => {
            proof.map_or_else(String::new, |proof| gained(kind, proof, &walk))
        }
        Kind::Lost | Kind::Weakened => lost(kind, atom, after, &walk, memo),
    }
}

fn gained(kind: Kind, proof: &Proof<'_>, walk: &Walk<'_, '_, '_>) -> String {
    let p = proof.program();
    let mut causes = Vec::new();
    walk.node(proof, &mut causes);
    let about_root = !proof.atom.negated
        && causes
            .first()
            .is_some_and(|c| matches!(c, Cause::Stance { atom, .. } if *atom == proof.atom.atom));
    let mut parts: Vec<String> = causes.iter().map(|c| c.text(p)).collect();
    let By::Rule { rule } = proof.by else {
        return parts.join("; ");
    };
    let rule = &p.rule(rule).name;
    if about_root {
        parts.push(format!("rule {rule} concludes it"));
        return parts.join("; ");
    }
    let head = match kind {
        Kind::Raised => format!("rule {rule} now gives [{}]", proof.likelihood),
        _ => format!("rule {rule} now concludes it"),
    };
    with_head(head, &parts)
}

/// `head: part; part`, or the head alone.
fn with_head(head: String, parts: &[String]) -> String {
    if parts.is_empty() {
        head
    } else {
        format!("{head}: {}", parts.join("; "))
    }
}

/// How many rule applications the reason for a lost or weakened atom looks at before it
/// says that more may differ.
const BUDGET: usize = 1_000;

fn lost(
    kind: Kind,
    atom: &GroundAtom,
    after: Option<Likelihood>,
    walk: &Walk<'_, '_, '_>,
    memo: &mut Memo,
) -> String {
    let (found, _) = walk.expand(atom, 0, memo, &mut Expansion::default());
    let p = walk.strong.model.program();
    let forbidden = matches!(walk.weak.stance(atom), Some((Stance::Forbidden, _)));
    let root_rules = if forbidden {
        Vec::new()
    } else {
        walk.failed_rules(atom)
    };
    let causes: Vec<&Cause> = found.causes.iter().map(|&i| &memo.causes[i]).collect();
    // Its own `assume` lines, if they differ, come first: they are not beneath a rule.
    let own = causes
        .iter()
        .take_while(|c| matches!(c, Cause::Stance { atom: a, .. } if a == atom))
        .count();
    let mut parts: Vec<String> = causes[..own].iter().map(|c| c.text(p)).collect();
    let below: Vec<String> = causes[own..].iter().map(|c| c.text(p)).collect();
    let rules: Vec<&str> = root_rules
        .iter()
        .map(|&r| p.rule(r).name.as_str())
        .collect();
    if !rules.is_empty() {
        let (noun, verb) = match (rules.len(), kind, after) {
            (1, Kind::Weakened, Some(a)) => ("rule", format!("no longer gives more than [{a}]")),
            (_, Kind::Weakened, Some(a)) => ("rules", format!("no longer give more than [{a}]")),
            (1, _, _) => ("rule", "no longer concludes it".to_owned()),
            _ => ("rules", "no longer conclude it".to_owned()),
        };
        parts.push(with_head(
            format!("{noun} {} {verb}", and_list(&rules)),
            &below,
        ));
    } else {
        parts.extend(below);
    }
    if found.truncated {
        parts.push(CUT_SHORT.to_owned());
    }
    parts.join("; ")
}

/// The last clause of a reason whose walk was cut short.
const CUT_SHORT: &str = "more may differ beyond the rule applications examined";

/// `a`, `a and b`, `a, b and c`.
fn and_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// One line for a conflict that holds on one side only, or at different likelihoods: what
/// differs beneath its premises, on the stronger side. `m` is that side's match.
pub(super) fn conflict_reason(
    kind: Kind,
    m: &ConflictMatch,
    after: Option<Likelihood>,
    from: &Side<'_, '_>,
    to: &Side<'_, '_>,
    memo: &mut Memo,
) -> String {
    let walk = Walk::new(kind, after, from, to);
    let (model, p) = (walk.strong.model, walk.strong.model.program());
    let env: Vec<SymbolId> = m.bindings.iter().map(|(_, v)| *v).collect();
    let mut causes = Vec::new();
    let mut truncated = false;
    for premise in &p.conflicts()[m.conflict.index()].premises {
        let atom = premise.atom.ground(&env);
        if premise.negated {
            walk.negation(&atom, &mut causes);
        } else if walk.forward {
            if let Some(proof) = why(model, &atom) {
                walk.node(&proof, &mut causes);
            }
        } else {
            let (found, _) = walk.expand(&atom, 0, memo, &mut Expansion::default());
            truncated |= found.truncated;
            for &i in &found.causes {
                push(&mut causes, memo.causes[i].clone());
            }
        }
    }
    let mut parts: Vec<String> = causes.iter().map(|c| c.text(p)).collect();
    if truncated {
        parts.push(CUT_SHORT.to_owned());
    }
    parts.join("; ")
}

/// The causes found beneath each atom, shared by every reason of one diff so that each atom
/// is expanded once per threshold.
#[derive(Default)]
pub(super) struct Memo {
    /// Every cause met, each once; [`Found`] holds indexes into it.
    causes: Vec<Cause>,
    index: HashMap<Cause, usize>,
    below: HashMap<(GroundAtom, Likelihood), Found>,
}

impl Memo {
    fn intern(&mut self, cause: Cause) -> usize {
        if let Some(&i) = self.index.get(&cause) {
            return i;
        }
        self.causes.push(cause.clone());
        self.index.insert(cause, self.causes.len() - 1);
        self.causes.len() - 1
    }
}

/// The causes beneath one atom, in the order the walk meets them.
#[derive(Clone, Default)]
struct Found {
    causes: Vec<usize>,
    /// Whether the depth limit or the budget cut the walk short.
    truncated: bool,
}

impl Found {
    fn add(&mut self, cause: usize) {
        if !self.causes.contains(&cause) {
            self.causes.push(cause);
        }
    }

    fn merge(&mut self, other: &Found) {
        for &c in &other.causes {
            self.add(c);
        }
        self.truncated |= other.truncated;
    }
}

/// One reason's walk through every derivation.
#[derive(Default)]
struct Expansion {
    /// The atoms being expanded, root first: met again, they are a cycle and add nothing.
    on_stack: HashSet<GroundAtom>,
    /// Rule applications examined.
    spent: usize,
}

/// A walk down the stronger side.
struct Walk<'a, 'm, 'p> {
    strong: &'a Side<'m, 'p>,
    weak: &'a Side<'m, 'p>,
    /// Whether `strong` is the second scenario.
    forward: bool,
    threshold: Likelihood,
}

impl<'a, 'm, 'p> Walk<'a, 'm, 'p> {
    /// The walk that explains a difference of `kind` between `before` (the first scenario's
    /// likelihood) and `after` (the second's).
    fn new(
        kind: Kind,
        after: Option<Likelihood>,
        from: &'a Side<'m, 'p>,
        to: &'a Side<'m, 'p>,
    ) -> Self {
        let (strong, weak, forward) = match kind {
            Kind::Gained | Kind::Raised => (to, from, true),
            Kind::Lost | Kind::Weakened => (from, to, false),
        };
        // What on the weaker side is no part of the difference. Gained and lost: anything
        // that holds there. Raised: anything at least as strong as the new level, which every
        // step of its proof needs. Weakened: anything stronger than the new level, since
        // every way to more is gone.
        let above = |l: Likelihood| Likelihood::ALL.into_iter().find(|&x| x > l);
        let threshold = match (kind, after) {
            (Kind::Raised, Some(a)) => a,
            (Kind::Weakened, Some(a)) => above(a).unwrap_or(Likelihood::Certain),
            _ => Likelihood::AlmostNoChance,
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
    fn negation(&self, atom: &GroundAtom, causes: &mut Vec<Cause>) {
        if let Some(c) = self.negation_cause(atom) {
            push(causes, c);
        }
    }

    /// What differs behind a `not atom` premise weaker on the weak side, if it is.
    fn negation_cause(&self, atom: &GroundAtom) -> Option<Cause> {
        let (s, w) = (self.strong.level(atom), self.weak.level(atom));
        if self.enough(negated(w)) {
            return None;
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
        Some(Cause::Negation {
            atom: atom.clone(),
            before,
            after,
            stances,
        })
    }

    /// An atom of the first scenario (the stronger side): what differs beneath every
    /// derivation of it stronger than the second scenario reaches. Returns the causes and
    /// whether they depend on where the walk came from (a cycle cut, or a limit met), in
    /// which case they are not kept for other reasons.
    fn expand(
        &self,
        atom: &GroundAtom,
        depth: usize,
        memo: &mut Memo,
        x: &mut Expansion,
    ) -> (Found, bool) {
        // One program, so an atom of one side is an atom of the other.
        if self.enough(self.weak.model.likelihood(atom)) {
            return (Found::default(), false);
        }
        let key = (atom.clone(), self.threshold);
        if let Some(found) = memo.below.get(&key) {
            return (found.clone(), false);
        }
        if depth >= MAX_PROOF_DEPTH || x.spent >= BUDGET {
            let cut = Found {
                causes: Vec::new(),
                truncated: true,
            };
            return (cut, true);
        }
        if !x.on_stack.insert(atom.clone()) {
            return (Found::default(), true);
        }
        let (found, partial) = self.expand_new(atom, depth, memo, x);
        x.on_stack.remove(atom);
        if !partial {
            memo.below.insert(key, found.clone());
        }
        (found, partial)
    }

    fn expand_new(
        &self,
        atom: &GroundAtom,
        depth: usize,
        memo: &mut Memo,
        x: &mut Expansion,
    ) -> (Found, bool) {
        let model = self.strong.model;
        let p = model.program();
        let (mut found, mut partial) = (Found::default(), false);
        let (s, w) = (self.strong.stance(atom), self.weak.stance(atom));
        if s.map(|s| s.0) != w.map(|w| w.0) {
            let (before, after) = self.order(s, w);
            if let Some(line) = after.or(before).map(|s| s.1.clone()) {
                found.add(memo.intern(Cause::Stance {
                    atom: atom.clone(),
                    before: before.map(|s| s.0),
                    after: after.map(|s| s.0),
                    line,
                }));
            }
            if matches!(w, Some((Stance::Forbidden, _))) {
                return (found, false);
            }
        }
        let mut failed = Vec::new();
        let _ = model.derivations(atom, &mut |d| {
            if x.spent >= BUDGET {
                found.truncated = true;
                partial = true;
                return ControlFlow::Break(());
            }
            x.spent += 1;
            if self.enough(Some(self.strength(d))) {
                failed.push(d.clone());
            }
            ControlFlow::Continue(())
        });
        for d in failed {
            let rule = p.rule(d.rule);
            for (premise, m) in rule.premises.iter().zip(&d.premises) {
                match m {
                    Some((pred, t)) => {
                        let (below, cut) = self.expand(&model.atom(*pred, *t), depth + 1, memo, x);
                        found.merge(&below);
                        partial |= cut;
                    }
                    None => {
                        let x = premise.atom.ground(&d.bindings);
                        if let Some(c) = self.negation_cause(&x) {
                            found.add(memo.intern(c));
                        }
                    }
                }
            }
        }
        (found, partial)
    }

    /// The rules of the derivations of `atom` on the stronger side that the weaker side does
    /// not match, in rule order.
    fn failed_rules(&self, atom: &GroundAtom) -> Vec<RuleId> {
        let mut rules = Vec::new();
        let _ = self.strong.model.derivations(atom, &mut |d| {
            if !rules.contains(&d.rule) && self.enough(Some(self.strength(d))) {
                rules.push(d.rule);
            }
            if rules.len() >= BUDGET {
                return ControlFlow::Break(());
            }
            ControlFlow::Continue(())
        });
        rules
    }

    /// How strong a derivation is on the stronger side: its rule and its weakest premise.
    fn strength(&self, d: &Derivation) -> Likelihood {
        let (model, p) = (self.strong.model, self.strong.model.program());
        let rule = p.rule(d.rule);
        rule.premises
            .iter()
            .zip(&d.premises)
            .map(|(premise, m)| match m {
                Some((pred, t)) => model.likelihood(&model.atom(*pred, *t)),
                None => negated(model.likelihood(&premise.atom.ground(&d.bindings))),
            })
            .try_fold(rule.level, |acc, l| l.map(|l| acc.min(l)))
            .unwrap_or(Likelihood::AlmostNoChance)
    }

    fn node(&self, proof: &Proof<'_>, causes: &mut Vec<Cause>) {
        let atom = &proof.atom.atom;
        if proof.atom.negated {
            self.negation(atom, causes);
            return;
        }
        if matches!(proof.by, By::Folded) || self.enough(self.weak.level(atom)) {
            return;
        }
        let (s, w) = (self.strong.stance(atom), self.weak.stance(atom));
        let differs = s.map(|s| s.0) != w.map(|w| w.0);
        let forbidden_here = matches!(w, Some((Stance::Forbidden, _)));
        if differs && (forbidden_here || !matches!(proof.by, By::Rule { .. })) {
            let (before, after) = self.order(s, w);
            let line = after.or(before).map(|s| s.1.clone());
            if let Some(line) = line {
                push(
                    causes,
                    Cause::Stance {
                        atom: atom.clone(),
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
