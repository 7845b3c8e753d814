//! What-if runs held to the model's limits, and the order of combinations.

use super::*;
use crate::Analysis;
use crate::engine::{Engine, Options};

/// `goal q` needs `trigger p` and `other p`; `trigger p` also starts a closure over a
/// 30-edge chain (465 atoms).
fn closure() -> Analysis {
    let mut text = String::from(
        "assumable trigger p\nassumable other p\n\
         rule tc0: trigger p and ?x e ?y implies ?x path ?y\n\
         rule tc: ?x path ?y and ?y e ?z implies ?x path ?z\n\
         rule want: trigger p and other p implies goal q\n",
    );
    for i in 0..30 {
        text.push_str(&format!("fact n{i} e n{}\n", i + 1));
    }
    Analysis::parse("tc.augur", &text).expect("it checks")
}

#[test]
fn what_if_runs_are_held_to_the_models_limits() {
    let analysis = closure();
    let atom = analysis.atom("goal q").expect("it can hold");
    for (max_derived, stopped, misses) in [(10_000, 0, 1), (100, 2, 0)] {
        let options = Options {
            max_derived,
            ..Options::default()
        };
        let model = analysis.run("default", &options).expect("it runs");
        let answer = why_not(&model, &atom, &Bounds::default());
        // Size 1: {trigger} (stopped or not), {other}; size 2: {trigger, other}.
        assert_eq!(answer.miss_search.runs, 3);
        assert_eq!(
            answer.miss_search.stopped, stopped,
            "--max-derived {max_derived}"
        );
        assert_eq!(answer.nearest_misses.len(), misses);
    }
}

#[test]
fn what_if_runs_use_the_engine_given() {
    let (analysis, other) = (closure(), closure());
    let atom = analysis.atom("goal q").expect("it can hold");
    let engine = Engine::new(analysis.program());
    let default = analysis.scenario("default").expect("it exists");
    let model = engine.run(default, &Options::default()).expect("it runs");
    let outcome = |answer: WhyNot<'_>| {
        let search = answer.miss_search;
        (search.runs, search.stopped, answer.nearest_misses.len())
    };
    let answer = why_not_with(&engine, &model, &atom, &Bounds::default());
    assert_eq!(outcome(answer), (3, 0, 1));
    // An engine of another program runs nothing for this model: each run is stopped.
    let foreign = Engine::new(other.program());
    let answer = why_not_with(&foreign, &model, &atom, &Bounds::default());
    assert_eq!(outcome(answer), (3, 3, 0));
}

#[test]
fn a_what_if_model_is_explained_from_its_own_inputs() {
    let analysis = closure();
    let atom = |text: &str| analysis.atom(text).expect("it can hold");
    let engine = Engine::new(analysis.program());
    let default = analysis.scenario("default").expect("it exists");
    let explain = |change: &crate::program::WhatIf| {
        let model = engine
            .what_if(default, change, &Options::default())
            .expect("it runs");
        let answer = why_not_with(&engine, &model, &atom("goal q"), &Bounds::default());
        let premise = answer.tree.rules[0].premises[0].clone();
        let misses = answer.nearest_misses.clone();
        (premise, misses)
    };
    // With `other p` added by the what-if, `trigger p` alone is the nearest miss: the
    // what-if runs start from the model's inputs, not from the scenario as written.
    let added = crate::program::WhatIf::default().add(atom("other p"), Likelihood::Certain);
    let (_, misses) = explain(&added);
    assert_eq!(misses, vec![vec!["trigger p".to_owned()]]);
    // With `trigger p` forbidden by the what-if, nothing reaches the goal, and the tree says
    // what blocks it.
    let forbidden = crate::program::WhatIf::default().forbid(atom("trigger p"));
    let (premise, misses) = explain(&forbidden);
    assert!(misses.is_empty());
    assert_eq!(premise.status, Status::Blocked);
    assert_eq!(
        premise.note.as_deref(),
        Some("blocked by the what-if run: `not trigger p`")
    );
}
