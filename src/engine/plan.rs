//! Join plans: the order in which a rule's premises are matched, which columns each lookup
//! binds, and which index serves it. Plans are made once per program and shared by every
//! scenario.

use std::collections::BTreeSet;

use crate::program::{Arg, PredId, Premise, VarId};

/// What to do with one column of a matched tuple.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    /// Store the value in a variable.
    Bind(usize, VarId),
    /// The value must equal this constant or already-bound variable.
    Check(usize, Arg),
}

/// One premise in plan order.
#[derive(Clone, Debug)]
pub struct Step {
    /// Its predicate.
    pub pred: PredId,
    /// Negation as failure: the fully bound tuple must be absent.
    pub negated: bool,
    /// Position of the premise in the rule as written.
    pub premise: usize,
    /// Columns looked up through an index (empty: scan, or the delta for the first step).
    pub index_cols: Box<[usize]>,
    /// The position of that index among its relation's, when the engine resolved it
    /// (otherwise it is looked up by its columns).
    pub index: Option<usize>,
    /// The values of `index_cols` (for a negated step: of every column).
    pub key: Vec<Arg>,
    /// Binds and checks for the other columns, in column order.
    pub ops: Vec<Op>,
}

/// A complete plan.
#[derive(Clone, Debug)]
pub struct Plan {
    /// Steps in execution order.
    pub steps: Vec<Step>,
    /// Number of variables of the rule.
    pub nvars: usize,
    /// Whether the first step reads the delta rather than the whole relation.
    pub from_delta: bool,
}

/// Plans the premises. `bound` marks variables known before the first step (a head being
/// explained); `delta` names the premise read from the delta; `index` picks, for a
/// predicate and the columns known at that step, the columns an index will serve.
pub fn plan(
    premises: &[Premise],
    nvars: usize,
    mut bound: Vec<bool>,
    delta: Option<usize>,
    mut index: impl FnMut(PredId, &[usize]) -> Box<[usize]>,
) -> Plan {
    bound.resize(nvars, false);
    let mut order = positive_order(premises, &bound, delta);
    order.extend((0..premises.len()).filter(|&i| premises[i].negated));
    let mut steps = Vec::with_capacity(order.len());
    for (pos, &i) in order.iter().enumerate() {
        let p = &premises[i];
        let known = known_cols(p, &bound);
        let cols: Box<[usize]> = if p.negated {
            (0..p.atom.args.len()).collect()
        } else if pos == 0 && delta.is_some() {
            Box::from([])
        } else if known.len() == p.atom.args.len() {
            // Every column known: a whole-row lookup in the relation, no index needed.
            known.into()
        } else {
            index(p.atom.pred, &known)
        };
        let key = cols.iter().map(|&c| p.atom.args[c]).collect();
        let mut ops = Vec::new();
        for (c, &arg) in p.atom.args.iter().enumerate() {
            if cols.contains(&c) {
                continue;
            }
            match arg {
                Arg::Var(v) if !bound[v.index()] => {
                    bound[v.index()] = true;
                    ops.push(Op::Bind(c, v));
                }
                other => ops.push(Op::Check(c, other)),
            }
        }
        steps.push(Step {
            pred: p.atom.pred,
            negated: p.negated,
            premise: i,
            index_cols: cols,
            index: None,
            key,
            ops,
        });
    }
    Plan {
        steps,
        nvars,
        from_delta: delta.is_some(),
    }
}

/// The positive premises in matching order: the delta premise first, then greedily the
/// premise with the most known columns (the lookup that narrows the most), ties in
/// written order. Buckets by known-column count keep this O(n log n) for huge rules.
fn positive_order(premises: &[Premise], bound: &[bool], delta: Option<usize>) -> Vec<usize> {
    let positives = premises
        .iter()
        .enumerate()
        .filter(|(i, p)| !p.negated && Some(*i) != delta);
    if bound.iter().all(|b| *b) {
        // Nothing left to bind (ground rules, or a fully bound head): every lookup is as
        // narrow as it gets, so keep the written order.
        return delta.into_iter().chain(positives.map(|(i, _)| i)).collect();
    }
    let mut known_vars = bound.to_vec();
    let mut count: Vec<usize> = vec![0; premises.len()];
    let mut uses: Vec<Vec<usize>> = vec![Vec::new(); known_vars.len()];
    let mut buckets: Vec<BTreeSet<usize>> = Vec::new();
    for (i, p) in premises
        .iter()
        .enumerate()
        .filter(|(i, p)| !p.negated && Some(*i) != delta)
    {
        for a in &p.atom.args {
            match a {
                Arg::Const(_) => count[i] += 1,
                Arg::Var(v) if known_vars[v.index()] => count[i] += 1,
                Arg::Var(v) => uses[v.index()].push(i),
            }
        }
        if buckets.len() <= p.atom.args.len() {
            buckets.resize_with(p.atom.args.len() + 1, BTreeSet::new);
        }
        buckets[count[i]].insert(i);
    }
    let mut order: Vec<usize> = delta.into_iter().collect();
    let mut next = delta;
    loop {
        if let Some(i) = next {
            for a in &premises[i].atom.args {
                let Arg::Var(v) = a else { continue };
                if std::mem::replace(&mut known_vars[v.index()], true) {
                    continue;
                }
                // Each newly known variable adds one known column to each later use.
                for &j in &uses[v.index()] {
                    if buckets[count[j]].remove(&j) {
                        count[j] += 1;
                        buckets[count[j]].insert(j);
                    }
                }
            }
        }
        let Some(best) = buckets.iter_mut().rev().find_map(BTreeSet::pop_first) else {
            break;
        };
        order.push(best);
        next = Some(best);
    }
    order
}

/// Columns whose value is known before matching `p`: constants and bound variables.
fn known_cols(p: &Premise, bound: &[bool]) -> Vec<usize> {
    p.atom
        .args
        .iter()
        .enumerate()
        .filter(|(_, a)| match a {
            Arg::Const(_) => true,
            Arg::Var(v) => bound[v.index()],
        })
        .map(|(c, _)| c)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::program::{AtomPattern, SymbolId};
    use crate::source::Span;

    fn premise(pred: u32, args: Vec<Arg>, negated: bool) -> Premise {
        Premise {
            negated,
            atom: AtomPattern {
                pred: PredId(pred),
                args: args.into(),
                span: Span::default(),
            },
            span: Span::default(),
        }
    }

    #[test]
    fn joins_on_shared_variables_and_puts_negation_last() {
        let (x, y, z) = (Arg::Var(VarId(0)), Arg::Var(VarId(1)), Arg::Var(VarId(2)));
        let premises = vec![
            premise(0, vec![x, y], false),
            premise(2, vec![x], true),
            premise(1, vec![y, z], false),
        ];
        let p = plan(&premises, 3, vec![], None, |_, cols| cols.into());
        let order: Vec<usize> = p.steps.iter().map(|s| s.premise).collect();
        assert_eq!(order, vec![0, 2, 1]);
        assert_eq!(&*p.steps[1].index_cols, &[0]);
        assert_eq!(p.steps[1].ops, vec![Op::Bind(1, VarId(2))]);
        assert!(p.steps[2].negated);
    }

    #[test]
    fn constants_are_index_keys_and_delta_comes_first() {
        let x = Arg::Var(VarId(0));
        let c = Arg::Const(SymbolId(7));
        let premises = vec![premise(0, vec![x, c], false), premise(1, vec![x], false)];
        let p = plan(&premises, 1, vec![], Some(1), |_, cols| cols.into());
        assert_eq!(p.steps[0].premise, 1);
        assert!(p.steps[0].index_cols.is_empty());
        assert_eq!(&*p.steps[1].index_cols, &[0, 1]);
    }
}
