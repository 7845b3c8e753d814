//! The index catalogue: which indexes each predicate's relation gets, and where each plan
//! step finds its index.

use super::super::plan::{Plan, Step};
use super::super::relation::Relation;
use crate::program::{PredId, Program};

/// Who reads an index a plan asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Use {
    /// A plan that runs in every run.
    Always,
    /// A plan of a clause with instances: it runs only in a fallback run (see
    /// [`Indexes`]).
    Fallback,
}

/// The indexes plans ask for while the strata compile (stage 2 and 4 of
/// [`super`]); [`Catalogue::seal`] turns it into [`Indexes`].
#[derive(Debug)]
pub(crate) struct Catalogue {
    /// Per predicate, the column lists plans that always run read.
    always: Vec<Vec<Box<[usize]>>>,
    /// Per predicate, those only plans of clauses with instances read.
    fallback: Vec<Vec<Box<[usize]>>>,
}

impl Catalogue {
    /// An empty catalogue for `preds` predicates.
    pub fn new(preds: usize) -> Self {
        Catalogue {
            always: vec![Vec::new(); preds],
            fallback: vec![Vec::new(); preds],
        }
    }

    /// Records that a plan of kind `by` reads `pred` through an index on `cols` (none
    /// for no columns), and returns the columns, as [`super::plan::plan`] wants.
    pub fn want(&mut self, by: Use, pred: PredId, cols: &[usize]) -> Box<[usize]> {
        let lists = match by {
            Use::Always => &mut self.always,
            Use::Fallback => &mut self.fallback,
        };
        let list = &mut lists[pred.index()];
        if !cols.is_empty() && !list.iter().any(|c| &**c == cols) {
            list.push(cols.into());
        }
        cols.into()
    }

    /// Stage 5: drops from the fallback lists what every run builds anyway, and points
    /// each step of `plans` at its index's position (invariant 2 of [`Indexes`]).
    pub fn seal<'a>(
        mut self,
        program: &Program,
        guards: Vec<PredId>,
        plans: impl Iterator<Item = &'a mut Plan>,
    ) -> Indexes {
        for (fallback, always) in self.fallback.iter_mut().zip(&self.always) {
            fallback.retain(|c| !always.contains(c));
        }
        for plan in plans {
            for step in &mut plan.steps {
                step.index = self.position(step);
            }
        }
        let mut fact_counts = vec![0; program.predicates().len()];
        for f in program.facts() {
            fact_counts[f.atom.pred.index()] += 1;
        }
        Indexes {
            always: self.always,
            fallback: self.fallback,
            guards,
            fact_counts,
        }
    }

    /// Invariant 2 of [`Indexes`]: the indexes every run builds come first, then those a
    /// fallback run adds.
    fn position(&self, step: &Step) -> Option<usize> {
        let (always, fallback) = (
            &self.always[step.pred.index()],
            &self.fallback[step.pred.index()],
        );
        always
            .iter()
            .position(|c| *c == step.index_cols)
            .or_else(|| {
                let at = fallback.iter().position(|c| *c == step.index_cols)?;
                Some(always.len() + at)
            })
    }
}

/// The indexes of each predicate's relation, for every run and for fallback runs.
///
/// A fallback index exists, and may be used, under these steps:
/// 1. A plan of a clause with instances ([`super::guard::Instances`]) asks for its indexes
///    as [`Use::Fallback`]; every other plan, and every conflict's, as [`Use::Always`].
///    An index both ask for is an always-index.
/// 2. A relation's indexes are the always-indexes in the order asked, then (in a
///    fallback run only) the fallback ones. A step's `index` is that position, so an
///    always-index sits at the same position in both kinds of run.
/// 3. A run is a fallback run exactly when it adds atoms to, or removes atoms from, some
///    guard predicate ([`Indexes::falls_back`]); that is exactly when some clause with
///    instances runs by joins (invariant 2 of [`super::guard::Instances`]). So a plan
///    that reads a fallback index runs only in a run that built it.
#[derive(Debug)]
pub(crate) struct Indexes {
    always: Vec<Vec<Box<[usize]>>>,
    fallback: Vec<Vec<Box<[usize]>>>,
    /// The guard predicates of clauses with instances.
    guards: Vec<PredId>,
    /// How many facts each predicate has: room reserved up front.
    fact_counts: Vec<usize>,
}

impl Indexes {
    /// Invariant 3: whether a run that adds or removes atoms of the predicates marked in
    /// `impure` must build the fallback indexes.
    pub fn falls_back(&self, impure: &[bool]) -> bool {
        self.guards
            .iter()
            .any(|g| impure.get(g.index()).copied().unwrap_or(false))
    }

    /// An empty relation per predicate of `program`, with the indexes of a run (a
    /// fallback run when `fallback`) and room for its facts.
    pub fn relations(&self, program: &Program, fallback: bool) -> Vec<Relation> {
        let preds = program.predicates().iter().enumerate();
        preds
            .map(|(i, pred)| {
                // Invariant 2: always-indexes first, fallback ones after.
                let mut cols = self.always[i].clone();
                if fallback {
                    cols.extend(self.fallback[i].iter().cloned());
                }
                let mut rel = Relation::new(pred.arity, &cols);
                rel.reserve(self.fact_counts[i]);
                rel
            })
            .collect()
    }
}
