use super::*;
use crate::Analysis;
use crate::engine::Options;

const PROGRAM: &str = r#"
    fact china is great_power_competitor
    fact russia is great_power_competitor
    fact iran is great_power_competitor
    fact china invests_in venezuela
    fact a loves a
    fact a loves b
    assumable us disinterested_in latam_security
    rule fill {
      when us disinterested_in latam_security and ?p is great_power_competitor
      then ?p fills_gap_in latam_security
      likely
    }
    rule invest: china invests_in ?c implies china fills_gap_in ?c very_likely
    open us defends guyana
    scenario base { }
    scenario retreat { assume us disinterested_in latam_security }
"#;

fn analysis() -> Analysis {
    Analysis::parse("t.augur", PROGRAM).expect("checks")
}

/// The answers in `scenario` as (atom, likelihood or "open", bindings) texts.
fn ask(a: &Analysis, scenario: &str, pattern: &str) -> Vec<(String, String, Vec<String>)> {
    let p = a.program();
    let pattern = Pattern::parse(p, pattern).expect("resolves");
    let model = a.run(scenario, &Options::default()).expect("runs");
    answers(&model, &pattern)
        .into_iter()
        .map(|ans| {
            let level = ans.likelihood.map_or("open", Likelihood::keyword);
            let values = ans.bindings.iter().map(|&v| p.symbols().show(v)).collect();
            (p.show_atom(&ans.atom), level.to_owned(), values)
        })
        .collect()
}

fn row(atom: &str, level: &str, values: &[&str]) -> (String, String, Vec<String>) {
    let values = values.iter().map(|v| (*v).to_owned()).collect();
    (atom.to_owned(), level.to_owned(), values)
}

#[test]
fn every_binding_strongest_first_then_by_text() {
    let a = analysis();
    assert_eq!(
        ask(&a, "retreat", "?who fills_gap_in ?where"),
        [
            row(
                "china fills_gap_in venezuela",
                "very_likely",
                &["china", "venezuela"]
            ),
            row(
                "china fills_gap_in latam_security",
                "likely",
                &["china", "latam_security"]
            ),
            row(
                "iran fills_gap_in latam_security",
                "likely",
                &["iran", "latam_security"]
            ),
            row(
                "russia fills_gap_in latam_security",
                "likely",
                &["russia", "latam_security"]
            ),
        ]
    );
    // Without the assumption the rivals' rule never fires.
    assert_eq!(
        ask(&a, "base", "?who fills_gap_in latam_security"),
        Vec::<(String, String, Vec<String>)>::new()
    );
    // Facts are answers too.
    assert_eq!(ask(&a, "base", "?x is great_power_competitor").len(), 3);
}

#[test]
fn a_repeated_variable_takes_one_value() {
    let a = analysis();
    assert_eq!(
        ask(&a, "base", "?x loves ?x"),
        [row("a loves a", "certain", &["a"])]
    );
    assert_eq!(ask(&a, "base", "?x loves ?y").len(), 2);
    assert_eq!(
        ask(&a, "base", "a loves b"),
        [row("a loves b", "certain", &[])]
    );
}

#[test]
fn open_questions_are_answered_as_open() {
    let a = analysis();
    assert_eq!(
        ask(&a, "base", "us defends ?x"),
        [row("us defends guyana", "open", &["guyana"])]
    );
}

fn error(pattern: &str) -> (String, String) {
    let a = analysis();
    let e = Pattern::parse(a.program(), pattern).expect_err("refused");
    let help = miette::Diagnostic::help(&e).map_or(String::new(), |h| h.to_string());
    (e.to_string(), help)
}

#[test]
fn unknown_names_get_did_you_mean() {
    let (message, help) = error("?who fills_gap ?x");
    assert_eq!(message, "unknown predicate `fills_gap` in the pattern");
    assert_eq!(help, "did you mean `fills_gap_in`?");
    let (message, help) = error("?who fills_gap_in latam_securty");
    assert_eq!(message, "unknown constant `latam_securty` in the pattern");
    assert_eq!(help, "did you mean `latam_security`?");
    let (message, _) = error("fills_gap_in(?a, ?b, ?c)");
    assert_eq!(message, "predicate `fills_gap_in` takes 2 arguments, not 3");
    let (message, _) = error("?who fills_gap_in");
    assert_eq!(message, "predicate `fills_gap_in` takes 2 arguments, not 1");
    let (message, _) = error("?who )");
    assert!(message.contains("expected"), "{message}");
}

#[test]
fn a_pattern_nothing_can_match_is_refused() {
    let (message, help) = error("iran fills_gap_in venezuela");
    assert_eq!(
        message,
        "no atom can match `iran fills_gap_in venezuela` in any scenario"
    );
    assert_eq!(
        help,
        "`?a fills_gap_in ?b` asks for every atom of the predicate"
    );
    // One that can match in some scenario is asked, even where it matches nothing.
    assert!(Pattern::parse(analysis().program(), "iran fills_gap_in ?x").is_ok());
}

#[test]
fn reports_render_names() {
    let a = analysis();
    let pattern = Pattern::parse(a.program(), "?who fills_gap_in latam_security").expect("ok");
    let models = a.run_all(&Options::default()).expect("runs");
    let report = QueryReport::new(&models[1..], &pattern, false);
    assert_eq!(
        report.text(),
        "?who fills_gap_in latam_security in scenario retreat: 3 answers\n\
         \x20 china fills_gap_in latam_security   likely  ?who = china\n\
         \x20 iran fills_gap_in latam_security    likely  ?who = iran\n\
         \x20 russia fills_gap_in latam_security  likely  ?who = russia\n"
    );
    let all = QueryReport::new(&models, &pattern, true);
    assert_eq!(
        all.text().lines().take(2).collect::<Vec<_>>(),
        [
            "?who fills_gap_in latam_security in scenario base: 0 answers",
            "  (no answers)"
        ]
    );
}
