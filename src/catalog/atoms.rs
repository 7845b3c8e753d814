//! `augur list atoms`: every ground atom that holds in some scenario, or that the rule
//! files name as something to assume, forbid, assume about or leave open, with where it
//! holds.

use std::collections::BTreeMap;

use indexmap::IndexMap;
use serde::Serialize;

use super::Listing;
use crate::engine::Model;
use crate::likelihood::Likelihood;
use crate::program::{GroundAtom, PredId, Program, unify};

/// The atoms of a program, and how many scenarios it has (JSON: the list alone).
#[derive(Clone, Debug)]
pub struct Atoms {
    /// How many scenarios were run.
    pub scenarios: usize,
    /// The atoms, by text.
    pub atoms: Vec<AtomEntry>,
}

impl Serialize for Atoms {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.atoms.serialize(serializer)
    }
}

/// An atom and the scenarios where it holds or is left open.
#[derive(Clone, Debug, Default, Serialize)]
pub struct AtomEntry {
    /// The atom in canonical form.
    pub atom: String,
    /// Its likelihood in each scenario where it holds, in declaration order.
    pub holds: IndexMap<String, Likelihood>,
    /// The scenarios that leave it open, in declaration order.
    pub open: Vec<String>,
}

/// The atoms of `models` (a run of every scenario, in declaration order), by text: those
/// that hold in one of them, those left open, and the ground atoms the files name in an
/// `assume` line (either form), a ground `assumable` or an `open` declaration, which
/// may hold in none.
pub fn atoms(program: &Program, models: &[Model<'_>]) -> Listing {
    let mut found: BTreeMap<String, AtomEntry> = BTreeMap::new();
    for model in models {
        let name = &program.scenarios()[model.scenario().index()].name;
        for (i, rel) in model.relations().iter().enumerate() {
            let pred = PredId::from_index(i);
            for t in rel.ids() {
                if let Some(level) = model.tuple_likelihood(pred, t) {
                    let text = program.show_atom(&model.atom(pred, t));
                    entry(&mut found, text).holds.insert(name.clone(), level);
                }
            }
        }
        for o in model.open_questions() {
            entry(&mut found, program.show_atom(&o.atom))
                .open
                .push(name.clone());
        }
    }
    for atom in named(program) {
        entry(&mut found, program.show_atom(&atom));
    }
    Listing::Atoms(Atoms {
        scenarios: models.len(),
        atoms: found.into_values().collect(),
    })
}

/// The entry of the atom written `text`, new if need be.
fn entry(found: &mut BTreeMap<String, AtomEntry>, text: String) -> &mut AtomEntry {
    found.entry(text.clone()).or_insert_with(|| AtomEntry {
        atom: text,
        ..AtomEntry::default()
    })
}

/// The ground atoms the files name outside rules: `assume` lines, ground `assumable`
/// declarations, `open` declarations.
fn named(program: &Program) -> Vec<GroundAtom> {
    let assumed = program
        .scenarios()
        .iter()
        .flat_map(|s| &s.assumptions)
        .map(|a| a.atom.clone());
    let assumable = program.assumables().iter().filter_map(|a| {
        Some(GroundAtom {
            pred: a.pred,
            args: unify::ground_args(&a.args)?.into_iter().collect(),
        })
    });
    let open = program.opens().iter().map(|o| o.atom.clone());
    assumed.chain(assumable).chain(open).collect()
}
