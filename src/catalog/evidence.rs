//! `augur list indicators` and `augur list evidence`: what one could observe in the world,
//! and what has been observed (neither enters a derivation).

use serde::Serialize;

use super::Listing;
use crate::explain::{CiteRef, Place};
use crate::likelihood::Likelihood;
use crate::program::Program;

/// An `indicator` declaration.
#[derive(Clone, Debug, Serialize)]
pub struct IndicatorEntry {
    /// The atom, variables `?name` (an indicator with variables stands for every atom that
    /// matches it).
    pub atom: String,
    /// The declaration.
    pub place: Place,
    /// Its citations.
    pub cites: Vec<CiteRef>,
}

/// An `observed` declaration.
#[derive(Clone, Debug, Serialize)]
pub struct EvidenceEntry {
    /// The atom observed.
    pub atom: String,
    /// `observed not`: the atom was seen not to hold.
    pub negated: bool,
    /// Its credibility.
    pub credibility: Likelihood,
    /// The declaration.
    pub place: Place,
    /// Its citations.
    pub cites: Vec<CiteRef>,
}

/// The indicators, in declaration order.
pub fn indicators(p: &Program) -> Listing {
    let entries = p.indicators().iter().map(|i| IndicatorEntry {
        atom: p.show_pattern(&i.atom, &i.vars),
        place: p.sources().location(i.span).into(),
        cites: i.cites.iter().map(CiteRef::from).collect(),
    });
    Listing::Indicators(entries.collect())
}

/// The observations, in declaration order.
pub fn evidence(p: &Program) -> Listing {
    let entries = p.observations().iter().map(|o| EvidenceEntry {
        atom: p.show_atom(&o.atom),
        negated: o.negated,
        credibility: o.credibility,
        place: p.sources().location(o.span).into(),
        cites: o.cites.iter().map(CiteRef::from).collect(),
    });
    Listing::Evidence(entries.collect())
}
