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

mod budget;
mod conflicts;
pub mod error;
mod eval;
mod ground;
mod join;
mod model;
mod open;
pub mod plan;
pub mod relation;
mod run;

pub use budget::{parse_duration, show_duration};
pub use error::{Counted, EngineError};
pub use join::{Scratch, for_each_match};
pub use model::{Conclusion, ConflictMatch, Derivation, Model, unify};
pub use relation::{Heights, INF, Leaf, Relation, TupleId};

use std::time::{Duration, Instant};

use rustc_hash::FxHashMap;
use smallvec::SmallVec;

use crate::likelihood::Likelihood;
use crate::program::{Arg, PredId, Program, RuleId, SymbolId};
use ground::{GroundClause, Instances};
use plan::Plan;

/// Evaluation settings.
#[derive(Clone, Debug)]
pub struct Options {
    /// Stop with [`EngineError::LimitExceeded`] when the rules of one scenario derive more
    /// than this many atoms: atoms that were not facts, assumptions or hypotheses (a fact
    /// whose likelihood a rule raises takes no new room, so it is not counted). Conflict and
    /// tension matches are held to the same number, counted apart. Checked while each
    /// rule's join runs, so it bounds memory: a join never queues more than about this many
    /// new atoms before the check.
    pub max_derived: usize,
    /// Stop with [`EngineError::Timeout`] once evaluation has run this long (`None`: no
    /// limit). Checked at each round and every few thousand steps of a join.
    pub timeout: Option<Duration>,
    /// When the [`Options::timeout`] clock started: `None` starts it anew at each run
    /// (each scenario gets the whole budget); a command sets it to its own start so that
    /// one budget covers every run it makes.
    pub started: Option<Instant>,
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
            timeout: Some(Options::DEFAULT_TIMEOUT),
            started: None,
            profile: false,
            provenance: true,
        }
    }
}

impl Options {
    /// The default [`Options::timeout`]. Hand-written rule bases evaluate in milliseconds and
    /// the benchmark's million-rule programs in seconds; a minute is far past both, yet short
    /// enough that a runaway join in CI or an editor ends with a message rather than a hang.
    pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

    /// The deadline of a run that starts now.
    pub(crate) fn deadline(&self) -> budget::Deadline {
        budget::Deadline::new(self.timeout, self.started)
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
    pub full: Option<Box<Plan>>,
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
    pub plan: Option<Box<Plan>>,
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
    /// Instances of clauses made from the facts of a guard premise (see the `ground`
    /// module): they are numbered after `clauses`, and `instance_of` gives each one's
    /// clause.
    pub instances: Vec<Instances>,
    pub instance_of: Vec<u32>,
    /// Per clause and instance, whether it is ground: kept apart from the clauses so that
    /// waking a ground clause touches a byte, not the clause.
    pub ground: Vec<bool>,
    /// The ground clauses, flattened into one block (see [`GroundClause`]), so that firing
    /// one reads a few adjacent words instead of chasing the rule's premise and argument
    /// lists across the heap: a large ground network is cache-miss bound.
    pub ground_words: Vec<u32>,
    /// Per clause, where its record starts in `ground_words` (ground clauses only).
    pub ground_at: Vec<u32>,
}

/// Delta plans keyed on one column's value.
#[derive(Clone, Debug)]
pub(crate) struct Trigger {
    pub col: usize,
    pub plans: FxHashMap<SymbolId, SmallVec<[(u32, u32); 2]>>,
}

/// The instances one clause gets from its guard: the clause, the guard's predicate, and
/// each fact's values of the rule's variables, `nvars` at a time.
struct Instantiation {
    clause: usize,
    /// The guard premise and its predicate.
    premise: usize,
    guard: PredId,
    nvars: usize,
    envs: Vec<SymbolId>,
    /// Each instance's guard fact's likelihood.
    levels: Vec<Likelihood>,
}

/// What makes a clause ground: its variables' values, and for an instance its guard
/// premise and the likelihood of the fact it was made from.
type Ground<'a> = (&'a [SymbolId], Option<(usize, Likelihood)>);

impl Stratum {
    /// The flat record of the `ci`-th clause or instance, which must be ground.
    pub fn ground_clause(&self, ci: usize) -> GroundClause<'_> {
        GroundClause::at(&self.ground_words, self.ground_at[ci])
    }

    /// The `ci`-th clause, or for an instance the clause it instantiates (same rule, same
    /// premises, same slots).
    pub fn clause(&self, ci: usize) -> &Clause {
        let ci = match ci.checked_sub(self.clauses.len()) {
            Some(i) => self.instance_of[i] as usize,
            None => ci,
        };
        &self.clauses[ci]
    }

    /// How many clauses and instances there are.
    pub fn len(&self) -> usize {
        self.clauses.len() + self.instance_of.len()
    }

    fn new(
        program: &Program,
        preds: Vec<PredId>,
        clauses: Vec<Clause>,
        instantiations: Vec<Instantiation>,
    ) -> Self {
        let slots = preds.len();
        let mut stratum = Stratum {
            preds,
            clauses,
            scans: Vec::new(),
            triggers: vec![Vec::new(); slots],
            instances: Vec::new(),
            instance_of: Vec::new(),
            ground: Vec::new(),
            ground_words: Vec::new(),
            ground_at: Vec::new(),
        };
        for ci in 0..stratum.clauses.len() {
            let ground = stratum.clauses[ci].ground;
            stratum.add(program, ci, ground.then_some((&[], None)));
        }
        for inst in instantiations {
            let start = stratum.len();
            let envs = inst.envs.chunks_exact(inst.nvars.max(1));
            for (env, &level) in envs.zip(&inst.levels) {
                let ci = stratum.len();
                stratum.instance_of.push(inst.clause as u32);
                stratum.add(program, ci, Some((env, Some((inst.premise, level)))));
            }
            stratum.instances.push(Instances {
                original: inst.clause,
                guard: inst.guard,
                clauses: start..stratum.len(),
            });
        }
        stratum
    }

    /// Registers the `ci`-th clause or instance: its triggers, and for a ground one its
    /// flat record, given its variables' values and, for an instance, its guard premise
    /// and the likelihood of the fact it was made from.
    fn add(&mut self, program: &Program, ci: usize, ground: Option<Ground<'_>>) {
        let env = ground.map(|(env, _)| env);
        let clause = self.clause(ci);
        let rule = program.rule(clause.rule);
        let mut scans: SmallVec<[(usize, usize); 2]> = SmallVec::new();
        let mut keys: SmallVec<[(usize, usize, SymbolId, usize); 4]> = SmallVec::new();
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
            match key {
                Some((col, value)) => keys.push((delta.slot, col, value, di)),
                None => scans.push((ci, di)),
            }
        }
        let at = self.ground_words.len() as u32;
        if let Some((env, guard)) = ground {
            let mut words = std::mem::take(&mut self.ground_words);
            GroundClause::write(&mut words, program, self.clause(ci), env, guard);
            self.ground_words = words;
        }
        self.ground.push(env.is_some());
        self.ground_at.push(at);
        self.scans.extend(scans);
        for (slot, col, value, di) in keys {
            let list = &mut self.triggers[slot];
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
}

/// A program compiled for evaluation: join plans and the indexes they need. Build it once,
/// then [`Engine::run`] any number of scenarios (in parallel if you like: it is `Sync`).
#[derive(Debug)]
pub struct Engine<'p> {
    program: &'p Program,
    strata: Vec<Stratum>,
    conflicts: Vec<Plan>,
    index_cols: Vec<Vec<Box<[usize]>>>,
    /// Indexes only the clauses that have instances read; a run builds them when it cannot
    /// use those instances.
    fallback_cols: Vec<Vec<Box<[usize]>>>,
    /// The guard predicates of clauses with instances.
    guards: Vec<PredId>,
    /// The likelihoods of every rule and fact.
    levels: Levels,
    /// Whether some rule has a `not` premise (see [`Engine::uniform`]).
    negates: bool,
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
        // The indexes every run builds, and those only a run that cannot use a clause's
        // instances needs (its plans read the guard through an index).
        let mut index_cols: Vec<Vec<Box<[usize]>>> = vec![Vec::new(); program.predicates().len()];
        let mut fallback_cols = index_cols.clone();
        fn want(lists: &mut [Vec<Box<[usize]>>], pred: PredId, cols: &[usize]) -> Box<[usize]> {
            let list = &mut lists[pred.index()];
            if !cols.is_empty() && !list.iter().any(|c| &**c == cols) {
                list.push(cols.into());
            }
            cols.into()
        }
        // Which predicates rules conclude, and each predicate's facts: what guards are
        // made of (see the `ground` module).
        let mut concluded = vec![false; program.predicates().len()];
        for rule in program.rules() {
            for c in &rule.conclusions {
                concluded[c.pred.index()] = true;
            }
        }
        let mut facts_of: Vec<Vec<usize>> = vec![Vec::new(); program.predicates().len()];
        for (i, f) in program.facts().iter().enumerate() {
            facts_of[f.atom.pred.index()].push(i);
        }
        let mut strata = Vec::new();
        for stratum in program.strata() {
            let mut preds: Vec<PredId> = Vec::new();
            for &(r, c) in stratum {
                let pred = program.rule(r).conclusions[c].pred;
                if !preds.contains(&pred) {
                    preds.push(pred);
                }
            }
            let slot = |pred: PredId| preds.iter().position(|&q| q == pred);
            let mut clauses = Vec::with_capacity(stratum.len());
            let mut instantiations = Vec::new();
            for &(r, c) in stratum {
                let rule = program.rule(r);
                let nvars = rule.vars.len();
                let recursive = rule
                    .premises
                    .iter()
                    .any(|p| !p.negated && slot(p.atom.pred).is_some());
                let guard = (nvars > 0 && recursive)
                    .then(|| ground::guard(program, r, &concluded, |p| slot(p).is_some()))
                    .flatten();
                if let Some(g) = guard {
                    let atom = &rule.premises[g].atom;
                    let (mut envs, mut levels) = (Vec::new(), Vec::new());
                    for &f in &facts_of[atom.pred.index()] {
                        let fact = &program.facts()[f];
                        if let Some(env) = ground::bind(atom, &fact.atom.args, nvars) {
                            envs.extend(env);
                            levels.push(fact.level);
                        }
                    }
                    instantiations.push(Instantiation {
                        clause: clauses.len(),
                        premise: g,
                        guard: atom.pred,
                        nvars,
                        envs,
                        levels,
                    });
                }
                let lists = if guard.is_some() {
                    &mut fallback_cols
                } else {
                    &mut index_cols
                };
                let mut deltas = Vec::new();
                for (i, prem) in rule.premises.iter().enumerate().filter(|(_, p)| !p.negated) {
                    if let Some(s) = slot(prem.atom.pred) {
                        let plan = (nvars > 0).then(|| {
                            plan::plan(&rule.premises, nvars, Vec::new(), Some(i), |p, c| {
                                want(lists, p, c)
                            })
                        });
                        deltas.push(DeltaPlan {
                            slot: s,
                            premise: i,
                            plan: plan.map(Box::new),
                        });
                    }
                }
                let full = (deltas.is_empty() && nvars > 0).then(|| {
                    plan::plan(&rule.premises, nvars, Vec::new(), None, |p, c| {
                        want(&mut index_cols, p, c)
                    })
                });
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
                    full: full.map(Box::new),
                    deltas,
                });
            }
            strata.push(Stratum::new(program, preds, clauses, instantiations));
        }
        let mut conflicts: Vec<Plan> = program
            .conflicts()
            .iter()
            .map(|c| {
                plan::plan(&c.premises, c.vars.len(), Vec::new(), None, |p, cols| {
                    want(&mut index_cols, p, cols)
                })
            })
            .collect();
        for (fallback, always) in fallback_cols.iter_mut().zip(&index_cols) {
            fallback.retain(|c| !always.contains(c));
        }
        // Where each plan's index sits in its relation: the indexes every run builds come
        // first, then those a fallback run adds (see `run_with`).
        let position = |step: &plan::Step| {
            let (always, fallback) = (
                &index_cols[step.pred.index()],
                &fallback_cols[step.pred.index()],
            );
            always
                .iter()
                .position(|c| *c == step.index_cols)
                .or_else(|| {
                    let at = fallback.iter().position(|c| *c == step.index_cols)?;
                    Some(always.len() + at)
                })
        };
        let plans = strata.iter_mut().flat_map(|s: &mut Stratum| {
            s.clauses.iter_mut().flat_map(|c| {
                c.full
                    .as_deref_mut()
                    .into_iter()
                    .chain(c.deltas.iter_mut().filter_map(|d| d.plan.as_deref_mut()))
            })
        });
        for plan in plans.chain(conflicts.iter_mut()) {
            for step in &mut plan.steps {
                step.index = position(step);
            }
        }
        let guards = strata
            .iter()
            .flat_map(|s: &Stratum| s.instances.iter().map(|i| i.guard))
            .collect();
        let levels = Levels::None
            .with(program.rules().iter().map(|r| r.level))
            .with(program.facts().iter().map(|f| f.level));
        let negates = program
            .rules()
            .iter()
            .any(|r| r.premises.iter().any(|p| p.negated));
        let fact_counts = facts_of.iter().map(Vec::len).collect();
        Engine {
            program,
            strata,
            conflicts,
            index_cols,
            fallback_cols,
            guards,
            levels,
            negates,
            fact_counts,
        }
    }

    /// The one likelihood every tuple of a run holds at, when carrying one height per
    /// tuple instead of eight ([`eval::Run::uniform`]) is exact, given the likelihoods of the
    /// run's own leaves (assumptions and hypotheses).
    ///
    /// Exact when every rule, fact and leaf has one likelihood `u`, and either no rule has
    /// a `not` premise or `not` can only ever weigh `u` or more. By induction over the
    /// strata, every atom then holds at exactly `u`: a positive premise is at `u`, and a
    /// `not X` step is `certain` (X absent), fails (X certain: `u` is certain), or is the
    /// mirror of `u` (X holds, at `u`). The weakest link is `u` unless that mirror is below
    /// `u`, which happens exactly when `u` is above `even_chance` and below `certain`
    /// (`not X` of a `likely` X is `unlikely`); such a run takes full profiles.
    fn uniform(&self, leaves: impl IntoIterator<Item = Likelihood>) -> Option<Likelihood> {
        let u = self.levels.with(leaves).one()?;
        let exact = !self.negates || u.negated().is_none_or(|m| m >= u);
        exact.then_some(u)
    }

    /// The program this engine evaluates.
    pub fn program(&self) -> &'p Program {
        self.program
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
                // An atom that can hold in no scenario is refused: it holds nowhere.
                let atom = analysis.atom(a).ok();
                atom.and_then(|atom| model.likelihood(&atom))
            })
            .collect()
    }

    /// Rules kept as data: `r2` facts are the rules, instantiated from their guard.
    const AS_DATA: &str = "fact a t\nfact b t\nfact r2(c, a, b)\nfact r2(d, c, e)\n\
                           fact r1(e, c) [likely]\nfact r1(f, g)\n\
                           rule r1: r1(?h, ?a) and ?a t implies ?h t\n\
                           rule r2: r2(?h, ?a, ?b) and ?a t and ?b t implies ?h t\n";

    #[test]
    fn rules_kept_as_data_run_from_their_instances() {
        let atoms = ["c t", "e t", "d t", "f t"];
        let likely = Some(Likelihood::Likely);
        let expected = [Some(Likelihood::Certain), likely, likely, None];
        assert_eq!(likelihoods(AS_DATA, &atoms), expected);
        // The same network written out as ground rules.
        let written = "fact a t\nfact b t\n\
                       rule g1: a t and b t implies c t\n\
                       rule g2: c t and e t implies d t\n\
                       rule g3: c t implies e t [likely]\n";
        assert_eq!(likelihoods(written, &atoms), expected);
    }

    #[test]
    fn a_run_that_changes_a_guard_evaluates_the_rule_itself() {
        // Assuming a guard atom, or forbidding one, makes the facts not the whole guard.
        let added = format!("{AS_DATA}assume r1(g, a)\n");
        assert_eq!(
            likelihoods(&added, &["g t", "f t"]),
            [Some(Likelihood::Certain), Some(Likelihood::Certain)]
        );
        let removed = format!("{AS_DATA}assume not r2(c, a, b)\n");
        assert_eq!(
            likelihoods(&removed, &["c t", "d t", "e t"]),
            [None, None, None]
        );
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
    fn not_has_the_mirrored_likelihood_of_its_atom() {
        // Ground, with variables, and instantiated from a guard: each way a rule runs.
        let rules = [
            "rule r: a t and not a n implies a c",
            "rule r: ?s t and not ?s n implies ?s c",
            // Recursive, with a guard `g` made only of facts: run as ground instances.
            "rule r: g(?s, ?p) and ?p c and not ?s n implies ?s c\nfact g(a, b)\nfact b c",
        ];
        for rule in rules {
            for x in Likelihood::ALL {
                let text = format!("fact a t\nfact a n [{x}]\n{rule}\n");
                assert_eq!(likelihoods(&text, &["a c"]), [x.negated()], "{x}: {rule}");
            }
            // X absent: `not X` is certain.
            let text = format!("fact a t\n{rule}\n");
            assert_eq!(likelihoods(&text, &["a c"]), [Some(Likelihood::Certain)]);
        }
    }

    #[test]
    fn not_is_a_premise_like_any_other_for_the_weakest_link() {
        // min(rule very_likely, a likely, not-x almost_certain) is likely; and the `not`
        // of an almost_no_chance conclusion (the weakness of its rule) is almost_certain.
        let text = "fact a t [likely]\nfact x n [almost_no_chance]\n\
                    rule r: a t and not x n implies c u [very_likely]\n\
                    rule s: a t implies y q [almost_no_chance]\n\
                    rule u: not y q implies d w\n";
        assert_eq!(
            likelihoods(text, &["c u", "d w"]),
            [Some(Likelihood::Likely), Some(Likelihood::AlmostCertain)]
        );
    }

    #[test]
    fn a_forbidden_atom_makes_its_not_certain() {
        let text = "fact a t\nfact x n [likely]\nrule r: a t and not x n implies c u\n\
                    assume not x n\n";
        assert_eq!(likelihoods(text, &["c u"]), [Some(Likelihood::Certain)]);
    }

    #[test]
    fn conflicts_weigh_their_not_premises() {
        let text = "fact a t\nfact x n [unlikely]\nconflict k { when a t and not x n }\n";
        let analysis = Analysis::parse("t.augur", text).expect("the program checks");
        let model = analysis
            .run("default", &super::Options::default())
            .expect("it runs");
        let levels: Vec<Likelihood> = model.conflicts().iter().map(|c| c.likelihood).collect();
        assert_eq!(levels, [Likelihood::Likely]);
    }

    #[test]
    fn an_open_question_arises_under_a_not_of_a_merely_unlikely_atom() {
        let text = "assumable venezuela escalates\nassumable us withdraws\n\
                    assumable trump reacts_to escalation\n\
                    open trump reacts_to escalation when venezuela escalates and not us withdraws\n\
                    scenario doubt { assume venezuela escalates\n assume us withdraws [unlikely] }\n\
                    scenario sure { assume venezuela escalates\n assume us withdraws }\n";
        let analysis = Analysis::parse("t.augur", text).expect("the program checks");
        let atom = analysis
            .atom("trump reacts_to escalation")
            .expect("it can hold");
        let open = |scenario: &str| {
            let model = analysis
                .run(scenario, &super::Options::default())
                .expect("it runs");
            model.is_open(&atom).is_some()
        };
        assert!(
            open("doubt"),
            "`not us withdraws` is likely: the question arises"
        );
        assert!(!open("sure"), "`not us withdraws` fails: it does not");
    }

    /// The one-height fast path is exact only where `not` cannot weigh below the run's
    /// one likelihood: with every rule and fact `likely`, the `not` of a likely atom is
    /// `unlikely`, so `c u` is unlikely, which one height per tuple cannot carry.
    #[test]
    fn the_uniform_fast_path_is_left_when_not_would_weaken() {
        for (level, want) in [
            (Likelihood::Likely, Some(Likelihood::Unlikely)),
            (Likelihood::VeryLikely, Some(Likelihood::VeryUnlikely)),
            (Likelihood::EvenChance, Some(Likelihood::EvenChance)),
            (Likelihood::Unlikely, Some(Likelihood::Unlikely)),
            (Likelihood::Certain, None),
        ] {
            let text = format!(
                "fact a t [{level}]\nfact b t [{level}]\nrule r0: b t implies x n [{level}]\n\
                 rule r1: a t and not x n implies c u [{level}]\n\
                 rule r2: c u implies d q [{level}]\n"
            );
            let analysis = Analysis::parse("t.augur", &text).expect("the program checks");
            let engine = super::Engine::new(analysis.program());
            let exact = level.negated().is_none_or(|m| m >= level);
            assert_eq!(engine.uniform([]), exact.then_some(level), "{level}");
            assert_eq!(likelihoods(&text, &["c u", "d q"]), [want, want], "{level}");
        }
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

    /// One verb (`is`) concluded in several strata: the rules run in layers by atom, and a
    /// `not` reads only atoms that lower layers have finished.
    const LAYERED: &str = "assumable government faces fiscal_pressure\n\
                           fact housing_starts fall\n\
                           rule a: government faces fiscal_pressure implies subsidy_funding is blocked\n\
                           rule b: housing_starts fall and not subsidy_funding is blocked implies construction is exposed\n\
                           rule c: construction is exposed implies lenders is cautious [likely]\n\
                           rule d: lenders is cautious and housing_starts fall implies credit is tight\n\
                           rule e: credit is tight and not subsidy_funding is blocked and not buyers is absent implies prices is falling\n";

    #[test]
    fn a_predicate_concluded_in_several_strata_evaluates_layer_by_layer() {
        let likely = Some(Likelihood::Likely);
        let atoms = [
            "construction is exposed",
            "lenders is cautious",
            "credit is tight",
            "prices is falling",
        ];
        assert_eq!(
            likelihoods(LAYERED, &atoms),
            [Some(Likelihood::Certain), likely, likely, likely]
        );
        let blocked = format!("{LAYERED}assume government faces fiscal_pressure\n");
        assert_eq!(likelihoods(&blocked, &atoms), [None, None, None, None]);
        assert_eq!(
            likelihoods(&blocked, &["subsidy_funding is blocked"]),
            [Some(Likelihood::Certain)]
        );
    }

    #[test]
    fn rules_with_variables_share_a_predicate_across_strata() {
        // `reached` is recursive in the lowest layer; `gate is closed` comes from it, and
        // `door is ajar` reads its absence a layer up, beside ground rules of the same verb.
        let text = "fact start(a)\nfact edge(a, b)\nfact edge(b, c)\n\
                    rule base: start(?x) implies ?x is reached\n\
                    rule step: ?x is reached and edge(?x, ?y) implies ?y is reached\n\
                    rule shut: c is reached implies gate is closed\n\
                    rule door: a is reached and not gate is closed implies door is ajar\n\
                    rule hall: a is reached and not door is ajar implies hall is lit\n";
        assert_eq!(
            likelihoods(
                text,
                &[
                    "c is reached",
                    "gate is closed",
                    "door is ajar",
                    "hall is lit"
                ]
            ),
            [
                Some(Likelihood::Certain),
                Some(Likelihood::Certain),
                None,
                Some(Likelihood::Certain)
            ]
        );
        let no_path = text.replace("fact edge(b, c)\n", "fact edge(b, d)\n");
        assert_eq!(
            likelihoods(&no_path, &["door is ajar", "hall is lit"]),
            [Some(Likelihood::Certain), None]
        );
        let analysis = Analysis::parse("t.augur", text).expect("checks");
        let strata = &analysis.program().strata();
        assert_eq!(strata.len(), 3, "{strata:?}");
    }
}
