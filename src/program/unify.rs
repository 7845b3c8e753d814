//! Unification and substitution: the one definition the program layer (reachability,
//! stratification), the engine (guard instantiation, derivations) and `explain` share.
//!
//! - [`unify`] / [`unify_args`]: whether two patterns, each with its own (rule-local)
//!   variables, can stand for the same ground atom;
//! - [`bind`] / [`bind_all`] / [`matches_ground`]: the variable values that make a pattern
//!   equal a ground row;
//! - [`substitute`] / [`value`]: a pattern with its variables replaced by their values.

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

/// Variable values (indexed by [`VarId`], `nvars` of them) that make `pattern` equal
/// `row`: `None` when a constant differs, a variable would take two values, or the
/// lengths differ; a variable the pattern does not mention stays `None`.
pub fn bind(pattern: &[Arg], row: &[SymbolId], nvars: usize) -> Option<Vec<Option<SymbolId>>> {
    if pattern.len() != row.len() {
        return None;
    }
    let mut env = vec![None; nvars];
    for (a, &v) in pattern.iter().zip(row) {
        match *a {
            Arg::Const(c) if c != v => return None,
            Arg::Const(_) => {}
            Arg::Var(x) => match env.get_mut(x.index())? {
                Some(w) if *w != v => return None,
                Some(_) => {}
                slot @ None => *slot = Some(v),
            },
        }
    }
    Some(env)
}

/// [`bind`], when `pattern` mentions every one of the `nvars` variables: their values.
pub fn bind_all(pattern: &[Arg], row: &[SymbolId], nvars: usize) -> Option<Vec<SymbolId>> {
    bind(pattern, row, nvars)?.into_iter().collect()
}

/// `args` with each variable replaced by its value in `env` (indexed by [`VarId`]);
/// `None` when some variable has no value there.
pub fn substitute(args: &[Arg], env: &[SymbolId]) -> Option<SmallVec<[SymbolId; 4]>> {
    args.iter().map(|a| value(a, env)).collect()
}

/// One argument's value under `env` (indexed by [`VarId`]): a constant, or its variable's
/// value; `None` when the variable has none there. The step [`substitute`] takes per
/// argument, for a caller that writes the values somewhere of its own.
pub fn value(arg: &Arg, env: &[SymbolId]) -> Option<SymbolId> {
    match *arg {
        Arg::Const(c) => Some(c),
        Arg::Var(v) => env.get(v.index()).copied(),
    }
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
    fn binding_and_substitution_agree() {
        let s = SymbolId;
        // `?x p ?y ?x` against `a p b a`: ?x = a, ?y = b; ?z (unmentioned) stays unknown.
        let pattern = [v(0), v(1), v(0)];
        let env = bind(&pattern, &[s(1), s(2), s(1)], 3).expect("it matches");
        assert_eq!(env, [Some(s(1)), Some(s(2)), None]);
        assert_eq!(bind_all(&pattern, &[s(1), s(2), s(1)], 3), None);
        let all = bind_all(&pattern, &[s(1), s(2), s(1)], 2).expect("both bound");
        assert_eq!(
            substitute(&pattern, &all).as_deref(),
            Some(&[s(1), s(2), s(1)][..])
        );
        assert_eq!(bind(&pattern, &[s(1), s(2), s(3)], 2), None, "?x twice");
        assert_eq!(bind(&[c(1)], &[s(2)], 0), None, "constants differ");
        assert_eq!(bind(&[c(1)], &[s(1), s(1)], 0), None, "lengths differ");
        assert_eq!(substitute(&[v(0), v(3)], &[s(5)]), None, "?3 has no value");
    }

    #[test]
    fn ground_matching() {
        assert!(matches_ground(&[v(0), v(0)], &[SymbolId(1), SymbolId(1)]));
        assert!(!matches_ground(&[v(0), v(0)], &[SymbolId(1), SymbolId(2)]));
        assert!(!matches_ground(&[c(3)], &[SymbolId(1)]));
    }
}
