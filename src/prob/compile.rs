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
    formula: Vec<Bdd>,
    weights: Vec<f64>,
    /// The most nodes the atoms' formulas held at once while compiling.
    peak: usize,
}

impl Diagrams {
    /// The probability that node `n` holds: its formula's weighted model count.
    pub fn probability(&self, n: usize) -> f64 {
        super::count::probability(&self.formula[n], &self.weights)
    }

    /// Node `n`'s formula.
    pub fn formula(&self, n: usize) -> &Bdd {
        &self.formula[n]
    }

    /// Each variable's probability.
    pub fn weights(&self) -> &[f64] {
        &self.weights
    }

    /// The probability of a node (`None`: an atom that does not hold in the model) and
    /// its band: `certain` only when the formula is `true`, none only when it is `false`.
    pub fn answer(&self, root: Option<usize>) -> (f64, Option<Likelihood>) {
        match root.map(|n| (n, self.constant(n))) {
            None | Some((_, Some(false))) => (0.0, None),
            Some((_, Some(true))) => (1.0, Some(Likelihood::Certain)),
            Some((n, None)) => {
                let p = self.probability(n);
                let band = super::band(p).unwrap_or(Likelihood::AlmostNoChance);
                (p, Some(band.min(Likelihood::AlmostCertain)))
            }
        }
    }

    /// Whether node `n` holds in every world (its formula is `true`), in no world
    /// (`false`), or in some: `None`.
    pub fn constant(&self, n: usize) -> Option<bool> {
        let f = &self.formula[n];
        (f.is_true() || f.is_false()).then(|| f.is_true())
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
}

/// Compiles every node's lineage.
pub(super) fn compile(ground: &Ground, limits: &Limits) -> Result<Diagrams, Past> {
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
        held: ground.nodes.len(),
        peak: ground.nodes.len(),
    };
    for component in components(ground) {
        b.component(&component).map_err(Past::Nodes)?;
    }
    let weights = ground.choices().iter().map(|c| c.probability).collect();
    Ok(Diagrams {
        formula: b.formula,
        weights,
        peak: b.peak,
    })
}

impl Builder<'_> {
    /// Compiles one strongly connected component.
    fn component(&mut self, nodes: &[usize]) -> Result<(), usize> {
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
                        return Err(self.held);
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
    fn node(&self, n: usize) -> Result<Bdd, usize> {
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
    ) -> Result<Bdd, usize> {
        Bdd::binary_op_with_limit(self.limit, left, right, op).ok_or(self.limit)
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
