//! Executes a join plan over relations. Iterative (an explicit stack of candidate cursors),
//! so a rule with very many premises cannot overflow the call stack; the stack and the other
//! buffers live in a [`Scratch`] the caller reuses, so a rule application allocates nothing.

use std::ops::ControlFlow;

use super::budget::Deadline;
use super::plan::{Op, Plan, Step};
use super::relation::{Heights, INF, Relation, TupleId, leaf_heights};
use crate::likelihood::Likelihood;
use crate::program::{Arg, SymbolId};

/// Where one step's candidates come from. Holds positions, not borrows, so that the cursor
/// stack can be kept between calls.
#[derive(Clone, Copy, Debug)]
enum Cands {
    /// The delta given to [`for_each_match`].
    Delta,
    /// A group of an index: (relation, index, group).
    Group(usize, usize, u32),
    /// Every tuple of a relation, as it was when the step started: this many.
    Range(usize),
    /// The one tuple a whole-row lookup found.
    One(TupleId),
    /// A negated step that passed: one empty match, at the likelihood `not X` has
    /// ([`Relation::negation`]).
    Absent(Likelihood),
    /// Nothing.
    Empty,
}

impl Cands {
    // Called once per candidate of every join: left out of line (as a change elsewhere in
    // the crate once made the compiler do), W1 cost 2% more instructions.
    #[inline]
    fn get(self, pos: usize, relations: &[Relation], delta: &[TupleId]) -> Option<Option<TupleId>> {
        match self {
            Cands::Delta => delta.get(pos).map(|t| Some(*t)),
            Cands::Group(r, i, g) => relations[r].group(i, g).get(pos).map(|t| Some(*t)),
            // Every tuple of a relation has an id.
            Cands::Range(n) if pos < n => TupleId::new(pos).map(Some),
            Cands::Range(_) => None,
            Cands::One(t) => (pos == 0).then_some(Some(t)),
            Cands::Absent(_) => (pos == 0).then_some(None),
            Cands::Empty => None,
        }
    }
}

impl Cands {
    /// Takes a negated step's likelihood into `acc`: a `not X` of likelihood `m` is a step
    /// of height 0 at every level up to `m` and of none above (the same as a leaf of that
    /// likelihood). A `certain` one changes nothing, so it costs nothing.
    fn raise<A: Acc>(self, acc: &mut A) {
        if let Cands::Absent(m) = self
            && m < Likelihood::Certain
        {
            acc.raise(&leaf_heights(m));
        }
    }

    /// Every candidate, for a step run through in one go.
    fn iter<'a>(self, relations: &'a [Relation], delta: &'a [TupleId]) -> CandIter<'a> {
        match self {
            Cands::Delta => CandIter::Tuples(delta.iter()),
            Cands::Group(r, i, g) => CandIter::Tuples(relations[r].group(i, g).iter()),
            Cands::Range(n) => CandIter::Range(0..n),
            Cands::One(t) => CandIter::Once(Some(Some(t))),
            Cands::Absent(_) => CandIter::Once(Some(None)),
            Cands::Empty => CandIter::Once(None),
        }
    }
}

/// The candidates of [`Cands::iter`], borrowed.
enum CandIter<'a> {
    Tuples(std::slice::Iter<'a, TupleId>),
    Range(std::ops::Range<usize>),
    Once(Option<Option<TupleId>>),
}

impl Iterator for CandIter<'_> {
    type Item = Option<TupleId>;

    fn next(&mut self) -> Option<Option<TupleId>> {
        match self {
            CandIter::Tuples(it) => it.next().map(|&t| Some(t)),
            // Every tuple of a relation has an id.
            CandIter::Range(r) => r.next().and_then(TupleId::new).map(Some),
            CandIter::Once(o) => o.take(),
        }
    }
}

/// What a join accumulates over the tuples it matches: the proof heights of the premises.
pub trait Acc: Copy + PartialEq + Default {
    /// Takes in one more premise's heights (the highest wins, level by level).
    fn raise(&mut self, heights: &Heights);
    /// The heights of a conclusion drawn at likelihood rank `level` from premises that
    /// accumulated to `self`: `bump` higher (0 without provenance, where every finite
    /// height is 0), and no proof above the rule's own level.
    fn conclude(self, level: usize, bump: u32) -> Self;
    /// The full per-level profile, given the run's one level for uniform accumulators.
    fn profile(self, level: usize) -> Heights;
    /// The lower of two conclusions' heights, level by level: what inserting both into a
    /// relation leaves.
    fn lower(self, other: Self) -> Self;
}

impl Acc for Heights {
    fn raise(&mut self, heights: &Heights) {
        for (a, h) in self.iter_mut().zip(heights) {
            *a = (*a).max(*h);
        }
    }

    fn conclude(self, level: usize, bump: u32) -> Self {
        // INF saturates, so a level without a proof stays without one.
        std::array::from_fn(|l| {
            if l > level {
                INF
            } else {
                self[l].saturating_add(bump)
            }
        })
    }

    fn profile(self, _level: usize) -> Heights {
        self
    }

    fn lower(self, other: Self) -> Self {
        std::array::from_fn(|l| self[l].min(other[l]))
    }
}

/// One height standing for every level up to the run's one likelihood. When every rule,
/// fact and assumption of a run has the same likelihood, every profile is uniform: the
/// same height at each level up to it and none above. Carrying one number instead of
/// eight is then exact, and it is most of what transitive closure spends on provenance.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Uniform(pub u32);

impl Acc for Uniform {
    fn raise(&mut self, heights: &Heights) {
        // Level 0 is never above the run's level, so it holds the height.
        self.0 = self.0.max(heights[0]);
    }

    fn conclude(self, _level: usize, bump: u32) -> Self {
        Uniform(self.0.saturating_add(bump))
    }

    fn profile(self, level: usize) -> Heights {
        std::array::from_fn(|l| if l <= level { self.0 } else { INF })
    }

    fn lower(self, other: Self) -> Self {
        Uniform(self.0.min(other.0))
    }
}

/// Buffers for [`for_each_match`], reused across calls, and the run's deadline.
#[derive(Debug, Default)]
pub struct Scratch<A = Heights> {
    accs: Vec<A>,
    chosen: Vec<Option<TupleId>>,
    key: Vec<SymbolId>,
    stack: Vec<(Cands, usize)>,
    /// Ticked once per candidate: a join past it stops as if its visitor had broken.
    pub(crate) deadline: Deadline,
}

impl<A: Acc> Scratch<A> {
    /// Empty buffers for a plan of `n` steps (see [`Join`] for their layout).
    fn reset(&mut self, n: usize) {
        self.accs.clear();
        self.accs.resize(n + 1, A::default());
        self.chosen.clear();
        self.chosen.resize(n, None);
        self.stack.clear();
    }
}

impl<A> Scratch<A> {
    /// Buffers for joins that stop once `deadline` passes.
    pub(crate) fn until(deadline: Deadline) -> Self {
        Scratch {
            accs: Vec::new(),
            chosen: Vec::new(),
            key: Vec::new(),
            stack: Vec::new(),
            deadline,
        }
    }
}

fn value(arg: Arg, env: &[SymbolId]) -> SymbolId {
    match arg {
        Arg::Const(c) => c,
        Arg::Var(v) => env[v.index()],
    }
}

/// The candidates of a step given the variables bound so far.
fn candidates(
    step: &Step,
    relations: &[Relation],
    from_delta: bool,
    env: &[SymbolId],
    key: &mut Vec<SymbolId>,
) -> Cands {
    let pred = step.pred.index();
    let rel = &relations[pred];
    if !step.negated {
        if from_delta {
            return Cands::Delta;
        }
        if step.index_cols.is_empty() {
            return Cands::Range(rel.len());
        }
        // A lookup on one column of several, through the index resolved for it: the key is
        // one value, probed without filling the key buffer (most joins' steps).
        if let ([arg], Some(ix)) = (&*step.key, step.index)
            && rel.arity() > 1
        {
            let group = rel.probe_one(ix, value(*arg, env));
            return group.map_or(Cands::Empty, |g| Cands::Group(pred, ix, g));
        }
    }
    key.clear();
    key.extend(step.key.iter().map(|&a| value(a, env)));
    if step.negated {
        return rel
            .negation(rel.find(key))
            .map_or(Cands::Empty, Cands::Absent);
    }
    if step.index_cols.len() == rel.arity() {
        // The plan puts every column in order in the key of a whole-row lookup.
        return rel.find(key).map_or(Cands::Empty, Cands::One);
    }
    match step
        .index
        .or_else(|| rel.index_on(&step.index_cols))
        .and_then(|ix| rel.probe_group(ix, key).map(|g| (ix, g)))
    {
        Some((ix, g)) => Cands::Group(pred, ix, g),
        None => Cands::Empty,
    }
}

/// Applies a step's binds and checks to a candidate tuple; false when it does not match.
#[inline]
fn accept(step: &Step, row: &[SymbolId], env: &mut [SymbolId]) -> bool {
    for op in &step.ops {
        match *op {
            Op::Bind(c, v) => env[v.index()] = row[c],
            Op::Check(c, arg) => {
                if row[c] != value(arg, env) {
                    return false;
                }
            }
        }
    }
    true
}

/// What [`for_each_match`] calls per match: the variable values, the highest premise height
/// per level, and the tuple each step matched (`None` for `not` steps).
pub type Visit<'v, A = Heights> =
    dyn FnMut(&[SymbolId], &A, &[Option<TupleId>]) -> ControlFlow<()> + 'v;

/// Calls `visit` once per match of the plan with the variable values, the highest premise
/// height at each level, and the tuple matched by each step (`None` for negated steps).
/// `env` holds the values of variables bound before the first step. The first step reads
/// `delta` when the plan says so. Stops early (breaking) when the visitor breaks or the
/// scratch's deadline passes.
pub fn for_each_match<A: Acc>(
    plan: &Plan,
    relations: &[Relation],
    delta: Option<&[TupleId]>,
    env: &mut Vec<SymbolId>,
    scratch: &mut Scratch<A>,
    visit: &mut Visit<'_, A>,
) -> ControlFlow<()> {
    env.resize(plan.nvars.max(env.len()), SymbolId(0));
    let Some(last) = plan.steps.len().checked_sub(1) else {
        return visit(env, &A::default(), &[]);
    };
    scratch.reset(plan.steps.len());
    let from_delta = delta.is_some() && plan.from_delta;
    let delta = delta.filter(|_| plan.from_delta).unwrap_or(&[]);
    let mut join = Join {
        plan,
        relations,
        delta,
        env,
        scratch,
    };
    let key = &mut join.scratch.key;
    let mut cands = candidates(&plan.steps[0], relations, from_delta, join.env, key);
    // The stack holds the cursors of the steps before the last (invariant 1 of `Join`); the
    // last step's candidates are run through in one tight loop, since that is where the
    // matches are.
    loop {
        if join.scratch.stack.len() == last {
            join.last_step(last, cands, visit)?;
        } else {
            join.scratch.stack.push((cands, 0));
        }
        // Advance the deepest open cursor to its next accepted candidate.
        let Scratch {
            accs,
            chosen,
            key,
            stack,
            deadline,
        } = &mut *join.scratch;
        loop {
            let Some(&(open, pos)) = stack.last() else {
                return ControlFlow::Continue(());
            };
            let i = stack.len() - 1;
            let step = &plan.steps[i];
            let Some(cand) = open.get(pos, relations, delta) else {
                stack.pop();
                continue;
            };
            stack[i].1 += 1;
            if deadline.tick() {
                return ControlFlow::Break(());
            }
            let mut acc = accs[i];
            open.raise(&mut acc);
            if let Some(t) = cand {
                let rel = &relations[step.pred.index()];
                if !accept(step, rel.row(t), join.env) {
                    continue;
                }
                acc.raise(rel.heights(t));
            }
            // Invariant 2.
            chosen[i] = cand;
            accs[i + 1] = acc;
            cands = candidates(&plan.steps[i + 1], relations, false, join.env, key);
            break;
        }
    }
}

/// One run of [`for_each_match`]: the plan, what it reads, and its buffers.
///
/// Layout invariants, for a plan of `n` steps:
/// 1. `stack` holds one cursor per step before the current one, so it never holds more
///    than `n - 1`;
/// 2. slot `i` of `chosen` and slot `i + 1` of `accs` belong to step `i`: written in
///    place, never pushed, so the inner loop does no length bookkeeping; `accs[0]` is the
///    empty accumulator.
struct Join<'j, A> {
    plan: &'j Plan,
    relations: &'j [Relation],
    delta: &'j [TupleId],
    env: &'j mut [SymbolId],
    scratch: &'j mut Scratch<A>,
}

impl<A: Acc> Join<'_, A> {
    /// Runs through the candidates of the last step (`i`), calling `visit` on each match.
    #[inline]
    fn last_step(&mut self, i: usize, cands: Cands, visit: &mut Visit<'_, A>) -> ControlFlow<()> {
        let step = &self.plan.steps[i];
        let Scratch {
            accs,
            chosen,
            deadline,
            ..
        } = &mut *self.scratch;
        let mut acc0 = accs[i];
        cands.raise(&mut acc0);
        let rel = &self.relations[step.pred.index()];
        for cand in cands.iter(self.relations, self.delta) {
            if deadline.tick() {
                return ControlFlow::Break(());
            }
            let mut acc = acc0;
            if let Some(t) = cand {
                if !accept(step, rel.row(t), self.env) {
                    continue;
                }
                acc.raise(rel.heights(t));
            }
            chosen[i] = cand;
            visit(self.env, &acc, chosen)?;
        }
        ControlFlow::Continue(())
    }
}
