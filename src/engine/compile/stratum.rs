//! Per-stratum compile: a stratum's clauses, their plans, their instances, and the
//! triggers that wake them.

use smallvec::SmallVec;

use super::super::ground::{Block, GroundClause, RecordAt, record_len};
use super::super::plan::{self, Plan};
use super::catalogue::{Catalogue, Use};
use super::guard::{self, Active, Facts, Instances, Instantiation};
use super::{ClauseId, Wake};
use crate::hash::HashMap;
use crate::program::{Arg, PredId, Program, RuleId, SymbolId};

/// One conclusion of one rule, with its plans.
#[derive(Debug)]
pub(crate) struct Clause {
    pub rule: RuleId,
    /// Position of the conclusion's predicate in its stratum's `preds`.
    pub head_slot: usize,
    /// Which of the rule's conclusions this clause derives.
    pub conclusion: usize,
    /// That conclusion's arguments (empty for a ground clause: its flat record has them).
    pub head: Vec<Arg>,
    /// Every premise from the whole relations, for a clause none of whose premises belongs
    /// to its own stratum (it fires once, in round 0); `None` for the others, which the
    /// delta plans cover, and for ground clauses.
    pub full: Option<Box<Plan>>,
    /// For each premise in the clause's own stratum, the plan reading it from the delta.
    /// Inline for up to two: a ground network has a clause per rule, and a heap block each
    /// made planning allocation-bound.
    pub deltas: SmallVec<[DeltaPlan; 2]>,
}

/// A premise of a clause in the clause's own stratum, and the plan reading it from the
/// delta (`None` for ground clauses).
#[derive(Debug)]
pub(crate) struct DeltaPlan {
    /// The premise's predicate's slot in the stratum.
    pub slot: usize,
    /// The premise read from the delta.
    pub premise: usize,
    pub plan: Option<Box<Plan>>,
}

/// Delta plans keyed on one column's value: the plans of each value side by side, in the
/// order they were registered (clause, then delta premise).
#[derive(Clone, Debug)]
pub(crate) struct Trigger {
    /// The column.
    pub col: usize,
    wakes: Vec<Wake>,
    /// Where each value's plans are in `wakes`.
    ranges: Ranges,
}

/// Each delta plan's value in a keyed column, in registration order.
type Keys = Vec<(SymbolId, Wake)>;

/// Where each value's plans sit: by symbol id when the largest id is small against the
/// plans (so the table costs no more than the plans themselves), else by hash.
#[derive(Clone, Debug)]
enum Ranges {
    /// `starts[v]..starts[v + 1]` for symbol `v`.
    Dense(Vec<usize>),
    Sparse(HashMap<SymbolId, (usize, usize)>),
}

impl Trigger {
    /// The delta plans a tuple with `value` in [`Trigger::col`] wakes.
    pub fn woken(&self, value: SymbolId) -> &[Wake] {
        let range = match &self.ranges {
            Ranges::Dense(starts) => {
                let v = value.index();
                starts.get(v).zip(starts.get(v + 1)).map(|(&a, &b)| (a, b))
            }
            Ranges::Sparse(map) => map.get(&value).copied(),
        };
        range.map_or(&[], |(a, b)| &self.wakes[a..b])
    }

    /// The trigger on `col` for `keys` (value and plan, in registration order). Each
    /// value's plans keep their registration order.
    pub(super) fn new(col: usize, mut keys: Keys) -> Self {
        let span = keys.iter().map(|(v, _)| v.index() + 1).max().unwrap_or(0);
        if span <= 2 * keys.len() + 1024 {
            // A counting sort by symbol id: linear, and stable.
            let mut starts = vec![0; span + 1];
            for &(v, _) in &keys {
                starts[v.index() + 1] += 1;
            }
            for i in 1..starts.len() {
                starts[i] += starts[i - 1];
            }
            let mut next = starts.clone();
            let mut wakes = vec![None; keys.len()];
            for &(v, w) in &keys {
                wakes[next[v.index()]] = Some(w);
                next[v.index()] += 1;
            }
            let ranges = Ranges::Dense(starts);
            // Every position was filled: the counts sum to the keys.
            let wakes = wakes.into_iter().flatten().collect();
            return Trigger { col, wakes, ranges };
        }
        keys.sort_by_key(|&(v, _)| v);
        let wakes = keys.iter().map(|&(_, w)| w).collect();
        let mut map = HashMap::default();
        let mut at = 0;
        for group in keys.chunk_by(|a, b| a.0 == b.0) {
            map.insert(group[0].0, (at, at + group.len()));
            at += group.len();
        }
        let ranges = Ranges::Sparse(map);
        Trigger { col, wakes, ranges }
    }
}

/// What a stratum knows of one clause or instance, by [`ClauseId`].
#[derive(Clone, Copy, Debug)]
struct Entry {
    /// The rule clause: itself, or for an instance the clause it instantiates.
    clause: ClauseId,
    /// Where its flat record starts, for a ground clause or an instance.
    record: Option<RecordAt>,
}

/// One strongly connected component: its predicates, the clauses concluding into them,
/// and the instances of those clauses (see [`Instances`]). Every clause and instance has
/// a [`ClauseId`], and everything the evaluator asks of one goes through it.
#[derive(Debug)]
pub(crate) struct Stratum {
    preds: Vec<PredId>,
    /// The rule clauses; their ids are their positions.
    clauses: Vec<Clause>,
    /// Per clause and instance.
    entries: Vec<Entry>,
    /// Delta plans whose delta premise has no constant: they read the whole delta.
    scans: Vec<Wake>,
    /// Per slot: delta plans whose delta premise has a constant, keyed by that column and
    /// value, so that a new tuple wakes only the rules that can use it. This keeps
    /// propositional networks written with constants linear.
    triggers: Vec<Vec<Trigger>>,
    instances: Vec<Instances>,
    /// The ground records (see [`GroundClause`]).
    block: Block,
    /// While compiling: per slot, per keyed column (in order of first use), each plan's
    /// value, in registration order; [`Stratum::seal_triggers`] makes the triggers.
    keys: Vec<Vec<(usize, Keys)>>,
}

impl Stratum {
    /// The stratum's predicates; a predicate's position is its slot.
    pub fn preds(&self) -> &[PredId] {
        &self.preds
    }

    /// How many clauses and instances there are.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Every clause and instance.
    pub fn ids(&self) -> impl Iterator<Item = ClauseId> + use<> {
        (0..self.entries.len()).filter_map(ClauseId::new)
    }

    /// The rule clauses none of whose premises belongs to the stratum: they fire once, in
    /// round 0, over the whole relations.
    pub fn round_zero(&self) -> impl Iterator<Item = ClauseId> + '_ {
        let ids = (0..self.clauses.len()).filter_map(ClauseId::new);
        ids.filter(|&id| self.clause(id).deltas.is_empty())
    }

    /// The clause `id` is, or for an instance the clause it instantiates (same rule, same
    /// premises, same slots).
    pub fn clause(&self, id: ClauseId) -> &Clause {
        &self.clauses[self.entries[id.index()].clause.index()]
    }

    /// The flat record of a ground clause or instance; `None` for a clause run by joins.
    pub fn ground(&self, id: ClauseId) -> Option<GroundClause<'_>> {
        let record = self.entries[id.index()].record?;
        Some(self.block.get(record))
    }

    /// Whether `id` is a ground clause or instance (evaluated from its record).
    pub fn is_ground(&self, id: ClauseId) -> bool {
        self.entries[id.index()].record.is_some()
    }

    /// Invariant 3 of [`GroundClause`]: how many premise appearances a ground clause or
    /// instance waits for before it first fires (its premises in the stratum); 0 for the
    /// others.
    pub fn waiting(&self, id: ClauseId) -> u32 {
        if !self.is_ground(id) {
            return 0;
        }
        let premises = self.clause(id).deltas.len();
        #[expect(clippy::expect_used, reason = "invariant 2 of `GroundClause`")]
        let premises = u32::try_from(premises).expect("fewer than its record's words");
        premises
    }

    /// The delta plans that read the whole delta.
    pub fn scans(&self) -> &[Wake] {
        &self.scans
    }

    /// The triggers of the `slot`-th predicate.
    pub fn triggers(&self, slot: usize) -> &[Trigger] {
        &self.triggers[slot]
    }

    /// The clauses with instances, and their instances.
    pub fn instances(&self) -> &[Instances] {
        &self.instances
    }

    /// Which clauses and instances a run uses, given the predicates it adds atoms to or
    /// removes atoms from (invariant 2 of [`Instances`]).
    pub fn active(&self, impure: &[bool]) -> Active {
        Active::new(&self.instances, self.len(), impure)
    }

    /// Every plan of the stratum's clauses, for the catalogue to resolve.
    pub fn plans_mut(&mut self) -> impl Iterator<Item = &mut Plan> {
        self.clauses.iter_mut().flat_map(|c| {
            c.full
                .as_deref_mut()
                .into_iter()
                .chain(c.deltas.iter_mut().filter_map(|d| d.plan.as_deref_mut()))
        })
    }
}

/// Stage 2 of [`super`]: compiles one stratum of `program` (its rules' conclusions, as
/// [`Program::strata`] lists them), asking `catalogue` for the indexes its plans read, with
/// its ground records in `block`.
pub(crate) fn compile(
    program: &Program,
    stratum: &[(RuleId, usize)],
    facts: &Facts,
    catalogue: &mut Catalogue,
    mut block: Block,
) -> Stratum {
    let mut preds: Vec<PredId> = Vec::new();
    for &(r, c) in stratum {
        let pred = program.rule(r).conclusions[c].pred;
        if !preds.contains(&pred) {
            preds.push(pred);
        }
    }
    let slot = |pred: PredId| preds.iter().position(|&q| q == pred);
    let mut clauses = Vec::with_capacity(stratum.len());
    let mut grounds: Vec<(ClauseId, bool)> = Vec::with_capacity(stratum.len());
    let mut instantiations = Vec::new();
    for (i, &(r, c)) in stratum.iter().enumerate() {
        // A stratum's rule clauses are its conclusions, each a `Clause` already in memory:
        // far fewer than `u32::MAX`.
        #[expect(clippy::expect_used, reason = "fewer than 2^32 clauses fit in memory")]
        let id = ClauseId::new(i).expect("fewer than 2^32 clauses fit in memory");
        let rule = program.rule(r);
        let len = record_len(rule, c);
        // Invariant 2 of `GroundClause`: a clause is ground only if its record fits.
        let ground = rule.vars.is_empty() && block.reserve(len, 1);
        let mut guard = guard::choose(program, r, facts, |p| slot(p).is_some());
        if let Some(g) = guard {
            let inst = guard::instantiate(program, id, r, g, facts);
            // Invariant 3 of `Instances`: only when the instances' records, and their ids,
            // fit.
            let ids = stratum.len() + entries_after(&instantiations) + inst.len();
            if ClauseId::new(ids).is_some() && block.reserve(len, inst.len()) {
                instantiations.push(inst);
            } else {
                guard = None;
            }
        }
        let by = if guard.is_some() {
            Use::Fallback
        } else {
            Use::Always
        };
        clauses.push(plan_clause(program, r, c, &slot, ground, by, catalogue));
        grounds.push((id, ground));
    }
    block.allocate();
    let mut built = Stratum {
        triggers: Vec::new(),
        keys: vec![Vec::new(); preds.len()],
        preds,
        clauses,
        entries: Vec::new(),
        scans: Vec::new(),
        instances: Vec::new(),
        block,
    };
    for (clause, ground) in grounds {
        let entry = Entry {
            clause,
            record: None,
        };
        built.add(program, entry, ground.then_some((&[], None)));
    }
    for inst in instantiations {
        built.add_instances(program, &inst);
    }
    built.seal_triggers();
    built
}

/// How many instances the instantiations so far make.
fn entries_after(instantiations: &[Instantiation]) -> usize {
    instantiations.iter().map(Instantiation::len).sum()
}

/// A clause of rule `r`'s conclusion `c`, with its plans (none when `ground`): a delta
/// plan per premise in the stratum, or else one plan over the whole relations.
fn plan_clause(
    program: &Program,
    r: RuleId,
    c: usize,
    slot: &impl Fn(PredId) -> Option<usize>,
    ground: bool,
    by: Use,
    catalogue: &mut Catalogue,
) -> Clause {
    let rule = program.rule(r);
    let nvars = rule.vars.len();
    let mut deltas = SmallVec::new();
    for (i, prem) in rule.premises.iter().enumerate().filter(|(_, p)| !p.negated) {
        if let Some(s) = slot(prem.atom.pred) {
            let plan = (!ground).then(|| {
                plan::plan(&rule.premises, nvars, Vec::new(), Some(i), |p, c| {
                    catalogue.want(by, p, c)
                })
            });
            deltas.push(DeltaPlan {
                slot: s,
                premise: i,
                plan: plan.map(Box::new),
            });
        }
    }
    // A clause fed only by lower strata never has instances (`guard::choose`).
    let full = (deltas.is_empty() && !ground).then(|| {
        plan::plan(&rule.premises, nvars, Vec::new(), None, |p, c| {
            catalogue.want(Use::Always, p, c)
        })
    });
    let head = &rule.conclusions[c];
    Clause {
        rule: r,
        head_slot: slot(head.pred).unwrap_or(0),
        conclusion: c,
        // A ground clause's head lives in its flat record.
        head: if ground {
            Vec::new()
        } else {
            head.args.to_vec()
        },
        full: full.map(Box::new),
        deltas,
    }
}

/// What makes a clause ground: its variables' values, and for an instance its guard
/// premise and the likelihood of the fact it was made from.
type Ground<'a> = (
    &'a [SymbolId],
    Option<(usize, crate::likelihood::Likelihood)>,
);

impl Stratum {
    /// Registers the instances of one clause.
    fn add_instances(&mut self, program: &Program, inst: &Instantiation) {
        let start = self.next_id();
        for (env, level) in inst.each() {
            let entry = Entry {
                clause: inst.clause,
                record: None,
            };
            self.add(program, entry, Some((env, Some((inst.premise, level)))));
        }
        self.instances.push(Instances {
            original: inst.clause,
            guard: inst.guard,
            ids: start.0..self.next_id().0,
        });
    }

    /// The id the next clause or instance gets: `compile_in` checked that every id, and
    /// the end of the last range, fits (invariant 3 of [`Instances`]).
    #[expect(clippy::expect_used, reason = "every id was checked to fit")]
    fn next_id(&self) -> ClauseId {
        ClauseId::new(self.entries.len()).expect("every id was checked to fit")
    }

    /// Registers a clause or instance: its triggers, and for a ground one its flat record,
    /// given its variables' values and, for an instance, its guard premise and the
    /// likelihood of the fact it was made from.
    fn add(&mut self, program: &Program, mut entry: Entry, ground: Option<Ground<'_>>) {
        let id = self.next_id();
        let clause = &self.clauses[entry.clause.index()];
        let env = ground.map(|(env, _)| env);
        let rule = program.rule(clause.rule);
        let mut scans: SmallVec<[Wake; 2]> = SmallVec::new();
        let mut keys: SmallVec<[(usize, usize, SymbolId, Wake); 4]> = SmallVec::new();
        for (di, delta) in clause.deltas.iter().enumerate() {
            // The delta premise's first known value: only tuples with it can wake the clause.
            let key = rule.premises[delta.premise]
                .atom
                .args
                .iter()
                .enumerate()
                .find_map(|(col, a)| match a {
                    Arg::Const(value) => Some((col, *value)),
                    Arg::Var(v) => env.and_then(|e| e.get(v.index())).map(|&x| (col, x)),
                });
            let wake = Wake::new(id, di);
            match key {
                Some((col, value)) => keys.push((delta.slot, col, value, wake)),
                None => scans.push(wake),
            }
        }
        if let Some((env, guard)) = ground {
            let (rule, conclusion, slot) = (clause.rule, clause.conclusion, clause.head_slot);
            entry.record = Some(
                self.block
                    .write(program, rule, conclusion, slot, env, guard),
            );
        }
        self.entries.push(entry);
        self.scans.extend(scans);
        for (slot, col, value, wake) in keys {
            let list = &mut self.keys[slot];
            let at = match list.iter().position(|(c, _)| *c == col) {
                Some(i) => i,
                None => {
                    list.push((col, Vec::new()));
                    list.len() - 1
                }
            };
            list[at].1.push((value, wake));
        }
    }

    /// Makes each slot's triggers from the keys registered.
    fn seal_triggers(&mut self) {
        self.triggers = std::mem::take(&mut self.keys)
            .into_iter()
            .map(|list| {
                let triggers = list.into_iter();
                triggers
                    .map(|(col, keys)| Trigger::new(col, keys))
                    .collect()
            })
            .collect();
    }
}
