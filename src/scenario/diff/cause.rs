//! What differs between two scenarios at the bottom of a difference in a proof, and the
//! clause that says it.

use std::fmt::Write;

use crate::likelihood::Likelihood;
use crate::program::{GroundAtom, Program};

use super::stances::{AssumeLine, Stance};

/// The likelihood of a `not X` premise, given X's: `certain` when X does not hold, the
/// mirror of X's when X holds below `certain`, failing when X is certain (LANGUAGE.md §5).
pub(super) fn negated(x: Option<Likelihood>) -> Option<Likelihood> {
    x.map_or(Some(Likelihood::Certain), Likelihood::negated)
}

/// What differs between the two scenarios, at the bottom of a difference in a proof. Sides
/// are named as in the diff: `before` is the first scenario, `after` the second.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(super) enum Cause {
    /// The `assume` / `assume not` lines about an atom differ; `line` is the second
    /// scenario's when it has one, else the first's.
    Stance {
        atom: GroundAtom,
        before: Option<Stance>,
        after: Option<Stance>,
        line: AssumeLine,
    },
    /// The atom behind a `not` premise differs: its likelihood on each side, and what the
    /// `assume` lines about it say on each side when that differs.
    Negation {
        atom: GroundAtom,
        before: Option<Likelihood>,
        after: Option<Likelihood>,
        stances: Option<(Option<Stance>, Option<Stance>, AssumeLine)>,
    },
}

impl Cause {
    /// A clause that reads as a sentence.
    pub(super) fn text(&self, p: &Program) -> String {
        match self {
            Cause::Stance {
                atom,
                before,
                after,
                line,
            } => stance_text(&p.show_atom(atom), *before, *after, line),
            Cause::Negation {
                atom,
                before,
                after,
                stances,
            } => negation_text(&p.show_atom(atom), *before, *after, stances.as_ref()),
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
