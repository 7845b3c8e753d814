//! The engine's fast paths against the reference evaluator (tests/common/reference.rs), in
//! every scenario: rules kept as data (recursive rules run as one ground instance per fact
//! of their guard, and by joins in a run that assumes or forbids an atom of the guard's
//! predicate), ground rules counted instead of joined, and the one-height evaluation of a
//! run whose rules and leaves share one likelihood. Each program comes with scenarios that
//! assume guard facts and other guard atoms at every likelihood, forbid them (`assume not`),
//! withdraw them (a sibling scenario without the line), and override them through
//! `extends` (see `tests/common/fast.rs`).

use proptest::prelude::*;

mod common;
#[path = "common/fast.rs"]
mod fast;
#[path = "common/reference.rs"]
mod reference;
use common::programs::{Atom, Prog, R, T};
use fast::*;
use reference::check_against_reference;

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn rules_kept_as_data_match_the_reference_in_every_scenario(p in arb_guard_prog()) {
        check_against_reference(&p)?;
    }

    #[test]
    fn rules_kept_as_data_at_one_likelihood_match_the_reference(p in arb_uniform_guard_prog()) {
        check_against_reference(&p)?;
    }

    #[test]
    fn counted_ground_rules_match_the_reference_in_every_scenario(p in arb_counted_prog()) {
        check_against_reference(&p)?;
    }

    #[test]
    fn counted_ground_rules_at_one_likelihood_match_the_reference(p in arb_uniform_counted_prog()) {
        check_against_reference(&p)?;
    }
}

/// Whether `rule` runs from its guard's instances, by the conditions docs/LANGUAGE.md
/// gives ("How rules run"): it has variables, is recursive (here: reads its own head's
/// predicate), and has a positive premise of a predicate no rule concludes whose arguments
/// hold every variable.
fn runs_from_a_guard(p: &Prog, rule: &R) -> bool {
    let vars = |args: &[T]| -> Vec<usize> {
        args.iter()
            .filter_map(|t| match t {
                T::V(v) => Some(*v),
                T::C(_) => None,
            })
            .collect()
    };
    let all: Vec<usize> = rule.pos.iter().flat_map(|a| vars(&a.args)).collect();
    let recursive = rule.pos.iter().any(|a| a.pred == rule.head.pred);
    let guarded = rule.pos.iter().any(|a| {
        !p.rules.iter().any(|r| r.head.pred == a.pred)
            && all.iter().all(|v| vars(&a.args).contains(v))
    });
    !all.is_empty() && recursive && guarded
}

/// A ground rule the engine counts: one with a premise in its own component (here: of a
/// predicate of the component `p0`, `p1`, concluding into it).
fn counted(rule: &R) -> bool {
    let component = |pred: usize| pred <= 1;
    component(rule.head.pred) && rule.pos.iter().any(|a| component(a.pred))
}

/// The generators reach what the properties are about: over a few hundred seeds, most
/// guard programs and every counted one have a rule on its fast path, and guard facts, other guard atoms and component
/// atoms are assumed at each of the eight likelihoods, forbidden and withdrawn in some
/// scenario; guard facts come at each likelihood.
#[test]
fn the_generators_reach_every_fast_path_and_every_kind_of_line() {
    // (what, likelihood rank or 8 for a forbidding line or 9 for a withdrawn line)
    let mut seen = std::collections::BTreeSet::new();
    let mut note = |what: &'static str, p: &Prog, atom_of: &dyn Fn(&Atom) -> bool| {
        for (pred, args, level) in &p.facts {
            if atom_of(&(*pred, args.clone())) {
                seen.insert((what, "fact", *level));
            }
        }
        for (i, lines) in p.scenarios.iter().enumerate() {
            for (pred, args, level, negated) in lines {
                let atom = (*pred, args.clone());
                if atom_of(&atom) {
                    seen.insert((what, if *negated { "forbidden" } else { "assumed" }, *level));
                    // `s1` is `s0` without one line.
                    if i == 0 && !p.scenarios[1].iter().any(|l| (l.0, &l.1) == (*pred, args)) {
                        seen.insert((what, "withdrawn", 0));
                    }
                }
            }
        }
    };
    let mut guarded = 0;
    for seed in 0..400 {
        let p = build_guard(seed, None);
        guarded += usize::from(p.rules.iter().any(|r| runs_from_a_guard(&p, r)));
        let facts: Vec<Atom> = p.facts.iter().map(|(q, a, _)| (*q, a.clone())).collect();
        note("guard fact", &p, &|a| {
            facts.contains(a) && GUARDS.contains(&a.0)
        });
        note("guard atom", &p, &|a| {
            !facts.contains(a) && GUARDS.contains(&a.0)
        });
        let p = build_counted(seed, None);
        assert!(p.rules.iter().any(counted), "{}", p.text());
        note("component atom", &p, &|a| a.0 <= 1);
    }
    // A sixth of the programs conclude `p2`, which then guards nothing.
    assert!(
        guarded > 300,
        "{guarded} of 400 programs run rules from a guard"
    );
    for what in ["guard fact", "guard atom", "component atom"] {
        for level in 0..8 {
            assert!(
                seen.contains(&(what, "assumed", level)),
                "{what} assumed at {level}"
            );
        }
        assert!(seen.contains(&(what, "forbidden", 7)), "{what} forbidden");
        assert!(seen.contains(&(what, "withdrawn", 0)), "{what} withdrawn");
    }
    for level in 0..8 {
        assert!(
            seen.contains(&("guard fact", "fact", level)),
            "guard fact at {level}"
        );
    }
}
