//! The differences section: a table of scenario pairs, each cell linking to its diff (a
//! chooser that works with scripting off), then each diff folded in a `<details>` element.

use std::fmt::Write;

use super::{MAX_PAIRWISE, Report};
use crate::escape::{xml, xml_lines};

/// The element id of the diff from scenario `i` to scenario `j`.
fn id(i: usize, j: usize) -> String {
    format!("diff-{i}-{j}")
}

/// The section, when there is a pair to compare.
pub fn section(out: &mut String, report: &Report) {
    let d = &report.diffs;
    if d.pairs.is_empty() {
        return;
    }
    let name = |i: usize| xml(&report.scenarios[i].name);
    out.push_str("<section id=\"diffs\">\n<h2>Differences between scenarios</h2>\n");
    if d.every_pair {
        out.push_str("<p>Every pair of scenarios, as <code>augur diff FROM TO</code> prints it: pick the scenario to start from (a row) and the one to compare it with (a column). Each pair is shown once, from the scenario declared first.</p>\n");
    } else {
        let _ = writeln!(
            out,
            "<p>More than {MAX_PAIRWISE} scenarios: each is compared with scenario {} only (the scenario named <code>default</code>, else the first declared), as <code>augur diff</code> prints it; <code>augur diff FROM TO</code> compares any other pair.</p>",
            name(d.baseline)
        );
    }
    let rows: Vec<usize> = dedup_sorted(d.pairs.iter().map(|p| p.0));
    let columns: Vec<usize> = dedup_sorted(d.pairs.iter().map(|p| p.1));
    out.push_str("<div class=\"matrix\"><table class=\"pairs\">\n<thead><tr><th scope=\"col\">from \\ to</th>");
    for &j in &columns {
        let _ = write!(out, "<th scope=\"col\">{}</th>", name(j));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for &i in &rows {
        let _ = write!(out, "<tr><th scope=\"row\">{}</th>", name(i));
        for &j in &columns {
            if d.pairs.iter().any(|p| p.0 == i && p.1 == j) {
                let _ = write!(
                    out,
                    "<td class=\"cell\"><a href=\"#{}\" title=\"{} to {}\">diff</a></td>",
                    id(i, j),
                    name(i),
                    name(j)
                );
            } else {
                out.push_str("<td class=\"cell\"></td>");
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table></div>\n");
    for (i, j, text) in &d.pairs {
        let _ = writeln!(
            out,
            "<details id=\"{}\" class=\"diff\"><summary>{} → {}</summary><pre>{}</pre></details>",
            id(*i, *j),
            name(*i),
            name(*j),
            xml_lines(text)
        );
    }
    out.push_str("</section>\n");
}

/// The values in increasing order, each once.
fn dedup_sorted(values: impl Iterator<Item = usize>) -> Vec<usize> {
    let mut out: Vec<usize> = values.collect();
    out.sort_unstable();
    out.dedup();
    out
}
