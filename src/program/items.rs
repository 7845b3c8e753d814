//! The checked program's items: atoms, premises, citations, documents, rules, conflicts,
//! facts, assumptions, scenarios, tests and open questions.

use compact_str::CompactString;
use smallvec::SmallVec;

use super::symbols::{ChoiceId, ConflictId, PredId, RuleId, ScenarioId, SymbolId, VarId};
use super::unify;
use crate::likelihood::Likelihood;
use crate::probability::Probability;
use crate::source::Span;
use crate::syntax::ast::{self, ConflictKind};

/// An argument of an atom pattern.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Arg {
    /// A constant.
    Const(SymbolId),
    /// A variable of the enclosing rule, conflict or query.
    Var(VarId),
}

/// An atom that may contain variables.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AtomPattern {
    /// The predicate.
    pub pred: PredId,
    /// The arguments: inline up to two, the common case, so that a large rule base does
    /// not need a heap block per atom.
    pub args: SmallVec<[Arg; 2]>,
    /// Where it was written.
    pub span: Span,
}

impl AtomPattern {
    /// Whether some values of the variables make this pattern equal `atom`.
    pub fn matches(&self, atom: &GroundAtom) -> bool {
        if self.pred != atom.pred {
            return false;
        }
        unify::matches_ground(&self.args, &atom.args)
    }

    /// The atom with each variable replaced by its value in `env` (indexed by [`VarId`]),
    /// or `None` when `env` lacks one of them.
    pub fn try_ground(&self, env: &[SymbolId]) -> Option<GroundAtom> {
        Some(GroundAtom {
            pred: self.pred,
            args: unify::substitute(&self.args, env)?.into_iter().collect(),
        })
    }

    /// [`AtomPattern::try_ground`] with the values of a derivation of the rule or conflict
    /// that owns the pattern.
    ///
    /// # Panics
    ///
    /// When `env` lacks a variable of the pattern: a derivation binds every variable of its
    /// positive premises, and lowering refuses a variable that occurs only in a conclusion
    /// or a `not` premise (`augur::check::unsafe_variable`), so it cannot.
    #[expect(
        clippy::expect_used,
        reason = "a derivation's bindings cover every variable of a safe rule or conflict"
    )]
    pub fn ground(&self, env: &[SymbolId]) -> GroundAtom {
        self.try_ground(env)
            .expect("a derivation binds every variable of a safe rule or conflict")
    }
}

/// A variable-free atom.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct GroundAtom {
    /// The predicate.
    pub pred: PredId,
    /// The arguments.
    pub args: Box<[SymbolId]>,
}

/// A premise of a rule or conflict.
#[derive(Clone, Debug)]
pub struct Premise {
    /// Negation as failure.
    pub negated: bool,
    /// The atom.
    pub atom: AtomPattern,
    /// Where it was written, `not` included.
    pub span: Span,
}

/// A citation of a declared document.
#[derive(Clone, Debug)]
pub struct Cite {
    /// The document's name.
    pub document: String,
    /// The quoted sentence.
    pub quote: String,
    /// Where it was written.
    pub span: Span,
}

impl std::fmt::Display for Cite {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        show_cite(f, &self.document, &self.quote)
    }
}

/// `seed: "the quote"`, the quote in the language's string syntax: shown as written, never
/// raw (a quote may hold an escape sequence).
pub(crate) fn show_cite(
    f: &mut std::fmt::Formatter<'_>,
    document: &str,
    quote: &str,
) -> std::fmt::Result {
    write!(f, "{document}: {}", crate::escape::Quoted(quote))
}

/// A declared document.
#[derive(Clone, Debug)]
pub struct Document {
    /// Its name.
    pub name: String,
    /// Its title.
    pub title: String,
    /// Its text file, when named.
    pub file: Option<ast::DocumentFile>,
    /// The declaration.
    pub span: Span,
}

/// A checked rule.
#[derive(Clone, Debug)]
pub struct Rule {
    /// Its name.
    pub name: CompactString,
    /// Its premises, in written order.
    pub premises: Box<[Premise]>,
    /// Its conclusions: inline when one, as nearly every rule's is (at W2 1M a heap
    /// block each was 48 bytes for 40).
    pub conclusions: SmallVec<[AtomPattern; 1]>,
    /// Its likelihood.
    pub level: Likelihood,
    /// The probability written for it (`0.72`), when written as one (its band is `level`).
    pub probability: Option<Probability>,
    /// `choice NAME`: the group whose one choice every instance of the rule shares.
    pub choice: Option<ChoiceId>,
    /// Its citations (boxed, as the variables are: 8 bytes a rule less than a vector,
    /// and most rules of a large rule base have neither).
    pub cites: Box<[Cite]>,
    /// Its variables by [`VarId`], without `?`.
    pub vars: Box<[String]>,
    /// The whole rule.
    pub span: Span,
}

/// A checked conflict or tension: both are premises evaluated after the fixpoint, and differ
/// only in how what they find is reported (see [`ConflictKind`]).
#[derive(Clone, Debug)]
pub struct Conflict {
    /// A contradiction or a trade-off.
    pub kind: ConflictKind,
    /// Its name.
    pub name: String,
    /// Its premises.
    pub premises: Vec<Premise>,
    /// Its variables by [`VarId`].
    pub vars: Vec<String>,
    /// Its citations.
    pub cites: Vec<Cite>,
    /// The whole conflict.
    pub span: Span,
}

/// A fact, true in every scenario.
#[derive(Clone, Debug)]
pub struct Fact {
    /// The atom.
    pub atom: GroundAtom,
    /// Its likelihood.
    pub level: Likelihood,
    /// The probability written for it, when written as one (its band is `level`).
    pub probability: Option<Probability>,
    /// The sentences it rests on.
    pub cites: Vec<Cite>,
    /// The declaration.
    pub span: Span,
}

/// One `assume` line.
#[derive(Clone, Debug)]
pub struct Assumption {
    /// The atom.
    pub atom: GroundAtom,
    /// Its likelihood.
    pub level: Likelihood,
    /// The probability written for it, when written as one (its band is `level`).
    pub probability: Option<Probability>,
    /// `assume not`: the atom is forced false.
    pub negated: bool,
    /// The line.
    pub span: Span,
}

/// A scenario: its own assumptions and the scenario it extends.
#[derive(Clone, Debug)]
pub struct Scenario {
    /// Its name.
    pub name: String,
    /// The parent scenario.
    pub extends: Option<ScenarioId>,
    /// Its own `assume` lines.
    pub assumptions: Vec<Assumption>,
    /// The declaration (for `default`, the first top-level `assume`).
    pub span: Span,
}

/// How a test bounds the likelihood of an atom it expects to hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LevelBound {
    /// Any likelihood.
    Any,
    /// At least this level.
    AtLeast(Likelihood),
    /// At most this level.
    AtMost(Likelihood),
    /// Exactly this level.
    Exactly(Likelihood),
}

impl LevelBound {
    /// Whether `level` satisfies the bound.
    pub fn admits(self, level: Likelihood) -> bool {
        match self {
            LevelBound::Any => true,
            LevelBound::AtLeast(l) => level >= l,
            LevelBound::AtMost(l) => level <= l,
            LevelBound::Exactly(l) => level == l,
        }
    }

    /// The bound as written after the atom, with a leading space (empty for `Any`).
    pub fn written(self) -> String {
        match self {
            LevelBound::Any => String::new(),
            LevelBound::AtLeast(l) => format!(" at least {l}"),
            LevelBound::AtMost(l) => format!(" at most {l}"),
            LevelBound::Exactly(l) => format!(" exactly {l}"),
        }
    }
}

/// What a test expects. Code that inspects expectations matches this exhaustively, so a
/// new form cannot slip past a check.
#[derive(Clone, Debug)]
pub enum Expectation {
    /// The atom holds, with a likelihood within the bound.
    Holds(GroundAtom, LevelBound),
    /// The atom does not hold.
    NotHolds(GroundAtom),
    /// The atom is an open question in the scenario (see [`crate::engine::Model::is_open`]).
    Open(GroundAtom),
    /// The conflict holds.
    Conflict(ConflictId),
    /// The conflict does not hold.
    NotConflict(ConflictId),
    /// The atom's probability, all arguments together, is within the bound.
    Probability(GroundAtom, ProbabilityBound),
}

/// How a test bounds an atom's probability.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProbabilityBound {
    /// At least this.
    AtLeast(Probability),
    /// At most this.
    AtMost(Probability),
}

impl ProbabilityBound {
    /// How far a computed probability may stray past the bound and still meet it: the
    /// rounding of floating point, far below a millionth (the step of a written one).
    pub const TOLERANCE: f64 = 1e-9;

    /// Whether `p` meets the bound (to [`ProbabilityBound::TOLERANCE`]).
    pub fn admits(self, p: f64) -> bool {
        match self {
            ProbabilityBound::AtLeast(b) => p >= b.value() - Self::TOLERANCE,
            ProbabilityBound::AtMost(b) => p <= b.value() + Self::TOLERANCE,
        }
    }

    /// The bound as written after the atom: ` with probability at least 0.6`.
    pub fn written(self) -> String {
        match self {
            ProbabilityBound::AtLeast(b) => format!(" with probability at least {b}"),
            ProbabilityBound::AtMost(b) => format!(" with probability at most {b}"),
        }
    }
}

impl Expectation {
    /// The atom the expectation is about, if it is about an atom.
    pub fn atom(&self) -> Option<&GroundAtom> {
        match self {
            Expectation::Holds(a, _)
            | Expectation::NotHolds(a)
            | Expectation::Open(a)
            | Expectation::Probability(a, _) => Some(a),
            Expectation::Conflict(_) | Expectation::NotConflict(_) => None,
        }
    }

    /// The conflict the expectation is about, if it is about a conflict.
    pub fn conflict(&self) -> Option<ConflictId> {
        match self {
            Expectation::Conflict(c) | Expectation::NotConflict(c) => Some(*c),
            Expectation::Holds(..)
            | Expectation::NotHolds(_)
            | Expectation::Open(_)
            | Expectation::Probability(..) => None,
        }
    }
}

/// A test: a scenario and expectations about it.
#[derive(Clone, Debug)]
pub struct Test {
    /// Its name.
    pub name: String,
    /// The scenario it runs.
    pub scenario: ScenarioId,
    /// Expectations with their lines.
    pub expects: Vec<(Expectation, Span)>,
    /// Where the test's name is written.
    pub name_span: Span,
    /// The whole block.
    pub span: Span,
}

/// A point the analysis leaves undecided, in every scenario where its premises hold.
#[derive(Clone, Debug)]
pub struct Open {
    /// The atom.
    pub atom: GroundAtom,
    /// The premises under which the question arises, as written; empty when it always does.
    /// Their variables are existential: the question arises when some values satisfy them.
    pub when: Vec<Premise>,
    /// The premises' variables by [`VarId`].
    pub vars: Vec<String>,
    /// Its citations.
    pub cites: Vec<Cite>,
    /// The declaration.
    pub span: Span,
}

impl Open {
    /// Whether the question arises only under premises, so that only a scenario can say
    /// whether it is open.
    pub fn is_conditional(&self) -> bool {
        !self.when.is_empty()
    }
}

/// `choice NAME` on rules: one independent choice shared by every instance of every rule
/// of the group, taken with the probability they all state.
#[derive(Clone, Debug)]
pub struct ChoiceGroup {
    /// Its name.
    pub name: CompactString,
    /// The probability its rules state.
    pub probability: Probability,
    /// Its rules, in declaration order.
    pub rules: Vec<RuleId>,
}

/// The probability a claim stands for: the one written, else its level's midpoint.
fn stated(level: Likelihood, probability: Option<Probability>) -> Probability {
    probability.unwrap_or_else(|| Probability::of_level(level))
}

impl Rule {
    /// The probability an instance of the rule fires with: the one written, else its
    /// level's midpoint.
    pub fn chance(&self) -> Probability {
        stated(self.level, self.probability)
    }
}

impl Fact {
    /// The probability the fact holds with: the one written, else its level's midpoint.
    pub fn chance(&self) -> Probability {
        stated(self.level, self.probability)
    }
}

impl Assumption {
    /// The probability the atom is assumed with: the one written, else its level's
    /// midpoint.
    pub fn chance(&self) -> Probability {
        stated(self.level, self.probability)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grounding_needs_every_variable() {
        let pattern = AtomPattern {
            pred: PredId(0),
            args: [Arg::Var(VarId(1)), Arg::Const(SymbolId(4))]
                .into_iter()
                .collect(),
            span: Span::default(),
        };
        let env = [SymbolId(2), SymbolId(3)];
        let atom = pattern.try_ground(&env).expect("?1 is bound");
        assert_eq!(&*atom.args, &[SymbolId(3), SymbolId(4)]);
        assert_eq!(pattern.ground(&env), atom);
        assert_eq!(pattern.try_ground(&env[..1]), None, "?1 has no value");
    }

    #[test]
    fn level_bounds_admit_what_they_say() {
        use Likelihood::{Likely, Unlikely, VeryLikely};
        let cases = [
            (LevelBound::Any, [true, true, true]),
            (LevelBound::AtLeast(Likely), [false, true, true]),
            (LevelBound::AtMost(Likely), [true, true, false]),
            (LevelBound::Exactly(Likely), [false, true, false]),
        ];
        for (bound, expected) in cases {
            let got = [Unlikely, Likely, VeryLikely].map(|l| bound.admits(l));
            assert_eq!(got, expected, "{bound:?}");
        }
        assert_eq!(LevelBound::AtMost(Likely).written(), " at most likely");
        assert_eq!(LevelBound::Any.written(), "");
    }
}
