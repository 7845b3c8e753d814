//! Program and scenario to model: relations with indexes chosen from the join plans,
//! semi-naive evaluation per stratum, and provenance kept as per-level proof heights so
//! that `explain` can rebuild proofs without running anything again.
//!
//! ```
//! use augur::{Analysis, engine::Options};
//! let analysis = Analysis::parse("t.augur", "
//!     fact edge(a, b)
//!     fact edge(b, c)
//!     rule base: edge(?x, ?y) implies path(?x, ?y)
//!     rule step: path(?x, ?y) and edge(?y, ?z) implies path(?x, ?z)
//! ").unwrap();
//! let model = analysis.run("default", &Options::default()).unwrap();
//! // The fixpoint: the transitive closure, and nothing else.
//! assert_eq!(model.conclusions().len(), 3);
//! ```

pub mod error;
mod eval;
mod join;
mod model;
pub mod plan;
pub mod relation;

pub use error::EngineError;
pub use join::{Scratch, for_each_match};
pub use model::{Conclusion, ConflictMatch, Derivation, Model, unify};
pub use relation::{Heights, INF, Leaf, Relation, TupleId};

use std::collections::HashSet;

use rustc_hash::FxHashMap;
use smallvec::SmallVec;

use crate::likelihood::Likelihood;
use crate::program::{Arg, GroundAtom, PredId, Program, RuleId, ScenarioId, SymbolId};
use plan::Plan;
use relation::leaf_heights;

/// Evaluation settings.
#[derive(Clone, Debug)]
pub struct Options {
    /// Stop with [`EngineError::LimitExceeded`] past this many atoms in one scenario.
    pub max_derived: usize,
    /// Time every rule's work ([`RuleStats::time`]); derivations are always counted.
    pub profile: bool,
    /// Keep the proof heights that `explain` rebuilds proofs from (on by default). Off, only
    /// likelihoods are kept: evaluation does a little less work, and `why` cannot answer.
    /// An internal switch, for measuring what provenance costs.
    pub provenance: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_derived: 10_000_000,
            profile: false,
            provenance: true,
        }
    }
}

/// What one rule did in one scenario.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RuleStats {
    /// Rule applications: matches of its premises, one per conclusion derived (including
    /// re-derivations of atoms that already held).
    pub derivations: u64,
    /// Time spent matching its premises (zero unless [`Options::profile`]).
    pub time: std::time::Duration,
}

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
    /// The rule has no variables: every premise is one whole-row lookup, so it is
    /// evaluated directly and has no plans. A large ground network is millions of these.
    pub ground: bool,
    /// Every premise from the whole relations, for a clause none of whose premises belongs
    /// to its own stratum (it fires once, in round 0); `None` for the others, which the
    /// delta plans cover, and for ground clauses.
    pub full: Option<Plan>,
    /// For each premise in the clause's own stratum, the plan reading it from the delta.
    pub deltas: Vec<DeltaPlan>,
}

/// A premise of a clause in the clause's own stratum, and the plan reading it from the
/// delta (`None` for ground clauses).
#[derive(Debug)]
pub(crate) struct DeltaPlan {
    /// The premise's predicate's slot in the stratum.
    pub slot: usize,
    /// The premise read from the delta.
    pub premise: usize,
    pub plan: Option<Plan>,
}

/// One strongly connected component: its predicates and the clauses concluding into them.
#[derive(Debug)]
pub(crate) struct Stratum {
    pub preds: Vec<PredId>,
    pub clauses: Vec<Clause>,
    /// Delta plans (clause, delta position) whose delta premise has no constant: they
    /// read the whole delta.
    pub scans: Vec<(usize, usize)>,
    /// Per slot: delta plans whose delta premise has a constant, keyed by that column and
    /// value, so that a new tuple wakes only the rules that can use it. This keeps
    /// propositional networks written with constants linear.
    pub triggers: Vec<Vec<Trigger>>,
    /// Per clause, whether it is ground: kept apart from the clauses so that waking a
    /// ground clause touches a byte, not the clause.
    pub ground: Vec<bool>,
    /// The ground clauses, flattened into one block (see [`GroundClause`]), so that firing
    /// one reads a few adjacent words instead of chasing the rule's premise and argument
    /// lists across the heap: a large ground network is cache-miss bound.
    pub ground_words: Vec<u32>,
    /// Per clause, where its record starts in `ground_words` (ground clauses only).
    pub ground_at: Vec<u32>,
}

/// A ground clause's record in [`Stratum::ground_words`]: rule, likelihood rank, head
/// slot, head arity and values, premise count, then per premise its predicate, whether
/// it is negated, its arity and its values.
pub(crate) struct GroundClause<'a>(&'a [u32]);

/// One premise of a [`GroundClause`].
pub(crate) struct GroundPremise<'a> {
    pub pred: PredId,
    pub negated: bool,
    pub row: &'a [u32],
}

impl<'a> GroundClause<'a> {
    fn write(out: &mut Vec<u32>, program: &Program, clause: &Clause) {
        let rule = program.rule(clause.rule);
        let ids = |out: &mut Vec<u32>, args: &[Arg]| {
            out.push(args.len() as u32);
            out.extend(args.iter().map(|a| match a {
                Arg::Const(c) => c.0,
                // Only clauses without variables are written.
                Arg::Var(_) => u32::MAX,
            }));
        };
        out.extend([
            clause.rule.0,
            rule.level.rank() as u32,
            clause.head_slot as u32,
        ]);
        ids(out, &rule.conclusions[clause.conclusion].args);
        out.push(rule.premises.len() as u32);
        for p in &rule.premises {
            out.extend([p.atom.pred.0, u32::from(p.negated)]);
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
            let (&[pred, negated, arity], tail) = rest.split_first_chunk::<3>()?;
            let (row, tail) = tail.split_at_checked(arity as usize)?;
            rest = tail;
            Some(GroundPremise {
                pred: PredId(pred),
                negated: negated != 0,
                row,
            })
        })
    }
}

/// Delta plans keyed on one column's value.
#[derive(Clone, Debug)]
pub(crate) struct Trigger {
    pub col: usize,
    pub plans: FxHashMap<SymbolId, SmallVec<[(u32, u32); 2]>>,
}

impl Stratum {
    /// The flat record of the `ci`-th clause, which must be ground.
    pub fn ground_clause(&self, ci: usize) -> GroundClause<'_> {
        GroundClause::at(&self.ground_words, self.ground_at[ci])
    }

    fn new(program: &Program, preds: Vec<PredId>, clauses: Vec<Clause>) -> Self {
        let mut scans = Vec::new();
        let mut triggers: Vec<Vec<Trigger>> = vec![Vec::new(); preds.len()];
        for (ci, clause) in clauses.iter().enumerate() {
            for (di, delta) in clause.deltas.iter().enumerate() {
                // The delta premise's first constant: only tuples with that value can wake it.
                let slot = &delta.slot;
                let key = program.rule(clause.rule).premises[delta.premise]
                    .atom
                    .args
                    .iter()
                    .enumerate()
                    .find_map(|(col, a)| match a {
                        Arg::Const(value) => Some((col, *value)),
                        Arg::Var(_) => None,
                    });
                let Some((col, value)) = key else {
                    scans.push((ci, di));
                    continue;
                };
                let list = &mut triggers[*slot];
                let at = match list.iter().position(|t| t.col == col) {
                    Some(i) => i,
                    None => {
                        list.push(Trigger {
                            col,
                            plans: FxHashMap::default(),
                        });
                        list.len() - 1
                    }
                };
                list[at]
                    .plans
                    .entry(value)
                    .or_default()
                    .push((ci as u32, di as u32));
            }
        }
        let ground = clauses.iter().map(|c| c.ground).collect();
        let mut ground_words = Vec::new();
        let ground_at = clauses
            .iter()
            .map(|c| {
                let at = ground_words.len() as u32;
                if c.ground {
                    GroundClause::write(&mut ground_words, program, c);
                }
                at
            })
            .collect();
        Stratum {
            preds,
            clauses,
            scans,
            triggers,
            ground,
            ground_words,
            ground_at,
        }
    }
}

/// A program compiled for evaluation: join plans and the indexes they need. Build it once,
/// then [`Engine::run`] any number of scenarios (in parallel if you like: it is `Sync`).
#[derive(Debug)]
pub struct Engine<'p> {
    program: &'p Program,
    strata: Vec<Stratum>,
    conflicts: Vec<Plan>,
    index_cols: Vec<Vec<Box<[usize]>>>,
    /// The likelihoods of every rule and fact.
    levels: Levels,
    /// How many facts each predicate has.
    fact_counts: Vec<usize>,
}

/// Whether a set of likelihoods has no member, one, or more.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Levels {
    None,
    One(Likelihood),
    Many,
}

impl Levels {
    fn with(self, levels: impl IntoIterator<Item = Likelihood>) -> Self {
        levels.into_iter().fold(self, |acc, l| match acc {
            Levels::None => Levels::One(l),
            Levels::One(m) if m == l => acc,
            _ => Levels::Many,
        })
    }

    fn one(self) -> Option<Likelihood> {
        match self {
            Levels::One(l) => Some(l),
            Levels::None | Levels::Many => None,
        }
    }
}

impl<'p> Engine<'p> {
    /// Plans every rule and conflict of `program`.
    pub fn new(program: &'p Program) -> Self {
        let mut index_cols: Vec<Vec<Box<[usize]>>> = vec![Vec::new(); program.predicates.len()];
        let mut want = |pred: PredId, cols: &[usize]| -> Box<[usize]> {
            let list = &mut index_cols[pred.index()];
            if !cols.is_empty() && !list.iter().any(|c| &**c == cols) {
                list.push(cols.into());
            }
            cols.into()
        };
        let mut strata = Vec::new();
        for stratum in &program.strata {
            let mut preds: Vec<PredId> = Vec::new();
            for &(r, c) in stratum {
                let pred = program.rule(r).conclusions[c].pred;
                if !preds.contains(&pred) {
                    preds.push(pred);
                }
            }
            let slot = |pred: PredId| preds.iter().position(|&q| q == pred);
            let mut clauses = Vec::with_capacity(stratum.len());
            for &(r, c) in stratum {
                let rule = program.rule(r);
                let nvars = rule.vars.len();
                let mut deltas = Vec::new();
                for (i, prem) in rule.premises.iter().enumerate().filter(|(_, p)| !p.negated) {
                    if let Some(s) = slot(prem.atom.pred) {
                        let plan = (nvars > 0).then(|| {
                            plan::plan(&rule.premises, nvars, Vec::new(), Some(i), &mut want)
                        });
                        deltas.push(DeltaPlan {
                            slot: s,
                            premise: i,
                            plan,
                        });
                    }
                }
                let full = (deltas.is_empty() && nvars > 0)
                    .then(|| plan::plan(&rule.premises, nvars, Vec::new(), None, &mut want));
                let head = &rule.conclusions[c];
                let head_slot = slot(head.pred).unwrap_or(0);
                clauses.push(Clause {
                    rule: r,
                    head_slot,
                    conclusion: c,
                    // A ground clause's head lives in its flat record.
                    head: if nvars == 0 {
                        Vec::new()
                    } else {
                        head.args.to_vec()
                    },
                    ground: nvars == 0,
                    full,
                    deltas,
                });
            }
            strata.push(Stratum::new(program, preds, clauses));
        }
        let conflicts = program
            .conflicts
            .iter()
            .map(|c| plan::plan(&c.premises, c.vars.len(), Vec::new(), None, &mut want))
            .collect();
        let levels = Levels::None
            .with(program.rules.iter().map(|r| r.level))
            .with(program.facts.iter().map(|f| f.level));
        let mut fact_counts = vec![0; program.predicates.len()];
        for f in &program.facts {
            fact_counts[f.atom.pred.index()] += 1;
        }
        Engine {
            program,
            strata,
            conflicts,
            index_cols,
            levels,
            fact_counts,
        }
    }

    /// The program this engine evaluates.
    pub fn program(&self) -> &'p Program {
        self.program
    }

    /// Evaluates one scenario: facts, the scenario's assumptions, then every rule to the
    /// fixpoint, then the conflicts.
    pub fn run(&self, scenario: ScenarioId, options: &Options) -> Result<Model<'p>, EngineError> {
        self.run_with(scenario, &[], options)
    }

    /// Evaluates a scenario with extra `certain` atoms added, as hypotheses ("what if these
    /// held too?"). An atom the scenario forces false with `assume not` stays false.
    pub fn run_with(
        &self,
        scenario: ScenarioId,
        hypotheses: &[GroundAtom],
        options: &Options,
    ) -> Result<Model<'p>, EngineError> {
        let p = self.program;
        let mut relations: Vec<Relation> = p
            .predicates
            .iter()
            .zip(&self.index_cols)
            .zip(&self.fact_counts)
            .map(|((pr, cols), &facts)| {
                let mut rel = Relation::new(pr.arity, cols);
                rel.reserve(facts);
                rel
            })
            .collect();
        let assumptions = p.assumptions(scenario);
        let blocked: HashSet<(PredId, Box<[_]>)> = assumptions
            .iter()
            .filter(|(_, _, a)| a.negated)
            .map(|(_, _, a)| (a.atom.pred, a.atom.args.clone()))
            .collect();
        let is_blocked = |atom: &GroundAtom| {
            !blocked.is_empty() && blocked.contains(&(atom.pred, atom.args.clone()))
        };
        for (i, f) in p.facts.iter().enumerate() {
            if !is_blocked(&f.atom) {
                let leaf = Leaf::Fact(crate::program::FactId::from_index(i));
                relations[f.atom.pred.index()].insert(
                    &f.atom.args,
                    &leaf_heights(f.level),
                    Some((leaf, f.level)),
                );
            }
        }
        for (owner, index, a) in assumptions.iter().filter(|(_, _, a)| !a.negated) {
            let leaf = Leaf::Assumed {
                scenario: *owner,
                index: *index as u32,
            };
            relations[a.atom.pred.index()].insert(
                &a.atom.args,
                &leaf_heights(a.level),
                Some((leaf, a.level)),
            );
        }
        for (i, h) in hypotheses.iter().enumerate() {
            if !is_blocked(h) {
                let leaf = Leaf::Hypothesis(i as u32);
                relations[h.pred.index()].insert(
                    &h.args,
                    &leaf_heights(Likelihood::Certain),
                    Some((leaf, Likelihood::Certain)),
                );
            }
        }
        let leaf_levels = assumptions
            .iter()
            .filter(|(_, _, a)| !a.negated)
            .map(|(_, _, a)| a.level)
            .chain(hypotheses.iter().map(|_| Likelihood::Certain));
        let run = eval::Run {
            scenario: &p.scenarios[scenario.index()].name,
            uniform: self.levels.with(leaf_levels).one().map(Likelihood::rank),
        };
        let mut stats = vec![RuleStats::default(); p.rules.len()];
        eval::evaluate(self, &mut relations, &blocked, &mut stats, options, run)?;
        let conflicts = self.conflicts(&relations);
        Ok(Model::new(
            p,
            scenario,
            relations,
            conflicts,
            stats,
            options.provenance,
        ))
    }

    /// Every match of every conflict, in declaration order then match order.
    fn conflicts(&self, relations: &[Relation]) -> Vec<ConflictMatch> {
        let mut out = Vec::new();
        for (i, (plan, conflict)) in self
            .conflicts
            .iter()
            .zip(&self.program.conflicts)
            .enumerate()
        {
            let mut env = Vec::new();
            let _ = for_each_match(
                plan,
                relations,
                None,
                &mut env,
                &mut Scratch::default(),
                &mut |env, acc, chosen| {
                    let bindings = conflict
                        .vars
                        .iter()
                        .enumerate()
                        .map(|(v, name)| (name.clone(), env[v]))
                        .collect();
                    let premises = plan
                        .steps
                        .iter()
                        .zip(chosen)
                        .map(|(s, t)| (s.premise, t.map(|t| (s.pred, t))))
                        .collect();
                    out.push(ConflictMatch {
                        conflict: crate::program::ConflictId::from_index(i),
                        bindings,
                        likelihood: relation::likelihood_of(acc)
                            .unwrap_or(crate::likelihood::Likelihood::Certain),
                        premises,
                    });
                    std::ops::ControlFlow::Continue(())
                },
            );
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use crate::Analysis;
    use crate::likelihood::Likelihood;

    fn likelihoods(text: &str, atoms: &[&str]) -> Vec<Option<Likelihood>> {
        let analysis = Analysis::parse("t.augur", text).expect("the program checks");
        let model = analysis
            .run("default", &super::Options::default())
            .expect("it runs");
        atoms
            .iter()
            .map(|a| {
                let atom = analysis
                    .atom(a)
                    .expect("the atom parses")
                    .expect("it is known");
                model.likelihood(&atom)
            })
            .collect()
    }

    #[test]
    fn a_ground_rule_fires_again_when_a_premise_gets_stronger() {
        // `x t` holds as likely at once, and as certain two rounds later; `w t` must follow.
        let text = "fact x t [likely]\nfact y t\n\
                    rule r1: y t implies z t\nrule r2: z t implies x t\n\
                    rule r3: x t implies w t\n";
        assert_eq!(
            likelihoods(text, &["x t", "w t"]),
            [Some(Likelihood::Certain), Some(Likelihood::Certain)]
        );
    }

    #[test]
    fn a_ground_rule_waits_for_every_premise_of_its_stratum() {
        // `b t` arrives a round after `a t`; `c t` needs both, and `d q` (a lower stratum).
        let text = "fact a t\nfact d q\nrule r1: a t implies b t\n\
                    rule r2: a t and b t and d q implies c t\n\
                    rule r3: c t and not e q implies f t\n";
        assert_eq!(
            likelihoods(text, &["c t", "f t"]),
            [Some(Likelihood::Certain), Some(Likelihood::Certain)]
        );
    }
}
