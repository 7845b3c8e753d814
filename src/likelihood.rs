//! The likelihood scale of ICD 203, plus `certain`: the annotation every fact, assumption,
//! rule and conclusion carries.

use serde::{Serialize, Serializer};

/// One step of the analysts' likelihood scale, lowest to highest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Likelihood {
    /// 01-05%.
    AlmostNoChance,
    /// 05-20%.
    VeryUnlikely,
    /// 20-45%.
    Unlikely,
    /// 45-55%.
    EvenChance,
    /// 55-80%.
    Likely,
    /// 80-95%.
    VeryLikely,
    /// 95-99%.
    AlmostCertain,
    /// Given: unlabelled facts, assumptions and rules.
    Certain,
}

impl Likelihood {
    /// Every level, lowest first.
    pub const ALL: [Likelihood; 8] = [
        Likelihood::AlmostNoChance,
        Likelihood::VeryUnlikely,
        Likelihood::Unlikely,
        Likelihood::EvenChance,
        Likelihood::Likely,
        Likelihood::VeryLikely,
        Likelihood::AlmostCertain,
        Likelihood::Certain,
    ];

    /// The keyword that writes this level in a rule file.
    pub fn keyword(self) -> &'static str {
        match self {
            Likelihood::AlmostNoChance => "almost_no_chance",
            Likelihood::VeryUnlikely => "very_unlikely",
            Likelihood::Unlikely => "unlikely",
            Likelihood::EvenChance => "even_chance",
            Likelihood::Likely => "likely",
            Likelihood::VeryLikely => "very_likely",
            Likelihood::AlmostCertain => "almost_certain",
            Likelihood::Certain => "certain",
        }
    }

    /// The level a keyword names, if it names one.
    pub fn from_keyword(word: &str) -> Option<Likelihood> {
        Likelihood::ALL.into_iter().find(|l| l.keyword() == word)
    }

    /// Position on the scale, 0 for `almost_no_chance` up to 7 for `certain`.
    pub fn rank(self) -> usize {
        self as usize
    }

    /// The likelihood of `not X` when X holds at this level: the mirror image on the ICD
    /// 203 scale, which is symmetric about `even_chance` (`almost_no_chance` <->
    /// `almost_certain`, `unlikely` <-> `likely`, ...). `None` for `certain`: a certain X
    /// leaves no chance for `not X`. (When X does not hold at all, `not X` is `certain`.)
    pub fn negated(self) -> Option<Likelihood> {
        let top = Likelihood::AlmostCertain.rank();
        Likelihood::ALL.get(top.checked_sub(self.rank())?).copied()
    }
}

impl std::fmt::Display for Likelihood {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.keyword())
    }
}

impl Serialize for Likelihood {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.keyword())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_round_trip_in_order() {
        for (rank, level) in Likelihood::ALL.into_iter().enumerate() {
            assert_eq!(level.rank(), rank);
            assert_eq!(Likelihood::from_keyword(level.keyword()), Some(level));
        }
        assert!(Likelihood::Likely < Likelihood::Certain);
        assert_eq!(Likelihood::from_keyword("probable"), None);
    }

    #[test]
    fn negation_mirrors_the_scale_and_certain_has_none() {
        use Likelihood::*;
        let pairs = [
            (AlmostNoChance, AlmostCertain),
            (VeryUnlikely, VeryLikely),
            (Unlikely, Likely),
            (EvenChance, EvenChance),
        ];
        for (a, b) in pairs {
            assert_eq!(a.negated(), Some(b));
            assert_eq!(b.negated(), Some(a));
        }
        assert_eq!(Certain.negated(), None);
    }
}
