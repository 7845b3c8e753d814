//! The edge where a proof's ids become names: [`Named`], what a node's [`By`] says in words,
//! which the text drawing reads and which serializes to the documented JSON shape.
//!
//! The shape, per node: `atom` (canonical text, `not X` for a negated premise),
//! `likelihood`, `by` (one of the objects of [`Named`]) and `premises` (left out when
//! empty).

use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::likelihood::Likelihood;
use crate::probability::Probability;
use crate::program::Program;

use super::{By, CiteRef, FactPlace, ForbiddenBy, Proof, assumption_line};

/// How a node was established, with names, files and lines: the JSON object under `by`.
#[derive(serde::Serialize)]
#[serde(untagged)]
pub(super) enum Named<'a, 'p> {
    Rule {
        rule: &'a str,
        file: String,
        line: usize,
        likelihood: Likelihood,
        /// The probability written for the rule, when written as one.
        #[serde(skip_serializing_if = "Option::is_none")]
        probability: Option<Probability>,
        cites: Vec<CiteRef>,
    },
    Fact {
        fact: FactPlace,
    },
    Assumed {
        assumed: String,
        file: String,
        line: usize,
    },
    Hypothesized {
        hypothesized: bool,
    },
    Absent {
        absent: bool,
    },
    Forbidden {
        forbidden: ForbiddenBy,
    },
    /// Forbidden by a what-if run's change, not by a line.
    ForbiddenWhatIf {
        forbidden_what_if: bool,
    },
    Negation {
        negation_of: &'a Proof<'p>,
    },
    Folded {
        folded: bool,
    },
}

impl<'p> By<'p> {
    /// What this says, named from `p`.
    pub(super) fn named<'a>(&'a self, p: &'a Program) -> Named<'a, 'p> {
        match self {
            By::Rule { rule } => {
                let rule = p.rule(*rule);
                let loc = p.sources().location(rule.span);
                Named::Rule {
                    rule: &rule.name,
                    file: loc.file,
                    line: loc.line,
                    likelihood: rule.level,
                    probability: rule.probability,
                    cites: rule.cites.iter().map(CiteRef::from).collect(),
                }
            }
            By::Fact { fact } => {
                let fact = &p.facts()[fact.index()];
                let loc = p.sources().location(fact.span);
                Named::Fact {
                    fact: FactPlace {
                        file: loc.file,
                        line: loc.line,
                        cites: fact.cites.iter().map(CiteRef::from).collect(),
                    },
                }
            }
            By::Assumed { scenario, index } => {
                let (assumed, loc) = assumption_line(p, *scenario, *index);
                Named::Assumed {
                    assumed,
                    file: loc.file,
                    line: loc.line,
                }
            }
            By::Hypothesized => Named::Hypothesized { hypothesized: true },
            By::Absent => Named::Absent { absent: true },
            By::Forbidden { origin } => match ForbiddenBy::from_origin(p, *origin) {
                Some(forbidden) => Named::Forbidden { forbidden },
                None => Named::ForbiddenWhatIf {
                    forbidden_what_if: true,
                },
            },
            By::Negation { negation_of } => Named::Negation { negation_of },
            By::Folded => Named::Folded { folded: true },
        }
    }
}

impl Serialize for Proof<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let written = self.written_probability();
        let fields = 3 + usize::from(!self.premises.is_empty()) + usize::from(written.is_some());
        let mut out = s.serialize_struct("Proof", fields)?;
        out.serialize_field("atom", &self.atom_text())?;
        out.serialize_field("likelihood", &self.likelihood)?;
        match written {
            Some(p) => out.serialize_field("probability", &p)?,
            None => out.skip_field("probability")?,
        }
        out.serialize_field("by", &self.by.named(self.program))?;
        if self.premises.is_empty() {
            out.skip_field("premises")?;
        } else {
            out.serialize_field("premises", &self.premises)?;
        }
        out.end()
    }
}
