//! Atoms and the lists built from them: premises, conclusions and citations.

use nom::Parser;
use nom::combinator::opt;
use smallvec::SmallVec;

use super::ast::{Atom, Cite, Literal, Name, Term};
use super::error::SyntaxKind;
use super::lexer::{
    Expected, In, PResult, at_keyword, fail_as, keyword, name, punct, require, string, term,
};
use crate::source::Span;

/// atom = name "(" term { "," term } ")" | term name [ term ] ;
///
/// Where an atom ends its clause (a fact, an assumption, a conclusion, an expectation), a
/// fourth word on its line is an error of its own ([`SyntaxKind::TooManyWords`]).
pub fn atom(input: In<'_>) -> PResult<'_, Atom> {
    let (rest, atom) = premise_atom(input)?;
    if let [subject, object @ ..] = &atom.args[..]
        && let [object] = object
        && atom.predicate.span.start > subject.span.start
    {
        no_fourth_word(
            rest,
            [
                &subject.term,
                &Term::Ident(atom.predicate.text.clone()),
                &object.term,
            ],
        )?;
    }
    Ok((rest, atom))
}

/// An atom in a rule's premises, where a word after it more likely means that `then` or
/// `implies` is missing, which the rule reports.
fn premise_atom(input: In<'_>) -> PResult<'_, Atom> {
    let (rest, first) = term(input)?;
    if let Term::Ident(pred) = &first.term
        && let Ok((rest, _)) = punct('(')(rest)
    {
        return function_args(
            rest,
            Name {
                text: pred.clone(),
                span: first.span,
            },
            first.span,
        );
    }
    let predicate_kind = |_| Expected::soft(rest, SyntaxKind::Predicate);
    let (rest, predicate) = require(
        rest,
        |i| name(i).map_err(predicate_kind),
        || format!("expected a predicate after `{}`", show_term(&first.term)),
    )?;
    let (rest, object) = opt(term).parse(rest)?;
    let end = object.as_ref().map_or(predicate.span, |o| o.span);
    let span = first.span.to(end);
    let args = std::iter::once(first).chain(object).collect();
    Ok((
        rest,
        Atom {
            predicate,
            args,
            span,
        },
    ))
}

/// Fails when another word follows a complete `subject predicate object` atom on the same
/// line (`fact a raised policy rate`): an atom has at most three words, and the usual cause
/// is a name written as two words. On the next line, a word starts something else, and the
/// enclosing item reports what it expected there.
fn no_fourth_word<'a>(rest: In<'a>, atom: [&Term; 3]) -> PResult<'a, ()> {
    let line = rest.fragment();
    let gap = line.len() - line.trim_start_matches([' ', '\t']).len();
    let next = &line[gap..];
    let starts_term = next
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_' || c == '?' || c.is_ascii_digit());
    if !starts_term {
        return Ok((rest, ()));
    }
    let Ok((_, fourth)) = term(rest) else {
        return Ok((rest, ()));
    };
    let [subject, predicate, object] = atom.map(show_term);
    let fourth = show_term(&fourth.term);
    let joined = format!("{object}_{fourth}");
    fail_as(
        rest,
        SyntaxKind::TooManyWords { joined },
        format!(
            "an atom has at most three words, but `{fourth}` follows `{subject} {predicate} {object}`"
        ),
    )
}

/// The `term { "," term } ")"` tail of a function-form atom.
fn function_args<'a>(mut input: In<'a>, predicate: Name, start: Span) -> PResult<'a, Atom> {
    let mut args = SmallVec::new();
    loop {
        let (rest, arg) = require(input, term, || {
            format!("expected an argument of `{}(...)`", predicate.text)
        })?;
        args.push(arg);
        if let Ok((rest, _)) = punct(',')(rest) {
            input = rest;
            continue;
        }
        let (rest, close) = require(rest, punct(')'), || {
            format!(
                "expected `,` or `)` in the arguments of `{}`",
                predicate.text
            )
        })?;
        return Ok((
            rest,
            Atom {
                predicate,
                args,
                span: start.to(close),
            },
        ));
    }
}

/// How a term is written back in messages.
pub fn show_term(term: &Term) -> String {
    match term {
        Term::Ident(s) => s.to_string(),
        Term::Int(n) => n.to_string(),
        Term::Str(s) => crate::escape::quoted(s),
        Term::Var(v) => format!("?{v}"),
    }
}

/// How an atom is written back in messages: sentence form for one or two arguments.
pub fn show_atom(atom: &Atom) -> String {
    let args: Vec<String> = atom.args.iter().map(|t| show_term(&t.term)).collect();
    let predicate = &atom.predicate.text;
    match args.as_slice() {
        [s] => format!("{s} {predicate}"),
        [s, o] => format!("{s} {predicate} {o}"),
        _ => format!("{predicate}({})", args.join(", ")),
    }
}

/// What a list of atoms belongs to, for messages: "rule `name`". Written out only when a
/// message needs it, since a big program has millions of rules and no errors.
#[derive(Clone, Copy, Debug)]
pub struct Owner<'a> {
    /// `rule`, `conflict`, `tension` or `open question`.
    pub kind: &'static str,
    /// Its name.
    pub name: &'a str,
}

impl std::fmt::Display for Owner<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} `{}`", self.kind, self.name)
    }
}

/// literal = [ "not" ] atom ;
pub fn literal<'a>(input: In<'a>, after: &str, owner: Owner<'_>) -> PResult<'a, Literal> {
    let (rest, not) = opt(keyword("not")).parse(input)?;
    let after = if not.is_some() { "not" } else { after };
    let (rest, atom) = require(rest, premise_atom, || {
        format!("expected an atom after `{after}` in {owner}")
    })?;
    let span = not.map_or(atom.span, |n| n.to(atom.span));
    Ok((
        rest,
        Literal {
            negated: not.is_some(),
            atom,
            span,
        },
    ))
}

/// premises = literal { ( "and" | "," ) literal } ;
pub fn premises<'a>(input: In<'a>, after: &str, owner: Owner<'_>) -> PResult<'a, Vec<Literal>> {
    let (mut rest, first) = literal(input, after, owner)?;
    // Gathered inline, then moved to a block of their exact size: a vector grown by pushes
    // holds room for four, and a large rule base has millions of premise lists.
    let mut out: SmallVec<[Literal; 4]> = SmallVec::new();
    out.push(first);
    loop {
        let joined = match keyword("and")(rest) {
            Ok((next, _)) => Some((next, "and")),
            Err(_) => punct(',')(rest).ok().map(|(next, _)| (next, ",")),
        };
        let Some((next, joiner)) = joined else {
            // Not `into_vec`, which leaves room for four.
            let mut exact = Vec::with_capacity(out.len());
            exact.extend(out);
            return Ok((rest, exact));
        };
        let (next, lit) = literal(next, joiner, owner)?;
        out.push(lit);
        rest = next;
    }
}

/// conclusions = atom { ( "," | "and" ) atom } ;
pub fn conclusions<'a>(input: In<'a>, after: &str, owner: Owner<'_>) -> PResult<'a, Vec<Atom>> {
    if at_keyword(input, "not") {
        return fail_as(
            input,
            SyntaxKind::NegatedConclusion,
            format!("a conclusion cannot be negated in {owner}: expected an atom after `{after}`"),
        );
    }
    let (mut rest, first) = require(input, atom, || {
        format!("expected an atom after `{after}` in {owner}")
    })?;
    let mut out = vec![first];
    while let Ok((next, _)) = punct(',')(rest).or_else(|_| keyword("and")(rest)) {
        let (next, a) = require(next, atom, || {
            format!("expected another conclusion in {owner}")
        })?;
        out.push(a);
        rest = next;
    }
    Ok((rest, out))
}

/// cites = { "cite" name string } ;
pub fn cites(mut input: In<'_>) -> PResult<'_, Vec<Cite>> {
    let mut out = Vec::new();
    while let Ok((rest, start)) = keyword("cite")(input) {
        let (rest, document) = require(rest, name, || {
            "expected a document name after `cite`".into()
        })?;
        let (rest, (quote, end)) = require(rest, string, || {
            format!(
                "expected the quoted sentence after `cite {}`",
                document.text
            )
        })?;
        out.push(Cite {
            document,
            quote,
            span: start.to(end),
        });
        input = rest;
    }
    Ok((input, out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    fn parse(text: &str) -> Atom {
        atom(In::new_extra(text, FileId(0))).unwrap().1
    }

    #[test]
    fn sentence_and_function_forms() {
        let a = parse("china gains_influence_in latin_america");
        assert_eq!(a.predicate.text, "gains_influence_in");
        assert_eq!(a.args.len(), 2);
        let b = parse("joined(colombia, nato_partnership, 2017)");
        assert_eq!(b.predicate.text, "joined");
        assert_eq!(b.args.len(), 3);
        let c = parse("trump wins_presidency\nassumable x y");
        assert_eq!(c.args.len(), 1, "a keyword ends the atom");
    }

    #[test]
    fn missing_predicate_is_reported() {
        let err = atom(In::new_extra("china ", FileId(0))).unwrap_err();
        let nom::Err::Failure(e) = err else {
            panic!("expected failure")
        };
        assert_eq!(e.message, "expected a predicate after `china`");
    }
}
