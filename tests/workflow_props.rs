//! Properties of the analyst's workflow on random programs: `diff` is exactly the
//! difference of two `run`s, and `why-not` finds a nearest miss whenever a one-atom one
//! exists, and every nearest miss it proposes really makes the atom hold when added.

mod common;

use std::collections::BTreeMap;

use augur::Analysis;
use augur::engine::{Engine, Model, Options};
use augur::explain::{Bounds, why_not};
use augur::scenario::diff;
use common::programs::*;
use proptest::prelude::*;

fn conclusions(model: &Model<'_>) -> BTreeMap<String, String> {
    let p = model.program();
    model
        .conclusions()
        .into_iter()
        .map(|c| (p.show_atom(&c.atom), c.likelihood.to_string()))
        .collect()
}

/// [`common::holding`], each likelihood as text (the form [`split`] compares).
fn holding(model: &Model<'_>) -> BTreeMap<String, String> {
    common::holding(model)
        .into_iter()
        .map(|(atom, l)| (atom, l.to_string()))
        .collect()
}

/// The conflicts that hold, by name and bindings.
fn conflicts(model: &Model<'_>) -> BTreeMap<String, String> {
    let p = model.program();
    model
        .conflicts()
        .iter()
        .map(|m| {
            let b: Vec<String> = m
                .bindings
                .iter()
                .map(|(k, v)| format!("{k}={}", p.symbols().show(*v)))
                .collect();
            (
                format!("{} {}", p.conflicts()[m.conflict.index()].name, b.join(",")),
                m.likelihood.to_string(),
            )
        })
        .collect()
}

type Split<'a> = (
    Vec<&'a String>,
    Vec<&'a String>,
    Vec<(&'a String, String, String)>,
);

/// What diff must report over `keys`: held in `b` only, in `a` only, in both at different
/// levels.
fn split<'a>(
    keys: impl Iterator<Item = &'a String>,
    a: &BTreeMap<String, String>,
    b: &BTreeMap<String, String>,
) -> Split<'a> {
    let (mut gained, mut lost, mut changed) = (Vec::new(), Vec::new(), Vec::new());
    for k in keys {
        match (a.get(k), b.get(k)) {
            (None, Some(_)) => gained.push(k),
            (Some(_), None) => lost.push(k),
            (Some(x), Some(y)) if x != y => changed.push((k, x.clone(), y.clone())),
            _ => {}
        }
    }
    gained.sort();
    lost.sort();
    changed.sort();
    (gained, lost, changed)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// Every conclusion of either run, compared by its likelihood in the whole model (one
    /// side may assume what the other derives); every conflict of either run.
    #[test]
    fn diff_is_the_difference_of_two_runs(p in arb_prog()) {
        let text = p.text_with_scenarios();
        let analysis = Analysis::parse("gen.augur", &text).map_err(|e| TestCaseError::fail(format!("{e:?}\n{text}")))?;
        let from = analysis.run("s0", &Options::default()).unwrap();
        let to = analysis.run("s1", &Options::default()).unwrap();
        let (ca, cb) = (conclusions(&from), conclusions(&to));
        let (ha, hb) = (holding(&from), holding(&to));
        let keys: std::collections::BTreeSet<&String> = ca.keys().chain(cb.keys()).collect();
        let want = split(keys.into_iter(), &ha, &hb);
        let d = diff(&from, &to, false);
        fn sorted<'a>(l: &'a [augur::scenario::Change<'_>]) -> Vec<&'a String> { let mut v: Vec<&String> = l.iter().map(|c| &c.atom).collect(); v.sort(); v }
        let mut changed: Vec<(&String, String, String)> = d.changed.iter().map(|c| (&c.atom, c.before.unwrap().to_string(), c.after.unwrap().to_string())).collect();
        changed.sort();
        prop_assert_eq!((sorted(&d.gained), sorted(&d.lost), changed), want, "{}", text);
        for c in d.gained.iter().chain(&d.lost).chain(&d.changed) {
            prop_assert!(!c.reason.is_empty(), "no reason for {} in\n{}", c.atom, text);
        }
        let (fa, fb) = (conflicts(&from), conflicts(&to));
        let keys: std::collections::BTreeSet<&String> = fa.keys().chain(fb.keys()).collect();
        let want = split(keys.into_iter(), &fa, &fb);
        let show = |c: &augur::scenario::diff::ConflictChange| {
            let b: Vec<String> = c.bindings.iter().map(|(k, v)| format!("{k}={v}")).collect();
            format!("{} {}", c.name, b.join(","))
        };
        // Conflicts and tensions together, as the model keeps them.
        let (t, c) = (&d.tensions, &d.conflicts);
        let (g, l): (Vec<String>, Vec<String>) = (c.gained.iter().chain(&t.gained).map(show).collect(), c.lost.iter().chain(&t.lost).map(show).collect());
        let mut g: Vec<&String> = g.iter().collect();
        let mut l: Vec<&String> = l.iter().collect();
        g.sort();
        l.sort();
        let changed: Vec<&augur::scenario::diff::ConflictChange> = c.changed.iter().chain(&t.changed).collect();
        let ch: Vec<String> = changed.iter().map(|c| show(c)).collect();
        let mut ch: Vec<(&String, String, String)> = ch.iter().zip(&changed).map(|(k, c)| (k, c.before.unwrap().to_string(), c.after.unwrap().to_string())).collect();
        ch.sort();
        prop_assert_eq!((g, l, ch), want, "{}", text);
    }

    #[test]
    fn nearest_misses_really_make_the_atom_hold(p in arb_prog()) {
        let text = p.text_with_scenarios();
        let analysis = Analysis::parse("gen.augur", &text).map_err(|e| TestCaseError::fail(format!("{e:?}\n{text}")))?;
        let model = analysis.run("s0", &Options::default()).unwrap();
        let engine = Engine::new(analysis.program());
        let scenario = analysis.scenario("s0").unwrap();
        for (pred, args) in all_atoms(&p) {
            let shown = ground_text(&(pred, args));
            // An atom that can hold in no scenario is refused, not answered.
            let Ok(atom) = analysis.atom(&shown) else { continue };
            if model.likelihood(&atom).is_some() {
                continue;
            }
            let answer = why_not(&model, &atom, &Bounds::default());
            // Complete, not only sound: every predicate is assumable here, so unless the
            // scenario forbids the atom, assuming the atom itself is a nearest miss of one
            // atom, and an answer with none (or only larger ones) is wrong.
            let itself = engine.run_with(scenario, std::slice::from_ref(&atom), &Options::default()).unwrap();
            if itself.likelihood(&atom).is_some() {
                prop_assert!(!answer.nearest_misses.is_empty(), "why-not {} finds no nearest miss, though assuming it works, in\n{}", shown, text);
                prop_assert!(answer.nearest_misses.iter().all(|set| set.len() == 1), "why-not {} proposes {:?}, not the smallest sets, in\n{}", shown, answer.nearest_misses, text);
            }
            for set in &answer.nearest_misses {
                let added: Vec<_> = set.iter().map(|a| analysis.hypothesis(a).unwrap()).collect();
                let what_if = engine.run_with(scenario, &added, &Options::default()).unwrap();
                prop_assert!(what_if.likelihood(&atom).is_some(), "adding {:?} does not make {} hold in\n{}", set, shown, text);
                // Minimal: no proper subset found by the search works on its own.
                if set.len() > 1 {
                    for skip in 0..set.len() {
                        let fewer: Vec<_> = added.iter().enumerate().filter(|(i, _)| *i != skip).map(|(_, a)| a.clone()).collect();
                        let smaller = engine.run_with(scenario, &fewer, &Options::default()).unwrap();
                        prop_assert!(smaller.likelihood(&atom).is_none(), "{:?} is not minimal for {} in\n{}", set, shown, text);
                    }
                }
            }
        }
    }
}
