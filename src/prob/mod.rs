//! How likely, overall: the probability that an atom holds in a world drawn under the
//! distribution semantics (as ProbLog's), computed exactly by compiling the atom's lineage to
//! a binary decision diagram and counting its weighted models.
//!
//! Each ICD 203 level stands for the midpoint of its band ([`level_probability`]). A world
//! is one independent choice per claim in the atom's lineage: per ground fact or assumption
//! (its strongest line in the scenario), and per ground rule instance (one binding of all
//! the rule's variables), shared by all the conclusions of that instance. `certain` claims
//! are no choice: they hold in every world. `not X` holds in a world where X does not
//! (stratified, so well defined); an atom a scenario forbids with `assume not` holds in no
//! world, and an open question, as in evaluation, in none either (asking for its own
//! probability is an error). Conflicts and tensions are reported, never conditioned on.
//!
//! ```
//! use augur::{Analysis, engine::Options, prob};
//!
//! let analysis = Analysis::parse("t.augur", "
//!     fact a p likely
//!     fact b p likely
//!     rule one: a p implies c q
//!     rule two: b p implies c q
//! ").unwrap();
//! let model = analysis.run("default", &Options::default()).unwrap();
//! let atom = analysis.atom("c q").unwrap();
//! let answer = prob::exact(&model, &atom, &prob::Limits::default()).unwrap();
//! // Two independent `likely` routes: 1 - (1 - 0.675)^2.
//! assert!((answer.probability - 0.894375).abs() < 1e-12);
//! assert_eq!(prob::band(answer.probability), Some(augur::Likelihood::VeryLikely));
//! ```

mod compile;
mod count;
mod error;
mod lineage;
mod sample;
mod sensitivity;

pub use error::ProbError;
pub use lineage::{Choice, Claim, MAX_CHOICES};
pub use sample::{
    Estimate, Part, Progress, Sampling, Shard, monte_carlo, monte_carlo_shard,
    monte_carlo_with_progress, wilson,
};
pub use sensitivity::{ClaimRef, Effect, Sensitivity, sensitivity};

use crate::engine::Model;
use crate::likelihood::Likelihood;
use crate::program::GroundAtom;
use compile::{Diagrams, Past};
use lineage::{Claims, Ground};

/// The probability a level stands for: the midpoint of its ICD 203 band, `certain` 1.
pub fn level_probability(level: Likelihood) -> f64 {
    match level {
        Likelihood::AlmostNoChance => 0.03,
        Likelihood::VeryUnlikely => 0.125,
        Likelihood::Unlikely => 0.325,
        Likelihood::EvenChance => 0.5,
        Likelihood::Likely => 0.675,
        Likelihood::VeryLikely => 0.875,
        Likelihood::AlmostCertain => 0.97,
        Likelihood::Certain => 1.0,
    }
}

/// The ICD 203 band a probability falls in (`None` for 0: the atom holds in no world).
/// The bands are almost_no_chance below 0.05, very_unlikely below 0.20, unlikely below
/// 0.45, even_chance up to 0.55, likely up to 0.80, very_likely up to 0.95, almost_certain
/// below 1, and certain at 1; symmetric, so `1 - p` falls in the mirror of `p`'s band.
pub fn band(p: f64) -> Option<Likelihood> {
    Some(match p {
        p if p <= 0.0 => return None,
        p if p < 0.05 => Likelihood::AlmostNoChance,
        p if p < 0.20 => Likelihood::VeryUnlikely,
        p if p < 0.45 => Likelihood::Unlikely,
        p if p <= 0.55 => Likelihood::EvenChance,
        p if p <= 0.80 => Likelihood::Likely,
        p if p <= 0.95 => Likelihood::VeryLikely,
        p if p < 1.0 => Likelihood::AlmostCertain,
        _ => Likelihood::Certain,
    })
}

/// Bounds on the exact computation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The most nodes any one decision diagram may have, intermediate ones included, and
    /// the diagrams of all the lineage's atoms held at once together (terminals counted
    /// per diagram): past it [`exact`] stops with [`ProbError::TooManyNodes`].
    pub max_nodes: usize,
    /// When to give up: past it, [`exact`] stops with [`ProbError::ExactTimeout`]. Read
    /// before each operation on diagrams, each bounded by `max_nodes`.
    pub deadline: Option<std::time::Instant>,
}

impl Limits {
    /// The default [`Limits::max_nodes`]: a node takes 10 bytes, so diagrams of about
    /// 10 MB; the shipped rules need a few hundred at most.
    pub const DEFAULT_MAX_NODES: usize = 1_000_000;
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_nodes: Limits::DEFAULT_MAX_NODES,
            deadline: None,
        }
    }
}

/// An exact answer.
#[derive(Clone, Debug, PartialEq)]
pub struct Exact {
    /// P(atom).
    pub probability: f64,
    /// The ICD 203 band it falls in: `certain` only when the atom holds in every world and
    /// `None` only when it holds in none, whatever the rounding (1 - 0.325^8000 is 1.0 in
    /// floating point, yet `almost_certain`).
    pub likelihood: Option<Likelihood>,
    /// The independent choices its lineage depends on.
    pub choices: usize,
    /// The most decision-diagram nodes held at once while compiling its lineage (what
    /// [`Limits::max_nodes`] bounds).
    pub nodes: usize,
}

/// The probability that `atom` holds in a world of `model`'s scenario, exactly. An atom
/// that does not hold in the model holds in no world (probability 0).
pub fn exact(model: &Model<'_>, atom: &GroundAtom, limits: &Limits) -> Result<Exact, ProbError> {
    let mut all = exact_all(model, std::slice::from_ref(atom), limits)?;
    // One answer per atom asked about.
    Ok(all.swap_remove(0))
}

/// [`exact`] for several atoms of one model at once: their lineages share one ground
/// program and one compilation, so each shared atom is compiled once. `choices` and
/// `nodes` are the whole compilation's, the same in every answer.
pub fn exact_all(
    model: &Model<'_>,
    atoms: &[GroundAtom],
    limits: &Limits,
) -> Result<Vec<Exact>, ProbError> {
    let (ground, roots, diagrams) = compiled(model, atoms, limits, Claims::Uncertain)?;
    let answer = |root: Option<usize>| {
        let (probability, likelihood) = diagrams.answer(root);
        Exact {
            probability,
            likelihood,
            choices: ground.choices().len(),
            nodes: diagrams.peak(),
        }
    };
    Ok(roots.into_iter().map(answer).collect())
}

/// The lineages of `atoms` in `model`, compiled: the ground program, each atom's node in it
/// (`None`: it does not hold in the model), and the diagrams. An open question among them
/// is an error.
fn compiled(
    model: &Model<'_>,
    atoms: &[GroundAtom],
    limits: &Limits,
    claims: Claims,
) -> Result<(Ground, Vec<Option<usize>>, Diagrams), ProbError> {
    let program = model.program();
    foreign(model, atoms)?;
    let scenario = &program.scenarios()[model.scenario().index()].name;
    let shown = || match atoms {
        [one] => format!("`{}`", program.show_atom(one)),
        _ => format!("{} atoms of scenario `{scenario}`", atoms.len()),
    };
    if let Some(open) = atoms.iter().find(|a| model.is_open(a).is_some()) {
        return Err(ProbError::OpenQuestion {
            atom: program.show_atom(open),
            scenario: scenario.clone(),
        });
    }
    let (ground, roots) =
        Ground::collect(model, atoms, claims).map_err(|count| ProbError::TooManyChoices {
            atom: shown(),
            count,
        })?;
    let keep: Vec<usize> = roots.iter().flatten().copied().collect();
    let diagrams = compile::compile(&ground, &keep, claims == Claims::All, limits).map_err(
        |past| match past {
            Past::Choices(count) => ProbError::TooManyChoices {
                atom: shown(),
                count,
            },
            Past::Nodes(nodes) => ProbError::TooManyNodes {
                atom: shown(),
                limit: limits.max_nodes,
                nodes,
            },
            Past::Deadline => ProbError::ExactTimeout { atom: shown() },
        },
    )?;
    Ok((ground, roots, diagrams))
}

/// Refuses atoms of another program than `model`'s, which its relations cannot look up.
fn foreign(model: &Model<'_>, atoms: &[GroundAtom]) -> Result<(), ProbError> {
    match atoms.iter().find_map(|a| model.program().atom_mismatch(a)) {
        Some(detail) => Err(ProbError::ForeignAtom { detail }),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests;
