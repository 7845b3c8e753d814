//! `augur prob` and `augur run --prob` on small programs worked by hand: the numbers, the
//! JSON shape, and the errors (exit 2).

mod common;
use common::{augur, json, temp_dir};

/// Writes `text` as a rule file in a fresh directory; returns its path.
#[expect(
    clippy::expect_used,
    reason = "a helper of tests: failing here fails the test"
)]
fn program(name: &str, text: &str) -> String {
    let dir = temp_dir(name);
    std::fs::create_dir_all(&dir).expect("the temporary directory is made");
    let path = dir.join("p.augur");
    std::fs::write(&path, text).expect("the rule file is written");
    path.to_str().expect("a UTF-8 path").to_owned()
}

/// `augur --format json prob ATOM PATH ARGS`: the probability, checked to be exact.
#[expect(
    clippy::expect_used,
    reason = "a helper of tests: failing here fails the test"
)]
fn p(path: &str, atom: &str, args: &[&str]) -> f64 {
    let mut all = vec!["prob", atom, path];
    all.extend_from_slice(args);
    let (v, code) = json(&all);
    assert_eq!(code, 0, "{v}");
    let p = v["probability"].as_f64().expect("a number");
    assert_eq!(v["method"], "exact");
    assert_eq!(v["interval"], serde_json::json!([p, p]));
    p
}

const ROUTES: &str = "fact a p likely\nfact b p likely\n\
    rule one: a p implies c q\nrule two: b p implies c q\n";

#[test]
fn two_independent_likely_routes() {
    let path = program("prob-routes", ROUTES);
    let got = p(&path, "c q", &[]);
    assert!((got - 0.894375).abs() < 1e-12, "{got}");
    let (v, _) = json(&["prob", "c q", &path]);
    assert_eq!(
        v,
        serde_json::json!({
            "atom": "c q", "scenario": "default", "probability": got,
            "likelihood": "very_likely", "method": "exact", "interval": [got, got],
        })
    );
    let text = augur(&["prob", "c q", &path]);
    assert_eq!(
        text.stdout,
        "c q: 0.8944 (very_likely) in scenario default\n  \
         exact: 2 independent choices, 10 decision-diagram nodes\n"
    );
}

#[test]
fn a_chain_of_five_very_likely_links() {
    let mut text = String::from("fact n0 p very_likely\n");
    for i in 1..5 {
        text += &format!("rule r{i}: n{} p implies n{i} p very_likely\n", i - 1);
    }
    let path = program("prob-chain", &text);
    let got = p(&path, "n4 p", &[]);
    assert!((got - 0.875f64.powi(5)).abs() < 1e-12, "{got}");
    let (v, _) = json(&["prob", "n4 p", &path]);
    assert_eq!(v["likelihood"], "even_chance");
}

#[test]
fn scenarios_negation_and_interventions() {
    let text = "assumable us retreats\nfact rivals_ready p likely\n\
        rule gap: us retreats and rivals_ready p implies rivals advance very_likely\n\
        rule calm: not rivals advance implies region is calm\n\
        scenario quiet { }\nscenario retreat { assume us retreats likely }\n\
        scenario stop extends retreat { assume not rivals advance }\n";
    let path = program("prob-scenarios", text);
    let advance = 0.675 * 0.675 * 0.875;
    assert_eq!(p(&path, "rivals advance", &["-s", "quiet"]), 0.0);
    let got = p(&path, "rivals advance", &["-s", "retreat"]);
    assert!((got - advance).abs() < 1e-12);
    let calm = p(&path, "region is calm", &["-s", "retreat"]);
    assert!((calm - (1.0 - advance)).abs() < 1e-12);
    assert_eq!(p(&path, "region is calm", &["-s", "stop"]), 1.0);
    let (v, _) = json(&["prob", "rivals advance", &path, "-s", "quiet"]);
    assert_eq!(v["likelihood"], serde_json::Value::Null);
}

#[test]
fn unknown_atoms_and_scenarios_are_refused_with_a_suggestion() {
    let path = program("prob-unknown", ROUTES);
    let run = augur(&["prob", "c qq", &path]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("did you mean `q`"), "{}", run.stderr);
    let run = augur(&["prob", "c q", &path, "-s", "defualt"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("did you mean `default`"),
        "{}",
        run.stderr
    );
}

#[test]
fn max_nodes_is_a_bound_at_its_boundary() {
    let path = program("prob-nodes", ROUTES);
    // Three atoms: two of three nodes, `c q` of four.
    assert!(augur(&["prob", "c q", &path, "--max-nodes", "10", "--exact"]).code == 0);
    let run = augur(&["prob", "c q", &path, "--max-nodes", "9", "--exact"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("augur::prob::too_many_nodes"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--max-nodes 9"), "{}", run.stderr);
    let run = augur(&["run", "--prob", &path, "--max-nodes", "9"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
}

#[test]
fn an_open_question_has_no_probability() {
    let text = "document d \"D\"\nopen us defends guyana cite d \"x\"\nfact a p\n";
    let path = program("prob-open", text);
    let run = augur(&["prob", "us defends guyana", &path]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("augur::prob::open_question"),
        "{}",
        run.stderr
    );
}

#[test]
fn run_prob_gives_every_conclusion_its_probability() {
    let path = program("prob-run", ROUTES);
    let (v, code) = json(&["run", "--prob", &path]);
    assert_eq!(code, 0);
    let c = &v["scenarios"][0]["conclusions"][0];
    assert_eq!(c["atom"], "c q");
    assert!((c["probability"].as_f64().expect("a number") - 0.894375).abs() < 1e-12);
    let (plain, _) = json(&["run", &path]);
    assert!(
        plain["scenarios"][0]["conclusions"][0]
            .get("probability")
            .is_none()
    );
    let text = augur(&["run", "--prob", &path]);
    assert_eq!(
        text.stdout,
        "scenario default\n  c q  likely          0.8944\n"
    );
}

#[test]
fn a_lineage_rests_on_at_most_65533_choices() {
    let wide = |n: usize| {
        let mut text: String = (0..n).map(|i| format!("fact p(c{i}) likely\n")).collect();
        text += "rule wide: p(?x) implies z q\n";
        program(&format!("prob-wide-{n}"), &text)
    };
    let at = wide(augur::prob::MAX_CHOICES);
    let run = augur(&["prob", "z q", &at, "--exact"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("(almost_certain)"), "{}", run.stdout);
    let past = wide(augur::prob::MAX_CHOICES + 1);
    let run = augur(&["prob", "z q", &past, "--exact"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("augur::prob::too_many_choices"),
        "{}",
        run.stderr
    );
}

#[test]
fn sensitivity_ranks_the_claims_by_derivative() {
    let path = program("prob-sensitivity", ROUTES);
    let (v, code) = json(&["sensitivity", "c q", &path]);
    assert_eq!(code, 0, "{v}");
    assert!((v["probability"].as_f64().expect("a number") - 0.894375).abs() < 1e-12);
    let claims = v["claims"].as_array().expect("claims");
    let first = &claims[0];
    assert_eq!(
        (&first["kind"], &first["atom"]),
        (&"fact".into(), &"a p".into())
    );
    assert!(first.get("name").is_none());
    let close = |key: &str, want: f64| {
        let got = first[key].as_f64().expect("a number");
        assert!((got - want).abs() < 1e-12, "{key}: {got}");
    };
    close("probability", 0.675);
    close("derivative", 0.325);
    close("low", 0.675);
    close("high", 1.0);
    assert_eq!(claims[2]["kind"], "rule");
    assert_eq!(claims[2]["name"], "one");
    let text = augur(&["sensitivity", "c q", &path]);
    assert_eq!(
        text.stdout,
        "c q: 0.8944 (very_likely) in scenario default\n\
        \x20 claim         p    dP/dp    at 0    at 1\n\
        \x20 fact a p  0.675  +0.3250  0.6750  1.0000  ████████████████████\n\
        \x20 fact b p  0.675  +0.3250  0.6750  1.0000  ████████████████████\n\
        \x20 rule one  1.000  +0.2194  0.6750  0.8944  ██████████████\n\
        \x20 rule two  1.000  +0.2194  0.6750  0.8944  ██████████████\n"
    );
    let run = augur(&["sensitivity", "c qq", &path]);
    assert_eq!(run.code, 2);
}

#[test]
fn monte_carlo_is_seeded_and_its_interval_holds_the_exact_answer() {
    let path = program("prob-mc", ROUTES);
    let args = ["prob", "c q", &path, "--samples", "20000", "--seed", "7"];
    let (v, code) = json(&args);
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["method"], "monte_carlo");
    assert_eq!((&v["samples"], &v["seed"]), (&20000.into(), &7.into()));
    let lo = v["interval"][0].as_f64().expect("a number");
    let hi = v["interval"][1].as_f64().expect("a number");
    assert!(lo <= 0.894375 && 0.894375 <= hi, "{v}");
    assert_eq!(json(&args).0, v, "the same seed, the same estimate");
    let (other, _) = json(&["prob", "c q", &path, "--samples", "20000", "--seed", "8"]);
    assert_ne!(other["probability"], v["probability"]);
    // Exact answers carry neither samples nor seed.
    let (exact, _) = json(&["prob", "c q", &path]);
    assert!(exact.get("samples").is_none() && exact.get("seed").is_none());
    for bad in [
        vec!["prob", "c q", &path, "--samples", "0"],
        vec!["prob", "c q", &path, "--samples", "10", "--exact"],
    ] {
        assert_eq!(augur(&bad).code, 2, "{bad:?}");
    }
}

#[test]
fn past_max_nodes_it_samples_and_says_why_unless_exact() {
    let path = program("prob-fallback", ROUTES);
    let run = augur(&["prob", "c q", &path, "--max-nodes", "9"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("monte carlo: in ")
            && run.stdout.contains("an exact answer is past --max-nodes 9"),
        "{}",
        run.stdout
    );
    let (v, _) = json(&["prob", "c q", &path, "--max-nodes", "9"]);
    assert_eq!(
        (&v["method"], &v["samples"]),
        (&"monte_carlo".into(), &20000.into())
    );
}
