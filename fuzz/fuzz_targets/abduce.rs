//! `abduce` on programs built from the fuzz bytes (`augur_fuzz::program`): for up to six
//! atoms per scenario, both goals, with interventions and small bounds (sets of at most 2
//! changes, 48 what-if runs, the targets' evaluation budgets). Every set listed is verified
//! again by a run, none lies within another, the order is by size, likelihood and text,
//! and the answer renders as text and JSON.
#![no_main]

use arbitrary::Unstructured;
use augur::Analysis;
use augur::abduce::{self, Bounds, Goal, Question, render};
use augur::program::{GroundAtom, ScenarioId};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(analysis) = augur_fuzz::generated(&mut Unstructured::new(data)) {
        exercise(&analysis);
    }
});

fn exercise(analysis: &Analysis) {
    let session = analysis.session();
    let program = analysis.program();
    let options = augur_fuzz::options();
    let bounds = Bounds {
        max_size: 2,
        limit: 20,
        interventions: true,
        max_runs: 48,
    };
    for s in 0..program.scenarios().len() {
        let scenario = ScenarioId::from_index(s);
        let Ok(model) = session.run(scenario, &options) else {
            continue;
        };
        // Atoms that hold, and atoms assumables cover: both directions have answers.
        let mut atoms: Vec<GroundAtom> = model
            .conclusions()
            .iter()
            .map(|c| c.atom.clone())
            .take(3)
            .collect();
        atoms.extend(program.facts().iter().map(|f| f.atom.clone()).take(1));
        atoms.extend(
            program
                .assumables()
                .iter()
                .filter_map(|a| a.try_ground(&[]))
                .take(2),
        );
        for atom in atoms {
            for goal in [Goal::Holds, Goal::StopsHolding] {
                let question = Question::new(atom.clone(), goal);
                match abduce::abduce(&session, scenario, &question, &bounds, &options) {
                    Ok(answer) => check(analysis, &question, &answer),
                    Err(e) => panic!("abduce failed on a checked program: {e}"),
                }
            }
        }
    }
}

fn check(analysis: &Analysis, question: &Question, answer: &abduce::Abduction) {
    let session = analysis.session();
    let program = analysis.program();
    let options = augur_fuzz::options();
    assert!(answer.explanations.len() <= 20);
    for e in &answer.explanations {
        assert!(e.size() <= 2);
        if let Ok(model) = session.what_if(answer.scenario, &e.what_if(), &options) {
            let level = model.likelihood(&question.atom);
            match question.goal {
                Goal::Holds => assert_eq!(level, e.likelihood, "a set that does not verify"),
                Goal::StopsHolding => assert_eq!(level, None, "a set that does not verify"),
            }
        }
        for other in &answer.explanations {
            let inside = other != e
                && other.changes.iter().all(|c| e.changes.contains(c))
                && other.open.iter().all(|o| e.open.contains(o));
            assert!(!inside, "a set listed lies within another: not minimal");
        }
    }
    let keys: Vec<_> = answer
        .explanations
        .iter()
        .map(|e| {
            (
                e.size(),
                std::cmp::Reverse(e.likelihood),
                render::set_text(program, e),
            )
        })
        .collect();
    assert!(keys.windows(2).all(|w| w[0] <= w[1]), "sets out of order");
    let name = &program.scenarios()[answer.scenario.index()].name;
    let _ = render::text(answer, program, name);
    assert!(serde_json::to_string(&render::report(answer, program, name, None)).is_ok());
}
