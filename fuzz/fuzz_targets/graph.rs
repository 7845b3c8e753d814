//! `augur graph` on programs built from the fuzz bytes (`augur_fuzz::program`), the bytes
//! left over read as an `--atom` text: the model's graph, each scenario's, and the proof of
//! up to six atoms per scenario (and of the text, when it names an atom that holds), under
//! small caps; each rendered as DOT, Mermaid, SVG and JSON. Every node and edge is in every
//! rendering, no hidden character reaches one raw, the cap's counts add up, and a second
//! build renders the same bytes.
#![no_main]

use arbitrary::Unstructured;
use augur::Analysis;
use augur::causal_graph::{self, Graph};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Some(analysis) = augur_fuzz::generated(&mut u) else {
        return;
    };
    let atom_text = String::from_utf8_lossy(u.take_rest()).into_owned();
    exercise(&analysis, &atom_text);
});

fn exercise(analysis: &Analysis, atom_text: &str) {
    let program = analysis.program();
    for cap in [3, 300] {
        let g = causal_graph::model(program, cap);
        check(&g, &causal_graph::model(program, cap));
    }
    // The --atom text: an error, or an atom that may or may not hold.
    let asked = analysis.atom(atom_text).ok();
    let session = analysis.session();
    for s in 0..program.scenarios().len() {
        let id = augur::program::ScenarioId::from_index(s);
        let Ok(model) = session.run(id, &augur_fuzz::options()) else {
            continue;
        };
        for cap in [2, 300] {
            let g = causal_graph::scenario(&model, cap);
            check(&g, &causal_graph::scenario(&model, cap));
        }
        let mut atoms: Vec<_> = model.conclusions().into_iter().map(|c| c.atom).take(6).collect();
        atoms.extend(asked.clone());
        for atom in atoms {
            match causal_graph::proof(&model, &atom, 300) {
                Some(g) => {
                    assert!(model.likelihood(&atom).is_some());
                    assert!(g.nodes.first().is_some_and(|n| n.highlight));
                    check(&g, &causal_graph::proof(&model, &atom, 300).expect("again"));
                }
                None => assert!(model.likelihood(&atom).is_none()),
            }
        }
    }
}

/// What every graph and its renderings keep.
fn check(g: &Graph, again: &Graph) {
    assert_eq!(g, again, "a second build is the same graph");
    assert!(g.nodes.len() <= g.max_nodes);
    assert!(g.edges.len() <= g.max_nodes * causal_graph::EDGES_PER_NODE);
    assert_eq!(g.note().is_some(), g.omitted.nodes + g.omitted.edges > 0);
    let dot = causal_graph::dot::render(g);
    let mermaid = causal_graph::mermaid::render(g);
    let svg = causal_graph::svg::render(g);
    let json = serde_json::to_string(g).expect("a graph serializes");
    assert_eq!(svg, causal_graph::svg::render(again), "the layout is deterministic");
    for out in [&dot, &mermaid, &svg] {
        assert!(!out.chars().any(|c| c != '\n' && augur::escape::is_hidden(c)));
    }
    for n in &g.nodes {
        assert!(dot.contains(&format!("  {} [label=\"{}\\n", n.id, augur::escape::dot(&n.label))));
        assert!(mermaid.contains(&format!("\"{}<br/>", augur::escape::mermaid(&n.label))));
        assert!(svg.contains(&format!("id=\"{}\" transform", n.id)));
        assert!(json.contains(&format!("\"id\":\"{}\"", n.id)));
    }
    for e in &g.edges {
        assert!(e.from.index() < g.nodes.len() && e.to.index() < g.nodes.len());
        assert!(dot.contains(&format!("  {} -> {} [", e.from, e.to)));
        assert!(svg.contains(&format!("<title>{} → {}:", e.from, e.to)));
    }
}
