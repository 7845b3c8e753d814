//! The model mode: the rule base as atom patterns, rules, conflicts and open questions.

use crate::hash::{HashMap, HashSet};

use super::build::{Builder, EdgeSpec, Key, node, place};
use super::{EdgeKind, Graph, Mode, NodeId, NodeKind};
use crate::program::unify::unify;
use crate::program::{Arg, AtomPattern, ConflictKind, GroundAtom, PredId, Program, VarId};

/// A pattern's key: its variables renumbered by first occurrence, so that patterns that
/// differ only in their variables' names are one node.
fn key(atom: &AtomPattern) -> Key {
    let mut seen: Vec<VarId> = Vec::new();
    let args = atom
        .args
        .iter()
        .map(|a| match a {
            Arg::Const(c) => Arg::Const(*c),
            Arg::Var(v) => {
                let n = seen.iter().position(|s| s == v).unwrap_or_else(|| {
                    seen.push(*v);
                    seen.len() - 1
                });
                Arg::Var(VarId::from_index(n))
            }
        })
        .collect();
    Key::Pattern(atom.pred, args)
}

/// A pattern without variables as a ground atom.
fn ground(pattern: &AtomPattern) -> Option<GroundAtom> {
    let args = pattern
        .args
        .iter()
        .map(|a| match a {
            Arg::Const(c) => Some(*c),
            Arg::Var(_) => None,
        })
        .collect::<Option<Box<[_]>>>()?;
    Some(GroundAtom {
        pred: pattern.pred,
        args,
    })
}

/// A ground atom as a pattern.
fn ground_pattern(atom: &GroundAtom, span: crate::source::Span) -> AtomPattern {
    AtomPattern {
        pred: atom.pred,
        args: atom.args.iter().map(|&c| Arg::Const(c)).collect(),
        span,
    }
}

/// The node of a pattern, recorded in `patterns` by node id when new.
fn pattern_node(
    p: &Program,
    b: &mut Builder,
    patterns: &mut Vec<Option<AtomPattern>>,
    atom: &AtomPattern,
    vars: &[String],
) -> Option<NodeId> {
    b.node(key(atom), || {
        patterns.push(Some(atom.clone()));
        node(
            p.show_pattern(atom, vars),
            NodeKind::Unproduced,
            Some(place(p, atom.span)),
        )
    })
}

/// The model mode: see the module documentation of [`super`]. At most `max_nodes` nodes,
/// taken in declaration order: rules, then conflicts and tensions, then open questions.
pub fn model(p: &Program, max_nodes: usize) -> Graph {
    let mut b = Builder::new(max_nodes);
    // Each node's pattern as first written, by node id (none for a conflict), for the
    // kinds below.
    let mut patterns: Vec<Option<AtomPattern>> = Vec::new();
    let mut conclusions: Vec<NodeId> = Vec::new();
    for rule in p.rules() {
        let premises: Vec<_> = rule
            .premises
            .iter()
            .map(|w| {
                (
                    pattern_node(p, &mut b, &mut patterns, &w.atom, &rule.vars),
                    w.negated,
                )
            })
            .collect();
        for c in &rule.conclusions {
            let to = pattern_node(p, &mut b, &mut patterns, c, &rule.vars);
            conclusions.extend(to);
            for &(from, negated) in &premises {
                b.edge(from, to, EdgeSpec::rule(&rule.name, negated));
            }
        }
    }
    for (i, c) in p.conflicts().iter().enumerate() {
        let id = crate::program::ConflictId::from_index(i);
        let kind = match c.kind {
            ConflictKind::Conflict => NodeKind::Conflict,
            ConflictKind::Tension => NodeKind::Tension,
        };
        let to = b.node(Key::Conflict(id, Vec::new()), || {
            patterns.push(None);
            node(c.name.clone(), kind, Some(place(p, c.span)))
        });
        for w in &c.premises {
            let from = pattern_node(p, &mut b, &mut patterns, &w.atom, &c.vars);
            b.edge(from, to, EdgeSpec::plain(EdgeKind::Conflict, w.negated));
        }
    }
    for open in p.opens() {
        let to = pattern_node(
            p,
            &mut b,
            &mut patterns,
            &ground_pattern(&open.atom, open.span),
            &[],
        );
        for w in &open.when {
            let from = pattern_node(p, &mut b, &mut patterns, &w.atom, &open.vars);
            b.edge(from, to, EdgeSpec::plain(EdgeKind::OpenWhen, w.negated));
        }
    }
    mark_kinds(p, &mut b, &patterns);
    matches(&mut b, &patterns, &conclusions);
    b.finish(Mode::Model, None, None)
}

/// Sets each pattern node's kinds: derived (a rule's conclusion unifies with it), fact
/// (a fact matches it), assumable, open; never holds when none does.
fn mark_kinds(p: &Program, b: &mut Builder, patterns: &[Option<AtomPattern>]) {
    let mut facts: HashMap<PredId, Vec<&GroundAtom>> = HashMap::default();
    let mut ground_facts: HashSet<&GroundAtom> = HashSet::default();
    for f in p.facts() {
        facts.entry(f.atom.pred).or_default().push(&f.atom);
        ground_facts.insert(&f.atom);
    }
    for pattern in patterns.iter().flatten() {
        let mut kinds = Vec::new();
        if p.rules()
            .iter()
            .any(|r| r.conclusions.iter().any(|c| unify(c, pattern)))
        {
            kinds.push(NodeKind::Derived);
        }
        if p.assumables().iter().any(|a| unify(a, pattern)) {
            kinds.push(NodeKind::Assumable);
        }
        // A ground pattern is looked up; one with variables scans its predicate's facts
        // (the first usually matches).
        let is_fact = match ground(pattern) {
            Some(atom) => ground_facts.contains(&atom),
            None => facts
                .get(&pattern.pred)
                .is_some_and(|of_pred| of_pred.iter().any(|a| pattern.matches(a))),
        };
        if is_fact {
            kinds.push(NodeKind::Fact);
        }
        if p.opens().iter().any(|o| pattern.matches(&o.atom)) {
            kinds.push(NodeKind::Open);
        }
        if let Some(n) = b.get(&key(pattern))
            && let Some((&first, rest)) = kinds.split_first()
        {
            n.kind = first;
            n.also = rest.to_vec();
        }
    }
}

/// A `matches` edge from each conclusion pattern to every other premise pattern it can
/// instantiate: `?power fills_gap_in latam_security` to `china fills_gap_in latam_security`.
fn matches(b: &mut Builder, patterns: &[Option<AtomPattern>], conclusions: &[NodeId]) {
    let mut done: Vec<NodeId> = Vec::new();
    for &c in conclusions {
        if done.contains(&c) {
            continue;
        }
        done.push(c);
        let Some(Some(from)) = patterns.get(c.index()) else {
            continue;
        };
        for (i, to) in patterns.iter().enumerate() {
            if i != c.index() && to.as_ref().is_some_and(|to| unify(from, to)) {
                let to = Some(NodeId(super::build::index_u32(i)));
                b.edge(Some(c), to, EdgeSpec::plain(EdgeKind::Matches, false));
            }
        }
    }
}
