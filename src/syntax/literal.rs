//! Probabilities written as numbers where a likelihood may stand (`0.72`, `72%`).

use nom::Parser;
use nom::bytes::complete::take;

use super::ast::Level;
use super::error::SyntaxKind;
use super::lexer::{Expected, In, PResult, span_between, ws};
use crate::probability::Probability;

/// PROBABILITY = DIGITS "." DIGITS | DIGITS [ "." DIGITS ] "%" ;  (`0.72`, `72%`)
///
/// Soft when no literal starts here; a literal that is malformed, out of [0, 1] or past
/// the limits on its digits is a failure at it.
pub fn probability(input: In<'_>) -> PResult<'_, Level> {
    let (start, ()) = ws(input)?;
    let text = start.fragment();
    let integer = text
        .bytes()
        .take_while(|b| b.is_ascii_digit() || *b == b'-')
        .count();
    // An integer where a likelihood may stand is a probability without its point: where a
    // term may stand, the atom already took it.
    let Some(len) = Probability::literal_len(text).or((integer > 0).then_some(integer)) else {
        return Err(Expected::soft(start, SyntaxKind::Likelihood));
    };
    let (rest, text) = take(len).parse(start)?;
    match Probability::parse(text.fragment()) {
        Ok(p) => Ok((
            rest,
            Level {
                value: p.band(),
                probability: Some(p),
                span: span_between(start, rest),
            },
        )),
        Err(why) => Err(nom::Err::Failure(Expected {
            offset: start.location_offset(),
            message: match text.fragment() {
                short if short.len() <= 32 => {
                    format!("`{short}` is not a probability: {}", why.message())
                }
                _ => format!("this number is not a probability: {}", why.message()),
            },
            kind: SyntaxKind::Probability(why),
        })),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::likelihood::Likelihood;
    use crate::syntax::lexer::input;

    #[test]
    fn a_probability_is_a_level_in_its_band_with_its_number() {
        let (rest, l) = probability(input(" 0.72 cite")).unwrap();
        assert_eq!(l.value, Likelihood::Likely);
        assert_eq!(l.probability.map(Probability::millionths), Some(720_000));
        assert_eq!((l.span.start, l.span.end), (1, 5));
        assert_eq!(*rest.fragment(), " cite");
        let (_, l) = probability(input("55%")).unwrap();
        assert_eq!(l.value, Likelihood::EvenChance);
    }

    #[test]
    fn a_word_is_no_probability_and_a_bad_number_fails_at_it() {
        assert!(matches!(
            probability(input("likely")),
            Err(nom::Err::Error(_))
        ));
        for bad in ["1.5", "0.", "120%", "7"] {
            match probability(input(bad)) {
                Err(nom::Err::Failure(e)) => {
                    assert!(matches!(e.kind, SyntaxKind::Probability(_)), "{bad}");
                }
                other => panic!("{bad}: {other:?}"),
            }
        }
    }
}
