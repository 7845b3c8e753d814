//! A probability written in a rule file (`0.72`, `72%`), exact to a millionth: where a
//! likelihood may stand, a number may stand instead. It falls in its ICD 203 band for the
//! weakest-link answer ([`Probability::band`]) and keeps its number for `augur prob`.

use serde::{Serialize, Serializer};

use crate::likelihood::Likelihood;

/// A probability between 0 and 1, counted in millionths, so that it compares, hashes and
/// prints exactly as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Probability(u32);

/// The most digits after the decimal point of a literal written as a decimal (`0.123456`).
pub const MAX_DECIMALS: usize = 6;

/// The most digits after the decimal point of a literal written as a percentage
/// (`12.3456%`): both are exact to a millionth.
pub const MAX_PERCENT_DECIMALS: usize = 4;

/// The most digits before the decimal point (`100%`, `001%` is past it).
pub const MAX_WHOLE_DIGITS: usize = 3;

/// Why a literal is not a probability.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LiteralError {
    /// `0.` or `1.%`: no digit after the point.
    NoDecimals,
    /// `1.5`, `120%` or `-0.2`: outside [0, 1].
    OutOfRange,
    /// `0.1234567` or `0001%`: past [`MAX_DECIMALS`], [`MAX_PERCENT_DECIMALS`] or
    /// [`MAX_WHOLE_DIGITS`].
    TooManyDigits,
    /// `1`: an integer, which is a term, not a probability.
    NoPointOrPercent,
}

impl LiteralError {
    /// What is wrong, in words.
    pub fn message(&self) -> String {
        match self {
            LiteralError::NoDecimals => "a digit must follow the decimal point".into(),
            LiteralError::OutOfRange => "a probability lies between 0 and 1 (0% and 100%)".into(),
            LiteralError::TooManyDigits => format!(
                "a probability has at most {MAX_WHOLE_DIGITS} digits before the point and {MAX_DECIMALS} after it ({MAX_PERCENT_DECIMALS} in a percentage)"
            ),
            LiteralError::NoPointOrPercent => "an integer is a term, not a probability".into(),
        }
    }
}

impl Probability {
    /// Certainty.
    pub const ONE: Probability = Probability(1_000_000);

    /// The probability of `n` millionths, if `n` is at most a million.
    pub fn from_millionths(n: u32) -> Option<Probability> {
        (n <= Self::ONE.0).then_some(Probability(n))
    }

    /// Its number of millionths.
    pub fn millionths(self) -> u32 {
        self.0
    }

    /// Its value.
    pub fn value(self) -> f64 {
        f64::from(self.0) / f64::from(Self::ONE.0)
    }

    /// The probability a level stands for: the midpoint of its ICD 203 band, `certain` 1.
    pub fn of_level(level: Likelihood) -> Probability {
        Probability(match level {
            Likelihood::AlmostNoChance => 30_000,
            Likelihood::VeryUnlikely => 125_000,
            Likelihood::Unlikely => 325_000,
            Likelihood::EvenChance => 500_000,
            Likelihood::Likely => 675_000,
            Likelihood::VeryLikely => 875_000,
            Likelihood::AlmostCertain => 970_000,
            Likelihood::Certain => 1_000_000,
        })
    }

    /// The ICD 203 band it falls in: almost_no_chance below 5% (0 included: a claim that
    /// holds in no world is at the bottom of the scale), very_unlikely below 20%, unlikely
    /// below 45%, even_chance up to 55%, likely up to 80%, very_likely up to 95%,
    /// almost_certain below 100%, certain at 100%. The same bands as [`crate::prob::band`].
    pub fn band(self) -> Likelihood {
        // The value of n millionths is n / 10^6 correctly rounded, so it compares with the
        // band edges (0.05, 0.55, ...) exactly as n does with 50,000, 550,000, ...
        crate::prob::band(self.value()).unwrap_or(Likelihood::AlmostNoChance)
    }

    /// The length of the literal `text` starts with, if it starts with one: an optional
    /// `-`, digits, then `.` and digits or `%` or both (`0.72`, `72%`, `72.5%`, `0.`).
    /// Integers (`12`) are not literals: they are terms.
    pub fn literal_len(text: &str) -> Option<usize> {
        let bytes = text.as_bytes();
        let digits = |from: usize| {
            bytes[from..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count()
        };
        let sign = usize::from(bytes.first() == Some(&b'-'));
        let whole = digits(sign);
        if whole == 0 {
            return None;
        }
        let mut end = sign + whole;
        let point = bytes.get(end) == Some(&b'.');
        if point {
            end += 1 + digits(end + 1);
        }
        let percent = bytes.get(end) == Some(&b'%');
        end += usize::from(percent);
        (point || percent).then_some(end)
    }

    /// The probability `text` writes (the whole of it a literal: `0.72`, `72%`).
    pub fn parse(text: &str) -> Result<Probability, LiteralError> {
        let (number, percent) = match text.strip_suffix('%') {
            Some(n) => (n, true),
            None => (text, false),
        };
        let (whole, decimals) = match number.split_once('.') {
            Some((w, d)) => (w, Some(d)),
            None => (number, None),
        };
        if !percent && decimals.is_none() {
            return Err(LiteralError::NoPointOrPercent);
        }
        if decimals == Some("") {
            return Err(LiteralError::NoDecimals);
        }
        if whole.starts_with('-') {
            return Err(LiteralError::OutOfRange);
        }
        let decimals = decimals.unwrap_or("");
        let max = if percent {
            MAX_PERCENT_DECIMALS
        } else {
            MAX_DECIMALS
        };
        if whole.len() > MAX_WHOLE_DIGITS || decimals.len() > max {
            return Err(LiteralError::TooManyDigits);
        }
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() || !all_digits(whole) || !all_digits(decimals) {
            return Err(LiteralError::NoDecimals);
        }
        // At most 3 + 6 digits: the number of millionths fits a u64 with room to spare.
        let scale = if percent { 10_000u64 } else { 1_000_000 };
        let parse = |s: &str| s.parse::<u64>().unwrap_or(0);
        // The decimals padded to `max` digits count millionths (of 1, or of 100%).
        let pad = u32::try_from(max - decimals.len()).unwrap_or(0);
        let fraction = parse(decimals) * 10u64.pow(pad);
        let millionths = parse(whole) * scale + fraction;
        u32::try_from(millionths)
            .ok()
            .and_then(Probability::from_millionths)
            .ok_or(LiteralError::OutOfRange)
    }
}

/// A likelihood as text and JSON show it: `likely`, or `likely (0.72)` when it was
/// written as a probability.
pub fn show_level(level: Likelihood, written: Option<Probability>) -> String {
    match written {
        Some(p) => format!("{level} ({p})"),
        None => level.to_string(),
    }
}

impl std::fmt::Display for Probability {
    /// The shortest decimal: `0.72`, `0.000001`, `0`, `1`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (whole, fraction) = (self.0 / 1_000_000, self.0 % 1_000_000);
        if fraction == 0 {
            return write!(f, "{whole}");
        }
        let digits = format!("{fraction:06}");
        write!(f, "{whole}.{}", digits.trim_end_matches('0'))
    }
}

impl Serialize for Probability {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(self.value())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Result<u32, LiteralError> {
        Probability::parse(text).map(Probability::millionths)
    }

    #[test]
    fn decimals_and_percentages_are_exact_to_a_millionth() {
        assert_eq!(p("0.72"), Ok(720_000));
        assert_eq!(p("72%"), Ok(720_000));
        assert_eq!(p("72.5%"), Ok(725_000));
        assert_eq!(p("0.000001"), Ok(1));
        assert_eq!(p("0.0001%"), Ok(1));
        assert_eq!(p("1.0"), Ok(1_000_000));
        assert_eq!(p("100%"), Ok(1_000_000));
        assert_eq!(p("0.0"), Ok(0));
        assert_eq!(p("0%"), Ok(0));
    }

    #[test]
    fn malformed_and_out_of_range_literals_are_refused() {
        assert_eq!(p("1.5"), Err(LiteralError::OutOfRange));
        assert_eq!(p("120%"), Err(LiteralError::OutOfRange));
        assert_eq!(p("100.0001%"), Err(LiteralError::OutOfRange));
        assert_eq!(p("1.000001"), Err(LiteralError::OutOfRange));
        assert_eq!(p("-0.2"), Err(LiteralError::OutOfRange));
        assert_eq!(p("0."), Err(LiteralError::NoDecimals));
        assert_eq!(p("5.%"), Err(LiteralError::NoDecimals));
        assert_eq!(p("0.1234567"), Err(LiteralError::TooManyDigits));
        assert_eq!(p("0.12345%"), Err(LiteralError::TooManyDigits));
        assert_eq!(p("0001%"), Err(LiteralError::TooManyDigits));
        assert_eq!(p("1"), Err(LiteralError::NoPointOrPercent));
        // At the limits: 6 and 4 decimals, 3 whole digits.
        assert_eq!(p("0.123456"), Ok(123_456));
        assert_eq!(p("12.3456%"), Ok(123_456));
        assert_eq!(p("001%"), Ok(10_000));
    }

    #[test]
    fn literal_lengths_stop_after_the_literal() {
        assert_eq!(Probability::literal_len("0.72 cite"), Some(4));
        assert_eq!(Probability::literal_len("72%]"), Some(3));
        assert_eq!(Probability::literal_len("0."), Some(2));
        assert_eq!(Probability::literal_len("-1.5"), Some(4));
        assert_eq!(Probability::literal_len("12 x"), None);
        assert_eq!(Probability::literal_len("likely"), None);
    }

    #[test]
    fn bands_have_their_edges_and_midpoints_fall_in_their_own() {
        use Likelihood::*;
        let edges = [
            (0, AlmostNoChance),
            (49_999, AlmostNoChance),
            (50_000, VeryUnlikely),
            (199_999, VeryUnlikely),
            (200_000, Unlikely),
            (449_999, Unlikely),
            (450_000, EvenChance),
            (550_000, EvenChance),
            (550_001, Likely),
            (800_000, Likely),
            (800_001, VeryLikely),
            (950_000, VeryLikely),
            (950_001, AlmostCertain),
            (999_999, AlmostCertain),
            (1_000_000, Certain),
        ];
        for (n, level) in edges {
            assert_eq!(Probability(n).band(), level, "{n}");
        }
        for level in Likelihood::ALL {
            assert_eq!(Probability::of_level(level).band(), level);
            assert_eq!(
                Probability::of_level(level).value(),
                crate::prob::level_probability(level)
            );
        }
    }

    #[test]
    fn display_is_the_shortest_decimal() {
        assert_eq!(Probability(720_000).to_string(), "0.72");
        assert_eq!(Probability(1).to_string(), "0.000001");
        assert_eq!(Probability(0).to_string(), "0");
        assert_eq!(Probability::ONE.to_string(), "1");
    }
}
