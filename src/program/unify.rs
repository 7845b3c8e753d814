//! Unification of atom patterns: whether two patterns, each with its own (rule-local)
//! variables, can stand for the same ground atom. The one definition that reachability
//! ([`super::reach`]) and stratification ([`super::stratify`]) share.

use smallvec::SmallVec;

use super::{Arg, AtomPattern, SymbolId, VarId};

/// A term during unification: a constant, or a variable of the left (`false`) or right
/// (`true`) pattern. The two patterns' variables never meet: `?x` of one rule is not `?x`
/// of another.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Term {
    Const(SymbolId),
    Var(bool, VarId),
}

/// Whether some values of both patterns' variables make them the same atom. With no
/// function symbols the most general unifier is a set of variable bindings, and no occurs
/// check is needed.
pub fn unify(a: &AtomPattern, b: &AtomPattern) -> bool {
    a.pred == b.pred && unify_args(&a.args, &b.args)
}

/// [`unify`] on argument lists of one predicate.
pub fn unify_args(a: &[Arg], b: &[Arg]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut bound: SmallVec<[(Term, Term); 4]> = SmallVec::new();
    let resolve = |bound: &[(Term, Term)], mut t: Term| {
        while let Some(&(_, to)) = bound.iter().find(|(from, _)| *from == t) {
            t = to;
        }
        t
    };
    let term = |side: bool, arg: &Arg| match *arg {
        Arg::Const(c) => Term::Const(c),
        Arg::Var(v) => Term::Var(side, v),
    };
    for (x, y) in a.iter().zip(b) {
        let (x, y) = (
            resolve(&bound, term(false, x)),
            resolve(&bound, term(true, y)),
        );
        match (x, y) {
            _ if x == y => {}
            (Term::Const(_), Term::Const(_)) => return false,
            (Term::Var(..), _) => bound.push((x, y)),
            (_, Term::Var(..)) => bound.push((y, x)),
        }
    }
    true
}

/// Whether `pattern` has an instance equal to the ground arguments `atom`.
pub fn matches_ground(pattern: &[Arg], atom: &[SymbolId]) -> bool {
    if pattern.len() != atom.len() {
        return false;
    }
    let mut bound: SmallVec<[(VarId, SymbolId); 4]> = SmallVec::new();
    pattern.iter().zip(atom).all(|(a, &v)| match *a {
        Arg::Const(c) => c == v,
        Arg::Var(x) => match bound.iter().find(|(y, _)| *y == x) {
            Some(&(_, w)) => w == v,
            None => {
                bound.push((x, v));
                true
            }
        },
    })
}

/// The pattern's arguments as constants, when it has no variable.
pub fn ground_args(args: &[Arg]) -> Option<SmallVec<[SymbolId; 4]>> {
    args.iter()
        .map(|a| match *a {
            Arg::Const(c) => Some(c),
            Arg::Var(_) => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(n: u32) -> Arg {
        Arg::Const(SymbolId(n))
    }
    fn v(n: u32) -> Arg {
        Arg::Var(VarId(n))
    }

    #[test]
    fn constants_must_agree() {
        assert!(unify_args(&[c(1), c(2)], &[c(1), c(2)]));
        assert!(!unify_args(&[c(1), c(2)], &[c(1), c(3)]));
        assert!(!unify_args(&[c(1)], &[c(1), c(2)]));
    }

    #[test]
    fn variables_bind_consistently_within_one_side() {
        // `?x p ?x` and `a p b`: ?x cannot be both.
        assert!(!unify_args(&[v(0), v(0)], &[c(1), c(2)]));
        assert!(unify_args(&[v(0), v(0)], &[c(1), c(1)]));
        // `?x p ?x` and `?y p b`: ?x = ?y = b.
        assert!(unify_args(&[v(0), v(0)], &[v(0), c(2)]));
        // `?x p ?x` and `a p ?y` then `?y` = a: chains resolve.
        assert!(!unify_args(&[v(0), v(0), c(1)], &[v(1), c(2), v(1)]));
        assert!(unify_args(&[v(0), v(0), c(2)], &[v(1), c(2), v(1)]));
    }

    #[test]
    fn the_two_sides_have_separate_variables() {
        // `?x p a` and `b p ?x`: different ?x, so they unify on `b p a`.
        assert!(unify_args(&[v(0), c(1)], &[c(2), v(0)]));
    }

    #[test]
    fn ground_matching() {
        assert!(matches_ground(&[v(0), v(0)], &[SymbolId(1), SymbolId(1)]));
        assert!(!matches_ground(&[v(0), v(0)], &[SymbolId(1), SymbolId(2)]));
        assert!(!matches_ground(&[c(3)], &[SymbolId(1)]));
    }
}
