//! The names a program declares, listed so that an analyst can find them without reading
//! the rule files: scenarios, rules, predicates, atoms, tests, open questions, documents,
//! indicators and evidence.
//!
//! Each listing is typed data with names rendered ([`Listing`], serde `Serialize`: JSON
//! `{"scenarios": [...]}` and the like) and a text table ([`Listing::text`]). Declarations
//! come in declaration order; predicates and atoms, which have no one place, by name.

mod atoms;
mod evidence;
mod text;

use indexmap::IndexMap;
use serde::Serialize;

use crate::explain::{CiteRef, Place, premises_text};
use crate::likelihood::Likelihood;
use crate::program::{PredId, Program};

pub use atoms::{AtomEntry, Atoms, atoms};
pub use evidence::{EvidenceEntry, IndicatorEntry, evidence, indicators};

/// One listing.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Listing {
    /// `augur list scenarios`.
    Scenarios(Vec<ScenarioEntry>),
    /// `augur list rules`.
    Rules(Vec<RuleEntry>),
    /// `augur list predicates`.
    Predicates(Vec<PredicateEntry>),
    /// `augur list atoms`.
    Atoms(Atoms),
    /// `augur list tests`.
    Tests(Vec<TestEntry>),
    /// `augur list open`.
    Open(Vec<OpenEntry>),
    /// `augur list documents`.
    Documents(Vec<DocumentEntry>),
    /// `augur list indicators`.
    Indicators(Vec<IndicatorEntry>),
    /// `augur list evidence`.
    Evidence(Vec<EvidenceEntry>),
}

/// A scenario and its own `assume` lines.
#[derive(Clone, Debug, Serialize)]
pub struct ScenarioEntry {
    /// Its name.
    pub name: String,
    /// The scenario it extends.
    pub extends: Option<String>,
    /// Its declaration.
    pub place: Place,
    /// Its own `assume` lines, as written (not those it inherits).
    pub assumes: Vec<Assumed>,
    /// Its own `assume not` lines.
    pub forbids: Vec<String>,
}

/// An `assume` line.
#[derive(Clone, Debug, Serialize)]
pub struct Assumed {
    /// The atom.
    pub atom: String,
    /// Its likelihood.
    pub likelihood: Likelihood,
}

/// A rule.
#[derive(Clone, Debug, Serialize)]
pub struct RuleEntry {
    /// Its name.
    pub name: String,
    /// Its likelihood.
    pub likelihood: Likelihood,
    /// The probability written for it, when written as a number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub probability: Option<crate::Probability>,
    /// The `choice` group it shares one choice with, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub choice: Option<String>,
    /// Its declaration.
    pub place: Place,
    /// Its premises as written, `not` included, variables `?name`.
    pub premises: Vec<String>,
    /// Its conclusions.
    pub concludes: Vec<String>,
}

/// A predicate and what produces it.
#[derive(Clone, Debug, Serialize)]
pub struct PredicateEntry {
    /// Its name.
    pub name: String,
    /// Its number of arguments.
    pub arity: usize,
    /// How to write it, one variable per argument: `?a fills_gap_in ?b` (a pattern
    /// `augur query` takes).
    pub pattern: String,
    /// The facts of this predicate.
    pub facts: usize,
    /// The rules that conclude it.
    pub rules: usize,
    /// Whether an `assumable` declaration covers some of its atoms.
    pub assumable: bool,
    /// Where it is first used.
    pub place: Place,
}

/// A test.
#[derive(Clone, Debug, Serialize)]
pub struct TestEntry {
    /// Its name.
    pub name: String,
    /// The scenario it checks.
    pub scenario: String,
    /// Its declaration.
    pub place: Place,
    /// How many `expect` lines it has.
    pub expectations: usize,
}

/// An `open` declaration.
#[derive(Clone, Debug, Serialize)]
pub struct OpenEntry {
    /// The atom left undecided.
    pub atom: String,
    /// For a conditional question, the premises under which it arises.
    pub when: Option<String>,
    /// The declaration.
    pub place: Place,
    /// Its citations.
    pub cites: Vec<CiteRef>,
}

/// A document.
#[derive(Clone, Debug, Serialize)]
pub struct DocumentEntry {
    /// Its name, as `cite` writes it.
    pub name: String,
    /// Its title.
    pub title: String,
    /// Its text file, as the declaration names it.
    pub file: Option<String>,
    /// How many citations quote it.
    pub citations: usize,
    /// The declaration.
    pub place: Place,
}

/// The scenarios, in declaration order.
pub fn scenarios(p: &Program) -> Listing {
    let place = |span| Place::from(p.sources().location(span));
    let entries = p.scenarios().iter().map(|s| ScenarioEntry {
        name: s.name.clone(),
        extends: s.extends.map(|e| p.scenarios()[e.index()].name.clone()),
        place: place(s.span),
        assumes: s
            .assumptions
            .iter()
            .filter(|a| !a.negated)
            .map(|a| Assumed {
                atom: p.show_atom(&a.atom),
                likelihood: a.level,
            })
            .collect(),
        forbids: s
            .assumptions
            .iter()
            .filter(|a| a.negated)
            .map(|a| p.show_atom(&a.atom))
            .collect(),
    });
    Listing::Scenarios(entries.collect())
}

/// The rules, in declaration order.
pub fn rules(p: &Program) -> Listing {
    let entries = p.rules().iter().map(|r| RuleEntry {
        name: r.name.to_string(),
        likelihood: r.level,
        probability: r.probability,
        choice: r.choice.map(|g| p.choices()[g.index()].name.to_string()),
        place: p.sources().location(r.span).into(),
        premises: r
            .premises
            .iter()
            .map(|w| premises_text(p, std::slice::from_ref(w), &r.vars))
            .collect(),
        concludes: r
            .conclusions
            .iter()
            .map(|c| p.show_pattern(c, &r.vars))
            .collect(),
    });
    Listing::Rules(entries.collect())
}

/// The predicates, by name.
pub fn predicates(p: &Program) -> Listing {
    let mut entries: Vec<PredicateEntry> = p
        .predicates()
        .iter()
        .enumerate()
        .map(|(i, pred)| {
            let id = PredId::from_index(i);
            PredicateEntry {
                name: pred.name.clone(),
                arity: pred.arity,
                pattern: crate::query::general_pattern(p, id),
                facts: p.facts().iter().filter(|f| f.atom.pred == id).count(),
                rules: p
                    .rules()
                    .iter()
                    .filter(|r| r.conclusions.iter().any(|c| c.pred == id))
                    .count(),
                assumable: p.assumables().iter().any(|a| a.pred == id),
                place: p.sources().location(pred.first_use).into(),
            }
        })
        .collect();
    entries.sort_by(|a, b| a.name.cmp(&b.name));
    Listing::Predicates(entries)
}

/// The tests, in declaration order.
pub fn tests(p: &Program) -> Listing {
    let entries = p.tests().iter().map(|t| TestEntry {
        name: t.name.clone(),
        scenario: p.scenarios()[t.scenario.index()].name.clone(),
        place: p.sources().location(t.span).into(),
        expectations: t.expects.len(),
    });
    Listing::Tests(entries.collect())
}

/// The `open` declarations, in declaration order.
pub fn open(p: &Program) -> Listing {
    let entries = p.opens().iter().map(|o| OpenEntry {
        atom: p.show_atom(&o.atom),
        when: o
            .is_conditional()
            .then(|| premises_text(p, &o.when, &o.vars)),
        place: p.sources().location(o.span).into(),
        cites: o.cites.iter().map(CiteRef::from).collect(),
    });
    Listing::Open(entries.collect())
}

/// The documents, in declaration order, each with how many citations quote it.
pub fn documents(p: &Program) -> Listing {
    let mut cited: IndexMap<&str, usize> = IndexMap::new();
    for c in p.all_cites() {
        *cited.entry(c.document.as_str()).or_insert(0) += 1;
    }
    let entries = p.documents().iter().map(|d| DocumentEntry {
        name: d.name.clone(),
        title: d.title.clone(),
        file: d.file.as_ref().map(|f| f.path.clone()),
        citations: cited.get(d.name.as_str()).copied().unwrap_or(0),
        place: p.sources().location(d.span).into(),
    });
    Listing::Documents(entries.collect())
}

#[cfg(test)]
mod tests;
