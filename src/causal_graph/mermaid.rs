//! The graph as a Mermaid flowchart, for Markdown pages that render Mermaid. Nodes are
//! `n0`, `n1`, ...; every label is a double-quoted string escaped by [`escape::mermaid`].

use std::fmt::Write;

use super::{EdgeKind, Graph, Mode, Node, NodeKind, fill};
use crate::escape;
use crate::likelihood::Likelihood;

/// A node's shape: brackets around its quoted label.
fn brackets(kind: NodeKind) -> (&'static str, &'static str) {
    match kind {
        NodeKind::Derived | NodeKind::Open | NodeKind::Absent | NodeKind::Unproduced => ("[", "]"),
        NodeKind::Fact => ("[[", "]]"),
        NodeKind::Assumption | NodeKind::Assumable | NodeKind::Intervention => ("([", "])"),
        NodeKind::Conflict | NodeKind::Tension => ("{{", "}}"),
    }
}

/// A node's outline, beside its fill.
fn outline(n: &Node) -> &'static str {
    match (n.highlight, n.kind) {
        (true, _) => "stroke:#d95f02,stroke-width:4px",
        (false, NodeKind::Assumable | NodeKind::Intervention | NodeKind::Absent) => {
            "stroke:#333333,stroke-dasharray:5 5"
        }
        (false, NodeKind::Unproduced) => "stroke:#333333,stroke-dasharray:5 5",
        (false, NodeKind::Open) => "stroke:#333333,stroke-width:2px,stroke-dasharray:2 2",
        (false, NodeKind::Conflict) => "stroke:#333333,stroke-width:2px",
        (false, _) => "stroke:#333333",
    }
}

/// The graph as a Mermaid flowchart, left to right: each node styled with its
/// likelihood's fill, the cap's note as a node of its own when it left anything out, and
/// a legend of the palette when nodes carry likelihoods.
pub fn render(g: &Graph) -> String {
    let mut out = String::from("flowchart LR\n");
    let _ = writeln!(out, "  %% augur graph: {}", escape::mermaid(&g.title()));
    for n in &g.nodes {
        let (open, close) = brackets(n.kind);
        let label = format!(
            "{}<br/>{}",
            escape::mermaid(&n.label),
            escape::mermaid(&Graph::caption(n))
        );
        let _ = writeln!(out, "  {}{open}\"{label}\"{close}", n.id);
    }
    for e in &g.edges {
        let arrow = match (e.highlight, e.negated || e.kind == EdgeKind::Matches) {
            (true, _) => "==>",
            (false, true) => "-.->",
            (false, false) => "-->",
        };
        let label = e.label();
        if label.is_empty() {
            let _ = writeln!(out, "  {} {arrow} {}", e.from, e.to);
        } else {
            let label = escape::mermaid(&label);
            let _ = writeln!(out, "  {} {arrow}|\"{label}\"| {}", e.from, e.to);
        }
    }
    for n in &g.nodes {
        let (fill, color) = fill(n.likelihood);
        let _ = writeln!(
            out,
            "  style {} fill:{fill},color:{color},{}",
            n.id,
            outline(n)
        );
    }
    if let Some(note) = g.note() {
        let _ = writeln!(out, "  cap_note[\"{}\"]", escape::mermaid(&note));
    }
    if g.mode != Mode::Model {
        legend(&mut out);
    }
    out
}

/// The palette, lowest to highest, as a subgraph of boxes.
fn legend(out: &mut String) {
    out.push_str("  subgraph legend[\"likelihood (darker: more likely)\"]\n");
    out.push_str("    direction LR\n");
    for (i, level) in Likelihood::ALL.iter().enumerate() {
        let _ = writeln!(out, "    legend{i}[\"{level}\"]");
    }
    out.push_str("  end\n");
    for (i, level) in Likelihood::ALL.iter().enumerate() {
        let (fill, color) = fill(Some(*level));
        let _ = writeln!(out, "  style legend{i} fill:{fill},color:{color}");
    }
}
