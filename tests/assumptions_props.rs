//! `augur assumptions` agrees with running the scenario without each assumption: on random
//! programs, every candidate's falls, weakens and gains are exactly the difference between
//! the scenario and a scenario written by hand without that line (or, for a fact, a
//! program without that `fact` line); and each conclusion's critical and weakening lists
//! are exactly the withdrawals that make it fail or lower it.

mod common;

use std::collections::BTreeMap;

use augur::Analysis;
use augur::engine::{Model, Options};
use augur::key_assumptions::{self, Kind, Request, Withdrawal};
use augur::program::WhatIf;
use common::programs::*;
use proptest::prelude::*;

fn conclusions(model: &Model<'_>) -> BTreeMap<String, augur::Likelihood> {
    let p = model.program();
    model
        .conclusions()
        .into_iter()
        .map(|c| (p.show_atom(&c.atom), c.likelihood))
        .collect()
}

type Shifts = Vec<(String, Option<augur::Likelihood>, Option<augur::Likelihood>)>;

/// Falls, weakens and gains between a scenario and the run without one candidate, by the
/// definitions of the README, computed on two independent programs' runs.
fn expected(base: &Model<'_>, without: &Model<'_>) -> [Shifts; 3] {
    let (b_all, w_all) = (common::holding(base), common::holding(without));
    let (b, w) = (conclusions(base), conclusions(without));
    let mut out: [Shifts; 3] = Default::default();
    for (atom, &from) in &b {
        match w_all.get(atom) {
            None => out[0].push((atom.clone(), Some(from), None)),
            Some(&to) if to < from => out[1].push((atom.clone(), Some(from), Some(to))),
            Some(_) => {}
        }
    }
    for (atom, &to) in &w {
        let from = b_all.get(atom).copied();
        if from.is_none_or(|f| f < to) {
            out[2].push((atom.clone(), from, Some(to)));
        }
    }
    out
}

fn shifts(p: &augur::program::Program, w: &Withdrawal) -> [Shifts; 3] {
    let list = |l: &[key_assumptions::Shift]| -> Shifts {
        let mut v: Shifts = l
            .iter()
            .map(|s| (p.show_atom(&s.atom), s.from, s.to))
            .collect();
        v.sort();
        v
    };
    [list(&w.falls), list(&w.weakens), list(&w.gains)]
}

/// The program text with scenario `w` written as scenario `s{i}` without the lines about
/// `atom` (or, for a fact, with the facts about `atom` left out).
fn written(prog: &Prog, i: usize, atom: &str, kind: Kind) -> String {
    let lines = prog.effective_lines(i);
    let mut view = prog.clone();
    let kept: Vec<Line> = match kind {
        Kind::Fact => {
            view.facts
                .retain(|(q, a, _)| ground_text(&(*q, a.clone())) != atom);
            lines
        }
        Kind::Assumption | Kind::Intervention => lines
            .into_iter()
            .filter(|(q, a, ..)| ground_text(&(*q, a.clone())) != atom)
            .collect(),
    };
    let mut text = view.text_with_scenarios();
    text += "scenario w {\n";
    for (pred, args, l, negated) in kept {
        let atom = ground_text(&(pred, args));
        if negated {
            text += &format!("  assume not {atom}\n");
        } else {
            text += &format!("  assume {atom} [{}]\n", level_kw(l));
        }
    }
    text += "}\n";
    text
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn agrees_with_running_the_scenario_without_each_assumption(prog in arb_prog(), facts in any::<bool>()) {
        let text = prog.text_with_scenarios();
        let Ok(analysis) = Analysis::parse("t.augur", &text) else {
            return Ok(());
        };
        let options = Options::default();
        let session = analysis.session();
        let p = analysis.program();
        for i in 0..prog.scenarios.len() {
            let id = session.scenario(&format!("s{i}")).expect("declared");
            let change = WhatIf::default();
            let request = Request { scenario: id, change: &change, atom: None, facts };
            let check = key_assumptions::check(&session, &request, &options).expect("runs");
            for (at, w) in check.assumptions.iter().enumerate() {
                let atom = p.show_atom(&w.candidate.atom);
                let text = written(&prog, i, &atom, w.candidate.kind);
                let other = Analysis::parse("t.augur", &text).expect("the written program checks");
                let without = other.run("w", &options).expect("runs");
                let mut want = expected(&check.model, &without);
                for list in &mut want {
                    list.sort();
                }
                prop_assert_eq!(shifts(p, w), want, "s{} without {:?} {}\n{}", i, w.candidate.kind, atom, text);
                // Each conclusion names exactly the withdrawals that make it fail or lower it.
                for c in &check.conclusions {
                    let shown = p.show_atom(&c.atom);
                    let falls = w.falls.iter().any(|s| s.atom == c.atom);
                    let weakens = w.weakens.iter().find(|s| s.atom == c.atom);
                    prop_assert_eq!(c.critical.contains(&at), falls, "{}", shown);
                    prop_assert_eq!(
                        c.weakening.iter().find(|(j, _)| *j == at).map(|(_, l)| *l),
                        weakens.and_then(|s| s.to),
                        "{}", shown
                    );
                }
            }
            // The candidates are exactly the run's inputs, one per atom and kind.
            let inputs = check.model.inputs();
            let mut want: Vec<(String, String)> = inputs
                .assumed()
                .iter()
                .map(|a| (p.show_atom(&a.atom), "Assumption".to_owned()))
                .chain(inputs.blocked().iter().map(|b| (p.show_atom(&b.atom), "Intervention".to_owned())))
                .chain(inputs.facts().filter(|_| facts).map(|(_, f)| (p.show_atom(&f.atom), "Fact".to_owned())))
                .collect();
            want.sort();
            want.dedup();
            let mut got: Vec<(String, String)> = check
                .assumptions
                .iter()
                .map(|w| (p.show_atom(&w.candidate.atom), format!("{:?}", w.candidate.kind)))
                .collect();
            got.sort();
            prop_assert_eq!(got, want);
            // One atom asked alone stands as in the full check.
            for c in check.conclusions.iter().take(2) {
                let one = Request { atom: Some(&c.atom), ..request };
                let alone = key_assumptions::check(&session, &one, &options).expect("runs");
                prop_assert_eq!(&alone.conclusions, &vec![c.clone()]);
            }
            // Load-bearing first.
            let keys: Vec<(usize, usize, usize)> = check
                .assumptions
                .iter()
                .map(|w| (w.falls.len(), w.weakens.len(), w.gains.len()))
                .collect();
            prop_assert!(keys.windows(2).all(|k| k[0] >= k[1]), "{:?}", keys);
        }
    }
}
