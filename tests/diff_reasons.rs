//! `diff` gives the true reason for what a scenario loses: an atom forbidden by
//! `assume not` is lost to that line, not to a rule that "no longer fires" (D15,
//! `tests/data/repro/t4.augur`, where every rule still fires).

mod common;

use common::{augur, json};

const T4: &str = "tests/data/repro/t4.augur";

#[test]
fn a_forbidden_atom_is_lost_to_its_assume_not_line_not_to_its_rule() {
    let run = augur(&["diff", "plain", "block", T4]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let line = "in scenario block at tests/data/repro/t4.augur:7";
    assert!(
        run.stdout.contains(&format!(
            "  - b q    certain  (`b q` is forbidden by `assume not` {line})\n"
        )),
        "{}",
        run.stdout
    );
    // r1 still fires in `block` (`a p` holds): it is not blamed.
    assert!(!run.stdout.contains("rule r1"), "{}", run.stdout);
    assert!(
        run.stdout.contains(&format!(
            "  - d bad  certain  (rule r3 no longer concludes it: `b q` is forbidden by `assume not` {line})\n"
        )),
        "{}",
        run.stdout
    );
    let (v, _) = json(&["diff", "plain", "block", T4]);
    let reason = |atom: &str| {
        v["lost"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["atom"] == atom)
            .map(|c| c["reason"].as_str().unwrap().to_owned())
            .unwrap()
    };
    assert_eq!(
        reason("b q"),
        format!("`b q` is forbidden by `assume not` {line}")
    );
    // Where the rule really stops firing (its premise is forbidden), the rule is named.
    let (v, _) = json(&["diff", "plain", "blockfact", T4]);
    let lost = v["lost"].as_array().unwrap();
    let b = lost.iter().find(|c| c["atom"] == "b q").unwrap();
    assert_eq!(
        b["reason"],
        "rule r1 no longer concludes it: `a p` is forbidden by `assume not` in scenario blockfact at tests/data/repro/t4.augur:8"
    );
}
