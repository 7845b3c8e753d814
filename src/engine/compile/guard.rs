//! Guard instantiation: rules kept as data run as ground clauses.
//!
//! A rule with variables becomes ground clauses when one of its premises is a *guard*: a
//! predicate defined by facts alone, outside the rule's stratum, whose arguments hold
//! every variable of the rule. Each fact of the guard then gives one ground instance
//! (`r2(h, a, b) and ?a t and ?b t implies ?h t` is, per `r2` fact, a ground rule), which
//! is how a rule base kept as data runs as fast as one written out.

use std::ops::Range;

use super::super::ground::CountedId;
use super::ClauseId;
use crate::likelihood::Likelihood;
use crate::program::unify::bind_all;
use crate::program::{Arg, AtomPattern, FactId, PredId, Program, RuleId, SymbolId};

/// Stage 1 of [`super`]: which predicates rules conclude, and each predicate's facts.
#[derive(Debug)]
pub(crate) struct Facts {
    concluded: Vec<bool>,
    of: Vec<Vec<FactId>>,
}

impl Facts {
    pub fn new(program: &Program) -> Self {
        let mut concluded = vec![false; program.predicates().len()];
        for rule in program.rules() {
            for c in &rule.conclusions {
                concluded[c.pred.index()] = true;
            }
        }
        let mut of: Vec<Vec<FactId>> = vec![Vec::new(); program.predicates().len()];
        for (i, f) in program.facts().iter().enumerate() {
            of[f.atom.pred.index()].push(FactId::from_index(i));
        }
        Facts { concluded, of }
    }
}

/// The premise of `rule` that can instantiate it (invariant 1 of [`Instances`]):
/// positive, of a predicate that no rule concludes and that lies outside the stratum,
/// with every variable among its arguments. Only a recursive rule with variables gets
/// one: the others run once per round, or are ground already.
pub(crate) fn choose(
    program: &Program,
    rule: RuleId,
    facts: &Facts,
    in_stratum: impl Fn(PredId) -> bool,
) -> Option<usize> {
    let rule = program.rule(rule);
    if rule.vars.is_empty() {
        return None;
    }
    let recursive = rule
        .premises
        .iter()
        .any(|p| !p.negated && in_stratum(p.atom.pred));
    if !recursive {
        return None;
    }
    let covers = |atom: &AtomPattern| {
        (0..rule.vars.len()).all(|v| {
            atom.args
                .iter()
                .any(|a| matches!(a, Arg::Var(x) if x.index() == v))
        })
    };
    rule.premises.iter().position(|p| {
        !p.negated
            && !facts.concluded[p.atom.pred.index()]
            && !in_stratum(p.atom.pred)
            && covers(&p.atom)
    })
}

/// The instances one clause gets from its guard: each fact's values of the rule's
/// variables, `nvars` at a time, and the fact's likelihood.
#[derive(Debug)]
pub(crate) struct Instantiation {
    /// The clause instantiated.
    pub clause: ClauseId,
    /// The guard premise and its predicate.
    pub premise: usize,
    pub guard: PredId,
    nvars: usize,
    envs: Vec<SymbolId>,
    levels: Vec<Likelihood>,
}

impl Instantiation {
    /// How many instances there are.
    pub fn len(&self) -> usize {
        self.levels.len()
    }

    /// Each instance: its variables' values (every one bound: invariant 1 of
    /// [`Instances`]) and its guard fact's likelihood.
    pub fn each(&self) -> impl Iterator<Item = (&[SymbolId], Likelihood)> {
        self.envs
            .chunks_exact(self.nvars.max(1))
            .zip(self.levels.iter().copied())
    }
}

/// Stage 3 of [`super`]: the instances of clause `clause`, of rule `rule`, from the facts
/// of its guard premise `premise`.
pub(crate) fn instantiate(
    program: &Program,
    clause: ClauseId,
    rule: RuleId,
    premise: usize,
    facts: &Facts,
) -> Instantiation {
    let rule = program.rule(rule);
    let atom = &rule.premises[premise].atom;
    let nvars = rule.vars.len();
    let (mut envs, mut levels) = (Vec::new(), Vec::new());
    for &f in &facts.of[atom.pred.index()] {
        let fact = &program.facts()[f.index()];
        // Invariant 1 of `Instances`: the guard holds every variable, so a fact it matches
        // binds them all.
        if let Some(env) = bind_all(&atom.args, &fact.atom.args, nvars) {
            debug_assert_eq!(env.len(), nvars, "a guard binds every variable");
            envs.extend(env);
            levels.push(fact.level);
        }
    }
    Instantiation {
        clause,
        premise,
        guard: atom.pred,
        nvars,
        envs,
        levels,
    }
}

/// The instances of one clause, made from the facts of its guard.
///
/// When a guard rule runs by joins, step by step:
/// 1. A guard ([`choose`]) is a positive premise of a recursive rule with variables, of a
///    predicate no rule concludes and outside the rule's stratum, whose arguments hold
///    every variable of the rule. So each guard fact binds every variable: an instance
///    is ground, and its guard premise holds at the fact's likelihood
///    ([`Counted::fact`](super::super::ground::Counted::fact)).
/// 2. In a run that neither adds atoms to the guard predicate nor removes any (no
///    assumption, `assume not` or hypothesis of it), the guard's tuples are exactly its
///    facts: the instances run and the clause itself does not. In any other run the
///    clause runs by joins and its instances do not ([`Active`]); its plans read the
///    fallback indexes, which such a run builds (invariant 3 of
///    [`Indexes`](super::catalogue::Indexes)).
/// 3. A clause gets instances only while its stratum's counted network has room for them
///    (invariant 3 of [`Network`](super::super::ground::Network)); otherwise it has none
///    and runs by joins in every run.
#[derive(Debug)]
pub(crate) struct Instances {
    /// The clause instantiated; it stays, for runs that change the guard.
    pub original: ClauseId,
    /// The guard's predicate.
    pub guard: PredId,
    /// The instances' ids in the stratum's network.
    pub(super) ids: Range<u32>,
}

impl Instances {
    /// The instances' ids.
    #[cfg(test)]
    pub fn ids(&self) -> impl Iterator<Item = CountedId> + use<> {
        self.ids.clone().map(CountedId)
    }
}

/// Which clauses and instances of a stratum one run uses (invariant 2 of [`Instances`]).
#[derive(Debug, Default)]
pub(crate) struct Active {
    /// Per join clause, whether it runs; `None` when all do.
    clauses: Option<Vec<bool>>,
    /// The ranges of counted clauses that do not run: the instances of guards the run
    /// changes (few: one per clause with instances at most).
    idle: Vec<Range<u32>>,
}

impl Active {
    /// For a stratum with `len` join clauses, and a run that adds atoms to or removes
    /// atoms from the predicates marked in `impure`.
    pub fn new(instances: &[Instances], len: usize, impure: &[bool]) -> Self {
        if instances.is_empty() {
            return Active::default();
        }
        let mut clauses = vec![true; len];
        let mut idle = Vec::new();
        for inst in instances {
            if impure.get(inst.guard.index()).copied().unwrap_or(false) {
                idle.push(inst.ids.clone());
            } else {
                clauses[inst.original.index()] = false;
            }
        }
        Active {
            clauses: Some(clauses),
            idle,
        }
    }

    /// Whether the run uses this join clause.
    pub fn contains(&self, id: ClauseId) -> bool {
        self.clauses.as_ref().is_none_or(|a| a[id.index()])
    }

    /// Whether the run uses this counted clause.
    #[inline]
    pub fn counts(&self, id: CountedId) -> bool {
        self.idle.is_empty() || !self.idle.iter().any(|r| r.contains(&id.0))
    }
}
