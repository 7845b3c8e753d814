//! The matrix with names: for JSON (serde) and the text table.

use indexmap::IndexMap;
use serde::Serialize;

use super::{Cell, Matrix};
use crate::explain::{CiteRef, Place};

/// `augur indicators`, names rendered.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    /// The chosen scenarios, in the order of the columns.
    pub scenarios: Vec<String>,
    /// The rows, in the matrix's order.
    pub indicators: Vec<RowReport>,
}

/// One row, names rendered.
#[derive(Clone, Debug, Serialize)]
pub struct RowReport {
    /// The atom in canonical form (the declared pattern, `?` variables and all, when no
    /// chosen scenario gives an instance of it).
    pub atom: String,
    /// Highest minus lowest cell weight (see [`Cell::weight`]).
    pub spread: u8,
    /// Whether the cells are not all alike.
    pub distinguishes: bool,
    /// Each scenario's cell, in the order of the columns.
    pub scenarios: IndexMap<String, Cell>,
    /// The declaration as written: differs from `atom` for an instance of an indicator
    /// with variables.
    pub indicator: String,
    /// Where it is declared.
    pub place: Place,
    /// Its citations.
    pub cites: Vec<CiteRef>,
}

impl Matrix<'_> {
    /// The matrix with every name rendered.
    pub fn report(&self) -> Report {
        let p = self.program;
        let scenarios: Vec<String> = self
            .scenarios
            .iter()
            .map(|s| p.scenarios()[s.index()].name.clone())
            .collect();
        let indicators = self
            .rows
            .iter()
            .map(|row| {
                let declared = self.indicator(row);
                let pattern = p.show_pattern(&declared.atom, &declared.vars);
                RowReport {
                    atom: row
                        .atom
                        .as_ref()
                        .map_or_else(|| pattern.clone(), |a| p.show_atom(a)),
                    spread: row.spread(),
                    distinguishes: row.distinguishes(),
                    scenarios: scenarios.iter().cloned().zip(row.cells.clone()).collect(),
                    indicator: pattern,
                    place: p.sources().location(declared.span).into(),
                    cites: declared.cites.iter().map(CiteRef::from).collect(),
                }
            })
            .collect();
        Report {
            scenarios,
            indicators,
        }
    }

    /// The matrix as a text table (see [`Report::text`]).
    pub fn text(&self) -> String {
        self.report().text()
    }
}
