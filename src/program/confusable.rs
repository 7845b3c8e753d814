//! String constants that look the same and differ: `"Lula"` and `"Lu\u{200b}la"`, or
//! `"Bogotá"` with a Cyrillic `а`. Names cannot (they are ASCII, see
//! [`crate::syntax::charset`]), but strings may hold any character, and two constants that
//! read alike are still two things: a rule about one never matches the other. Each string
//! is reduced to a skeleton (hidden characters dropped, lookalike letters mapped to the
//! ASCII letter they imitate); two spellings with one skeleton get a warning.

use crate::hash::HashSet;
use indexmap::IndexMap;
use indexmap::map::Entry;

use super::error::CheckError;
use crate::escape::{code_point, is_hidden, quoted};
use crate::source::{SourceMap, Span};
use crate::syntax::ast::{self, ExpectKind, Item, Term};
use crate::syntax::charset::ascii_lookalike;

/// The check over a whole program, fed one item at a time: each spelling it reports is
/// kept, not borrowed, as the items are dropped once lowered.
#[derive(Default)]
pub(super) struct Confusable {
    /// Skeleton -> the first spelling seen and where; each other spelling is reported once.
    first: IndexMap<String, (String, Span)>,
    /// The spellings reported.
    reported: HashSet<String>,
    /// The reports, in the order the strings are written.
    found: Vec<CheckError>,
}

impl Confusable {
    /// Takes in one item's string constants.
    pub(super) fn item(&mut self, sources: &SourceMap, item: &Item) {
        each_atom(item, |atom| {
            for arg in &atom.args {
                if let Term::Str(text) = &arg.term {
                    self.string(sources, text, arg.span);
                }
            }
        });
    }

    fn string(&mut self, sources: &SourceMap, text: &str, span: Span) {
        let (seen, at) = match self.first.entry(skeleton(text)) {
            Entry::Vacant(v) => {
                v.insert((text.to_owned(), span));
                return;
            }
            Entry::Occupied(o) => o.into_mut(),
        };
        if seen == text || self.reported.contains(text) {
            return;
        }
        self.reported.insert(text.to_owned());
        let place = sources.location(*at);
        self.found.push(CheckError::ConfusableStrings {
            this: quoted(text),
            other: quoted(seen),
            span: span.into(),
            help: format!(
                "{}the other spelling is at {place}; they differ only by invisible characters or by letters that look alike, so they are different constants: write one spelling",
                lookalikes(text, seen)
            ),
            src: sources.named_source(span),
        });
    }

    /// The reports, in the order the strings were written.
    pub(super) fn finish(self) -> Vec<CheckError> {
        self.found
    }
}

/// What a reader sees: hidden characters gone, lookalikes as the ASCII letter they imitate,
/// every kind of space a space. (Canonically equivalent spellings, `é` and `e` with a
/// combining accent, are not matched: that needs Unicode normalization tables.)
fn skeleton(text: &str) -> String {
    text.chars()
        .filter(|&c| !is_hidden(c))
        .map(|c| imitates(c).unwrap_or(c))
        .collect()
}

/// The ASCII character `c` is drawn like, if another: a lookalike letter or a space.
fn imitates(c: char) -> Option<char> {
    match c {
        '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' => Some(' '),
        c => ascii_lookalike(c),
    }
}

/// `` `а` (U+0430) looks like `a`; `` for each lookalike letter or space of either
/// spelling, since those, unlike hidden characters, do not show in the escaped text.
fn lookalikes(this: &str, other: &str) -> String {
    let mut out = String::new();
    for (c, like) in this
        .chars()
        .chain(other.chars())
        .filter_map(|c| Some((c, imitates(c)?)))
    {
        let note = if like == ' ' {
            format!("{} looks like a space; ", code_point(c))
        } else {
            format!("`{c}` ({}) looks like `{like}`; ", code_point(c))
        };
        if !out.contains(&note) {
            out.push_str(&note);
        }
    }
    out
}

/// Calls `f` on every atom an item writes. A callback, not a collection: this runs for
/// every item of a program, and most items hold no string at all.
fn each_atom<'a>(item: &'a Item, mut f: impl FnMut(&'a ast::Atom)) {
    let literals = |lits: &'a [ast::Literal], f: &mut dyn FnMut(&'a ast::Atom)| {
        lits.iter().for_each(|l| f(&l.atom));
    };
    match item {
        Item::Document(_) => {}
        Item::Fact(x) => f(&x.atom),
        Item::Assume(x) => f(&x.atom),
        Item::Assumable(x) => f(&x.atom),
        Item::Indicator(x) => f(&x.atom),
        Item::Observed(x) => f(&x.atom),
        Item::Scenario(s) => s.assumes.iter().for_each(|a| f(&a.atom)),
        Item::Rule(r) => {
            literals(&r.premises, &mut f);
            r.conclusions.iter().for_each(f);
        }
        Item::Conflict(c) => literals(&c.premises, &mut f),
        Item::Open(o) => {
            f(&o.atom);
            literals(&o.when, &mut f);
        }
        Item::Test(t) => t.expects.iter().for_each(|e| match &e.kind {
            ExpectKind::Holds { atom, .. }
            | ExpectKind::NotHolds { atom }
            | ExpectKind::Open { atom }
            | ExpectKind::Probability { atom, .. } => f(atom),
            ExpectKind::Conflict { .. } | ExpectKind::NotConflict { .. } => {}
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::skeleton;

    #[test]
    fn skeletons_forget_what_cannot_be_seen() {
        assert_eq!(skeleton("Lu\u{200b}la"), "Lula");
        assert_eq!(skeleton("Bogot\u{430}"), "Bogota");
        assert_eq!(skeleton("\u{202e}x\u{feff}"), "x");
        assert_eq!(skeleton("da\u{a0}Silva"), "da Silva");
        assert_ne!(skeleton("Lula"), skeleton("lula"));
    }
}
