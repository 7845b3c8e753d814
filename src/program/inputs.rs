//! What a run starts from: a scenario's facts, its effective assumptions and the atoms it
//! forbids with `assume not`, computed once, here, for the engine and for `explain` alike;
//! and the changes of a what-if run ([`WhatIf`]) applied to them.

use std::borrow::Cow;
use std::hash::Hasher;

use hashbrown::HashTable;
use rustc_hash::FxHasher;

use crate::hash::{HashMap, HashSet};

use crate::likelihood::Likelihood;

use super::{Assumption, Fact, FactId, GroundAtom, PredId, Program, ScenarioId, SymbolId};

/// Where an assumption (or an `assume not`) of a run comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Origin {
    /// The `index`-th `assume` line of `scenario`: the run's own scenario, or an ancestor
    /// it extends.
    Line {
        /// The scenario whose block holds the line.
        scenario: ScenarioId,
        /// Its position among that scenario's own lines.
        index: u32,
    },
    /// The `i`-th atom of [`WhatIf::added`] (or the `i`-th hypothesis of
    /// [`ScenarioInputs::hypothesize`]).
    Added(u32),
    /// The `i`-th atom of [`WhatIf::forbidden`].
    Forbidden(u32),
}

/// One assumption of a run, or one atom it forbids.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assumed<'p> {
    /// The atom.
    pub atom: Cow<'p, GroundAtom>,
    /// Its likelihood (for an `assume not`, the likelihood written on the line).
    pub level: Likelihood,
    /// Where it comes from.
    pub origin: Origin,
}

/// A what-if run: a scenario changed by assumptions added, withdrawn or forbidden, with
/// the meaning of the same changes written as text (see [`ScenarioInputs::what_if`]).
///
/// ```
/// use augur::{Analysis, Likelihood, engine::{Engine, Options}, program::WhatIf};
///
/// let analysis = Analysis::parse("t.augur", "
///     assumable us withdraws
///     assumable ally hesitates
///     rule gap: us withdraws and not ally hesitates implies rivals advance
///     scenario calm { assume ally hesitates }
/// ").unwrap();
/// let engine = Engine::new(analysis.program());
/// let calm = analysis.scenario("calm").unwrap();
/// let advance = analysis.atom("rivals advance").unwrap();
/// let change = WhatIf::default()
///     .add(analysis.atom("us withdraws").unwrap(), Likelihood::Likely)
///     .withdraw(analysis.atom("ally hesitates").unwrap());
/// let model = engine.what_if(calm, &change, &Options::default()).unwrap();
/// assert_eq!(model.likelihood(&advance), Some(Likelihood::Likely));
/// // The scenario itself is unchanged: nothing was planned or written.
/// let model = engine.run(calm, &Options::default()).unwrap();
/// assert_eq!(model.likelihood(&advance), None);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WhatIf {
    /// `assume atom level`: each replaces every line of the scenario about its atom.
    pub added: Vec<(GroundAtom, Likelihood)>,
    /// Every line of the scenario (and of the scenarios it extends) about the atom is
    /// dropped, as if never written.
    pub withdrawn: Vec<GroundAtom>,
    /// `assume not atom`: each replaces every line of the scenario about its atom.
    pub forbidden: Vec<GroundAtom>,
}

impl WhatIf {
    /// Adds `assume atom level`.
    #[must_use]
    pub fn add(mut self, atom: GroundAtom, level: Likelihood) -> Self {
        self.added.push((atom, level));
        self
    }

    /// Withdraws every line about `atom`.
    #[must_use]
    pub fn withdraw(mut self, atom: GroundAtom) -> Self {
        self.withdrawn.push(atom);
        self
    }

    /// Adds `assume not atom`.
    #[must_use]
    pub fn forbid(mut self, atom: GroundAtom) -> Self {
        self.forbidden.push(atom);
        self
    }

    /// No change at all.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.withdrawn.is_empty() && self.forbidden.is_empty()
    }
}

/// Why a scenario's inputs cannot be computed.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum InputError {
    /// A [`ScenarioId`] this program does not have: made by another program, or by hand.
    #[error("scenario #{index} does not exist: the program has {count} scenarios")]
    #[diagnostic(
        code(augur::input::unknown_scenario),
        help("take scenario ids from the program that runs them (`Program::scenario_named`)")
    )]
    UnknownScenario {
        /// The id's index.
        index: usize,
        /// How many scenarios the program has.
        count: usize,
    },
    /// A what-if atom this program cannot represent: its predicate or a constant is not the
    /// program's, or its arity is wrong.
    #[error("a what-if atom does not belong to this program: {detail}")]
    #[diagnostic(
        code(augur::input::foreign_atom),
        help("resolve atoms with the program that runs them (`Analysis::hypothesis`)")
    )]
    ForeignAtom {
        /// What is wrong with it.
        detail: String,
    },
    /// Inputs computed by one program, run on an engine planned for another.
    #[error("these scenario inputs belong to another program than the engine's")]
    #[diagnostic(
        code(augur::input::foreign_inputs),
        help("compute inputs with the program the engine was planned for (`Engine::program`)")
    )]
    ForeignInputs,
    /// A scenario or what-if of more than `u32::MAX` lines or atoms, whose positions a
    /// proof's leaf cannot record.
    #[error("more than {} assumptions in one list", u32::MAX)]
    #[diagnostic(code(augur::input::too_many))]
    TooMany,
    /// A what-if that both adds and forbids one atom: as text, a contradictory scenario.
    #[error("a what-if both assumes and forbids `{atom}`")]
    #[diagnostic(
        code(augur::input::contradictory),
        help("an atom can be added or forbidden, not both")
    )]
    Contradictory {
        /// The atom, canonical form.
        atom: String,
    },
}

/// What one run starts from: every fact the scenario does not forbid, the scenario's
/// effective assumptions, and the atoms it forbids (`assume not`).
///
/// Invariants, established by [`Program::inputs`] and kept by every change:
/// 1. `blocked_index` holds the position in `blocked` of each entry, under the hash of its
///    atom (`atom_hash`): a lookup by predicate and row never allocates (crate::hash,
///    policy point 3).
/// 2. No atom is both in `assumed` and in `blocked` unless both come from lines of one
///    scenario, which the checker rejects, or from [`ScenarioInputs::hypothesize`], whose
///    atoms a block keeps out.
/// 3. Every atom has a predicate and constants of `program`, with the predicate's arity.
#[derive(Clone, Debug)]
pub struct ScenarioInputs<'p> {
    program: &'p Program,
    scenario: ScenarioId,
    assumed: Vec<Assumed<'p>>,
    blocked: Vec<Assumed<'p>>,
    blocked_index: HashTable<usize>,
    /// Facts left out of the run ([`ScenarioInputs::withdraw_facts`]), sorted.
    withdrawn_facts: Vec<FactId>,
}

impl Program {
    /// What a run of `scenario` starts from (see [`ScenarioInputs`]). A scenario's lines
    /// about an atom replace every line about it in the scenarios it extends, so a child
    /// overrides its parent (and may lift a parent's `assume not`); within one scenario
    /// every line stands, and the strongest wins, as for facts. Assumptions come root
    /// ancestor first.
    pub fn inputs(&self, scenario: ScenarioId) -> Result<ScenarioInputs<'_>, InputError> {
        let lines = self.effective_lines(scenario)?;
        let (mut assumed, mut blocked) = (Vec::new(), Vec::new());
        for (owner, index, line) in lines {
            let entry = Assumed {
                atom: Cow::Borrowed(&line.atom),
                level: line.level,
                origin: Origin::Line {
                    scenario: owner,
                    index: position(index)?,
                },
            };
            if line.negated {
                blocked.push(entry);
            } else {
                assumed.push(entry);
            }
        }
        let mut inputs = ScenarioInputs {
            program: self,
            scenario,
            assumed,
            blocked,
            blocked_index: HashTable::new(),
            withdrawn_facts: Vec::new(),
        };
        inputs.index_blocked();
        Ok(inputs)
    }

    /// The effective `assume` lines of a scenario, negated ones included, root ancestor
    /// first, each with the scenario whose block holds it and its position there.
    fn effective_lines(
        &self,
        scenario: ScenarioId,
    ) -> Result<Vec<(ScenarioId, usize, &Assumption)>, InputError> {
        let count = self.scenarios.len();
        let unknown = InputError::UnknownScenario {
            index: scenario.index(),
            count,
        };
        let Some(mut at) = self.scenarios.get(scenario.index()) else {
            return Err(unknown);
        };
        let mut chain = vec![scenario];
        while let Some(parent) = at.extends {
            // The checker rejects cycles; this only bounds the walk, without a search of
            // the chain at each step (a chain of thousands of scenarios).
            if chain.len() >= count {
                break;
            }
            // A parent out of range cannot come from the checker; refuse it all the same.
            let Some(next) = self.scenarios.get(parent.index()) else {
                return Err(unknown);
            };
            chain.push(parent);
            at = next;
        }
        // Each atom's owner: the deepest scenario of the chain with a line about it (its
        // lines replace the ancestors'), and the position of its first line there.
        let mut owner: HashMap<&GroundAtom, (usize, usize)> = HashMap::default();
        for (depth, &id) in chain.iter().rev().enumerate() {
            for (i, a) in self.scenarios[id.index()].assumptions.iter().enumerate() {
                let slot = owner.entry(&a.atom).or_insert((depth, i));
                if slot.0 != depth {
                    *slot = (depth, i);
                }
            }
        }
        // Root first; within a scenario, an atom's lines together at its first line.
        let mut keyed: Vec<(usize, (ScenarioId, usize, &Assumption))> = Vec::new();
        for (depth, &id) in chain.iter().rev().enumerate() {
            let start = keyed.len();
            for (i, a) in self.scenarios[id.index()].assumptions.iter().enumerate() {
                match owner.get(&a.atom) {
                    Some(&(d, first)) if d == depth => keyed.push((first, (id, i, a))),
                    _ => {}
                }
            }
            keyed[start..].sort_unstable_by_key(|&(first, (_, i, _))| (first, i));
        }
        Ok(keyed.into_iter().map(|(_, line)| line).collect())
    }

    /// The effective assumptions of a scenario, `assume not` lines included, root ancestor
    /// first, each with the scenario whose block holds it and its position there (see
    /// [`Program::inputs`], which splits them into assumptions and forbidden atoms). An
    /// unknown scenario has none.
    pub fn assumptions(&self, scenario: ScenarioId) -> Vec<(ScenarioId, usize, &Assumption)> {
        self.effective_lines(scenario).unwrap_or_default()
    }
}

impl<'p> ScenarioInputs<'p> {
    /// The program.
    pub fn program(&self) -> &'p Program {
        self.program
    }

    /// The scenario changed or run.
    pub fn scenario(&self) -> ScenarioId {
        self.scenario
    }

    /// Every fact the run starts from, in declaration order: all but those forbidden and
    /// those withdrawn.
    pub fn facts(&self) -> impl Iterator<Item = (FactId, &'p Fact)> + '_ {
        self.program
            .facts()
            .iter()
            .enumerate()
            .map(|(i, f)| (FactId::from_index(i), f))
            .filter(|(id, f)| {
                !self.is_blocked(&f.atom) && self.withdrawn_facts.binary_search(id).is_err()
            })
    }

    /// The facts left out by [`ScenarioInputs::withdraw_facts`], sorted.
    pub fn withdrawn_facts(&self) -> &[FactId] {
        &self.withdrawn_facts
    }

    /// Leaves out every fact about `atom`, as if its `fact` lines were not written ("what
    /// if this established claim were not?"); rules may still derive the atom.
    pub fn withdraw_facts(&mut self, atom: &GroundAtom) {
        let of_atom = self.program.facts().iter().enumerate();
        let ids = of_atom
            .filter(|(_, f)| f.atom == *atom)
            .map(|(i, _)| FactId::from_index(i));
        self.withdrawn_facts.extend(ids);
        self.withdrawn_facts.sort_unstable();
        self.withdrawn_facts.dedup();
    }

    /// The assumptions, root ancestor's first, then what a what-if adds.
    pub fn assumed(&self) -> &[Assumed<'p>] {
        &self.assumed
    }

    /// The forbidden atoms (`assume not`), in the same order.
    pub fn blocked(&self) -> &[Assumed<'p>] {
        &self.blocked
    }

    /// Whether the run forbids `atom`.
    pub fn is_blocked(&self, atom: &GroundAtom) -> bool {
        // Invariant 1: the set holds the atoms of `blocked`.
        self.blocks(atom.pred, &atom.args)
    }

    /// The entry by which the run forbids `atom`, if it does.
    pub fn blocking(&self, atom: &GroundAtom) -> Option<&Assumed<'p>> {
        self.blocking_row(atom.pred, &atom.args)
    }

    /// Whether the run forbids the atom of `pred` over `row`.
    pub(crate) fn blocks(&self, pred: PredId, row: &[SymbolId]) -> bool {
        !self.blocked.is_empty() && self.blocking_row(pred, row).is_some()
    }

    fn blocking_row(&self, pred: PredId, row: &[SymbolId]) -> Option<&Assumed<'p>> {
        // Invariant 1: the index holds each entry's position under its atom's hash.
        let at = self.blocked_index.find(atom_hash(pred, row), |&i| {
            self.blocked
                .get(i)
                .is_some_and(|b| b.atom.pred == pred && *b.atom.args == *row)
        })?;
        self.blocked.get(*at)
    }

    /// The `assume` line an entry comes from, when it comes from one.
    pub fn line(&self, entry: &Assumed<'_>) -> Option<&'p Assumption> {
        match entry.origin {
            Origin::Line { scenario, index } => self
                .program
                .scenarios()
                .get(scenario.index())?
                .assumptions
                .get(usize::try_from(index).ok()?),
            Origin::Added(_) | Origin::Forbidden(_) => None,
        }
    }

    /// Applies a what-if, with the meaning of these lines written as text: every line
    /// about an atom of `withdrawn` is deleted, wherever in the chain of scenarios it is;
    /// then a scenario extending this one declares `assume atom level` for each atom of
    /// `added` and `assume not atom` for each of `forbidden`, each replacing what the chain
    /// says about its atom (and lifting an `assume not`). Changed atoms move to the end of
    /// the order, as a child scenario's lines do.
    pub fn what_if(mut self, change: &WhatIf) -> Result<Self, InputError> {
        for atom in change.added.iter().map(|(a, _)| a) {
            self.check_atom(atom)?;
            if change.forbidden.contains(atom) {
                return Err(InputError::Contradictory {
                    atom: self.program.show_atom(atom),
                });
            }
        }
        for atom in change.withdrawn.iter().chain(&change.forbidden) {
            self.check_atom(atom)?;
        }
        let touched: HashSet<&GroundAtom> = change
            .added
            .iter()
            .map(|(a, _)| a)
            .chain(&change.withdrawn)
            .chain(&change.forbidden)
            .collect();
        self.assumed.retain(|a| !touched.contains(&*a.atom));
        self.blocked.retain(|a| !touched.contains(&*a.atom));
        for (i, (atom, level)) in change.added.iter().enumerate() {
            self.assumed.push(Assumed {
                atom: Cow::Owned(atom.clone()),
                level: *level,
                origin: Origin::Added(position(i)?),
            });
        }
        for (i, atom) in change.forbidden.iter().enumerate() {
            self.blocked.push(Assumed {
                atom: Cow::Owned(atom.clone()),
                level: Likelihood::Certain,
                origin: Origin::Forbidden(position(i)?),
            });
        }
        self.index_blocked();
        Ok(self)
    }

    /// Adds `certain` hypotheses ("what if these held too?"), numbered from 0 as
    /// [`Origin::Added`]. Unlike [`WhatIf::added`], a hypothesis the scenario forbids stays
    /// out: the question is what else would make an atom hold, within the scenario.
    pub fn hypothesize(&mut self, hypotheses: &[GroundAtom]) -> Result<(), InputError> {
        for (i, h) in hypotheses.iter().enumerate() {
            self.check_atom(h)?;
            if !self.is_blocked(h) {
                self.assumed.push(Assumed {
                    atom: Cow::Owned(h.clone()),
                    level: Likelihood::Certain,
                    origin: Origin::Added(position(i)?),
                });
            }
        }
        Ok(())
    }

    /// Invariant 1: indexes the entries of `blocked`.
    fn index_blocked(&mut self) {
        let mut index = HashTable::with_capacity(self.blocked.len());
        for (i, b) in self.blocked.iter().enumerate() {
            index.insert_unique(atom_hash(b.atom.pred, &b.atom.args), i, |&j| {
                // Invariant 1: every position kept is one of `blocked`'s.
                let b = &self.blocked[j];
                atom_hash(b.atom.pred, &b.atom.args)
            });
        }
        self.blocked_index = index;
    }

    /// Invariant 3: refuses an atom the program cannot represent.
    fn check_atom(&self, atom: &GroundAtom) -> Result<(), InputError> {
        self.program.own_atom(atom)
    }
}

impl Program {
    /// [`Program::atom_mismatch`] as an error: `Ok` for an atom of this program.
    pub fn own_atom(&self, atom: &GroundAtom) -> Result<(), InputError> {
        match self.atom_mismatch(atom) {
            Some(detail) => Err(InputError::ForeignAtom { detail }),
            None => Ok(()),
        }
    }

    /// What makes `atom` another program's, `None` for one of this program's: a predicate
    /// or a constant this program does not have, or the wrong number of arguments. An atom
    /// that passes may be looked up in any of its models and shown without a panic.
    pub fn atom_mismatch(&self, atom: &GroundAtom) -> Option<String> {
        match self.predicates().get(atom.pred.index()) {
            None => Some(format!("no predicate #{}", atom.pred.index())),
            Some(pred) if pred.arity != atom.args.len() => Some(format!(
                "predicate `{}` takes {} arguments, not {}",
                pred.name,
                pred.arity,
                atom.args.len()
            )),
            Some(pred) => atom
                .args
                .iter()
                .find(|a| a.index() >= self.symbols().len())
                .map(|a| format!("no constant #{} (in `{}`)", a.index(), pred.name)),
        }
    }
}

/// The hash under which the index of forbidden atoms keeps an atom.
fn atom_hash(pred: PredId, row: &[SymbolId]) -> u64 {
    let mut h = FxHasher::default();
    h.write_u32(pred.0);
    for s in row {
        h.write_u32(s.0);
    }
    h.finish()
}

/// A position in a list of lines or atoms, as the `u32` a proof's leaf keeps.
fn position(i: usize) -> Result<u32, InputError> {
    u32::try_from(i).map_err(|_| InputError::TooMany)
}

#[cfg(test)]
mod tests;
