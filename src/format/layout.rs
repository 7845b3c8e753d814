//! The canonical layout of each declaration (docs/LANGUAGE.md, "Layout"): the syntax tree
//! says what comes next, and the file's own tokens, taken in order, give its text, so
//! strings, numbers and names are copied byte for byte. The result is lines of code, each
//! knowing the source range it came from, for [`super::trivia`] to place comments by.

use super::tokens::{Kind, Token};
use crate::syntax::ast::{
    Atom, Bound, Cite, Conflict, Expect, ExpectKind, File, Item, Level, Literal, ProbabilityBound,
    Rule, Scenario, Test,
};

/// Where continuation lines of a block start: under the first premise (`when` plus a
/// space, after the block's indentation) with `and` right-aligned to `when`.
const INDENT: usize = 2;

/// What a line is, which decides the blank lines and comments before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Role {
    /// The first line of a declaration, or of an entry of a block (`assume`, `expect`):
    /// a blank line before it in the source is kept.
    Entry,
    /// A later line of one declaration: no blank line before it.
    Continuation,
    /// The `}` that closes a block: no blank line before it.
    Close,
}

/// One line of output code.
#[derive(Clone, Debug)]
pub(super) struct Line {
    /// Spaces before the code.
    pub indent: usize,
    /// Spaces before a whole-line comment placed before this line.
    pub comment_indent: usize,
    /// The code, with no trailing space.
    pub code: String,
    /// The index (in the code tokens) of its first token and one past its last.
    pub first: usize,
    /// One past the index of its last token.
    pub last: usize,
    /// What it is.
    pub role: Role,
    /// Whether it directly follows a line that opens a block (`{`).
    pub opens_block: bool,
}

/// The formatter could not match the tree to the tokens: a bug, never bad input.
#[derive(Debug)]
pub(super) struct Mismatch {
    /// The byte offset where it happened.
    pub offset: usize,
    /// What was expected there.
    pub expected: &'static str,
}

type Step = Result<(), Mismatch>;

/// Walks the tree, taking the code tokens (comments excluded) in order.
pub(super) struct Writer<'a> {
    text: &'a str,
    tokens: &'a [Token],
    next: usize,
    lines: Vec<Line>,
}

impl<'a> Writer<'a> {
    /// A writer over `text` and its code tokens.
    pub fn new(text: &'a str, tokens: &'a [Token]) -> Self {
        Writer {
            text,
            tokens,
            next: 0,
            lines: Vec::new(),
        }
    }

    /// Lays out every item of `file`; every token must be used.
    pub fn file(mut self, file: &File) -> Result<Vec<Line>, Mismatch> {
        for item in &file.items {
            self.item(item)?;
        }
        match self.tokens.get(self.next) {
            Some(t) => Err(Mismatch {
                offset: t.start,
                expected: "the end of the file",
            }),
            None => Ok(self.lines),
        }
    }

    fn item(&mut self, item: &Item) -> Step {
        match item {
            Item::Document(d) => {
                self.line(0, Role::Entry);
                self.words(&["document"])?;
                self.take(Kind::Word)?;
                self.take(Kind::Str)?;
                if d.file.is_some() {
                    self.words(&["file"])?;
                    self.take(Kind::Str)?;
                }
                Ok(())
            }
            Item::Fact(f) => {
                self.line(0, Role::Entry);
                self.words(&["fact"])?;
                self.atom(&f.atom)?;
                self.bracketed(f.level)?;
                self.cites(&f.cites)
            }
            Item::Assumable(a) => {
                self.line(0, Role::Entry);
                self.words(&["assumable"])?;
                self.atom(&a.atom)
            }
            Item::Assume(a) => self.assume(0, a.negated, &a.atom, a.level),
            Item::Open(o) => {
                self.line(0, Role::Entry);
                self.words(&["open"])?;
                self.atom(&o.atom)?;
                if !o.when.is_empty() {
                    self.line(INDENT, Role::Continuation);
                    self.words(&["when"])?;
                    self.literals_inline(&o.when)?;
                }
                self.cites(&o.cites)
            }
            Item::Rule(r) => self.rule(r),
            Item::Conflict(c) => self.conflict(c),
            Item::Scenario(s) => self.scenario(s),
            Item::Test(t) => self.test(t),
            Item::Indicator(i) => {
                self.line(0, Role::Entry);
                self.words(&["indicator"])?;
                self.atom(&i.atom)?;
                self.cites(&i.cites)
            }
            Item::Observed(o) => {
                self.line(0, Role::Entry);
                self.words(&["observed"])?;
                if o.negated {
                    self.words(&["not"])?;
                }
                self.atom(&o.atom)?;
                self.bracketed(o.level)?;
                self.cites(&o.cites)
            }
        }
    }

    /// `assume [not] ATOM [[LEVEL]]` on a line of its own.
    fn assume(&mut self, indent: usize, negated: bool, atom: &Atom, level: Option<Level>) -> Step {
        self.line(indent, Role::Entry);
        self.words(&["assume"])?;
        if negated {
            self.words(&["not"])?;
        }
        self.atom(atom)?;
        self.bracketed(level)
    }

    /// A rule: the one-line form stays on one line (its citations below it), the block
    /// form takes a line per premise, per conclusion, for the likelihood and per citation.
    fn rule(&mut self, r: &Rule) -> Step {
        self.line(0, Role::Entry);
        self.words(&["rule"])?;
        self.take(Kind::Word)?;
        if self.peek_is(":") {
            self.take(Kind::Punct)?;
            self.literals_inline(&r.premises)?;
            self.words(&["implies"])?;
            for (k, atom) in r.conclusions.iter().enumerate() {
                if k > 0 {
                    self.separator(",")?;
                }
                self.atom(atom)?;
            }
            self.bracketed(r.level)?;
            self.choice(r)?;
            return self.cites(&r.cites);
        }
        self.punct("{")?;
        self.premise_lines(&r.premises)?;
        self.line(INDENT, Role::Continuation);
        self.words(&["then"])?;
        let under = INDENT + "then ".len();
        for (k, atom) in r.conclusions.iter().enumerate() {
            if k > 0 {
                self.separator(",")?;
                self.line(under, Role::Continuation);
            }
            self.atom(atom)?;
        }
        if let Some(level) = r.level {
            self.line(INDENT, Role::Continuation);
            self.level(level, false)?;
        }
        if r.choice.is_some() {
            if r.level.is_none() {
                self.line(INDENT, Role::Continuation);
            }
            self.choice(r)?;
        }
        self.cites(&r.cites)?;
        self.close()
    }

    /// `choice NAME` after a rule's likelihood, on its line.
    fn choice(&mut self, r: &Rule) -> Step {
        if r.choice.is_none() {
            return Ok(());
        }
        self.words(&["choice"])?;
        self.take(Kind::Word)
    }

    fn conflict(&mut self, c: &Conflict) -> Step {
        self.line(0, Role::Entry);
        self.words(&[c.kind.keyword()])?;
        self.take(Kind::Word)?;
        self.punct("{")?;
        self.premise_lines(&c.premises)?;
        self.cites(&c.cites)?;
        self.close()
    }

    /// `when P1` then `and P2`, one premise a line, `and` right-aligned under `when`.
    fn premise_lines(&mut self, premises: &[Literal]) -> Step {
        self.line(INDENT, Role::Continuation);
        self.opened();
        self.words(&["when"])?;
        for (k, literal) in premises.iter().enumerate() {
            if k > 0 {
                self.line(INDENT + 1, Role::Continuation);
                self.separator("and")?;
            }
            self.literal(literal)?;
        }
        Ok(())
    }

    /// Premises on the current line, joined by `and`.
    fn literals_inline(&mut self, premises: &[Literal]) -> Step {
        for (k, literal) in premises.iter().enumerate() {
            if k > 0 {
                self.separator("and")?;
            }
            self.literal(literal)?;
        }
        Ok(())
    }

    fn literal(&mut self, literal: &Literal) -> Step {
        if literal.negated {
            self.words(&["not"])?;
        }
        self.atom(&literal.atom)
    }

    fn scenario(&mut self, s: &Scenario) -> Step {
        self.line(0, Role::Entry);
        self.words(&["scenario"])?;
        self.take(Kind::Word)?;
        if s.extends.is_some() {
            self.words(&["extends"])?;
            self.take(Kind::Word)?;
        }
        self.punct("{")?;
        if s.assumes.is_empty() {
            return self.punct("}");
        }
        for (k, a) in s.assumes.iter().enumerate() {
            self.assume(INDENT, a.negated, &a.atom, a.level)?;
            if k == 0 {
                self.opened();
            }
        }
        self.close()
    }

    fn test(&mut self, t: &Test) -> Step {
        self.line(0, Role::Entry);
        self.words(&["test"])?;
        self.take(Kind::Str)?;
        self.words(&["in"])?;
        self.take(Kind::Word)?;
        self.punct("{")?;
        if t.expects.is_empty() {
            return self.punct("}");
        }
        for (k, e) in t.expects.iter().enumerate() {
            self.expect(e)?;
            if k == 0 {
                self.opened();
            }
        }
        self.close()
    }

    fn expect(&mut self, e: &Expect) -> Step {
        self.line(INDENT, Role::Entry);
        self.words(&["expect"])?;
        match &e.kind {
            ExpectKind::Holds { atom, bound } => {
                self.atom(atom)?;
                match bound {
                    Bound::Any => Ok(()),
                    Bound::AtLeast(l) => {
                        self.words(&["at", "least"])?;
                        self.level(*l, false)
                    }
                    Bound::AtMost(l) => {
                        self.words(&["at", "most"])?;
                        self.level(*l, false)
                    }
                    Bound::Exactly(l) => {
                        self.words(&["exactly"])?;
                        self.level(*l, false)
                    }
                }
            }
            ExpectKind::Probability { atom, bound } => {
                self.atom(atom)?;
                self.words(&["with", "probability", "at"])?;
                let level = match bound {
                    ProbabilityBound::AtLeast(l) => {
                        self.words(&["least"])?;
                        l
                    }
                    ProbabilityBound::AtMost(l) => {
                        self.words(&["most"])?;
                        l
                    }
                };
                self.level(*level, false)
            }
            ExpectKind::NotHolds { atom } => {
                self.words(&["not"])?;
                self.atom(atom)
            }
            ExpectKind::Open { atom } => {
                self.words(&["open"])?;
                self.atom(atom)
            }
            ExpectKind::Conflict { kind, .. } => {
                self.words(&[kind.keyword()])?;
                self.take(Kind::Word)
            }
            ExpectKind::NotConflict { kind, .. } => {
                self.words(&["not", kind.keyword()])?;
                self.take(Kind::Word)
            }
        }
    }

    /// Each citation on a line of its own, indented.
    fn cites(&mut self, cites: &[Cite]) -> Step {
        for _ in cites {
            self.line(INDENT, Role::Continuation);
            self.words(&["cite"])?;
            self.take(Kind::Word)?;
            self.take(Kind::Str)?;
        }
        Ok(())
    }

    /// The closing `}` of a block, on a line of its own.
    fn close(&mut self) -> Step {
        self.line(0, Role::Close);
        self.punct("}")
    }

    /// An atom, as written (function or sentence form), single spaces.
    fn atom(&mut self, atom: &Atom) -> Step {
        let end = atom.span.end as usize;
        let before = self.next;
        while self.tokens.get(self.next).is_some_and(|t| t.end <= end) {
            let token = self.tokens[self.next];
            self.push(token);
        }
        if self.next == before {
            return Err(self.mismatch("an atom"));
        }
        Ok(())
    }

    /// A likelihood after an atom on its line: `[LEVEL]`.
    fn bracketed(&mut self, level: Option<Level>) -> Step {
        match level {
            Some(level) => self.level(level, true),
            None => Ok(()),
        }
    }

    /// A likelihood, bare or in brackets, written as asked.
    fn level(&mut self, level: Level, brackets: bool) -> Step {
        let open = self.peek_is("[");
        if open {
            self.next += 1;
        }
        if brackets {
            self.write("[");
        }
        // A probability is kept as written (`0.720`, `72%`): never rewritten as its band.
        self.take(match level.probability {
            Some(_) => Kind::Probability,
            None => Kind::Word,
        })?;
        if brackets {
            self.write("]");
        }
        if open {
            if !self.peek_is("]") {
                return Err(self.mismatch("`]`"));
            }
            self.next += 1;
            self.note_used();
        }
        Ok(())
    }

    /// `,` or `and` between two items, written as `written`.
    fn separator(&mut self, written: &'static str) -> Step {
        if !(self.peek_is(",") || self.peek_is("and")) {
            return Err(self.mismatch("`,` or `and`"));
        }
        self.next += 1;
        self.note_used();
        self.write(written);
        Ok(())
    }

    fn words(&mut self, words: &[&'static str]) -> Step {
        for w in words {
            if !self.peek_is(w) {
                return Err(self.mismatch(w));
            }
            let token = self.tokens[self.next];
            self.push(token);
        }
        Ok(())
    }

    fn punct(&mut self, p: &'static str) -> Step {
        self.words(&[p])
    }

    fn take(&mut self, kind: Kind) -> Step {
        match self.tokens.get(self.next) {
            Some(&t) if t.kind == kind => {
                self.push(t);
                Ok(())
            }
            _ => Err(self.mismatch(match kind {
                Kind::Word => "a word",
                Kind::Str => "a string",
                _ => "a token",
            })),
        }
    }

    fn peek_is(&self, text: &str) -> bool {
        self.tokens
            .get(self.next)
            .is_some_and(|t| t.text(self.text) == text)
    }

    fn mismatch(&self, expected: &'static str) -> Mismatch {
        Mismatch {
            offset: self
                .tokens
                .get(self.next)
                .map_or(self.text.len(), |t| t.start),
            expected,
        }
    }

    /// Starts a line.
    fn line(&mut self, indent: usize, role: Role) {
        self.lines.push(Line {
            indent,
            comment_indent: if role == Role::Continuation {
                INDENT
            } else {
                indent + if role == Role::Close { INDENT } else { 0 }
            },
            code: String::new(),
            first: self.next,
            last: self.next,
            role,
            opens_block: false,
        });
    }

    /// Marks the current line as the first inside a block.
    fn opened(&mut self) {
        if let Some(line) = self.lines.last_mut() {
            line.opens_block = true;
        }
    }

    /// Writes the next token as it is written in the source.
    fn push(&mut self, token: Token) {
        self.next += 1;
        self.note_used();
        self.write(token.text(self.text));
    }

    /// The current line now covers every token taken so far.
    fn note_used(&mut self) {
        if let Some(line) = self.lines.last_mut() {
            line.last = self.next;
        }
    }

    /// Appends `piece` to the current line, spaced: no space before `( ) , ] :` or after
    /// `( [`.
    fn write(&mut self, piece: &str) {
        let Some(line) = self.lines.last_mut() else {
            return;
        };
        let tight_before = matches!(piece, "(" | ")" | "," | "]" | ":");
        let tight_after = line.code.ends_with(['(', '[']);
        if !line.code.is_empty() && !tight_before && !tight_after {
            line.code.push(' ');
        }
        line.code.push_str(piece);
    }
}
