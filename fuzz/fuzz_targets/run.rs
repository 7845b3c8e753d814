//! Check and run every scenario of any text under small budgets (`--max-derived`): never a
//! panic, a budget is an error not an abort, and a second run gives the same snapshot.
#![no_main]

use augur::engine::EngineError;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Some(analysis) = augur_fuzz::check(&text) else {
        return;
    };
    let models = augur_fuzz::run(&analysis);
    for model in &models {
        let scenario = &analysis.program().scenarios()[model.scenario().index()].name;
        let again = match analysis.run(scenario, &augur_fuzz::options()) {
            Ok(again) => again,
            // Only the clock may differ between two runs.
            Err(augur::Error::Engine(e)) if matches!(*e, EngineError::Timeout { .. }) => continue,
            Err(e) => panic!("a scenario that ran fails the second time: {e}"),
        };
        assert_eq!(
            augur::scenario::snapshot::render(model),
            augur::scenario::snapshot::render(&again),
            "two runs of one scenario differ"
        );
    }
});
