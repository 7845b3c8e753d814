//! The workloads, generated with fixed seeds.

use std::fmt::Write;
use std::path::Path;

use crate::rng::Rng;
use crate::write;

pub fn w1_text(edges: &[(u32, u32)]) -> String {
    let mut t = String::from(
        "rule base: ?x edge ?y implies ?x path ?y\nrule step: ?x path ?y and ?y edge ?z implies ?x path ?z\n",
    );
    for (a, b) in edges {
        let _ = writeln!(t, "fact n{a} edge n{b}");
    }
    t
}

pub fn random_graph(nodes: usize, edges: usize) -> Vec<(u32, u32)> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    (0..edges)
        .map(|_| (rng.below(nodes) as u32, rng.below(nodes) as u32))
        .collect()
}

pub fn chain(nodes: usize) -> Vec<(u32, u32)> {
    (0..nodes as u32 - 1).map(|i| (i, i + 1)).collect()
}

/// A layered DAG of propositions: most of layer 0 true, each rule concluding a proposition
/// of a higher layer from 1-3 true propositions of the layer below, so that (as in the
/// issue's network, 85,991 of 100k true) every proposition with a rule ends up true and
/// the fixpoint takes one round per layer.
///
/// Rules are stored flat, as the references read them: rule `r` concludes `heads[r]` from
/// `body[ends[r - 1]..ends[r]]` (from 0 for the first).
pub struct Horn {
    pub props: usize,
    pub inputs: Vec<u32>,
    pub heads: Vec<u32>,
    pub ends: Vec<u32>,
    pub body: Vec<u32>,
}

impl Horn {
    fn new(props: usize, inputs: Vec<u32>, rules: &[(u32, Vec<u32>)]) -> Self {
        let mut h = Horn {
            props,
            inputs,
            heads: Vec::with_capacity(rules.len()),
            ends: Vec::with_capacity(rules.len()),
            body: Vec::new(),
        };
        for (head, body) in rules {
            h.heads.push(*head);
            h.body.extend(body);
            h.ends
                .push(u32::try_from(h.body.len()).expect("premises fit in u32"));
        }
        h
    }

    /// Each rule's head and premises, in order.
    pub fn rules(&self) -> impl Iterator<Item = (u32, &[u32])> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        self.heads
            .iter()
            .zip(starts.zip(&self.ends))
            .map(|(&head, (start, &end))| (head, &self.body[start as usize..end as usize]))
    }
}

pub fn horn(props: usize, rules: usize, seed: u64) -> Horn {
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
    Horn::new(layers * width, inputs, &out)
}

/// W2 as ground augur rules: `rule g1: n5 t and n7 t implies n99 t`.
pub fn w2_ground_text(h: &Horn) -> String {
    let mut t = String::new();
    for i in &h.inputs {
        let _ = writeln!(t, "fact n{i} t");
    }
    for (k, (head, body)) in h.rules().enumerate() {
        let body: Vec<String> = body.iter().map(|b| format!("n{b} t")).collect();
        let _ = writeln!(t, "rule g{k}: {} implies n{head} t", body.join(" and "));
    }
    t
}

/// W2 with the rules as data, as the peers get them: `t(h) :- r2(h, a, b), t(a), t(b)`.
pub fn w2_data_text(h: &Horn) -> String {
    let mut t = String::from(
        "rule r1: r1(?h, ?a) and ?a t implies ?h t\n\
         rule r2: r2(?h, ?a, ?b) and ?a t and ?b t implies ?h t\n\
         rule r3: r3(?h, ?a, ?b, ?c) and ?a t and ?b t and ?c t implies ?h t\n",
    );
    for i in &h.inputs {
        let _ = writeln!(t, "fact n{i} t");
    }
    for (head, body) in h.rules() {
        let args: Vec<String> = body.iter().map(|b| format!("n{b}")).collect();
        let _ = writeln!(t, "fact r{}(n{head}, {})", body.len(), args.join(", "));
    }
    t
}

/// W3: 200 rules over 50 assumables, `scenarios` scenarios each assuming a random half.
pub fn w3_workload(scenarios: usize) -> (String, Horn, Vec<Vec<u32>>) {
    let h = {
        let mut rng = Rng(0x2545_f491_4f6c_dd1d);
        let rules: Vec<(u32, Vec<u32>)> = (0..200)
            .map(|k| {
                let head = 50 + k as u32;
                let body = (0..1 + rng.below(3))
                    .map(|_| rng.below(50 + k) as u32)
                    .collect();
                (head, body)
            })
            .collect();
        Horn::new(250, Vec::new(), &rules)
    };
    let mut rng = Rng(0x1234_5678_9abc_def1);
    let assumed: Vec<Vec<u32>> = (0..scenarios)
        .map(|_| (0..50).filter(|_| rng.below(2) == 0).collect())
        .collect();
    let mut t = String::new();
    for a in 0..50 {
        let _ = writeln!(t, "assumable p{a} holds");
    }
    for (k, (head, body)) in h.rules().enumerate() {
        let body: Vec<String> = body.iter().map(|b| format!("p{b} holds")).collect();
        let _ = writeln!(t, "rule w{k}: {} implies p{head} holds", body.join(" and "));
    }
    for (s, set) in assumed.iter().enumerate() {
        let lines: Vec<String> = set.iter().map(|a| format!("assume p{a} holds")).collect();
        let _ = writeln!(t, "scenario s{s} {{ {} }}", lines.join(" "));
    }
    (t, h, assumed)
}

/// `n` scenarios, each extending the one before.
pub fn d12_extends(n: usize) -> String {
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
pub fn d12_negation(n: usize) -> String {
    (0..n)
        .map(|i| {
            format!("rule a{i}: not x{i} q implies y{i} q2\nrule b{i}: y{i} q2 implies x{i} q\n")
        })
        .collect()
}

/// About six lines per `n`, most with a warning: premises and expectations that never
/// hold, assumptions no `assumable` covers.
pub fn d12_warnings(n: usize) -> String {
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

/// Writes the workloads at full size (W2 also at the quick size, and at 1M when `big`).
pub fn write_workloads(dir: &Path, big: bool) {
    write(
        dir,
        "w1-random.augur",
        &w1_text(&random_graph(2_000, 3_000)),
    );
    write(dir, "w1-chain.augur", &w1_text(&chain(1_500)));
    let mut sizes = vec![(10_000, 17_800), (100_000, 178_000)];
    if big {
        sizes.push((1_000_000, 1_790_000));
    }
    for (props, rules) in sizes {
        let h = horn(props, rules, 0x5eed_0000 + props as u64);
        write(
            dir,
            &format!("w2-{props}-ground-rules.augur"),
            &w2_ground_text(&h),
        );
        write(
            dir,
            &format!("w2-{props}-rules-as-data.augur"),
            &w2_data_text(&h),
        );
    }
    write(dir, "w3.augur", &w3_workload(10_000).0);
}
