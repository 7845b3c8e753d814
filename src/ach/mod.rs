//! Analysis of Competing Hypotheses (Heuer): the scenarios are the hypotheses, the
//! `observed` lines the evidence. Each scenario is run once, and each cell rates how the
//! scenario predicted one piece of evidence; hypotheses are ranked by how much evidence
//! contradicts them (fewest first), since evidence can refute a hypothesis but consistent
//! evidence proves little.

mod render;

pub use render::{AchJson, EvidenceJson, HypothesisJson};

use crate::engine::{Model, Options};
use crate::error::Error;
use crate::likelihood::Likelihood;
use crate::program::{Observation, ScenarioId};
use crate::session::Session;

/// How a hypothesis predicted a piece of evidence: Heuer's ratings, from very consistent
/// to very inconsistent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rating {
    /// `CC`: the scenario predicts what was observed `almost_certain` or `certain`.
    VeryConsistent,
    /// `C`: `likely` or `very_likely`.
    Consistent,
    /// `N`: `even_chance`, or the scenario leaves the atom an open question.
    Neutral,
    /// `I`: `unlikely` or `very_unlikely`.
    Inconsistent,
    /// `II`: `almost_no_chance`, or not predicted at all.
    VeryInconsistent,
}

impl Rating {
    /// The rating of a prediction at `level` (`None`: the scenario does not predict it).
    pub fn of(level: Option<Likelihood>) -> Rating {
        use Likelihood::*;
        match level {
            Some(AlmostCertain | Certain) => Rating::VeryConsistent,
            Some(Likely | VeryLikely) => Rating::Consistent,
            Some(EvenChance) => Rating::Neutral,
            Some(Unlikely | VeryUnlikely) => Rating::Inconsistent,
            Some(AlmostNoChance) | None => Rating::VeryInconsistent,
        }
    }

    /// Heuer's symbol: `CC`, `C`, `N`, `I` or `II`.
    pub fn symbol(self) -> &'static str {
        match self {
            Rating::VeryConsistent => "CC",
            Rating::Consistent => "C",
            Rating::Neutral => "N",
            Rating::Inconsistent => "I",
            Rating::VeryInconsistent => "II",
        }
    }

    /// How much the cell counts against its hypothesis: `I` 1, `II` 2, any other 0.
    pub fn weight(self) -> u32 {
        match self {
            Rating::Inconsistent => 1,
            Rating::VeryInconsistent => 2,
            Rating::VeryConsistent | Rating::Consistent | Rating::Neutral => 0,
        }
    }
}

/// An inconsistency score, in eighths: a cell's weight times its evidence's credibility,
/// which counts `certain` as 8/8 and each level below one eighth less (`likely` 5/8,
/// `almost_no_chance` 1/8). Eighths keep the sums exact, so equal scores tie exactly.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Score(u32);

impl Score {
    /// `weight` (a cell's) times `credibility` (its evidence's).
    fn weighted(weight: u32, credibility: Likelihood) -> Score {
        // The rank is at most 7, so the factor is at most 8.
        let eighths = u32::try_from(credibility.rank() + 1).unwrap_or(8);
        Score(weight * eighths)
    }

    /// The score in eighths.
    pub fn eighths(self) -> u32 {
        self.0
    }

    /// The score as a number: whole, or a multiple of 1/8 (exact in binary).
    pub fn value(self) -> f64 {
        f64::from(self.0) / 8.0
    }
}

impl std::fmt::Display for Score {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.0.is_multiple_of(8) {
            write!(f, "{}", self.0 / 8)
        } else {
            // A multiple of 1/8 has at most three decimals: print them, trailing zeros cut.
            let text = format!("{:.3}", self.value());
            f.write_str(text.trim_end_matches('0'))
        }
    }
}

/// One cell: what a scenario predicted of one piece of evidence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cell {
    /// The scenario's likelihood of what was observed (for `observed not X`, of `not X`);
    /// `None` when it does not predict it.
    pub predicted: Option<Likelihood>,
    /// Whether the scenario leaves the atom an open question.
    pub open: bool,
    /// The rating.
    pub rating: Rating,
}

/// A hypothesis: a scenario and how much the evidence contradicts it.
#[derive(Clone, Debug)]
pub struct Hypothesis {
    /// The scenario.
    pub scenario: ScenarioId,
    /// The sum over the evidence of each cell's weight times its credibility.
    pub inconsistency: Score,
    /// How many cells rate it `I` or `II`.
    pub inconsistent_cells: usize,
}

/// One row: a piece of evidence and each hypothesis's cell.
#[derive(Clone, Debug)]
pub struct Row<'p> {
    /// The `observed` line.
    pub observation: &'p Observation,
    /// The cells, one per hypothesis, in the order of [`Matrix::hypotheses`].
    pub cells: Vec<Cell>,
    /// The highest minus the lowest cell weight: 0 for evidence every hypothesis predicts
    /// alike, which tells none apart.
    pub diagnosticity: u32,
}

/// Heuer's matrix.
#[derive(Clone, Debug)]
pub struct Matrix<'p> {
    /// The hypotheses, fewest inconsistencies first, ties in declaration order.
    pub hypotheses: Vec<Hypothesis>,
    /// The evidence, most diagnostic first, ties in declaration order.
    pub rows: Vec<Row<'p>>,
}

/// `augur ach` on files that declare no evidence: there is nothing to weigh.
#[derive(Clone, Debug, thiserror::Error, miette::Diagnostic)]
#[error("no evidence to weigh: the files declare no `observed` line")]
#[diagnostic(
    code(augur::ach::no_evidence),
    help(
        "declare what has been seen with `observed [not] ATOM [LEVEL] [cite DOC \"quote\"]`, or name the files that hold it too (e.g. `augur ach rules examples/evidence`)"
    )
)]
pub struct NoEvidence;

/// The ACH matrix of `scenarios` (each once, in the order given; every scenario when
/// empty) against the program's `observed` lines: one run per scenario, each held to
/// `options`.
pub fn analyse<'p>(
    session: &Session<'p>,
    scenarios: &[ScenarioId],
    options: &Options,
) -> Result<Matrix<'p>, Error> {
    let program = session.program();
    let mut chosen: Vec<ScenarioId> = Vec::new();
    if scenarios.is_empty() {
        chosen.extend((0..program.scenarios().len()).map(ScenarioId::from_index));
    }
    for &s in scenarios {
        if !chosen.contains(&s) {
            chosen.push(s);
        }
    }
    // Declaration order, so that ties in the ranking fall in it whatever order was asked.
    chosen.sort();
    let models: Vec<Model<'p>> = chosen
        .iter()
        .map(|&s| session.run(s, options))
        .collect::<Result<_, _>>()?;
    Ok(matrix(&models))
}

/// The matrix of runs, given in declaration order.
pub(crate) fn matrix<'p>(models: &[Model<'p>]) -> Matrix<'p> {
    let Some(program) = models.first().map(Model::program) else {
        return Matrix {
            hypotheses: Vec::new(),
            rows: Vec::new(),
        };
    };
    let mut rows: Vec<Row<'p>> = program
        .observations()
        .iter()
        .map(|o| {
            let cells: Vec<Cell> = models.iter().map(|m| cell(m, o)).collect();
            let weights = cells.iter().map(|c| c.rating.weight());
            let diagnosticity = weights.clone().max().unwrap_or(0) - weights.min().unwrap_or(0);
            Row {
                observation: o,
                cells,
                diagnosticity,
            }
        })
        .collect();
    let mut hypotheses: Vec<Hypothesis> = models
        .iter()
        .enumerate()
        .map(|(k, m)| {
            let cells = rows.iter().map(|r| (r.cells[k], r.observation.credibility));
            Hypothesis {
                scenario: m.scenario(),
                inconsistency: Score(
                    cells
                        .clone()
                        .map(|(c, cred)| Score::weighted(c.rating.weight(), cred).0)
                        .sum(),
                ),
                inconsistent_cells: cells.filter(|(c, _)| c.rating.weight() > 0).count(),
            }
        })
        .collect();
    // Stable sorts: ties keep declaration order. The cells follow their hypotheses.
    let order = {
        let mut order: Vec<usize> = (0..hypotheses.len()).collect();
        order.sort_by_key(|&k| hypotheses[k].inconsistency);
        order
    };
    hypotheses = order.iter().map(|&k| hypotheses[k].clone()).collect();
    for row in &mut rows {
        row.cells = order.iter().map(|&k| row.cells[k]).collect();
    }
    rows.sort_by_key(|r| std::cmp::Reverse(r.diagnosticity));
    Matrix { hypotheses, rows }
}

/// How `model`'s scenario predicted `o`: the likelihood it gives the atom (for `observed
/// not`, the likelihood of `not` the atom, which is `certain` where the atom does not hold),
/// `N` where it leaves the atom open.
fn cell(model: &Model<'_>, o: &Observation) -> Cell {
    let open = model.is_open(&o.atom).is_some();
    let predicted = if o.negated {
        model.negation(&o.atom)
    } else {
        model.likelihood(&o.atom)
    };
    let rating = if open {
        Rating::Neutral
    } else {
        Rating::of(predicted)
    };
    Cell {
        predicted,
        open,
        rating,
    }
}

#[cfg(test)]
mod tests;
