//! Nearest misses: the smallest sets of assumable atoms whose addition makes an atom hold,
//! each checked by a what-if run.

use crate::combinations::next_combination;
use serde::Serialize;

use super::Bounds;
use crate::engine::{Engine, EngineError, Model};
use crate::program::GroundAtom;

/// How the search for nearest misses went: what-if runs are whole evaluations, so their
/// number is bounded ([`Bounds::miss_runs`]) and each is bounded by the limits the model
/// itself was evaluated with ([`Model::options`]).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct MissSearch {
    /// What-if evaluations made.
    pub runs: usize,
    /// True when the search stopped at [`Bounds::miss_runs`] with sets left untried.
    pub budget_reached: bool,
    /// What-if runs stopped by an evaluation limit (`--max-derived`, `--timeout`): their
    /// sets are not shown as misses, as it is unknown whether they work.
    pub stopped: usize,
}

/// The smallest sets of candidates whose addition makes `atom` hold, found by what-if
/// evaluations in order of size, skipping supersets of sets already found.
/// Each what-if run starts from the model's own inputs (a what-if model's changes
/// included) with the set added as hypotheses, on `engine` when one is given (planned once
/// by the caller), else on an engine planned here, once for the whole search.
pub(super) fn nearest_misses<'p>(
    engine: Option<&Engine<'p>>,
    model: &Model<'p>,
    atom: &GroundAtom,
    candidates: &[GroundAtom],
    bounds: &Bounds,
) -> (Vec<Vec<GroundAtom>>, MissSearch) {
    const MAX_CANDIDATES: usize = 12;
    const MAX_FOUND: usize = 5;
    let candidates = &candidates[..candidates.len().min(MAX_CANDIDATES)];
    let planned;
    let engine = match engine {
        Some(engine) => engine,
        None => {
            planned = Engine::new(model.program());
            &planned
        }
    };
    let mut found: Vec<Vec<usize>> = Vec::new();
    let mut search = MissSearch::default();
    'sizes: for size in 1..=bounds.miss_size.min(candidates.len()) {
        if !found.is_empty() {
            break; // only the smallest size that works
        }
        let mut pick: Vec<usize> = (0..size).collect();
        loop {
            if !found.iter().any(|f| f.iter().all(|i| pick.contains(i))) {
                if found.len() >= MAX_FOUND {
                    break 'sizes;
                }
                if search.runs >= bounds.miss_runs {
                    search.budget_reached = true;
                    break 'sizes;
                }
                search.runs += 1;
                let hypotheses: Vec<GroundAtom> =
                    pick.iter().map(|&i| candidates[i].clone()).collect();
                match what_if(engine, model, &hypotheses) {
                    Ok(what_if) if what_if.likelihood(atom).is_some() => found.push(pick.clone()),
                    Ok(_) => {}
                    Err(_) => search.stopped += 1,
                }
            }
            if !next_combination(&mut pick, candidates.len()) {
                break;
            }
        }
    }
    let sets = found
        .into_iter()
        .map(|set| set.into_iter().map(|i| candidates[i].clone()).collect())
        .collect();
    (sets, search)
}

/// A run of the model's inputs with `hypotheses` added. An engine of another program than
/// the model's is an error (counted as a stopped run), as for any run.
fn what_if<'p>(
    engine: &Engine<'p>,
    model: &Model<'p>,
    hypotheses: &[GroundAtom],
) -> Result<Model<'p>, EngineError> {
    let mut inputs = model.inputs().clone();
    inputs.hypothesize(hypotheses)?;
    engine.run_inputs(inputs, model.options())
}
