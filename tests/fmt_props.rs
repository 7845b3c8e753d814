//! `augur fmt` changes no program: formatting a generated program, written out in a
//! random layout with comments and blank lines, keeps its syntax tree, its diagnostics and
//! every scenario's conclusions; and formatting twice is formatting once, there and on
//! every rule file of the repository.

#![expect(
    clippy::unwrap_used,
    reason = "a test: a program that fails to format, load or run fails it"
)]

mod common;

use augur::engine::Options;
use augur::format::format_source;
use augur::source::SourceFile;
use augur::syntax::limits::DEFAULT_MAX_LINE_BYTES;
use augur::{Analysis, scenario::snapshot};
use common::programs::{Prog, Rng, arb_atom_stratified_prog, arb_prog};
use proptest::prelude::*;

fn fmt(text: &str) -> Result<String, augur::Problems> {
    format_source(&SourceFile::new("t.augur", text), DEFAULT_MAX_LINE_BYTES)
}

/// The syntax tree without its spans (tests/common/exercise.rs); a parse error fails.
fn shape(text: &str) -> String {
    common::exercise::shape(text).unwrap_or_else(|errors| panic!("{errors:?}\n{text}"))
}

/// What the program means: every scenario's conclusions, and its diagnostics without
/// their places.
fn meaning(text: &str) -> Vec<String> {
    let analysis = Analysis::parse("t.augur", text).unwrap_or_else(|e| panic!("{e:?}\n{text}"));
    let mut out: Vec<String> = analysis.warnings().iter().map(|w| format!("{w}")).collect();
    for model in analysis.run_all(&Options::default()).unwrap() {
        out.push(snapshot::render(&model));
    }
    out
}

/// `text` (one token per word, as the generators write it) in a random layout: each gap
/// a space, a newline or, with `trivia`, blank lines and comments; `and` between premises
/// written `,` and likelihoods unbracketed at random.
fn scramble(text: &str, seed: u64, trivia: bool) -> String {
    let mut rng = Rng::new(seed);
    let spaced = text
        .replace('(', " ( ")
        .replace(')', " ) ")
        .replace(',', " , ")
        .replace('[', " [ ")
        .replace(']', " ] ")
        .replace('{', " { ")
        .replace('}', " } ");
    let mut out = String::new();
    let mut bare = false;
    for word in spaced.split_whitespace() {
        let word = match word {
            "and" if rng.one_in(2) => ",",
            "[" => {
                bare = rng.one_in(3);
                if bare {
                    continue;
                }
                "["
            }
            "]" if bare => continue,
            w => w,
        };
        out.push_str(word);
        let gaps: &[&str] = if trivia {
            &[
                " ",
                " ",
                "\n",
                "\t ",
                "\n\n\n  ",
                " # note\n",
                "\n# line\n\n",
            ]
        } else {
            &[" ", " ", "\n", "\t ", "  \n    "]
        };
        out.push_str(rng.pick(gaps));
    }
    out
}

fn check(p: &Prog, seed: u64) -> Result<(), TestCaseError> {
    let text = p.text_with_scenarios();
    let canonical = fmt(&text).unwrap();
    prop_assert_eq!(fmt(&canonical).unwrap(), canonical.clone(), "idempotent");
    // Any layout of the same tokens formats to the same text.
    let plain = scramble(&text, seed, false);
    prop_assert_eq!(
        fmt(&plain).unwrap(),
        canonical.clone(),
        "canonical\n{}",
        plain
    );
    // With comments and blank lines, the meaning is kept and formatting is a fixed point.
    let noisy = scramble(&text, seed, true);
    let formatted = fmt(&noisy).unwrap();
    prop_assert_eq!(
        fmt(&formatted).unwrap(),
        formatted.clone(),
        "idempotent\n{}",
        noisy
    );
    prop_assert_eq!(shape(&formatted), shape(&text));
    prop_assert_eq!(meaning(&formatted), meaning(&text));
    prop_assert_eq!(
        formatted.matches('#').count(),
        noisy.matches('#').count(),
        "every comment kept"
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn formatting_keeps_the_program_and_is_idempotent(p in arb_prog(), seed in any::<u64>()) {
        check(&p, seed)?;
    }

    #[test]
    fn the_same_on_atom_stratified_programs(
        p in arb_atom_stratified_prog(),
        seed in any::<u64>(),
    ) {
        check(&p, seed)?;
    }
}

/// Every rule file of the repository that parses is a fixed point after one formatting;
/// `rules/` is one before it.
#[test]
fn every_rule_file_formats_idempotently_and_rules_is_formatted() {
    let mut seen = 0;
    for dir in ["rules", "tests/cases", "tests/data", "tests/data/fmt"] {
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "augur"))
            .collect();
        paths.sort();
        for path in paths {
            let text = std::fs::read_to_string(&path).unwrap();
            let Ok(once) = fmt(&text) else {
                continue;
            };
            seen += 1;
            assert_eq!(fmt(&once).unwrap(), once, "{}", path.display());
            assert_eq!(shape(&once), shape(&text), "{}", path.display());
            if dir == "rules" {
                assert_eq!(once, text, "{} is not formatted", path.display());
            }
        }
    }
    assert!(seen > 50, "{seen} files");
}
