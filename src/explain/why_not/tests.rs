//! What-if runs held to the model's limits, and the order of combinations.

use super::misses::next_combination;
use super::*;
use crate::Analysis;
use crate::engine::Options;

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
fn combinations_in_order() {
    let mut pick = vec![0, 1];
    let mut all = vec![pick.clone()];
    while next_combination(&mut pick, 4) {
        all.push(pick.clone());
    }
    assert_eq!(
        all,
        vec![
            vec![0, 1],
            vec![0, 2],
            vec![0, 3],
            vec![1, 2],
            vec![1, 3],
            vec![2, 3]
        ]
    );
}
