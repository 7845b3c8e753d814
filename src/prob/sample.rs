//! Monte Carlo: worlds drawn at random and the atom's ground program evaluated in each.
//! Deterministic for a seed whatever the number of threads: sample `i` belongs to block
//! `i / BLOCK`, each block draws from its own stream (xoshiro256** seeded by SplitMix64 from
//! the seed and the block's number), and the hits of the blocks are summed, an integer sum
//! in any order. The estimate comes with a 95% Wilson score interval.

use std::time::Instant;

use crate::engine::Model;
use crate::likelihood::Likelihood;
use crate::program::GroundAtom;

use super::ProbError;
use super::compile::{components, successors};
use super::lineage::{Claims, Ground, Lit};

/// Samples per block, each block one stream.
const BLOCK: u64 = 4096;

/// How to sample.
#[derive(Clone, Copy, Debug)]
pub struct Sampling {
    /// Worlds to draw (at least 1).
    pub samples: u64,
    /// The seed.
    pub seed: u64,
    /// Threads to draw on (at least 1; the answer does not depend on it).
    pub threads: usize,
    /// Stop with [`ProbError::SamplingTimeout`] past this instant (checked per block).
    pub deadline: Option<Instant>,
}

/// An estimate.
#[derive(Clone, Debug, PartialEq)]
pub struct Estimate {
    /// The fraction of worlds where the atom held.
    pub probability: f64,
    /// Worlds drawn.
    pub samples: u64,
    /// Worlds where the atom held.
    pub hits: u64,
    /// The seed.
    pub seed: u64,
    /// The 95% Wilson score interval.
    pub interval: [f64; 2],
    /// The band of the estimate, within almost_no_chance..almost_certain: a sample shows
    /// neither that the atom holds in no world nor in every one (`None` only for an atom
    /// that does not hold in the model, `certain` only when no choice is left to chance).
    pub likelihood: Option<Likelihood>,
}

/// SplitMix64: a seed's bits spread, for seeding.
fn splitmix(x: &mut u64) -> u64 {
    *x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *x;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// xoshiro256** (Blackman and Vigna).
struct Stream([u64; 4]);

impl Stream {
    /// Block `block`'s stream under `seed`.
    fn new(seed: u64, block: u64) -> Self {
        let mut x = seed ^ splitmix(&mut block.wrapping_mul(0xD1B5_4A32_D192_ED03));
        Stream(std::array::from_fn(|_| splitmix(&mut x)))
    }

    fn next(&mut self) -> u64 {
        let s = &mut self.0;
        let out = s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        out
    }

    /// Uniform in [0, 1), 53 bits.
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }
}

/// The 95% Wilson score interval of `hits` in `n`.
pub fn wilson(hits: u64, n: u64) -> [f64; 2] {
    const Z: f64 = 1.959_963_984_540_054;
    let (k, n) = (hits as f64, n as f64);
    let p = k / n;
    let z2 = Z * Z;
    let centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
    let half = Z / (1.0 + z2 / n) * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    [(centre - half).max(0.0), (centre + half).min(1.0)]
}

/// The ground program in the order one world is evaluated.
struct Plan<'g> {
    ground: &'g Ground,
    components: Vec<(Vec<usize>, bool)>,
}

impl Plan<'_> {
    /// Whether node `root` holds in the world whose choices are `taken`; `value` is scratch.
    fn holds(&self, root: usize, taken: &[bool], value: &mut [bool]) -> bool {
        let lit = |l: Lit| match l {
            Lit::True => true,
            Lit::Choice(v) => taken[v as usize],
        };
        for (nodes, recursive) in &self.components {
            for &n in nodes {
                value[n] = false;
            }
            loop {
                let mut changed = false;
                for &n in nodes {
                    if value[n] {
                        continue;
                    }
                    let node = &self.ground.nodes[n];
                    let now = node.leaf.is_some_and(lit)
                        || node.instances.iter().any(|&i| {
                            let i = &self.ground.instances[i];
                            lit(i.choice)
                                && i.positive.iter().all(|&p| value[p])
                                && !i.negative.iter().any(|&q| value[q])
                        });
                    if now {
                        value[n] = true;
                        changed = true;
                    }
                }
                if !recursive || !changed {
                    break;
                }
            }
        }
        value[root]
    }
}

/// One of `count` disjoint shards of a sampling run: shard `index` (from 0) draws the
/// blocks `blocks * index / count .. blocks * (index + 1) / count` of the run's blocks, so
/// the shards together draw exactly the run's worlds, each from the same stream.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shard {
    index: u64,
    count: u64,
}

impl Shard {
    /// The whole run.
    pub const ALL: Shard = Shard { index: 0, count: 1 };

    /// Shard `index` (from 0) of `count`; `None` unless `index < count`.
    pub fn new(index: u64, count: u64) -> Option<Shard> {
        (index < count).then_some(Shard { index, count })
    }

    /// Its index, from 0.
    pub fn index(self) -> u64 {
        self.index
    }

    /// How many shards there are.
    pub fn count(self) -> u64 {
        self.count
    }

    /// The blocks of a run of `samples` worlds this shard draws.
    fn blocks(self, samples: u64) -> std::ops::Range<u64> {
        let blocks = u128::from(samples.div_ceil(BLOCK));
        // Each bound is at most `blocks`, a u64.
        let at = |i: u64| {
            u64::try_from(blocks * u128::from(i) / u128::from(self.count)).unwrap_or(u64::MAX)
        };
        at(self.index)..at(self.index + 1)
    }
}

/// What one shard of a sampling run found: the counts that shards add up to an
/// [`Estimate`] ([`Part::estimate`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Part {
    /// Worlds this shard drew.
    pub drawn: u64,
    /// Worlds among them where the atom held.
    pub hits: u64,
    /// Whether the atom holds in the model (in some world).
    pub holds: bool,
    /// Whether nothing is left to chance: the atom's lineage has no choice.
    pub certain: bool,
}

impl Part {
    /// The estimate from the counts of every shard of a run of `samples` worlds under
    /// `seed`, added up into one part.
    pub fn estimate(self, samples: u64, seed: u64) -> Estimate {
        let samples = samples.max(1);
        let probability = self.hits as f64 / samples as f64;
        let likelihood = match (self.holds, self.certain) {
            (false, _) => None,
            // Nothing left to chance: every world is the same world.
            (true, true) => (self.hits > 0).then_some(Likelihood::Certain),
            (true, false) => Some(
                super::band(probability)
                    .unwrap_or(Likelihood::AlmostNoChance)
                    .min(Likelihood::AlmostCertain),
            ),
        };
        Estimate {
            probability,
            samples,
            hits: self.hits,
            seed,
            interval: wilson(self.hits, samples),
            likelihood,
        }
    }
}

/// Estimates P(`atom`) in `model` from `sampling.samples` worlds.
pub fn monte_carlo(
    model: &Model<'_>,
    atom: &GroundAtom,
    sampling: &Sampling,
) -> Result<Estimate, ProbError> {
    let part = monte_carlo_shard(model, atom, sampling, Shard::ALL)?;
    Ok(part.estimate(sampling.samples, sampling.seed))
}

/// The counts of one shard of the run [`monte_carlo`] makes with `sampling`: the run's
/// worlds in `shard`'s blocks, each drawn as the whole run draws it.
pub fn monte_carlo_shard(
    model: &Model<'_>,
    atom: &GroundAtom,
    sampling: &Sampling,
    shard: Shard,
) -> Result<Part, ProbError> {
    monte_carlo_with_progress(model, atom, sampling, shard, &|_, _| {})
}

/// Told, after each block of worlds (from the sampling threads, in no set order), the
/// worlds drawn so far and the worlds to draw, of the shard asked for.
pub type Progress<'a> = &'a (dyn Fn(u64, u64) + Sync);

/// [`monte_carlo_shard`], telling `progress` how far it is: for a progress bar (the
/// library never prints). The counts do not depend on it.
pub fn monte_carlo_with_progress(
    model: &Model<'_>,
    atom: &GroundAtom,
    sampling: &Sampling,
    shard: Shard,
    progress: Progress<'_>,
) -> Result<Part, ProbError> {
    let program = model.program();
    super::foreign(model, std::slice::from_ref(atom))?;
    if model.is_open(atom).is_some() {
        return Err(ProbError::OpenQuestion {
            atom: program.show_atom(atom),
            scenario: program.scenarios()[model.scenario().index()].name.clone(),
        });
    }
    let (ground, roots) = Ground::collect(model, std::slice::from_ref(atom), Claims::Uncertain)
        .map_err(|count| ProbError::TooManyChoices {
            atom: format!("`{}`", program.show_atom(atom)),
            count,
        })?;
    let samples = sampling.samples.max(1);
    let blocks = shard.blocks(samples);
    let drawn = (blocks.end * BLOCK).min(samples) - (blocks.start * BLOCK).min(samples);
    let root = roots.first().copied().flatten();
    let hits = match root {
        None => 0,
        Some(root) => {
            let components = components(&ground)
                .into_iter()
                .map(|c| {
                    let recursive = c.len() > 1 || successors(&ground, c[0]).any(|m| m == c[0]);
                    (c, recursive)
                })
                .collect();
            let plan = Plan {
                ground: &ground,
                components,
            };
            let tell = |done: u64| progress(done, drawn);
            count(&plan, root, samples, blocks, sampling, &tell)?
        }
    };
    Ok(Part {
        drawn,
        hits,
        holds: root.is_some(),
        certain: ground.choices().is_empty(),
    })
}

/// The hits of `samples` worlds, blocks shared among the threads.
fn count(
    plan: &Plan<'_>,
    root: usize,
    samples: u64,
    blocks: std::ops::Range<u64>,
    sampling: &Sampling,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<u64, ProbError> {
    let done = std::sync::atomic::AtomicU64::new(0);
    let threads = sampling.threads.max(1) as u64;
    let weights: Vec<f64> = plan
        .ground
        .choices()
        .iter()
        .map(|c| c.probability)
        .collect();
    let run = |first: u64| -> Result<u64, ProbError> {
        let blocks = blocks.clone();
        let mut taken = vec![false; weights.len()];
        let mut value = vec![false; plan.ground.nodes.len()];
        let mut hits = 0;
        let mut block = first;
        while block < blocks.end {
            if sampling.deadline.is_some_and(|d| Instant::now() > d) {
                return Err(ProbError::SamplingTimeout {
                    samples,
                    done: block * BLOCK,
                });
            }
            let mut stream = Stream::new(sampling.seed, block);
            let n = BLOCK.min(samples - block * BLOCK);
            for _ in 0..n {
                for (t, &w) in taken.iter_mut().zip(&weights) {
                    *t = stream.unit() < w;
                }
                hits += u64::from(plan.holds(root, &taken, &mut value));
            }
            progress(done.fetch_add(n, std::sync::atomic::Ordering::Relaxed) + n);
            block += threads;
        }
        Ok(hits)
    };
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads.min(blocks.end - blocks.start))
            .map(|t| scope.spawn(move || run(blocks.start + t)))
            .collect();
        // A panic in a worker is a bug; re-raise it rather than lose its blocks.
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .sum()
    })
}
