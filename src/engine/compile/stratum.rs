//! Per-stratum compile: a stratum's clauses, their plans, their instances, and the
//! triggers that wake them.

use smallvec::SmallVec;

use super::super::ground::Network;
use super::super::plan::{self, Plan};
use super::catalogue::{Catalogue, Use};
use super::guard::{self, Active, Facts, Instances};
use super::{ClauseId, Wake};
use crate::hash::HashMap;
use crate::program::{Arg, PredId, Program, RuleId, SymbolId};

/// One conclusion of one rule that runs by joins, with its plans.
#[derive(Debug)]
pub(crate) struct Clause {
    pub rule: RuleId,
    /// Position of the conclusion's predicate in its stratum's `preds`.
    pub head_slot: usize,
    /// That conclusion's arguments.
    pub head: Vec<Arg>,
    /// Every premise from the whole relations, for a clause none of whose premises belongs
    /// to its own stratum (it fires once, in round 0); `None` for the others, which the
    /// delta plans cover.
    pub full: Option<Box<Plan>>,
    /// For each premise in the clause's own stratum, the plan reading it from the delta.
    /// Inline for up to two, the common case.
    pub deltas: SmallVec<[DeltaPlan; 2]>,
}

/// A premise of a clause in the clause's own stratum, and the plan reading it from the
/// delta.
#[derive(Debug)]
pub(crate) struct DeltaPlan {
    /// The premise's predicate's slot in the stratum.
    pub slot: usize,
    /// The premise read from the delta.
    pub premise: usize,
    pub plan: Box<Plan>,
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

/// One strongly connected component: its predicates, the clauses concluding into them
/// that run by joins, and its counted network: its ground clauses and the instances of
/// clauses with a guard (see [`Instances`]). Every join clause has a [`ClauseId`], every
/// counted one a [`CountedId`](super::super::ground::CountedId), and everything the
/// evaluator asks of one goes through it.
#[derive(Debug)]
pub(crate) struct Stratum {
    preds: Vec<PredId>,
    /// The clauses run by joins; their ids are their positions.
    clauses: Vec<Clause>,
    /// Delta plans whose delta premise has no constant: they read the whole delta.
    scans: Vec<Wake>,
    /// Per slot: delta plans whose delta premise has a constant, keyed by that column and
    /// value, so that a new tuple wakes only the rules that can use it.
    triggers: Vec<Vec<Trigger>>,
    instances: Vec<Instances>,
    /// The ground clauses and instances, counted (see [`Network`]).
    network: Network,
    /// While compiling: per slot, per keyed column (in order of first use), each plan's
    /// value, in registration order; [`Stratum::seal_triggers`] makes the triggers.
    keys: Vec<Vec<(usize, Keys)>>,
}

impl Stratum {
    /// The stratum's predicates; a predicate's position is its slot.
    pub fn preds(&self) -> &[PredId] {
        &self.preds
    }

    /// The clauses none of whose premises belongs to the stratum: they fire once, in
    /// round 0, over the whole relations.
    pub fn round_zero(&self) -> impl Iterator<Item = ClauseId> + '_ {
        let ids = (0..self.clauses.len()).filter_map(ClauseId::new);
        ids.filter(|&id| self.clause(id).deltas.is_empty())
    }

    /// The clause `id`.
    pub fn clause(&self, id: ClauseId) -> &Clause {
        &self.clauses[id.index()]
    }

    /// The ground clauses and instances, counted.
    pub fn network(&self) -> &Network {
        &self.network
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
        Active::new(&self.instances, self.clauses.len(), impure)
    }

    /// Every plan of the stratum's clauses, for the catalogue to resolve.
    pub fn plans_mut(&mut self) -> impl Iterator<Item = &mut Plan> {
        self.clauses.iter_mut().flat_map(|c| {
            c.full
                .as_deref_mut()
                .into_iter()
                .chain(c.deltas.iter_mut().map(|d| &mut *d.plan))
        })
    }
}

/// Stage 2 of [`super`]: compiles one stratum of `program` (its rules' conclusions, as
/// [`Program::strata`] lists them), asking `catalogue` for the indexes its plans read, with
/// its ground clauses and instances counted in `network`.
pub(crate) fn compile(
    program: &Program,
    stratum: &[(RuleId, usize)],
    facts: &Facts,
    catalogue: &mut Catalogue,
    mut network: Network,
) -> Stratum {
    let mut preds: Vec<PredId> = Vec::new();
    for &(r, c) in stratum {
        let pred = program.rule(r).conclusions[c].pred;
        if !preds.contains(&pred) {
            preds.push(pred);
        }
    }
    let slot = |pred: PredId| preds.iter().position(|&q| q == pred);
    let mut clauses = Vec::new();
    let mut grounds: Vec<(RuleId, usize)> = Vec::new();
    let mut instantiations = Vec::new();
    // The counted clauses and their premises, for the network's room.
    let (mut counted, mut premises) = (0, 0);
    for &(r, c) in stratum {
        let rule = program.rule(r);
        // Invariant 3 of `Network`: a clause is counted only if it fits.
        if rule.vars.is_empty() && network.reserve(rule, c, 1) {
            grounds.push((r, c));
            counted += 1;
            premises += rule.premises.len();
            continue;
        }
        // A stratum's join clauses are `Clause`s already in memory: far fewer than 2^32.
        #[expect(clippy::expect_used, reason = "fewer than 2^32 clauses fit in memory")]
        let id = ClauseId::new(clauses.len()).expect("fewer than 2^32 clauses fit in memory");
        let mut guard = guard::choose(program, r, facts, |p| slot(p).is_some());
        if let Some(g) = guard {
            let inst = guard::instantiate(program, id, r, g, facts);
            // Invariant 3 of `Instances`: only when the instances fit the network.
            if network.reserve(rule, c, inst.len()) {
                counted += inst.len();
                premises += inst.len() * rule.premises.len();
                instantiations.push((inst, c));
            } else {
                guard = None;
            }
        }
        let by = if guard.is_some() {
            Use::Fallback
        } else {
            Use::Always
        };
        clauses.push(plan_clause(program, r, c, &slot, by, catalogue));
    }
    network.allocate(counted, premises, program.symbols().len());
    let mut built = Stratum {
        triggers: Vec::new(),
        keys: vec![Vec::new(); preds.len()],
        clauses,
        scans: Vec::new(),
        instances: Vec::new(),
        network,
        preds: Vec::new(),
    };
    for (r, c) in grounds {
        built.network.add(program, r, c, &slot, &[], None);
    }
    for (inst, c) in instantiations {
        let start = built.network.next_id();
        let rule = built.clauses[inst.clause.index()].rule;
        for (env, level) in inst.each() {
            let guard = Some((inst.premise, level));
            built.network.add(program, rule, c, &slot, env, guard);
        }
        built.instances.push(Instances {
            original: inst.clause,
            guard: inst.guard,
            ids: built.network.since(start),
        });
    }
    for i in 0..built.clauses.len() {
        built.add_triggers(program, i);
    }
    built.network.seal(&preds);
    built.preds = preds;
    built.seal_triggers();
    built
}

/// A clause of rule `r`'s conclusion `c`, with its plans: a delta plan per premise in the
/// stratum, or else one plan over the whole relations.
fn plan_clause(
    program: &Program,
    r: RuleId,
    c: usize,
    slot: &impl Fn(PredId) -> Option<usize>,
    by: Use,
    catalogue: &mut Catalogue,
) -> Clause {
    let rule = program.rule(r);
    let nvars = rule.vars.len();
    let mut deltas = SmallVec::new();
    for (i, prem) in rule.premises.iter().enumerate().filter(|(_, p)| !p.negated) {
        if let Some(s) = slot(prem.atom.pred) {
            let plan = plan::plan(&rule.premises, nvars, Vec::new(), Some(i), |p, c| {
                catalogue.want(by, p, c)
            });
            deltas.push(DeltaPlan {
                slot: s,
                premise: i,
                plan: Box::new(plan),
            });
        }
    }
    // A clause fed only by lower strata never has instances (`guard::choose`).
    let full = deltas.is_empty().then(|| {
        plan::plan(&rule.premises, nvars, Vec::new(), None, |p, c| {
            catalogue.want(Use::Always, p, c)
        })
    });
    let head = &rule.conclusions[c];
    Clause {
        rule: r,
        head_slot: slot(head.pred).unwrap_or(0),
        head: head.args.to_vec(),
        full: full.map(Box::new),
        deltas,
    }
}

impl Stratum {
    /// Registers the triggers of the `i`-th join clause.
    fn add_triggers(&mut self, program: &Program, i: usize) {
        // Positions of `clauses`, whose ids were checked as they were made.
        #[expect(clippy::expect_used, reason = "every clause id was checked")]
        let id = ClauseId::new(i).expect("every clause id was checked");
        let clause = &self.clauses[i];
        let rule = program.rule(clause.rule);
        for (di, delta) in clause.deltas.iter().enumerate() {
            // The delta premise's first constant: only tuples with it can wake the clause.
            let key = rule.premises[delta.premise]
                .atom
                .args
                .iter()
                .enumerate()
                .find_map(|(col, a)| match a {
                    Arg::Const(value) => Some((col, *value)),
                    Arg::Var(_) => None,
                });
            let wake = Wake::new(id, di);
            let Some((col, value)) = key else {
                self.scans.push(wake);
                continue;
            };
            let list = &mut self.keys[delta.slot];
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
