//! The lineage of every node of a [`Ground`] program as a binary decision diagram over
//! its choices, and their weighted model counts.
//!
//! Atoms are compiled component by component of their dependency graph (Tarjan's strongly
//! connected components, which come out dependencies first): an atom's formula is its leaf
//! or any instance's (choice, positive premises and negated premises); inside a recursive
//! component, every atom starts false and the formulas are recomputed until none changes,
//! the least fixpoint (as ProbLog does). A `not` premise always lies in an earlier
//! component (the program is stratified), so its formula is final when it is negated.

use biodivine_lib_bdd::{Bdd, BddVariableSet, op_function};

use super::Limits;
use super::lineage::{Ground, Lit};
use crate::likelihood::Likelihood;

/// Compiled lineages with the probabilities of their variables.
pub(super) struct Diagrams {
    /// The formulas still held: the kept nodes' when asked to retain them.
    formula: Vec<Bdd>,
    weights: Vec<f64>,
    /// Each kept node's probability and band, counted when its component was compiled.
    answers: Vec<Option<(f64, Option<Likelihood>)>>,
    /// The most nodes the atoms' formulas held at once while compiling.
    peak: usize,
}

/// A formula's probability under `weights` and its band: `certain` only when the formula
/// is `true`, none only when it is `false`.
fn answer_of(f: &Bdd, weights: &[f64]) -> (f64, Option<Likelihood>) {
    if f.is_false() {
        return (0.0, None);
    }
    if f.is_true() {
        return (1.0, Some(Likelihood::Certain));
    }
    let p = super::count::probability(f, weights);
    let band = super::band(p).unwrap_or(Likelihood::AlmostNoChance);
    (p, Some(band.min(Likelihood::AlmostCertain)))
}

impl Diagrams {
    /// Node `n`'s formula (`false` unless it was kept and retained).
    pub fn formula(&self, n: usize) -> &Bdd {
        &self.formula[n]
    }

    /// Each variable's probability.
    pub fn weights(&self) -> &[f64] {
        &self.weights
    }

    /// The probability of a kept node (`None`: an atom that does not hold in the model)
    /// and its band ([`answer_of`]).
    pub fn answer(&self, root: Option<usize>) -> (f64, Option<Likelihood>) {
        root.and_then(|n| self.answers[n]).unwrap_or((0.0, None))
    }

    /// The most nodes the atoms' formulas held at once while compiling (terminals
    /// included): what [`Limits::max_nodes`] bounds, with each diagram built.
    pub fn peak(&self) -> usize {
        self.peak
    }
}

/// Builds formulas with every diagram held to the limit. `Err(nodes)` past it.
struct Builder<'g> {
    ground: &'g Ground,
    vars: BddVariableSet,
    limit: usize,
    deadline: Option<std::time::Instant>,
    /// Each node's formula, once its component is compiled (false before).
    formula: Vec<Bdd>,
    /// The nodes of all the formulas held (each starts as the one node of `false`).
    held: usize,
    /// The most `held` has been.
    peak: usize,
}

/// Why a lineage was not compiled.
pub(super) enum Past {
    /// More choices than [`super::MAX_CHOICES`]: how many.
    Choices(usize),
    /// More nodes than the limit: how many when it stopped.
    Nodes(usize),
    /// Past the deadline.
    Deadline,
}

/// Compiles the lineage of every node in `keep` (and, on the way, of every node they read)
/// and counts each kept one's probability as soon as its component is compiled. A formula
/// that no component still to compile reads is then dropped (a kept one too, unless
/// `retain`), so that a long chain holds a few diagrams at a time, not all of them.
pub(super) fn compile(
    ground: &Ground,
    keep: &[usize],
    retain: bool,
    limits: &Limits,
) -> Result<Diagrams, Past> {
    let count = ground.choices().len();
    let vars = u16::try_from(count)
        .ok()
        .filter(|_| count <= super::MAX_CHOICES)
        .ok_or(Past::Choices(count))?;
    let vars = BddVariableSet::new_anonymous(vars);
    let false_ = vars.mk_false();
    let mut b = Builder {
        ground,
        formula: vec![false_; ground.nodes.len()],
        vars,
        limit: limits.max_nodes,
        deadline: limits.deadline,
        held: ground.nodes.len(),
        peak: ground.nodes.len(),
    };
    let components = components(ground);
    let mut component_of = vec![0; ground.nodes.len()];
    for (c, nodes) in components.iter().enumerate() {
        for &n in nodes {
            component_of[n] = c;
        }
    }
    // How many edges from later components still read each node.
    let mut readers = vec![0usize; ground.nodes.len()];
    let mut kept = vec![false; ground.nodes.len()];
    for &n in keep {
        kept[n] = true;
    }
    let component_of = &component_of;
    let crossing =
        |n: usize| successors(ground, n).filter(move |&m| component_of[m] != component_of[n]);
    for n in 0..ground.nodes.len() {
        for m in crossing(n) {
            readers[m] += 1;
        }
    }
    let weights: Vec<f64> = ground.choices().iter().map(|c| c.probability).collect();
    let mut answers = vec![None; ground.nodes.len()];
    let droppable = |m: usize| !kept[m] || !retain;
    for component in &components {
        b.component(component)?;
        for &n in component.iter().filter(|&&n| kept[n]) {
            answers[n] = Some(answer_of(&b.formula[n], &weights));
            if readers[n] == 0 && droppable(n) {
                b.drop_formula(n);
            }
        }
        for &n in component {
            for m in crossing(n) {
                readers[m] -= 1;
                if readers[m] == 0 && droppable(m) && (!kept[m] || answers[m].is_some()) {
                    b.drop_formula(m);
                }
            }
        }
    }
    Ok(Diagrams {
        formula: b.formula,
        weights,
        answers,
        peak: b.peak,
    })
}

impl Builder<'_> {
    /// Frees node `n`'s formula: nothing will read it again.
    fn drop_formula(&mut self, n: usize) {
        let f = std::mem::replace(&mut self.formula[n], self.vars.mk_false());
        self.held = self.held + 1 - f.size();
    }

    /// Compiles one strongly connected component.
    fn component(&mut self, nodes: &[usize]) -> Result<(), Past> {
        let recursive = match nodes {
            [n] => self.successors(*n).any(|m| m == *n),
            _ => true,
        };
        loop {
            let mut changed = false;
            for &n in nodes {
                let f = self.node(n)?;
                if f != self.formula[n] {
                    self.held = self.held + f.size() - self.formula[n].size();
                    if self.held > self.limit {
                        return Err(Past::Nodes(self.held));
                    }
                    self.peak = self.peak.max(self.held);
                    self.formula[n] = f;
                    changed = true;
                }
            }
            if !recursive || !changed {
                return Ok(());
            }
        }
    }

    /// The atoms node `n`'s instances read.
    fn successors(&self, n: usize) -> impl Iterator<Item = usize> + '_ {
        successors(self.ground, n)
    }

    /// Node `n`'s formula from the current formulas of the nodes it reads: the
    /// disjunction of its leaf and its instances, taken pairwise (a balanced tree, so that
    /// an atom with many instances costs n log n, not n^2).
    fn node(&self, n: usize) -> Result<Bdd, Past> {
        let node = &self.ground.nodes[n];
        let mut terms: Vec<Bdd> = node.leaf.map(|lit| self.lit(lit)).into_iter().collect();
        for &i in &node.instances {
            if terms.last().is_some_and(Bdd::is_true) {
                return Ok(self.vars.mk_true());
            }
            let instance = &self.ground.instances[i];
            let mut conj = self.lit(instance.choice);
            for &p in &instance.positive {
                conj = self.apply(&conj, &self.formula[p], op_function::and)?;
            }
            for &q in &instance.negative {
                conj = self.apply(&conj, &self.formula[q], op_function::and_not)?;
            }
            if !conj.is_false() {
                terms.push(conj);
            }
        }
        while terms.len() > 1 {
            let mut next = Vec::with_capacity(terms.len().div_ceil(2));
            let mut each = terms.into_iter();
            while let Some(a) = each.next() {
                next.push(match each.next() {
                    Some(b) => self.apply(&a, &b, op_function::or)?,
                    None => a,
                });
            }
            terms = next;
        }
        Ok(terms.pop().unwrap_or_else(|| self.vars.mk_false()))
    }

    fn lit(&self, lit: Lit) -> Bdd {
        match lit {
            Lit::True => self.vars.mk_true(),
            Lit::Choice(v) => self
                .vars
                .mk_var(biodivine_lib_bdd::BddVariable::from_index(v as usize)),
        }
    }

    fn apply(
        &self,
        left: &Bdd,
        right: &Bdd,
        op: fn(Option<bool>, Option<bool>) -> Option<bool>,
    ) -> Result<Bdd, Past> {
        if self.deadline.is_some_and(|d| std::time::Instant::now() > d) {
            return Err(Past::Deadline);
        }
        Bdd::binary_op_with_limit(self.limit, left, right, op).ok_or(Past::Nodes(self.limit))
    }
}

/// The nodes node `n`'s instances read, positive and negated.
pub(super) fn successors(ground: &Ground, n: usize) -> impl Iterator<Item = usize> + '_ {
    ground.nodes[n].instances.iter().flat_map(|&i| {
        let instance = &ground.instances[i];
        instance.positive.iter().chain(&instance.negative).copied()
    })
}

/// The strongly connected components of the nodes' dependency graph, each after every
/// component it reads ([`crate::graph::components`] numbers them so).
pub(super) fn components(ground: &Ground) -> Vec<Vec<usize>> {
    let n = ground.nodes.len();
    let succ: Vec<Vec<usize>> = (0..n).map(|v| successors(ground, v).collect()).collect();
    let comp = crate::graph::components(&succ);
    let mut out = vec![Vec::new(); comp.iter().map(|&c| c + 1).max().unwrap_or(0)];
    for (v, &c) in comp.iter().enumerate() {
        out[c].push(v);
    }
    out
}
