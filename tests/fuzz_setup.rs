//! The fuzz set-up stays in step with the language and the docs: the dictionary holds every
//! reserved word, and every target the fuzz crate builds has its source and a row in
//! docs/FUZZING.md. (The targets themselves run under a nightly toolchain: `fuzz/run`.)

use augur::Likelihood;
use augur::syntax::keywords::{CONNECTIVES, ITEM_STARTS};

fn read(path: &str) -> String {
    let full = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
}

#[test]
fn the_dictionary_holds_every_reserved_word() {
    let dict = read("fuzz/augur.dict");
    let entries: Vec<&str> = dict
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .filter_map(|l| l.split_once('=').map(|(_, v)| v.trim_matches('"')))
        .collect();
    let words = ITEM_STARTS
        .iter()
        .chain(&CONNECTIVES)
        .copied()
        .chain(Likelihood::ALL.iter().map(|l| l.keyword()));
    for word in words {
        assert!(
            entries.contains(&word),
            "fuzz/augur.dict lacks the reserved word `{word}`"
        );
    }
}

#[test]
fn every_fuzz_target_has_its_source_and_its_row_in_the_docs() {
    let manifest = read("fuzz/Cargo.toml");
    let docs = read("docs/FUZZING.md");
    let targets: Vec<&str> = manifest
        .split("[[bin]]")
        .skip(1)
        .filter_map(|bin| bin.split("name = \"").nth(1)?.split('"').next())
        .collect();
    assert!(targets.len() >= 6, "fuzz targets: {targets:?}");
    for target in targets {
        read(&format!("fuzz/fuzz_targets/{target}.rs"));
        assert!(
            docs.contains(&format!("| `{target}` |")),
            "docs/FUZZING.md has no row for the fuzz target `{target}`"
        );
    }
}
