//! Hostile input: random bytes, truncated files and deep or long input never panic or hang
//! the parser and checker; they load or fail with diagnostics.

use augur::Analysis;
use augur::engine::Options;
use proptest::prelude::*;

const DESIGN: &str = include_str!("data/design.augur");

fn load(text: &str) {
    if let Ok(a) = Analysis::parse("fuzz.augur", text) {
        let _ = a.run_all(&Options {
            max_derived: 10_000,
            ..Default::default()
        });
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        load(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn random_language_tokens_never_panic(words in prop::collection::vec(
        prop::sample::select(vec!["rule", "fact", "when", "then", "and", "not", "implies", "{", "}", "(", ")", ",", ":",
            "[", "]", "likely", "?x", "a", "b", "p", "\"q\"", "2017", "scenario", "test", "in", "expect", "assume",
            "assumable", "conflict", "cite", "document", "extends", "at", "least", "open", "\n", "#"]), 0..80)) {
        load(&words.join(" "));
    }

    #[test]
    fn every_truncation_of_the_example_is_handled(cut in 0..DESIGN.len()) {
        if let Some(prefix) = DESIGN.get(..cut) {
            load(prefix);
        }
    }
}

#[test]
fn long_and_deep_input_is_fine() {
    let premises = vec!["a p"; 20_000].join(" and ");
    load(&format!("fact a p\nrule big: {premises} implies b q\n"));
    load(&"(".repeat(100_000));
    load(&"rule r { when ".repeat(10_000));
    load(&format!("fact a {}", "x".repeat(1_000_000)));
    let chain: String = (0..5_000)
        .map(|i| format!("rule r{i}: a p{i} implies a p{}\n", i + 1))
        .collect();
    let analysis = Analysis::parse("chain.augur", &format!("fact a p0\n{chain}")).unwrap();
    let model = analysis.run("default", &Options::default()).unwrap();
    let atom = analysis.atom("a p5000").unwrap();
    let proof = augur::explain::why(&model, &atom).unwrap();
    assert_eq!(proof.atom, "a p5000");
    let json = serde_json::to_string(&proof).unwrap();
    assert!(
        json.contains("\"folded\":true"),
        "a 5,000-step proof is folded, not overflowed"
    );
}
