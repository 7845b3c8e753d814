//! `augur prob` on any text that checks: every scenario run under small budgets, then the
//! exact probability of its conclusions and of atoms of its rules, with the properties
//! each keeps (tests/common/exercise.rs).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Some(analysis) = augur_fuzz::check(&text) {
        let models = augur_fuzz::run(&analysis);
        augur_fuzz::prob(&analysis, &models);
    }
});
