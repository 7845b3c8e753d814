//! The matrix as a text table: one row per indicator, one column per scenario, the spread
//! first; the rows that tell the scenarios apart above those alike in every scenario.

use std::fmt::Write;

use super::{Report, RowReport};

/// The scale a spread is measured on, said once above the table.
const SCALE: &str = "spread: highest minus lowest level (absent 0, almost_no_chance 1 ... \
                     certain 8; open counts as even_chance, 4)";

impl Report {
    /// The table.
    pub fn text(&self) -> String {
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
        let _ = writeln!(out, "{SCALE}\n");
        let widths = self.widths();
        line(&mut out, &widths, "spread", "indicator", &self.scenarios);
        let (apart, alike): (Vec<&RowReport>, Vec<&RowReport>) =
            self.indicators.iter().partition(|r| r.distinguishes);
        for row in &apart {
            write_row(&mut out, &widths, row);
        }
        if self.scenarios.len() > 1 {
            if apart.is_empty() {
                out.push_str("(no indicator tells these scenarios apart)\n");
            }
            if !alike.is_empty() {
                let _ = writeln!(out, "alike in every scenario ({}):", alike.len());
            }
        }
        for row in &alike {
            write_row(&mut out, &widths, row);
        }
        out
    }

    /// The width of the indicator column, then of each scenario's.
    fn widths(&self) -> Vec<usize> {
        let mut widths = vec!["indicator".len()];
        widths.extend(self.scenarios.iter().map(|s| s.chars().count()));
        for row in &self.indicators {
            widths[0] = widths[0].max(row.atom.chars().count());
            for (w, cell) in widths[1..].iter_mut().zip(row.scenarios.values()) {
                *w = (*w).max(cell.keyword().len());
            }
        }
        widths
    }
}

fn write_row(out: &mut String, widths: &[usize], row: &RowReport) {
    let cells: Vec<&str> = row.scenarios.values().map(|c| c.keyword()).collect();
    line(out, widths, &row.spread.to_string(), &row.atom, &cells);
}

/// One line of the table, without trailing spaces.
fn line<S: AsRef<str>>(out: &mut String, widths: &[usize], spread: &str, atom: &str, cells: &[S]) {
    let mut line = format!("{spread:>6}  {atom:<w$}", w = widths[0]);
    for (cell, w) in cells.iter().zip(&widths[1..]) {
        let _ = write!(line, "  {:<w$}", cell.as_ref());
    }
    out.push_str(line.trim_end());
    out.push('\n');
}
