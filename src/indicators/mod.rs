//! Indicators and signposts (`augur indicators`): things one could observe in the world,
//! set against the scenarios that predict them. Each scenario is run once; a cell says how
//! likely the scenario makes the indicator (or that it does not hold there, or that the
//! scenario leaves it open), and the rows that tell the chosen scenarios apart come first,
//! the furthest apart at the top: what to watch.
//!
//! ```
//! use augur::{Analysis, engine::Options, indicators};
//!
//! let analysis = Analysis::parse("t.augur", "
//!     assumable us withdraws
//!     rule gap: us withdraws implies rivals advance likely
//!     indicator rivals advance
//!     scenario quiet { }
//!     scenario retreat { assume us withdraws }
//! ").unwrap();
//! let session = analysis.session();
//! let matrix = indicators::matrix(&session, &[], &Options::default()).unwrap();
//! let row = &matrix.rows()[0];
//! assert_eq!(row.spread(), 5); // absent (0) in quiet, likely (5) in retreat
//! assert!(matrix.text().contains("rivals advance"));
//! ```

mod report;
mod text;

#[cfg(test)]
mod tests;

pub use report::{Report, RowReport};

use std::cmp::Reverse;

use serde::{Serialize, Serializer};

use crate::engine::{Model, Options};
use crate::error::Error;
use crate::hash::HashSet;
use crate::likelihood::Likelihood;
use crate::program::{GroundAtom, Indicator, Program, ScenarioId};
use crate::query::{Pattern, answers};
use crate::session::Session;

/// What one scenario says of one indicator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cell {
    /// It does not hold (the closed world's false, or forbidden by `assume not`).
    Absent,
    /// The scenario leaves it open: declared `open`, the question arises there, and nothing
    /// settles it.
    Open,
    /// It holds, at this likelihood.
    Holds(Likelihood),
}

impl Cell {
    /// What `model` says of `atom`.
    pub fn of(model: &Model<'_>, atom: &GroundAtom) -> Cell {
        match model.likelihood(atom) {
            Some(level) => Cell::Holds(level),
            None if model.is_open(atom).is_some() => Cell::Open,
            None => Cell::Absent,
        }
    }

    /// The cell's place on the scale a spread is measured on: `absent` 0, `almost_no_chance`
    /// 1 up to `certain` 8. An open question counts as `even_chance` (4): it is undecided,
    /// neither true nor false, as Heuer's matrix reads a neutral cell.
    pub fn weight(self) -> u8 {
        match self {
            Cell::Absent => 0,
            Cell::Open => Cell::Holds(Likelihood::EvenChance).weight(),
            // Eight levels: a rank is at most 7, so the fallback is never taken.
            Cell::Holds(level) => u8::try_from(level.rank()).map_or(u8::MAX, |r| r + 1),
        }
    }

    /// The word that shows the cell: `absent`, `open`, or the likelihood's keyword.
    pub fn keyword(self) -> &'static str {
        match self {
            Cell::Absent => "absent",
            Cell::Open => "open",
            Cell::Holds(level) => level.keyword(),
        }
    }
}

impl Serialize for Cell {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.keyword())
    }
}

/// One row: an indicator, or one instance of an indicator with variables, across the
/// chosen scenarios.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// The declaration, an index into [`Program::indicators`].
    pub indicator: usize,
    /// The atom; `None` for an indicator with variables of which no chosen scenario gives
    /// an instance (the row shows the pattern, absent everywhere).
    pub atom: Option<GroundAtom>,
    /// One cell per chosen scenario, in the order of [`Matrix::scenarios`].
    pub cells: Vec<Cell>,
}

impl Row {
    /// How far apart the scenarios are on this row: the highest cell weight minus the lowest
    /// (see [`Cell::weight`]).
    pub fn spread(&self) -> u8 {
        let weights = self.cells.iter().map(|c| c.weight());
        let high = weights.clone().max().unwrap_or(0);
        let low = weights.min().unwrap_or(0);
        high - low
    }

    /// Whether the row tells some two chosen scenarios apart: its cells are not all alike.
    /// (An open question beside `even_chance` differs with a spread of 0.)
    pub fn distinguishes(&self) -> bool {
        self.cells.windows(2).any(|w| w[0] != w[1])
    }
}

/// The indicators by the chosen scenarios.
#[derive(Clone, Debug)]
pub struct Matrix<'p> {
    program: &'p Program,
    scenarios: Vec<ScenarioId>,
    rows: Vec<Row>,
}

impl<'p> Matrix<'p> {
    /// The program the matrix reads.
    pub fn program(&self) -> &'p Program {
        self.program
    }

    /// The chosen scenarios, each once, in the order asked (declaration order by default).
    pub fn scenarios(&self) -> &[ScenarioId] {
        &self.scenarios
    }

    /// The rows: first those that tell the scenarios apart, by spread (highest first), then
    /// the rest; within each, in declaration order, the instances of one indicator by their
    /// text.
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// The declaration a row comes from.
    pub fn indicator(&self, row: &Row) -> &'p Indicator {
        &self.program.indicators()[row.indicator]
    }
}

/// Runs each of `scenarios` once on `session` (every scenario, in declaration order, when
/// none is given; a scenario given twice counts once) and sets every declared indicator
/// against them.
pub fn matrix<'p>(
    session: &Session<'p>,
    scenarios: &[ScenarioId],
    options: &Options,
) -> Result<Matrix<'p>, Error> {
    let mut chosen: Vec<ScenarioId> = Vec::with_capacity(scenarios.len());
    for &s in scenarios {
        if !chosen.contains(&s) {
            chosen.push(s);
        }
    }
    if chosen.is_empty() {
        chosen = (0..session.program().scenarios().len())
            .map(ScenarioId::from_index)
            .collect();
    }
    let models = session.run_scenarios(&chosen, options)?;
    Ok(from_models(session.program(), &models))
}

/// Sets every declared indicator against `models` (one column each, in the order given).
pub fn from_models<'p>(program: &'p Program, models: &[Model<'p>]) -> Matrix<'p> {
    let mut seen: HashSet<GroundAtom> = HashSet::default();
    let mut rows = Vec::new();
    for (index, declared) in program.indicators().iter().enumerate() {
        let atoms = instances(program, declared, models);
        if atoms.is_empty() {
            rows.push(Row {
                indicator: index,
                atom: None,
                cells: vec![Cell::Absent; models.len()],
            });
        }
        for atom in atoms {
            // An atom two declarations match is one row, the first declaration's.
            if seen.insert(atom.clone()) {
                let cells = models.iter().map(|m| Cell::of(m, &atom)).collect();
                rows.push(Row {
                    indicator: index,
                    atom: Some(atom),
                    cells,
                });
            }
        }
    }
    // Stable: ties keep declaration order.
    rows.sort_by_key(|r| (!r.distinguishes(), Reverse(r.spread())));
    Matrix {
        program,
        scenarios: models.iter().map(Model::scenario).collect(),
        rows,
    }
}

/// The atoms a declared indicator stands for: itself when ground; otherwise every instance
/// that holds or is left open in some model (as `augur query` finds them), by text.
fn instances(program: &Program, declared: &Indicator, models: &[Model<'_>]) -> Vec<GroundAtom> {
    if let Some(atom) = declared.atom.try_ground(&[]) {
        return vec![atom];
    }
    let pattern = Pattern {
        pred: declared.atom.pred,
        args: declared.atom.args.to_vec(),
        vars: declared.vars.clone(),
    };
    let mut seen: HashSet<GroundAtom> = HashSet::default();
    let mut found: Vec<(String, GroundAtom)> = models
        .iter()
        .flat_map(|m| answers(m, &pattern))
        .filter(|a| seen.insert(a.atom.clone()))
        .map(|a| (program.show_atom(&a.atom), a.atom))
        .collect();
    found.sort();
    found.into_iter().map(|(_, atom)| atom).collect()
}
