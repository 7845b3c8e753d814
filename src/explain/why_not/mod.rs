//! Why an atom does not hold: for each rule that could conclude it, which premises hold and
//! which fail, recursively down to what a scenario would have to assume; and the nearest
//! misses, the smallest sets of assumable atoms whose addition makes it hold.

mod misses;
mod search;

use serde::Serialize;

use super::{CiteRef, Place, Proof};
use crate::engine::{Engine, Model};
use crate::likelihood::Likelihood;
use crate::program::{ConflictId, ConflictKind, GroundAtom};

pub use misses::MissSearch;
use misses::nearest_misses;
use search::Search;

/// The deepest a why-not tree goes: [`Bounds::depth`] is clamped to it, so that building,
/// drawing and serializing a tree never nest deeper than this, whatever the input. Each
/// level nests four JSON values, so the answer stays within the 128 levels common JSON
/// parsers (`serde_json`'s default) accept.
pub const MAX_DEPTH: usize = 30;

/// Bounds on the search, so that an answer stays readable and quick whatever the program.
#[derive(Clone, Debug)]
pub struct Bounds {
    /// How many rule levels to descend (at most [`MAX_DEPTH`]).
    pub depth: usize,
    /// How many rules to show per atom (the rest are counted).
    pub rules: usize,
    /// How many nodes (atoms and premises) one tree holds at most; atoms met past it are
    /// not explored, and counted.
    pub nodes: usize,
    /// Largest set of atoms tried as a nearest miss.
    pub miss_size: usize,
    /// Most what-if evaluations spent looking for nearest misses.
    pub miss_runs: usize,
}

impl Bounds {
    /// The default depth.
    pub const DEPTH: usize = 4;
    /// The default number of rules shown per atom.
    pub const RULES: usize = 8;
    /// The default number of nodes in a tree.
    pub const NODES: usize = 2_000;
    /// The default number of what-if runs.
    pub const MISS_RUNS: usize = 100;
}

impl Default for Bounds {
    fn default() -> Self {
        Bounds {
            depth: Bounds::DEPTH,
            rules: Bounds::RULES,
            nodes: Bounds::NODES,
            miss_size: 3,
            miss_runs: Bounds::MISS_RUNS,
        }
    }
}

/// Where an atom stands in the failure tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// It holds.
    Holds,
    /// It does not hold; `rules` says why.
    Fails,
    /// The analysis declares it open.
    LeftOpen,
    /// The scenario forces it false with `assume not`.
    Blocked,
    /// Below the depth bound, or already being explained higher up.
    Unexplored,
    /// A `not X` premise that holds as `certain`: X does not hold (or the scenario
    /// forbids it: `note` and `place` say so). A `not X` whose X holds below `certain`
    /// is `holds`, at the mirrored likelihood, with X's proof.
    Absent,
    /// A `not X` premise that fails because X holds as `certain` (`proof` shows X).
    Blocking,
    /// A premise with variables no match could bind.
    NoMatch,
}

/// One atom (or `not` premise) in a failure tree.
#[derive(Clone, Debug, Serialize)]
pub struct Node<'p> {
    /// The atom in canonical form; `?x` for variables no match bound.
    pub atom: String,
    /// Its standing.
    pub status: Status,
    /// Its likelihood, when it holds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub likelihood: Option<Likelihood>,
    /// A sentence for people: why it fails when no rule explains it, or what blocks it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The declaration behind `left_open` or `blocked`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<Place>,
    /// Citations of an open question.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cites: Vec<CiteRef>,
    /// The rules that could conclude it, each with its premises.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<Attempt<'p>>,
    /// Rules not shown because of the breadth bound.
    #[serde(skip_serializing_if = "is_zero")]
    pub rules_cut: usize,
    /// For a `not X` premise that is `blocking`, or `holds` below `certain`: the proof of
    /// X, which blocks the `not` or sets its likelihood.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub proof: Option<Proof<'p>>,
    /// A label, `#id`, on an atom explained here and met again elsewhere in the tree.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<usize>,
    /// Set when this atom is explained at another node of the tree, the one labelled
    /// `#same_as` (above it when drawn): each atom is explained once.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub same_as: Option<usize>,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// One rule that could conclude an atom.
#[derive(Clone, Debug, Serialize)]
pub struct Attempt<'p> {
    /// Its name.
    pub rule: String,
    /// Its place.
    pub file: String,
    /// Its line.
    pub line: usize,
    /// Its likelihood.
    pub likelihood: Likelihood,
    /// Set when the conclusion's constants do not match the atom: why.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mismatch: Option<String>,
    /// Its premises, in written order, each with its standing.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub premises: Vec<Node<'p>>,
}

/// The answer to `why-not`.
#[derive(Clone, Debug, Serialize)]
pub struct WhyNot<'p> {
    /// The failure tree (status `holds` when the atom holds after all).
    pub tree: Box<Node<'p>>,
    /// Atoms left unexplored because the tree reached [`Bounds::nodes`].
    pub nodes_cut: usize,
    /// Smallest sets of atoms whose addition makes the atom hold, each checked by a
    /// what-if evaluation; empty when none was found within the bounds.
    pub nearest_misses: Vec<Vec<String>>,
    /// How the search for them went.
    pub miss_search: MissSearch,
}

/// Explains why `atom` does not hold in `model`. The search for nearest misses plans an
/// engine for its what-if runs; a caller that has the engine which evaluated `model` passes
/// it to [`why_not_with`] instead, and nothing is planned again.
///
/// # Panics
///
/// When `atom` is not of the model's program ([`crate::program::Program::atom_mismatch`]
/// says why): resolve atoms with the program that ran the model.
pub fn why_not<'p>(model: &Model<'p>, atom: &GroundAtom, bounds: &Bounds) -> WhyNot<'p> {
    explain(None, model, atom, bounds)
}

/// [`why_not`], the what-if runs of the nearest misses on `engine` (an engine of the
/// model's program: one of another program stops every what-if run).
///
/// # Panics
///
/// As [`why_not`], on an atom of another program.
pub fn why_not_with<'p>(
    engine: &Engine<'p>,
    model: &Model<'p>,
    atom: &GroundAtom,
    bounds: &Bounds,
) -> WhyNot<'p> {
    explain(Some(engine), model, atom, bounds)
}

fn explain<'p>(
    engine: Option<&Engine<'p>>,
    model: &Model<'p>,
    atom: &GroundAtom,
    bounds: &Bounds,
) -> WhyNot<'p> {
    let mut search = Search::new(model, bounds);
    let mut tree = search.node(atom, bounds.depth.min(MAX_DEPTH));
    search.label(std::slice::from_mut(&mut tree));
    let (nearest_misses, miss_search) =
        if tree.status == Status::Fails || tree.status == Status::Unexplored {
            let mut candidates = std::mem::take(&mut search.candidates);
            // The atom itself, when a scenario could assume it, is recorded after everything
            // below it; it goes first, so that the bound on candidates never drops the one
            // set of one atom that surely works.
            if let Some(i) = candidates.iter().position(|c| c == atom) {
                let itself = candidates.remove(i);
                candidates.insert(0, itself);
            }
            let (sets, how) = nearest_misses(engine, model, atom, &candidates, bounds);
            let shown = sets
                .iter()
                .map(|set| set.iter().map(|a| model.program().show_atom(a)).collect())
                .collect();
            (shown, how)
        } else {
            (Vec::new(), MissSearch::default())
        };
    WhyNot {
        tree: Box::new(tree),
        nodes_cut: search.nodes_cut,
        nearest_misses,
        miss_search,
    }
}

/// Why a conflict does not hold: the standing of each premise of its body, under the
/// variable values of the longest prefix of positive premises that some atoms satisfy.
#[derive(Clone, Debug, Serialize)]
pub struct ConflictWhyNot<'p> {
    /// The conflict's name.
    pub conflict: String,
    /// Whether it is a conflict or a tension.
    pub kind: ConflictKind,
    /// Where it is declared.
    pub place: Place,
    /// Its premises, in written order, each with its standing.
    pub premises: Vec<Node<'p>>,
    /// Atoms left unexplored because the tree reached [`Bounds::nodes`].
    pub nodes_cut: usize,
}

/// Explains why conflict `id` does not hold in `model`.
///
/// # Panics
///
/// When `id` is not one of the program's conflicts (take it from `Program::conflicts`).
pub fn why_not_conflict<'p>(
    model: &Model<'p>,
    id: ConflictId,
    bounds: &Bounds,
) -> ConflictWhyNot<'p> {
    let p = model.program();
    let conflict = &p.conflicts()[id.index()];
    let mut search = Search::new(model, bounds);
    let env = search.longest_match(&conflict.premises, vec![None; conflict.vars.len()]);
    let depth = bounds.depth.clamp(1, MAX_DEPTH);
    let mut premises = search.premise_nodes(&conflict.premises, &conflict.vars, &env, depth);
    search.label(&mut premises);
    ConflictWhyNot {
        conflict: conflict.name.clone(),
        kind: conflict.kind,
        place: p.sources().location(conflict.span).into(),
        premises,
        nodes_cut: search.nodes_cut,
    }
}

#[cfg(test)]
mod tests;
