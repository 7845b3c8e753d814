//! The matrix as a text table: one row per indicator, one column per scenario, the spread
//! first; the rows that tell the scenarios apart above those alike in every scenario.

use std::fmt::Write;
use std::ops::Range;

use super::{Report, RowReport};

/// The scale a spread is measured on, said once above the table.
const SCALE: &str = "spread: highest minus lowest level (absent 0, almost_no_chance 1 ... \
                     certain 8; open counts as even_chance, 4)";

impl Report {
    /// The table.
    pub fn text(&self) -> String {
        self.text_within(None)
    }

    /// The table, its scenario columns cut into blocks that each fit `width` columns when a
    /// width is given (a terminal's): each block repeats the spread and indicator columns
    /// and the rows in the same order, so a matrix of many scenarios reads without a line
    /// broken across the columns. A block holds at least one scenario.
    pub fn text_within(&self, width: Option<usize>) -> String {
        let mut out = String::new();
        if self.indicators.is_empty() {
            out.push_str("no indicators declared: write `indicator ATOM cite DOC \"quote\"`\n");
            return out;
        }
        let count =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let _ = writeln!(
            out,
            "{} in {}, those that tell the scenarios apart first",
            count(self.indicators.len(), "indicator", "indicators"),
            count(self.scenarios.len(), "scenario", "scenarios"),
        );
        let _ = writeln!(out, "{SCALE}");
        let (first, columns) = self.widths();
        for block in blocks(first, &columns, width) {
            out.push('\n');
            self.table(&mut out, first, &columns, block);
        }
        out
    }

    /// The rows with the scenario columns in `block`.
    fn table(&self, out: &mut String, first: usize, columns: &[usize], block: Range<usize>) {
        let widths = &columns[block.clone()];
        let names = &self.scenarios[block.clone()];
        line(out, first, widths, "spread", "indicator", names);
        let (apart, alike): (Vec<&RowReport>, Vec<&RowReport>) =
            self.indicators.iter().partition(|r| r.distinguishes);
        let row = |out: &mut String, row: &RowReport| {
            let cells: Vec<&str> = row.scenarios.values().map(|c| c.keyword()).collect();
            let spread = row.spread.to_string();
            line(
                out,
                first,
                widths,
                &spread,
                &row.atom,
                &cells[block.clone()],
            );
        };
        for r in &apart {
            row(out, r);
        }
        if self.scenarios.len() > 1 {
            if apart.is_empty() {
                out.push_str("(no indicator tells these scenarios apart)\n");
            }
            if !alike.is_empty() {
                let _ = writeln!(out, "alike in every scenario ({}):", alike.len());
            }
        }
        for r in &alike {
            row(out, r);
        }
    }

    /// The width of the indicator column, and of each scenario's.
    fn widths(&self) -> (usize, Vec<usize>) {
        let mut first = "indicator".len();
        let mut columns: Vec<usize> = self.scenarios.iter().map(|s| s.chars().count()).collect();
        for row in &self.indicators {
            first = first.max(row.atom.chars().count());
            for (w, cell) in columns.iter_mut().zip(row.scenarios.values()) {
                *w = (*w).max(cell.keyword().len());
            }
        }
        (first, columns)
    }
}

/// The scenario columns cut into blocks whose lines fit `width` (one block without a
/// width); each block holds at least one column.
fn blocks(first: usize, columns: &[usize], width: Option<usize>) -> Vec<Range<usize>> {
    let width = width.unwrap_or(usize::MAX);
    let prefix = SPREAD + 2 + first;
    let mut out = Vec::new();
    let (mut start, mut used) = (0, prefix);
    for (i, w) in columns.iter().enumerate() {
        if i > start && used.saturating_add(2 + w) > width {
            out.push(start..i);
            (start, used) = (i, prefix);
        }
        used = used.saturating_add(2 + w);
    }
    out.push(start..columns.len());
    out
}

/// The width of the spread column.
const SPREAD: usize = "spread".len();

/// One line of the table, without trailing spaces.
fn line<S: AsRef<str>>(
    out: &mut String,
    first: usize,
    widths: &[usize],
    spread: &str,
    atom: &str,
    cells: &[S],
) {
    let mut line = format!("{spread:>SPREAD$}  {atom:<first$}");
    for (cell, w) in cells.iter().zip(widths) {
        let _ = write!(line, "  {:<w$}", cell.as_ref());
    }
    out.push_str(line.trim_end());
    out.push('\n');
}
