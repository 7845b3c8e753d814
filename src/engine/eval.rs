//! Semi-naive bottom-up evaluation, stratum by stratum, with likelihood heights as the
//! annotation. See [`evaluate`] for the invariant.

use std::collections::HashSet;
use std::ops::ControlFlow;

use hashbrown::HashTable;
use hashbrown::hash_table::Entry;

use super::budget::Deadline;
use super::compile::ClauseId;
use super::compile::guard::Active;
use super::error::{Counted, EngineError};
use super::ground::{Corrupt, Premise};
use super::join::{Acc, Scratch, Uniform, for_each_match};
use super::plan::Plan;
use super::relation::{Heights, Relation, TupleId, Update, leaf_heights};
use super::{Clause, Engine, Options, RuleStats, Stratum};
use crate::likelihood::Likelihood;
use crate::program::{Arg, PredId, RuleId, SymbolId};

/// New rows derived in one round, per predicate, waiting to be merged.
struct Pending<A> {
    rows: Vec<SymbolId>,
    /// The rows' heights, run-length encoded: the derivations of one round mostly share
    /// their heights, and 32 bytes a derivation would outweigh the row itself.
    heights: Vec<(A, u32)>,
    /// How many derivations are queued (rows may have no columns).
    len: usize,
    /// At this many queued derivations, [`Pending::compact`] runs: one more than the new
    /// atoms the limit still allows (so a join of distinct new atoms stops at its first
    /// compaction), or twice what the last compaction kept.
    compact_at: usize,
    /// How many of the queued rows are new atoms, as of the last compaction.
    fresh: usize,
}

/// The fewest queued derivations worth compacting: below it, a round's buffer is small
/// whatever the limit.
const MIN_COMPACT: usize = 1 << 16;

impl<A: Acc> Default for Pending<A> {
    fn default() -> Self {
        Pending::new(0)
    }
}

impl<A: Acc> Pending<A> {
    /// An empty queue, for a run that may still derive `room` new atoms.
    fn new(room: usize) -> Self {
        Pending {
            rows: Vec::new(),
            heights: Vec::new(),
            len: 0,
            compact_at: first_compaction(room),
            fresh: 0,
        }
    }

    fn push_heights(&mut self, heights: A) {
        self.len += 1;
        match self.heights.last_mut() {
            Some((last, run)) if *last == heights => *run += 1,
            _ => self.heights.push((heights, 1)),
        }
    }

    /// Empties the queue, for a run that may still derive `room` new atoms.
    fn clear(&mut self, room: usize) {
        self.rows.clear();
        self.heights.clear();
        self.len = 0;
        self.fresh = 0;
        self.compact_at = first_compaction(room);
    }

    /// Folds repeated rows into their first occurrence, with the lowest heights of all of
    /// them, and counts the rows `is_new` says are new atoms ([`Pending::fresh`]). Merging
    /// the result changes a relation exactly as merging every derivation would (same
    /// tuples in the same order, same heights), but the queue now holds each row once:
    /// so a join's buffer is bounded by the atoms it could make, not by its matches.
    /// Stops, returning false, as soon as more than `room` new atoms are found (the queue
    /// is then unusable: the run is over).
    fn compact(&mut self, arity: usize, room: usize, is_new: impl Fn(&[SymbolId]) -> bool) -> bool {
        let rows = std::mem::take(&mut self.rows);
        let heights = std::mem::take(&mut self.heights);
        // Each kept row's position and hash.
        let mut first: HashTable<(u32, u64)> = HashTable::new();
        let mut kept: Vec<A> = Vec::new();
        let mut fresh = 0;
        let mut at = 0;
        for (acc, run) in heights {
            for _ in 0..run {
                let row = &rows[at..at + arity];
                at += arity;
                let hash = mix(row);
                let out = &self.rows;
                let same = |&(k, h): &(u32, u64)| {
                    let k = k as usize;
                    h == hash && &out[k * arity..(k + 1) * arity] == row
                };
                match first.entry(hash, same, |&(_, h)| h) {
                    Entry::Occupied(e) => {
                        let k = &mut kept[e.get().0 as usize];
                        *k = k.lower(acc);
                    }
                    Entry::Vacant(e) => {
                        e.insert((kept.len() as u32, hash));
                        self.rows.extend_from_slice(row);
                        kept.push(acc);
                        fresh += usize::from(is_new(row));
                        if fresh > room {
                            return false;
                        }
                    }
                }
            }
        }
        self.len = 0;
        for acc in kept {
            self.push_heights(acc);
        }
        self.fresh = fresh;
        self.compact_at = self
            .len
            .saturating_mul(2)
            .max(first_compaction(room - fresh));
        true
    }
}

/// When a queue compacts first, given the new atoms the limit still allows.
fn first_compaction(room: usize) -> usize {
    room.saturating_add(1).max(MIN_COMPACT)
}

/// A well-mixed hash of a row (each value folded in, then murmur3's finalizer): rows of
/// consecutive symbol ids, what a cross product queues, must not cluster.
fn mix(row: &[SymbolId]) -> u64 {
    let mut h = row.len() as u64;
    for v in row {
        h = (h ^ u64::from(v.0)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        h ^= h >> 32;
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// Runs every stratum of `engine`'s program to its fixpoint over `relations`, which hold
/// the facts and assumptions already.
///
/// The semi-naive invariant, per stratum:
/// 1. **stable**: every derivation whose premises are all unchanged since the last round
///    has been applied: its conclusion exists with heights at most the derivation's;
/// 2. **recent** (the delta): the tuples that are new or whose heights fell in the last
///    round; only derivations using at least one of them can change anything;
/// 3. **pending**: what this round derived, merged at its end; whatever it changed
///    becomes the next delta.
///
/// Round 0 evaluates, over the whole relations, each rule none of whose premises belongs to
/// the stratum (rules fed only by lower strata). The first delta is every tuple the
/// stratum's predicates already hold (facts, assumptions) together with what round 0
/// derived; from then on each round evaluates, for each premise whose predicate belongs to
/// the stratum, the rule with that premise read from the delta (only from the delta tuples
/// that match the premise's first constant, when it has one). So a rule is touched only
/// when one of its own premises appears. The stratum is done when a round changes nothing.
/// Heights only fall and are bounded below, so it always ends.
///
/// When every rule and leaf of the run has one likelihood ([`Run::uniform`]), joins carry
/// one height instead of eight ([`Uniform`]).
pub(super) fn evaluate(
    engine: &Engine,
    relations: &mut [Relation],
    stats: &mut [RuleStats],
    options: &Options,
    run: Run<'_>,
) -> Result<(), EngineError> {
    let fixpoint = match run.uniform {
        Some(_) => fixpoint::<Uniform>,
        None => fixpoint::<Heights>,
    };
    fixpoint(engine, relations, stats, options, run)
}

/// What one run is.
#[derive(Clone, Copy, Debug)]
pub(super) struct Run<'a> {
    /// The scenario's name, for errors.
    pub scenario: &'a str,
    /// The rank of the one likelihood every rule and leaf of the run has, if there is one.
    pub uniform: Option<usize>,
    /// Per predicate, whether the run adds atoms to it or removes them beyond the
    /// program's facts (assumptions, `assume not`, hypotheses).
    pub impure: &'a [bool],
    /// The atoms the scenario forces false (`assume not`): never derived.
    pub blocked: &'a HashSet<(PredId, Box<[SymbolId]>)>,
    /// When the run must stop.
    pub deadline: Deadline,
}

fn fixpoint<A: Acc>(
    engine: &Engine,
    relations: &mut [Relation],
    stats: &mut [RuleStats],
    options: &Options,
    run: Run<'_>,
) -> Result<(), EngineError> {
    // Uniform heights are expanded to this level; full profiles ignore it.
    let level = run.uniform.unwrap_or(0);
    // Only what the rules add counts: facts, assumptions and hypotheses are in already.
    let mut total: usize = 0;
    let limit = Limit {
        max: options.max_derived,
        scenario: run.scenario,
    };
    let mut deadline = run.deadline;
    if deadline.passed() {
        return Err(limit.timeout(&deadline));
    }
    for stratum in &engine.strata {
        let preds = stratum.preds();
        let mut work = Work {
            engine,
            options,
            stats: &mut *stats,
            pending: preds
                .iter()
                .map(|_| Pending::<A>::new(options.max_derived.saturating_sub(total)))
                .collect(),
            env: Vec::new(),
            scratch: Scratch::until(deadline),
            blocked: run.blocked,
            limit: &limit,
            total,
            waiting: stratum.ids().map(|id| stratum.waiting(id)).collect(),
            active: stratum.active(run.impure),
            // The first delta is everything the stratum holds: all of it is new to it.
            fresh_from: vec![0; preds.len()],
        };
        let mut initial: Option<Vec<Vec<TupleId>>> = Some(
            preds
                .iter()
                .map(|p| relations[p.index()].ids().collect())
                .collect(),
        );
        for id in stratum.round_zero() {
            work.apply(id, None, relations, stratum)?;
        }
        let mut first = true;
        loop {
            if work.scratch.deadline.passed() {
                return Err(limit.timeout(&work.scratch.deadline));
            }
            if !std::mem::take(&mut first) {
                for (from, p) in work.fresh_from.iter_mut().zip(preds) {
                    *from = relations[p.index()].len() as u32;
                }
            }
            let mut delta = merge(
                stratum,
                relations,
                &mut work.pending,
                run.blocked,
                &mut total,
                &limit,
                level,
            )?;
            work.total = total;
            if let Some(initial) = initial.take() {
                for (d, old) in delta.iter_mut().zip(initial) {
                    d.extend(old);
                    d.sort_unstable();
                    d.dedup();
                }
            }
            if delta.iter().all(Vec::is_empty) {
                break;
            }
            for &wake in stratum.scans() {
                let (ci, di) = (wake.clause, wake.delta());
                let d = &stratum.clause(ci).deltas[di];
                if !delta[d.slot].is_empty() && work.active.contains(ci) {
                    work.apply(ci, Some((di, &delta[d.slot])), relations, stratum)?;
                }
            }
            for (slot, tuples) in delta.iter().enumerate() {
                let rel = &relations[preds[slot].index()];
                // On a predicate of one column, a trigger's value is the whole row.
                let exact = rel.arity() <= 1;
                for trigger in stratum.triggers(slot) {
                    for t in tuples {
                        if work.scratch.deadline.tick() {
                            return Err(limit.timeout(&work.scratch.deadline));
                        }
                        let woken = trigger.woken(rel.row(*t)[trigger.col]);
                        let fresh = t.0 >= work.fresh_from[slot];
                        for &wake in woken {
                            let (ci, di) = (wake.clause, wake.delta());
                            if !work.active.contains(ci) {
                                continue;
                            }
                            if exact && stratum.is_ground(ci) {
                                if work.count_down(ci, fresh) {
                                    work.derive_ground(stratum, ci, relations)?;
                                }
                                continue;
                            }
                            let delta = std::slice::from_ref(t);
                            work.apply(ci, Some((di, delta)), relations, stratum)?;
                        }
                    }
                }
            }
        }
        deadline = work.scratch.deadline;
    }
    Ok(())
}

/// Whether a tuple's row has these symbol ids.
fn same_row(row: &[SymbolId], ids: &[u32]) -> bool {
    row.len() == ids.len() && row.iter().zip(ids).all(|(v, id)| v.0 == *id)
}

/// The derived-atom limit and the scenario it is reported for.
struct Limit<'a> {
    max: usize,
    scenario: &'a str,
}

impl Limit<'_> {
    /// The error for more than `max` derived atoms, found while `rule` was joining.
    fn exceeded(&self, rule: Option<String>) -> EngineError {
        EngineError::LimitExceeded {
            scenario: self.scenario.to_owned(),
            limit: self.max,
            counted: Counted::Atoms,
            rule,
        }
    }

    /// The error for a run past its deadline.
    fn timeout(&self, deadline: &Deadline) -> EngineError {
        EngineError::Timeout {
            scenario: self.scenario.to_owned(),
            timeout: deadline.budget().unwrap_or_default(),
        }
    }
}

/// The state of one stratum's evaluation that every rule application writes to.
struct Work<'e, 's, A> {
    engine: &'e Engine<'e>,
    options: &'e Options,
    stats: &'s mut [RuleStats],
    /// What this round derived, per slot of the stratum.
    pending: Vec<Pending<A>>,
    /// Variable values, reused across applications.
    env: Vec<SymbolId>,
    /// Join buffers, reused across applications, and the run's deadline.
    scratch: Scratch<A>,
    /// The atoms the scenario forces false (`assume not`): never counted as new.
    blocked: &'e HashSet<(PredId, Box<[SymbolId]>)>,
    limit: &'e Limit<'e>,
    /// Atoms derived before this round.
    total: usize,
    /// Per clause of the stratum, for ground clauses: how many of its premises in the
    /// stratum have not appeared yet. A ground clause fires when this reaches zero (the
    /// counter algorithm), and again whenever one of its premises' heights fall.
    waiting: Vec<u32>,
    /// Per slot: tuple ids from here on appear in the current delta for the first time.
    fresh_from: Vec<u32>,
    /// Which clauses and instances this run uses: a clause's instances stand in for it
    /// unless the run adds atoms to or removes atoms from its guard, in which case the
    /// clause runs itself.
    active: Active,
}

impl<A: Acc> Work<'_, '_, A> {
    /// Applies the `ci`-th clause of `stratum`: over the whole relations (`delta` is
    /// `None`), or with its `di`-th delta premise read from the given tuples.
    fn apply(
        &mut self,
        ci: ClauseId,
        delta: Option<(usize, &[TupleId])>,
        relations: &[Relation],
        stratum: &Stratum,
    ) -> Result<(), EngineError> {
        let clause = stratum.clause(ci);
        if stratum.is_ground(ci) {
            return match delta {
                None => self.derive_ground(stratum, ci, relations),
                Some((di, tuples)) => self.wake_ground(ci, di, tuples, relations, stratum),
            };
        }
        let plan = match delta {
            None => clause.full.as_deref(),
            Some((di, _)) => clause.deltas[di].plan.as_deref(),
        };
        // Every clause with variables got its plans in `Engine::new`.
        match plan {
            Some(plan) => self.derive(stratum, clause, plan, relations, delta.map(|(_, d)| d)),
            None => Ok(()),
        }
    }

    /// A ground clause's `di`-th premise may be among `tuples` (a trigger matched one of
    /// its columns): counts it down if it is new, and fires the clause once every premise
    /// in the stratum is there, or again when a premise's heights fell.
    fn wake_ground(
        &mut self,
        ci: ClauseId,
        di: usize,
        tuples: &[TupleId],
        relations: &[Relation],
        stratum: &Stratum,
    ) -> Result<(), EngineError> {
        let d = &stratum.clause(ci).deltas[di];
        let fresh_from = self.fresh_from[d.slot];
        let Some(clause) = stratum.ground(ci) else {
            return Ok(());
        };
        let premise = clause.premises().nth(d.premise).and_then(|p| {
            // Invariant 4 of `GroundClause`: a corrupt record never fires.
            debug_assert!(p.is_ok(), "a corrupt ground record");
            let p = p.ok()?;
            let rel = &relations[p.pred.index()];
            tuples
                .iter()
                .find(|&&t| same_row(rel.row(t), p.row))
                .map(|t| t.0 >= fresh_from)
        });
        if premise.is_some_and(|fresh| self.count_down(ci, fresh)) {
            return self.derive_ground(stratum, ci, relations);
        }
        Ok(())
    }

    /// A premise of the `ci`-th (ground) clause appeared (`fresh`) or its heights fell:
    /// whether the clause should fire now.
    fn count_down(&mut self, ci: ClauseId, fresh: bool) -> bool {
        let waiting = &mut self.waiting[ci.index()];
        if fresh {
            *waiting = waiting.saturating_sub(1);
        }
        *waiting == 0
    }

    /// The `ci`-th clause of `stratum`, which has no variables, from its flat record: each
    /// premise is one lookup.
    fn derive_ground(
        &mut self,
        stratum: &Stratum,
        ci: ClauseId,
        relations: &[Relation],
    ) -> Result<(), EngineError> {
        if self.scratch.deadline.tick() {
            return Err(self.limit.timeout(&self.scratch.deadline));
        }
        let Some(clause) = stratum.ground(ci) else {
            return Ok(());
        };
        let start = self.options.profile.then(std::time::Instant::now);
        let mut acc = A::default();
        for p in clause.premises() {
            // Invariant 4 of `GroundClause`: a corrupt record never fires.
            let Ok(p) = p else {
                debug_assert!(false, "a corrupt ground record: {Corrupt:?}");
                return Ok(());
            };
            let rel = &relations[p.pred.index()];
            let holds = match p.kind {
                // The instance's own guard fact: no need to look it up.
                Premise::Fact(level) => {
                    acc.raise(&leaf_heights(level));
                    true
                }
                Premise::Positive => rel
                    .find_ids(p.row)
                    .map(|t| acc.raise(rel.heights(t)))
                    .is_some(),
                Premise::Negated => rel
                    .negation(rel.find_ids(p.row))
                    .map(|m| {
                        if m < Likelihood::Certain {
                            acc.raise(&leaf_heights(m));
                        }
                    })
                    .is_some(),
            };
            if !holds {
                return Ok(());
            }
        }
        let slot = clause.head_slot();
        let out = &mut self.pending[slot];
        out.rows
            .extend(clause.head().iter().map(|&id| SymbolId(id)));
        let bump = u32::from(self.options.provenance);
        out.push_heights(acc.conclude(clause.level(), bump));
        let stats = &mut self.stats[clause.rule().index()];
        stats.derivations += 1;
        if let Some(start) = start {
            stats.time += start.elapsed();
        }
        if out.len >= out.compact_at {
            let pred = stratum.preds()[slot];
            if !self.compact(slot, pred, &relations[pred.index()]) {
                return Err(self.exceeded(clause.rule()));
            }
        }
        Ok(())
    }

    /// Compacts the `slot`-th queue (of predicate `pred`, whose relation is `rel`): false
    /// when the new atoms queued would take the scenario past the limit.
    fn compact(&mut self, slot: usize, pred: PredId, rel: &Relation) -> bool {
        let others: usize =
            self.pending.iter().map(|p| p.fresh).sum::<usize>() - self.pending[slot].fresh;
        let blocked = self.blocked;
        let is_new = |row: &[SymbolId]| {
            rel.find(row).is_none()
                && (blocked.is_empty() || !blocked.contains(&(pred, Box::from(row))))
        };
        let room = self
            .limit
            .max
            .saturating_sub(self.total.saturating_add(others));
        self.pending[slot].compact(rel.arity(), room, is_new)
    }

    /// The limit error, found while `rule` was joining.
    fn exceeded(&self, rule: RuleId) -> EngineError {
        let name = &self.engine.program.rule(rule).name;
        self.limit.exceeded(Some(name.to_string()))
    }

    /// Runs one plan of a clause and queues each conclusion with its heights. Without
    /// provenance, heights collapse to "provable at this level or not", so only rising
    /// likelihoods propagate. The queue is compacted as it grows, and the join stops as
    /// soon as it holds more new atoms than the limit allows, or the deadline passes.
    fn derive(
        &mut self,
        stratum: &Stratum,
        clause: &Clause,
        plan: &Plan,
        relations: &[Relation],
        delta: Option<&[TupleId]>,
    ) -> Result<(), EngineError> {
        let level = self.engine.program.rule(clause.rule).level.rank();
        // Without provenance every finite height is 0.
        let bump = u32::from(self.options.provenance);
        let slot = clause.head_slot;
        let pred = stratum.preds()[slot];
        let start = self.options.profile.then(std::time::Instant::now);
        let mut exceeded = false;
        let mut pending = std::mem::take(&mut self.pending[slot]);
        let mut env = std::mem::take(&mut self.env);
        let mut scratch = std::mem::take(&mut self.scratch);
        let mut derivations = 0;
        env.clear();
        let _ = for_each_match(
            plan,
            relations,
            delta,
            &mut env,
            &mut scratch,
            &mut |env, acc, _| {
                derivations += 1;
                pending.rows.extend(clause.head.iter().map(|&a| match a {
                    Arg::Const(c) => c,
                    Arg::Var(v) => env[v.index()],
                }));
                pending.push_heights(acc.conclude(level, bump));
                if pending.len >= pending.compact_at {
                    std::mem::swap(&mut pending, &mut self.pending[slot]);
                    let fits = self.compact(slot, pred, &relations[pred.index()]);
                    std::mem::swap(&mut pending, &mut self.pending[slot]);
                    if !fits {
                        exceeded = true;
                        return ControlFlow::Break(());
                    }
                }
                ControlFlow::Continue(())
            },
        );
        self.pending[slot] = pending;
        self.env = env;
        self.scratch = scratch;
        let stats = &mut self.stats[clause.rule.index()];
        stats.derivations += derivations;
        if let Some(start) = start {
            stats.time += start.elapsed();
        }
        if exceeded {
            return Err(self.exceeded(clause.rule));
        }
        if self.scratch.deadline.expired() {
            return Err(self.limit.timeout(&self.scratch.deadline));
        }
        Ok(())
    }
}

/// Merges pending rows into the stratum's relations; returns, per slot, the tuples that
/// changed.
fn merge<A: Acc>(
    stratum: &Stratum,
    relations: &mut [Relation],
    pending: &mut [Pending<A>],
    blocked: &HashSet<(PredId, Box<[SymbolId]>)>,
    total: &mut usize,
    limit: &Limit<'_>,
    level: usize,
) -> Result<Vec<Vec<TupleId>>, EngineError> {
    let mut delta = vec![Vec::new(); stratum.preds().len()];
    for (slot, (&pred, pend)) in stratum.preds().iter().zip(pending.iter_mut()).enumerate() {
        let rel = &mut relations[pred.index()];
        let arity = rel.arity();
        let mut at = 0;
        for &(acc, run) in &pend.heights {
            let h = acc.profile(level);
            for _ in 0..run {
                let row = &pend.rows[at..at + arity];
                at += arity;
                if !blocked.is_empty() && blocked.contains(&(pred, Box::from(row))) {
                    continue;
                }
                match rel.insert(row, &h, None) {
                    Update::New(t) => {
                        *total += 1;
                        if *total > limit.max {
                            return Err(limit.exceeded(None));
                        }
                        delta[slot].push(t);
                    }
                    Update::Improved(t) => delta[slot].push(t),
                    Update::Unchanged => {}
                }
            }
        }
        pend.clear(limit.max.saturating_sub(*total));
        delta[slot].sort_unstable();
        delta[slot].dedup();
    }
    Ok(delta)
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::super::{Counted, EngineError, Options};
    use super::{MIN_COMPACT, Pending};
    use crate::Analysis;
    use crate::engine::relation::leaf_heights;
    use crate::likelihood::Likelihood;
    use crate::program::SymbolId;

    fn run(text: &str, options: &Options) -> Result<usize, EngineError> {
        let analysis = Analysis::parse("t.augur", text).expect("the program checks");
        let engine = analysis.engine();
        let id = analysis.scenario("default").expect("a default scenario");
        engine.run(id, options).map(|m| m.conclusions().len())
    }

    fn limited(max_derived: usize) -> Options {
        Options {
            max_derived,
            ..Options::default()
        }
    }

    /// `n` facts of each of the given unary predicates.
    fn facts(n: usize, preds: &[&str]) -> String {
        let mut text = String::new();
        for p in preds {
            for i in 0..n {
                text.push_str(&format!("fact c{i} {p}\n"));
            }
        }
        text
    }

    #[test]
    fn the_limit_counts_derived_atoms_only() {
        // Two facts, four derived atoms: the repro `lim.augur`.
        let lim = "fact a p\nfact b p\nrule r: ?x p and ?y p implies ?x q ?y\n";
        assert!(matches!(
            run(lim, &limited(3)),
            Err(EngineError::LimitExceeded { limit: 3, .. })
        ));
        assert_eq!(run(lim, &limited(4)).ok(), Some(4));
        assert_eq!(run(lim, &limited(5)).ok(), Some(4));
    }

    #[test]
    fn a_join_stops_at_the_limit_while_it_runs() {
        // 300 × 300 × 300 distinct atoms from one rule in one round: the error names the
        // rule, so it came from inside the join, long before 27 million rows were queued.
        let text = facts(300, &["u0", "u1", "u2"])
            + "rule big: ?a u0 and ?b u1 and ?c u2 implies out(?a, ?b, ?c)\n";
        match run(&text, &limited(100)) {
            Err(EngineError::LimitExceeded {
                rule: Some(rule),
                counted: Counted::Atoms,
                ..
            }) => assert_eq!(rule, "big"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn repeated_derivations_are_compacted_not_counted() {
        // 400 × 400 matches (past the first compaction) of 400 atoms: exactly 400 derived.
        let n = 400;
        assert!(n * n > MIN_COMPACT);
        let text = facts(n, &["u0", "u1"]) + "rule r: ?a u0 and ?b u1 implies ?a q\n";
        assert_eq!(run(&text, &limited(n)).ok(), Some(n));
        assert_eq!(run(&text, &limited(n + 1)).ok(), Some(n));
        assert!(matches!(
            run(&text, &limited(n - 1)),
            Err(EngineError::LimitExceeded { limit, .. }) if limit == n - 1
        ));
    }

    #[test]
    fn compaction_keeps_first_occurrences_with_the_lowest_heights() {
        let s = |v: u32| SymbolId(v);
        let mut pending = Pending::<[u32; 8]>::new(10);
        let (likely, certain) = (
            leaf_heights(Likelihood::Likely),
            leaf_heights(Likelihood::Certain),
        );
        for (row, h) in [
            (3, likely),
            (1, likely),
            (3, certain),
            (2, likely),
            (1, likely),
        ] {
            pending.rows.push(s(row));
            pending.push_heights(h);
        }
        assert!(pending.compact(1, 10, |row| row[0] != s(2)));
        assert_eq!(pending.rows, [s(3), s(1), s(2)]);
        let heights: Vec<_> = pending.heights.iter().map(|&(h, n)| (h, n)).collect();
        assert_eq!(heights, [(certain, 1), (likely, 2)]);
        assert_eq!((pending.len, pending.fresh), (3, 2));
        // One new atom too many: stopped.
        assert!(!pending.compact(1, 1, |_| true));
    }

    #[test]
    fn conflict_matches_are_held_to_the_limit() {
        let text = facts(20, &["u0", "u1"]) + "conflict k { when ?a u0 and ?b u1 }\n";
        assert!(run(&text, &limited(401)).is_ok());
        assert!(run(&text, &limited(400)).is_ok());
        assert!(matches!(
            run(&text, &limited(399)),
            Err(EngineError::LimitExceeded {
                counted: Counted::ConflictMatches,
                ..
            })
        ));
    }

    #[test]
    fn a_join_that_would_run_for_hours_stops_at_the_timeout() {
        // 2,000^5 matches of one atom: memory stays small, time does not.
        let text = facts(2000, &["p1", "p2", "p3", "p4", "p5"])
            + "rule r: ?a p1 and ?b p2 and ?c p3 and ?d p4 and ?e p5 implies all done\n";
        let options = Options {
            timeout: Some(Duration::from_millis(200)),
            ..Options::default()
        };
        assert!(matches!(
            run(&text, &options),
            Err(EngineError::Timeout { timeout, .. }) if timeout == Duration::from_millis(200)
        ));
    }

    #[test]
    fn a_spent_budget_stops_any_run_and_none_is_no_limit() {
        let text = "fact a p\nrule r: ?x p implies ?x q\n";
        let spent = Options {
            timeout: Some(Duration::ZERO),
            ..Options::default()
        };
        assert!(matches!(
            run(text, &spent),
            Err(EngineError::Timeout { .. })
        ));
        let none = Options {
            timeout: None,
            ..Options::default()
        };
        assert_eq!(run(text, &none).ok(), Some(1));
    }
}
