//! What-if runs on the shipped rules (`rules/`), in one process on one planned
//! [`augur::Session`]: 10,000 random changes of a random scenario (assumptions added at a
//! random likelihood, withdrawn or forbidden), against two references measured in the same
//! run: a plain run of the same scenarios on the same session (what a what-if adds to a run)
//! and a run that plans first (`Analysis::run`, what a what-if saves by planning nothing).
//!
//! Each figure is the median of five rounds over the same seeded changes. `cargo bench
//! --bench whatif`; `AUGUR_BENCH_QUICK=1` runs 1,000 changes, one round, as CI does to keep
//! the bench working. Nothing here asserts a timing; it asserts that each run succeeds.

#![expect(clippy::print_stdout, reason = "a benchmark reports on stdout")]
#![expect(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a benchmark fails loudly"
)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use augur::engine::Options;
use augur::program::{GroundAtom, ScenarioId, WhatIf};
use augur::{Analysis, Likelihood, Session};

#[path = "common/rng.rs"]
mod rng;
use rng::Rng;

/// One of `items`, at random.
fn pick<'a, T>(rng: &mut Rng, items: &'a [T]) -> &'a T {
    &items[rng.below(items.len())]
}

/// The atoms a change may touch: every atom some scenario assumes or forbids, and every
/// fact (forbidding a fact is a what-if too).
fn atoms(analysis: &Analysis) -> Vec<GroundAtom> {
    let p = analysis.program();
    let mut atoms: Vec<GroundAtom> = p
        .scenarios()
        .iter()
        .flat_map(|s| s.assumptions.iter().map(|a| a.atom.clone()))
        .chain(p.facts().iter().map(|f| f.atom.clone()))
        .collect();
    atoms.sort();
    atoms.dedup();
    atoms
}

/// `n` random what-ifs: a scenario and one to three changes, no atom changed twice.
fn changes(analysis: &Analysis, n: usize) -> Vec<(ScenarioId, WhatIf)> {
    let atoms = atoms(analysis);
    let scenarios = analysis.program().scenarios().len();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    (0..n)
        .map(|_| {
            let scenario = ScenarioId::from_index(rng.below(scenarios));
            let mut change = WhatIf::default();
            let mut used: Vec<&GroundAtom> = Vec::new();
            for _ in 0..=rng.below(3) {
                let atom = pick(&mut rng, &atoms);
                if used.contains(&atom) {
                    continue;
                }
                used.push(atom);
                change = match rng.below(3) {
                    0 => change.add(atom.clone(), *pick(&mut rng, &Likelihood::ALL)),
                    1 => change.withdraw(atom.clone()),
                    _ => change.forbid(atom.clone()),
                };
            }
            (scenario, change)
        })
        .collect()
}

/// The median of `rounds` timings of `f`, per item of `n`.
fn per_run(rounds: usize, n: usize, mut f: impl FnMut() -> usize) -> (Duration, usize) {
    let mut times = Vec::with_capacity(rounds);
    let mut check = 0;
    for _ in 0..rounds {
        let start = Instant::now();
        check = black_box(f());
        times.push(start.elapsed());
    }
    times.sort();
    (times[rounds / 2] / u32::try_from(n).unwrap(), check)
}

fn micros(d: Duration) -> String {
    format!("{:.1} µs", d.as_secs_f64() * 1e6)
}

fn main() {
    let quick = std::env::var_os("AUGUR_BENCH_QUICK").is_some();
    let (n, rounds) = if quick { (1_000, 1) } else { (10_000, 5) };
    let rules = concat!(env!("CARGO_MANIFEST_DIR"), "/rules");
    let analysis = Analysis::load(&[rules]).expect("the shipped rules check");
    let changes = changes(&analysis, n);
    let options = Options::default();
    let session: Session<'_> = analysis.session();
    let (what_if, sizes) = per_run(rounds, n, || {
        changes
            .iter()
            .map(|(s, c)| session.what_if(*s, c, &options).expect("runs").size())
            .sum()
    });
    let (plain, plain_sizes) = per_run(rounds, n, || {
        changes
            .iter()
            .map(|(s, _)| session.run(*s, &options).expect("runs").size())
            .sum()
    });
    // Planning each time costs far more: a tenth as many runs.
    let tenth = (n / 10).max(1);
    let names: Vec<&str> = changes[..tenth]
        .iter()
        .map(|(s, _)| analysis.program().scenarios()[s.index()].name.as_str())
        .collect();
    let (planned, _) = per_run(rounds, tenth, || {
        names
            .iter()
            .map(|name| analysis.run(name, &options).expect("runs").size())
            .sum()
    });
    let p = analysis.program();
    println!(
        "what-if on rules/ ({} rules, {} facts, {} scenarios): {n} random changes, median of {rounds}",
        p.rules().len(),
        p.facts().len(),
        p.scenarios().len()
    );
    println!(
        "  what-if run (planned once)      {:>10}  per run",
        micros(what_if)
    );
    println!(
        "  plain run of the same scenario  {:>10}  per run",
        micros(plain)
    );
    println!(
        "  plan + run (Analysis::run)      {:>10}  per run",
        micros(planned)
    );
    println!(
        "  what-if / plain {:.2}x, what-if / plan+run {:.2}x; atoms held: {sizes} with changes, {plain_sizes} without",
        what_if.as_secs_f64() / plain.as_secs_f64(),
        what_if.as_secs_f64() / planned.as_secs_f64()
    );
}
