//! Buffers a run's model gives back when it is dropped, so that the engine's next run
//! reuses their memory instead of allocating every relation, index and table anew. A
//! what-if run on a hand-written rule base holds a hundred atoms or so: there, allocating
//! and freeing the relations was half of a run's instructions.
//!
//! What comes back is emptied ([`Relation::clear`]) before reuse, and a cleared relation
//! behaves exactly as a new one with the same index columns; so reuse never changes a
//! result, only where the memory comes from.

use std::sync::{Arc, Mutex};

use super::RuleStats;
use super::relation::Relation;

/// The buffers of one run: a relation per predicate and a counter per rule.
#[derive(Debug)]
pub(super) struct Buffers {
    /// By predicate.
    pub relations: Vec<Relation>,
    /// By rule.
    pub stats: Vec<RuleStats>,
    /// Whether the relations carry the fallback indexes too (see
    /// [`super::compile::catalogue::Indexes`]): a run reuses only buffers of its own kind.
    pub fallback: bool,
}

/// An engine's spare buffers, shared with the models it returns.
///
/// Bounds, so that keeping buffers never holds much memory a caller thought freed:
/// 1. at most [`Spare::SETS`] sets are kept (enough for one per thread of a parallel run);
/// 2. only sets whose relations held at most [`Spare::TUPLES`] tuples in all come back:
///    a larger run spends its time evaluating, not allocating, and its memory is freed
///    when its model is dropped, as before.
#[derive(Debug, Default)]
pub(super) struct Spare {
    sets: Mutex<Vec<Buffers>>,
}

impl Spare {
    /// Bound 1.
    const SETS: usize = 8;
    /// Bound 2.
    const TUPLES: usize = 1 << 14;

    /// A kept set of the given kind, emptied, if there is one.
    pub fn take(&self, fallback: bool) -> Option<Buffers> {
        // A poisoned lock only means a thread panicked while pushing or popping a set:
        // allocating afresh is always correct.
        let mut sets = self.sets.lock().ok()?;
        let at = sets.iter().rposition(|b| b.fallback == fallback)?;
        let mut set = sets.swap_remove(at);
        drop(sets);
        set.relations.iter_mut().for_each(Relation::clear);
        set.stats.fill(RuleStats::default());
        Some(set)
    }

    /// Keeps `set` for a later run, within the bounds.
    pub fn give(&self, set: Buffers) {
        let tuples: usize = set.relations.iter().map(Relation::len).sum();
        if tuples > Self::TUPLES {
            return; // Bound 2.
        }
        if let Ok(mut sets) = self.sets.lock()
            && sets.len() < Self::SETS
        {
            sets.push(set); // Bound 1.
        }
    }
}

/// Where a model gives its buffers back: the engine's [`Spare`], and the kind of its set.
#[derive(Clone, Debug)]
pub(super) struct Return {
    pub spare: Arc<Spare>,
    pub fallback: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Analysis;
    use crate::engine::{Engine, Options};

    fn kept(engine: &Engine<'_>) -> usize {
        engine.spare.sets.lock().map_or(0, |s| s.len())
    }

    #[test]
    fn a_dropped_model_gives_its_buffers_back_and_the_next_run_takes_them() {
        let text = "fact e(a, b)\nfact e(b, c)\nrule r: e(?x, ?y) implies p(?x, ?y)\n\
                    rule s: p(?x, ?y) and e(?y, ?z) implies p(?x, ?z)\n\
                    scenario one { }\nscenario two { assume e(c, d) }\n";
        let analysis = Analysis::parse("t.augur", text).expect("checks");
        let engine = analysis.engine();
        let options = Options::default();
        let one = analysis.scenario("one").expect("declared");
        let two = analysis.scenario("two").expect("declared");
        let first = engine.run(two, &options).expect("runs");
        let want = (first.conclusions(), first.size());
        assert_eq!(kept(&engine), 0);
        drop(first);
        assert_eq!(kept(&engine), 1);
        // A run of another scenario reuses the set, and its result is the fresh run's.
        let other = engine.run(one, &options).expect("runs");
        assert_eq!(kept(&engine), 0);
        let fresh = analysis.engine().run(one, &options).expect("runs");
        assert_eq!(other.conclusions(), fresh.conclusions());
        drop(other);
        let again = engine.run(two, &options).expect("runs");
        assert_eq!((again.conclusions(), again.size()), want);
    }

    #[test]
    fn big_runs_and_sets_past_the_bound_are_freed() {
        let text: String = (0..Spare::TUPLES + 1)
            .map(|i| format!("fact n(c{i})\n"))
            .collect();
        let analysis = Analysis::parse("t.augur", &text).expect("checks");
        let engine = analysis.engine();
        let default = analysis.scenario("default").expect("implicit");
        drop(engine.run(default, &Options::default()).expect("runs"));
        assert_eq!(kept(&engine), 0, "bound 2");

        let analysis = Analysis::parse("t.augur", "fact n(a)\n").expect("checks");
        let engine = analysis.engine();
        let default = analysis.scenario("default").expect("implicit");
        let models: Vec<_> = (0..Spare::SETS + 3)
            .map(|_| engine.run(default, &Options::default()).expect("runs"))
            .collect();
        drop(models);
        assert_eq!(kept(&engine), Spare::SETS, "bound 1");
    }
}
