//! Model to proofs: why an atom holds, as a tree back to facts and assumptions, with every
//! rule's citations. Proofs are rebuilt from what the model recorded (it answers "the
//! derivation of this atom at this likelihood"); nothing is evaluated again.
//!
//! Proofs are data: each node holds the typed atom it proves ([`Literal`]) and how
//! ([`By`]: a [`RuleId`], a [`FactId`], an assumption line), and names are rendered only
//! at the edge: drawn as text by [`render`], and as JSON by the `Serialize` impls of the
//! `json` module, which keep the documented shape.

mod build;
mod json;
mod strongest;

pub mod all;
pub mod render;
pub mod why_not;

use std::fmt;

use serde::Serialize;

use crate::engine::Model;
use crate::likelihood::Likelihood;
use crate::program::{FactId, GroundAtom, Origin, Program, RuleId, ScenarioId};
use crate::source::Location;

pub use all::{AllProofs, all_proofs};
pub(crate) use build::{Build, Cx, Limits, build};
pub use build::{MAX_PROOF_DEPTH, MAX_PROOF_STEPS};
pub use strongest::why;
pub(crate) use strongest::{leaf_by, negation, negation_within, strongest};
pub use why_not::{Bounds, ConflictWhyNot, WhyNot, why_not, why_not_conflict, why_not_with};

/// A citation in a proof.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CiteRef {
    /// The document's name.
    pub document: String,
    /// The quoted sentence.
    pub quote: String,
}

impl fmt::Display for CiteRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::program::show_cite(f, &self.document, &self.quote)
    }
}

impl From<&crate::program::Cite> for CiteRef {
    fn from(c: &crate::program::Cite) -> Self {
        CiteRef {
            document: c.document.clone(),
            quote: c.quote.clone(),
        }
    }
}

/// What a proof node proves: a ground atom, or `not` one (a negated premise).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Literal {
    /// The atom.
    pub atom: GroundAtom,
    /// Whether the node proves `not atom`.
    pub negated: bool,
}

impl Literal {
    /// The atom itself.
    pub fn holds(atom: GroundAtom) -> Self {
        Literal {
            atom,
            negated: false,
        }
    }

    /// `not atom`.
    pub fn not(atom: GroundAtom) -> Self {
        Literal {
            atom,
            negated: true,
        }
    }

    /// The canonical text: the atom, after `not ` when negated.
    pub fn show(&self, p: &Program) -> String {
        let atom = p.show_atom(&self.atom);
        if self.negated {
            format!("not {atom}")
        } else {
            atom
        }
    }
}

/// How a proof node was established.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum By<'p> {
    /// An application of a rule.
    Rule {
        /// The rule.
        rule: RuleId,
    },
    /// A fact.
    Fact {
        /// The fact.
        fact: FactId,
    },
    /// An `assume` line of a scenario.
    Assumed {
        /// The scenario whose block holds the line.
        scenario: ScenarioId,
        /// The line's position among that scenario's own assumptions.
        index: usize,
    },
    /// An atom added by a what-if run (a nearest miss being tried).
    Hypothesized,
    /// A `not X` premise that is `certain` because X does not hold at all.
    Absent,
    /// A `not X` premise that is `certain` because the run forbids X: an `assume not X`
    /// line of the scenario (or of one it extends), or a what-if run's change.
    Forbidden {
        /// Where the prohibition comes from.
        origin: Origin,
    },
    /// A `not X` premise whose X holds below `certain`: `not X` has the mirrored
    /// likelihood ([`Likelihood::negated`]), and X's strongest proof is the reason.
    Negation {
        /// The proof of X.
        negation_of: Box<Proof<'p>>,
    },
    /// A subproof not built because it lies deeper than [`MAX_PROOF_DEPTH`], or past
    /// [`MAX_PROOF_STEPS`].
    Folded,
}

/// A proof tree. Its nodes hold typed data; the program they belong to is kept with them
/// so that they can be drawn ([`render`]) and serialized with names.
#[derive(Clone)]
pub struct Proof<'p> {
    program: &'p Program,
    /// What is proved.
    pub atom: Literal,
    /// The likelihood this proof gives: the minimum over its rules and leaves.
    pub likelihood: Likelihood,
    /// How the atom is established.
    pub by: By<'p>,
    /// Proofs of the premises, in written order.
    pub premises: Vec<Proof<'p>>,
    /// Rule applications on the longest path to a leaf.
    pub height: u32,
}

impl<'p> Proof<'p> {
    /// A node without premises.
    pub(crate) fn leaf(
        program: &'p Program,
        atom: Literal,
        likelihood: Likelihood,
        by: By<'p>,
        height: u32,
    ) -> Self {
        Proof {
            program,
            atom,
            likelihood,
            by,
            premises: Vec::new(),
            height,
        }
    }

    /// The program the proof's ids belong to.
    pub fn program(&self) -> &'p Program {
        self.program
    }

    /// The proved atom's canonical text (`not X` for a negated premise).
    pub fn atom_text(&self) -> String {
        self.atom.show(self.program)
    }

    /// The probability written on the line this node rests on, when it is a fact or an
    /// assumption written as a number (`fact a p 0.72`).
    pub fn written_probability(&self) -> Option<crate::Probability> {
        match self.by {
            By::Fact { fact } => self.program.facts().get(fact.index())?.probability,
            By::Assumed { scenario, index } => {
                let s = self.program.scenarios().get(scenario.index())?;
                s.assumptions.get(index)?.probability
            }
            _ => None,
        }
    }

    /// The likelihood as drawn: `likely`, or `likely (0.72)` for a line written as a
    /// number.
    pub fn likelihood_text(&self) -> String {
        crate::probability::show_level(self.likelihood, self.written_probability())
    }
}

impl fmt::Debug for Proof<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Proof")
            .field("atom", &self.atom)
            .field("likelihood", &self.likelihood)
            .field("by", &self.by)
            .field("premises", &self.premises)
            .field("height", &self.height)
            .finish()
    }
}

/// Two proofs are equal when they prove the same of the same program the same way.
impl PartialEq for Proof<'_> {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.program, other.program)
            && self.atom == other.atom
            && self.likelihood == other.likelihood
            && self.by == other.by
            && self.premises == other.premises
            && self.height == other.height
    }
}

impl Eq for Proof<'_> {}

/// Where a fact is declared and what it cites.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FactPlace {
    /// The file.
    pub file: String,
    /// The line.
    pub line: usize,
    /// Its citations.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cites: Vec<CiteRef>,
}

/// The `assume not` line that forbids an atom.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ForbiddenBy {
    /// The scenario whose block holds the line (the one asked about, or one it extends).
    pub scenario: String,
    /// The line's file.
    pub file: String,
    /// The line.
    pub line: usize,
}

impl ForbiddenBy {
    /// The `assume not` line a prohibition comes from, named; `None` for a what-if's.
    pub fn from_origin(p: &Program, origin: Origin) -> Option<Self> {
        let Origin::Line { scenario, index } = origin else {
            return None;
        };
        let (name, loc) = assumption_line(p, scenario, usize::try_from(index).ok()?);
        Some(ForbiddenBy {
            scenario: name,
            file: loc.file,
            line: loc.line,
        })
    }
}

/// The name of `scenario` and where its `index`-th own assumption line is (the block, if
/// there is no such line).
fn assumption_line(p: &Program, scenario: ScenarioId, index: usize) -> (String, Location) {
    let s = &p.scenarios()[scenario.index()];
    let span = s.assumptions.get(index).map_or(s.span, |a| a.span);
    (s.name.clone(), p.sources().location(span))
}

/// A file and line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Place {
    /// The file.
    pub file: String,
    /// The line.
    pub line: usize,
}

impl From<Location> for Place {
    fn from(l: Location) -> Self {
        Place {
            file: l.file,
            line: l.line,
        }
    }
}

/// An open question: where it is declared and what it cites.
#[derive(Clone, Debug, Serialize)]
pub struct LeftOpen {
    /// The declaration.
    pub place: Place,
    /// For a conditional question, its premises as written: they hold in this scenario.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub arises_when: Option<String>,
    /// Its citations.
    pub cites: Vec<CiteRef>,
}

/// The `open` declaration that leaves `atom` undecided in this scenario, if one does (see
/// [`Model::is_open`]).
pub fn left_open(model: &Model<'_>, atom: &GroundAtom) -> Option<LeftOpen> {
    let p = model.program();
    let open = model.is_open(atom)?;
    Some(LeftOpen {
        place: p.sources().location(open.span).into(),
        arises_when: open.is_conditional().then(|| condition(p, open)),
        cites: open.cites.iter().map(CiteRef::from).collect(),
    })
}

/// For an atom declared open only under premises that fail in this scenario, a sentence
/// saying so: it reads as false here, not as undecided.
pub fn open_elsewhere(model: &Model<'_>, atom: &GroundAtom) -> Option<String> {
    if model.is_open(atom).is_some() || model.likelihood(atom).is_some() {
        return None;
    }
    let p = model.program();
    let open = p.open_declarations(atom).find(|o| o.is_conditional())?;
    let at = p.sources().location(open.span);
    Some(format!(
        "it is an open question only when {} (declared at {}:{}), which does not hold in scenario {}",
        condition(p, open),
        at.file,
        at.line,
        p.scenarios()[model.scenario().index()].name
    ))
}

/// A conditional question's premises as written: `a p and not b q`.
fn condition(p: &Program, open: &crate::program::Open) -> String {
    premises_text(p, &open.when, &open.vars)
}

/// Premises as written, `and` between them: `a p and not b q`, variables `?name`.
pub(crate) fn premises_text(
    p: &Program,
    premises: &[crate::program::Premise],
    vars: &[String],
) -> String {
    let shown: Vec<String> = premises
        .iter()
        .map(|w| {
            let atom = p.show_pattern(&w.atom, vars);
            if w.negated {
                format!("not {atom}")
            } else {
                atom
            }
        })
        .collect();
    shown.join(" and ")
}

/// Where the run's prohibition of `atom` comes from, if the run forbids it.
pub(crate) fn forbidding(model: &Model<'_>, atom: &GroundAtom) -> Option<Origin> {
    Some(model.inputs().blocking(atom)?.origin)
}

/// The `assume not` line by which the model's scenario forbids `atom`, if any (`None` too
/// for an atom only a what-if run forbids: it has no line).
pub fn forbidden_by(model: &Model<'_>, atom: &GroundAtom) -> Option<ForbiddenBy> {
    ForbiddenBy::from_origin(model.program(), forbidding(model, atom)?)
}

#[cfg(test)]
mod tests;
