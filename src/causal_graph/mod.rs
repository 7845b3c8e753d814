//! The causal graph as a picture: a typed graph of what a rule base, a scenario or one
//! proof says, and its renderings as Graphviz DOT, Mermaid, JSON (serde) and an SVG that
//! augur lays out itself.
//!
//! Three modes build one [`Graph`] type:
//!
//! - [`model`]: the rule base. Nodes are atom patterns as the rules write them (variables
//!   renamed by position, so `?a is ?b` and `?x is ?y` are one node), conflicts and
//!   tensions; one edge per premise and conclusion of a rule, labelled with the rule;
//!   `matches` edges join a conclusion to a different premise pattern it can instantiate.
//!   A pattern is marked with every way it can hold: derived, fact, assumable, open.
//! - [`scenario`]: one run. Nodes are the ground atoms that hold (facts only where a rule
//!   used them), the scenario's `assume not` lines, its open questions and the conflicts
//!   and tensions that hold, each with its likelihood; one edge per premise of each rule
//!   application. Under a cap, the assumptions come first, then each conclusion with the
//!   atoms its rules used.
//! - [`proof`]: one atom's strongest proof (as `augur why` shows it), highlighted (and
//!   captioned "in the proof") in its context: the other rule applications that conclude
//!   its atoms, then the rest of the scenario's picture, unhighlighted (faded in the SVG).
//!   Under a cap the proof comes first.
//!
//! Every graph holds at most [`Graph::max_nodes`] nodes and four times as many edges; what
//! a cap leaves out is counted in [`Graph::omitted`], and every rendering says so. Nodes
//! and edges come in a deterministic order (declaration order, then order of derivation),
//! so a rendering is the same bytes on every run.

mod build;
pub mod dot;
mod labels;
mod layout;
pub mod mermaid;
mod model;
mod proof;
pub mod svg;

use serde::Serialize;

use crate::explain::Place;
use crate::likelihood::Likelihood;

pub use build::scenario;
pub use model::model;
pub use proof::proof;

/// The most nodes a graph holds unless the caller asks for another bound.
pub const DEFAULT_MAX_NODES: usize = 300;

/// The largest bound a caller may ask for: an SVG of this many nodes is already a poster.
/// A larger one is taken as this one ([`Graph::max_nodes`] says which held).
pub const MAX_MAX_NODES: usize = 5_000;

/// How many edges a graph may hold per node it may hold.
pub const EDGES_PER_NODE: usize = 4;

/// Which picture a graph is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// The rule base: atom patterns and rules.
    Model,
    /// One scenario: the ground atoms that hold and the rules that fired.
    Scenario,
    /// One atom's strongest proof in a scenario.
    Proof,
}

/// What a node stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    /// Concluded by a rule.
    Derived,
    /// A `fact` (in the model: a pattern some fact matches).
    Fact,
    /// Covered by an `assumable` declaration (model only).
    Assumable,
    /// Assumed by the scenario (`assume`).
    Assumption,
    /// Forbidden by the scenario (`assume not`): an intervention.
    Intervention,
    /// An open question: neither true nor false.
    Open,
    /// An atom that does not hold, drawn because a `not` premise relied on it.
    Absent,
    /// A pattern nothing can produce (no fact, rule or assumable): it never holds.
    Unproduced,
    /// A conflict (a contradiction).
    Conflict,
    /// A tension (a trade-off the sources present).
    Tension,
}

impl NodeKind {
    /// The word a rendering shows for the kind, so that no reader depends on colour or
    /// shape alone.
    pub fn word(self) -> &'static str {
        match self {
            NodeKind::Derived => "derived",
            NodeKind::Fact => "fact",
            NodeKind::Assumable => "assumable",
            NodeKind::Assumption => "assumed",
            NodeKind::Intervention => "assume not",
            NodeKind::Open => "open",
            NodeKind::Absent => "does not hold",
            NodeKind::Unproduced => "never holds",
            NodeKind::Conflict => "conflict",
            NodeKind::Tension => "tension",
        }
    }
}

/// A node's id: its position in [`Graph::nodes`], written `n0`, `n1`, ... by renderings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NodeId(pub u32);

impl NodeId {
    /// Its position in [`Graph::nodes`].
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

impl std::fmt::Display for NodeId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "n{}", self.0)
    }
}

impl Serialize for NodeId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A node.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Node {
    /// Its id.
    pub id: NodeId,
    /// The atom (canonical text, variables `?name`) or the conflict's name and bindings,
    /// as written: each rendering escapes it for its format.
    pub label: String,
    /// What it stands for (the first way it holds).
    pub kind: NodeKind,
    /// The other ways it holds (model: a derived pattern some facts also match).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<NodeKind>,
    /// Its likelihood in the scenario (none in the model, or where it does not hold).
    pub likelihood: Option<Likelihood>,
    /// Where it is written first (a fact, an `assume` line, the first rule concluding it).
    pub place: Option<Place>,
    /// Part of the proof drawn (proof mode).
    pub highlight: bool,
}

/// What an edge stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EdgeKind {
    /// A premise of a rule, to one of its conclusions.
    Rule,
    /// A premise of a conflict or tension, to it.
    Conflict,
    /// A premise under which an open question arises, to the question.
    OpenWhen,
    /// A conclusion pattern to a different premise pattern it can instantiate (model).
    Matches,
}

/// An edge, premise to conclusion.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Edge {
    /// The premise.
    pub from: NodeId,
    /// The conclusion.
    pub to: NodeId,
    /// What it stands for.
    pub kind: EdgeKind,
    /// The rule's name, for a [`EdgeKind::Rule`] edge.
    pub rule: Option<String>,
    /// A `not` premise.
    pub negated: bool,
    /// Part of the proof drawn (proof mode).
    pub highlight: bool,
}

impl Edge {
    /// The text drawn on the edge: the rule's name, `not` before it for a negated premise.
    pub fn label(&self) -> String {
        let name = match (self.kind, &self.rule) {
            (_, Some(rule)) => rule.as_str(),
            (EdgeKind::OpenWhen, None) => "open when",
            (EdgeKind::Matches, None) => "matches",
            _ => "",
        };
        match (self.negated, name.is_empty()) {
            (true, true) => "not".to_owned(),
            (true, false) => format!("not · {name}"),
            (false, _) => name.to_owned(),
        }
    }
}

/// What a cap left out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Omitted {
    /// Nodes not drawn (in a scenario or proof, those found: the premises of atoms not
    /// drawn are not looked for).
    pub nodes: usize,
    /// Edges into drawn nodes not drawn: from a node not drawn, or past the edge budget.
    pub edges: usize,
}

/// A causal graph, ready to render.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Graph {
    /// Which picture it is.
    pub mode: Mode,
    /// The scenario (scenario and proof modes).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scenario: Option<String>,
    /// The atom whose proof is drawn (proof mode).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub atom: Option<String>,
    /// The nodes, in drawing order.
    pub nodes: Vec<Node>,
    /// The edges, in drawing order.
    pub edges: Vec<Edge>,
    /// The most nodes it may hold.
    pub max_nodes: usize,
    /// What the cap left out.
    pub omitted: Omitted,
}

impl Graph {
    /// The title renderings show: what the picture is of.
    pub fn title(&self) -> String {
        match (self.mode, &self.scenario, &self.atom) {
            (Mode::Proof, Some(s), Some(a)) => format!("proof of {a} in scenario {s}"),
            (_, Some(s), _) => format!("scenario {s}"),
            _ => "the rule base".to_owned(),
        }
    }

    /// The note renderings show when the cap left something out, else `None`. The model's
    /// count of nodes is exact; a scenario or proof does not look for the premises of the
    /// atoms it leaves out, so there it says "at least".
    pub fn note(&self) -> Option<String> {
        let Omitted { nodes, edges } = self.omitted;
        if nodes == 0 && edges == 0 {
            return None;
        }
        let at_least = if self.mode == Mode::Model {
            ""
        } else {
            "at least "
        };
        let mut note = format!(
            "capped: {} of {at_least}{} nodes drawn (--max-nodes {})",
            self.nodes.len(),
            self.nodes.len() + nodes,
            self.max_nodes
        );
        if edges > 0 {
            note.push_str(&format!(
                "; {} edges drawn, {edges} more into them left out (at most {} per node)",
                self.edges.len(),
                EDGES_PER_NODE
            ));
        }
        Some(note)
    }

    /// The second line of a node's label: its kinds and likelihood in words, e.g.
    /// `derived · likely` or `fact, assumable`; `· in the proof` after it for a node of
    /// the proof drawn, so that the proof is told in words as well as by line and colour.
    pub fn caption(node: &Node) -> String {
        let mut kinds = vec![node.kind.word()];
        kinds.extend(node.also.iter().map(|k| k.word()));
        let kinds = kinds.join(", ");
        let proof = if node.highlight {
            " · in the proof"
        } else {
            ""
        };
        match node.likelihood {
            Some(l) => format!("{kinds} · {l}{proof}"),
            None => format!("{kinds}{proof}"),
        }
    }
}

/// The fill of each likelihood, lowest first ([`Likelihood::ALL`]'s order): one
/// sequential palette (ColorBrewer's Blues, light to dark) for every format, so that darker
/// always means more likely. Text on the two darkest is white.
pub const PALETTE: [&str; 8] = [
    "#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#084594",
];

/// The fill of a node with this likelihood and the colour of its text (white on the two
/// darkest); nodes without one (the model, open questions) are white with black text.
pub fn fill(likelihood: Option<Likelihood>) -> (&'static str, &'static str) {
    match likelihood {
        Some(l) if l.rank() >= 6 => (PALETTE[l.rank()], "#ffffff"),
        Some(l) => (PALETTE[l.rank()], "#000000"),
        None => ("#ffffff", "#000000"),
    }
}

#[cfg(test)]
mod tests;
