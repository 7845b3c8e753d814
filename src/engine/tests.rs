//! Engine tests: each way a rule runs (joins, ground, instances) gives the same answers.

use crate::Analysis;
use crate::likelihood::Likelihood;

fn likelihoods(text: &str, atoms: &[&str]) -> Vec<Option<Likelihood>> {
    let analysis = Analysis::parse("t.augur", text).expect("the program checks");
    let model = analysis
        .run("default", &super::Options::default())
        .expect("it runs");
    atoms
        .iter()
        .map(|a| {
            // An atom that can hold in no scenario is refused: it holds nowhere.
            let atom = analysis.atom(a).ok();
            atom.and_then(|atom| model.likelihood(&atom))
        })
        .collect()
}

/// Rules kept as data: `r2` facts are the rules, instantiated from their guard.
const AS_DATA: &str = "fact a t\nfact b t\nfact r2(c, a, b)\nfact r2(d, c, e)\n\
                       fact r1(e, c) [likely]\nfact r1(f, g)\n\
                       rule r1: r1(?h, ?a) and ?a t implies ?h t\n\
                       rule r2: r2(?h, ?a, ?b) and ?a t and ?b t implies ?h t\n";

#[test]
fn rules_kept_as_data_run_from_their_instances() {
    let atoms = ["c t", "e t", "d t", "f t"];
    let likely = Some(Likelihood::Likely);
    let expected = [Some(Likelihood::Certain), likely, likely, None];
    assert_eq!(likelihoods(AS_DATA, &atoms), expected);
    // The same network written out as ground rules.
    let written = "fact a t\nfact b t\n\
                   rule g1: a t and b t implies c t\n\
                   rule g2: c t and e t implies d t\n\
                   rule g3: c t implies e t [likely]\n";
    assert_eq!(likelihoods(written, &atoms), expected);
}

#[test]
fn a_run_that_changes_a_guard_evaluates_the_rule_itself() {
    // Assuming a guard atom, or forbidding one, makes the facts not the whole guard.
    let added = format!("{AS_DATA}assume r1(g, a)\n");
    assert_eq!(
        likelihoods(&added, &["g t", "f t"]),
        [Some(Likelihood::Certain), Some(Likelihood::Certain)]
    );
    let removed = format!("{AS_DATA}assume not r2(c, a, b)\n");
    assert_eq!(
        likelihoods(&removed, &["c t", "d t", "e t"]),
        [None, None, None]
    );
}

#[test]
fn a_ground_rule_fires_again_when_a_premise_gets_stronger() {
    // `x t` holds as likely at once, and as certain two rounds later; `w t` must follow.
    let text = "fact x t [likely]\nfact y t\n\
                rule r1: y t implies z t\nrule r2: z t implies x t\n\
                rule r3: x t implies w t\n";
    assert_eq!(
        likelihoods(text, &["x t", "w t"]),
        [Some(Likelihood::Certain), Some(Likelihood::Certain)]
    );
}

#[test]
fn not_has_the_mirrored_likelihood_of_its_atom() {
    // Ground, with variables, and instantiated from a guard: each way a rule runs.
    let rules = [
        "rule r: a t and not a n implies a c",
        "rule r: ?s t and not ?s n implies ?s c",
        // Recursive, with a guard `g` made only of facts: run as ground instances.
        "rule r: g(?s, ?p) and ?p c and not ?s n implies ?s c\nfact g(a, b)\nfact b c",
    ];
    for rule in rules {
        for x in Likelihood::ALL {
            let text = format!("fact a t\nfact a n [{x}]\n{rule}\n");
            assert_eq!(likelihoods(&text, &["a c"]), [x.negated()], "{x}: {rule}");
        }
        // X absent: `not X` is certain.
        let text = format!("fact a t\n{rule}\n");
        assert_eq!(likelihoods(&text, &["a c"]), [Some(Likelihood::Certain)]);
    }
}

#[test]
fn not_is_a_premise_like_any_other_for_the_weakest_link() {
    // min(rule very_likely, a likely, not-x almost_certain) is likely; and the `not`
    // of an almost_no_chance conclusion (the weakness of its rule) is almost_certain.
    let text = "fact a t [likely]\nfact x n [almost_no_chance]\n\
                rule r: a t and not x n implies c u [very_likely]\n\
                rule s: a t implies y q [almost_no_chance]\n\
                rule u: not y q implies d w\n";
    assert_eq!(
        likelihoods(text, &["c u", "d w"]),
        [Some(Likelihood::Likely), Some(Likelihood::AlmostCertain)]
    );
}

#[test]
fn a_forbidden_atom_makes_its_not_certain() {
    let text = "fact a t\nfact x n [likely]\nrule r: a t and not x n implies c u\n\
                assume not x n\n";
    assert_eq!(likelihoods(text, &["c u"]), [Some(Likelihood::Certain)]);
}

#[test]
fn conflicts_weigh_their_not_premises() {
    let text = "fact a t\nfact x n [unlikely]\nconflict k { when a t and not x n }\n";
    let analysis = Analysis::parse("t.augur", text).expect("the program checks");
    let model = analysis
        .run("default", &super::Options::default())
        .expect("it runs");
    let levels: Vec<Likelihood> = model.conflicts().iter().map(|c| c.likelihood).collect();
    assert_eq!(levels, [Likelihood::Likely]);
}

#[test]
fn an_open_question_arises_under_a_not_of_a_merely_unlikely_atom() {
    let text = "assumable venezuela escalates\nassumable us withdraws\n\
                assumable trump reacts_to escalation\n\
                open trump reacts_to escalation when venezuela escalates and not us withdraws\n\
                scenario doubt { assume venezuela escalates\n assume us withdraws [unlikely] }\n\
                scenario sure { assume venezuela escalates\n assume us withdraws }\n";
    let analysis = Analysis::parse("t.augur", text).expect("the program checks");
    let atom = analysis
        .atom("trump reacts_to escalation")
        .expect("it can hold");
    let open = |scenario: &str| {
        let model = analysis
            .run(scenario, &super::Options::default())
            .expect("it runs");
        model.is_open(&atom).is_some()
    };
    assert!(
        open("doubt"),
        "`not us withdraws` is likely: the question arises"
    );
    assert!(!open("sure"), "`not us withdraws` fails: it does not");
}

/// The one-height fast path is exact only where `not` cannot weigh below the run's
/// one likelihood: with every rule and fact `likely`, the `not` of a likely atom is
/// `unlikely`, so `c u` is unlikely, which one height per tuple cannot carry.
#[test]
fn the_uniform_fast_path_is_left_when_not_would_weaken() {
    for (level, want) in [
        (Likelihood::Likely, Some(Likelihood::Unlikely)),
        (Likelihood::VeryLikely, Some(Likelihood::VeryUnlikely)),
        (Likelihood::EvenChance, Some(Likelihood::EvenChance)),
        (Likelihood::Unlikely, Some(Likelihood::Unlikely)),
        (Likelihood::Certain, None),
    ] {
        let text = format!(
            "fact a t [{level}]\nfact b t [{level}]\nrule r0: b t implies x n [{level}]\n\
             rule r1: a t and not x n implies c u [{level}]\n\
             rule r2: c u implies d q [{level}]\n"
        );
        let analysis = Analysis::parse("t.augur", &text).expect("the program checks");
        let engine = super::Engine::new(analysis.program());
        let exact = level.negated().is_none_or(|m| m >= level);
        assert_eq!(engine.uniform([]), exact.then_some(level), "{level}");
        assert_eq!(likelihoods(&text, &["c u", "d q"]), [want, want], "{level}");
    }
}

#[test]
fn a_ground_rule_waits_for_every_premise_of_its_stratum() {
    // `b t` arrives a round after `a t`; `c t` needs both, and `d q` (a lower stratum).
    let text = "fact a t\nfact d q\nrule r1: a t implies b t\n\
                rule r2: a t and b t and d q implies c t\n\
                rule r3: c t and not e q implies f t\n";
    assert_eq!(
        likelihoods(text, &["c t", "f t"]),
        [Some(Likelihood::Certain), Some(Likelihood::Certain)]
    );
}

/// One verb (`is`) concluded in several strata: the rules run in layers by atom, and a
/// `not` reads only atoms that lower layers have finished.
const LAYERED: &str = "assumable government faces fiscal_pressure\n\
                       fact housing_starts fall\n\
                       rule a: government faces fiscal_pressure implies subsidy_funding is blocked\n\
                       rule b: housing_starts fall and not subsidy_funding is blocked implies construction is exposed\n\
                       rule c: construction is exposed implies lenders is cautious [likely]\n\
                       rule d: lenders is cautious and housing_starts fall implies credit is tight\n\
                       rule e: credit is tight and not subsidy_funding is blocked and not buyers is absent implies prices is falling\n";

#[test]
fn a_predicate_concluded_in_several_strata_evaluates_layer_by_layer() {
    let likely = Some(Likelihood::Likely);
    let atoms = [
        "construction is exposed",
        "lenders is cautious",
        "credit is tight",
        "prices is falling",
    ];
    assert_eq!(
        likelihoods(LAYERED, &atoms),
        [Some(Likelihood::Certain), likely, likely, likely]
    );
    let blocked = format!("{LAYERED}assume government faces fiscal_pressure\n");
    assert_eq!(likelihoods(&blocked, &atoms), [None, None, None, None]);
    assert_eq!(
        likelihoods(&blocked, &["subsidy_funding is blocked"]),
        [Some(Likelihood::Certain)]
    );
}

#[test]
fn rules_with_variables_share_a_predicate_across_strata() {
    // `reached` is recursive in the lowest layer; `gate is closed` comes from it, and
    // `door is ajar` reads its absence a layer up, beside ground rules of the same verb.
    let text = "fact start(a)\nfact edge(a, b)\nfact edge(b, c)\n\
                rule base: start(?x) implies ?x is reached\n\
                rule step: ?x is reached and edge(?x, ?y) implies ?y is reached\n\
                rule shut: c is reached implies gate is closed\n\
                rule door: a is reached and not gate is closed implies door is ajar\n\
                rule hall: a is reached and not door is ajar implies hall is lit\n";
    assert_eq!(
        likelihoods(
            text,
            &[
                "c is reached",
                "gate is closed",
                "door is ajar",
                "hall is lit"
            ]
        ),
        [
            Some(Likelihood::Certain),
            Some(Likelihood::Certain),
            None,
            Some(Likelihood::Certain)
        ]
    );
    let no_path = text.replace("fact edge(b, c)\n", "fact edge(b, d)\n");
    assert_eq!(
        likelihoods(&no_path, &["door is ajar", "hall is lit"]),
        [Some(Likelihood::Certain), None]
    );
    let analysis = Analysis::parse("t.augur", text).expect("checks");
    let strata = &analysis.program().strata();
    assert_eq!(strata.len(), 3, "{strata:?}");
}
