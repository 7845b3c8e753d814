//! Stratification: the predicate dependency graph, its strongly connected components
//! (Tarjan, iterative so deep programs cannot overflow the stack), negation cycles as
//! errors, and the evaluation order of rules.

use super::error::CheckError;
use super::{PredId, Program, RuleId};
use crate::source::Span;

/// An edge premise predicate -> conclusion predicate, through a rule.
struct Edge {
    from: PredId,
    to: PredId,
    negated: bool,
    rule: RuleId,
    span: Span,
}

/// Each dependency once, through the first rule that has it: a generated rule base has
/// millions of rules over a handful of predicates, and the graph needs one edge of each
/// kind (the first is also the one the cycle reports would show).
fn edges(p: &Program) -> Vec<Edge> {
    let mut out = Vec::new();
    let mut seen: rustc_hash::FxHashSet<(PredId, PredId, bool)> = Default::default();
    for (i, rule) in p.rules.iter().enumerate() {
        for c in &rule.conclusions {
            for prem in &rule.premises {
                if !seen.insert((prem.atom.pred, c.pred, prem.negated)) {
                    continue;
                }
                out.push(Edge {
                    from: prem.atom.pred,
                    to: c.pred,
                    negated: prem.negated,
                    rule: RuleId::from_index(i),
                    span: prem.span,
                });
            }
        }
    }
    out
}

/// Strongly connected components; returns each predicate's component number, numbered so
/// that a component comes after every component it depends on.
fn components(n: usize, edges: &[Edge]) -> Vec<usize> {
    let mut succ: Vec<Vec<usize>> = vec![Vec::new(); n];
    for e in edges {
        succ[e.from.index()].push(e.to.index());
    }
    const UNSEEN: usize = usize::MAX;
    let (mut index, mut low, mut on_stack) = (vec![UNSEEN; n], vec![0; n], vec![false; n]);
    let (mut stack, mut comp, mut next_index, mut emitted) = (Vec::new(), vec![UNSEEN; n], 0, 0);
    for root in 0..n {
        if index[root] != UNSEEN {
            continue;
        }
        // Each frame: node and the position of the next successor to visit.
        let mut frames = vec![(root, 0usize)];
        index[root] = next_index;
        low[root] = next_index;
        next_index += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (v, ref mut pos)) = frames.last_mut() {
            if let Some(&w) = succ[v].get(*pos) {
                *pos += 1;
                if index[w] == UNSEEN {
                    index[w] = next_index;
                    low[w] = next_index;
                    next_index += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    frames.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            frames.pop();
            if let Some(&(parent, _)) = frames.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    comp[w] = emitted;
                    if w == v {
                        break;
                    }
                }
                emitted += 1;
            }
        }
    }
    // Tarjan emits a component after everything reachable from it (its dependents);
    // reverse so dependencies come first.
    comp.iter().map(|&c| emitted - 1 - c).collect()
}

/// The evaluation order ([`strata`]), or one error per negation cycle. The dependency
/// graph and its components are computed once for both.
pub(super) fn stratify(p: &Program) -> Result<Vec<Vec<(RuleId, usize)>>, Vec<CheckError>> {
    let edges = edges(p);
    let comp = components(p.predicates.len(), &edges);
    let cycles = check_negation(p, &edges, &comp);
    if cycles.is_empty() {
        Ok(strata(p, &comp))
    } else {
        Err(cycles)
    }
}

/// One error per component that contains a `not` edge, showing the cycle rule by rule.
fn check_negation(p: &Program, edges: &[Edge], comp: &[usize]) -> Vec<CheckError> {
    let mut reported = std::collections::HashSet::new();
    let mut out = Vec::new();
    for e in edges
        .iter()
        .filter(|e| e.negated && comp[e.from.index()] == comp[e.to.index()])
    {
        if !reported.insert(comp[e.from.index()]) {
            continue;
        }
        let path = path_back(edges, comp, e.to, e.from);
        let mut steps = vec![step(p, e)];
        steps.extend(path.iter().map(|i| step(p, &edges[*i])));
        let help = format!(
            "the cycle, rule by rule:\n{}\nnegation needs its atom fully known first; break the cycle by removing one `not` or one rule",
            steps.join("\n")
        );
        let src = p.sources.named_source(e.span);
        out.push(CheckError::NegationCycle {
            predicate: p.predicate(e.from).name.clone(),
            span: e.span.into(),
            help,
            src,
        });
    }
    out
}

fn step(p: &Program, e: &Edge) -> String {
    let loc = p.sources.location(p.rule(e.rule).span);
    let not = if e.negated { "not " } else { "" };
    format!(
        "  rule `{}` ({loc}): `{}` from {not}`{}`",
        p.rule(e.rule).name,
        p.predicate(e.to).name,
        p.predicate(e.from).name
    )
}

/// Edges (as indexes) of a shortest path from `start` to `goal` inside one component.
fn path_back(edges: &[Edge], comp: &[usize], start: PredId, goal: PredId) -> Vec<usize> {
    let c = comp[start.index()];
    let mut came_from: std::collections::HashMap<PredId, usize> = std::collections::HashMap::new();
    let mut queue = std::collections::VecDeque::from([start]);
    while let Some(at) = queue.pop_front() {
        if at == goal {
            break;
        }
        for (i, e) in edges.iter().enumerate() {
            if e.from == at
                && comp[e.to.index()] == c
                && e.to != start
                && !came_from.contains_key(&e.to)
            {
                came_from.insert(e.to, i);
                queue.push_back(e.to);
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

/// The evaluation order: one stratum per strongly connected component of the dependency
/// graph that some rule concludes into, dependencies first, each holding the
/// (rule, conclusion) pairs whose conclusion predicate lies in it. A component is complete
/// before anything that depends on it runs, which is what `not` needs; small strata also
/// keep each fixpoint loop to the rules that can feed it.
fn strata(p: &Program, comp: &[usize]) -> Vec<Vec<(RuleId, usize)>> {
    let n_comp = comp.iter().max().map_or(0, |m| m + 1);
    let mut out: Vec<Vec<(RuleId, usize)>> = vec![Vec::new(); n_comp];
    for (i, rule) in p.rules.iter().enumerate() {
        for (j, c) in rule.conclusions.iter().enumerate() {
            out[comp[c.pred.index()]].push((RuleId::from_index(i), j));
        }
    }
    out.retain(|s| !s.is_empty());
    out
}
