//! Hostile input: random bytes, random language tokens, truncated files, generated programs
//! and deep or long input never panic or hang: each text is checked, every scenario run
//! under a small `--max-derived`, and `why`, all proofs and `why-not` asked about its atoms,
//! `diff` taken between its scenarios and its tests run (tests/common/exercise.rs, which the
//! fuzz targets share). Each case must finish within [`HANG`]: a generous bound that only a
//! hang or a blow-up misses, never a measure of speed.

use std::sync::mpsc;
use std::time::Duration;

use augur::Analysis;
use augur::engine::Options;
use proptest::prelude::*;

mod common;
use common::exercise;
use common::programs::arb_prog;

const DESIGN: &str = include_str!("data/design.augur");

/// Far beyond what any case takes on a loaded machine (milliseconds): only a hang misses it.
const HANG: Duration = Duration::from_secs(60);

/// Runs `work` on a thread and fails when it does not finish within [`HANG`]; a panic on
/// the thread is the test's panic.
fn bounded(what: &str, work: impl FnOnce() + Send + 'static) {
    bounded_by(HANG, what, work);
}

fn bounded_by(limit: Duration, what: &str, work: impl FnOnce() + Send + 'static) {
    let (done, finished) = mpsc::channel();
    let handle = std::thread::spawn(move || {
        work();
        let _ = done.send(());
    });
    match finished.recv_timeout(limit) {
        Ok(()) => {}
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            if let Err(panic) = handle.join() {
                let message = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                panic!("{message}\nwhile {what}");
            }
        }
        Err(mpsc::RecvTimeoutError::Timeout) => {
            panic!("{what} did not finish within {limit:?}: a hang")
        }
    }
}

/// Checks, runs and explains `text`, within the time bound.
fn load(text: String) {
    let shown: String = text.chars().take(2_000).collect();
    bounded(&format!("exercising\n{shown}"), move || {
        exercise::all(&text)
    });
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        load(String::from_utf8_lossy(&bytes).into_owned());
    }

    #[test]
    fn random_language_tokens_never_panic(words in prop::collection::vec(
        prop::sample::select(vec!["rule", "fact", "when", "then", "and", "not", "implies", "{", "}", "(", ")", ",", ":",
            "[", "]", "likely", "?x", "a", "b", "p", "\"q\"", "2017", "scenario", "test", "in", "expect", "assume",
            "assumable", "conflict", "cite", "document", "extends", "at", "least", "open", "\n", "#"]), 0..80)) {
        load(words.join(" "));
    }

    #[test]
    fn every_truncation_of_the_example_is_handled(cut in 0..DESIGN.len()) {
        if let Some(prefix) = DESIGN.get(..cut) {
            load(prefix.to_owned());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// Programs that check, with scenarios, `extends`, `assume not` and negation: every
    /// explaining command on every atom.
    #[test]
    fn generated_programs_are_explained(p in arb_prog()) {
        load(p.text_with_scenarios());
    }
}

/// The time bound itself bites: a case that never finishes fails the test.
#[test]
#[should_panic(expected = "a hang")]
fn a_hang_is_caught() {
    bounded_by(Duration::from_millis(50), "sleeping", || {
        std::thread::sleep(Duration::from_secs(5))
    });
}

#[test]
fn long_and_deep_input_is_fine() {
    let premises = vec!["a p"; 20_000].join(" and ");
    load(format!("fact a p\nrule big: {premises} implies b q\n"));
    load("(".repeat(100_000));
    load("rule r { when ".repeat(10_000));
    load(format!("fact a {}", "x".repeat(1_000_000)));
    let chain: String = (0..5_000)
        .map(|i| format!("rule r{i}: a p{i} implies a p{}\n", i + 1))
        .collect();
    let text = format!("fact a p0\n{chain}");
    load(text.clone());
    bounded("a 5,000-step proof", move || {
        let analysis = Analysis::parse("chain.augur", &text).unwrap();
        let model = analysis.run("default", &Options::default()).unwrap();
        let atom = analysis.atom("a p5000").unwrap();
        let proof = augur::explain::why(&model, &atom).unwrap();
        assert_eq!(proof.atom_text(), "a p5000");
        let json = serde_json::to_string(&proof).unwrap();
        assert!(
            json.contains("\"folded\":true"),
            "a 5,000-step proof is folded, not overflowed"
        );
    });
}
