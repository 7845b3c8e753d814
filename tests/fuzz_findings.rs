//! Defects the fuzz targets and tests/robustness.rs found, one test each, through the CLI
//! as a user meets them (docs/FUZZING.md: a crash becomes a test here).

mod common;

use common::augur;

/// `why --all-proofs --max-proofs N` shows the strongest proofs: the first is at the
/// atom's own likelihood, as plain `why` shows it, however few proofs are asked for and
/// in whatever order the facts come.
#[test]
fn all_proofs_show_the_strongest_first() {
    let file = "tests/data/all-proofs-order.augur";
    let why = augur(&["why", "p0(d, d, d)", file]);
    assert_eq!(why.code, 0, "{}", why.stderr);
    assert!(
        why.stdout.starts_with("p0(d, d, d) [very_unlikely]"),
        "{}",
        why.stdout
    );
    for n in ["1", "2", "3"] {
        let all = augur(&[
            "why",
            "p0(d, d, d)",
            file,
            "--all-proofs",
            "--max-proofs",
            n,
        ]);
        assert_eq!(all.code, 0, "{}", all.stderr);
        let first = all.stdout.lines().nth(1).unwrap_or_default();
        assert_eq!(
            first, "p0(d, d, d) [very_unlikely]",
            "--max-proofs {n}: the first proof shown is not the strongest:\n{}",
            all.stdout
        );
    }
}
