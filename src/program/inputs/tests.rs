//! Scenario inputs and what-if changes, checked against runs of the same text.

use super::*;
use crate::Analysis;
use crate::engine::{Engine, EngineError, Model, Options};

const CHAIN: &str = "
    fact base holds
    fact shaky holds likely
    assumable ?x moves
    rule r1: a moves and not b moves implies x follows
    rule r2: c moves implies y follows
    rule r3: shaky holds implies z follows
    rule r4: base holds implies e moves
    scenario root { assume a moves  assume not b moves  assume not shaky holds  assume not e moves }
    scenario mid extends root { assume b moves likely  assume c moves }
    scenario leaf extends mid { assume not b moves  assume d moves unlikely }
";

fn checked(text: &str) -> Analysis {
    Analysis::parse("t.augur", text).expect("the program checks")
}

fn shown(inputs: &ScenarioInputs<'_>, list: &[Assumed<'_>]) -> Vec<String> {
    let p = inputs.program();
    list.iter()
        .map(|a| format!("{} {}", p.show_atom(&a.atom), a.level))
        .collect()
}

/// Every atom that holds and every conflict, with likelihoods: what two runs must agree on.
fn holding(model: &Model<'_>) -> Vec<String> {
    let p = model.program();
    let mut out: Vec<String> = (0..p.predicates().len())
        .flat_map(|i| {
            let pred = PredId::from_index(i);
            model.relation(pred).ids().map(move |t| model.atom(pred, t))
        })
        .filter_map(|a| Some(format!("{} {}", p.show_atom(&a), model.likelihood(&a)?)))
        .collect();
    out.extend(model.conflicts().iter().map(|c| format!("{c:?}")));
    out.sort();
    out
}

#[test]
fn a_child_replaces_its_parents_lines_and_may_lift_a_block() {
    let analysis = checked(CHAIN);
    let p = analysis.program();
    let id = |name| p.scenario_named(name).expect("declared");
    let root = p.inputs(id("root")).expect("known");
    assert_eq!(shown(&root, root.assumed()), ["a moves certain"]);
    assert_eq!(shown(&root, root.blocked()).len(), 3);
    // A fact the scenario forbids is not among its facts.
    let facts: Vec<String> = root.facts().map(|(_, f)| p.show_atom(&f.atom)).collect();
    assert_eq!(facts, ["base holds"]);
    let mid = p.inputs(id("mid")).expect("known");
    assert_eq!(
        shown(&mid, mid.assumed()),
        ["a moves certain", "b moves likely", "c moves certain"]
    );
    assert_eq!(
        shown(&mid, mid.blocked()),
        ["shaky holds certain", "e moves certain"]
    );
    let leaf = p.inputs(id("leaf")).expect("known");
    assert_eq!(
        shown(&leaf, leaf.assumed()),
        ["a moves certain", "c moves certain", "d moves unlikely"]
    );
    assert!(leaf.is_blocked(&analysis.hypothesis("b moves").expect("resolves")));
    let blocking = leaf.blocking(&analysis.hypothesis("b moves").expect("resolves"));
    let line = leaf.line(blocking.expect("blocked")).expect("a line");
    assert_eq!(p.sources().location(line.span).line, 11);
    assert_eq!(
        blocking.map(|b| b.origin),
        Some(Origin::Line {
            scenario: id("leaf"),
            index: 0
        })
    );
}

#[test]
fn a_foreign_scenario_id_is_an_error_not_a_panic() {
    let analysis = checked(CHAIN);
    let p = analysis.program();
    let foreign = ScenarioId::from_index(p.scenarios().len());
    assert!(matches!(
        p.inputs(foreign),
        Err(InputError::UnknownScenario { index: 3, count: 3 })
    ));
    assert!(p.assumptions(foreign).is_empty());
    let engine = Engine::new(p);
    let options = Options::default();
    for run in [
        engine.run(foreign, &options),
        engine.run_with(foreign, &[], &options),
        engine.what_if(foreign, &WhatIf::default(), &options),
    ] {
        assert!(matches!(
            run,
            Err(EngineError::Input(InputError::UnknownScenario { .. }))
        ));
    }
    // Inputs of one program on another's engine.
    let other = Analysis::parse("u.augur", CHAIN).expect("checks");
    let inputs = other.program().inputs(ScenarioId(0)).expect("known");
    assert!(matches!(
        engine.run_inputs(inputs, &options),
        Err(EngineError::Input(InputError::ForeignInputs))
    ));
}

#[test]
fn a_what_if_atom_must_be_the_programs_and_not_contradict_itself() {
    let analysis = checked(CHAIN);
    let p = analysis.program();
    let inputs = || p.inputs(ScenarioId(0)).expect("known");
    let atom = analysis.hypothesis("a moves").expect("resolves");
    let mut wrong_arity = atom.clone();
    wrong_arity.args = Box::new([]);
    let mut unknown_symbol = atom.clone();
    unknown_symbol.args = Box::new([SymbolId(9999)]);
    let unknown_pred = GroundAtom {
        pred: PredId(9999),
        args: Box::new([]),
    };
    for bad in [wrong_arity, unknown_symbol, unknown_pred] {
        for change in [
            WhatIf::default().add(bad.clone(), Likelihood::Likely),
            WhatIf::default().withdraw(bad.clone()),
            WhatIf::default().forbid(bad.clone()),
        ] {
            let got = inputs().what_if(&change);
            assert!(
                matches!(got, Err(InputError::ForeignAtom { .. })),
                "{change:?}"
            );
        }
        let got = inputs().hypothesize(std::slice::from_ref(&bad));
        assert!(matches!(got, Err(InputError::ForeignAtom { .. })));
    }
    let both = WhatIf::default()
        .add(atom.clone(), Likelihood::Certain)
        .forbid(atom);
    assert!(matches!(
        inputs().what_if(&both),
        Err(InputError::Contradictory { .. })
    ));
}

/// A what-if gives what the same changes written as text give.
#[test]
fn a_what_if_run_equals_the_scenario_written_out() {
    let analysis = checked(CHAIN);
    let engine = Engine::new(analysis.program());
    let atom = |t| analysis.hypothesis(t).expect("resolves");
    let change = WhatIf::default()
        .withdraw(atom("c moves"))
        .add(atom("b moves"), Likelihood::Unlikely)
        .forbid(atom("d moves"))
        .add(atom("shaky holds"), Likelihood::Likely)
        .add(atom("e moves"), Likelihood::Unlikely);
    let leaf = analysis.scenario("leaf").expect("declared");
    let options = Options::default();
    let what_if = engine.what_if(leaf, &change, &options).expect("runs");
    let written = CHAIN.replace("assume c moves", "")
        + "scenario w extends leaf { assume b moves unlikely  assume not d moves  assume shaky holds likely  assume e moves unlikely }";
    let text = checked(&written);
    let expected = text.run("w", &options).expect("runs");
    let plain = holding(&engine.run(leaf, &options).expect("runs"));
    assert_eq!(holding(&what_if), holding(&expected));
    assert_ne!(holding(&what_if), plain);
    // No change: the scenario's own run.
    let same = engine.what_if(leaf, &WhatIf::default(), &options);
    assert_eq!(holding(&same.expect("runs")), plain);
}

/// The order of the effective lines: root first, an atom's lines together at its first line,
/// an overridden atom moved to the scenario that overrides it.
#[test]
fn effective_lines_keep_their_order() {
    let analysis = checked(
        "assumable ?x moves
         scenario p { assume a moves  assume b moves  assume a moves likely  assume c moves }
         scenario k extends p { assume b moves unlikely  assume d moves  assume b moves likely }",
    );
    let p = analysis.program();
    let k = p.scenario_named("k").expect("declared");
    let lines: Vec<String> = p
        .assumptions(k)
        .iter()
        .map(|(s, i, a)| {
            let not = if a.negated { "not " } else { "" };
            let atom = p.show_atom(&a.atom);
            format!("{}#{i} {not}{atom}", p.scenarios()[s.index()].name)
        })
        .collect();
    assert_eq!(
        lines,
        [
            "p#0 a moves",
            "p#2 a moves",
            "p#3 c moves",
            "k#0 b moves",
            "k#2 b moves",
            "k#1 d moves"
        ]
    );
}

/// Atoms of another program (a predicate it lacks, the wrong arity, a constant it lacks)
/// asked of a model and of the APIs that take an atom with one: absent or an error, never
/// a panic nor another atom's answer.
#[test]
fn an_atom_of_another_program_is_absent_or_an_error_never_a_panic() {
    let analysis = checked("fact first p likely\nrule r: ?x p implies ?x q\n");
    let model = analysis.run("default", &Options::default()).expect("runs");
    let held = analysis.atom("first p").expect("resolves");
    assert_eq!(model.likelihood(&held), Some(Likelihood::Likely));
    let foreign = [
        GroundAtom {
            pred: PredId(9999),
            args: Box::new([]),
        },
        // `first p` without its argument: the relation's check word of an empty row is
        // the first constant's, which a relation of one column took for `first p`.
        GroundAtom {
            pred: held.pred,
            args: Box::new([]),
        },
        GroundAtom {
            pred: held.pred,
            args: Box::new([SymbolId(9999)]),
        },
    ];
    let session = analysis.session();
    let engine_input = |e: &crate::Error| {
        matches!(
            e,
            crate::Error::Engine(e) if matches!(**e, EngineError::Input(InputError::ForeignAtom { .. }))
        )
    };
    for atom in &foreign {
        assert!(analysis.program().atom_mismatch(atom).is_some(), "{atom:?}");
        assert_eq!(model.find(atom), None, "{atom:?}");
        assert_eq!(model.likelihood(atom), None, "{atom:?}");
        assert_eq!(model.negation(atom), Some(Likelihood::Certain), "{atom:?}");
        assert!(crate::explain::why(&model, atom).is_none());
        let limits = crate::prob::Limits::default();
        let sampling = crate::prob::Sampling {
            samples: 10,
            seed: 1,
            threads: 1,
            deadline: None,
        };
        for got in [
            crate::prob::exact(&model, atom, &limits).map(|_| ()),
            crate::prob::sensitivity(&model, atom, &limits).map(|_| ()),
            crate::prob::monte_carlo(&model, atom, &sampling).map(|_| ()),
        ] {
            assert!(
                matches!(got, Err(crate::prob::ProbError::ForeignAtom { .. })),
                "{atom:?}: {got:?}"
            );
        }
        let question = crate::abduce::Question::new(atom.clone(), crate::abduce::Goal::Holds);
        let abduced = crate::abduce::abduce(
            &session,
            ScenarioId(0),
            &question,
            &crate::abduce::Bounds::default(),
            &Options::default(),
        );
        assert!(abduced.as_ref().is_err_and(engine_input), "{atom:?}");
        let change = WhatIf::default();
        let request = crate::key_assumptions::Request {
            scenario: ScenarioId(0),
            change: &change,
            atom: Some(atom),
            facts: true,
        };
        let checked = crate::key_assumptions::check(&session, &request, &Options::default());
        assert!(checked.as_ref().is_err_and(engine_input), "{atom:?}");
    }
}
