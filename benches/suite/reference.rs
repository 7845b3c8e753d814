//! The references augur is measured against, run in process.

use crate::workloads::Horn;

pub fn tc_ascent(edges: &[(u32, u32)]) -> usize {
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

pub fn tc_datafrog(edges: &[(u32, u32)]) -> usize {
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

/// Dowling-Gallier, the linear-time limit of W2 and W3: each rule counts its premises still
/// missing; a proposition becoming true counts down the rules it is a premise of, and a rule
/// reaching zero makes its head true. The rules a proposition wakes are found in a flat
/// (CSR) index: `watchers[starts[p]..starts[p + 1]]`, one array of occurrences.
pub struct Counter<'h> {
    horn: &'h Horn,
    starts: Vec<u32>,
    watchers: Vec<u32>,
    missing: Vec<u32>,
}

impl<'h> Counter<'h> {
    /// Builds the index by a counting sort of the premises: linear in the size of the rules.
    pub fn new(horn: &'h Horn) -> Self {
        let mut starts = vec![0u32; horn.props + 1];
        for &b in &horn.body {
            starts[b as usize] += 1;
        }
        // Each proposition's start; filling moves it to its end, the next one's start.
        let mut sum = 0;
        for s in &mut starts {
            (*s, sum) = (sum, sum + *s);
        }
        let mut watchers = vec![0u32; horn.body.len()];
        let mut missing = Vec::with_capacity(horn.heads.len());
        for (r, (_, body)) in horn.rules().enumerate() {
            missing.push(id(body.len()));
            for &b in body {
                let at = &mut starts[b as usize];
                watchers[*at as usize] = id(r);
                *at += 1;
            }
        }
        starts.rotate_right(1);
        starts[0] = 0;
        Counter {
            horn,
            starts,
            watchers,
            missing,
        }
    }

    /// How many propositions are true once `inputs` are.
    pub fn run(&self, inputs: &[u32]) -> usize {
        let mut missing = self.missing.clone();
        let mut truth = vec![false; self.horn.props];
        let mut queue: Vec<u32> = Vec::new();
        for &i in inputs {
            if !std::mem::replace(&mut truth[i as usize], true) {
                queue.push(i);
            }
        }
        let mut count = queue.len();
        while let Some(p) = queue.pop() {
            let (start, end) = (self.starts[p as usize], self.starts[p as usize + 1]);
            for &r in &self.watchers[start as usize..end as usize] {
                let m = &mut missing[r as usize];
                *m -= 1;
                if *m == 0 {
                    let head = self.horn.heads[r as usize];
                    if !std::mem::replace(&mut truth[head as usize], true) {
                        count += 1;
                        queue.push(head);
                    }
                }
            }
        }
        count
    }
}

/// The same algorithm with a vector of watchers per proposition, as the suite measured it
/// before: kept to show what the layout alone costs.
/// A length or an index as a `u32`: the workloads are far smaller than 2^32.
fn id(n: usize) -> u32 {
    u32::try_from(n).expect("the workload fits in u32")
}

pub fn counter_nested(h: &Horn, inputs: &[u32]) -> usize {
    let mut watch: Vec<Vec<u32>> = vec![Vec::new(); h.props.max(1)];
    let mut missing: Vec<u32> = Vec::with_capacity(h.heads.len());
    for (r, (_, body)) in h.rules().enumerate() {
        missing.push(id(body.len()));
        for &b in body {
            watch[b as usize].push(id(r));
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
                let head = h.heads[r as usize];
                if !std::mem::replace(&mut truth[head as usize], true) {
                    count += 1;
                    queue.push(head);
                }
            }
        }
    }
    count
}
