//! The declarations that are not rules: documents, facts, assumables, assumptions, open
//! questions, scenarios and tests.

use nom::Parser;
use nom::combinator::opt;

use super::ast::{
    Assumable, Assume, ConflictKind, Document, Expect, ExpectKind, Fact, Open, Scenario, Term, Test,
};
use super::atom::{Owner, atom, cites, premises};
use super::error::SyntaxKind;
use super::lexer::{
    In, PResult, at_keyword, fail, fail_as, keyword, level, name, punct, require, string,
};

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
            (rest, Some(path))
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
    let (rest, _) = require(rest, keyword("in"), || {
        format!("expected `in` and a scenario after test {test_name:?}")
    })?;
    let (rest, scenario) = require(rest, name, || {
        format!("expected a scenario name after `in` in test {test_name:?}")
    })?;
    let (mut rest, _) = require(rest, punct('{'), || {
        format!("expected `{{` after the scenario of test {test_name:?}")
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
        format!("expected `expect` or `}}` in test {test_name:?}")
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
            ExpectKind::Holds { atom, .. } | ExpectKind::NotHolds { atom } => atom.args.last(),
            _ => None,
        })
        .and_then(|arg| match &arg.term {
            Term::Ident(word) if word.starts_with("at_") => Some(word.to_string()),
            _ => None,
        });
    fail_as(
        rest,
        SyntaxKind::MisplacedLikelihood { joined },
        "expected `at least` before the likelihood of an expectation",
    )
}

/// expect = "expect" ( ( "conflict" | "tension" ) name | "not" atom
///                    | atom [ "at" "least" level ] ) ;
pub fn expect(input: In<'_>) -> PResult<'_, Expect> {
    let (rest, start) = keyword("expect")(input)?;
    for kind in [ConflictKind::Conflict, ConflictKind::Tension] {
        let word = kind.keyword();
        if let Ok((rest, _)) = keyword(word)(rest) {
            let (rest, name) = require(rest, name, || {
                format!("expected a {word} name after `expect {word}`")
            })?;
            let span = start.to(name.span);
            return Ok((
                rest,
                Expect {
                    kind: ExpectKind::Conflict { kind, name },
                    span,
                },
            ));
        }
    }
    if let Ok((rest, _)) = keyword("not")(rest) {
        let (rest, atom) = require(rest, atom, || "expected an atom after `expect not`".into())?;
        if at_keyword(rest, "at") {
            return fail(
                rest,
                "expected no `at least` after `expect not`: a level bounds what holds",
            );
        }
        let span = start.to(atom.span);
        return Ok((
            rest,
            Expect {
                kind: ExpectKind::NotHolds { atom },
                span,
            },
        ));
    }
    let (rest, atom) = require(rest, atom, || {
        "expected an atom, `not` or `conflict` after `expect`".into()
    })?;
    let (rest, at_least) = match keyword("at")(rest) {
        Ok((rest, _)) => {
            let (rest, _) = require(rest, keyword("least"), || {
                "expected `least` after `at`".into()
            })?;
            let (rest, l) = require(rest, level, || {
                format!(
                    "expected a likelihood after `at least` ({})",
                    super::lexer::likelihood_list()
                )
            })?;
            (rest, Some(l))
        }
        Err(_) => (rest, None),
    };
    let span = start.to(at_least.map_or(atom.span, |l| l.span));
    Ok((
        rest,
        Expect {
            kind: ExpectKind::Holds { atom, at_least },
            span,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::likelihood::Likelihood;
    use crate::source::FileId;

    fn input(text: &str) -> In<'_> {
        In::new_extra(text, FileId(0))
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
            ExpectKind::Holds { at_least: Some(l), .. } if l.value == Likelihood::Unlikely
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
        assert_eq!(d.file.as_deref(), Some("a.txt"));
    }
}
