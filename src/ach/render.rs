//! The matrix for people (Heuer's table: evidence down, hypotheses across, then the
//! ranking) and for programs (JSON); names are rendered here, at the edge.

use std::fmt::Write;

use indexmap::IndexMap;
use serde::{Serialize, Serializer};

use super::{Matrix, Row, Score};
use crate::likelihood::Likelihood;
use crate::program::Program;

impl Serialize for Score {
    /// A whole score as an integer, any other as a number with its eighths.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.0.is_multiple_of(8) {
            s.serialize_u32(self.0 / 8)
        } else {
            s.serialize_f64(self.value())
        }
    }
}

/// `augur ach --format json`.
#[derive(Clone, Debug, Serialize)]
pub struct AchJson {
    /// The hypotheses, fewest inconsistencies first.
    pub hypotheses: Vec<HypothesisJson>,
    /// The evidence, most diagnostic first.
    pub evidence: Vec<EvidenceJson>,
}

/// One hypothesis.
#[derive(Clone, Debug, Serialize)]
pub struct HypothesisJson {
    /// The scenario.
    pub scenario: String,
    /// Each `I` counts 1 and each `II` 2, times its evidence's credibility (in eighths).
    pub inconsistency: Score,
    /// How many cells rate it `I` or `II`.
    pub inconsistent_cells: usize,
}

/// One piece of evidence.
#[derive(Clone, Debug, Serialize)]
pub struct EvidenceJson {
    /// The atom observed.
    pub atom: String,
    /// `observed not`: the atom was seen not to hold.
    pub negated: bool,
    /// The observation's credibility.
    pub credibility: Likelihood,
    /// Where it is declared.
    pub place: PlaceJson,
    /// The highest minus the lowest cell weight in the row.
    pub diagnosticity: u32,
    /// Each hypothesis's rating, in the order of `hypotheses`.
    pub cells: IndexMap<String, &'static str>,
    /// Each hypothesis's likelihood of what was observed (`null`: not predicted).
    pub predicted: IndexMap<String, Option<Likelihood>>,
}

/// A declaration's place.
#[derive(Clone, Debug, Serialize)]
pub struct PlaceJson {
    /// The file, as loaded.
    pub file: String,
    /// The line, from 1.
    pub line: usize,
}

impl Matrix<'_> {
    /// The JSON shape.
    pub fn json(&self, program: &Program) -> AchJson {
        let names = self.names(program);
        let hypotheses = self
            .hypotheses
            .iter()
            .zip(&names)
            .map(|(h, name)| HypothesisJson {
                scenario: name.clone(),
                inconsistency: h.inconsistency,
                inconsistent_cells: h.inconsistent_cells,
            })
            .collect();
        let evidence = self
            .rows
            .iter()
            .map(|r| {
                let o = r.observation;
                let loc = program.sources().location(o.span);
                EvidenceJson {
                    atom: program.show_atom(&o.atom),
                    negated: o.negated,
                    credibility: o.credibility,
                    place: PlaceJson {
                        file: loc.file,
                        line: loc.line,
                    },
                    diagnosticity: r.diagnosticity,
                    cells: names
                        .iter()
                        .cloned()
                        .zip(r.cells.iter().map(|c| c.rating.symbol()))
                        .collect(),
                    predicted: names
                        .iter()
                        .cloned()
                        .zip(r.cells.iter().map(|c| c.predicted))
                        .collect(),
                }
            })
            .collect();
        AchJson {
            hypotheses,
            evidence,
        }
    }

    /// Heuer's matrix as text: one row per piece of evidence (its credibility, its
    /// diagnosticity, a rating per hypothesis), the inconsistency of each hypothesis under
    /// the columns, then the ranking and a key.
    pub fn text(&self, program: &Program) -> String {
        let names = self.names(program);
        let atoms: Vec<String> = self
            .rows
            .iter()
            .map(|r| evidence_text(program, r))
            .collect();
        let scores: Vec<String> = self
            .hypotheses
            .iter()
            .map(|h| h.inconsistency.to_string())
            .collect();
        let first = atoms
            .iter()
            .map(|a| a.chars().count())
            .chain(["evidence".len(), "inconsistency".len()])
            .max()
            .unwrap_or(0);
        let widths: Vec<usize> = names.iter().map(|n| n.len().max(2)).collect();
        let cred = self
            .rows
            .iter()
            .map(|r| r.observation.credibility.keyword().len())
            .chain(["credibility".len()])
            .max()
            .unwrap_or(0);
        let mut out = String::new();
        let _ = writeln!(
            out,
            "Analysis of Competing Hypotheses: {} {}, {} {} of evidence",
            names.len(),
            plural(names.len(), "hypothesis", "hypotheses"),
            self.rows.len(),
            plural(self.rows.len(), "piece", "pieces"),
        );
        let line = |out: &mut String, first_col: &str, c: &str, diag: &str, cells: &[&str]| {
            let mut text = format!("{first_col:<first$}  {c:<cred$}  {diag:<13}");
            for (cell, w) in cells.iter().zip(&widths) {
                let _ = write!(text, "  {cell:<w$}");
            }
            let _ = writeln!(out, "{}", text.trim_end());
        };
        let header: Vec<&str> = names.iter().map(String::as_str).collect();
        line(
            &mut out,
            "evidence",
            "credibility",
            "diagnosticity",
            &header,
        );
        for (row, atom) in self.rows.iter().zip(&atoms) {
            let cells: Vec<&str> = row.cells.iter().map(|c| c.rating.symbol()).collect();
            let credibility = row.observation.credibility.keyword();
            line(
                &mut out,
                atom,
                credibility,
                &row.diagnosticity.to_string(),
                &cells,
            );
        }
        let totals: Vec<&str> = scores.iter().map(String::as_str).collect();
        line(&mut out, "inconsistency", "", "", &totals);
        out.push_str("\nranking, fewest inconsistencies first:\n");
        let name_width = names.iter().map(String::len).max().unwrap_or(0);
        let score_width = scores.iter().map(String::len).max().unwrap_or(0);
        for (k, ((h, name), score)) in self.hypotheses.iter().zip(&names).zip(&scores).enumerate() {
            let n = h.inconsistent_cells;
            let _ = writeln!(
                out,
                "  {}. {name:<name_width$}  {score:<score_width$}  ({n} {} rated I or II)",
                k + 1,
                plural(n, "cell", "cells"),
            );
        }
        out.push_str(KEY);
        out
    }

    fn names(&self, program: &Program) -> Vec<String> {
        self.hypotheses
            .iter()
            .map(|h| program.scenarios()[h.scenario.index()].name.clone())
            .collect()
    }
}

/// What the symbols and numbers mean, under the table.
const KEY: &str = "
key: CC very consistent, C consistent, N neutral or left open, I inconsistent,
     II very inconsistent or not predicted (for `not X`: as the scenario predicts `not X`)
     inconsistency: I = 1, II = 2, each times the evidence's credibility
     (certain 1, each level below it 1/8 less)
     diagnosticity: the highest minus the lowest weight in the row (0 tells nothing)
";

/// `X` or `not X`: what was observed.
fn evidence_text(program: &Program, row: &Row<'_>) -> String {
    let atom = program.show_atom(&row.observation.atom);
    if row.observation.negated {
        format!("not {atom}")
    } else {
        atom
    }
}

fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}
