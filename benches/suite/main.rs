//! The benchmark suite: each workload is generated (seeded) as an `.augur` program, run by
//! the `augur` binary as a whole process, and compared in the same run with a reference:
//!
//! - W1 transitive closure (random digraph, and a chain) against ascent and datafrog;
//! - W2 a layered propositional Horn network, as ground augur rules and as rules over data,
//!   against the Dowling-Gallier counter algorithm over a flat (CSR) index, the linear-time
//!   limit (and, for comparison, the same algorithm over nested vectors);
//! - W3 200 rules over 50 assumables in 10,000 scenarios, against the same counter algorithm;
//! - W4 W1 with provenance off against on (an internal switch, `--no-provenance`).
//!
//! Each time is the median of five runs. `cargo bench --bench suite` runs the full sizes;
//! `AUGUR_BENCH_QUICK=1` small ones, once each, as CI
//! does to keep the suite working. Nothing here asserts a timing.
//! `AUGUR_BENCH_WRITE=dir` only writes the workloads (W2 at 1M too with `AUGUR_BENCH_BIG=1`),
//! to count instructions with `benches/instructions.sh`. `AUGUR_BENCH_ONLY=w2` (a list such
//! as `w1,w3`) runs only the workloads named.

#![expect(clippy::print_stdout, reason = "a benchmark reports on stdout")]
#![expect(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a benchmark fails loudly"
)]

mod reference;
#[path = "../common/rng.rs"]
mod rng;
mod workloads;

use reference::{Counter, counter_nested, tc_ascent, tc_datafrog};
use workloads::*;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

// ---------------------------------------------------------------- measuring

fn augur_bin() -> &'static str {
    env!("CARGO_BIN_EXE_augur")
}

/// One whole-process `augur run --stats` over a file: wall time, the stats JSON.
/// How many times each measurement is taken; the median is reported. This VM's timings
/// vary by tens of percent from one run to the next, the references' included.
fn repeats() -> usize {
    if std::env::var_os("AUGUR_BENCH_QUICK").is_some() {
        1
    } else {
        5
    }
}

/// One measurement: its time, and what it computed (augur's stats, or a reference's count).
type Measured = (Duration, serde_json::Value);

/// Runs each measurement `repeats()` times, taking turns, so that a slow spell of the
/// machine falls on all of them alike; returns each one's run of median time.
fn interleaved(measures: &mut [&mut dyn FnMut() -> Measured]) -> Vec<Measured> {
    let mut runs: Vec<Vec<Measured>> = measures.iter().map(|_| Vec::new()).collect();
    for _ in 0..repeats() {
        for (m, out) in measures.iter_mut().zip(&mut runs) {
            out.push(m());
        }
    }
    runs.into_iter()
        .map(|mut r| {
            r.sort_by_key(|(t, _)| *t);
            r.swap_remove(r.len() / 2)
        })
        .collect()
}

/// A reference run: its time and its count.
fn reference(f: impl FnOnce() -> usize) -> Measured {
    let start = Instant::now();
    let n = f();
    (start.elapsed(), serde_json::Value::from(n))
}

fn run_augur(file: &Path, extra: &[&str]) -> Measured {
    let start = Instant::now();
    let out = Command::new(augur_bin())
        // No time limit: on a busy machine W2 at 1M can take longer than the default minute.
        .args([
            "--format",
            "json",
            "run",
            "--all",
            "--stats",
            "--timeout",
            "none",
        ])
        .arg(file)
        .args(extra)
        .output()
        .expect("augur runs");
    let wall = start.elapsed();
    assert!(
        out.status.success(),
        "augur failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        wall,
        serde_json::from_slice(&out.stdout).expect("stats JSON"),
    )
}

/// One whole-process `augur check` over a file (errors and warnings expected): wall time.
fn check_augur(file: &Path) -> Measured {
    let start = Instant::now();
    let out = Command::new(augur_bin())
        .arg("check")
        .arg(file)
        .output()
        .expect("augur runs");
    let wall = start.elapsed();
    assert!(out.status.code().is_some(), "augur check was killed");
    (wall, serde_json::Value::Null)
}

fn secs(d: Duration) -> String {
    format!("{:.3}", d.as_secs_f64())
}

fn derived(stats: &serde_json::Value) -> u64 {
    stats["scenarios"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["derived"].as_u64().unwrap())
        .sum()
}

struct Report {
    rows: Vec<String>,
}

impl Report {
    fn row(
        &mut self,
        workload: &str,
        augur: Duration,
        eval_ms: f64,
        reference: &str,
        ref_time: Duration,
        note: &str,
    ) {
        let ratio = augur.as_secs_f64() / ref_time.as_secs_f64().max(1e-9);
        self.rows.push(format!(
            "| {workload} | {} | {:.3} | {reference} | {} | {ratio:.1}x | {note} |",
            secs(augur),
            eval_ms / 1e3,
            secs(ref_time)
        ));
    }
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn main() {
    if let Some(dir) = std::env::var_os("AUGUR_BENCH_WRITE") {
        let dir = PathBuf::from(dir);
        std::fs::create_dir_all(&dir).unwrap();
        write_workloads(&dir, std::env::var_os("AUGUR_BENCH_BIG").is_some());
        return;
    }
    let quick = std::env::var_os("AUGUR_BENCH_QUICK").is_some();
    // AUGUR_BENCH_KEEP=dir writes the workloads there and keeps them, to run one by hand.
    let keep = std::env::var_os("AUGUR_BENCH_KEEP").map(PathBuf::from);
    let dir = keep.clone().unwrap_or_else(|| {
        std::env::temp_dir().join(format!("augur-bench-{}", std::process::id()))
    });
    std::fs::create_dir_all(&dir).unwrap();
    let mut report = Report { rows: Vec::new() };

    if selected("w1") {
        w1(&mut report, &dir, quick);
    }
    let w2_sizes: &[(usize, usize)] = if quick {
        &[(10_000, 17_800)]
    } else {
        &[(100_000, 178_000), (1_000_000, 1_790_000)]
    };
    for &(props, rules) in w2_sizes.iter().filter(|_| selected("w2")) {
        w2(&mut report, &dir, props, rules);
    }
    if selected("w3") {
        w3(&mut report, &dir, if quick { 200 } else { 10_000 });
    }
    if selected("w5") {
        w5(&mut report, &dir, quick);
    }

    println!(
        "| workload | augur whole process s | augur evaluate s | reference | reference s | ratio (whole) | notes |"
    );
    println!("|---|---|---|---|---|---|---|");
    for r in &report.rows {
        println!("{r}");
    }
    if keep.is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    }
}

/// Whether `AUGUR_BENCH_ONLY` (a comma-separated list, every workload when unset) names
/// `workload` (`w4` runs with `w1`).
fn selected(workload: &str) -> bool {
    std::env::var("AUGUR_BENCH_ONLY").map_or(true, |only| {
        only.split(',')
            .any(|w| w.trim().eq_ignore_ascii_case(workload))
    })
}

/// W2 at one size, both encodings, against the counter algorithm over a flat index (and
/// over nested vectors, as measured before).
fn w2(report: &mut Report, dir: &Path, props: usize, rules: usize) {
    let h = horn(props, rules, 0x5eed_0000 + props as u64);
    let encodings = [
        ("ground rules", w2_ground_text(&h)),
        ("rules as data", w2_data_text(&h)),
    ];
    let files: Vec<PathBuf> = encodings
        .iter()
        .map(|(encoding, text)| {
            let name = format!("w2-{props}-{}.augur", encoding.replace(' ', "-"));
            write(dir, &name, text)
        })
        .collect();
    let measured: [Measured; 4] = interleaved(&mut [
        &mut || reference(|| Counter::new(&h).run(&h.inputs)),
        &mut || reference(|| counter_nested(&h, &h.inputs)),
        &mut || run_augur(&files[0], &[]),
        &mut || run_augur(&files[1], &[]),
    ])
    .try_into()
    .unwrap();
    let [(t_csr, n_true), (t_nested, n_nested), ground, data] = measured;
    assert_eq!(n_true, n_nested, "the two counters disagree");
    let n_true = n_true.as_u64().unwrap();
    for ((encoding, text), (wall, stats)) in encodings.iter().zip([ground, data]) {
        let phase = |name: &str| stats["timings_ms"][name].as_f64().unwrap() / 1e3;
        let true_props = derived(&stats) + h.inputs.len() as u64;
        assert_eq!(
            true_props, n_true,
            "augur and the counter algorithm disagree ({encoding})"
        );
        let counter = t_csr.as_secs_f64().max(1e-9);
        let note = format!(
            "{n_true} true; evaluate {:.1}x the CSR counter, plan+evaluate {:.1}x; \
             nested-vector counter {} s ({:.1}x CSR); parse+check {:.1} MB/s; peak RSS {} KB",
            phase("evaluate") / counter,
            (phase("plan") + phase("evaluate")) / counter,
            secs(t_nested),
            t_nested.as_secs_f64() / counter,
            text.len() as f64 / 1e6 / (phase("parse") + phase("check")).max(1e-9),
            stats["peak_rss_kb"].as_u64().unwrap_or(0),
        );
        report.row(
            &format!("W2 {props} props, {encoding}"),
            wall,
            phase("evaluate") * 1e3,
            "CSR counter",
            t_csr,
            &note,
        );
    }
}

/// W3: many scenarios of one small network; the counter builds its index once.
fn w3(report: &mut Report, dir: &Path, scenarios: usize) {
    let (text, h, assumed) = w3_workload(scenarios);
    let file = write(dir, "w3.augur", &text);
    let count_all = || {
        let counter = Counter::new(&h);
        assumed
            .iter()
            .map(|a| counter.run(a) - a.len())
            .sum::<usize>()
    };
    let measured: [Measured; 2] =
        interleaved(&mut [&mut || run_augur(&file, &[]), &mut || reference(count_all)])
            .try_into()
            .unwrap();
    let [(wall, stats), (t_ref, total)] = measured;
    let total = total.as_u64().unwrap();
    let eval = stats["timings_ms"]["evaluate"].as_f64().unwrap();
    assert_eq!(
        derived(&stats),
        total,
        "augur and the counter algorithm disagree on W3"
    );
    let rate = scenarios as f64 / (eval / 1e3).max(1e-9);
    report.row(
        &format!("W3 {scenarios} scenarios"),
        wall,
        eval,
        "CSR counter",
        t_ref,
        &format!("{rate:.0} scenarios/s evaluating"),
    );
}

/// W1 (and W4, the same without provenance) against ascent and datafrog.
fn w1(report: &mut Report, dir: &Path, quick: bool) {
    let (nodes, edges, chain_len) = if quick {
        (200, 300, 150)
    } else {
        (2_000, 3_000, 1_500)
    };
    for (name, file_name, graph) in [
        (
            format!("W1 random {nodes}/{edges}"),
            "w1-random.augur",
            random_graph(nodes, edges),
        ),
        (
            format!("W1 chain {chain_len}"),
            "w1-chain.augur",
            chain(chain_len),
        ),
    ] {
        let file = write(dir, file_name, &w1_text(&graph));
        let measured: [Measured; 4] = interleaved(&mut [
            &mut || run_augur(&file, &[]),
            &mut || reference(|| tc_ascent(&graph)),
            &mut || reference(|| tc_datafrog(&graph)),
            // W4: the same program without provenance.
            &mut || run_augur(&file, &["--no-provenance"]),
        ])
        .try_into()
        .unwrap();
        let [
            (wall, stats),
            (t_ascent, n_ascent),
            (t_frog, n_frog),
            (wall_off, stats_off),
        ] = measured;
        let (n_ascent, n_frog) = (n_ascent.as_u64().unwrap(), n_frog.as_u64().unwrap());
        let eval = stats["timings_ms"]["evaluate"].as_f64().unwrap();
        assert_eq!(derived(&stats), n_ascent, "augur and ascent disagree");
        assert_eq!(n_ascent, n_frog);
        let note = format!(
            "{n_ascent} paths, {:.0} derived/s evaluating",
            n_ascent as f64 / (eval / 1e3).max(1e-9)
        );
        report.row(&name, wall, eval, "ascent", t_ascent, &note);
        report.row(&name, wall, eval, "datafrog", t_frog, &note);
        let eval_off = stats_off["timings_ms"]["evaluate"].as_f64().unwrap();
        let mem = |s: &serde_json::Value| s["peak_rss_kb"].as_u64().unwrap_or(0);
        let note = format!(
            "eval {:.2}x, peak RSS {} KB on / {} KB off",
            eval / eval_off.max(1e-9),
            mem(&stats),
            mem(&stats_off)
        );
        report.row(
            &format!("W4 {name} provenance on vs off"),
            wall,
            eval,
            "augur, provenance off",
            wall_off,
            &note,
        );
    }
}

/// W5: checks that were super-linear (issue #10, D12). Each input is checked at a size and
/// at four times it; the reference is augur itself on the smaller one, so a ratio near 4x is
/// linear and one near 16x quadratic.
fn w5(report: &mut Report, dir: &Path, quick: bool) {
    let base = if quick { 500 } else { 4_000 };
    type Generator = fn(usize) -> String;
    let inputs: [(&str, Generator); 3] = [
        ("W5 extends chain", d12_extends),
        ("W5 negation cycles", d12_negation),
        ("W5 warnings", d12_warnings),
    ];
    for (name, generate) in inputs {
        let small = write(dir, "w5-small.augur", &generate(base));
        let large = write(dir, "w5-large.augur", &generate(4 * base));
        let measured: [Measured; 2] =
            interleaved(&mut [&mut || check_augur(&large), &mut || check_augur(&small)])
                .try_into()
                .unwrap();
        let [(t_large, _), (t_small, _)] = measured;
        report.row(
            &format!("{name} {}", 4 * base),
            t_large,
            t_large.as_secs_f64() * 1e3,
            &format!("augur check, {base}"),
            t_small,
            "4x the input: near 4x is linear, 16x quadratic",
        );
    }
}
