//! Stratification by atom pattern. Rules depend on each other through unification: a
//! premise depends on every rule whose conclusion can unify with it, constants included,
//! so `not subsidy_funding is blocked` does not depend on a rule concluding
//! `construction is exposed` although both use the verb `is`.
//!
//! A generated rule base has millions of rules over a handful of predicates, so the graph
//! is built in two steps. First the predicate dependency graph (one edge of each kind,
//! however many rules have it) and its strongly connected components (Tarjan, iterative
//! so deep programs cannot overflow the stack): a component without a `not` inside it is
//! one stratum, as before. Only a component with a `not` inside is refined: its
//! (rule, conclusion) pairs become the nodes of a graph whose edges are unifications, and
//! its components are checked for negation cycles and layered, each layer a stratum, a
//! `not` always reading a lower layer. A cycle through `not` at the level of atoms is a
//! cycle at the level of predicates too, so the refinement finds every one.

use crate::hash::{HashMap, HashSet};

use super::error::CheckError;
use super::unify::unify;
use super::{Arg, AtomPattern, PredId, Program, RuleId, SymbolId};
use crate::source::Span;

/// A (rule, conclusion) pair: what a stratum holds.
type Clause = (RuleId, usize);

/// Predicate dependencies, each once: (premise predicate, conclusion predicate, negated).
fn predicate_edges(p: &Program) -> Vec<(PredId, PredId, bool)> {
    let mut seen: HashSet<(PredId, PredId, bool)> = Default::default();
    let mut out = Vec::new();
    for rule in &p.rules {
        for c in &rule.conclusions {
            for prem in &rule.premises {
                let edge = (prem.atom.pred, c.pred, prem.negated);
                if seen.insert(edge) {
                    out.push(edge);
                }
            }
        }
    }
    out
}

/// Strongly connected components; returns each node's component number, numbered so
/// that a component comes after every component it depends on.
fn components(n: usize, edges: impl Iterator<Item = (usize, usize)>) -> Vec<usize> {
    let mut succ: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (from, to) in edges {
        succ[from].push(to);
    }
    let comp = crate::graph::components(&succ);
    let emitted = comp.iter().max().map_or(0, |m| m + 1);
    // Tarjan emits a component after everything reachable from it (its dependents);
    // reverse so dependencies come first.
    comp.iter().map(|&c| emitted - 1 - c).collect()
}

/// The evaluation order, or one error per negation cycle: a list of strata, dependencies
/// first, each the clauses evaluated together to a fixpoint; a `not` premise only reads
/// atoms that lower strata (or facts and assumptions) make.
pub(super) fn stratify(p: &Program) -> Result<Vec<Vec<Clause>>, Vec<CheckError>> {
    let edges = predicate_edges(p);
    let comp = components(
        p.predicates.len(),
        edges.iter().map(|(f, t, _)| (f.index(), t.index())),
    );
    let n_comp = comp.iter().max().map_or(0, |m| m + 1);
    let mut tangled = vec![false; n_comp];
    for &(from, to, negated) in &edges {
        if negated && comp[from.index()] == comp[to.index()] {
            tangled[comp[from.index()]] = true;
        }
    }
    let mut by_comp: Vec<Vec<Clause>> = vec![Vec::new(); n_comp];
    for (i, rule) in p.rules.iter().enumerate() {
        for (j, c) in rule.conclusions.iter().enumerate() {
            by_comp[comp[c.pred.index()]].push((RuleId::from_index(i), j));
        }
    }
    let (mut strata, mut errors) = (Vec::new(), Vec::new());
    for (c, clauses) in by_comp.into_iter().enumerate() {
        if clauses.is_empty() {
            continue;
        }
        if !tangled[c] {
            strata.push(clauses);
            continue;
        }
        match refine(p, clauses) {
            Ok(layers) => strata.extend(layers),
            Err(cycles) => errors.extend(cycles),
        }
    }
    if errors.is_empty() {
        Ok(strata)
    } else {
        Err(errors)
    }
}

/// A dependency between clauses: `from`'s conclusion unifies with a premise of `to`'s rule.
struct Edge {
    from: usize,
    to: usize,
    negated: bool,
    /// The premise.
    span: Span,
    premise: usize,
}

fn head(p: &Program, (r, c): Clause) -> &AtomPattern {
    &p.rule(r).conclusions[c]
}

/// The clauses of one predicate component whose predicate graph has a `not` inside, split
/// into strata by the unification graph.
fn refine(p: &Program, clauses: Vec<Clause>) -> Result<Vec<Vec<Clause>>, Vec<CheckError>> {
    // Heads by predicate and first constant, and by predicate when the first argument is
    // a variable: a premise meets only the heads it could unify with.
    let mut by_first: HashMap<(PredId, SymbolId), Vec<usize>> = HashMap::default();
    let mut by_pred: HashMap<PredId, Vec<usize>> = HashMap::default();
    let mut open_first: HashMap<PredId, Vec<usize>> = HashMap::default();
    for (n, &clause) in clauses.iter().enumerate() {
        let h = head(p, clause);
        by_pred.entry(h.pred).or_default().push(n);
        match h.args.first() {
            Some(Arg::Const(c)) => by_first.entry((h.pred, *c)).or_default().push(n),
            _ => open_first.entry(h.pred).or_default().push(n),
        }
    }
    let none = Vec::new();
    let mut edges = Vec::new();
    for (to, &(r, _)) in clauses.iter().enumerate() {
        for (i, prem) in p.rule(r).premises.iter().enumerate() {
            let atom = &prem.atom;
            let candidates: Box<dyn Iterator<Item = &usize>> = match atom.args.first() {
                Some(Arg::Const(c)) => Box::new(
                    by_first
                        .get(&(atom.pred, *c))
                        .unwrap_or(&none)
                        .iter()
                        .chain(open_first.get(&atom.pred).unwrap_or(&none)),
                ),
                _ => Box::new(by_pred.get(&atom.pred).unwrap_or(&none).iter()),
            };
            for &from in candidates {
                if unify(head(p, clauses[from]), atom) {
                    edges.push(Edge {
                        from,
                        to,
                        negated: prem.negated,
                        span: prem.span,
                        premise: i,
                    });
                }
            }
        }
    }
    let comp = components(clauses.len(), edges.iter().map(|e| (e.from, e.to)));
    let cycles = check_negation(p, &clauses, &edges, &comp);
    if !cycles.is_empty() {
        return Err(cycles);
    }
    // Layers: a component is one layer above the highest component it reads through
    // `not`, and no lower than those it reads positively. Components are numbered
    // dependencies first, so one pass in that order settles every layer.
    let n_comp = comp.iter().max().map_or(0, |m| m + 1);
    let mut incoming: Vec<Vec<&Edge>> = vec![Vec::new(); n_comp];
    for e in &edges {
        if comp[e.from] != comp[e.to] {
            incoming[comp[e.to]].push(e);
        }
    }
    let mut layer = vec![0usize; n_comp];
    for k in 0..n_comp {
        layer[k] = incoming[k]
            .iter()
            .map(|e| layer[comp[e.from]] + usize::from(e.negated))
            .max()
            .unwrap_or(0);
    }
    let n_layers = layer.iter().max().map_or(0, |m| m + 1);
    let mut out: Vec<Vec<Clause>> = vec![Vec::new(); n_layers];
    for (n, clause) in clauses.into_iter().enumerate() {
        out[layer[comp[n]]].push(clause);
    }
    Ok(out)
}

/// One error per component that contains a `not` edge, showing the cycle rule by rule.
fn check_negation(
    p: &Program,
    clauses: &[Clause],
    edges: &[Edge],
    comp: &[usize],
) -> Vec<CheckError> {
    // The edges inside components, out of each clause in edge order, built once: each
    // cycle's path is then a search of its own component only, so thousands of small
    // cycles cost what one pass over the edges does.
    let mut out_of: Vec<Vec<usize>> = vec![Vec::new(); clauses.len()];
    for (i, e) in edges.iter().enumerate() {
        if comp[e.from] == comp[e.to] {
            out_of[e.from].push(i);
        }
    }
    let mut reported = HashSet::default();
    let mut out = Vec::new();
    for e in edges
        .iter()
        .filter(|e| e.negated && comp[e.from] == comp[e.to])
    {
        if !reported.insert(comp[e.from]) {
            continue;
        }
        let path = path_back(edges, &out_of, e.to, e.from);
        let mut steps = vec![step(p, clauses, e)];
        steps.extend(path.iter().map(|i| step(p, clauses, &edges[*i])));
        let help = format!(
            "the cycle, rule by rule:\n{}\nnegation needs its atom fully known first; break the cycle by renaming a predicate or constant so that these atoms no longer match, or by removing one `not` (or one rule)",
            steps.join("\n")
        );
        let (rule, _) = clauses[e.to];
        let atom = p.show_pattern(&p.rule(rule).premises[e.premise].atom, &p.rule(rule).vars);
        out.push(CheckError::NegationCycle {
            atom,
            span: e.span.into(),
            help,
            src: p.sources.named_source(e.span),
        });
    }
    out
}

fn step(p: &Program, clauses: &[Clause], e: &Edge) -> String {
    let (r, c) = clauses[e.to];
    let rule = p.rule(r);
    let loc = p.sources.location(rule.span);
    let not = if e.negated { "not " } else { "" };
    format!(
        "  rule `{}` ({loc}): `{}` from {not}`{}`",
        rule.name,
        p.show_pattern(&rule.conclusions[c], &rule.vars),
        p.show_pattern(&rule.premises[e.premise].atom, &rule.vars),
    )
}

/// Edges (as indexes) of a shortest path from `start` to `goal` inside one component,
/// `out_of` holding each clause's edges inside its component.
fn path_back(edges: &[Edge], out_of: &[Vec<usize>], start: usize, goal: usize) -> Vec<usize> {
    let mut came_from: HashMap<usize, usize> = HashMap::default();
    let mut queue = std::collections::VecDeque::from([start]);
    while let Some(at) = queue.pop_front() {
        if at == goal {
            break;
        }
        for &i in &out_of[at] {
            let to = edges[i].to;
            if to != start && !came_from.contains_key(&to) {
                came_from.insert(to, i);
                queue.push_back(to);
            }
        }
    }
    let mut path = Vec::new();
    let mut at = goal;
    while at != start {
        let Some(&i) = came_from.get(&at) else { break };
        path.push(i);
        at = edges[i].from;
    }
    path.reverse();
    path
}
