//! `why`, all proofs, `why-not`, `diff` and the test suite on programs built from the fuzz
//! bytes (`augur_fuzz::program`): almost every input is a program that checks, with
//! scenarios, `extends`, `assume not`, negation, conflicts and open questions.
#![no_main]

use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = augur_fuzz::program(&mut Unstructured::new(data)) {
        augur_fuzz::all(&text);
    }
});
