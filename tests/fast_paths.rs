//! The engine's fast paths against the reference evaluator (tests/common/reference.rs), in
//! every scenario: rules kept as data (recursive rules run as one ground instance per fact
//! of their guard, and by joins in a run that assumes or forbids an atom of the guard's
//! predicate), ground rules counted instead of joined, and the one-height evaluation of a
//! run whose rules and leaves share one likelihood. Each program comes with scenarios that
//! assume guard facts and other guard atoms at every likelihood, forbid them (`assume not`),
//! withdraw them (a sibling scenario without the line), and override them through
//! `extends` (see `tests/common/fast.rs`).

use augur::engine::Options;
use augur::program::WhatIf;
use augur::{Analysis, Likelihood};
use proptest::prelude::*;

mod common;
#[path = "common/fast.rs"]
mod fast;
#[path = "common/reference.rs"]
mod reference;
use common::programs::{Atom, Change, Prog, R, T, all_atoms, ground_text};
use fast::*;
use reference::{check_against_reference, check_model};

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

    #[test]
    fn a_what_if_run_equals_its_scenario_written_as_text(
        p in prop_oneof![
            arb_guard_prog(),
            arb_uniform_guard_prog(),
            arb_counted_prog(),
            arb_uniform_counted_prog(),
        ],
        scenario in 0usize..4,
        seed in any::<u64>(),
    ) {
        check_what_if(&p, scenario, &random_change(&p, scenario, seed))?;
    }
}

/// A what-if run of scenario `i` of `p` (on the engine planned once, for the program with
/// the written scenario in it) against the same change written as text: scenario `s4`,
/// `i`'s effective lines without those about a changed atom, and `s5` extending it with
/// the added and forbidden atoms' lines. Every atom has the same likelihood and a proof of
/// the same likelihood and height in both; and the what-if's model is checked against the
/// reference like any run, its proofs showing added atoms as hypotheses.
fn check_what_if(p: &Prog, i: usize, change: &Change) -> Result<(), TestCaseError> {
    let fail = |e: &dyn std::fmt::Debug| TestCaseError::fail(format!("{e:?}"));
    let (kept, child) = change.written(&p.effective_lines(i));
    let mut written = p.clone();
    let at = p.scenarios.len();
    written.scenarios.extend([kept, child]);
    written.parents.extend([None, Some(at)]);
    let text = written.text_with_scenarios();
    let context = format!("what-if {change:?} of s{i} against s{} of\n{text}", at + 1);
    let analysis = Analysis::parse("gen.augur", &text).map_err(|e| fail(&e))?;
    // Added and forbidden atoms are written in `s5`, so they resolve; a withdrawn atom that
    // no line or fact names may hold a constant the program lacks: withdrawing it is a no-op.
    let resolve = |atom: &Atom| analysis.hypothesis(&ground_text(atom));
    let mut what_if = WhatIf::default();
    for (atom, level) in &change.added {
        what_if = what_if.add(
            resolve(atom).map_err(|e| fail(&e))?,
            Likelihood::ALL[*level],
        );
    }
    for atom in &change.forbidden {
        what_if = what_if.forbid(resolve(atom).map_err(|e| fail(&e))?);
    }
    for atom in &change.withdrawn {
        if let Ok(atom) = resolve(atom) {
            what_if = what_if.withdraw(atom);
        }
    }
    let engine = analysis.engine();
    let options = Options::default();
    let scenario = |name: String| analysis.scenario(&name).map_err(|e| fail(&e));
    let got = engine
        .what_if(scenario(format!("s{i}"))?, &what_if, &options)
        .map_err(|e| fail(&e))?;
    let want = engine
        .run(scenario(format!("s{}", at + 1))?, &options)
        .map_err(|e| fail(&e))?;
    for atom in all_atoms(p) {
        let Ok(atom) = analysis.atom(&ground_text(&atom)) else {
            continue;
        };
        prop_assert_eq!(got.likelihood(&atom), want.likelihood(&atom), "{}", context);
        let proof = |model| augur::explain::why(model, &atom).map(|p| (p.likelihood, p.height));
        prop_assert_eq!(proof(&got), proof(&want), "proof in {}", context);
    }
    let (view, blocked) = written.scenario_view(&written.effective_lines(at + 1));
    check_model(&view, &analysis, &got, &blocked, Some(change), &context)
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

/// An atom a what-if forbids is forbidden in proofs, as when the scenario says so: a `not`
/// premise on it names the intervention, it is not shown absent.
#[test]
fn a_what_if_forbidden_atom_is_shown_forbidden() {
    use augur::explain::By;
    let text = "fact a t\nfact x n [likely]\nrule r: a t and not x n implies c u\n";
    let analysis = Analysis::parse("t.augur", text).expect("it checks");
    let engine = analysis.engine();
    let x = analysis.atom("x n").expect("x n can hold");
    let default = analysis.scenario("default").expect("a default scenario");
    let model = engine
        .what_if(default, &WhatIf::default().forbid(x), &Options::default())
        .expect("it runs");
    let c = analysis.atom("c u").expect("c u can hold");
    let proof = augur::explain::why(&model, &c).expect("c u holds");
    assert_eq!(proof.likelihood, Likelihood::Certain);
    assert!(
        matches!(proof.premises[1].by, By::Forbidden { .. }),
        "{:?}",
        proof.premises[1].by
    );
}
