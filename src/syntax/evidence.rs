//! The declarations about the world outside the model: indicators one could observe, and
//! what has been observed.

use nom::Parser;
use nom::combinator::opt;

use super::ast::{Indicator, Observed};
use super::atom::{atom, cites};
use super::lexer::{In, PResult, keyword, level, require};

/// indicator = "indicator" atom cites ;
pub fn indicator(input: In<'_>) -> PResult<'_, Indicator> {
    let (rest, start) = keyword("indicator")(input)?;
    let (rest, atom) = require(rest, atom, || "expected an atom after `indicator`".into())?;
    let (rest, cites) = cites(rest)?;
    let end = cites.last().map_or(atom.span, |c| c.span);
    Ok((
        rest,
        Indicator {
            atom,
            cites,
            span: start.to(end),
        },
    ))
}

/// observed = "observed" [ "not" ] atom [ level ] cites ;
pub fn observed(input: In<'_>) -> PResult<'_, Observed> {
    let (rest, start) = keyword("observed")(input)?;
    let (rest, not) = opt(keyword("not")).parse(rest)?;
    let (rest, atom) = require(rest, atom, || {
        let after = if not.is_some() {
            "observed not"
        } else {
            "observed"
        };
        format!("expected an atom after `{after}`")
    })?;
    let (rest, level) = opt(level).parse(rest)?;
    let (rest, cites) = cites(rest)?;
    let end = cites
        .last()
        .map(|c| c.span)
        .or(level.map(|l| l.span))
        .unwrap_or(atom.span);
    Ok((
        rest,
        Observed {
            negated: not.is_some(),
            atom,
            level,
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

    #[test]
    fn indicators_take_variables_and_citations() {
        let text = r#"indicator ?c signs_security_pact_with china cite seed "q" fact a b"#;
        let (rest, i) = indicator(input(text)).unwrap();
        assert_eq!(i.atom.predicate.text, "signs_security_pact_with");
        assert_eq!(i.cites.len(), 1);
        assert_eq!(rest.fragment().trim(), "fact a b");
        let span = &text[i.span.start as usize..i.span.end as usize];
        assert!(span.ends_with("\"q\""), "{span}");
        let (_, bare) = indicator(input("indicator us withdraws")).unwrap();
        assert!(bare.cites.is_empty());
    }

    #[test]
    fn observations_take_not_a_credibility_and_citations() {
        let (_, o) = observed(input("observed china invests_in peru")).unwrap();
        assert!(!o.negated);
        assert!(o.level.is_none());
        let (_, o) = observed(input(
            r#"observed not us withdraws_from latin_america [likely] cite seed "q" cite seed "r""#,
        ))
        .unwrap();
        assert!(o.negated);
        assert_eq!(o.level.map(|l| l.value), Some(Likelihood::Likely));
        assert_eq!(o.cites.len(), 2);
        assert_eq!(o.atom.args.len(), 2);
    }

    #[test]
    fn a_missing_atom_is_a_failure_that_says_what_was_expected() {
        let message = |text| match (indicator(input(text)), observed(input(text))) {
            (Err(nom::Err::Failure(e)), _) | (_, Err(nom::Err::Failure(e))) => e.message,
            other => panic!("expected a failure, got {other:?}"),
        };
        assert_eq!(message("indicator )"), "expected an atom after `indicator`");
        assert_eq!(
            message("observed not"),
            "expected an atom after `observed not`"
        );
        assert_eq!(
            message("observed [likely]"),
            "expected an atom after `observed`"
        );
    }
}
