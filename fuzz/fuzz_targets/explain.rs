//! `why`, all proofs, `why-not`, `diff` and the test suite on any text that checks (the
//! corpus holds the shipped rules and the reproductions of past hangs).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    augur_fuzz::all(&String::from_utf8_lossy(data));
});
