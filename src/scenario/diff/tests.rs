//! One small program per promise of `diff`.

use crate::Analysis;
use crate::engine::Options;
use crate::likelihood::Likelihood::{self, *};

use super::{Change, Diff, Stance};

/// The diff of two scenarios of `text`. The analysis is leaked so that the diff, which
/// borrows its program, can outlive this call: a few small programs per test run.
fn diff(text: &str, from: &str, to: &str) -> Diff<'static> {
    let analysis = Analysis::parse("t.augur", text).expect("the program checks");
    let analysis: &'static Analysis = Box::leak(Box::new(analysis));
    let options = Options::default();
    let (a, b) = (
        analysis.run(from, &options).expect("it runs"),
        analysis.run(to, &options).expect("it runs"),
    );
    super::diff(&a, &b, false)
}

fn atoms<'a>(list: &'a [Change<'_>]) -> Vec<(&'a str, Option<Likelihood>, Option<Likelihood>)> {
    list.iter()
        .map(|c| (c.atom.as_str(), c.before, c.after))
        .collect()
}

fn reason<'d>(d: &'d Diff<'_>, atom: &str) -> &'d str {
    d.gained
        .iter()
        .chain(&d.lost)
        .chain(&d.changed)
        .find(|c| c.atom == atom)
        .map_or_else(
            || panic!("{atom} is not in the diff"),
            |c| c.reason.as_str(),
        )
}

/// `x is_b` is derived `likely` in `s1`; `s2` assumes it `very_likely`.
const RAISED: &str = "assumable x is_a\nassumable x is_b\n\
    rule r1: x is_a implies x is_b [likely]\n\
    rule r2: x is_b implies x is_c\n\
    scenario s1 { assume x is_a }\n\
    scenario s2 { assume x is_a\n assume x is_b [very_likely] }\n\
    scenario s3 { assume x is_a\n assume x is_b [unlikely] }\n";

#[test]
fn an_atom_a_stronger_assumption_raises_is_changed_not_lost() {
    let d = diff(RAISED, "s1", "s2");
    assert!(d.gained.is_empty() && d.lost.is_empty(), "{d:?}");
    assert_eq!(
        atoms(&d.changed),
        [
            ("x is_c", Some(Likely), Some(VeryLikely)),
            ("x is_b", Some(Likely), Some(VeryLikely)),
        ]
    );
    assert_eq!(
        reason(&d, "x is_b"),
        "`x is_b` is assumed [very_likely] in scenario s2 at t.augur:7"
    );
    assert_eq!(
        reason(&d, "x is_c"),
        "rule r2 now gives [very_likely]: `x is_b` is assumed [very_likely] in scenario s2 at t.augur:7"
    );
    // And back: a weakening, not a gain.
    let d = diff(RAISED, "s2", "s1");
    assert!(d.gained.is_empty() && d.lost.is_empty(), "{d:?}");
    assert_eq!(
        reason(&d, "x is_b"),
        "`x is_b` is no longer assumed, as it was [very_likely] in scenario s2 at t.augur:7"
    );
}

#[test]
fn an_assumption_weaker_than_the_rule_changes_nothing() {
    // `s3` assumes `x is_b` below what r1 gives: it still holds `likely`, and is no
    // longer a conclusion of `s3` (an assumption covers it), yet nothing is lost.
    let d = diff(RAISED, "s1", "s3");
    assert!(
        d.gained.is_empty() && d.lost.is_empty() && d.changed.is_empty(),
        "{d:?}"
    );
    assert_eq!(d.assumptions.added.len(), 1);
}

/// `x is_d` needs `not x is_c` twice over; `s4` forbids `x is_d` outright.
const BLOCKS: &str = "assumable x is_a\nassumable x is_c\n\
    rule r1: x is_a and not x is_c implies x is_b\n\
    rule r2: x is_b and not x is_c implies x is_d\n\
    rule r3: x is_d implies x is_e\n\
    scenario s1 { assume x is_a }\n\
    scenario s2 { assume x is_a\n assume x is_c }\n\
    scenario s3 extends s1 { assume not x is_d }\n";

#[test]
fn an_intervention_is_named_as_the_reason_for_what_it_removes() {
    let d = diff(BLOCKS, "s1", "s3");
    assert_eq!(
        atoms(&d.lost),
        [
            ("x is_d", Some(Certain), None),
            ("x is_e", Some(Certain), None)
        ]
    );
    assert_eq!(
        reason(&d, "x is_d"),
        "`x is_d` is forbidden by `assume not` in scenario s3 at t.augur:9"
    );
    assert_eq!(
        reason(&d, "x is_e"),
        "rule r3 no longer concludes it: `x is_d` is forbidden by `assume not` in scenario s3 at t.augur:9"
    );
    let d = diff(BLOCKS, "s3", "s1");
    assert_eq!(
        reason(&d, "x is_d"),
        "`x is_d` is no longer forbidden by `assume not` in scenario s3 at t.augur:9; rule r2 concludes it"
    );
    assert_eq!(
        reason(&d, "x is_e"),
        "rule r3 now concludes it: `x is_d` is no longer forbidden by `assume not` in scenario s3 at t.augur:9"
    );
}

#[test]
fn a_forbidden_negated_atom_is_named_with_its_line() {
    let text = "assumable x is_a\nassumable x is_c\n\
        rule r1: x is_a and not x is_c implies x is_b\n\
        scenario s1 { assume x is_a\n assume x is_c }\n\
        scenario s2 { assume x is_a\n assume not x is_c }\n";
    let d = diff(text, "s1", "s2");
    assert_eq!(
        reason(&d, "x is_b"),
        "rule r1 now concludes it: `x is_c` is forbidden by `assume not` in scenario s2 at t.augur:7, \
         so `not x is_c` holds [certain]"
    );
}

#[test]
fn a_reason_names_each_blocker_once() {
    let d = diff(BLOCKS, "s1", "s2");
    let r = reason(&d, "x is_d");
    assert_eq!(
        r,
        "rule r2 no longer concludes it: `x is_c` is assumed [certain] in scenario s2 at t.augur:8, \
         so `not x is_c` fails"
    );
    let d = diff(BLOCKS, "s2", "s1");
    let r = reason(&d, "x is_d");
    assert_eq!(r.matches("`x is_c`").count(), 1, "{r}");
}

#[test]
fn conflicts_gained_lost_and_changed() {
    let text = "assumable x is_a\nassumable x is_b\nassumable y is_a\n\
        conflict both { when ?x is_a and ?x is_b }\n\
        conflict lone { when y is_a }\n\
        scenario s1 { assume x is_a\n assume x is_b [likely]\n assume y is_a }\n\
        scenario s2 { assume x is_a\n assume x is_b }\n\
        scenario s3 { assume x is_a }\n";
    let d = diff(text, "s1", "s2");
    let c = &d.conflicts;
    assert!(c.gained.is_empty());
    assert_eq!(c.lost.len(), 1);
    assert_eq!(c.lost[0].name, "lone");
    assert_eq!(
        c.lost[0].reason,
        "`y is_a` is no longer assumed, as it was [certain] in scenario s1 at t.augur:8"
    );
    assert_eq!(c.changed.len(), 1);
    assert_eq!(
        (c.changed[0].before, c.changed[0].after),
        (Some(Likely), Some(Certain))
    );
    assert_eq!(c.changed[0].bindings["x"], "x");
    let d = diff(text, "s3", "s2");
    assert_eq!(d.conflicts.gained.len(), 1);
    assert_eq!(
        d.conflicts.gained[0].reason,
        "`x is_b` is assumed [certain] in scenario s2 at t.augur:10"
    );
}

#[test]
fn assumptions_added_withdrawn_changed_forbidden_and_lifted() {
    let text = "assumable x is_a\nassumable x is_b\nassumable x is_c\nassumable x is_d\n\
        assumable x is_e\n\
        scenario s1 { assume x is_a\n assume x is_b [likely]\n assume not x is_c\n assume x is_e }\n\
        scenario s2 extends s1 { assume x is_b [very_likely]\n assume x is_c\n assume x is_d\n \
        assume not x is_e }\n\
        scenario s3 { }\n";
    let d = diff(text, "s1", "s2");
    let a = &d.assumptions;
    let names = |l: &[super::AssumptionChange]| -> Vec<String> {
        l.iter().map(|c| c.atom.clone()).collect()
    };
    assert_eq!(names(&a.added), ["x is_d"]);
    assert!(a.withdrawn.is_empty());
    assert_eq!(names(&a.changed), ["x is_b"]);
    assert_eq!(
        (a.changed[0].before, a.changed[0].after),
        (
            Some(Stance::Assumed(Likely)),
            Some(Stance::Assumed(VeryLikely))
        )
    );
    assert_eq!(names(&a.forbidden), ["x is_e"]);
    assert_eq!(names(&a.lifted), ["x is_c"]);
    assert_eq!(a.lifted[0].after, Some(Stance::Assumed(Certain)));
    assert_eq!(a.lifted[0].line.scenario(), Some("s2"));
    // Inherited lines belong to the parent's block.
    let d = diff(text, "s3", "s2");
    assert_eq!(
        names(&d.assumptions.added),
        ["x is_a", "x is_b", "x is_c", "x is_d"]
    );
    assert_eq!(d.assumptions.added[0].line.scenario(), Some("s1"));
    let d = diff(text, "s2", "s3");
    assert_eq!(
        names(&d.assumptions.withdrawn),
        ["x is_a", "x is_b", "x is_c", "x is_d"]
    );
    assert_eq!(names(&d.assumptions.lifted), ["x is_e"]);
}

#[test]
fn open_questions_resolved_and_reopened() {
    let text = "assumable x is_a\nassumable x is_b\nassumable x is_c\n\
        open x is_a\nopen x is_b\nopen x is_c\n\
        scenario s1 { assume x is_b }\n\
        scenario s2 { assume x is_a [likely]\n assume not x is_c }\n";
    let d = diff(text, "s1", "s2");
    let resolved: Vec<(&str, Option<Stance>)> = d
        .open
        .resolved
        .iter()
        .map(|o| (o.atom.as_str(), o.settled))
        .collect();
    assert_eq!(
        resolved,
        [
            ("x is_a", Some(Stance::Assumed(Likely))),
            ("x is_c", Some(Stance::Forbidden))
        ]
    );
    assert_eq!(d.open.resolved[0].open.line, 4);
    assert_eq!(d.open.reopened.len(), 1);
    assert_eq!(d.open.reopened[0].atom, "x is_b");
}

#[test]
fn reasons_read_as_sentences() {
    for (from, to) in [("s1", "s2"), ("s2", "s1"), ("s1", "s3"), ("s3", "s1")] {
        for text in [RAISED, BLOCKS] {
            let Ok(analysis) = Analysis::parse("t.augur", text) else {
                panic!("the program checks")
            };
            if analysis.scenario(to).is_err() || analysis.scenario(from).is_err() {
                continue;
            }
            let d = diff(text, from, to);
            for c in d.gained.iter().chain(&d.lost).chain(&d.changed) {
                assert!(!c.reason.contains("a leaf"), "{}", c.reason);
                assert!(!c.reason.contains(" -> "), "{}", c.reason);
                assert!(!c.reason.is_empty(), "{c:?}");
            }
        }
    }
}

#[test]
fn a_lost_atom_names_every_way_it_was_derived() {
    // `x is_c` holds in s1 by r1 (from `x is_a`) and by r2 (from `x is_b`); s2 withdraws
    // both, and `x is_d` rests on `x is_c`: withdrawing one alone would not have lost them.
    let text = "assumable x is_a\nassumable x is_b\n\
        rule r1: x is_a implies x is_c\n\
        rule r2: x is_b implies x is_c [likely]\n\
        rule r3: x is_c implies x is_d\n\
        scenario s1 { assume x is_a\n assume x is_b }\n\
        scenario s2 { }\n\
        scenario s3 { assume x is_b }\n";
    let d = diff(text, "s1", "s2");
    assert_eq!(
        reason(&d, "x is_c"),
        "rules r1 and r2 no longer conclude it: \
         `x is_a` is no longer assumed, as it was [certain] in scenario s1 at t.augur:6; \
         `x is_b` is no longer assumed, as it was [certain] in scenario s1 at t.augur:7"
    );
    let r = reason(&d, "x is_d");
    assert!(r.starts_with("rule r3 no longer concludes it: "), "{r}");
    assert!(r.contains("`x is_a`") && r.contains("`x is_b`"), "{r}");
    // Weakened: only the derivations stronger than what is left had to fail.
    let d = diff(text, "s1", "s3");
    assert_eq!(
        reason(&d, "x is_c"),
        "rule r1 no longer gives more than [likely]: \
         `x is_a` is no longer assumed, as it was [certain] in scenario s1 at t.augur:6"
    );
}

#[test]
fn a_reason_is_whole_whatever_was_explained_before() {
    // `is_top` is declared first, so `x is_top` is explained before `x is_b`, which its
    // reason has already walked through.
    let text = "open z is_top\nassumable x is_a\n\
        rule r2: x is_b implies x is_top\n\
        rule r1: x is_a implies x is_b\n\
        scenario s1 { assume x is_a }\n\
        scenario s2 { }\n";
    let d = diff(text, "s1", "s2");
    assert_eq!(d.lost[0].atom, "x is_top");
    assert_eq!(
        reason(&d, "x is_b"),
        "rule r1 no longer concludes it: \
         `x is_a` is no longer assumed, as it was [certain] in scenario s1 at t.augur:5"
    );
}

#[test]
fn a_cycle_of_rules_is_walked_once_and_whole() {
    let text = "assumable ?p is_a\n\
        rule r1: ?p is_a implies ?p is_b\n\
        rule r2: x is_b implies y is_b\n\
        rule r3: y is_b implies x is_b\n\
        scenario s1 { assume x is_a\n assume y is_a }\n\
        scenario s2 { }\n";
    let d = diff(text, "s1", "s2");
    assert_eq!(
        reason(&d, "x is_b"),
        "rules r1 and r3 no longer conclude it: \
         `x is_a` is no longer assumed, as it was [certain] in scenario s1 at t.augur:5; \
         `y is_a` is no longer assumed, as it was [certain] in scenario s1 at t.augur:6"
    );
    let r = reason(&d, "y is_b");
    assert!(r.contains("`x is_a`") && r.contains("`y is_a`"), "{r}");
}

#[test]
fn tensions_apart_and_questions_that_arise_or_no_longer_arise() {
    let text = "assumable x is_a\nassumable x is_b\n\
        tension trade { when x is_a }\n\
        conflict clash { when x is_b }\n\
        open x is_c when x is_a\n\
        open x is_d when x is_b\n\
        scenario s1 { assume x is_b }\n\
        scenario s2 { assume x is_a }\n";
    let d = diff(text, "s1", "s2");
    assert_eq!(d.tensions.gained.len(), 1);
    assert_eq!(d.tensions.gained[0].name, "trade");
    assert!(d.conflicts.gained.is_empty());
    assert_eq!(d.conflicts.lost[0].name, "clash");
    let atoms =
        |l: &[super::OpenChange]| -> Vec<String> { l.iter().map(|o| o.atom.clone()).collect() };
    assert_eq!(atoms(&d.open.newly_open), ["x is_c"]);
    assert_eq!(atoms(&d.open.no_longer_open), ["x is_d"]);
    assert!(d.open.resolved.is_empty() && d.open.reopened.is_empty());
}

/// A what-if's changes are the to-side's lines: a withdrawn line is gone, an added or
/// forbidden atom is named ad hoc, and the reasons reach them.
#[test]
fn a_what_if_is_diffed_by_its_changes() {
    let text = "assumable x is_a\nassumable x is_b\nrule r: x is_a implies y is_c\n\
                scenario s { assume x is_a  assume x is_b likely }\n";
    let analysis = Analysis::parse("t.augur", text).expect("the program checks");
    let session = analysis.session();
    let s = session.scenario("s").expect("declared");
    let (xa, xb) = (
        analysis.atom("x is_a").expect("resolves"),
        analysis.atom("x is_b").expect("resolves"),
    );
    let change = crate::program::WhatIf::default().withdraw(xb).forbid(xa);
    let options = Options::default();
    let before = session.run(s, &options).expect("it runs");
    let after = session.what_if(s, &change, &options).expect("it runs");
    let d = super::diff(&before, &after, false);
    let a = &d.assumptions;
    assert_eq!(a.withdrawn.len(), 1);
    assert_eq!(a.withdrawn[0].atom, "x is_b");
    assert_eq!(a.withdrawn[0].line.scenario(), Some("s"));
    assert_eq!(a.forbidden[0].atom, "x is_a");
    assert_eq!(a.forbidden[0].line.to_string(), "ad hoc");
    assert_eq!(
        d.lost[0].reason,
        "rule r no longer concludes it: `x is_a` is forbidden by `assume not` ad hoc"
    );
}
