//! The syntax tree of one rule file. Every node keeps the [`Span`] it was parsed from so
//! that later stages can point back at the text.

use compact_str::CompactString;
use smallvec::SmallVec;

use crate::likelihood::Likelihood;
use crate::probability::Probability;
use crate::source::Span;

/// A name written in the file (rule, scenario, document or predicate name).
#[derive(Clone, Debug)]
pub struct Name {
    /// The identifier. Names are short, so a compact string keeps them inline: a big
    /// program has millions, and a heap block each made parsing allocation-bound.
    pub text: CompactString,
    /// Where it was written.
    pub span: Span,
}

/// A term: a constant or a variable.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Term {
    /// A lowercase identifier such as `latin_america`.
    Ident(CompactString),
    /// An integer such as `2017`.
    Int(i64),
    /// A string such as `"Lula"`.
    Str(String),
    /// A variable such as `?c` (stored without the `?`).
    Var(CompactString),
}

/// A term with its place in the file.
#[derive(Clone, Debug)]
pub struct TermNode {
    /// The term.
    pub term: Term,
    /// Where it was written.
    pub span: Span,
}

/// An atom: a predicate applied to terms, in sentence or function form.
#[derive(Clone, Debug)]
pub struct Atom {
    /// The predicate.
    pub predicate: Name,
    /// The arguments, subject first: inline up to two (sentence form), so that parsing a
    /// large rule base does not allocate per atom.
    pub args: SmallVec<[TermNode; 2]>,
    /// The whole atom.
    pub span: Span,
}

/// A premise: an atom, possibly under negation as failure.
#[derive(Clone, Debug)]
pub struct Literal {
    /// `not ATOM` when true.
    pub negated: bool,
    /// The atom.
    pub atom: Atom,
    /// The literal including `not`.
    pub span: Span,
}

/// A likelihood label with its place: a level of the scale, or a probability (`0.72`,
/// `72%`) and the band it falls in.
#[derive(Clone, Copy, Debug)]
pub struct Level {
    /// The level (for a probability, its band).
    pub value: Likelihood,
    /// The probability written, when the likelihood was written as one.
    pub probability: Option<Probability>,
    /// Where it was written.
    pub span: Span,
}

/// `cite DOC "quote"`.
#[derive(Clone, Debug)]
pub struct Cite {
    /// The document cited.
    pub document: Name,
    /// The quoted sentence.
    pub quote: String,
    /// The whole citation.
    pub span: Span,
}

/// `document NAME "Title" [file "path"]`.
#[derive(Clone, Debug)]
pub struct Document {
    /// The name citations use.
    pub name: Name,
    /// The title.
    pub title: String,
    /// The text file the document can be checked against.
    pub file: Option<DocumentFile>,
    /// The whole declaration.
    pub span: Span,
}

/// `file "path"` in a document declaration: the path as written, and where.
#[derive(Clone, Debug)]
pub struct DocumentFile {
    /// The path, relative to the rule file's folder or a `--sources` folder.
    pub path: String,
    /// The quoted path.
    pub span: Span,
}

/// `fact ATOM [LEVEL]`.
#[derive(Clone, Debug)]
pub struct Fact {
    /// The atom that holds in every scenario.
    pub atom: Atom,
    /// Its likelihood, `certain` when absent.
    pub level: Option<Level>,
    /// The sentences it rests on.
    pub cites: Vec<Cite>,
    /// The whole declaration.
    pub span: Span,
}

/// `assumable ATOM`.
#[derive(Clone, Debug)]
pub struct Assumable {
    /// The atom (variables match any constant).
    pub atom: Atom,
    /// The whole declaration.
    pub span: Span,
}

/// `assume [not] ATOM [LEVEL]`, at top level or in a scenario.
#[derive(Clone, Debug)]
pub struct Assume {
    /// `assume not ATOM`: an intervention forcing the atom false.
    pub negated: bool,
    /// The atom assumed.
    pub atom: Atom,
    /// Its likelihood, `certain` when absent.
    pub level: Option<Level>,
    /// The whole line.
    pub span: Span,
}

/// A rule in either form.
#[derive(Clone, Debug)]
pub struct Rule {
    /// Its unique name.
    pub name: Name,
    /// The premises, in order.
    pub premises: Vec<Literal>,
    /// One or more conclusions.
    pub conclusions: Vec<Atom>,
    /// Its likelihood, `certain` when absent.
    pub level: Option<Level>,
    /// `choice NAME`: the correlated group whose one choice it shares.
    pub choice: Option<Name>,
    /// Citations.
    pub cites: Vec<Cite>,
    /// The whole rule.
    pub span: Span,
}

/// What a conflict-like block flags when its premises hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ConflictKind {
    /// `conflict`: a contradiction in the analysis, which fails the tests of its scenario
    /// unless they expect it.
    Conflict,
    /// `tension`: a trade-off the sources present (a cost against a gain), reported apart
    /// and never a failure.
    Tension,
}

impl ConflictKind {
    /// The keyword that declares it.
    pub fn keyword(self) -> &'static str {
        match self {
            ConflictKind::Conflict => "conflict",
            ConflictKind::Tension => "tension",
        }
    }
}

impl std::fmt::Display for ConflictKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.keyword())
    }
}

/// `conflict NAME { when PREMISES }` or `tension NAME { when PREMISES }`.
#[derive(Clone, Debug)]
pub struct Conflict {
    /// A contradiction or a trade-off.
    pub kind: ConflictKind,
    /// Its unique name.
    pub name: Name,
    /// The premises that together flag a contradiction.
    pub premises: Vec<Literal>,
    /// Citations.
    pub cites: Vec<Cite>,
    /// The whole conflict.
    pub span: Span,
}

/// `scenario NAME [extends NAME] { assume ... }`.
#[derive(Clone, Debug)]
pub struct Scenario {
    /// Its unique name.
    pub name: Name,
    /// The scenario whose assumptions it inherits.
    pub extends: Option<Name>,
    /// Its own assumptions.
    pub assumes: Vec<Assume>,
    /// The whole block.
    pub span: Span,
}

/// How an `expect` bounds the likelihood of an atom that must hold.
#[derive(Clone, Copy, Debug)]
pub enum Bound {
    /// `expect ATOM`: any likelihood.
    Any,
    /// `at least LEVEL`.
    AtLeast(Level),
    /// `at most LEVEL`.
    AtMost(Level),
    /// `exactly LEVEL`.
    Exactly(Level),
}

/// How `expect ATOM with probability ...` bounds the atom's probability.
#[derive(Clone, Copy, Debug)]
pub enum ProbabilityBound {
    /// `at least P`.
    AtLeast(Level),
    /// `at most P`.
    AtMost(Level),
}

/// One `expect` line of a test.
#[derive(Clone, Debug)]
pub enum ExpectKind {
    /// `expect ATOM with probability at least P` (or `at most P`): P(ATOM) in the
    /// scenario, all arguments together (`augur prob`), against a probability written as a
    /// number (its [`Level::probability`] is set).
    Probability {
        /// The atom.
        atom: Atom,
        /// The bound.
        bound: ProbabilityBound,
    },
    /// `expect ATOM [at least LEVEL | at most LEVEL | exactly LEVEL]`.
    Holds {
        /// The atom.
        atom: Atom,
        /// The bound on its likelihood.
        bound: Bound,
    },
    /// `expect not ATOM`.
    NotHolds {
        /// The atom.
        atom: Atom,
    },
    /// `expect open ATOM`: the analysis leaves it undecided in the scenario.
    Open {
        /// The atom.
        atom: Atom,
    },
    /// `expect conflict NAME` or `expect tension NAME`.
    Conflict {
        /// Which keyword the expectation used.
        kind: ConflictKind,
        /// The conflict or tension.
        name: Name,
    },
    /// `expect not conflict NAME` or `expect not tension NAME`.
    NotConflict {
        /// Which keyword the expectation used.
        kind: ConflictKind,
        /// The conflict or tension.
        name: Name,
    },
}

/// An expectation with its place.
#[derive(Clone, Debug)]
pub struct Expect {
    /// What is expected.
    pub kind: ExpectKind,
    /// The whole line.
    pub span: Span,
}

/// `test "NAME" in SCENARIO { expect ... }`.
#[derive(Clone, Debug)]
pub struct Test {
    /// The test's name.
    pub name: String,
    /// Where the name was written.
    pub name_span: Span,
    /// The scenario it runs.
    pub scenario: Name,
    /// Its expectations.
    pub expects: Vec<Expect>,
    /// The whole block.
    pub span: Span,
}

/// `open ATOM [when PREMISES] [cite DOC "quote"]*`: a point the analysis leaves undecided,
/// wherever its premises hold (everywhere when it has none).
#[derive(Clone, Debug)]
pub struct Open {
    /// The undecided atom.
    pub atom: Atom,
    /// The premises under which the question arises; empty when unconditional.
    pub when: Vec<Literal>,
    /// Citations.
    pub cites: Vec<Cite>,
    /// The whole declaration.
    pub span: Span,
}

/// `indicator ATOM [cite DOC "quote"]*`: something one could observe in the world, whose
/// likelihood tells scenarios apart. Variables are allowed.
#[derive(Clone, Debug)]
pub struct Indicator {
    /// The observable atom.
    pub atom: Atom,
    /// Citations.
    pub cites: Vec<Cite>,
    /// The whole declaration.
    pub span: Span,
}

/// `observed [not] ATOM [LEVEL] [cite DOC "quote"]*`: evidence seen in the world, with its
/// credibility. It never enters a scenario's derivation.
#[derive(Clone, Debug)]
pub struct Observed {
    /// `observed not ATOM`: the atom was seen not to hold.
    pub negated: bool,
    /// The ground atom observed.
    pub atom: Atom,
    /// Its credibility, `certain` when absent.
    pub level: Option<Level>,
    /// Citations.
    pub cites: Vec<Cite>,
    /// The whole declaration.
    pub span: Span,
}

/// One top-level item.
#[derive(Clone, Debug)]
pub enum Item {
    /// `document`.
    Document(Document),
    /// `fact`.
    Fact(Fact),
    /// `assumable`.
    Assumable(Assumable),
    /// Top-level `assume` (scenario `default`).
    Assume(Assume),
    /// `rule`.
    Rule(Rule),
    /// `conflict` or `tension`.
    Conflict(Conflict),
    /// `scenario`.
    Scenario(Scenario),
    /// `test`.
    Test(Test),
    /// `open`.
    Open(Open),
    /// `indicator`.
    Indicator(Indicator),
    /// `observed`.
    Observed(Observed),
}

/// A parsed file: its items in order.
#[derive(Clone, Debug, Default)]
pub struct File {
    /// The items, in the order written.
    pub items: Vec<Item>,
}
