//! Parse and check any text: never a panic; every diagnostic renders (text and valid JSON).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = augur_fuzz::check(&text);
});
