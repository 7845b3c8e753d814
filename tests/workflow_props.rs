//! Properties of the analyst's workflow on random programs: `diff` is exactly the set
//! difference of two `run`s, and every nearest miss `why-not` proposes really makes the
//! atom hold when added.

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

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn diff_is_the_set_difference_of_two_runs(p in arb_prog()) {
        let text = p.text_with_scenarios();
        let analysis = Analysis::parse("gen.augur", &text).map_err(|e| TestCaseError::fail(format!("{e:?}\n{text}")))?;
        let from = analysis.run("s0", &Options::default()).unwrap();
        let to = analysis.run("s1", &Options::default()).unwrap();
        let (a, b) = (conclusions(&from), conclusions(&to));
        let d = diff(&from, &to, false);
        let gained: Vec<&String> = d.gained.iter().map(|c| &c.atom).collect();
        let lost: Vec<&String> = d.lost.iter().map(|c| &c.atom).collect();
        let changed: Vec<(&String, String, String)> = d.changed.iter().map(|c| (&c.atom, c.before.unwrap().to_string(), c.after.unwrap().to_string())).collect();
        let mut want_gained: Vec<&String> = b.keys().filter(|k| !a.contains_key(*k)).collect();
        let mut want_lost: Vec<&String> = a.keys().filter(|k| !b.contains_key(*k)).collect();
        let mut want_changed: Vec<(&String, String, String)> = b.iter().filter_map(|(k, l)| a.get(k).filter(|x| *x != l).map(|x| (k, x.clone(), l.clone()))).collect();
        let (mut gained, mut lost, mut changed) = (gained, lost, changed);
        for v in [&mut gained, &mut lost, &mut want_gained, &mut want_lost] {
            v.sort();
        }
        changed.sort();
        want_changed.sort();
        prop_assert_eq!(gained, want_gained, "{}", text);
        prop_assert_eq!(lost, want_lost, "{}", text);
        prop_assert_eq!(changed, want_changed, "{}", text);
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
            let Ok(Some(atom)) = analysis.atom(&shown) else { continue };
            if model.likelihood(&atom).is_some() {
                continue;
            }
            let answer = why_not(&model, &atom, &Bounds::default());
            for set in &answer.nearest_misses {
                let added: Vec<_> = set.iter().map(|a| analysis.atom(a).unwrap().unwrap()).collect();
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
