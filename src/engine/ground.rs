//! Ground clauses as flat records, and rules instantiated into them.
//!
//! A clause without variables is evaluated by counting: it waits for its premises in its
//! own stratum to appear, then looks its premises up once (the Dowling-Gallier counter
//! algorithm). A rule with variables becomes such clauses too when one of its premises is
//! a *guard*: a predicate defined by facts alone, outside the rule's stratum, whose
//! arguments hold every variable of the rule. Each fact of the guard then gives one ground
//! instance (`r2(h, a, b) and ?a t and ?b t implies ?h t` is, per `r2` fact, a ground
//! rule), which is how a rule base kept as data runs as fast as one written out.

use super::Clause;
use super::model::unify;
use crate::likelihood::Likelihood;
use crate::program::{Arg, AtomPattern, PredId, Program, RuleId, SymbolId};

/// A ground clause's record in a stratum's block of words: rule, likelihood rank, head
/// slot, head arity and values, premise count, then per premise its predicate, its kind
/// ([`Premise`]), its arity and its values.
pub(crate) struct GroundClause<'a>(&'a [u32]);

/// One premise of a [`GroundClause`].
pub(crate) struct GroundPremise<'a> {
    pub pred: PredId,
    pub kind: Premise,
    pub row: &'a [u32],
}

/// How a ground premise is checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Premise {
    /// It must hold: looked up.
    Positive,
    /// It must not hold: looked up.
    Negated,
    /// The guard fact an instance was made from, of this likelihood: known to hold.
    Fact(Likelihood),
}

impl Premise {
    fn encode(self) -> u32 {
        match self {
            Premise::Positive => 0,
            Premise::Negated => 1,
            Premise::Fact(l) => 2 + l.rank() as u32,
        }
    }

    fn decode(word: u32) -> Self {
        match word {
            0 => Premise::Positive,
            1 => Premise::Negated,
            n => Premise::Fact(Likelihood::ALL[(n as usize - 2).min(Likelihood::ALL.len() - 1)]),
        }
    }
}

impl<'a> GroundClause<'a> {
    /// Appends the record of `clause` with its variables set to `env` (empty for a clause
    /// without variables); `guard` is the premise that an instance's fact makes hold, and
    /// that fact's likelihood.
    pub fn write(
        out: &mut Vec<u32>,
        program: &Program,
        clause: &Clause,
        env: &[SymbolId],
        guard: Option<(usize, Likelihood)>,
    ) {
        let rule = program.rule(clause.rule);
        let ids = |out: &mut Vec<u32>, args: &[Arg]| {
            out.push(args.len() as u32);
            out.extend(args.iter().map(|a| match a {
                Arg::Const(c) => c.0,
                Arg::Var(v) => env.get(v.index()).map_or(u32::MAX, |s| s.0),
            }));
        };
        out.extend([
            clause.rule.0,
            rule.level.rank() as u32,
            clause.head_slot as u32,
        ]);
        ids(out, &rule.conclusions[clause.conclusion].args);
        out.push(rule.premises.len() as u32);
        for (i, p) in rule.premises.iter().enumerate() {
            let kind = match guard {
                Some((g, level)) if g == i => Premise::Fact(level),
                _ if p.negated => Premise::Negated,
                _ => Premise::Positive,
            };
            out.extend([p.atom.pred.0, kind.encode()]);
            ids(out, &p.atom.args);
        }
    }

    /// The record starting at `at`.
    pub fn at(words: &'a [u32], at: u32) -> Self {
        GroundClause(words.get(at as usize..).unwrap_or(&[]))
    }

    fn word(&self, i: usize) -> u32 {
        self.0.get(i).copied().unwrap_or(0)
    }

    pub fn rule(&self) -> RuleId {
        RuleId(self.word(0))
    }

    pub fn level(&self) -> usize {
        self.word(1) as usize
    }

    pub fn head_slot(&self) -> usize {
        self.word(2) as usize
    }

    pub fn head(&self) -> &'a [u32] {
        let n = self.word(3) as usize;
        self.0.get(4..4 + n).unwrap_or(&[])
    }

    /// The premises, in written order.
    pub fn premises(&self) -> impl Iterator<Item = GroundPremise<'a>> + use<'a> {
        let start = 4 + self.word(3) as usize;
        let count = self.word(start) as usize;
        let mut rest = self.0.get(start + 1..).unwrap_or(&[]);
        (0..count).map_while(move |_| {
            let (&[pred, kind, arity], tail) = rest.split_first_chunk::<3>()?;
            let (row, tail) = tail.split_at_checked(arity as usize)?;
            rest = tail;
            Some(GroundPremise {
                pred: PredId(pred),
                kind: Premise::decode(kind),
                row,
            })
        })
    }
}

/// The premise of `rule` that can instantiate it: positive, of a predicate that no rule
/// concludes and that lies outside the stratum, with every variable among its arguments.
pub(crate) fn guard(
    program: &Program,
    rule: RuleId,
    concluded: &[bool],
    in_stratum: impl Fn(PredId) -> bool,
) -> Option<usize> {
    let rule = program.rule(rule);
    let covers = |atom: &AtomPattern| {
        (0..rule.vars.len()).all(|v| {
            atom.args
                .iter()
                .any(|a| matches!(a, Arg::Var(x) if x.index() == v))
        })
    };
    rule.premises.iter().position(|p| {
        !p.negated && !concluded[p.atom.pred.index()] && !in_stratum(p.atom.pred) && covers(&p.atom)
    })
}

/// The values of a rule's variables that make its guard premise equal `row`, if any.
pub(crate) fn bind(guard: &AtomPattern, row: &[SymbolId], nvars: usize) -> Option<Vec<SymbolId>> {
    unify(&guard.args, row, nvars)?.into_iter().collect()
}

/// The instances of one clause, made from the facts of its guard.
#[derive(Debug)]
pub(crate) struct Instances {
    /// The clause instantiated; it stays, for runs that add atoms to the guard.
    pub original: usize,
    /// The guard's predicate.
    pub guard: PredId,
    /// The instances' clause numbers in the stratum.
    pub clauses: std::ops::Range<usize>,
}
