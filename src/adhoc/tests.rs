use super::*;

const TEXT: &str = "
    assumable us withdraws
    assumable ally hesitates
    assumable p(\"a@b\")
    rule gap: us withdraws and not ally hesitates implies rivals advance likely
    rule tag: p(\"a@b\") implies rivals advance
    scenario calm { assume ally hesitates }
    scenario firm { assume not us withdraws }
";

fn analysis() -> Analysis {
    Analysis::parse("t.augur", TEXT).expect("checks")
}

fn error(adhoc: &AdHoc) -> Error {
    adhoc.what_if(&analysis()).expect_err("refused")
}

fn help(e: &Error) -> String {
    use miette::Diagnostic;
    e.help().map(|h| h.to_string()).unwrap_or_default()
}

fn code(e: &Error) -> String {
    use miette::Diagnostic;
    e.code().map(|c| c.to_string()).unwrap_or_default()
}

#[test]
fn a_level_follows_the_last_at_and_defaults_to_certain() {
    let a = analysis();
    let change = AdHoc::new(
        ["us withdraws", "ally hesitates @ likely", "p(\"a@b\")"],
        Vec::<String>::new(),
    )
    .what_if(&a)
    .expect("checks");
    let levels: Vec<Likelihood> = change.added.iter().map(|(_, l)| *l).collect();
    assert_eq!(
        levels,
        [Likelihood::Certain, Likelihood::Likely, Likelihood::Certain]
    );
    assert_eq!(
        change.added[2].0,
        a.hypothesis("p(\"a@b\")").expect("resolves")
    );
    assert_eq!(
        Shown::new(a.program(), &change).lines(),
        [
            "assume us withdraws",
            "assume ally hesitates likely",
            "assume \"a@b\" p"
        ]
    );
    let change = AdHoc::new(["ally hesitates@unlikely"], ["us withdraws"])
        .what_if(&a)
        .expect("checks");
    assert_eq!(
        Shown::new(a.program(), &change).name("calm"),
        "calm + assume ally hesitates unlikely + assume not us withdraws"
    );
    assert_eq!(Shown::default().name("calm"), "calm");
}

#[test]
fn an_unknown_level_gets_the_closest_one() {
    let e = error(&AdHoc::new(["us withdraws@likly"], Vec::<String>::new()));
    assert_eq!(code(&e), "augur::adhoc::unknown_level");
    assert_eq!(help(&e), "did you mean `likely`?");
    let e = error(&AdHoc::new(["us withdraws@maybe"], Vec::<String>::new()));
    assert!(
        help(&e).starts_with("the levels are `almost_no_chance`"),
        "{}",
        help(&e)
    );
}

#[test]
fn an_unknown_name_gets_did_you_mean() {
    let e = error(&AdHoc::new(["us withdrawz"], Vec::<String>::new()));
    assert_eq!(code(&e), "augur::query::unknown_predicate");
    assert_eq!(help(&e), "did you mean `withdraws`?");
    let e = error(&AdHoc::new(Vec::<String>::new(), ["rivals advanse"]));
    assert_eq!(code(&e), "augur::query::unknown_predicate");
}

#[test]
fn an_atom_no_assumable_matches_is_refused_when_there_are_assumables() {
    let e = error(&AdHoc::new(["rivals advance"], Vec::<String>::new()));
    assert_eq!(code(&e), "augur::adhoc::not_assumable");
    assert!(help(&e).contains("declare it: assumable rivals advance"));
    let e = error(&AdHoc::new(["ally withdraws"], Vec::<String>::new()));
    assert_eq!(help(&e), "did you mean `us withdraws`?");
    // A program without assumables has opted out of the check, as for `assume` lines.
    let open =
        Analysis::parse("t.augur", "rule r: a p implies b q\nscenario s { }\n").expect("checks");
    let change = AdHoc::new(["b q"], Vec::<String>::new())
        .what_if(&open)
        .expect("any atom of the program");
    assert_eq!(change.added.len(), 1);
}

#[test]
fn forbidding_needs_an_atom_that_can_hold_and_not_one_also_assumed() {
    let e = error(&AdHoc::new(Vec::<String>::new(), ["advance(ally)"]));
    assert_eq!(code(&e), "augur::query::never_holds");
    let e = error(&AdHoc::new(["us withdraws@likely"], ["us withdraws"]));
    assert_eq!(code(&e), "augur::adhoc::contradictory");
    // The interventions may target any atom, derived ones included.
    let change = AdHoc::new(Vec::<String>::new(), ["rivals advance"])
        .what_if(&analysis())
        .expect("checks");
    assert_eq!(change.forbidden.len(), 1);
}

/// The ad-hoc scenario means what a scenario extending the one run, with the same lines,
/// means: compare every atom of the two runs.
#[test]
fn an_adhoc_scenario_is_a_scenario_extending_the_one_run() {
    let cases: [(&str, &[&str], &[&str], &str); 4] = [
        ("calm", &["us withdraws"], &[], "assume us withdraws"),
        (
            "firm",
            &["us withdraws@unlikely"],
            &["ally hesitates"],
            "assume us withdraws unlikely assume not ally hesitates",
        ),
        (
            "calm",
            &[],
            &["ally hesitates"],
            "assume not ally hesitates",
        ),
        (
            "firm",
            &["us withdraws@likely", "us withdraws@very_likely"],
            &[],
            "assume us withdraws likely assume us withdraws very_likely",
        ),
    ];
    let options = Options::default();
    for (base, assume, assume_not, block) in cases {
        let a = analysis();
        let change = AdHoc::new(assume.iter().copied(), assume_not.iter().copied())
            .what_if(&a)
            .expect("checks");
        let session = a.session();
        let id = session.scenario(base).expect("declared");
        let adhoc = run(&session, id, &change, &options).expect("runs");
        let written = format!("{TEXT}\nscenario written extends {base} {{ {block} }}\n");
        let written = Analysis::parse("t.augur", &written).expect("checks");
        let model = written.run("written", &options).expect("runs");
        let show = |a: &Analysis, m: &Model<'_>| -> Vec<String> {
            let mut all: Vec<String> = m
                .conclusions()
                .iter()
                .map(|c| format!("{} {}", m.program().show_atom(&c.atom), c.likelihood))
                .collect();
            for atom in ["us withdraws", "ally hesitates", "rivals advance"] {
                let g = a.hypothesis(atom).expect("resolves");
                all.push(format!("{atom}: {:?}", m.likelihood(&g)));
            }
            all
        };
        assert_eq!(show(&a, &adhoc), show(&written, &model), "{base} + {block}");
    }
}
