//! The snapshot-writing path: every scenario of a generated program blessed into a fresh
//! directory reads back as rendered, compares the same, and leaves no temporary file.
#![no_main]

use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = augur_fuzz::program(&mut Unstructured::new(data)) else {
        return;
    };
    let Some(analysis) = augur_fuzz::check(&text) else {
        return;
    };
    let models = augur_fuzz::run(&analysis);
    let dir = std::env::temp_dir().join(format!("augur-fuzz-snapshot-{}", std::process::id()));
    augur_fuzz::snapshots(&models, &dir);
    let _ = std::fs::remove_dir_all(&dir);
});
