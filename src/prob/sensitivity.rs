//! Which claims an answer hangs on: for every fact, assumption and rule in an atom's
//! lineage (`certain` ones included, at probability 1), the derivative of P(atom) with
//! respect to the claim's probability, and P(atom) with the claim set to 0 and to 1. A rule
//! is one claim however many of its instances the lineage holds: its probability is theirs.

use crate::engine::{Leaf, Model};
use crate::hash::HashMap;
use crate::likelihood::Likelihood;
use crate::program::{ChoiceId, GroundAtom, RuleId};

use super::lineage::{Claim, Claims};
use super::{Limits, ProbError, compiled, count};

/// A claim of the rule files.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ClaimRef {
    /// A rule, all its instances.
    Rule(RuleId),
    /// A `choice` group: one choice for all its rules' instances.
    Group(ChoiceId),
    /// A fact or assumption: the strongest line for its atom.
    Leaf {
        /// The atom.
        atom: GroundAtom,
        /// The line.
        leaf: Leaf,
    },
}

/// How P(atom) depends on one claim.
#[derive(Clone, Debug, PartialEq)]
pub struct Effect {
    /// The claim.
    pub claim: ClaimRef,
    /// Its probability.
    pub probability: f64,
    /// dP(atom) / d(its probability).
    pub derivative: f64,
    /// P(atom) with the claim never holding.
    pub low: f64,
    /// P(atom) with the claim always holding.
    pub high: f64,
}

/// An atom's probability and the claims it hangs on.
#[derive(Clone, Debug, PartialEq)]
pub struct Sensitivity {
    /// P(atom).
    pub probability: f64,
    /// Its band (as [`super::Exact::likelihood`]).
    pub likelihood: Option<Likelihood>,
    /// Every claim of its lineage, by |derivative| (largest first), ties in the order the
    /// lineage meets them (from the atom down).
    pub claims: Vec<Effect>,
}

/// The sensitivity of P(`atom`) in `model` to each claim of its lineage.
pub fn sensitivity(
    model: &Model<'_>,
    atom: &GroundAtom,
    limits: &Limits,
) -> Result<Sensitivity, ProbError> {
    let atoms = std::slice::from_ref(atom);
    let (ground, roots, diagrams) = compiled(model, atoms, limits, Claims::All)?;
    let root = roots.first().copied().flatten();
    let (probability, likelihood) = diagrams.answer(root);
    let Some(root) = root else {
        return Ok(Sensitivity {
            probability,
            likelihood,
            claims: Vec::new(),
        });
    };
    // The claims, in first appearance, each with its variables.
    let mut groups: Vec<(ClaimRef, Vec<usize>)> = Vec::new();
    let mut group_of: HashMap<ClaimRef, usize> = HashMap::default();
    for (v, choice) in ground.choices().iter().enumerate() {
        let key = match &choice.claim {
            Claim::Rule { rule, .. } => ClaimRef::Rule(*rule),
            Claim::Group { group } => ClaimRef::Group(*group),
            Claim::Leaf { atom, leaf, .. } => ClaimRef::Leaf {
                atom: atom.clone(),
                leaf: *leaf,
            },
        };
        match group_of.get(&key) {
            Some(&g) => groups[g].1.push(v),
            None => {
                group_of.insert(key.clone(), groups.len());
                groups.push((key, vec![v]));
            }
        }
    }
    let bdd = diagrams.formula(root);
    let weights = diagrams.weights();
    let derivatives = count::derivatives(bdd, weights);
    let at = |vars: &[usize], value: f64| {
        let mut w = weights.to_vec();
        for &v in vars {
            w[v] = value;
        }
        count::probability(bdd, &w)
    };
    let mut claims: Vec<Effect> = groups
        .into_iter()
        .map(|(claim, vars)| Effect {
            probability: ground.choices()[vars[0]].probability,
            derivative: vars.iter().map(|&v| derivatives[v]).sum(),
            low: at(&vars, 0.0),
            high: at(&vars, 1.0),
            claim,
        })
        .collect();
    claims.sort_by(|a, b| b.derivative.abs().total_cmp(&a.derivative.abs()));
    Ok(Sensitivity {
        probability,
        likelihood,
        claims,
    })
}
