//! The declarations that are not rules: documents, facts, assumables, assumptions, open
//! questions, scenarios and tests.

use nom::Parser;
use nom::combinator::opt;

use super::ast::{
    Assumable, Assume, Atom, Bound, ConflictKind, Document, DocumentFile, Expect, ExpectKind, Fact,
    Level, Open, ProbabilityBound, Scenario, Term, Test,
};
use super::atom::{Owner, atom, cites, premises};
use super::error::SyntaxKind;
use super::lexer::{
    In, PResult, at_keyword, fail, fail_as, keyword, level, name, punct, require, string,
};
use crate::source::Span;

/// document = "document" name string [ "file" string ] ;
pub fn document(input: In<'_>) -> PResult<'_, Document> {
    let (rest, start) = keyword("document")(input)?;
    let (rest, name) = require(rest, name, || {
        "expected a document name after `document`".into()
    })?;
    let (rest, (title, mut end)) = require(rest, string, || {
        format!("expected the quoted title of document `{}`", name.text)
    })?;
    let (rest, file) = match keyword("file")(rest) {
        Ok((rest, _)) => {
            let (rest, (path, path_end)) = require(rest, string, || {
                "expected a quoted path after `file`".into()
            })?;
            end = path_end;
            (
                rest,
                Some(DocumentFile {
                    path,
                    span: path_end,
                }),
            )
        }
        Err(_) => (rest, None),
    };
    Ok((
        rest,
        Document {
            name,
            title,
            file,
            span: start.to(end),
        },
    ))
}

/// fact = "fact" atom [ level ] cites ;
pub fn fact(input: In<'_>) -> PResult<'_, Fact> {
    let (rest, start) = keyword("fact")(input)?;
    let (rest, atom) = require(rest, atom, || "expected an atom after `fact`".into())?;
    let (rest, level) = opt(level).parse(rest)?;
    let (rest, cites) = cites(rest)?;
    let end = cites
        .last()
        .map(|c| c.span)
        .or(level.map(|l| l.span))
        .unwrap_or(atom.span);
    Ok((
        rest,
        Fact {
            atom,
            level,
            cites,
            span: start.to(end),
        },
    ))
}

/// assumable = "assumable" atom ;
pub fn assumable(input: In<'_>) -> PResult<'_, Assumable> {
    let (rest, start) = keyword("assumable")(input)?;
    let (rest, atom) = require(rest, atom, || "expected an atom after `assumable`".into())?;
    let span = start.to(atom.span);
    Ok((rest, Assumable { atom, span }))
}

/// assume = "assume" [ "not" ] atom [ level ] ;
pub fn assume(input: In<'_>) -> PResult<'_, Assume> {
    let (rest, start) = keyword("assume")(input)?;
    let (rest, not) = opt(keyword("not")).parse(rest)?;
    let (rest, atom) = require(rest, atom, || "expected an atom after `assume`".into())?;
    let (rest, level) = opt(level).parse(rest)?;
    if not.is_some()
        && let Some(l) = level
    {
        return Err(nom::Err::Failure(super::lexer::Expected {
            offset: l.span.start as usize,
            kind: SyntaxKind::LikelihoodOnIntervention,
            message: "expected no likelihood on `assume not`: an intervention is certain".into(),
        }));
    }
    let span = start.to(level.map_or(atom.span, |l| l.span));
    Ok((
        rest,
        Assume {
            negated: not.is_some(),
            atom,
            level,
            span,
        },
    ))
}

/// open = "open" atom [ "when" premises ] cites ;
pub fn open(input: In<'_>) -> PResult<'_, Open> {
    let (rest, start) = keyword("open")(input)?;
    let (rest, atom) = require(rest, atom, || "expected an atom after `open`".into())?;
    let (rest, when) = match keyword("when")(rest) {
        Ok((rest, _)) => {
            let shown = super::atom::show_atom(&atom);
            let owner = Owner {
                kind: "open question",
                name: &shown,
            };
            premises(rest, "when", owner)?
        }
        Err(_) => (rest, Vec::new()),
    };
    let (rest, cites) = cites(rest)?;
    let end = cites
        .last()
        .map(|c| c.span)
        .or(when.last().map(|l| l.span))
        .unwrap_or(atom.span);
    Ok((
        rest,
        Open {
            atom,
            when,
            cites,
            span: start.to(end),
        },
    ))
}

/// scenario = "scenario" name [ "extends" name ] "{" { assume } "}" ;
pub fn scenario(input: In<'_>) -> PResult<'_, Scenario> {
    let (rest, start) = keyword("scenario")(input)?;
    let (rest, name) = require(rest, name, || {
        "expected a scenario name after `scenario`".into()
    })?;
    let (rest, extends) = match keyword("extends")(rest) {
        Ok((rest, _)) => {
            let (rest, parent) = require(rest, super::lexer::name, || {
                format!("expected the scenario that `{}` extends", name.text)
            })?;
            (rest, Some(parent))
        }
        Err(_) => (rest, None),
    };
    let (mut rest, _) = require(rest, punct('{'), || {
        format!(
            "expected `extends` or `{{` after the name of scenario `{}`",
            name.text
        )
    })?;
    let mut assumes = Vec::new();
    while at_keyword(rest, "assume") {
        let (next, a) = assume(rest)?;
        assumes.push(a);
        rest = next;
    }
    let (rest, end) = require(rest, punct('}'), || {
        format!("expected `assume` or `}}` in scenario `{}`", name.text)
    })?;
    Ok((
        rest,
        Scenario {
            name,
            extends,
            assumes,
            span: start.to(end),
        },
    ))
}

/// test = "test" string "in" name "{" { expect } "}" ;
pub fn test(input: In<'_>) -> PResult<'_, Test> {
    let (rest, start) = keyword("test")(input)?;
    let (rest, (test_name, name_span)) = require(rest, string, || {
        "expected the quoted name of the test after `test`".into()
    })?;
    let test_name_shown = crate::escape::quoted(&test_name);
    let test_name_shown = test_name_shown.as_str();
    let (rest, _) = require(rest, keyword("in"), || {
        format!("expected `in` and a scenario after test {test_name_shown}")
    })?;
    let (rest, scenario) = require(rest, name, || {
        format!("expected a scenario name after `in` in test {test_name_shown}")
    })?;
    let (mut rest, _) = require(rest, punct('{'), || {
        format!("expected `{{` after the scenario of test {test_name_shown}")
    })?;
    let mut expects = Vec::new();
    while at_keyword(rest, "expect") {
        let (next, e) = expect(rest)?;
        expects.push(e);
        rest = next;
        if level(rest).is_ok() {
            return misplaced_level(rest, expects.last());
        }
    }
    let (rest, end) = require(rest, punct('}'), || {
        format!("expected `expect` or `}}` in test {test_name_shown}")
    })?;
    Ok((
        rest,
        Test {
            name: test_name,
            name_span,
            scenario,
            expects,
            span: start.to(end),
        },
    ))
}

/// A likelihood right after an expectation, which is not the grammar's place for one; the
/// usual cause is `at_least` written as one word, and so read as the atom's object.
fn misplaced_level<'a, T>(rest: In<'a>, after: Option<&Expect>) -> PResult<'a, T> {
    let joined = after
        .and_then(|e| match &e.kind {
            ExpectKind::Holds { atom, .. }
            | ExpectKind::NotHolds { atom }
            | ExpectKind::Open { atom } => atom.args.last(),
            _ => None,
        })
        .and_then(|arg| match &arg.term {
            Term::Ident(word) if word.starts_with("at_") => Some(word.to_string()),
            _ => None,
        });
    fail_as(
        rest,
        SyntaxKind::MisplacedLikelihood { joined },
        "expected `at least`, `at most` or `exactly` before the likelihood of an expectation",
    )
}

/// expect = "expect" ( [ "not" ] ( "conflict" | "tension" ) name | "not" atom | "open" atom
///          | atom [ "at" ( "least" | "most" ) level | "exactly" level
///                 | "with" "probability" "at" ( "least" | "most" ) PROBABILITY ] ) ;
pub fn expect(input: In<'_>) -> PResult<'_, Expect> {
    let (rest, start) = keyword("expect")(input)?;
    let (rest, negated) = match keyword("not")(rest) {
        Ok((rest, _)) => (rest, true),
        Err(_) => (rest, false),
    };
    let done = |rest, kind, end: Span| {
        Ok((
            rest,
            Expect {
                kind,
                span: start.to(end),
            },
        ))
    };
    for kind in [ConflictKind::Conflict, ConflictKind::Tension] {
        let word = kind.keyword();
        if let Ok((rest, _)) = keyword(word)(rest) {
            let (rest, name) = require(rest, name, || {
                let not = if negated { "not " } else { "" };
                format!("expected a {word} name after `expect {not}{word}`")
            })?;
            let end = name.span;
            let expect = if negated {
                ExpectKind::NotConflict { kind, name }
            } else {
                ExpectKind::Conflict { kind, name }
            };
            return done(rest, expect, end);
        }
    }
    if negated {
        let (rest, atom) = unbounded_atom(rest, "expect not", "a level bounds what holds")?;
        let end = atom.span;
        return done(rest, ExpectKind::NotHolds { atom }, end);
    }
    if let Ok((rest, _)) = keyword("open")(rest) {
        let why = "an open question has no likelihood";
        let (rest, atom) = unbounded_atom(rest, "expect open", why)?;
        let end = atom.span;
        return done(rest, ExpectKind::Open { atom }, end);
    }
    let (rest, atom) = require(rest, atom, || {
        "expected an atom, `not`, `open` or `conflict` after `expect`".into()
    })?;
    if let Ok((rest, _)) = keyword("with")(rest) {
        let (rest, bound) = probability_bound(rest)?;
        let end = match bound {
            ProbabilityBound::AtLeast(l) | ProbabilityBound::AtMost(l) => l.span,
        };
        return done(rest, ExpectKind::Probability { atom, bound }, end);
    }
    let (rest, bound) = if let Ok((rest, _)) = keyword("at")(rest) {
        if let Ok((rest, _)) = keyword("most")(rest) {
            let (rest, l) = level_after(rest, "at most")?;
            (rest, Bound::AtMost(l))
        } else {
            let (rest, _) = require(rest, keyword("least"), || {
                "expected `least` or `most` after `at`".into()
            })?;
            let (rest, l) = level_after(rest, "at least")?;
            (rest, Bound::AtLeast(l))
        }
    } else if let Ok((rest, _)) = keyword("exactly")(rest) {
        let (rest, l) = level_after(rest, "exactly")?;
        (rest, Bound::Exactly(l))
    } else {
        (rest, Bound::Any)
    };
    let end = match bound {
        Bound::Any => atom.span,
        Bound::AtLeast(l) | Bound::AtMost(l) | Bound::Exactly(l) => l.span,
    };
    done(rest, ExpectKind::Holds { atom, bound }, end)
}

/// `probability ( "at" "least" | "at" "most" ) PROBABILITY` after `expect ATOM with`.
fn probability_bound(input: In<'_>) -> PResult<'_, ProbabilityBound> {
    let (rest, _) = require(input, keyword("probability"), || {
        "expected `probability` after `with`: `expect ATOM with probability at least P`".into()
    })?;
    let (rest, _) = require(rest, keyword("at"), || {
        "expected `at least` or `at most` after `with probability`".into()
    })?;
    let (rest, most) = match keyword("most")(rest) {
        Ok((rest, _)) => (rest, true),
        Err(_) => {
            let (rest, _) = require(rest, keyword("least"), || {
                "expected `least` or `most` after `at`".into()
            })?;
            (rest, false)
        }
    };
    let after = if most { "at most" } else { "at least" };
    let (rest, level) = require(rest, super::literal::probability, || {
        format!(
            "expected a probability after `with probability {after}`, written as a number: `0.6` or `60%`"
        )
    })?;
    let bound = if most {
        ProbabilityBound::AtMost(level)
    } else {
        ProbabilityBound::AtLeast(level)
    };
    Ok((rest, bound))
}

/// The atom after `expect not` or `expect open`, which take no likelihood bound (`why`
/// says so in the error).
fn unbounded_atom<'a>(input: In<'a>, after: &str, why: &str) -> PResult<'a, Atom> {
    let (rest, atom) = require(input, atom, || format!("expected an atom after `{after}`"))?;
    if at_keyword(rest, "at") || at_keyword(rest, "exactly") {
        return fail(
            rest,
            format!("expected no likelihood bound after `{after}`: {why}"),
        );
    }
    Ok((rest, atom))
}

/// The likelihood after `at least`, `at most` or `exactly`.
fn level_after<'a>(input: In<'a>, after: &str) -> PResult<'a, Level> {
    require(input, level, || {
        format!(
            "expected a likelihood after `{after}` ({})",
            super::lexer::likelihood_list()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::likelihood::Likelihood;
    use crate::syntax::lexer::input;

    #[test]
    fn an_expectation_bounds_a_probability_with_a_number() {
        let text = r#"test "t" in s { expect a b with probability at least 0.6 expect c d e with probability at most 5% }"#;
        let (_, t) = test(input(text)).unwrap();
        assert!(matches!(
            &t.expects[0].kind,
            ExpectKind::Probability { bound: ProbabilityBound::AtLeast(l), atom }
                if l.probability.map(|p| p.millionths()) == Some(600_000) && atom.args.len() == 1
        ));
        assert!(matches!(
            &t.expects[1].kind,
            ExpectKind::Probability { bound: ProbabilityBound::AtMost(l), atom }
                if l.probability.map(|p| p.millionths()) == Some(50_000) && atom.args.len() == 2
        ));
        for bad in [
            r#"test "t" in s { expect a b with probability at least likely }"#,
            r#"test "t" in s { expect a b with probability exactly 0.5 }"#,
            r#"test "t" in s { expect a b with chance at least 0.5 }"#,
            r#"test "t" in s { expect a b with probability at least 1.5 }"#,
        ] {
            assert!(
                matches!(test(input(bad)), Err(nom::Err::Failure(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn scenario_with_extends() {
        let (_, s) = scenario(input(
            "scenario b extends a { assume x y [likely] assume not z w }",
        ))
        .unwrap();
        assert_eq!(s.extends.unwrap().text, "a");
        assert_eq!(s.assumes.len(), 2);
        assert!(s.assumes[1].negated);
    }

    #[test]
    fn test_with_every_expectation() {
        let text = r#"test "t" in s { expect a b expect c d e at least unlikely expect not f g expect conflict k }"#;
        let (_, t) = test(input(text)).unwrap();
        assert_eq!(t.expects.len(), 4);
        assert!(matches!(
            &t.expects[1].kind,
            ExpectKind::Holds { bound: Bound::AtLeast(l), .. } if l.value == Likelihood::Unlikely
        ));
        assert!(matches!(t.expects[3].kind, ExpectKind::Conflict { .. }));
    }

    #[test]
    fn expect_tension() {
        let (_, t) = test(input(r#"test "t" in s { expect tension k }"#)).unwrap();
        assert!(matches!(
            &t.expects[0].kind,
            ExpectKind::Conflict { kind: ConflictKind::Tension, name } if name.text == "k"
        ));
    }

    #[test]
    fn open_questions_with_and_without_a_condition() {
        let (_, o) = open(input(r#"open us defends guyana cite seed "q""#)).unwrap();
        assert!(o.when.is_empty());
        assert_eq!(o.cites.len(), 1);
        let (rest, o) = open(input(
            r#"open trump reacts_to escalation when venezuela escalates and not us withdraws, ?c threatens guyana cite seed "q" fact a b"#,
        ))
        .unwrap();
        assert_eq!(o.atom.predicate.text, "reacts_to");
        assert_eq!(o.when.len(), 3);
        assert!(o.when[1].negated);
        assert_eq!(o.cites[0].quote, "q");
        assert_eq!(rest.fragment().trim(), "fact a b");
        let message = |text| match open(input(text)) {
            Err(nom::Err::Failure(e)) => e.message,
            other => panic!("expected a failure, got {other:?}"),
        };
        assert_eq!(
            message("open a b when"),
            "expected an atom after `when` in open question `a b`"
        );
        assert_eq!(
            message("open a b when c d and"),
            "expected an atom after `and` in open question `a b`"
        );
    }

    #[test]
    fn expectations_bound_levels_and_name_open_questions_and_absent_conflicts() {
        let text = r#"test "t" in s {
            expect a b at most likely
            expect c d e exactly even_chance
            expect open f g
            expect not conflict k
            expect not h i
        }"#;
        let (_, t) = test(input(text)).unwrap();
        let kinds: Vec<&ExpectKind> = t.expects.iter().map(|e| &e.kind).collect();
        assert!(matches!(
            kinds[0],
            ExpectKind::Holds { bound: Bound::AtMost(l), atom } if l.value == Likelihood::Likely && atom.args.len() == 1
        ));
        assert!(matches!(
            kinds[1],
            ExpectKind::Holds { bound: Bound::Exactly(l), atom } if l.value == Likelihood::EvenChance && atom.args.len() == 2
        ));
        assert!(matches!(kinds[2], ExpectKind::Open { atom } if atom.predicate.text == "g"));
        assert!(
            matches!(kinds[3], ExpectKind::NotConflict { kind: ConflictKind::Conflict, name } if name.text == "k")
        );
        assert!(matches!(kinds[4], ExpectKind::NotHolds { .. }));
        // The span of a bounded expectation runs to its level.
        let span = t.expects[0].span;
        assert_eq!(
            &text[span.start as usize..span.end as usize],
            "expect a b at most likely"
        );
    }

    #[test]
    fn bounds_where_no_level_applies_are_rejected() {
        for text in [
            r#"test "t" in s { expect not a b at most likely }"#,
            r#"test "t" in s { expect open a b exactly likely }"#,
            r#"test "t" in s { expect a b at likely }"#,
            r#"test "t" in s { expect a b exactly }"#,
            r#"test "t" in s { expect not conflict }"#,
        ] {
            assert!(test(input(text)).is_err(), "{text}");
        }
    }

    #[test]
    fn facts_cite_their_sentences() {
        let (_, f) = fact(input(
            r#"fact a p b [likely] cite seed "one" cite seed "two""#,
        ))
        .unwrap();
        assert_eq!(f.level.unwrap().value, Likelihood::Likely);
        assert_eq!(f.cites.len(), 2);
        assert_eq!(f.cites[1].quote, "two");
    }

    #[test]
    fn document_with_file() {
        let (_, d) = document(input(r#"document seed "T" file "a.txt""#)).unwrap();
        let file = d.file.unwrap();
        assert_eq!(file.path, "a.txt");
        assert_eq!((file.span.start, file.span.end), (23, 30));
    }
}
