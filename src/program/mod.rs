//! Syntax trees to a checked program: names interned, arities and safety checked, negation
//! stratified, references resolved. Everything later stages need is here, in declaration
//! order, with the span it came from.

mod atoms;
mod confusable;
mod distance;
pub mod document_text;
pub mod error;
mod evidence;
mod inputs;
mod items;
mod levels;
mod lint;
mod query;
pub mod quotes;
pub mod reach;
mod resolve;
mod stratify;
pub mod suggest;
pub mod symbols;
pub(crate) mod unify;

pub use error::CheckError;
pub use evidence::{Indicator, Observation};
pub use inputs::{Assumed, InputError, Origin, ScenarioInputs, WhatIf};
pub(crate) use items::show_cite;
pub use items::{
    Arg, Assumption, AtomPattern, ChoiceGroup, Cite, Conflict, Document, Expectation, Fact,
    GroundAtom, LevelBound, Open, Premise, ProbabilityBound, Rule, Scenario, Test,
};
pub use query::QueryError;
pub use quotes::SourceOptions;
pub use symbols::{
    ChoiceId, ConflictId, FactId, PredId, Predicate, RuleId, ScenarioId, SymbolId, Symbols, Value,
    VarId, canonical_atom,
};

use crate::source::SourceMap;
use crate::syntax::ast;
pub use crate::syntax::ast::ConflictKind;

/// A checked program, ready to evaluate.
///
/// # Invariants
///
/// 1. Every table has fewer than 2^32 entries, and so do the atoms of all its rules
///    together, and the producers [`reach`] indexes (facts, assumptions, assumables and
///    conclusions): each of them is written with at least one byte of the sources, which
///    hold at most `u32::MAX` bytes together ([`SourceMap`] invariant 1). So every
///    position converts to its id type ([`RuleId::from_index`] and the like) and a count
///    of atoms fits a `u32`.
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
    /// `choice` groups by [`ChoiceId`].
    choices: Vec<ChoiceGroup>,
    /// Conflicts by [`ConflictId`].
    conflicts: Vec<Conflict>,
    /// Scenarios by [`ScenarioId`].
    scenarios: Vec<Scenario>,
    /// Tests.
    tests: Vec<Test>,
    /// Open questions.
    opens: Vec<Open>,
    /// `indicator` and `observed` declarations.
    evidence: evidence::Evidence,
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
    let mut checker = Checker::new(&sources);
    for file in files {
        drop(checker.piece(file));
    }
    checker.finish().complete(sources)
}

/// A check fed piece by piece, in order, as [`crate::syntax::parse_each`] hands a file
/// over: each piece is lowered and dropped before the next arrives (except from the first
/// `scenario` or `test` on, which wait for every name), so that a large rule base never
/// holds its whole syntax tree. Reports come out as [`check`] gives them for the same
/// items.
pub struct Checker<'a>(resolve::Lowerer<'a>);

/// A program lowered by a [`Checker`], waiting for its sources to complete the check.
pub struct Lowered(resolve::Done);

impl<'a> Checker<'a> {
    /// A check of a program whose files are `sources`.
    pub fn new(sources: &'a SourceMap) -> Self {
        Checker(resolve::Lowerer::new(sources))
    }

    /// Takes the next piece of the program. Gives the piece back once lowered, for the
    /// caller to free where it suits (the parser's worker, whose memory it is), or `None`
    /// when it waits for the rest of the program.
    #[inline(never)]
    pub fn piece(&mut self, piece: ast::File) -> Option<ast::File> {
        self.0.piece(piece)
    }

    /// Lowers what is left once every piece has arrived.
    #[inline(never)]
    pub fn finish(self) -> Lowered {
        Lowered(self.0.finish())
    }
}

impl Lowered {
    /// Completes the check with the sources the pieces came from (those the [`Checker`]
    /// was made with): negation stratified, the checks on atoms and the lints.
    #[inline(never)]
    pub fn complete(self, sources: SourceMap) -> Result<Checked, Vec<CheckError>> {
        let resolve::Done {
            mut program,
            before: mut problems,
            lowering,
        } = self.0;
        program.sources = sources;
        let lowered_clean = !lowering.iter().any(CheckError::is_error);
        problems.extend(lowering);
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

    /// `indicator` declarations, in declaration order.
    pub fn indicators(&self) -> &[Indicator] {
        &self.evidence.indicators
    }

    /// `observed` declarations (the evidence), in declaration order. No scenario derives
    /// anything from them.
    pub fn observations(&self) -> &[Observation] {
        &self.evidence.observations
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

    /// Every citation, of facts, rules, conflicts, open questions, indicators and
    /// observations, in that order.
    pub fn all_cites(&self) -> impl Iterator<Item = &Cite> {
        let facts = self.facts.iter().flat_map(|f| &f.cites);
        let rules = self.rules.iter().flat_map(|r| &r.cites);
        let conflicts = self.conflicts.iter().flat_map(|c| &c.cites);
        facts
            .chain(rules)
            .chain(conflicts)
            .chain(self.opens.iter().flat_map(|o| &o.cites))
            .chain(self.indicators().iter().flat_map(|i| &i.cites))
            .chain(self.observations().iter().flat_map(|o| &o.cites))
    }

    /// A rule's entry.
    pub fn rule(&self, id: RuleId) -> &Rule {
        &self.rules[id.index()]
    }

    /// `choice` groups by [`ChoiceId`].
    pub fn choices(&self) -> &[ChoiceGroup] {
        &self.choices
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
}
