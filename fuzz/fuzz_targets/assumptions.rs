//! The Key Assumptions Check (`augur assumptions --facts`) on programs built from the fuzz
//! bytes (`augur_fuzz::program`), every scenario, the targets' evaluation budgets. The
//! candidates are exactly the run's assumptions, interventions and facts, one per atom;
//! each conclusion's critical and weakening lists are exactly the withdrawals that make it
//! fall or weaken; the list is load-bearing first; the first candidate's falls agree with a
//! what-if run made here; asking about one atom gives that atom's standing in the full
//! check; the report renders as text and JSON.
#![no_main]

use std::collections::BTreeSet;

use arbitrary::Unstructured;
use augur::Analysis;
use augur::Session;
use augur::key_assumptions::{self, Check, Kind, Request};
use augur::program::{ScenarioId, WhatIf};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(analysis) = augur_fuzz::generated(&mut Unstructured::new(data)) {
        exercise(&analysis);
    }
});

fn exercise(analysis: &Analysis) {
    let session = analysis.session();
    let options = augur_fuzz::options();
    let change = WhatIf::default();
    for s in 0..analysis.program().scenarios().len() {
        let request = Request {
            scenario: ScenarioId::from_index(s),
            change: &change,
            atom: None,
            facts: true,
        };
        // A run over budget is an error, not a panic; the next scenario is tried.
        let Ok(check) = key_assumptions::check(&session, &request, &options) else {
            continue;
        };
        keeps(&session, &request, &check);
    }
}

fn keeps(session: &Session<'_>, request: &Request<'_>, check: &Check<'_>) {
    let p = check.model.program();
    let inputs = check.model.inputs();
    // Kinds as their names: `Kind` has no order of its own.
    let entry = |atom, kind: Kind| (p.show_atom(atom), format!("{kind:?}"));
    let mut want: BTreeSet<(String, String)> = BTreeSet::new();
    want.extend(
        inputs
            .assumed()
            .iter()
            .map(|a| entry(&a.atom, Kind::Assumption)),
    );
    want.extend(
        inputs
            .blocked()
            .iter()
            .map(|b| entry(&b.atom, Kind::Intervention)),
    );
    want.extend(inputs.facts().map(|(_, f)| entry(&f.atom, Kind::Fact)));
    let got: Vec<(String, String)> = check
        .assumptions
        .iter()
        .map(|w| entry(&w.candidate.atom, w.candidate.kind))
        .collect();
    assert_eq!(got.len(), want.len(), "a candidate listed twice or missed");
    assert_eq!(got.into_iter().collect::<BTreeSet<_>>(), want);
    let keys: Vec<_> = check
        .assumptions
        .iter()
        .map(|w| (w.falls.len(), w.weakens.len(), w.gains.len()))
        .collect();
    assert!(
        keys.windows(2).all(|k| k[0] >= k[1]),
        "not load-bearing first"
    );
    for c in &check.conclusions {
        for (i, w) in check.assumptions.iter().enumerate() {
            let falls = w.falls.iter().any(|s| s.atom == c.atom);
            assert_eq!(c.critical.contains(&i), falls, "critical list");
            let weakens = w
                .weakens
                .iter()
                .find(|s| s.atom == c.atom)
                .and_then(|s| s.to);
            let listed = c.weakening.iter().find(|(j, _)| *j == i).map(|(_, l)| *l);
            assert_eq!(listed, weakens, "weakening list");
        }
    }
    let options = augur_fuzz::options();
    if let Some(first) = check
        .assumptions
        .iter()
        .find(|w| w.candidate.kind != Kind::Fact)
    {
        let without = WhatIf {
            withdrawn: vec![first.candidate.atom.clone()],
            ..WhatIf::default()
        };
        if let Ok(model) = session.what_if(request.scenario, &without, &options) {
            let falls: Vec<_> = check
                .model
                .conclusions()
                .into_iter()
                .filter(|c| model.likelihood(&c.atom).is_none())
                .map(|c| c.atom)
                .collect();
            let listed: Vec<_> = first.falls.iter().map(|s| s.atom.clone()).collect();
            assert_eq!(listed, falls, "falls differ from a what-if run without it");
        }
    }
    if let Some(c) = check.conclusions.first() {
        let one = Request {
            atom: Some(&c.atom),
            ..*request
        };
        if let Ok(alone) = key_assumptions::check(session, &one, &options) {
            let named = |check: &Check<'_>, list: &[usize]| -> Vec<String> {
                list.iter()
                    .map(|&i| p.show_atom(&check.assumptions[i].candidate.atom))
                    .collect()
            };
            assert_eq!(alone.conclusions.len(), 1);
            assert_eq!(
                named(&alone, &alone.conclusions[0].critical),
                named(check, &c.critical),
                "an atom's standing alone differs from the full check's"
            );
        }
    }
    let report = check.report(None);
    let _ = report.text(false);
    let _ = report.text(true);
    assert!(serde_json::to_string(&report).is_ok());
}
