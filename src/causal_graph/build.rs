//! Building a graph under its cap ([`Builder`]), and the scenario mode: the ground atoms
//! that hold and every rule application among them.

use std::ops::ControlFlow;

use indexmap::{IndexMap, IndexSet};

use super::{Edge, EdgeKind, Graph, Mode, Node, NodeId, NodeKind, Omitted};
use crate::engine::Leaf;
use crate::engine::Model;
use crate::explain::Place;
use crate::program::{ConflictId, GroundAtom, Program, SymbolId};
use crate::source::Span;

/// What identifies a node: an atom pattern (model), a ground atom, or a conflict match.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(super) enum Key {
    /// A pattern: the predicate and its arguments, variables numbered by first occurrence.
    Pattern(crate::program::PredId, Vec<crate::program::Arg>),
    /// A ground atom.
    Atom(GroundAtom),
    /// A conflict or tension (model), or one match of it (its variables' values).
    Conflict(ConflictId, Vec<SymbolId>),
}

/// A graph being built: nodes by key, in first-come order, at most `max_nodes` of them and
/// [`super::EDGES_PER_NODE`] times as many edges; what does not fit is counted. Whatever
/// the caller asks, `max_nodes` is at most [`super::MAX_MAX_NODES`], so a node's position
/// fits its `u32` id ([`index_u32`]).
pub(super) struct Builder {
    nodes: IndexMap<Key, Node>,
    edges: IndexSet<Edge>,
    left_out: IndexSet<Key>,
    edges_left_out: usize,
    max_nodes: usize,
}

impl Builder {
    pub(super) fn new(max_nodes: usize) -> Self {
        Builder {
            nodes: IndexMap::new(),
            edges: IndexSet::new(),
            left_out: IndexSet::new(),
            edges_left_out: 0,
            max_nodes: max_nodes.min(super::MAX_MAX_NODES),
        }
    }

    /// Whether the node budget is spent.
    pub(super) fn full(&self) -> bool {
        self.nodes.len() >= self.max_nodes
    }

    /// Whether the edge budget is spent.
    pub(super) fn edges_full(&self) -> bool {
        self.edges.len() >= self.max_nodes.saturating_mul(super::EDGES_PER_NODE)
    }

    /// The node of `key`, made by `make` when new; `None` (and counted) when the cap
    /// leaves it out.
    pub(super) fn node(&mut self, key: Key, make: impl FnOnce() -> Node) -> Option<NodeId> {
        if let Some(i) = self.nodes.get_index_of(&key) {
            return Some(NodeId(index_u32(i)));
        }
        if self.full() {
            self.left_out.insert(key);
            return None;
        }
        let id = NodeId(index_u32(self.nodes.len()));
        let mut node = make();
        node.id = id;
        self.nodes.insert(key, node);
        Some(id)
    }

    /// The node of `key`, if it is in the graph.
    pub(super) fn get(&mut self, key: &Key) -> Option<&mut Node> {
        self.nodes.get_mut(key)
    }

    /// Adds an edge between two nodes; counts it as left out when its premise is, or when
    /// the edge budget is spent (an edge into a node left out is neither drawn nor
    /// counted: a scenario does not look for the rule applications of atoms it does not
    /// draw). A repeated edge is drawn once.
    pub(super) fn edge(&mut self, from: Option<NodeId>, to: Option<NodeId>, edge: EdgeSpec) {
        let Some(to) = to else {
            return;
        };
        let Some(from) = from else {
            self.edges_left_out += 1;
            return;
        };
        let edge = Edge {
            from,
            to,
            kind: edge.kind,
            rule: edge.rule,
            negated: edge.negated,
            highlight: edge.highlight,
        };
        // A proof's edge and the same edge as context are one edge, drawn highlighted.
        let twin = Edge {
            highlight: !edge.highlight,
            ..edge.clone()
        };
        if self.edges.contains(&edge) || self.edges.contains(&twin) {
            return;
        }
        if self.edges_full() {
            self.edges_left_out += 1;
            return;
        }
        self.edges.insert(edge);
    }

    /// Gives each node without a place the place of the rule of its first edge in: where
    /// a derived atom is first concluded.
    pub(super) fn place_derived(&mut self, p: &Program) {
        for (_, n) in &mut self.nodes {
            if n.place.is_some() {
                continue;
            }
            let rule = self
                .edges
                .iter()
                .find(|e| e.to == n.id && e.kind == EdgeKind::Rule)
                .and_then(|e| e.rule.as_deref());
            if let Some(r) = rule.and_then(|r| p.rules().iter().find(|x| x.name == r)) {
                n.place = Some(place(p, r.span));
            }
        }
    }

    pub(super) fn finish(
        self,
        mode: Mode,
        scenario: Option<String>,
        atom: Option<String>,
    ) -> Graph {
        Graph {
            mode,
            scenario,
            atom,
            nodes: self.nodes.into_values().collect(),
            edges: self.edges.into_iter().collect(),
            max_nodes: self.max_nodes,
            omitted: Omitted {
                nodes: self.left_out.len(),
                edges: self.edges_left_out,
            },
        }
    }
}

/// An edge before its ends are known to be drawn.
pub(super) struct EdgeSpec {
    pub kind: EdgeKind,
    pub rule: Option<String>,
    pub negated: bool,
    pub highlight: bool,
}

impl EdgeSpec {
    /// A premise of rule `rule`.
    pub(super) fn rule(rule: &str, negated: bool) -> Self {
        EdgeSpec {
            kind: EdgeKind::Rule,
            rule: Some(rule.to_owned()),
            negated,
            highlight: false,
        }
    }

    /// Any other kind of edge.
    pub(super) fn plain(kind: EdgeKind, negated: bool) -> Self {
        EdgeSpec {
            kind,
            rule: None,
            negated,
            highlight: false,
        }
    }
}

/// A node's position as its id. It fits a `u32`: a graph holds at most
/// [`super::MAX_MAX_NODES`] nodes ([`Builder::new`] caps what is asked).
#[expect(
    clippy::expect_used,
    reason = "a node position is below MAX_MAX_NODES (5,000), which Builder::new enforces"
)]
pub(super) fn index_u32(i: usize) -> u32 {
    const _: () = assert!(super::MAX_MAX_NODES <= u32::MAX as usize);
    u32::try_from(i).expect("a graph holds at most MAX_MAX_NODES nodes")
}

/// A fresh node; [`Builder::node`] sets its id.
pub(super) fn node(label: String, kind: NodeKind, place: Option<Place>) -> Node {
    Node {
        id: NodeId(0),
        label,
        kind,
        also: Vec::new(),
        likelihood: None,
        place,
        highlight: false,
    }
}

/// Where a span is, as a rendering shows it.
pub(super) fn place(p: &Program, span: Span) -> Place {
    p.sources().location(span).into()
}

/// The node of a ground atom of `model`: its kind (a leaf's, else derived; open or
/// forbidden when it does not hold; absent otherwise), likelihood and place.
pub(super) fn atom_node(b: &mut Builder, model: &Model<'_>, atom: &GroundAtom) -> Option<NodeId> {
    let p = model.program();
    b.node(Key::Atom(atom.clone()), || {
        let label = p.show_atom(atom);
        let likelihood = model.likelihood(atom);
        let leaf = model.find(atom).and_then(|t| model.leaf(atom.pred, t));
        let (kind, place_of) = match leaf {
            Some((Leaf::Fact(f), _)) => (NodeKind::Fact, Some(p.facts()[f.index()].span)),
            Some((Leaf::Assumed { scenario, index }, _)) => (
                NodeKind::Assumption,
                p.scenarios()[scenario.index()]
                    .assumptions
                    .get(index as usize)
                    .map(|a| a.span),
            ),
            Some((Leaf::Hypothesis(_), _)) => (NodeKind::Assumption, None),
            None if likelihood.is_some() => (NodeKind::Derived, None),
            None => match (model.is_open(atom), model.inputs().blocking(atom)) {
                (Some(open), _) => (NodeKind::Open, Some(open.span)),
                (None, Some(line)) => (NodeKind::Intervention, span_of_line(model, line)),
                (None, None) => (NodeKind::Absent, None),
            },
        };
        let mut n = node(label, kind, place_of.map(|s| place(p, s)));
        n.likelihood = likelihood;
        // A fact or assumption a rule raised above its own likelihood is derived too.
        if let Some((_, own)) = leaf
            && likelihood.is_some_and(|l| l > own)
        {
            n.also.push(NodeKind::Derived);
        }
        n
    })
}

/// The `assume not` line behind a blocked atom, when it is a line of the rule files.
fn span_of_line(model: &Model<'_>, line: &crate::program::Assumed<'_>) -> Option<Span> {
    model.inputs().line(line).map(|a| a.span)
}

/// The scenario mode: see the module documentation of [`super`].
pub fn scenario(model: &Model<'_>, max_nodes: usize) -> Graph {
    let p = model.program();
    let mut b = Builder::new(max_nodes);
    whole_scenario(&mut b, model);
    b.place_derived(p);
    let name = p.scenarios()[model.scenario().index()].name.clone();
    b.finish(Mode::Scenario, Some(name), None)
}

/// Every node and edge of the scenario mode, added to `b` (what it holds already stays
/// as it is: a proof's highlight, say).
pub(super) fn whole_scenario(b: &mut Builder, model: &Model<'_>) {
    // What the scenario starts from comes first, then each conclusion with the atoms its
    // rule applications used, so that a cap keeps a connected picture.
    for a in model.inputs().assumed() {
        atom_node(b, model, &a.atom);
    }
    for a in model.inputs().blocked() {
        atom_node(b, model, &a.atom);
    }
    for c in &model.conclusions() {
        if let Some(to) = atom_node(b, model, &c.atom) {
            derivations(b, model, &c.atom, to, false);
        }
    }
    for open in model.open_questions() {
        atom_node(b, model, &open.atom);
    }
    conflicts(b, model);
    opens(b, model);
}

/// Every rule application in `model` that concludes `atom` (node `to`): an edge from each
/// premise, labelled with the rule. `highlight` marks them as part of a drawn proof.
pub(super) fn derivations(
    b: &mut Builder,
    model: &Model<'_>,
    atom: &GroundAtom,
    to: NodeId,
    highlight: bool,
) {
    let p = model.program();
    let _ = model.derivations(atom, &mut |d| {
        let rule = p.rule(d.rule);
        for (premise, matched) in rule.premises.iter().zip(&d.premises) {
            let ground = match matched {
                Some((pred, t)) => model.atom(*pred, *t),
                None => match premise.atom.try_ground(&d.bindings) {
                    Some(a) => a,
                    None => continue,
                },
            };
            let from = atom_node(b, model, &ground);
            let mut spec = EdgeSpec::rule(&rule.name, premise.negated);
            spec.highlight = highlight;
            b.edge(from, Some(to), spec);
        }
        if b.edges_full() {
            return ControlFlow::Break(());
        }
        ControlFlow::Continue(())
    });
}

/// The conflicts and tensions that hold: a node per match, an edge from each premise.
fn conflicts(b: &mut Builder, model: &Model<'_>) {
    let p = model.program();
    for m in model.conflicts() {
        let c = &p.conflicts()[m.conflict.index()];
        let values: Vec<SymbolId> = m.bindings.iter().map(|(_, v)| *v).collect();
        let to = b.node(Key::Conflict(m.conflict, values), || {
            let mut label = c.name.clone();
            if !m.bindings.is_empty() {
                let shown: Vec<String> = m
                    .bindings
                    .iter()
                    .map(|(name, v)| format!("?{name} = {}", p.symbols().show(*v)))
                    .collect();
                label = format!("{label} ({})", shown.join(", "));
            }
            let kind = match c.kind {
                crate::program::ConflictKind::Conflict => NodeKind::Conflict,
                crate::program::ConflictKind::Tension => NodeKind::Tension,
            };
            let mut n = node(label, kind, Some(place(p, c.span)));
            n.likelihood = Some(m.likelihood);
            n
        });
        if to.is_none() {
            continue;
        }
        // The variables' values by VarId, for the `not` premises.
        let env: Vec<SymbolId> = c
            .vars
            .iter()
            .map(|v| {
                m.bindings
                    .iter()
                    .find(|(name, _)| name == v)
                    .map_or(SymbolId(0), |(_, s)| *s)
            })
            .collect();
        for (index, matched) in &m.premises {
            let premise = &c.premises[*index];
            let ground = match matched {
                Some((pred, t)) => model.atom(*pred, *t),
                None => premise.atom.ground(&env),
            };
            let from = atom_node(b, model, &ground);
            b.edge(
                from,
                to,
                EdgeSpec::plain(EdgeKind::Conflict, premise.negated),
            );
        }
    }
}

/// The open questions of the scenario that arise under premises: an edge from each
/// premise of the first way they hold.
fn opens(b: &mut Builder, model: &Model<'_>) {
    for open in model.open_questions() {
        if !open.is_conditional() {
            continue;
        }
        let to = b.get(&Key::Atom(open.atom.clone())).map(|n| n.id);
        let Some(env) = model.first_match(&open.when, &vec![None; open.vars.len()]) else {
            continue;
        };
        let env: Vec<SymbolId> = env.into_iter().map(|v| v.unwrap_or(SymbolId(0))).collect();
        for premise in &open.when {
            let Some(ground) = premise.atom.try_ground(&env) else {
                continue;
            };
            let from = atom_node(b, model, &ground);
            b.edge(
                from,
                to,
                EdgeSpec::plain(EdgeKind::OpenWhen, premise.negated),
            );
        }
    }
}
