//! Check diagnostics: one variant per problem the checker finds, each with the input that
//! triggers it in its doc line (the same input lives in `tests/cases/`).

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

use crate::source::NamedText;

use super::ConflictKind;

mod source;
use super::suggest::count;
pub use source::SourceCheck;

/// A problem found while checking a parsed program.
#[derive(Debug, Error, Diagnostic)]
pub enum CheckError {
    /// `fact a p` then `fact p(a, b, c)`: one predicate, two arities.
    #[error(
        "predicate `{predicate}` is used with {} here but with {} before",
        count(*.arity, "argument"),
        count(*.first_arity, "argument")
    )]
    #[diagnostic(code(augur::check::arity_mismatch))]
    ArityMismatch {
        /// The predicate.
        predicate: String,
        /// The arity at this use.
        arity: usize,
        /// The arity at the first use.
        first_arity: usize,
        /// This use.
        #[label(primary, "{} here", count(*arity, "argument"))]
        span: SourceSpan,
        /// The first use, when in the same file.
        #[label("first used with {} here", count(*first_arity, "argument"))]
        first: Option<SourceSpan>,
        /// Where the first use is.
        #[help]
        help: String,
        /// The file.
        #[source_code]
        src: NamedText,
    },

    /// Two `rule r ...` declarations (or scenarios, tests, conflicts, documents).
    #[error("{kind} `{name}` is declared twice")]
    #[diagnostic(code(augur::check::duplicate_name))]
    DuplicateName {
        /// `rule`, `scenario`, ...
        kind: &'static str,
        /// The name.
        name: String,
        /// The second declaration.
        #[label("declared again here")]
        span: SourceSpan,
        /// The first declaration, when in the same file.
        #[label("first declared here")]
        first: Option<SourceSpan>,
        /// Where the first declaration is, and what to do.
        #[help]
        help: String,
        /// The file.
        #[source_code]
        src: NamedText,
    },

    /// `rule r: ... likely choice g` then `rule s: ... unlikely choice g`: a group's rules
    /// share one choice, so one probability. Fields: the group, the rule, its probability,
    /// the group's first rule and its probability.
    #[error("rule `{1}` states {2} for choice group `{0}`, whose rule `{3}` states {4}")]
    #[diagnostic(code(augur::check::choice_mismatch))]
    ChoiceMismatch(
        String,
        String,
        String,
        String,
        String,
        #[label(primary, "{2} here")] SourceSpan,
        #[label("{4} here")] Option<SourceSpan>,
        #[help] String,
        #[source_code] NamedText,
    ),

    /// `rule r: a p implies ?x q`: `?x` appears in no positive premise.
    #[error("variable `?{var}` in {owner} is not bound by a positive premise")]
    #[diagnostic(
        code(augur::check::unsafe_variable),
        help(
            "every variable of a conclusion or of a `not` premise must also appear in a premise without `not`, so that it has a value"
        )
    )]
    UnsafeVariable {
        /// The variable, without `?`.
        var: String,
        /// `rule `r`` or `conflict `c``.
        owner: String,
        /// The unbound occurrence.
        #[label("`?{var}` has no value here")]
        span: SourceSpan,
        /// The file.
        #[source_code]
        src: NamedText,
    },

    /// `fact ?x p`: facts, assumptions and expectations must be ground.
    #[error("{what} cannot contain the variable `?{var}`")]
    #[diagnostic(
        code(augur::check::variable_in_ground_atom),
        help(
            "name a constant instead; variables belong in rules, conflicts, tensions and the premises of `open ... when`"
        )
    )]
    VariableInGroundAtom {
        /// `a fact`, `an assumption`, ...
        what: &'static str,
        /// The variable.
        var: String,
        /// Where it is.
        #[label("variable here")]
        span: SourceSpan,
        /// The file.
        #[source_code]
        src: NamedText,
    },

    /// `rule a: not x q implies y p` and `rule b: y p implies x q`.
    #[error("negation cycle: `{atom}` depends on its own absence")]
    #[diagnostic(code(augur::check::negation_cycle))]
    NegationCycle {
        /// The negated atom that closes the cycle.
        atom: String,
        /// The `not` premise that closes the cycle.
        #[label("this `not` is part of the cycle")]
        span: SourceSpan,
        /// The cycle, rule by rule.
        #[help]
        help: String,
        /// The file.
        #[source_code]
        src: NamedText,
    },

    /// `cite nowhere "..."` with no `document nowhere`.
    #[error("unknown document `{name}`")]
    #[diagnostic(code(augur::check::unknown_document))]
    UnknownDocument {
        /// The name cited.
        name: String,
        /// The citation.
        #[label("not declared with `document`")]
        span: SourceSpan,
        /// What to do.
        #[help]
        help: String,
        /// The file.
        #[source_code]
        src: NamedText,
    },

    /// `scenario a extends nowhere { }` or `test "t" in nowhere { }`.
    #[error("unknown scenario `{name}`")]
    #[diagnostic(code(augur::check::unknown_scenario))]
    UnknownScenario {
        /// The name used.
        name: String,
        /// Where.
        #[label("no scenario has this name")]
        span: SourceSpan,
        /// What to do.
        #[help]
        help: String,
        /// The file.
        #[source_code]
        src: NamedText,
    },

    /// `expect conflict nowhere` (or `expect tension nowhere`).
    #[error("unknown {kind} `{name}`")]
    #[diagnostic(code(augur::check::unknown_conflict))]
    UnknownConflict {
        /// What the expectation names.
        kind: ConflictKind,
        /// The name used.
        name: String,
        /// Where.
        #[label("no {kind} has this name")]
        span: SourceSpan,
        /// What to do.
        #[help]
        help: String,
        /// The file.
        #[source_code]
        src: NamedText,
    },

    /// `expect conflict t` where `t` is declared a `tension`, or the other way round.
    #[error("`{name}` is a {declared}, not a {kind}")]
    #[diagnostic(
        code(augur::check::conflict_kind_mismatch),
        help(
            "write `expect {declared} {name}`: a conflict is a contradiction that fails its scenario's tests, a tension a trade-off reported apart"
        )
    )]
    ConflictKindMismatch {
        /// The name.
        name: String,
        /// The keyword the expectation uses.
        kind: ConflictKind,
        /// What the name is declared as.
        declared: ConflictKind,
        /// The name in the expectation.
        #[label("declared as a {declared}")]
        span: SourceSpan,
        /// The file.
        #[source_code]
        src: NamedText,
    },

    /// `scenario a extends b { }` and `scenario b extends a { }`.
    #[error("scenario `{name}` extends itself through {cycle}")]
    #[diagnostic(
        code(augur::check::extends_cycle),
        help("a scenario inherits its parent's assumptions, so the chain of `extends` must end")
    )]
    ExtendsCycle {
        /// The scenario.
        name: String,
        /// The chain, `a -> b -> a`.
        cycle: String,
        /// The `extends` clause.
        #[label("closes the cycle")]
        span: SourceSpan,
        /// The file.
        #[source_code]
        src: NamedText,
    },

    /// `fact "Lula" leads brazil` and `fact "Lu\u{200b}la" leads brazil`: two strings that
    /// read the same (an invisible character, or a lookalike letter from another script)
    /// name different things.
    #[error("the strings {this} and {other} look the same but are different constants")]
    #[diagnostic(code(augur::check::confusable_strings), severity(Warning))]
    ConfusableStrings {
        /// This spelling, escaped.
        this: String,
        /// The spelling seen first, escaped.
        other: String,
        /// Where this spelling is first written.
        #[label("looks like {other}")]
        span: SourceSpan,
        /// Where the other is, and what to do.
        #[help]
        help: String,
        /// The file.
        #[source_code]
        src: NamedText,
    },

    /// `assume us leaves x` where only `us leaves latam` is `assumable`.
    #[error("`{atom}` is assumed but not declared `assumable`")]
    #[diagnostic(code(augur::check::not_assumable), severity(Warning))]
    NotAssumable {
        /// The atom.
        atom: String,
        /// The assumption.
        #[label("not assumable")]
        span: SourceSpan,
        /// A suggestion.
        #[help]
        help: String,
        /// The file.
        #[source_code]
        src: NamedText,
    },

    /// `rule r: x nothing_makes_this implies y p`: no fact, assumption, assumable or rule
    /// produces an atom that unifies with the premise, so the rule can never fire.
    #[error("premise `{atom}` of {owner} can never hold, so {consequence}")]
    #[diagnostic(code(augur::check::premise_never_holds), severity(Warning))]
    PremiseNeverHolds {
        /// `rule `r``, `tension `t`` or `open question `q``.
        owner: String,
        /// What follows: the rule never fires, the question never arises.
        consequence: &'static str,
        /// The premise.
        atom: String,
        /// Where.
        #[label("nothing can make this true")]
        span: SourceSpan,
        /// A suggestion.
        #[help]
        help: String,
        /// The file.
        #[source_code]
        src: NamedText,
    },

    /// More than a hundred reports of one kind: the rest, counted.
    #[error("{more} more `{code}` not shown")]
    #[diagnostic(
        code(augur::check::more_not_shown),
        severity(Warning),
        help("the first reports of this kind are shown above; fix those and check again")
    )]
    MoreNeverHold {
        /// The code of the reports not shown.
        code: String,
        /// How many.
        more: usize,
    },

    /// `rule r: a p and not government subsidizes construction implies ...` beside
    /// `assumable government subsidises construction`: the negated atom can never hold.
    #[error("`not {atom}` in {owner} is always true: `{atom}` can never hold")]
    #[diagnostic(code(augur::check::negation_always_true), severity(Warning))]
    NegationAlwaysTrue {
        /// `rule `r``, `conflict `c``, `tension `t`` or `open question `q``.
        owner: String,
        /// The negated atom.
        atom: String,
        /// The premise.
        #[label("nothing can make `{atom}` true")]
        span: SourceSpan,
        /// A suggestion.
        #[help]
        help: String,
        /// The file.
        #[source_code]
        src: NamedText,
    },

    /// `conflict c { when x nowhere and y p }`: a premise can never hold, so the conflict
    /// can never be flagged.
    #[error("{conflict} can never hold: its premise `{atom}` never does")]
    #[diagnostic(code(augur::check::conflict_never_holds), severity(Warning))]
    ConflictNeverHolds {
        /// `conflict `c``.
        conflict: String,
        /// The premise.
        atom: String,
        /// Where.
        #[label("nothing can make this true")]
        span: SourceSpan,
        /// A suggestion.
        #[help]
        help: String,
        /// The file.
        #[source_code]
        src: NamedText,
    },

    /// `test "t" in s { expect x nowhere }`: the test can only fail.
    #[error("test `{test}` expects `{atom}`, which can never hold in any scenario")]
    #[diagnostic(code(augur::check::expectation_never_holds), severity(Warning))]
    ExpectationNeverHolds {
        /// The test.
        test: String,
        /// The atom.
        atom: String,
        /// The expectation.
        #[label("this expectation always fails")]
        span: SourceSpan,
        /// A suggestion.
        #[help]
        help: String,
        /// The file.
        #[source_code]
        src: NamedText,
    },

    /// `indicator x nowhere` or `observed x nowhere`: no scenario can derive the atom, so
    /// it is absent in every one and tells none apart.
    #[error(
        "`{what} {atom}` names an atom that can never hold in any scenario: it tells no scenario from another"
    )]
    #[diagnostic(code(augur::check::evidence_never_holds), severity(Warning))]
    EvidenceNeverHolds {
        /// `indicator` or `observed`.
        what: &'static str,
        /// The atom.
        atom: String,
        /// The declaration.
        #[label("absent in every scenario")]
        span: SourceSpan,
        /// A suggestion.
        #[help]
        help: String,
        /// The file.
        #[source_code]
        src: NamedText,
    },

    /// `test "t" in s { expect not x nowhere }`: a test that can never fail.
    #[error("`expect not {atom}` in test `{test}` can never fail: `{atom}` can never hold")]
    #[diagnostic(code(augur::check::vacuous_expectation))]
    VacuousExpectation {
        /// The test.
        test: String,
        /// The atom.
        atom: String,
        /// The expectation.
        #[label("always passes")]
        span: SourceSpan,
        /// A suggestion.
        #[help]
        help: String,
        /// The file.
        #[source_code]
        src: NamedText,
    },

    /// `expect not X` in a scenario that forbids X, or `expect X [at least L]` in one that
    /// assumes X (or where X is a fact) at L or above: the scenario itself settles the
    /// expectation, whatever the rules say.
    #[error("`{expectation}` in test `{test}` can never fail: {reason}")]
    #[diagnostic(code(augur::check::vacuous_expectation))]
    SettledExpectation {
        /// The test.
        test: String,
        /// The expectation as written, canonically.
        expectation: String,
        /// What settles it.
        reason: String,
        /// The expectation.
        #[label("always passes")]
        span: SourceSpan,
        /// What to do.
        #[help]
        help: String,
        /// The file.
        #[source_code]
        src: NamedText,
    },

    /// `test "t" in s { }`: a test that checks nothing.
    #[error("test `{test}` expects nothing, so it can never fail")]
    #[diagnostic(
        code(augur::check::empty_test),
        help("add an `expect` line, or remove the test")
    )]
    EmptyTest {
        /// The test.
        test: String,
        /// The test's name.
        #[label("no `expect` in this test")]
        span: SourceSpan,
        /// The file.
        #[source_code]
        src: NamedText,
    },

    /// `open us defends guyana` and `rule r: ... implies us defends guyana`.
    #[error("rule `{rule}` concludes `{atom}`, which the analysis declares open")]
    #[diagnostic(
        code(augur::check::concludes_open_question),
        help(
            "an open question is one the analysis leaves undecided: write no rule for either outcome, or remove the `open` declaration"
        )
    )]
    ConcludesOpen {
        /// The rule.
        rule: String,
        /// The open atom.
        atom: String,
        /// The conclusion.
        #[label("concludes an open question")]
        span: SourceSpan,
        /// The `open` declaration, when in the same file.
        #[label("declared open here")]
        open: Option<SourceSpan>,
        /// The file.
        #[source_code]
        src: NamedText,
    },

    /// `rule r: a p implies housing_starts fall very_likley`, or `... rents increase very
    /// likely`: a likelihood misspelled or split reads as a constant of the atom.
    #[error("`{written}` reads as part of the atom, not as the likelihood `{fix}`")]
    #[diagnostic(code(augur::check::misspelled_likelihood))]
    MisspelledLikelihood {
        /// What was written.
        written: String,
        /// The likelihood meant.
        fix: String,
        /// The words.
        #[label("did you mean `{fix}`?")]
        span: SourceSpan,
        /// What it is read as, and the fix.
        #[help]
        help: String,
        /// The file.
        #[source_code]
        src: NamedText,
    },

    /// `test "t" in s { expect q r }` where `open q r` is declared.
    #[error("test expects `{atom}`, which the analysis declares open")]
    #[diagnostic(
        code(augur::check::expects_open_question),
        help(
            "an open question is neither true nor false; write `expect open ...` to check that it stays undecided, or remove the `open` declaration"
        )
    )]
    ExpectsOpen {
        /// The atom.
        atom: String,
        /// The expectation.
        #[label("expects an undecided point")]
        span: SourceSpan,
        /// The file.
        #[source_code]
        src: NamedText,
    },

    /// `test "t" in s { expect open q r }` where no `open q r` is declared.
    #[error("test expects `{atom}` to be open, but no `open` declares it")]
    #[diagnostic(
        code(augur::check::expects_undeclared_open),
        help(
            "only an atom declared `open` can be an open question, so this expectation can never pass; declare `open {atom}` or expect something else"
        )
    )]
    ExpectsUndeclaredOpen {
        /// The atom.
        atom: String,
        /// The expectation.
        #[label("no `open` declares this atom")]
        span: SourceSpan,
        /// The file.
        #[source_code]
        src: NamedText,
    },

    /// `scenario s { assume x p  assume not x p }`.
    #[error("scenario `{scenario}` both assumes `{atom}` and assumes it false")]
    #[diagnostic(
        code(augur::check::contradictory_assumptions),
        help("keep one of the two lines; a child scenario may override its parent instead")
    )]
    ContradictoryAssumptions {
        /// The scenario.
        scenario: String,
        /// The atom.
        atom: String,
        /// The `assume not` line.
        #[label("forced false here")]
        span: SourceSpan,
        /// The `assume` line.
        #[label("assumed here")]
        other: SourceSpan,
        /// The file.
        #[source_code]
        src: NamedText,
    },

    /// A problem with a document's text file or a quote in it.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Source(#[from] SourceCheck),

    /// `rule r: not q r implies ...` where `open q r` is declared.
    #[error("rule `{rule}` negates `{atom}`, which the analysis declares open")]
    #[diagnostic(
        code(augur::check::negates_open_question),
        severity(Warning),
        help(
            "under negation as failure an open point reads as false, so this rule's conclusions rest on an undecided question"
        )
    )]
    NegatesOpen {
        /// The rule.
        rule: String,
        /// The atom.
        atom: String,
        /// The premise.
        #[label("rests on an open question")]
        span: SourceSpan,
        /// The file.
        #[source_code]
        src: NamedText,
    },
}

impl CheckError {
    /// Whether this is an error (not a warning or a note).
    pub fn is_error(&self) -> bool {
        matches!(self.severity(), None | Some(miette::Severity::Error))
    }

    /// Whether this is a warning (not an error or a note).
    pub fn is_warning(&self) -> bool {
        matches!(self.severity(), Some(miette::Severity::Warning))
    }
}
