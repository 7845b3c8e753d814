//! `augur query PATTERN`: the first line of the input is the pattern, the rest the program
//! it is asked of (when the rest does not check, a small fixed program is asked instead).
#![no_main]

use libfuzzer_sys::fuzz_target;

/// Asked when the input's program does not check: every kind of answer (facts, a rule's
/// conclusions, an open question, a string constant) in two scenarios.
const PROGRAM: &str = r#"
fact china is rival
fact "Lula" leads brazil
fact china invests_in venezuela
assumable us withdraws
rule gap: us withdraws and ?r is rival implies ?r fills_gap_in latam likely
rule invest: china invests_in ?c implies china fills_gap_in ?c very_likely
open us defends guyana when us withdraws
scenario base { assume not us withdraws }
scenario retreat extends base { assume us withdraws }
"#;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (pattern, program) = text.split_once('\n').unwrap_or((&text, ""));
    let analysis = augur_fuzz::check(program)
        .or_else(|| augur_fuzz::check(PROGRAM))
        .unwrap_or_else(|| panic!("the fixed program checks"));
    let models = augur_fuzz::run(&analysis);
    augur_fuzz::query(&analysis, &models, pattern);
});
