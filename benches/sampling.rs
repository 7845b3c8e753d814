//! Issue 13's performance targets for probabilities, as ratios and rates from one run:
//!
//! 1. Monte Carlo on the shipped rules (`rules/`): sampled worlds per second on every core
//!    and on one, for the README's central conclusions (target: at least 100,000/s on 2
//!    cores).
//! 2. Monte Carlo against the W3 scenario rate for the same rule count: W3's network (200
//!    rules over 50 assumables, benches/suite/workloads.rs) with every assumable `even_chance`,
//!    worlds of its widest conclusion's lineage sampled per second, against the scenarios per
//!    second the engine evaluates on the same network in the same process (target: within
//!    2x, i.e. the ratio worlds/s over scenarios/s at least 0.5).
//! 3. `augur run --prob --all` on the shipped rules, whole process (the release binary
//!    spawned, median of 21): against `augur run --all` (target: under 100 ms).
//!
//! `cargo bench --bench sampling`; `AUGUR_BENCH_QUICK=1` draws fewer worlds and runs fewer
//! processes. Nothing here asserts a timing.

#![expect(clippy::print_stdout, reason = "a benchmark reports on stdout")]
#![expect(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a benchmark fails loudly"
)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use augur::engine::Options;
use augur::program::ScenarioId;
use augur::{Analysis, prob};

#[path = "common/rng.rs"]
mod rng;
#[path = "suite/workloads.rs"]
#[allow(dead_code, reason = "the suite's workloads; this bench uses W3's")]
mod workloads;

/// For workloads.rs (the suite's helper).
#[allow(dead_code, reason = "the suite's workloads call it; W3's does not")]
fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// The README's central conclusions, in the scenarios it shows them in.
const SHIPPED: [(&str, &str); 3] = [
    (
        "latin_america forges new_security_path",
        "trump_isolationist",
    ),
    ("china fills_gap_in latam_security", "trump_isolationist"),
    ("brazil has_space_to_lead latin_america", "brazil_led_order"),
];

/// Worlds per second sampling `atom` in `scenario` of `analysis` on `threads`.
fn worlds_per_second(
    analysis: &Analysis,
    scenario: &str,
    atom: &str,
    samples: u64,
    threads: usize,
) -> (f64, usize) {
    let model = analysis.run(scenario, &Options::default()).unwrap();
    let atom = analysis.atom(atom).unwrap();
    let choices = prob::exact(&model, &atom, &prob::Limits::default()).map_or(0, |x| x.choices);
    let sampling = prob::Sampling {
        samples,
        seed: 1,
        threads,
        deadline: None,
    };
    let start = Instant::now();
    let e = prob::monte_carlo(&model, &atom, &sampling).unwrap();
    let t = start.elapsed().as_secs_f64();
    assert_eq!(e.samples, samples);
    (samples as f64 / t, choices)
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// The release binary's whole-process wall time on `args`, median of `n`.
fn process(args: &[&str], n: usize) -> Duration {
    let times = (0..n)
        .map(|_| {
            let start = Instant::now();
            let out = Command::new(env!("CARGO_BIN_EXE_augur"))
                .args(args)
                .current_dir(env!("CARGO_MANIFEST_DIR"))
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            start.elapsed()
        })
        .collect();
    median(times)
}

fn main() {
    let quick = std::env::var_os("AUGUR_BENCH_QUICK").is_some();
    let samples = if quick { 100_000 } else { 4_000_000 };
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());

    let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let shipped = Analysis::load(&[rules]).unwrap();
    println!("Monte Carlo on the shipped rules, {samples} worlds each:");
    for (atom, scenario) in SHIPPED {
        let (all, choices) = worlds_per_second(&shipped, scenario, atom, samples, cores);
        let (one, _) = worlds_per_second(&shipped, scenario, atom, samples, 1);
        println!(
            "  {atom} (choices: {choices}): {all:.0} worlds/s on {cores} cores, {one:.0} on one"
        );
    }

    let scenarios = if quick { 1_000 } else { 10_000 };
    let (mut text, _, _) = workloads::w3_workload(scenarios);
    let assumed: Vec<String> = (0..50)
        .map(|a| format!("assume p{a} holds [even_chance]"))
        .collect();
    text.push_str(&format!("scenario mc {{ {} }}\n", assumed.join(" ")));
    let w3 = Analysis::parse("w3.augur", &text).unwrap();
    // The conclusion with the widest lineage.
    let model = w3.run("mc", &Options::default()).unwrap();
    let limits = prob::Limits::default();
    let (widest, choices) = (50..250)
        .filter_map(|k| {
            let atom = w3.atom(&format!("p{k} holds")).ok()?;
            let x = prob::exact(&model, &atom, &limits).ok()?;
            Some((k, x.choices))
        })
        .max_by_key(|&(k, c)| (c, std::cmp::Reverse(k)))
        .unwrap();
    let session = w3.session();
    let ids: Vec<ScenarioId> = (0..scenarios).map(ScenarioId::from_index).collect();
    let start = Instant::now();
    let models = session.run_scenarios(&ids, &Options::default()).unwrap();
    let per_scenario = start.elapsed().as_secs_f64() / scenarios as f64;
    drop(models);
    let widest = format!("p{widest} holds");
    let (worlds, _) = worlds_per_second(&w3, "mc", &widest, samples, cores);
    let (one, _) = worlds_per_second(&w3, "mc", &widest, samples, 1);
    let rate = 1.0 / per_scenario;
    println!(
        "W3's network (200 rules, 50 assumables): {scenarios} scenarios at {rate:.0}/s on \
         {cores} cores; Monte Carlo of {widest} (choices: {choices}) at {worlds:.0} worlds/s \
         on {cores} cores ({one:.0} on one): worlds/s over scenarios/s {:.1}",
        worlds / rate
    );

    let n = if quick { 3 } else { 21 };
    let plain = process(&["run", "--all", "rules/"], n);
    let probs = process(&["run", "--prob", "--all", "rules/"], n);
    println!(
        "whole process, median of {n}: run --all {:.1} ms, run --prob --all {:.1} ms (ratio {:.2})",
        plain.as_secs_f64() * 1e3,
        probs.as_secs_f64() * 1e3,
        probs.as_secs_f64() / plain.as_secs_f64()
    );
}
