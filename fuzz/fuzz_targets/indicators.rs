//! `augur indicators` on any text that checks: every scenario run under small budgets, the
//! matrix built from the runs that finished, its cells, spreads and order checked, and
//! rendered as text and JSON (tests/common/exercise.rs).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Some(analysis) = augur_fuzz::check(&text) {
        let models = augur_fuzz::run(&analysis);
        augur_fuzz::indicators(&analysis, &models);
    }
});
