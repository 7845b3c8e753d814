//! Tests of the causal graph: the three modes on a small program, the cap at its
//! boundary, and hostile labels in every format.

use super::*;
use crate::Analysis;
use crate::engine::Options;

const PROGRAM: &str = include_str!("../../tests/data/graph.augur");

fn analysis() -> Analysis {
    Analysis::parse("graph.augur", PROGRAM).expect("the program checks")
}

fn node<'g>(g: &'g Graph, label: &str) -> &'g Node {
    g.nodes
        .iter()
        .find(|n| n.label == label)
        .unwrap_or_else(|| panic!("no node `{label}` in {:#?}", g.nodes))
}

fn edge<'g>(g: &'g Graph, from: &str, to: &str) -> Option<&'g Edge> {
    let (a, b) = (node(g, from).id, node(g, to).id);
    g.edges.iter().find(|e| e.from == a && e.to == b)
}

#[test]
fn the_model_draws_patterns_rules_conflicts_and_open_questions() {
    let a = analysis();
    let g = model(a.program(), DEFAULT_MAX_NODES);
    assert_eq!(g.mode, Mode::Model);
    assert_eq!(node(&g, "us retreats").kind, NodeKind::Assumable);
    assert_eq!(node(&g, "china fills_gap").kind, NodeKind::Derived);
    assert_eq!(node(&g, "china is rival").kind, NodeKind::Fact);
    assert_eq!(node(&g, "?c courts china").kind, NodeKind::Assumable);
    assert_eq!(node(&g, "?c allied_with brazil").kind, NodeKind::Fact);
    assert_eq!(node(&g, "brazil answers").kind, NodeKind::Open);
    assert_eq!(node(&g, "split").kind, NodeKind::Conflict);
    assert_eq!(node(&g, "cost").kind, NodeKind::Tension);
    let not = edge(&g, "brazil hedges", "china fills_gap").expect("a premise edge");
    assert!(not.negated);
    assert_eq!(not.rule.as_deref(), Some("gap"));
    assert_eq!(not.label(), "not · gap");
    let plain = edge(&g, "us retreats", "china fills_gap").expect("a premise edge");
    assert!(!plain.negated);
    assert_eq!(
        edge(&g, "china fills_gap", "split").map(|e| e.kind),
        Some(EdgeKind::Conflict)
    );
    assert_eq!(
        edge(&g, "china fills_gap", "brazil answers").map(|e| e.kind),
        Some(EdgeKind::OpenWhen)
    );
    assert!(g.nodes.iter().all(|n| n.likelihood.is_none()));
    assert_eq!(g.omitted, Omitted::default());
    assert_eq!(g.note(), None);
}

#[test]
fn patterns_that_differ_in_variable_names_are_one_node_and_matches_join_the_rest() {
    let a = Analysis::parse(
        "m.augur",
        "fact a is x\nfact b likes x\n\
         rule r1: ?p is x implies ?p good\n\
         rule r2: ?q is x and ?q likes x implies ?q good\n\
         rule r3: b good implies b finished\n",
    )
    .expect("checks");
    let g = model(a.program(), DEFAULT_MAX_NODES);
    // `?p good` and `?q good` are one pattern, drawn as first written.
    assert_eq!(
        g.nodes
            .iter()
            .filter(|n| n.label.ends_with(" good"))
            .count(),
        2
    );
    let m = edge(&g, "?p good", "b good").expect("a matches edge");
    assert_eq!(m.kind, EdgeKind::Matches);
    assert_eq!(m.label(), "matches");
    // `b good` is a conclusion's instance: derived.
    assert_eq!(node(&g, "b good").kind, NodeKind::Derived);
}

#[test]
fn a_scenario_draws_what_holds_with_likelihoods_and_the_rules_that_fired() {
    let a = analysis();
    let model = a.run("retreat", &Options::default()).expect("runs");
    let g = scenario(&model, DEFAULT_MAX_NODES);
    assert_eq!(g.scenario.as_deref(), Some("retreat"));
    let retreat = node(&g, "us retreats");
    assert_eq!(retreat.kind, NodeKind::Assumption);
    assert_eq!(retreat.likelihood, Some(Likelihood::Certain));
    let hedges = node(&g, "brazil hedges");
    assert_eq!(hedges.kind, NodeKind::Intervention);
    assert_eq!(hedges.likelihood, None);
    assert_eq!(
        node(&g, "china fills_gap").likelihood,
        Some(Likelihood::Likely)
    );
    assert_eq!(
        node(&g, "rivals gain").likelihood,
        Some(Likelihood::EvenChance)
    );
    assert_eq!(node(&g, "china is rival").kind, NodeKind::Fact);
    assert_eq!(node(&g, "brazil answers").kind, NodeKind::Open);
    assert_eq!(node(&g, "cost").kind, NodeKind::Tension);
    assert!(edge(&g, "brazil hedges", "china fills_gap").is_some_and(|e| e.negated));
    // A fact no fired rule used is not drawn, nor an atom that does not hold.
    assert!(g.nodes.iter().all(|n| n.label != "us allied_with brazil"));
    assert!(g.nodes.iter().all(|n| n.label != "us worries"));
    assert!(g.nodes.iter().all(|n| n.label != "split"));
    // A derived atom's place is its rule's.
    let place = node(&g, "china fills_gap").place.clone().expect("placed");
    assert_eq!(place.line, 12);
}

#[test]
fn a_not_premise_on_an_atom_that_never_held_draws_it_as_absent() {
    let a = Analysis::parse(
        "n.augur",
        "assumable a go\nassumable b stop\nrule r: a go and not b stop implies c done\n\
         scenario s { assume a go }\n",
    )
    .expect("checks");
    let model = a.run("s", &Options::default()).expect("runs");
    let g = scenario(&model, DEFAULT_MAX_NODES);
    assert_eq!(node(&g, "b stop").kind, NodeKind::Absent);
    assert!(edge(&g, "b stop", "c done").is_some_and(|e| e.negated));
}

#[test]
fn a_proof_is_highlighted_among_its_context() {
    let a = Analysis::parse(
        "p.augur",
        "assumable a go\nassumable b go\n\
         rule strong: a go implies c done [likely]\n\
         rule weak: b go implies c done [unlikely]\n\
         rule next: c done implies d done\n\
         rule after: d done implies g done\n\
         assumable e go\nrule other: e go implies f done\n\
         scenario s { assume a go\n assume b go\n assume e go }\n",
    )
    .expect("checks");
    let model = a.run("s", &Options::default()).expect("runs");
    let atom = a.atom("d done").expect("can hold");
    let g = proof(&model, &atom, DEFAULT_MAX_NODES).expect("holds");
    assert_eq!(g.atom.as_deref(), Some("d done"));
    for label in ["d done", "c done", "a go"] {
        assert!(node(&g, label).highlight, "{label}");
        assert!(Graph::caption(node(&g, label)).ends_with(" · in the proof"));
    }
    assert!(!node(&g, "b go").highlight, "the weaker way in is context");
    assert!(edge(&g, "a go", "c done").is_some_and(|e| e.highlight));
    assert!(edge(&g, "b go", "c done").is_some_and(|e| !e.highlight));
    // The context is the whole scenario: what the proof leads to, and what it does not
    // touch, unhighlighted; every node and edge of the scenario's picture, none twice.
    for label in ["g done", "e go", "f done"] {
        assert!(!node(&g, label).highlight, "{label}");
        assert!(!Graph::caption(node(&g, label)).contains("proof"));
    }
    let whole = scenario(&model, DEFAULT_MAX_NODES);
    let labels = |g: &Graph| {
        let mut l: Vec<String> = g.nodes.iter().map(|n| n.label.clone()).collect();
        l.sort();
        l
    };
    assert_eq!(labels(&g), labels(&whole));
    assert_eq!(
        g.edges.len(),
        whole.edges.len(),
        "no edge drawn twice: {:#?}",
        g.edges
    );
    // Under a cap the proof comes first.
    let capped = proof(&model, &atom, 3).expect("holds");
    assert!(
        capped.nodes.iter().all(|n| n.highlight),
        "{:#?}",
        capped.nodes
    );
    assert_eq!(capped.nodes.len(), 3);
    // The SVG fades the context and says the proof in words.
    let svg = svg::render(&g);
    // Context: b go, e go, f done, g done and the edges b-c, d-g, e-f.
    assert_eq!(svg.matches(" opacity=\"0.45\"").count(), 4 + 3, "{svg}");
    assert_eq!(svg.matches("· in the proof</text>").count(), 3);
    // An atom that does not hold has no proof to draw.
    let none = Analysis::parse(
        "q.augur",
        "assumable a go\nrule r: a go implies c done\nscenario s { }\n",
    )
    .expect("checks");
    let m = none.run("s", &Options::default()).expect("runs");
    let c = none.atom("c done").expect("can hold");
    assert!(proof(&m, &c, DEFAULT_MAX_NODES).is_none());
}

#[test]
fn the_cap_keeps_the_first_nodes_and_counts_the_rest() {
    let a = analysis();
    let full = model(a.program(), DEFAULT_MAX_NODES);
    let total = full.nodes.len();
    // The limit at the graph's size, one above and one below.
    for (cap, drawn) in [(total + 1, total), (total, total), (total - 1, total - 1)] {
        let g = model(a.program(), cap);
        assert_eq!(g.nodes.len(), drawn, "cap {cap}");
        assert_eq!(g.omitted.nodes, total - drawn, "cap {cap}");
        assert_eq!(
            g.nodes[..],
            full.nodes[..drawn],
            "cap {cap}: the first nodes kept"
        );
        let into_drawn = full.edges.iter().filter(|e| e.to.index() < drawn).count();
        assert_eq!(g.edges.len() + g.omitted.edges, into_drawn, "cap {cap}");
        assert_eq!(g.note().is_some(), drawn < total, "cap {cap}");
    }
    let g = model(a.program(), 1);
    let note = g.note().expect("a note");
    assert!(
        note.starts_with(&format!("capped: 1 of {total} nodes")),
        "{note}"
    );
}

#[test]
fn a_library_caller_gets_at_most_max_max_nodes_whatever_it_asks() {
    // A scenario of MAX_MAX_NODES + 1 assumptions, drawn with no cap asked for: the bound
    // the command line enforces holds in the library too, so every node id fits its u32.
    let mut text = String::from("assumable ?x go\nscenario s {\n");
    for i in 0..=MAX_MAX_NODES {
        text.push_str(&format!("  assume n{i} go\n"));
    }
    text.push_str("}\n");
    let a = Analysis::parse("many.augur", &text).expect("checks");
    let m = a.run("s", &Options::default()).expect("runs");
    let g = scenario(&m, usize::MAX);
    assert_eq!(g.max_nodes, MAX_MAX_NODES);
    assert_eq!(g.nodes.len(), MAX_MAX_NODES);
    assert_eq!(g.omitted.nodes, 1);
    assert_eq!(
        scenario(&m, MAX_MAX_NODES - 1).nodes.len(),
        MAX_MAX_NODES - 1
    );
}

#[test]
fn edges_are_capped_at_four_per_node() {
    // Two nodes joined by k rules: k edges, against a budget of 2 * 4.
    let budget = 2 * EDGES_PER_NODE;
    for k in [budget - 1, budget, budget + 1] {
        let mut text = String::from("assumable a go\n");
        for i in 0..k {
            text.push_str(&format!("rule r{i}: a go implies z done\n"));
        }
        let a = Analysis::parse("e.augur", &text).expect("checks");
        let g = model(a.program(), 2);
        assert_eq!(g.nodes.len(), 2);
        assert_eq!(g.edges.len(), k.min(budget), "{k} rules");
        assert_eq!(g.omitted.edges, k.saturating_sub(budget), "{k} rules");
        assert_eq!(g.note().is_some(), k > budget, "{k} rules");
    }
}

#[test]
fn hostile_labels_are_escaped_in_every_format() {
    let a = Analysis::parse(
        "h.augur",
        "assumable \"a\\\"b<c>&#`\\u{1b}[31m\\\\n\" go\nrule r: \"a\\\"b<c>&#`\\u{1b}[31m\\\\n\" go implies x done\n",
    )
    .expect("checks");
    let g = model(a.program(), DEFAULT_MAX_NODES);
    let label = &g.nodes[0].label;
    // The atom is shown in the language's syntax, the escape already written out.
    assert!(label.contains("\\u{1b}") && label.contains('"'), "{label}");
    let dot = dot::render(&g);
    let mermaid = mermaid::render(&g);
    let svg = svg::render(&g);
    for out in [&dot, &mermaid, &svg] {
        assert!(!out.contains('\u{1b}'), "{out}");
        assert!(out.contains("\\u{1b}[31m"), "{out}");
    }
    assert!(
        dot.contains(r#"\"a\\\"b<c>&#`\\u{1b}[31m\\\\n\" go"#),
        "{dot}"
    );
    assert!(
        mermaid.contains("#quot;a\\#quot;b#lt;c#gt;#amp;#35;#96;"),
        "{mermaid}"
    );
    assert!(!mermaid.contains("<c>"), "{mermaid}");
    assert!(svg.contains("&quot;a\\&quot;b&lt;c&gt;&amp;#`"), "{svg}");
}
