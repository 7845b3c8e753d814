//! Rules (block and one-line form), conflicts and tensions.

use nom::Parser;
use nom::combinator::opt;

use super::ast::{Conflict, ConflictKind, Rule};
use super::atom::{Owner, cites, conclusions, premises};
use super::error::SyntaxKind;
use super::lexer::{In, PResult, at_keyword, fail, fail_as, keyword, level, name, punct, require};
use crate::source::Span;

/// rule = "rule" name ( "{" "when" premises "then" conclusions [ level ] [ choice ] cites "}"
///                    | ":" premises "implies" conclusions [ level ] [ choice ] cites ) ;
/// choice = "choice" name ;
pub fn rule(input: In<'_>) -> PResult<'_, Rule> {
    let (rest, start) = keyword("rule")(input)?;
    let (rest, name) = require(rest, name, || "expected a rule name after `rule`".into())?;
    let owner = Owner {
        kind: "rule",
        name: &name.text,
    };
    let (rest, block) = match punct('{')(rest) {
        Ok((rest, _)) => (rest, true),
        Err(_) => match punct(':')(rest) {
            Ok((rest, _)) => (rest, false),
            Err(_) => {
                return fail(
                    rest,
                    format!("expected `{{` or `:` after the name of {owner}"),
                );
            }
        },
    };
    let (open_kw, then_kw) = if block {
        ("when", "then")
    } else {
        (":", "implies")
    };
    let rest = if block {
        require(rest, keyword("when"), || {
            format!("expected `when` to start the premises of {owner}")
        })?
        .0
    } else if at_keyword(rest, "when") {
        return fail_as(
            rest,
            SyntaxKind::MixedRuleForms,
            format!("expected the premises of one-line {owner} after `:`, not `when`"),
        );
    } else {
        rest
    };
    let (rest, premises) = premises(rest, open_kw, owner)?;
    let (rest, _) = require(rest, keyword(then_kw), || {
        format!("expected `{then_kw}` or `and` after the premises of {owner}")
    })?;
    let (rest, conclusions) = conclusions(rest, then_kw, owner)?;
    let (rest, level) = opt(level).parse(rest)?;
    let (rest, choice) = match keyword("choice")(rest) {
        Ok((rest, _)) => {
            let (rest, group) = require(rest, super::lexer::name, || {
                format!("expected the name of a choice group after `choice` in {owner}")
            })?;
            (rest, Some(group))
        }
        Err(_) => (rest, None),
    };
    let (rest, cites) = cites(rest)?;
    let (rest, end) = if block {
        require(rest, punct('}'), || {
            format!("expected a likelihood, `cite` or `}}` after the conclusions of {owner}")
        })?
    } else {
        let end = cites
            .last()
            .map(|c| c.span)
            .or(choice.as_ref().map(|c| c.span))
            .or(level.map(|l| l.span));
        let end = end.unwrap_or_else(|| conclusions.last().map_or(name.span, |c| c.span));
        (rest, end)
    };
    let span = start.to(end);
    Ok((
        rest,
        Rule {
            name,
            premises,
            conclusions,
            level,
            choice,
            cites,
            span,
        },
    ))
}

/// conflict = "conflict" name "{" "when" premises cites "}" ;
pub fn conflict(input: In<'_>) -> PResult<'_, Conflict> {
    guarded(input, ConflictKind::Conflict)
}

/// tension = "tension" name "{" "when" premises cites "}" ;
pub fn tension(input: In<'_>) -> PResult<'_, Conflict> {
    guarded(input, ConflictKind::Tension)
}

/// The block shared by `conflict` and `tension`: they differ only in what they report.
fn guarded(input: In<'_>, kind: ConflictKind) -> PResult<'_, Conflict> {
    let word = kind.keyword();
    let (rest, start) = keyword(word)(input)?;
    let (rest, name) = require(rest, name, || {
        format!("expected a {word} name after `{word}`")
    })?;
    let owner = Owner {
        kind: word,
        name: &name.text,
    };
    let (rest, _) = require(rest, punct('{'), || {
        format!("expected `{{` after the name of {owner}")
    })?;
    let (rest, _) = require(rest, keyword("when"), || {
        format!("expected `when` to start the premises of {owner}")
    })?;
    let (rest, premises) = premises(rest, "when", owner)?;
    let (rest, cites) = cites(rest)?;
    let (rest, end): (In<'_>, Span) = require(rest, punct('}'), || {
        format!("expected `and`, `cite` or `}}` after the premises of {owner}")
    })?;
    Ok((
        rest,
        Conflict {
            kind,
            name,
            premises,
            cites,
            span: start.to(end),
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::likelihood::Likelihood;
    use crate::syntax::lexer::input;

    fn failure(result: PResult<'_, impl std::fmt::Debug>) -> String {
        match result {
            Err(nom::Err::Failure(e)) => e.message,
            other => panic!("expected a failure, got {other:?}"),
        }
    }

    #[test]
    fn block_rule_with_everything() {
        let text = r#"rule r { when ?c is ally and not ?c has g, b x
            then ?c seeks p, d y likely cite seed "q" }"#;
        let (_, r) = rule(input(text)).unwrap();
        assert_eq!(r.name.text, "r");
        assert_eq!(r.premises.len(), 3);
        assert!(r.premises[1].negated);
        assert_eq!(r.conclusions.len(), 2);
        assert_eq!(r.level.unwrap().value, Likelihood::Likely);
        assert_eq!(r.cites[0].quote, "q");
    }

    #[test]
    fn a_choice_group_follows_the_likelihood_in_both_forms() {
        let (_, r) = rule(input(
            "rule g: a p implies b q 0.5 choice storm cite d \"x\"",
        ))
        .unwrap();
        assert_eq!(r.choice.map(|c| c.text), Some("storm".into()));
        assert_eq!(
            r.level.and_then(|l| l.probability).map(|p| p.millionths()),
            Some(500_000)
        );
        assert_eq!(r.cites.len(), 1);
        let (_, r) = rule(input("rule g { when a p then b q choice storm }")).unwrap();
        assert!(r.level.is_none());
        assert_eq!(r.choice.map(|c| c.text), Some("storm".into()));
        // `choice` is reserved: it ends the atom, and needs a name after it.
        let (_, r) = rule(input("rule g: a p implies b q choice s")).unwrap();
        assert_eq!(r.conclusions[0].args.len(), 1);
        assert!(
            failure(rule(input("rule g: a p implies b q likely choice"))).contains("choice group")
        );
    }

    #[test]
    fn one_line_rule() {
        let (_, r) = rule(input("rule i: t wins implies u leaves l [likely]")).unwrap();
        assert_eq!(r.premises.len(), 1);
        assert_eq!(r.conclusions[0].predicate.text, "leaves");
        assert_eq!(r.level.unwrap().value, Likelihood::Likely);
    }

    #[test]
    fn messages_name_the_rule() {
        assert_eq!(
            failure(rule(input("rule rivals_fill_gap { when a b c china x y }"))),
            "expected `then` or `and` after the premises of rule `rivals_fill_gap`"
        );
        assert_eq!(
            failure(rule(input("rule r { when a b then c d e\n f }"))),
            "expected a likelihood, `cite` or `}` after the conclusions of rule `r`"
        );
        assert_eq!(
            failure(rule(input("rule r { when a b then c d e f }"))),
            "an atom has at most three words, but `f` follows `c d e`"
        );
        assert_eq!(
            failure(rule(input("rule { }"))),
            "expected a rule name after `rule`"
        );
    }

    #[test]
    fn conflict_block() {
        let (_, c) = conflict(input(
            "conflict s { when ?c aligns_with us and ?c aligns_with china }",
        ))
        .unwrap();
        assert_eq!(c.premises.len(), 2);
        assert_eq!(c.kind, ConflictKind::Conflict);
    }

    #[test]
    fn tension_block() {
        let (rest, t) = tension(input(
            r#"tension security_for_trade { when ?c hosts chinese_port and ?c gains investment cite seed "q" } fact a b"#,
        ))
        .unwrap();
        assert_eq!(t.kind, ConflictKind::Tension);
        assert_eq!(t.name.text, "security_for_trade");
        assert_eq!(t.premises.len(), 2);
        assert_eq!(t.cites[0].quote, "q");
        assert_eq!(rest.fragment().trim(), "fact a b");
    }

    #[test]
    fn tension_messages_say_tension() {
        let cases = [
            (
                "tension { when a b }",
                "expected a tension name after `tension`",
            ),
            (
                "tension t when a b",
                "expected `{` after the name of tension `t`",
            ),
            (
                "tension t { a b }",
                "expected `when` to start the premises of tension `t`",
            ),
            (
                "tension t { when a b c d }",
                "expected `and`, `cite` or `}` after the premises of tension `t`",
            ),
            (
                "tension t { when }",
                "expected an atom after `when` in tension `t`",
            ),
        ];
        for (text, message) in cases {
            assert_eq!(failure(tension(input(text))), message, "{text}");
        }
    }
}
