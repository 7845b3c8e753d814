//! `augur prob` checked against ProbLog 2.3 (issue 13): random stratified programs with
//! variables, recursion, negation, every likelihood and scenarios that assume, forbid and
//! extend (tests/common/programs.rs), each scenario translated to ProbLog
//! (tests/common/problog.rs) and all of them evaluated by one Python process. Every atom
//! that holds in a scenario's model, and a few that do not: augur's exact probability equals
//! ProbLog's to 1e-9, and augur's Monte Carlo estimate's interval at five standard deviations
//! (a false alarm about once in two million atoms) holds ProbLog's. ProbLog's grounding of
//! a small cyclic program can take minutes: each program is held to [`PROBLOG_SECONDS`],
//! and those past it are counted, and must be few.
//!
//! ProbLog comes from `pip install problog` (.ci/run installs it). Without it the test says
//! loudly that it skipped, or fails when AUGUR_REQUIRE_TOOLS is set, as in CI.

mod common;

use augur::Analysis;
use augur::engine::Options;
use augur::prob::{self, Limits};
use common::problog::{
    Answer, Problem, cross_check_programs, problog_installed, run_problog, translate,
};
use common::programs::*;

/// Programs of each generator.
const PROGRAMS: usize = 60;

/// Lineages past this many diagram nodes are left out (rare; ProbLog would take long too).
const MAX_NODES: usize = 20_000;

/// Atoms that do not hold in a scenario's model asked about per scenario (P = 0).
const ABSENT: usize = 3;

/// Seconds ProbLog may spend on one program.
const PROBLOG_SECONDS: u32 = 4;

/// Worlds sampled per atom.
const SAMPLES: u64 = 20_000;

/// augur's side of one scenario: each atom with its exact P and its sample's hits.
struct Ours {
    atoms: Vec<Atom>,
    exact: Vec<f64>,
    hits: Vec<u64>,
}

/// augur's answers for every atom that holds in scenario `i` of `p`, and [`ABSENT`] that
/// do not; `None` when a lineage is past [`MAX_NODES`].
fn ours(p: &Prog, analysis: &Analysis, i: usize) -> Option<Ours> {
    let model = analysis
        .run(&format!("s{i}"), &Options::default())
        .unwrap_or_else(|e| panic!("{e:?}"));
    let limits = Limits {
        max_nodes: MAX_NODES,
        deadline: None,
    };
    let mut out = Ours {
        atoms: Vec::new(),
        exact: Vec::new(),
        hits: Vec::new(),
    };
    let mut absent = 0;
    for atom in all_atoms(p) {
        let Ok(resolved) = analysis.atom(&ground_text(&atom)) else {
            continue;
        };
        let exact = match prob::exact(&model, &resolved, &limits) {
            Ok(x) if x.likelihood.is_none() && absent == ABSENT => continue,
            Ok(x) => {
                absent += usize::from(x.likelihood.is_none());
                x.probability
            }
            Err(prob::ProbError::TooManyNodes { .. }) => return None,
            Err(e) => panic!("{e:?}"),
        };
        let sampling = prob::Sampling {
            samples: SAMPLES,
            seed: out.atoms.len() as u64,
            threads: 2,
            deadline: None,
        };
        let estimate =
            prob::monte_carlo(&model, &resolved, &sampling).unwrap_or_else(|e| panic!("{e:?}"));
        out.atoms.push(atom);
        out.exact.push(exact);
        out.hits.push(estimate.hits);
    }
    Some(out)
}

/// The chance of a sample at least as far from `p` as `hits` in `n` is, on its side (the
/// binomial tail, summed exactly in log space): a sample no true `p` explains has a tail
/// below [`TAIL`]. An interval at a fixed number of standard errors does not do here: a
/// literal of 0.999999 misses once in 20,000 worlds one time in fifty, and a Wilson interval
/// then ends below it.
fn tail(hits: u64, n: u64, p: f64) -> f64 {
    if p <= 0.0 {
        return if hits == 0 { 1.0 } else { 0.0 };
    }
    if p >= 1.0 {
        return if hits == n { 1.0 } else { 0.0 };
    }
    let (ln_p, ln_q) = (p.ln(), (1.0 - p).ln());
    // ln C(n, k) by the sum of ln((n - k + i) / i).
    let ln_pmf = |k: u64| -> f64 {
        let ln_choose: f64 = (1..=k)
            .map(|i| ((n - k + i) as f64).ln() - (i as f64).ln())
            .sum();
        ln_choose + k as f64 * ln_p + (n - k) as f64 * ln_q
    };
    let at = ln_pmf(hits);
    // The side of the mean `hits` lies on, summed term by term from `hits` outwards (each
    // term from the one before by the ratio of neighbouring binomial terms).
    let below = (hits as f64) < n as f64 * p;
    let (mut ln_term, mut sum, mut k) = (at, at.exp(), hits);
    loop {
        let next = if below {
            if k == 0 {
                break;
            }
            ln_term + (k as f64).ln() - ((n - k + 1) as f64).ln() + ln_q - ln_p
        } else {
            if k == n {
                break;
            }
            ln_term + ((n - k) as f64).ln() - ((k + 1) as f64).ln() + ln_p - ln_q
        };
        k = if below { k - 1 } else { k + 1 };
        ln_term = next;
        let term = ln_term.exp();
        sum += term;
        if term < sum * 1e-17 {
            break;
        }
    }
    sum
}

/// A sampled count whose tail is below this is not ProbLog's P's doing: about seven
/// standard errors, once in a trillion, so hundreds of atoms never trip it by chance.
const TAIL: f64 = 1e-12;

/// What the generated programs exercised, so that the test cannot pass on programs that
/// miss what it claims to check.
#[derive(Default, Debug)]
struct Seen {
    levels: [bool; 8],
    negation: usize,
    recursion: usize,
    forbidden: usize,
    scenarios: usize,
    atoms: usize,
    nonzero: usize,
    strictly_between: usize,
}

impl Seen {
    fn program(&mut self, p: &Prog, i: usize) {
        self.scenarios += 1;
        let (view, blocked) = p.scenario_view(&p.effective_lines(i));
        for (_, _, l) in view.facts.iter().chain(&view.assumes) {
            self.levels[*l] = true;
        }
        for r in &p.rules {
            self.levels[r.level] = true;
        }
        self.negation += usize::from(p.rules.iter().any(|r| !r.neg.is_empty()));
        self.recursion += usize::from(
            p.rules
                .iter()
                .any(|r| r.pos.iter().any(|a| a.pred == r.head.pred)),
        );
        self.forbidden += usize::from(!blocked.is_empty());
    }
}

#[test]
fn the_tail_of_a_binomial() {
    // 1 miss in 20,000 at 0.999999: about 2%.
    assert!((tail(19_999, 20_000, 0.999_999) - (1.0 - 0.999_999f64.powi(20_000))).abs() < 1e-6);
    // 10 hits of 10 at one half: 1/1024, on either side of the mean.
    assert!((tail(10, 10, 0.5) - 1.0 / 1024.0).abs() < 1e-15);
    assert!((tail(0, 10, 0.5) - 1.0 / 1024.0).abs() < 1e-15);
    // Half of 20,000 at 0.3: far past seven standard errors.
    assert!(tail(10_000, 20_000, 0.3) < TAIL);
    assert_eq!(tail(1, 20_000, 0.0), 0.0);
    assert_eq!(tail(20_000, 20_000, 1.0), 1.0);
}

#[test]
fn exact_and_sampled_probabilities_agree_with_problog() {
    if !common::required(problog_installed(), "ProbLog", "pip install problog") {
        return;
    }
    let mut problems: Vec<Problem> = Vec::new();
    let mut cases: Vec<(String, usize, Ours)> = Vec::new();
    let mut seen = Seen::default();
    let mut skipped = 0;
    for p in cross_check_programs(PROGRAMS) {
        let text = p.text_with_scenarios();
        let analysis = Analysis::parse("gen.augur", &text).unwrap_or_else(|e| panic!("{e:?}"));
        for i in 0..p.scenarios.len() {
            let Some(ours) = ours(&p, &analysis, i) else {
                skipped += 1;
                continue;
            };
            seen.program(&p, i);
            problems.push(translate(&p, i, &ours.atoms));
            cases.push((text.clone(), i, ours));
        }
    }
    let answers = run_problog(&problems, PROBLOG_SECONDS);
    let mut timeouts = 0;
    for ((text, i, ours), (problem, theirs)) in
        cases.iter().zip(problems.iter().zip(&answers.results))
    {
        let theirs = match theirs {
            Answer::Probabilities(p) => p,
            Answer::Timeout => {
                timeouts += 1;
                continue;
            }
            Answer::Error(e) => panic!("ProbLog: {e}\n{}", problem.program),
        };
        for (k, atom) in ours.atoms.iter().enumerate() {
            let (exact, want) = (ours.exact[k], theirs[k]);
            let shown = ground_text(atom);
            assert!(
                (exact - want).abs() < 1e-9,
                "P({shown}) in s{i}: augur {exact}, ProbLog {want}\n{text}\n{}",
                problem.program
            );
            let chance = tail(ours.hits[k], SAMPLES, want);
            assert!(
                chance >= TAIL,
                "P({shown}) in s{i}: {} of {SAMPLES} sampled worlds, {chance:e} likely at \
                 ProbLog's {want}\n{text}\n{}",
                ours.hits[k],
                problem.program
            );
            seen.atoms += 1;
            seen.nonzero += usize::from(want > 0.0);
            seen.strictly_between += usize::from(want > 0.0 && want < 1.0);
        }
    }
    // What was compared, for --nocapture.
    eprintln!(
        "{} scenarios, {} atoms compared; {skipped} past {MAX_NODES} nodes, {timeouts} past \
         {PROBLOG_SECONDS} s of ProbLog; ProbLog took {:.1} s",
        seen.scenarios, seen.atoms, answers.seconds
    );
    // The programs exercised what the test claims to check.
    assert!(seen.levels.iter().all(|&l| l), "{seen:?}");
    assert!(seen.negation >= 20 && seen.recursion >= 20, "{seen:?}");
    assert!(seen.forbidden >= 20, "{seen:?}");
    assert!(seen.strictly_between >= 300, "{seen:?}");
    assert!(skipped * 10 < seen.scenarios, "{skipped} skipped: {seen:?}");
    assert!(
        timeouts * 10 < seen.scenarios,
        "{timeouts} past ProbLog's time: {seen:?}"
    );
}
