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
mod compile;
mod conflicts;
pub mod error;
mod eval;
mod ground;
mod join;
mod model;
mod open;
pub(crate) mod plan;
mod relation;
mod run;
mod spare;

pub use budget::{parse_duration, show_duration};
pub use error::{Counted, EngineError};
pub use model::{Conclusion, ConflictMatch, Derivation, Model};
pub use relation::{Heights, INF, Leaf, Relation, TupleId};

use std::time::{Duration, Instant};

use crate::likelihood::Likelihood;
use crate::program::Program;
use compile::catalogue::{Catalogue, Indexes};
use compile::guard::Facts;
use compile::stratum::{Clause, Stratum};
use ground::Network;
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

/// A program compiled for evaluation: join plans and the indexes they need. Build it once,
/// then [`Engine::run`] any number of scenarios (in parallel if you like: it is `Sync`).
#[derive(Debug)]
pub struct Engine<'p> {
    program: &'p Program,
    strata: Vec<Stratum>,
    conflicts: Vec<Plan>,
    /// The indexes each run builds.
    indexes: Indexes,
    /// The likelihoods of every rule and fact.
    levels: Levels,
    /// Whether some rule has a `not` premise (see [`Engine::uniform`]).
    negates: bool,
    /// Buffers of dropped models, for the next runs.
    spare: std::sync::Arc<spare::Spare>,
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
    /// Plans every rule and conflict of `program`: the compile stages (index catalogue,
    /// per-stratum compile, guard instantiation), in order.
    pub fn new(program: &'p Program) -> Self {
        Engine::with_network_limit(program, Network::LIMIT)
    }

    /// [`Engine::new`], with each stratum's counted network held to `limit` words (a test
    /// gives a small one, so that clauses run by joins instead).
    fn with_network_limit(program: &'p Program, limit: usize) -> Self {
        let facts = Facts::new(program);
        let mut catalogue = Catalogue::new(program.predicates().len());
        let mut strata: Vec<Stratum> = program
            .strata()
            .iter()
            .map(|s| {
                let network = Network::with_limit(limit);
                compile::stratum::compile(program, s, &facts, &mut catalogue, network)
            })
            .collect();
        let mut conflicts = compile::conflicts(program, &mut catalogue);
        let guards = strata
            .iter()
            .flat_map(|s| s.instances().iter().map(|i| i.guard))
            .collect();
        let plans = strata.iter_mut().flat_map(Stratum::plans_mut);
        let indexes = catalogue.seal(program, guards, plans.chain(conflicts.iter_mut()));
        let levels = Levels::None
            .with(program.rules().iter().map(|r| r.level))
            .with(program.facts().iter().map(|f| f.level));
        let negates = program
            .rules()
            .iter()
            .any(|r| r.premises.iter().any(|p| p.negated));
        Engine {
            program,
            strata,
            conflicts,
            indexes,
            levels,
            negates,
            spare: std::sync::Arc::default(),
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
mod tests;
