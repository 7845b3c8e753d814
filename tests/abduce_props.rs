//! Property tests of abduction on small random programs: every set it lists is verified
//! (a run of the scenario with the set's changes meets the goal, at the likelihood
//! reported) and minimal, and the list is complete: it equals the minimal working sets
//! found by brute force over every change the language allows, unpruned.

#![expect(
    clippy::unwrap_used,
    reason = "helpers of a test: a program that fails to load or run fails the test"
)]

use augur::abduce::{self, Bounds, Goal, Question};
use augur::engine::Options;
use augur::program::{GroundAtom, Program, WhatIf};
use augur::{Analysis, Likelihood, Session};
use proptest::prelude::*;

const ATOMS: usize = 6;

/// What a scenario line says about an atom.
#[derive(Clone, Copy, Debug)]
enum Line {
    None,
    Assume(Likelihood),
    Forbid,
}

/// A rule: its conclusion atom (1..ATOMS), premises (an atom below it, negated?), level.
type Rule = (usize, Vec<(usize, bool)>, Likelihood);

#[derive(Clone, Debug)]
struct Prog {
    rules: Vec<Rule>,
    facts: Vec<(usize, Likelihood)>,
    assumable: Vec<bool>,
    open_first: bool,
    lines: Vec<Line>,
}

fn level() -> impl Strategy<Value = Likelihood> {
    prop::sample::select(Likelihood::ALL.to_vec())
}

fn arb_prog() -> impl Strategy<Value = Prog> {
    let rule = (1..ATOMS).prop_flat_map(|head| {
        (
            Just(head),
            prop::collection::vec((0..head, prop::bool::weighted(0.3)), 1..=2),
            level(),
        )
    });
    let line = prop_oneof![
        3 => Just(Line::None),
        2 => level().prop_map(Line::Assume),
        1 => Just(Line::Forbid),
    ];
    (
        prop::collection::vec(rule, 1..7),
        prop::collection::vec((0..ATOMS, level()), 0..2),
        prop::collection::vec(prop::bool::weighted(0.6), ATOMS),
        any::<bool>(),
        prop::collection::vec(line, ATOMS),
    )
        .prop_map(|(rules, facts, assumable, open_first, lines)| Prog {
            rules,
            facts,
            assumable,
            open_first,
            lines,
        })
}

fn atom(i: usize) -> String {
    format!("a{i} p")
}

impl Prog {
    fn is_fact(&self, i: usize) -> bool {
        self.facts.iter().any(|&(f, _)| f == i)
    }

    /// Atom 0 is concluded by no rule, so it may be an open question.
    fn is_open(&self, i: usize) -> bool {
        i == 0 && self.open_first && !self.is_fact(0)
    }

    fn text(&self) -> String {
        let mut out = String::new();
        for (i, &a) in self.assumable.iter().enumerate() {
            if a {
                out.push_str(&format!("assumable {}\n", atom(i)));
            }
        }
        for &(f, l) in &self.facts {
            out.push_str(&format!("fact {} {l}\n", atom(f)));
        }
        if self.is_open(0) {
            out.push_str(&format!("open {}\n", atom(0)));
        }
        for (n, (head, premises, l)) in self.rules.iter().enumerate() {
            let body: Vec<String> = premises
                .iter()
                .map(|&(p, neg)| format!("{}{}", if neg { "not " } else { "" }, atom(p)))
                .collect();
            out.push_str(&format!(
                "rule r{n}: {} implies {} {l}\n",
                body.join(" and "),
                atom(*head)
            ));
        }
        out.push_str("scenario s {\n");
        for (i, line) in self.lines.iter().enumerate() {
            match line {
                Line::None => {}
                Line::Assume(l) => out.push_str(&format!("  assume {} {l}\n", atom(i))),
                Line::Forbid => out.push_str(&format!("  assume not {}\n", atom(i))),
            }
        }
        out.push_str("}\n");
        out
    }

    /// Every change the language allows on scenario s, as (word, atom index).
    fn universe(&self, goal: usize, interventions: bool) -> Vec<(&'static str, usize)> {
        let mut out = Vec::new();
        for i in 0..ATOMS {
            let line = self.lines[i];
            if self.is_open(i) {
                out.push(("open", i));
            } else if self.assumable[i] && !matches!(line, Line::Assume(Likelihood::Certain)) {
                out.push(("assume", i));
            }
            match line {
                Line::Assume(_) => out.push(("withdraw", i)),
                Line::Forbid => out.push(("lift", i)),
                Line::None => {}
            }
            if interventions && i != goal && !self.is_fact(i) && !matches!(line, Line::Forbid) {
                out.push(("forbid", i));
            }
        }
        out
    }
}

/// Whether change `a` is done by change `b` (the order minimality is under).
fn within(a: (&str, usize), b: (&str, usize)) -> bool {
    a.1 == b.1 && (a.0 == b.0 || matches!((a.0, b.0), ("lift", "assume") | ("withdraw", "forbid")))
}

fn what_if(analysis: &Analysis, set: &[(&str, usize)]) -> WhatIf {
    let mut change = WhatIf::default();
    for &(word, i) in set {
        let a = analysis.hypothesis(&atom(i)).unwrap();
        match word {
            "assume" | "open" => change.added.push((a, Likelihood::Certain)),
            "withdraw" | "lift" => change.withdrawn.push(a),
            _ => change.forbidden.push(a),
        }
    }
    change
}

fn meets(
    session: &Session<'_>,
    change: &WhatIf,
    goal: &GroundAtom,
    want: Goal,
) -> Option<Option<Likelihood>> {
    let s = session.scenario("s").unwrap();
    let model = session.what_if(s, change, &Options::default()).unwrap();
    let level = model.likelihood(goal);
    match want {
        Goal::Holds => level.map(Some),
        Goal::StopsHolding => level.is_none().then_some(None),
    }
}

/// The minimal working sets of at most `max` changes, by trying every set.
fn brute_force(
    analysis: &Analysis,
    universe: &[(&'static str, usize)],
    goal: &GroundAtom,
    want: Goal,
    max: usize,
) -> Vec<Vec<(&'static str, usize)>> {
    let session = analysis.session();
    let mut working: Vec<Vec<(&'static str, usize)>> = Vec::new();
    let n = universe.len();
    for mask in 0u32..(1 << n) {
        if mask.count_ones() as usize > max {
            continue;
        }
        let set: Vec<_> = (0..n)
            .filter(|b| mask & (1 << b) != 0)
            .map(|b| universe[b])
            .collect();
        let distinct = set
            .iter()
            .enumerate()
            .all(|(k, a)| set[..k].iter().all(|b| b.1 != a.1));
        if distinct && meets(&session, &what_if(analysis, &set), goal, want).is_some() {
            working.push(set);
        }
    }
    working
        .iter()
        .filter(|s| {
            !working
                .iter()
                .any(|t| t != *s && t.iter().all(|&x| s.iter().any(|&y| within(x, y))))
        })
        .cloned()
        .collect()
}

fn names(program: &Program, e: &abduce::Explanation) -> Vec<String> {
    let mut out: Vec<String> = e
        .changes
        .iter()
        .map(|c| format!("{} {}", c.kind.word(), program.show_atom(&c.atom)))
        .collect();
    out.extend(
        e.open
            .iter()
            .map(|a| format!("open {}", program.show_atom(a))),
    );
    out.sort();
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn every_set_is_verified_minimal_and_the_list_complete(
        p in arb_prog(),
        goal in 0..ATOMS,
        holds in any::<bool>(),
        interventions in any::<bool>(),
    ) {
        let text = p.text();
        let analysis = Analysis::parse("t.augur", &text).unwrap();
        let Ok(goal_atom) = analysis.atom(&atom(goal)) else {
            return Ok(()); // an atom that can never hold cannot be asked about
        };
        let want = if holds { Goal::Holds } else { Goal::StopsHolding };
        let bounds = Bounds { max_size: 3, limit: 10_000, interventions, max_runs: 1_000_000 };
        let session = analysis.session();
        let s = session.scenario("s").unwrap();
        let answer = abduce::abduce(
            &session, s, &Question::new(goal_atom.clone(), want), &bounds, &Options::default(),
        ).unwrap();
        prop_assert!(answer.complete, "{text}");
        // Verified: each set's run meets the goal, at the likelihood reported.
        for e in &answer.explanations {
            let got = meets(&session, &e.what_if(), &goal_atom, want);
            prop_assert_eq!(got, Some(e.likelihood), "{}", text);
        }
        // Ordered: size, then likelihood (strongest first), then text.
        let keys: Vec<_> = answer.explanations.iter().map(|e| {
            (e.size(), std::cmp::Reverse(e.likelihood),
             abduce::render::set_text(analysis.program(), e))
        }).collect();
        let mut sorted = keys.clone();
        sorted.sort();
        prop_assert_eq!(&keys, &sorted);
        // Complete and minimal: the same sets as brute force over the unpruned universe.
        // Atoms whose constant the program never uses cannot be named in a change.
        let mut universe = p.universe(goal, interventions);
        universe.retain(|&(_, i)| analysis.hypothesis(&atom(i)).is_ok());
        let expected = brute_force(&analysis, &universe, &goal_atom, want, 3);
        let mut expected: Vec<Vec<String>> = expected.iter().map(|set| {
            let mut v: Vec<String> = set.iter().map(|(w, i)| format!("{w} {}", atom(*i))).collect();
            v.sort();
            v
        }).collect();
        expected.sort();
        let mut got: Vec<Vec<String>> =
            answer.explanations.iter().map(|e| names(analysis.program(), e)).collect();
        got.sort();
        prop_assert_eq!(got, expected, "{}", text);
    }
}
