//! The checked declarations about the world outside the model: indicators and
//! observations. Neither enters a derivation: no fact, assumption or rule reads them, so
//! every scenario derives what it would without them; the commands that use them
//! (`indicators`, `ach`) compare them with what the scenarios derive.

use super::items::{AtomPattern, Cite, GroundAtom};
use crate::likelihood::Likelihood;
use crate::source::Span;

/// The program's `indicator` and `observed` declarations, each in declaration order.
#[derive(Clone, Debug, Default)]
pub(super) struct Evidence {
    pub(super) indicators: Vec<Indicator>,
    pub(super) observations: Vec<Observation>,
}

/// `indicator ATOM`: something one could observe, whose likelihood in each scenario tells
/// the scenarios apart.
#[derive(Clone, Debug)]
pub struct Indicator {
    /// The atom; its variables match any constant, so one indicator may stand for several
    /// atoms a scenario derives.
    pub atom: AtomPattern,
    /// The atom's variables by [`super::VarId`], without `?`.
    pub vars: Vec<String>,
    /// Its citations.
    pub cites: Vec<Cite>,
    /// The declaration.
    pub span: Span,
}

impl Indicator {
    /// Whether the indicator has no variables: it then stands for exactly one atom.
    pub fn is_ground(&self) -> bool {
        self.vars.is_empty()
    }
}

/// `observed [not] ATOM [LEVEL]`: evidence seen in the world.
#[derive(Clone, Debug)]
pub struct Observation {
    /// The atom observed.
    pub atom: GroundAtom,
    /// `observed not ATOM`: the atom was seen not to hold.
    pub negated: bool,
    /// How credible the observation is (`certain` when not written).
    pub credibility: Likelihood,
    /// Its citations.
    pub cites: Vec<Cite>,
    /// The declaration.
    pub span: Span,
}

#[cfg(test)]
mod tests {
    use crate::likelihood::Likelihood;
    use crate::{Analysis, Session};

    const TEXT: &str = r#"
document d "D"
assumable us retreats
rule r: us retreats implies china fills gap likely
rule s: china invests and not china fills gap implies brazil leads
indicator ?who fills gap cite d "q"
indicator brazil leads
observed us retreats cite d "seen"
observed not china fills gap unlikely
observed china invests
scenario quiet { }
scenario retreat { assume us retreats }
"#;

    #[test]
    fn the_program_keeps_indicators_and_observations_in_declaration_order() {
        let analysis = Analysis::parse("t.augur", TEXT).expect("it checks");
        let p = analysis.program();
        let shown: Vec<(String, bool)> = p
            .indicators()
            .iter()
            .map(|i| (p.show_pattern(&i.atom, &i.vars), i.is_ground()))
            .collect();
        assert_eq!(
            shown,
            [
                ("?who fills gap".to_owned(), false),
                ("brazil leads".to_owned(), true)
            ]
        );
        assert_eq!(p.indicators()[0].cites[0].quote, "q");
        let seen: Vec<(String, bool, Likelihood)> = p
            .observations()
            .iter()
            .map(|o| (p.show_atom(&o.atom), o.negated, o.credibility))
            .collect();
        assert_eq!(
            seen,
            [
                ("us retreats".to_owned(), false, Likelihood::Certain),
                ("china fills gap".to_owned(), true, Likelihood::Unlikely),
                ("china invests".to_owned(), false, Likelihood::Certain),
            ]
        );
        // Their citations are checked and verified with every other.
        assert_eq!(p.all_cites().count(), 2);
    }

    #[test]
    fn evidence_never_enters_a_derivation() {
        let analysis = Analysis::parse("t.augur", TEXT).expect("it checks");
        let p = analysis.program();
        let session = Session::new(&analysis);
        let options = crate::engine::Options::default();
        let atom = |i: usize| p.observations()[i].atom.clone();
        // `quiet` assumes nothing: what was observed holds in no scenario by being observed.
        let quiet = session.run_named("quiet", &options).expect("it runs");
        for i in 0..3 {
            assert_eq!(
                quiet.likelihood(&atom(i)),
                None,
                "{}",
                p.show_atom(&atom(i))
            );
        }
        assert_eq!(quiet.conclusion_count(), 0);
        let retreat = session.run_named("retreat", &options).expect("it runs");
        assert_eq!(retreat.likelihood(&atom(0)), Some(Likelihood::Certain));
        assert_eq!(retreat.likelihood(&atom(1)), Some(Likelihood::Likely));
        assert_eq!(retreat.likelihood(&atom(2)), None);
        assert_eq!(retreat.conclusion_count(), 1, "only `china fills gap`");
    }
}
