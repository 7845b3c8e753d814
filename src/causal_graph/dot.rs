//! The graph as Graphviz DOT: `dot -Tsvg` draws it. Nodes are `n0`, `n1`, ...; every label
//! is a double-quoted string escaped by [`escape::dot`].

use std::fmt::Write;

use super::{Edge, EdgeKind, Graph, Mode, Node, NodeKind, fill};
use crate::escape;
use crate::likelihood::Likelihood;

/// The DOT attributes that draw a node of this kind (its shape and outline; the kind is
/// also written in its label).
fn shape(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Derived => "shape=box, style=\"filled\"",
        NodeKind::Fact => "shape=box, peripheries=2, style=\"filled\"",
        NodeKind::Assumption => "shape=box, style=\"rounded,filled\"",
        NodeKind::Assumable | NodeKind::Intervention => {
            "shape=box, style=\"rounded,dashed,filled\""
        }
        NodeKind::Open => "shape=box, style=\"dotted,filled\"",
        NodeKind::Absent | NodeKind::Unproduced => "shape=box, style=\"dashed,filled\"",
        NodeKind::Conflict | NodeKind::Tension => "shape=hexagon, style=\"filled\"",
    }
}

/// A node's line width: 4 in the proof drawn, 2 for what a scenario states (assumptions,
/// interventions), open questions and conflicts, else 1.
fn pen(n: &Node) -> u8 {
    match n.kind {
        _ if n.highlight => 4,
        NodeKind::Assumption | NodeKind::Intervention | NodeKind::Open | NodeKind::Conflict => 2,
        _ => 1,
    }
}

/// The DOT attributes that draw an edge of this kind.
fn edge_style(e: &Edge) -> String {
    let mut attrs = Vec::new();
    if e.negated {
        attrs.push("style=dashed".to_owned());
    } else if e.kind == EdgeKind::Matches {
        attrs.push("style=dotted".to_owned());
    }
    if e.highlight {
        attrs.push("penwidth=3".to_owned());
    }
    attrs.join(", ")
}

fn node_line(out: &mut String, n: &Node) {
    let (fill, font) = fill(n.likelihood);
    let label = format!(
        "{}\\n{}",
        escape::dot(&n.label),
        escape::dot(&Graph::caption(n))
    );
    let tooltip = n
        .place
        .as_ref()
        .map(|p| format!(", tooltip=\"{}:{}\"", escape::dot(&p.file), p.line))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "  {} [label=\"{label}\", {}, fillcolor=\"{fill}\", fontcolor=\"{font}\", penwidth={}{tooltip}];",
        n.id,
        shape(n.kind),
        pen(n)
    );
}

/// The graph in DOT, left to right, with its title, the cap's note when it left anything
/// out, and a legend of the likelihood palette when nodes carry likelihoods.
pub fn render(g: &Graph) -> String {
    let mut out = String::new();
    let mut title = escape::dot(&g.title());
    if let Some(note) = g.note() {
        title = format!("{title}\\n{}", escape::dot(&note));
    }
    out.push_str("digraph augur {\n");
    let _ = writeln!(
        out,
        "  graph [rankdir=LR, label=\"{title}\", labelloc=t, fontname=\"Helvetica\"];"
    );
    out.push_str("  node [fontname=\"Helvetica\", fontsize=11];\n");
    out.push_str("  edge [fontname=\"Helvetica\", fontsize=9];\n");
    for n in &g.nodes {
        node_line(&mut out, n);
    }
    for e in &g.edges {
        let style = edge_style(e);
        let sep = if style.is_empty() { "" } else { ", " };
        let _ = writeln!(
            out,
            "  {} -> {} [label=\"{}\"{sep}{style}];",
            e.from,
            e.to,
            escape::dot(&e.label())
        );
    }
    if g.mode != Mode::Model {
        legend(&mut out);
    }
    out.push_str("}\n");
    out
}

/// The palette, lowest to highest, as a row of boxes in a cluster of its own.
fn legend(out: &mut String) {
    out.push_str("  subgraph cluster_legend {\n");
    out.push_str("    label=\"likelihood (darker: more likely)\";\n");
    for (i, level) in Likelihood::ALL.iter().enumerate() {
        let (fill, font) = fill(Some(*level));
        let _ = writeln!(
            out,
            "    legend{i} [label=\"{level}\", shape=box, style=\"filled\", fillcolor=\"{fill}\", fontcolor=\"{font}\"];"
        );
    }
    let chain: Vec<String> = (0..Likelihood::ALL.len())
        .map(|i| format!("legend{i}"))
        .collect();
    let _ = writeln!(out, "    {} [style=invis];", chain.join(" -> "));
    out.push_str("  }\n");
}
