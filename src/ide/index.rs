//! What one file declares and mentions, read from its syntax tree: the names it defines
//! (rules, scenarios, documents, conflicts, tests), the names it refers to (`extends`,
//! `test ... in`, `cite`, `expect conflict`), every atom with its role, and every
//! likelihood word. Built once per text of a file; every query reads it.

use std::ops::Range;

use crate::likelihood::Likelihood;
use crate::source::{FileId, SourceFile, Span};
use crate::syntax::{self, ast};

/// The kinds of names a file declares.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NameKind {
    /// `document NAME`.
    Document,
    /// `rule NAME`.
    Rule,
    /// `conflict NAME` or `tension NAME` (one namespace).
    Conflict,
    /// `scenario NAME`.
    Scenario,
    /// `test "NAME"`.
    Test,
}

impl NameKind {
    /// The keyword that declares it.
    pub fn keyword(self) -> &'static str {
        match self {
            NameKind::Document => "document",
            NameKind::Rule => "rule",
            NameKind::Conflict => "conflict",
            NameKind::Scenario => "scenario",
            NameKind::Test => "test",
        }
    }
}

/// A declaration: its kind, name, the name's range and the whole item's.
#[derive(Clone, Debug)]
pub struct Def {
    /// What it declares.
    pub kind: NameKind,
    /// The name (a test's without quotes).
    pub name: String,
    /// Where the name is written.
    pub name_range: Range<usize>,
    /// The whole declaration.
    pub range: Range<usize>,
    /// For a `tension`, true (shown apart from conflicts).
    pub tension: bool,
}

/// A use of a declared name.
#[derive(Clone, Debug)]
pub struct NameRef {
    /// What kind of declaration it names.
    pub kind: NameKind,
    /// The name.
    pub name: String,
    /// Where it is written.
    pub range: Range<usize>,
}

/// Where an atom is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// A rule's conclusion.
    Conclusion,
    /// A premise (of a rule, conflict or `open ... when`); `not` premises too.
    Premise,
    /// A fact.
    Fact,
    /// `assumable`.
    Assumable,
    /// `assume` (at top level or in a scenario).
    Assume,
    /// `expect` in a test.
    Expect,
    /// `open`, `indicator` or `observed`.
    Evidence,
}

/// One atom as written.
#[derive(Clone, Debug)]
pub struct AtomUse {
    /// The atom in canonical form (as the engine shows it).
    pub text: String,
    /// The predicate.
    pub predicate: String,
    /// The arguments in canonical form, variables written `?v`.
    pub args: Vec<String>,
    /// Where the whole atom is written.
    pub range: Range<usize>,
    /// Where its predicate is written.
    pub predicate_range: Range<usize>,
    /// Where it stands.
    pub role: Role,
    /// The declaration it belongs to, an index into [`FileIndex::defs`].
    pub owner: Option<usize>,
}

impl AtomUse {
    /// Whether it has no variables.
    pub fn is_ground(&self) -> bool {
        !self.args.iter().any(|a| a.starts_with('?'))
    }
}

/// A citation: the document's name, the quote, where.
#[derive(Clone, Debug)]
pub struct CiteUse {
    /// The document.
    pub document: String,
    /// The quote.
    pub quote: String,
    /// The declaration it belongs to.
    pub owner: Option<usize>,
}

/// Everything one file declares and mentions.
#[derive(Clone, Debug, Default)]
pub struct FileIndex {
    /// Declarations, in file order.
    pub defs: Vec<Def>,
    /// Uses of declared names, in file order.
    pub refs: Vec<NameRef>,
    /// Atoms, in file order.
    pub atoms: Vec<AtomUse>,
    /// Likelihood words, in file order.
    pub levels: Vec<(Range<usize>, Likelihood)>,
    /// Citations, in file order.
    pub cites: Vec<CiteUse>,
    /// Document titles, by index into `defs`.
    pub titles: Vec<(usize, String, Option<String>)>,
    /// Constants written (names only), in file order, repeats kept.
    pub constants: Vec<String>,
}

fn range(span: Span) -> Range<usize> {
    span.start as usize..span.end as usize
}

impl FileIndex {
    /// Parses a text (recovering from errors, as `check` does) and indexes what parsed.
    pub fn new(text: &str) -> Self {
        let file = SourceFile::new("", text);
        let (ast, _errors) = syntax::parse_file(FileId(0), &file);
        let mut index = FileIndex::default();
        for item in &ast.items {
            index.item(item);
        }
        index
    }

    fn def(&mut self, kind: NameKind, name: &ast::Name, span: Span) -> usize {
        self.defs.push(Def {
            kind,
            name: name.text.to_string(),
            name_range: range(name.span),
            range: range(span),
            tension: false,
        });
        self.defs.len() - 1
    }

    fn reference(&mut self, kind: NameKind, name: &ast::Name) {
        self.refs.push(NameRef {
            kind,
            name: name.text.to_string(),
            range: range(name.span),
        });
    }

    fn atom(&mut self, atom: &ast::Atom, role: Role, owner: Option<usize>) {
        let args: Vec<String> = atom
            .args
            .iter()
            .map(|t| syntax::show_term(&t.term))
            .collect();
        for t in &atom.args {
            if let ast::Term::Ident(c) = &t.term {
                self.constants.push(c.to_string());
            }
        }
        self.atoms.push(AtomUse {
            text: syntax::show_atom(atom),
            predicate: atom.predicate.text.to_string(),
            args,
            range: range(atom.span),
            predicate_range: range(atom.predicate.span),
            role,
            owner,
        });
    }

    fn literals(&mut self, literals: &[ast::Literal], owner: Option<usize>) {
        for l in literals {
            self.atom(&l.atom, Role::Premise, owner);
        }
    }

    fn level(&mut self, level: Option<&ast::Level>) {
        if let Some(l) = level {
            self.levels.push((range(l.span), l.value));
        }
    }

    fn cites(&mut self, cites: &[ast::Cite], owner: Option<usize>) {
        for c in cites {
            self.reference(NameKind::Document, &c.document);
            self.cites.push(CiteUse {
                document: c.document.text.to_string(),
                quote: c.quote.clone(),
                owner,
            });
        }
    }

    fn item(&mut self, item: &ast::Item) {
        use ast::Item;
        match item {
            Item::Document(d) => {
                let at = self.def(NameKind::Document, &d.name, d.span);
                let file = d.file.as_ref().map(|f| f.path.clone());
                self.titles.push((at, d.title.clone(), file));
            }
            Item::Fact(f) => {
                self.atom(&f.atom, Role::Fact, None);
                self.level(f.level.as_ref());
                self.cites(&f.cites, None);
            }
            Item::Assumable(a) => self.atom(&a.atom, Role::Assumable, None),
            Item::Assume(a) => self.assume(a, None),
            Item::Rule(r) => {
                let at = self.def(NameKind::Rule, &r.name, r.span);
                self.literals(&r.premises, Some(at));
                for c in &r.conclusions {
                    self.atom(c, Role::Conclusion, Some(at));
                }
                self.level(r.level.as_ref());
                self.cites(&r.cites, Some(at));
            }
            Item::Conflict(c) => {
                let at = self.def(NameKind::Conflict, &c.name, c.span);
                self.defs[at].tension = c.kind == ast::ConflictKind::Tension;
                self.literals(&c.premises, Some(at));
                self.cites(&c.cites, Some(at));
            }
            Item::Scenario(s) => {
                let at = self.def(NameKind::Scenario, &s.name, s.span);
                if let Some(e) = &s.extends {
                    self.reference(NameKind::Scenario, e);
                }
                for a in &s.assumes {
                    self.assume(a, Some(at));
                }
            }
            Item::Test(t) => self.test(t),
            Item::Open(o) => {
                self.atom(&o.atom, Role::Evidence, None);
                self.literals(&o.when, None);
                self.cites(&o.cites, None);
            }
            Item::Indicator(i) => {
                self.atom(&i.atom, Role::Evidence, None);
                self.cites(&i.cites, None);
            }
            Item::Observed(o) => {
                self.atom(&o.atom, Role::Evidence, None);
                self.level(o.level.as_ref());
                self.cites(&o.cites, None);
            }
        }
    }

    fn assume(&mut self, a: &ast::Assume, owner: Option<usize>) {
        self.atom(&a.atom, Role::Assume, owner);
        self.level(a.level.as_ref());
    }

    fn test(&mut self, t: &ast::Test) {
        self.defs.push(Def {
            kind: NameKind::Test,
            name: t.name.clone(),
            name_range: range(t.name_span),
            range: range(t.span),
            tension: false,
        });
        let at = Some(self.defs.len() - 1);
        self.reference(NameKind::Scenario, &t.scenario);
        for e in &t.expects {
            match &e.kind {
                ast::ExpectKind::Holds { atom, bound } => {
                    self.atom(atom, Role::Expect, at);
                    if let ast::Bound::AtLeast(l) | ast::Bound::AtMost(l) | ast::Bound::Exactly(l) =
                        bound
                    {
                        self.level(Some(l));
                    }
                }
                ast::ExpectKind::NotHolds { atom }
                | ast::ExpectKind::Open { atom }
                | ast::ExpectKind::Probability { atom, .. } => self.atom(atom, Role::Expect, at),
                ast::ExpectKind::Conflict { name, .. }
                | ast::ExpectKind::NotConflict { name, .. } => {
                    self.reference(NameKind::Conflict, name)
                }
            }
        }
    }
}

/// What is written at a byte offset of a file.
#[derive(Clone, Debug)]
pub enum Target<'a> {
    /// A declaration's name.
    Def(&'a Def),
    /// A use of a declared name.
    Ref(&'a NameRef),
    /// An atom (the cursor on its predicate or an argument).
    Atom(&'a AtomUse),
    /// A likelihood word.
    Level(Range<usize>, Likelihood),
}

impl FileIndex {
    /// What is written at `offset` (a cursor just after a word still touches it).
    pub fn at(&self, offset: usize) -> Option<Target<'_>> {
        let touches = |r: &Range<usize>| r.start <= offset && offset <= r.end;
        if let Some(d) = self.defs.iter().find(|d| touches(&d.name_range)) {
            return Some(Target::Def(d));
        }
        if let Some(r) = self.refs.iter().find(|r| touches(&r.range)) {
            return Some(Target::Ref(r));
        }
        if let Some((r, l)) = self.levels.iter().find(|(r, _)| touches(r)) {
            return Some(Target::Level(r.clone(), *l));
        }
        self.atoms
            .iter()
            .find(|a| touches(&a.range))
            .map(Target::Atom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r#"document seed "Seed" file "seed.txt"
rule r1 {
  when ?x p y
  then ?x q y
  likely
  cite seed "quote"
}
scenario base { assume a p y }
scenario more extends base { assume b p y }
conflict c { when a q y and not b q y }
test "t" in more { expect a q y at least likely
  expect not conflict c }
"#;

    #[test]
    fn declarations_references_atoms_and_levels_are_indexed() {
        let i = FileIndex::new(TEXT);
        let defs: Vec<_> = i.defs.iter().map(|d| (d.kind, d.name.as_str())).collect();
        assert_eq!(
            defs,
            [
                (NameKind::Document, "seed"),
                (NameKind::Rule, "r1"),
                (NameKind::Scenario, "base"),
                (NameKind::Scenario, "more"),
                (NameKind::Conflict, "c"),
                (NameKind::Test, "t"),
            ]
        );
        let refs: Vec<_> = i.refs.iter().map(|r| (r.kind, r.name.as_str())).collect();
        assert_eq!(
            refs,
            [
                (NameKind::Document, "seed"),
                (NameKind::Scenario, "base"),
                (NameKind::Scenario, "more"),
                (NameKind::Conflict, "c"),
            ]
        );
        let atoms: Vec<_> = i.atoms.iter().map(|a| (a.text.as_str(), a.role)).collect();
        assert_eq!(atoms[0], ("?x p y", Role::Premise));
        assert_eq!(atoms[1], ("?x q y", Role::Conclusion));
        assert_eq!(atoms.last(), Some(&("a q y", Role::Expect)));
        assert_eq!(i.levels.len(), 2);
        assert_eq!(&TEXT[i.defs[1].name_range.clone()], "r1");
    }

    #[test]
    fn the_target_at_an_offset_is_the_innermost_thing_written_there() {
        let i = FileIndex::new(TEXT);
        let at = |needle: &str| TEXT.find(needle).map(|o| i.at(o + 1));
        assert!(matches!(at("r1"), Some(Some(Target::Def(d))) if d.name == "r1"));
        assert!(matches!(at("base {"), Some(Some(Target::Def(d))) if d.name == "base"));
        assert!(matches!(at("base { assume b"), Some(Some(Target::Ref(r))) if r.name == "base"));
        assert!(matches!(
            at("likely\n"),
            Some(Some(Target::Level(_, Likelihood::Likely)))
        ));
        assert!(matches!(at("q y\n"), Some(Some(Target::Atom(a))) if a.text == "?x q y"));
        assert!(matches!(at("{\n  when"), Some(None)));
    }
}
