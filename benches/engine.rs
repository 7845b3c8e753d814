//! Engine benchmarks on generated programs, reporting time and derived atoms per second:
//! - `transitive_closure`: `path` over a random graph (2,000 nodes, 10,000 edges);
//! - `layered_network`: a layered propositional network of 100,000 rules, each concluding
//!   one node of a layer from two nodes of the layer below, written with one predicate
//!   and constants, as analysts write `china gains_influence_in latin_america`.
//!
//! Run with `cargo bench --bench engine`.

#![expect(
    missing_docs,
    reason = "criterion's macros generate undocumented functions"
)]

use std::fmt::Write;
use std::hint::black_box;

use augur::Analysis;
use augur::engine::{Engine, Options};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

/// A small deterministic generator (xorshift), so every run measures the same program.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

fn transitive_closure(nodes: usize, edges: usize) -> String {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut text = String::from("rule base: edge(?x, ?y) implies path(?x, ?y)\n");
    text.push_str("rule step: path(?x, ?y) and edge(?y, ?z) implies path(?x, ?z)\n");
    for _ in 0..edges {
        let _ = writeln!(
            text,
            "fact edge(n{}, n{})",
            rng.below(nodes),
            rng.below(nodes)
        );
    }
    text
}

fn layered_network(layers: usize, width: usize) -> String {
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let mut text = String::new();
    for k in 0..width {
        let _ = writeln!(text, "fact holds(l0_{k})");
    }
    for layer in 1..=layers {
        for k in 0..width {
            let (a, b) = (rng.below(width), rng.below(width));
            let _ = writeln!(
                text,
                "rule r{layer}_{k}: holds(l{}_{a}) and holds(l{}_{b}) implies holds(l{layer}_{k})",
                layer - 1,
                layer - 1
            );
        }
    }
    text
}

fn bench_program(c: &mut Criterion, name: &str, text: &str) {
    let analysis = match Analysis::parse(name, text) {
        Ok(a) => a,
        Err(e) => panic!("generated program does not check: {e:?}"),
    };
    let engine = Engine::new(analysis.program());
    let options = Options {
        max_derived: 100_000_000,
    };
    let scenario = analysis
        .scenario("default")
        .unwrap_or_else(|e| panic!("{e}"));
    let derived = engine
        .run(scenario, &options)
        .map(|m| m.conclusions().len())
        .unwrap_or_else(|e| panic!("{e}"));
    let mut group = c.benchmark_group(name);
    group.sample_size(10);
    group.throughput(Throughput::Elements(derived as u64));
    group.bench_function("evaluate", |b| {
        b.iter(|| black_box(engine.run(scenario, &options).map(|m| m.size())))
    });
    group.finish();
}

fn engine(c: &mut Criterion) {
    bench_program(c, "transitive_closure", &transitive_closure(2_000, 10_000));
    bench_program(c, "layered_network", &layered_network(100, 1_000));
}

criterion_group!(benches, engine);
criterion_main!(benches);
