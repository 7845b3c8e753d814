//! The evaluation's limits: derived atoms, compaction, and the time budget.

use std::time::Duration;

use super::pending::MIN_COMPACT;
use crate::Analysis;
use crate::engine::{Counted, EngineError, Options};

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

#[test]
fn blocked_atoms_are_found_by_a_borrowed_row() {
    use super::Blocked;
    use crate::program::{PredId, SymbolId};
    let atom = |p: u32, row: &[u32]| (PredId(p), row.iter().map(|&s| SymbolId(s)).collect());
    let blocked = Blocked::new([
        atom(2, &[1, 5]),
        atom(0, &[3]),
        atom(2, &[1, 4]),
        atom(0, &[3]),
    ]);
    assert!(!blocked.is_empty());
    let holds = |p: u32, row: &[u32]| {
        let row: Vec<SymbolId> = row.iter().map(|&s| SymbolId(s)).collect();
        blocked.holds(PredId(p), &row)
    };
    assert!(holds(2, &[1, 5]) && holds(2, &[1, 4]) && holds(0, &[3]));
    assert!(!holds(2, &[1, 6]) && !holds(0, &[4]) && !holds(1, &[3]) && !holds(2, &[5, 1]));
    assert!(blocked.contains(&atom(2, &[1, 4])));
    assert!(Blocked::new([]).is_empty());
}
