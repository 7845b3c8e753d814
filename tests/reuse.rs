//! Runs on reused buffers: a model gives its relations back to its engine when it is
//! dropped, and the engine's next run clears and reuses them (src/engine/spare.rs). Many
//! runs of one engine, in a random order, each checked against the reference evaluator:
//! a run whose relations, indexes, height pools or leaves kept anything of the run before
//! would differ from it. The programs are the fast paths' (tests/common/fast.rs), so that
//! runs that build the fallback indexes (a scenario assuming or forbidding a guard atom)
//! and runs that do not alternate on one engine.

use augur::Analysis;
use augur::engine::{Model, Options};
use augur::program::WhatIf;
use proptest::prelude::*;

mod common;
#[path = "common/fast.rs"]
#[allow(dead_code, reason = "shared with tests/fast_paths.rs")]
mod fast;
#[path = "common/reference.rs"]
#[allow(dead_code, reason = "shared with tests/fast_paths.rs")]
mod reference;
use common::programs::{Prog, Rng, all_atoms, ground_text};
use fast::*;
use reference::check_model;

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn runs_on_reused_buffers_match_the_reference(
        p in prop_oneof![
            arb_guard_prog(),
            arb_uniform_guard_prog(),
            arb_counted_prog(),
            arb_uniform_counted_prog(),
        ],
        seed in any::<u64>(),
    ) {
        let fail = |e: &dyn std::fmt::Debug| TestCaseError::fail(format!("{e:?}"));
        let text = p.text_with_scenarios();
        let analysis = Analysis::parse("gen.augur", &text).map_err(|e| fail(&e))?;
        let engine = analysis.engine();
        let options = Options::default();
        // Every scenario three times, shuffled: each run but the first few starts from
        // buffers another scenario's run left.
        let mut order: Vec<usize> = (0..p.scenarios.len()).cycle().take(3 * p.scenarios.len()).collect();
        let mut rng = Rng::new(seed);
        for i in (1..order.len()).rev() {
            order.swap(i, rng.below(i + 1));
        }
        for (step, i) in order.into_iter().enumerate() {
            let id = analysis.scenario(&format!("s{i}")).map_err(|e| fail(&e))?;
            // Every other run is a what-if that changes nothing: the same model, by the
            // what-if path.
            let model = match step % 2 {
                0 => engine.run(id, &options),
                _ => engine.what_if(id, &WhatIf::default(), &options),
            }
            .map_err(|e| fail(&e))?;
            let (view, blocked) = p.scenario_view(&p.effective_lines(i));
            let context = format!("run {step}, scenario s{i} of\n{text}");
            check_model(&view, &analysis, &model, &blocked, None, &context)?;
            // And everything a report or a proof shows is the fresh engine's.
            let fresh = analysis.engine().run(id, &options).map_err(|e| fail(&e))?;
            prop_assert_eq!(shown(&analysis, &p, &model), shown(&analysis, &p, &fresh), "{}", context);
        }
    }
}

/// What a model shows: its report, and each atom's proof, as JSON.
fn shown(analysis: &Analysis, p: &Prog, model: &Model<'_>) -> Vec<String> {
    let mut shown = vec![json(&augur::scenario::ScenarioReport::new(model))];
    for atom in all_atoms(p) {
        if let Ok(atom) = analysis.atom(&ground_text(&atom)) {
            shown.push(augur::explain::why(model, &atom).map_or_else(String::new, |p| json(&p)));
        }
    }
    shown
}

fn json(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value).unwrap_or_else(|e| format!("unserializable: {e}"))
}
