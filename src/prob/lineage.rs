//! The relevant ground program of one atom, read from the engine's model: every atom the
//! answer depends on, each with its leaf (fact or assumption) and the ground rule instances
//! that conclude it, and the independent choices they rest on.
//!
//! The model holds every atom that holds in some world (an atom holds there when some
//! derivation's positive premises hold and no `not` premise is certain, and a certain atom
//! holds in every world), so the rule instances whose positive premises match tuples of the
//! model are all the instances that can fire in any world. `not X` premises whose X is not
//! in the model hold in every world and are left out.

use std::ops::ControlFlow;

use crate::engine::{Leaf, Model, TupleId};
use crate::hash::{HashMap, HashSet};
use crate::likelihood::Likelihood;
use crate::program::unify::substitute;
use crate::program::{ChoiceId, GroundAtom, PredId, RuleId, SymbolId};

use super::level_probability;

/// The most choices one lineage may rest on: the BDD crate numbers fewer than 65,534
/// variables (it panics at 65,534, though its message says "at most 65534").
pub const MAX_CHOICES: usize = 65_533;

/// What one independent choice is: a claim of the rule files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Claim {
    /// A fact or assumption (the strongest line for the atom in the scenario).
    Leaf {
        /// The atom.
        atom: GroundAtom,
        /// The line.
        leaf: Leaf,
        /// Its likelihood.
        level: Likelihood,
    },
    /// A `choice` group: one choice shared by every instance of every rule marked with it.
    Group {
        /// The group.
        group: ChoiceId,
    },
    /// One ground instance of a rule: one binding of all its variables.
    Rule {
        /// The rule.
        rule: RuleId,
        /// Its variables' values, by variable.
        bindings: Vec<SymbolId>,
    },
}

/// An independent choice and the probability it is taken.
#[derive(Clone, Debug)]
pub struct Choice {
    /// The claim.
    pub claim: Claim,
    /// Its probability ([`level_probability`] of its level).
    pub probability: f64,
}

/// Something that holds in every world, or when one choice is taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Lit {
    True,
    Choice(u32),
}

/// A ground atom of the lineage: its leaf, and the rule instances concluding it.
#[derive(Debug)]
pub(super) struct Node {
    pub leaf: Option<Lit>,
    pub instances: Vec<usize>,
}

/// A ground rule instance: taken with its choice, it concludes its heads when every
/// positive premise holds and no negated one does.
#[derive(Debug)]
pub(super) struct Instance {
    pub choice: Lit,
    pub positive: Vec<usize>,
    pub negative: Vec<usize>,
}

/// The relevant ground program of some atoms.
#[derive(Debug)]
pub(super) struct Ground {
    pub nodes: Vec<Node>,
    pub instances: Vec<Instance>,
    choices: Vec<Choice>,
}

/// What the collection is building, beside the result.
struct Builder<'m, 'p> {
    model: &'m Model<'p>,
    ground: Ground,
    node_of: HashMap<(PredId, TupleId), usize>,
    instance_of: HashMap<(RuleId, Vec<SymbolId>), usize>,
    /// Nodes whose instances are still to be read.
    todo: Vec<(PredId, TupleId)>,
    /// Whether `certain` claims are choices too (at probability 1), for sensitivity.
    every: bool,
    /// For each atom with a line written as a probability (`fact a p 0.72`): its
    /// strongest line, the one of the highest probability (the engine keeps the first line
    /// of the highest band, and lines of one band may differ in number).
    strongest: HashMap<GroundAtom, (Leaf, Likelihood, f64)>,
    /// The choice of each `choice` group met so far.
    groups: HashMap<ChoiceId, Lit>,
    /// The most choices numbered: [`MAX_VARIABLES`], lower in tests.
    max_choices: usize,
    /// Whether a claim found no number left: the lineage is refused, never collected
    /// with two claims under one number.
    overflow: bool,
}

/// The most choices a lineage numbers: one per `u32` variable.
const MAX_VARIABLES: usize = 1 << 32;

const _: () = assert!(usize::BITS > u32::BITS, "MAX_VARIABLES fits a usize");

/// Which claims become choices.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Claims {
    /// Only those below `certain`: what P depends on.
    Uncertain,
    /// Every claim, `certain` ones at probability 1: what sensitivity varies.
    All,
}

impl Ground {
    /// The ground program `atoms` depend on in `model`, and the node of each (`None` for
    /// an atom that does not hold in the model: it holds in no world). `Err` with how many
    /// choices were numbered when the lineage rests on more than a `u32` numbers.
    pub fn collect(
        model: &Model<'_>,
        atoms: &[GroundAtom],
        claims: Claims,
    ) -> Result<(Ground, Vec<Option<usize>>), usize> {
        Self::collect_within(model, atoms, claims, MAX_VARIABLES)
    }

    /// [`Ground::collect`] numbering at most `max_choices` choices (a parameter so that
    /// tests reach the bound).
    pub fn collect_within(
        model: &Model<'_>,
        atoms: &[GroundAtom],
        claims: Claims,
        max_choices: usize,
    ) -> Result<(Ground, Vec<Option<usize>>), usize> {
        let mut b = Builder {
            model,
            ground: Ground {
                nodes: Vec::new(),
                instances: Vec::new(),
                choices: Vec::new(),
            },
            node_of: HashMap::default(),
            instance_of: HashMap::default(),
            todo: Vec::new(),
            every: claims == Claims::All,
            strongest: strongest_lines(model),
            groups: HashMap::default(),
            max_choices: max_choices.min(MAX_VARIABLES),
            overflow: false,
        };
        let roots = atoms
            .iter()
            .map(|a| model.find(a).map(|t| b.node(a.pred, t)))
            .collect();
        let mut next = 0;
        while let Some(&(pred, t)) = b.todo.get(next)
            && !b.overflow
        {
            b.expand(next, pred, t);
            next += 1;
        }
        if b.overflow {
            return Err(b.ground.choices.len());
        }
        Ok((b.ground, roots))
    }

    /// The choices, by variable.
    pub fn choices(&self) -> &[Choice] {
        &self.choices
    }
}

impl Builder<'_, '_> {
    /// A new choice for `claim` at probability `p`, or `True` for a certain one (unless every claim
    /// is a choice).
    fn choice(&mut self, claim: impl FnOnce() -> Claim, p: f64) -> Lit {
        if p >= 1.0 && !self.every {
            return Lit::True;
        }
        let choices = &mut self.ground.choices;
        // Past the last number the lineage is refused (`collect` sees `overflow`), so no
        // two claims share one; the literal returned then is never read.
        let var = u32::try_from(choices.len()).ok();
        let Some(var) = var.filter(|_| choices.len() < self.max_choices) else {
            self.overflow = true;
            return Lit::True;
        };
        choices.push(Choice {
            claim: claim(),
            probability: p,
        });
        Lit::Choice(var)
    }

    /// The node of tuple `t` of `pred`, made (with its leaf) on first sight.
    fn node(&mut self, pred: PredId, t: TupleId) -> usize {
        if let Some(&n) = self.node_of.get(&(pred, t)) {
            return n;
        }
        let leaf = match self.model.leaf(pred, t) {
            None => None,
            Some((leaf, level)) => {
                let atom = self.model.atom(pred, t);
                let (leaf, level, p) = match self.strongest.get(&atom) {
                    Some(&line) => line,
                    None => (leaf, level, level_probability(level)),
                };
                Some(self.choice(|| Claim::Leaf { atom, leaf, level }, p))
            }
        };
        let n = self.ground.nodes.len();
        self.ground.nodes.push(Node {
            leaf,
            instances: Vec::new(),
        });
        self.node_of.insert((pred, t), n);
        self.todo.push((pred, t));
        n
    }

    /// Reads the rule instances that conclude node `n`, tuple `t` of `pred`. A node whose
    /// leaf is certain holds in every world: its instances do not matter.
    fn expand(&mut self, n: usize, pred: PredId, t: TupleId) {
        if self.ground.nodes[n].leaf == Some(Lit::True) {
            return;
        }
        let model = self.model;
        let program = model.program();
        let atom = model.atom(pred, t);
        let mut found = Vec::new();
        for r in 0..program.rules().len() {
            let r = RuleId::from_index(r);
            let _ = model.derivations_by(r, &atom, &mut |d| {
                found.push((d.rule, d.bindings.clone(), d.premises.clone()));
                ControlFlow::Continue(())
            });
        }
        let mut instances = Vec::with_capacity(found.len());
        for (rule, bindings, premises) in found {
            instances.push(self.instance(rule, bindings, &premises));
        }
        // A rule with two conclusions that both match the atom is one instance.
        instances.sort_unstable();
        instances.dedup();
        self.ground.nodes[n].instances = instances;
    }

    /// The instance of `rule` at `bindings`, made on first sight from the tuples its
    /// premises matched (`None` for a `not` premise).
    fn instance(
        &mut self,
        rule: RuleId,
        bindings: Vec<SymbolId>,
        premises: &[Option<(PredId, TupleId)>],
    ) -> usize {
        let key = (rule, bindings);
        if let Some(&i) = self.instance_of.get(&key) {
            return i;
        }
        let (rule, bindings) = key;
        let model = self.model;
        let program = model.program();
        let written = program.rule(rule);
        let choice = match written.choice {
            // Every instance of every rule of a group shares the group's one choice.
            Some(group) => match self.groups.get(&group) {
                Some(&lit) => lit,
                None => {
                    let p = program.choices()[group.index()].probability.value();
                    let lit = self.choice(|| Claim::Group { group }, p);
                    self.groups.insert(group, lit);
                    lit
                }
            },
            None => self.choice(
                || Claim::Rule {
                    rule,
                    bindings: bindings.clone(),
                },
                written.chance().value(),
            ),
        };
        let mut positive = Vec::new();
        let mut negative = Vec::new();
        for (premise, matched) in written.premises.iter().zip(premises) {
            match (premise.negated, matched) {
                (false, Some((pred, t))) => positive.push(self.node(*pred, *t)),
                (true, _) => {
                    // Safety: every variable of a `not` premise occurs in a positive one,
                    // so the bindings ground it.
                    let Some(args) = substitute(&premise.atom.args, &bindings) else {
                        continue;
                    };
                    let pred = premise.atom.pred;
                    if let Some(t) = model.relation(pred).find(&args) {
                        negative.push(self.node(pred, t));
                    }
                }
                // A positive premise always matched a tuple.
                (false, None) => {}
            }
        }
        let i = self.ground.instances.len();
        self.ground.instances.push(Instance {
            choice,
            positive,
            negative,
        });
        self.instance_of.insert((rule, bindings), i);
        i
    }
}

/// The strongest line of each atom some line writes as a probability, in `model`'s
/// scenario: of all its facts and assumptions, the one of the highest probability (the
/// first of them on a tie). Empty, at the cost of one pass, when no line writes one.
fn strongest_lines(model: &Model<'_>) -> HashMap<GroundAtom, (Leaf, Likelihood, f64)> {
    let inputs = model.inputs();
    let facts = inputs
        .facts()
        .map(|(id, f)| (&f.atom, Leaf::Fact(id), f.level, f.probability));
    let assumed = inputs.assumed().iter().map(|a| {
        let written = inputs.line(a).and_then(|line| line.probability);
        (&*a.atom, Leaf::from(a.origin), a.level, written)
    });
    let lines: Vec<_> = facts.chain(assumed).collect();
    let written: HashSet<&GroundAtom> = lines
        .iter()
        .filter(|l| l.3.is_some())
        .map(|l| l.0)
        .collect();
    let mut out: HashMap<GroundAtom, (Leaf, Likelihood, f64)> = HashMap::default();
    if written.is_empty() {
        return out;
    }
    for (atom, leaf, level, stated) in lines.into_iter().filter(|l| written.contains(l.0)) {
        let p = stated.map_or_else(|| level_probability(level), |w| w.value());
        let better = out.get(atom).is_none_or(|best| p > best.2);
        if better {
            out.insert(atom.clone(), (leaf, level, p));
        }
    }
    out
}
