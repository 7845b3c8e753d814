//! Syntax trees to a checked program: names interned, arities and safety checked, negation
//! stratified, references resolved. Everything later stages need is here, in declaration
//! order, with the span it came from.

mod atoms;
mod confusable;
mod distance;
pub mod document_text;
pub mod error;
mod inputs;
mod levels;
mod lint;
pub mod quotes;
pub mod reach;
mod resolve;
mod stratify;
pub mod suggest;
pub mod symbols;
pub mod unify;

pub use error::CheckError;
pub use inputs::{Assumed, InputError, Origin, ScenarioInputs, WhatIf};
pub use quotes::SourceOptions;
pub use symbols::{
    ConflictId, FactId, PredId, Predicate, RuleId, ScenarioId, SymbolId, Symbols, Value, VarId,
    canonical_atom,
};

use smallvec::SmallVec;

use crate::likelihood::Likelihood;
use crate::source::{SourceMap, Span};
use crate::syntax::ast;
pub use crate::syntax::ast::ConflictKind;

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

    /// The atom with each variable replaced by its value in `env` (indexed by [`VarId`]).
    pub fn ground(&self, env: &[SymbolId]) -> GroundAtom {
        let args = self
            .args
            .iter()
            .map(|a| match *a {
                Arg::Const(c) => c,
                Arg::Var(v) => env.get(v.index()).copied().unwrap_or(SymbolId(u32::MAX)),
            })
            .collect();
        GroundAtom {
            pred: self.pred,
            args,
        }
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
    pub name: String,
    /// Its premises, in written order.
    pub premises: Vec<Premise>,
    /// Its conclusions.
    pub conclusions: Vec<AtomPattern>,
    /// Its likelihood.
    pub level: Likelihood,
    /// Its citations.
    pub cites: Vec<Cite>,
    /// Its variables by [`VarId`], without `?`.
    pub vars: Vec<String>,
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
    /// The atom is an open question in the scenario (see [`crate::scenario::open`]).
    Open(GroundAtom),
    /// The conflict holds.
    Conflict(ConflictId),
    /// The conflict does not hold.
    NotConflict(ConflictId),
}

impl Expectation {
    /// The atom the expectation is about, if it is about an atom.
    pub fn atom(&self) -> Option<&GroundAtom> {
        match self {
            Expectation::Holds(a, _) | Expectation::NotHolds(a) | Expectation::Open(a) => Some(a),
            Expectation::Conflict(_) | Expectation::NotConflict(_) => None,
        }
    }

    /// The conflict the expectation is about, if it is about a conflict.
    pub fn conflict(&self) -> Option<ConflictId> {
        match self {
            Expectation::Conflict(c) | Expectation::NotConflict(c) => Some(*c),
            Expectation::Holds(..) | Expectation::NotHolds(_) | Expectation::Open(_) => None,
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

/// A checked program, ready to evaluate.
#[derive(Clone, Debug)]
pub struct Program {
    /// The files it came from.
    sources: SourceMap,
    /// Constants.
    symbols: Symbols,
    /// Predicates by [`PredId`].
    predicates: Vec<Predicate>,
    /// Documents.
    documents: Vec<Document>,
    /// Facts by [`FactId`].
    facts: Vec<Fact>,
    /// `assumable` patterns.
    assumables: Vec<AtomPattern>,
    /// Rules by [`RuleId`].
    rules: Vec<Rule>,
    /// Conflicts by [`ConflictId`].
    conflicts: Vec<Conflict>,
    /// Scenarios by [`ScenarioId`].
    scenarios: Vec<Scenario>,
    /// Tests.
    tests: Vec<Test>,
    /// Open questions.
    opens: Vec<Open>,
    /// Evaluation order: for each stratum, the (rule, conclusion index) pairs whose
    /// conclusion predicate lives in it.
    strata: Vec<Vec<(RuleId, usize)>>,
}

/// A checked program together with the warnings found on the way.
#[derive(Debug)]
pub struct Checked {
    /// The program.
    pub program: Program,
    /// Warnings (never errors).
    pub warnings: Vec<CheckError>,
}

/// Checks parsed files. On success returns the program and its warnings; otherwise every
/// error and warning found.
///
/// Warnings are reported beside errors. The checks at the level of atoms (what can ever
/// hold) run only when lowering found no error: a rule dropped for an error would make
/// every atom it concludes look impossible, and bury the real report under false ones.
pub fn check(sources: SourceMap, files: Vec<ast::File>) -> Result<Checked, Vec<CheckError>> {
    let mut problems = levels::check(&sources, &files);
    problems.extend(confusable::check(&sources, &files));
    let (mut program, lowered) = resolve::lower(sources, files);
    let lowered_clean = !lowered.iter().any(CheckError::is_error);
    problems.extend(lowered);
    if lowered_clean {
        match stratify::stratify(&program) {
            Ok(strata) => program.strata = strata,
            Err(cycles) => problems.extend(cycles),
        }
        problems.extend(atoms::check(&program));
    }
    problems.extend(lint::warnings(&program));
    if problems.iter().any(CheckError::is_error) {
        return Err(problems);
    }
    Ok(Checked {
        program,
        warnings: problems,
    })
}

impl Open {
    /// Whether the question arises only under premises, so that only a scenario can say
    /// whether it is open.
    pub fn is_conditional(&self) -> bool {
        !self.when.is_empty()
    }
}

impl Program {
    /// The files it came from.
    pub fn sources(&self) -> &SourceMap {
        &self.sources
    }

    /// Constants.
    pub fn symbols(&self) -> &Symbols {
        &self.symbols
    }

    /// Predicates by [`PredId`].
    pub fn predicates(&self) -> &[Predicate] {
        &self.predicates
    }

    /// Documents.
    pub fn documents(&self) -> &[Document] {
        &self.documents
    }

    /// Facts by [`FactId`].
    pub fn facts(&self) -> &[Fact] {
        &self.facts
    }

    /// `assumable` patterns.
    pub fn assumables(&self) -> &[AtomPattern] {
        &self.assumables
    }

    /// Rules by [`RuleId`].
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// Conflicts by [`ConflictId`].
    pub fn conflicts(&self) -> &[Conflict] {
        &self.conflicts
    }

    /// Scenarios by [`ScenarioId`].
    pub fn scenarios(&self) -> &[Scenario] {
        &self.scenarios
    }

    /// Tests.
    pub fn tests(&self) -> &[Test] {
        &self.tests
    }

    /// Open questions.
    pub fn opens(&self) -> &[Open] {
        &self.opens
    }

    /// conclusion predicate lives in it.
    pub fn strata(&self) -> &[Vec<(RuleId, usize)>] {
        &self.strata
    }

    /// The `open` declarations of an atom, in declaration order. Whether the atom is open in a
    /// scenario is [`crate::engine::Model::is_open`]'s to say: a conditional declaration
    /// leaves it open only where its premises hold.
    pub fn open_declarations<'a, 'b>(
        &'a self,
        atom: &'b GroundAtom,
    ) -> impl Iterator<Item = &'a Open> + use<'a, 'b> {
        self.opens.iter().filter(move |o| o.atom == *atom)
    }

    /// A predicate's entry.
    pub fn predicate(&self, id: PredId) -> &Predicate {
        &self.predicates[id.index()]
    }

    /// The predicate with this name, if any.
    pub fn predicate_named(&self, name: &str) -> Option<PredId> {
        self.predicates
            .iter()
            .position(|p| p.name == name)
            .map(PredId::from_index)
    }

    /// Every citation, of facts, rules, conflicts and open questions, in that order.
    pub fn all_cites(&self) -> impl Iterator<Item = &Cite> {
        let facts = self.facts.iter().flat_map(|f| &f.cites);
        let rules = self.rules.iter().flat_map(|r| &r.cites);
        let conflicts = self.conflicts.iter().flat_map(|c| &c.cites);
        facts
            .chain(rules)
            .chain(conflicts)
            .chain(self.opens.iter().flat_map(|o| &o.cites))
    }

    /// A rule's entry.
    pub fn rule(&self, id: RuleId) -> &Rule {
        &self.rules[id.index()]
    }

    /// The scenario with this name, if any.
    pub fn scenario_named(&self, name: &str) -> Option<ScenarioId> {
        self.scenarios
            .iter()
            .position(|s| s.name == name)
            .map(ScenarioId::from_index)
    }

    /// A ground atom in canonical form.
    pub fn show_atom(&self, atom: &GroundAtom) -> String {
        let args: Vec<String> = atom.args.iter().map(|&a| self.symbols.show(a)).collect();
        canonical_atom(&self.predicate(atom.pred).name, &args)
    }

    /// A pattern in canonical form, variables written `?name`.
    pub fn show_pattern(&self, atom: &AtomPattern, vars: &[String]) -> String {
        self.show_args(atom.pred, &atom.args, vars)
    }

    /// A predicate applied to arguments, in canonical form, variables written `?name`.
    pub fn show_args(&self, pred: PredId, args: &[Arg], vars: &[String]) -> String {
        let args: Vec<String> = args
            .iter()
            .map(|a| match a {
                Arg::Const(c) => self.symbols.show(*c),
                Arg::Var(v) => format!("?{}", vars.get(v.index()).map_or("_", String::as_str)),
            })
            .collect();
        canonical_atom(&self.predicate(pred).name, &args)
    }

    /// Resolves an atom written by a user (e.g. on the command line) against this program.
    /// An atom that can hold in no scenario (a constant or predicate the rule files never
    /// use, or one no fact, assumption, assumable or rule can produce) is an error that
    /// names the closest atom that can hold: "does not hold" would hide a typo. An atom
    /// declared `open` can be asked about.
    pub fn ground(&self, atom: &ast::Atom) -> Result<GroundAtom, QueryError> {
        let ground = self.resolve(atom)?;
        let open = self.opens.iter().any(|o| o.atom == ground);
        let possible = reach::reach(self).possible;
        if open || possible.can_hold(ground.pred, reach::Args::Ground(&ground.args)) {
            return Ok(ground);
        }
        let cause = "no fact, assumption, assumable or rule produces it".to_owned();
        Err(self.never_holds(self.show_atom(&ground), cause))
    }

    /// The error for a user's atom that can hold in no scenario, with the closest atom
    /// that can (or is declared open).
    fn never_holds(&self, atom: String, cause: String) -> QueryError {
        let mut texts = reach::reach(self).possible.texts();
        texts.extend(self.opens.iter().map(|o| self.show_atom(&o.atom)));
        let help = suggest::did_you_mean(&atom, texts.iter().map(String::as_str), || {
            "no fact, assumption, assumable or rule can produce it".to_owned()
        });
        QueryError::NeverHolds { atom, cause, help }
    }

    /// Resolves a user's atom to this program's names, without asking whether it can hold:
    /// for a hypothesis ("what if this held too?"). A constant the program never uses is
    /// an error, as the atom could not be represented.
    pub fn resolve(&self, atom: &ast::Atom) -> Result<GroundAtom, QueryError> {
        let name = &atom.predicate.text;
        let Some(pred) = self.predicate_named(name) else {
            let names = self.predicates.iter().map(|p| p.name.as_str());
            let help = suggest::did_you_mean(name, names, || {
                "no fact, rule or assumption uses this predicate".to_owned()
            });
            return Err(QueryError::UnknownPredicate {
                name: name.to_string(),
                help,
            });
        };
        let arity = self.predicate(pred).arity;
        if arity != atom.args.len() {
            return Err(QueryError::Arity {
                name: name.to_string(),
                arity,
                given: atom.args.len(),
            });
        }
        let mut args = Vec::with_capacity(arity);
        let mut shown = Vec::with_capacity(arity);
        let mut unknown = None;
        for arg in &atom.args {
            let value = match &arg.term {
                ast::Term::Ident(s) => Value::Ident(s.to_string()),
                ast::Term::Int(n) => Value::Int(*n),
                ast::Term::Str(s) => Value::Str(s.clone()),
                ast::Term::Var(v) => return Err(QueryError::Variable { var: v.to_string() }),
            };
            match self.symbols.get(&value) {
                Some(id) => args.push(id),
                None => unknown = unknown.or_else(|| Some(value.to_string())),
            }
            shown.push(value.to_string());
        }
        if let Some(constant) = unknown {
            // Said outright: a rule with a variable in that place does not make the atom
            // possible when no rule file mentions the value at all.
            let cause = format!("the constant `{constant}` appears in no rule file");
            return Err(self.never_holds(canonical_atom(name, &shown), cause));
        }
        Ok(GroundAtom {
            pred,
            args: args.into(),
        })
    }
}

/// Why a user's atom cannot be asked about.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum QueryError {
    /// `augur why 'a nowhere b'`.
    #[error("unknown predicate `{name}`")]
    #[diagnostic(code(augur::query::unknown_predicate))]
    UnknownPredicate {
        /// The name.
        name: String,
        /// A suggestion.
        #[help]
        help: String,
    },
    /// `augur why 'government subsidizes construction'` where only `government subsidises
    /// construction` can hold.
    #[error("`{atom}` can never hold: {cause}")]
    #[diagnostic(code(augur::query::never_holds))]
    NeverHolds {
        /// The atom asked about.
        atom: String,
        /// Why: an unknown constant, or nothing produces it.
        cause: String,
        /// The closest atom that can hold.
        #[help]
        help: String,
    },
    /// `augur why 'p(a, b, c)'` where `p` takes two arguments.
    #[error("predicate `{name}` takes {}, not {given}", suggest::count(*.arity, "argument"))]
    #[diagnostic(code(augur::query::arity), help("write it as in the rule files"))]
    Arity {
        /// The name.
        name: String,
        /// Its arity.
        arity: usize,
        /// The arguments given.
        given: usize,
    },
    /// `augur why '?x p'`.
    #[error("a question must name constants, not the variable `?{var}`")]
    #[diagnostic(
        code(augur::query::variable),
        help("ask about one atom, e.g. `china gains_influence_in latin_america`")
    )]
    Variable {
        /// The variable.
        var: String,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

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
