//! The benchmark suite: each workload is generated (seeded) as an `.augur` program, run by
//! the `augur` binary as a whole process, and compared in the same run with a reference:
//!
//! - W1 transitive closure (random digraph, and a chain) against ascent and datafrog;
//! - W2 a layered propositional Horn network, as ground augur rules and as rules over data,
//!   against the Dowling-Gallier counter algorithm (the linear-time limit);
//! - W3 200 rules over 50 assumables in 10,000 scenarios, against the same counter algorithm;
//! - W4 W1 with provenance off against on (an internal switch, `--no-provenance`).
//!
//! Each time is the median of five runs. `cargo bench --bench suite` runs the full sizes;
//! `AUGUR_BENCH_QUICK=1` small ones, once each, as CI
//! does to keep the suite working. Nothing here asserts a timing.

#![expect(clippy::print_stdout, reason = "a benchmark reports on stdout")]
#![expect(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a benchmark fails loudly"
)]

use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// xorshift64: every run measures the same programs.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

// ---------------------------------------------------------------- generators

fn w1_text(edges: &[(u32, u32)]) -> String {
    let mut t = String::from(
        "rule base: ?x edge ?y implies ?x path ?y\nrule step: ?x path ?y and ?y edge ?z implies ?x path ?z\n",
    );
    for (a, b) in edges {
        let _ = writeln!(t, "fact n{a} edge n{b}");
    }
    t
}

fn random_graph(nodes: usize, edges: usize) -> Vec<(u32, u32)> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    (0..edges)
        .map(|_| (rng.below(nodes) as u32, rng.below(nodes) as u32))
        .collect()
}

fn chain(nodes: usize) -> Vec<(u32, u32)> {
    (0..nodes as u32 - 1).map(|i| (i, i + 1)).collect()
}

/// A layered DAG of propositions: most of layer 0 true, each rule concluding a proposition
/// of a higher layer from 1-3 true propositions of the layer below, so that (as in the
/// issue's network, 85,991 of 100k true) every proposition with a rule ends up true and
/// the fixpoint takes one round per layer.
struct Horn {
    props: usize,
    inputs: Vec<u32>,
    rules: Vec<(u32, Vec<u32>)>,
}

fn horn(props: usize, rules: usize, seed: u64) -> Horn {
    let mut rng = Rng(seed);
    let layers = 20;
    let width = props / layers;
    let inputs: Vec<u32> = (0..width as u32).filter(|_| rng.below(10) < 9).collect();
    let mut per_layer = vec![0usize; layers];
    for _ in 0..rules {
        per_layer[1 + rng.below(layers - 1)] += 1;
    }
    let mut out = Vec::with_capacity(rules);
    let mut below = inputs.clone();
    for (layer, &count) in per_layer.iter().enumerate().skip(1) {
        let mut heads: Vec<u32> = (0..count)
            .map(|_| {
                let head = (layer * width + rng.below(width)) as u32;
                let body = (0..1 + rng.below(3))
                    .map(|_| below[rng.below(below.len())])
                    .collect();
                out.push((head, body));
                head
            })
            .collect();
        heads.sort_unstable();
        heads.dedup();
        if !heads.is_empty() {
            below = heads;
        }
    }
    // Rules in random order, so that nothing depends on the file listing them by layer.
    for i in (1..out.len()).rev() {
        out.swap(i, rng.below(i + 1));
    }
    Horn {
        props: layers * width,
        inputs,
        rules: out,
    }
}

/// W2 as ground augur rules: `rule g1: n5 t and n7 t implies n99 t`.
fn w2_ground_text(h: &Horn) -> String {
    let mut t = String::new();
    for i in &h.inputs {
        let _ = writeln!(t, "fact n{i} t");
    }
    for (k, (head, body)) in h.rules.iter().enumerate() {
        let body: Vec<String> = body.iter().map(|b| format!("n{b} t")).collect();
        let _ = writeln!(t, "rule g{k}: {} implies n{head} t", body.join(" and "));
    }
    t
}

/// W2 with the rules as data, as the peers get them: `t(h) :- r2(h, a, b), t(a), t(b)`.
fn w2_data_text(h: &Horn) -> String {
    let mut t = String::from(
        "rule r1: r1(?h, ?a) and ?a t implies ?h t\n\
         rule r2: r2(?h, ?a, ?b) and ?a t and ?b t implies ?h t\n\
         rule r3: r3(?h, ?a, ?b, ?c) and ?a t and ?b t and ?c t implies ?h t\n",
    );
    for i in &h.inputs {
        let _ = writeln!(t, "fact n{i} t");
    }
    for (head, body) in &h.rules {
        let args: Vec<String> = body.iter().map(|b| format!("n{b}")).collect();
        let _ = writeln!(t, "fact r{}(n{head}, {})", body.len(), args.join(", "));
    }
    t
}

/// W3: 200 rules over 50 assumables, `scenarios` scenarios each assuming a random half.
fn w3(scenarios: usize) -> (String, Horn, Vec<Vec<u32>>) {
    let h = {
        let mut rng = Rng(0x2545_f491_4f6c_dd1d);
        let rules = (0..200)
            .map(|k| {
                let head = 50 + k as u32;
                let body = (0..1 + rng.below(3))
                    .map(|_| rng.below(50 + k) as u32)
                    .collect();
                (head, body)
            })
            .collect();
        Horn {
            props: 250,
            inputs: Vec::new(),
            rules,
        }
    };
    let mut rng = Rng(0x1234_5678_9abc_def1);
    let assumed: Vec<Vec<u32>> = (0..scenarios)
        .map(|_| (0..50).filter(|_| rng.below(2) == 0).collect())
        .collect();
    let mut t = String::new();
    for a in 0..50 {
        let _ = writeln!(t, "assumable p{a} holds");
    }
    for (k, (head, body)) in h.rules.iter().enumerate() {
        let body: Vec<String> = body.iter().map(|b| format!("p{b} holds")).collect();
        let _ = writeln!(t, "rule w{k}: {} implies p{head} holds", body.join(" and "));
    }
    for (s, set) in assumed.iter().enumerate() {
        let lines: Vec<String> = set.iter().map(|a| format!("assume p{a} holds")).collect();
        let _ = writeln!(t, "scenario s{s} {{ {} }}", lines.join(" "));
    }
    (t, h, assumed)
}

// ---------------------------------------------------------------- references

fn tc_ascent(edges: &[(u32, u32)]) -> usize {
    ascent::ascent! {
        struct Tc;
        relation edge(u32, u32);
        relation path(u32, u32);
        path(x, y) <-- edge(x, y);
        path(x, z) <-- path(x, y), edge(y, z);
    }
    let mut prog = Tc {
        edge: edges.to_vec(),
        ..Default::default()
    };
    prog.run();
    prog.path.len()
}

fn tc_datafrog(edges: &[(u32, u32)]) -> usize {
    let mut iteration = datafrog::Iteration::new();
    let edge: datafrog::Relation<(u32, u32)> = edges.iter().copied().collect();
    let path = iteration.variable::<(u32, u32)>("path");
    let path_by_end = iteration.variable::<(u32, u32)>("path_by_end");
    path.extend(edges.iter().copied());
    while iteration.changed() {
        path_by_end.from_map(&path, |&(x, y)| (y, x));
        path.from_join(&path_by_end, &edge, |_, &x, &z| (x, z));
    }
    path.complete().len()
}

/// Dowling-Gallier: each rule counts its unsatisfied premises; a proposition becoming true
/// decrements the rules it appears in, and a rule reaching zero makes its head true. Linear
/// in the size of the rules.
fn counter_chain(h: &Horn, inputs: &[u32]) -> usize {
    let mut watch: Vec<Vec<u32>> = vec![Vec::new(); h.props.max(1)];
    let mut missing: Vec<u32> = Vec::with_capacity(h.rules.len());
    for (r, (_, body)) in h.rules.iter().enumerate() {
        missing.push(body.len() as u32);
        for &b in body {
            watch[b as usize].push(r as u32);
        }
    }
    let mut truth = vec![false; h.props.max(1)];
    let mut queue: Vec<u32> = Vec::new();
    for &i in inputs {
        if !std::mem::replace(&mut truth[i as usize], true) {
            queue.push(i);
        }
    }
    let mut count = queue.len();
    while let Some(p) = queue.pop() {
        for &r in &watch[p as usize] {
            let m = &mut missing[r as usize];
            *m -= 1;
            if *m == 0 {
                let head = h.rules[r as usize].0 as usize;
                if !std::mem::replace(&mut truth[head], true) {
                    count += 1;
                    queue.push(head as u32);
                }
            }
        }
    }
    count
}

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
        .args(["--format", "json", "run", "--all", "--stats"])
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

/// `n` scenarios, each extending the one before.
fn d12_extends(n: usize) -> String {
    let mut text = String::from("assumable ?x p\nscenario s0 { assume a0 p }\n");
    for i in 1..n {
        text.push_str(&format!(
            "scenario s{i} extends s{} {{ assume a{i} p }}\n",
            i - 1
        ));
    }
    text
}

/// `n` two-rule negation cycles.
fn d12_negation(n: usize) -> String {
    (0..n)
        .map(|i| {
            format!("rule a{i}: not x{i} q implies y{i} q2\nrule b{i}: y{i} q2 implies x{i} q\n")
        })
        .collect()
}

/// About six lines per `n`, most with a warning: premises and expectations that never
/// hold, assumptions no `assumable` covers.
fn d12_warnings(n: usize) -> String {
    (0..n)
        .map(|i| {
            format!(
                "fact f{i} holds\nassumable a{i} can\nrule r{i}: f{i} holds and g{i} missing implies h{i} follows\n\
                 rule q{i}: f{i} holds and not x{i} never implies k{i} follows\n\
                 scenario s{i} {{ assume b{i} can }}\ntest \"t{i}\" in s{i} {{ expect y{i} follows }}\n"
            )
        })
        .collect()
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

/// Writes the workloads at full size (W2 also at the quick size, and at 1M when `big`).
fn write_workloads(dir: &Path, big: bool) {
    write(dir, "w1-random.augur", &w1_text(&random_graph(2_000, 3_000)));
    write(dir, "w1-chain.augur", &w1_text(&chain(1_500)));
    let mut sizes = vec![(10_000, 17_800), (100_000, 178_000)];
    if big {
        sizes.push((1_000_000, 1_790_000));
    }
    for (props, rules) in sizes {
        let h = horn(props, rules, 0x5eed_0000 + props as u64);
        write(dir, &format!("w2-{props}-ground-rules.augur"), &w2_ground_text(&h));
        write(dir, &format!("w2-{props}-rules-as-data.augur"), &w2_data_text(&h));
    }
    write(dir, "w3.augur", &w3(10_000).0);
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

    // W1
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
        let file = write(&dir, file_name, &w1_text(&graph));
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

    // W2
    let sizes: &[(usize, usize)] = if quick {
        &[(10_000, 17_800)]
    } else {
        &[(100_000, 178_000), (1_000_000, 1_790_000)]
    };
    for &(props, rules) in sizes {
        let h = horn(props, rules, 0x5eed_0000 + props as u64);
        let encodings = [
            ("ground rules", w2_ground_text(&h)),
            ("rules as data", w2_data_text(&h)),
        ];
        let files: Vec<PathBuf> = encodings
            .iter()
            .map(|(encoding, text)| {
                let name = format!("w2-{props}-{}.augur", encoding.replace(' ', "-"));
                write(&dir, &name, text)
            })
            .collect();
        let measured: [Measured; 3] = interleaved(&mut [
            &mut || reference(|| counter_chain(&h, &h.inputs)),
            &mut || run_augur(&files[0], &[]),
            &mut || run_augur(&files[1], &[]),
        ])
        .try_into()
        .unwrap();
        let [(t_ref, n_true), ground, data] = measured;
        let n_true = n_true.as_u64().unwrap();
        for ((encoding, text), (wall, stats)) in encodings.iter().zip([ground, data]) {
            let eval = stats["timings_ms"]["evaluate"].as_f64().unwrap();
            let parse = stats["timings_ms"]["parse"].as_f64().unwrap()
                + stats["timings_ms"]["check"].as_f64().unwrap();
            let facts: u64 = stats["scenarios"][0]["facts"].as_u64().unwrap();
            let true_props = derived(&stats) + h.inputs.len() as u64;
            assert_eq!(
                true_props, n_true,
                "augur and the counter algorithm disagree ({encoding})"
            );
            let mb = text.len() as f64 / 1e6;
            let plan = stats["timings_ms"]["plan"].as_f64().unwrap();
            let counter = t_ref.as_secs_f64().max(1e-9);
            let note = format!(
                "{n_true} true; evaluate {:.1}x the counter, plan+evaluate {:.1}x; parse+check {:.1} MB/s; {facts} facts",
                eval / 1e3 / counter,
                (plan + eval) / 1e3 / counter,
                mb / (parse / 1e3).max(1e-9)
            );
            report.row(
                &format!("W2 {props} props, {encoding}"),
                wall,
                eval,
                "counter algorithm",
                t_ref,
                &note,
            );
        }
    }

    // W3
    let scenarios = if quick { 200 } else { 10_000 };
    let (text, h, assumed) = w3(scenarios);
    let file = write(&dir, "w3.augur", &text);
    let measured: [Measured; 2] = interleaved(&mut [&mut || run_augur(&file, &[]), &mut || {
        reference(|| {
            assumed
                .iter()
                .map(|a| counter_chain(&h, a) - a.len())
                .sum::<usize>()
        })
    }])
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
        "counter algorithm",
        t_ref,
        &format!("{rate:.0} scenarios/s evaluating"),
    );

    // W5: checks that were super-linear (issue #10, D12). Each input is checked at a size
    // and at four times it; the reference is augur itself on the smaller one, so a ratio
    // near 4x is linear and one near 16x quadratic.
    let base = if quick { 500 } else { 4_000 };
    type Generator = fn(usize) -> String;
    let inputs: [(&str, Generator); 3] = [
        ("W5 extends chain", d12_extends),
        ("W5 negation cycles", d12_negation),
        ("W5 warnings", d12_warnings),
    ];
    for (name, generate) in inputs {
        let small = write(&dir, "w5-small.augur", &generate(base));
        let large = write(&dir, "w5-large.augur", &generate(4 * base));
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
