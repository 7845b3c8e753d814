use super::*;
use crate::Analysis;
use crate::engine::Options;

/// P(`atom`) in `scenario` of `text`.
fn p(text: &str, scenario: &str, atom: &str) -> f64 {
    let analysis = Analysis::parse("t.augur", text).expect("the program checks");
    let model = analysis
        .run(scenario, &Options::default())
        .expect("it runs");
    let atom = analysis.atom(atom).expect("it can hold");
    exact(&model, &atom, &Limits::default())
        .expect("it compiles")
        .probability
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-12
}

#[test]
fn two_independent_likely_routes() {
    let text = "fact a p likely\nfact b p likely\n\
        rule one: a p implies c q\nrule two: b p implies c q\n";
    assert!(close(p(text, "default", "c q"), 1.0 - 0.325f64.powi(2)));
}

#[test]
fn a_chain_multiplies_and_a_shared_rule_instance_is_one_choice() {
    let text = "fact a p very_likely\n\
        rule r1: a p implies b p very_likely\nrule r2: b p implies c p very_likely\n\
        rule both: c p implies d p, e p likely\nrule join: d p and e p implies f p\n";
    let chain = 0.875f64.powi(3);
    assert!(close(p(text, "default", "c p"), chain));
    // `d p` and `e p` come from one instance of `both`: one choice, not two.
    assert!(close(p(text, "default", "f p"), chain * 0.675));
}

#[test]
fn a_probability_written_keeps_its_number_and_the_strongest_line_is_the_highest() {
    let text = "fact a p 0.72\nfact b p 72%\n\
        rule one: a p implies c q\nrule two: b p implies c q 0.5\n";
    assert!(close(p(text, "default", "c q"), 1.0 - 0.28 * 0.64));
    // Two lines in one band (likely): the strongest is the higher number, whichever
    // comes first; a keyword line is its midpoint (0.675).
    let lines = "fact a p 0.6\nfact a p 0.79\nfact a p likely\n";
    assert!(close(p(lines, "default", "a p"), 0.79));
    let s = format!("{lines}scenario s {{ assume a p 0.56 }}\n");
    assert!(close(p(&s, "s", "a p"), 0.79));
    let s = format!("{lines}scenario s {{ assume a p 0.8 }}\n");
    assert!(close(p(&s, "s", "a p"), 0.8));
    let assumed = "assumable a p\nscenario s { assume a p 0.61 }\nscenario t { assume a p 100% }\n";
    assert!(close(p(assumed, "s", "a p"), 0.61));
    assert!(close(p(assumed, "t", "a p"), 1.0));
    // Zero: in the bottom band for the weakest link, in no world for probabilities.
    assert!(close(p("fact a p 0.0\n", "default", "a p"), 0.0));
}

#[test]
fn a_choice_group_is_one_choice_for_every_instance_of_its_rules() {
    let independent = "fact a(x) \nfact a(y)\n\
        rule r: a(?v) implies b q 0.5\nrule s: a(?v) implies c q 0.5\nrule t: b q and c q implies d q\n";
    // Two instances of r and two of s, each its own choice: P(b q) = 1 - 0.5^2.
    assert!(close(p(independent, "default", "b q"), 0.75));
    assert!(close(p(independent, "default", "d q"), 0.75 * 0.75));
    let grouped = independent
        .replace("b q 0.5", "b q 0.5 choice storm")
        .replace("c q 0.5", "c q 50% choice storm");
    // One switch for all four instances: d q holds exactly when it is on.
    assert!(close(p(&grouped, "default", "b q"), 0.5));
    assert!(close(p(&grouped, "default", "d q"), 0.5));
    // A group of one rule ties its own instances together.
    let one = independent.replace("b q 0.5", "b q 0.5 choice lone");
    assert!(close(p(&one, "default", "b q"), 0.5));
    assert!(close(p(&one, "default", "d q"), 0.5 * 0.75));
}

#[test]
fn negation_intervention_and_absence() {
    let text = "fact a p unlikely\nfact b p\nrule r: b p and not a p implies c p likely\n\
        scenario s { }\nscenario stop { assume not a p }\nscenario gone { assume not c p }\n";
    assert!(close(p(text, "s", "c p"), 0.675 * (1.0 - 0.325)));
    assert!(close(p(text, "stop", "c p"), 0.675));
    assert!(close(p(text, "gone", "c p"), 0.0));
}

#[test]
fn recursion_reaches_a_fixpoint() {
    // A cycle a-b-c-a of likely edges, from a: reach(c) needs both edges of one path.
    let text = "fact edge(a, b) likely\nfact edge(b, c) likely\nfact edge(c, a) likely\n\
        fact edge(a, c) unlikely\n\
        rule base: edge(?x, ?y) implies reach(?x, ?y)\n\
        rule step: reach(?x, ?y) and edge(?y, ?z) implies reach(?x, ?z)\n";
    // reach(a, c): edge(a, c), or edge(a, b) and edge(b, c).
    let want = 1.0 - (1.0 - 0.325) * (1.0 - 0.675 * 0.675);
    assert!(close(p(text, "default", "reach(a, c)"), want));
    // reach(a, a): edge(c, a) and reach(a, c).
    assert!(close(p(text, "default", "reach(a, a)"), 0.675 * want));
}

#[test]
fn the_node_limit_stops_with_an_error() {
    let text = "fact a p likely\nfact b p likely\nfact c p likely\n\
        rule r: a p and b p and c p implies d p\n";
    let analysis = Analysis::parse("t.augur", text).expect("the program checks");
    let model = analysis
        .run("default", &Options::default())
        .expect("it runs");
    let atom = analysis.atom("d p").expect("it can hold");
    let answer = exact(&model, &atom, &Limits::default()).expect("it compiles");
    // Four atoms: three of three nodes (a variable and two terminals), one of five.
    assert_eq!(answer.nodes, 3 * 3 + 5);
    assert_eq!(answer.choices, 3);
    let enough = Limits {
        max_nodes: 14,
        ..Limits::default()
    };
    assert_eq!(exact(&model, &atom, &enough), Ok(answer));
    let small = Limits {
        max_nodes: 13,
        ..Limits::default()
    };
    assert!(matches!(
        exact(&model, &atom, &small),
        Err(ProbError::TooManyNodes { limit: 13, .. })
    ));
}

#[test]
fn a_deadline_passed_stops_the_exact_computation() {
    let text = "fact a p likely\nfact b p likely\nrule r: a p and b p implies d p\n";
    let analysis = Analysis::parse("t.augur", text).expect("the program checks");
    let model = analysis
        .run("default", &Options::default())
        .expect("it runs");
    let atom = analysis.atom("d p").expect("it can hold");
    let now = std::time::Instant::now();
    let later = Limits {
        deadline: Some(now + std::time::Duration::from_secs(3600)),
        ..Limits::default()
    };
    assert!(exact(&model, &atom, &later).is_ok());
    let passed = Limits {
        deadline: now.checked_sub(std::time::Duration::from_millis(1)),
        ..Limits::default()
    };
    assert!(
        passed.deadline.is_some(),
        "the clock allows a moment in the past"
    );
    assert!(matches!(
        exact(&model, &atom, &passed),
        Err(ProbError::ExactTimeout { .. })
    ));
}

#[test]
fn bands_are_symmetric_and_hold_their_midpoints() {
    for level in Likelihood::ALL {
        assert_eq!(band(level_probability(level)), Some(level));
        if let Some(mirror) = level.negated() {
            assert_eq!(band(1.0 - level_probability(level)), Some(mirror));
        }
    }
    // Each edge and its mirror (written out: `1.0 - 0.55` is below 0.45 in floating point).
    for (edge, mirror) in [(0.05, 0.95), (0.2, 0.8), (0.45, 0.55)] {
        let (a, b) = (band(edge), band(mirror));
        assert_eq!(a.and_then(Likelihood::negated), b, "{edge}");
    }
    assert_eq!(band(0.0), None);
}

#[test]
fn an_open_question_has_no_probability() {
    let text = "document d \"D\"\nopen a p cite d \"x\"\nfact b p\nscenario s { }\n";
    let analysis = Analysis::parse("t.augur", text).expect("the program checks");
    let model = analysis.run("s", &Options::default()).expect("it runs");
    let atom = analysis.atom("a p").expect("it is open");
    assert!(matches!(
        exact(&model, &atom, &Limits::default()),
        Err(ProbError::OpenQuestion { .. })
    ));
}

#[test]
fn the_band_is_certain_only_for_a_certain_atom() {
    let mut text: String = (0..8000)
        .map(|i| format!("fact p(c{i}) unlikely\n"))
        .collect();
    text += "fact q r\nrule wide: p(?x) implies z q\nrule sure: q r implies y q\n";
    let analysis = Analysis::parse("t.augur", &text).expect("the program checks");
    let model = analysis
        .run("default", &Options::default())
        .expect("it runs");
    let ask = |atom: &str| {
        let atom = analysis.atom(atom).expect("it can hold");
        exact(&model, &atom, &Limits::default()).expect("it compiles")
    };
    let wide = ask("z q");
    assert_eq!(wide.probability, 1.0, "1 - 0.675^8000 rounds to 1");
    assert_eq!(wide.likelihood, Some(Likelihood::AlmostCertain));
    assert_eq!(ask("y q").likelihood, Some(Likelihood::Certain));
}

#[test]
fn sensitivity_of_two_routes_and_of_a_rule_with_two_instances() {
    let text = "fact a p likely\nfact b p likely\nfact w(c0)\nfact w(c1)\n\
        rule one: a p implies c q\nrule two: b p implies c q\n\
        rule wide: w(?x) implies z q likely\n";
    let analysis = Analysis::parse("t.augur", text).expect("the program checks");
    let model = analysis
        .run("default", &Options::default())
        .expect("it runs");
    let p = analysis.program();
    let of = |atom: &str| {
        let atom = analysis.atom(atom).expect("it can hold");
        let s = sensitivity(&model, &atom, &Limits::default()).expect("it compiles");
        let rows: Vec<(String, f64, f64, f64, f64)> = s
            .claims
            .iter()
            .map(|e| {
                let name = match &e.claim {
                    ClaimRef::Rule(r) => p.rule(*r).name.to_string(),
                    ClaimRef::Group(g) => p.choices()[g.index()].name.to_string(),
                    ClaimRef::Leaf { atom, .. } => p.show_atom(atom),
                };
                (name, e.probability, e.derivative, e.low, e.high)
            })
            .collect();
        (s.probability, rows)
    };
    let (prob, rows) = of("c q");
    assert!(close(prob, 0.894375), "{prob} {rows:?}");
    // The facts first, dP/da = 1 - b = 0.325; then the (certain) rules, dP/dr1 = a (1 - b)
    // = 0.219375; ties in the order the lineage meets them.
    let want = [
        ("a p", 0.675, 0.325, 0.675, 1.0),
        ("b p", 0.675, 0.325, 0.675, 1.0),
        ("one", 1.0, 0.675 * 0.325, 0.675, 0.894375),
        ("two", 1.0, 0.675 * 0.325, 0.675, 0.894375),
    ];
    assert_eq!(rows.len(), want.len(), "{rows:?}");
    for (got, want) in rows.iter().zip(want) {
        assert_eq!(got.0, want.0);
        for (g, w) in [
            (got.1, want.1),
            (got.2, want.2),
            (got.3, want.3),
            (got.4, want.4),
        ] {
            assert!(close(g, w), "{got:?} against {want:?}");
        }
    }
    // One claim for both instances of `wide`: P = 1 - (1 - r)^2, dP/dr = 2 (1 - r).
    let (prob, rows) = of("z q");
    assert!(close(prob, 1.0 - 0.325f64.powi(2)), "{prob} {rows:?}");
    assert_eq!(rows[0].0, "wide");
    assert!(close(rows[0].2, 2.0 * 0.325));
    assert!(close(rows[0].3, 0.0) && close(rows[0].4, 1.0));
}

#[test]
fn wilson_intervals_match_the_formula() {
    let [lo, hi] = wilson(0, 10);
    assert!(lo == 0.0 && (hi - 0.277_532).abs() < 1e-6, "{lo} {hi}");
    let [lo, hi] = wilson(5, 10);
    assert!((lo - 0.236_593).abs() < 1e-6 && (hi - 0.763_407).abs() < 1e-6);
    let [lo, hi] = wilson(10, 10);
    assert!(
        (lo - 0.722_468).abs() < 1e-6 && (hi - 1.0).abs() < 1e-12,
        "{lo} {hi}"
    );
}

#[test]
fn monte_carlo_is_seeded_contains_the_exact_answer_and_ignores_threads() {
    let text = "fact a p likely\nfact b p likely\nfact g q unlikely\n\
        rule one: a p implies c q\nrule two: b p implies c q\n\
        rule neg: c q and not g q implies d q very_likely\n\
        fact edge(a, b) likely\nfact edge(b, a) likely\n\
        rule base: edge(?x, ?y) implies reach(?x, ?y)\n\
        rule step: reach(?x, ?y) and edge(?y, ?z) implies reach(?x, ?z)\n";
    let analysis = Analysis::parse("t.augur", text).expect("the program checks");
    let model = analysis
        .run("default", &Options::default())
        .expect("it runs");
    for atom in ["c q", "d q", "reach(a, a)"] {
        let atom = analysis.atom(atom).expect("it can hold");
        let exact = exact(&model, &atom, &Limits::default()).expect("it compiles");
        let sampled = |threads| {
            let sampling = Sampling {
                samples: 20_000,
                seed: 7,
                threads,
                deadline: None,
            };
            monte_carlo(&model, &atom, &sampling).expect("it samples")
        };
        let one = sampled(1);
        assert_eq!(one, sampled(3), "the same whatever the threads");
        let [lo, hi] = one.interval;
        assert!(
            lo <= exact.probability && exact.probability <= hi,
            "{one:?} {exact:?}"
        );
        assert_eq!(one.samples, 20_000);
        assert!((one.probability - one.hits as f64 / 20_000.0).abs() < 1e-15);
    }
    // Another seed draws other worlds.
    let c = analysis.atom("c q").expect("it can hold");
    let with = |seed| {
        let s = Sampling {
            samples: 5_000,
            seed,
            threads: 2,
            deadline: None,
        };
        monte_carlo(&model, &c, &s).expect("it samples").hits
    };
    assert_ne!(with(1), with(2));
}

#[test]
fn a_long_chain_holds_a_few_diagrams_at_a_time() {
    let n = 2000;
    let mut text = String::from("fact n0 p very_likely\n");
    for i in 1..n {
        text += &format!("rule r{i}: p{}(n) implies p{i}(n) very_likely\n", i - 1);
    }
    let text = text.replace("p0(n)", "n0 p");
    let analysis = Analysis::parse("t.augur", &text).expect("the program checks");
    let model = analysis
        .run("default", &Options::default())
        .expect("it runs");
    let last = analysis.atom(&format!("p{}(n)", n - 1)).expect("it holds");
    let answer = exact(&model, &last, &Limits::default()).expect("it compiles");
    assert!((answer.probability / 0.875f64.powi(n) - 1.0).abs() < 1e-9);
    assert_eq!(answer.likelihood, Some(Likelihood::AlmostNoChance));
    // Each link's diagram is dropped once the next is built: linear, not quadratic.
    assert!(
        answer.nodes < 3 * n as usize + 10,
        "{} nodes held",
        answer.nodes
    );
    // Every atom of the chain at once: each counted when built, then dropped.
    let atoms: Vec<_> = model.conclusions().into_iter().map(|c| c.atom).collect();
    let all = exact_all(&model, &atoms, &Limits::default()).expect("it compiles");
    for (i, a) in all.iter().enumerate() {
        let want = 0.875f64.powi(i as i32 + 2);
        assert!(
            (a.probability / want - 1.0).abs() < 1e-9,
            "{i}: {}",
            a.probability
        );
    }
    // A sample of it draws no world where it holds, yet the band is not "no world".
    let sampling = Sampling {
        samples: 1000,
        seed: 0,
        threads: 1,
        deadline: None,
    };
    let e = monte_carlo(&model, &last, &sampling).expect("it samples");
    assert_eq!(
        (e.hits, e.likelihood),
        (0, Some(Likelihood::AlmostNoChance))
    );
}

#[test]
fn shards_add_up_to_the_run_and_progress_reaches_each_shards_worlds() {
    let text = "fact a p likely\nfact b p likely\n\
        rule one: a p implies c q\nrule two: b p implies c q\n";
    let analysis = Analysis::parse("t.augur", text).expect("the program checks");
    let model = analysis
        .run("default", &Options::default())
        .expect("it runs");
    let c = analysis.atom("c q").expect("it can hold");
    // 10 blocks and a part block: 3 shards take 3, 4 and 4 of the 11 blocks.
    let sampling = Sampling {
        samples: 10 * 4096 + 100,
        seed: 3,
        threads: 2,
        deadline: None,
    };
    let whole = monte_carlo(&model, &c, &sampling).expect("it samples");
    let (mut drawn, mut hits) = (0, 0);
    for i in 0..3 {
        let shard = Shard::new(i, 3).expect("i < 3");
        let seen = std::sync::Mutex::new(Vec::new());
        let part = monte_carlo_with_progress(&model, &c, &sampling, shard, &|done, total| {
            seen.lock().expect("not poisoned").push((done, total));
        })
        .expect("it samples");
        let mut seen = seen.into_inner().expect("not poisoned");
        seen.sort_unstable();
        // Told once a block, the last time with every world of the shard drawn.
        assert_eq!(seen.last(), Some(&(part.drawn, part.drawn)), "{seen:?}");
        assert_eq!(seen.len(), [3, 4, 4][i as usize]);
        drawn += part.drawn;
        hits += part.hits;
    }
    assert_eq!(drawn, sampling.samples);
    assert_eq!(hits, whole.hits);
    assert_eq!(Shard::new(3, 3), None);
}

#[test]
fn a_lineage_past_the_choices_a_u32_numbers_is_refused_not_numbered_twice() {
    use super::lineage::{Claims, Ground};
    // `c q` rests on three choices: the two facts and one of the two rules' instances
    // (the other, `certain`, is none).
    let a = Analysis::parse(
        "t.augur",
        "fact a p likely\nfact b p likely\nrule one: a p and b p implies c q likely\n",
    )
    .expect("checks");
    let model = a.run("default", &Options::default()).expect("runs");
    let atom = a.atom("c q").expect("resolves");
    let atoms = std::slice::from_ref(&atom);
    let (ground, _) =
        Ground::collect_within(&model, atoms, Claims::Uncertain, 3).expect("three fit in three");
    assert_eq!(ground.choices().len(), 3);
    let past = Ground::collect_within(&model, atoms, Claims::Uncertain, 2);
    assert!(matches!(past, Err(2)), "{past:?}");
}
