//! Exact probabilities against ProbLog 2.3 on the same random programs (issue 13): the
//! programs tests/problog.rs checks (tests/common/programs.rs, translated by
//! tests/common/problog.rs), augur's side in this process (parse, plan, run the scenario,
//! the exact probabilities of all its atoms in one compilation, as ProbLog compiles all its
//! queries at once), ProbLog's in one Python process (grounding,
//! compiling, counting; its start and reading left out), and the ratio of the two, from
//! one run on the same machine. Programs ProbLog does not finish within its time are left
//! out of both sides. `cargo bench --bench problog` (needs `pip install problog`);
//! `AUGUR_BENCH_QUICK=1` runs 10 programs. Nothing here asserts a timing; it asserts that
//! both sides agree to 1e-9.

#![expect(clippy::print_stdout, reason = "a benchmark reports on stdout")]
#![expect(clippy::unwrap_used, reason = "a benchmark fails loudly")]

use std::time::{Duration, Instant};

use augur::Analysis;
use augur::engine::Options;
use augur::prob::{self, Limits};

mod common {
    #![allow(dead_code, reason = "shared with the tests, which use more of them")]
    #[path = "../../tests/common/problog.rs"]
    pub mod problog;
    #[path = "../../tests/common/programs.rs"]
    pub mod programs;
    #[path = "../../tests/common/worlds.rs"]
    pub mod worlds;
    #[path = "../../tests/common/written.rs"]
    pub mod written;
}
use common::problog::{Answer, Problem, cross_check_programs, run_problog, translate};
use common::programs::*;

/// augur's time on one scenario of `p`, its atoms (every one that holds, and three that do
/// not) and their probabilities.
fn augur_side(p: &Prog, i: usize) -> (Duration, Vec<Atom>, Vec<f64>) {
    let start = Instant::now();
    let analysis = Analysis::parse("gen.augur", &p.text_with_scenarios()).unwrap();
    let model = analysis.run(&format!("s{i}"), &Options::default()).unwrap();
    // All atoms of the scenario in one compilation, as ProbLog compiles all its queries.
    let named: Vec<(Atom, augur::program::GroundAtom)> = all_atoms(p)
        .into_iter()
        .filter_map(|a| Some((a.clone(), analysis.atom(&ground_text(&a)).ok()?)))
        .collect();
    let resolved: Vec<augur::program::GroundAtom> = named.iter().map(|n| n.1.clone()).collect();
    let answers = prob::exact_all(&model, &resolved, &Limits::default()).unwrap();
    let (mut atoms, mut ps, mut absent) = (Vec::new(), Vec::new(), 0);
    for ((atom, _), x) in named.into_iter().zip(answers) {
        if x.likelihood.is_none() {
            if absent == 3 {
                continue;
            }
            absent += 1;
        }
        atoms.push(atom);
        ps.push(x.probability);
    }
    (start.elapsed(), atoms, ps)
}

fn main() {
    let quick = std::env::var_os("AUGUR_BENCH_QUICK").is_some();
    let n = if quick { 5 } else { 60 };
    let programs = cross_check_programs(n);
    let mut problems: Vec<Problem> = Vec::new();
    let mut ours = Vec::new();
    for p in &programs {
        for i in 0..p.scenarios.len() {
            let (time, atoms, ps) = augur_side(p, i);
            problems.push(translate(p, i, &atoms));
            ours.push((time, ps));
        }
    }
    let answers = run_problog(&problems, 4);
    let (mut augur, mut left_out, mut atoms) = (Duration::ZERO, 0, 0);
    for ((time, ps), theirs) in ours.iter().zip(&answers.results) {
        match theirs {
            Answer::Probabilities(theirs) => {
                for (a, b) in ps.iter().zip(theirs) {
                    assert!((a - b).abs() < 1e-9, "augur {a}, ProbLog {b}");
                }
                augur += *time;
                atoms += ps.len();
            }
            Answer::Timeout => left_out += 1,
            Answer::Error(e) => panic!("ProbLog: {e}"),
        }
    }
    // ProbLog's seconds include those it spent on the programs left out: each ran to the
    // limit, so they are taken off.
    let problog = answers.seconds - 4.0 * f64::from(left_out);
    let compared = problems.len() - left_out as usize;
    println!(
        "problog: {compared} scenarios ({atoms} atoms; {left_out} left out: past 4 s of ProbLog)"
    );
    println!(
        "  augur exact {:>10.1} ms   ProbLog {:>10.1} ms   ratio {:.0}x",
        augur.as_secs_f64() * 1e3,
        problog * 1e3,
        problog / augur.as_secs_f64()
    );
}
