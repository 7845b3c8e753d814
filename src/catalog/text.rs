//! Listings as text tables: one line per entry, columns aligned, strings in the
//! language's own syntax (never raw).

use super::{
    AtomEntry, DocumentEntry, EvidenceEntry, Listing, OpenEntry, PredicateEntry, RuleEntry,
    ScenarioEntry, TestEntry,
};
use crate::escape::Quoted;
use crate::explain::Place;
use crate::program::suggest::count;

/// Rows as lines: every column but the last padded to its widest cell, two spaces apart.
fn table(rows: Vec<Vec<String>>) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|cell| cell.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            if c > 0 {
                line.push_str("  ");
            }
            let width = widths[c];
            line.push_str(&format!("{cell:<width$}"));
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn at(place: &Place) -> String {
    format!("{}:{}", place.file, place.line)
}

/// What produces a predicate's atoms: `2 facts, 1 rule, assumable`.
fn producers(p: &PredicateEntry) -> String {
    let mut parts = Vec::new();
    if p.facts > 0 {
        parts.push(count(p.facts, "fact"));
    }
    if p.rules > 0 {
        parts.push(count(p.rules, "rule"));
    }
    if p.assumable {
        parts.push("assumable".to_owned());
    }
    if parts.is_empty() {
        return "no fact, rule or assumable".to_owned();
    }
    parts.join(", ")
}

/// Where an atom holds: `likely in 3 of 11 scenarios`, `unlikely to certain in every
/// scenario`, `open in 2 scenarios`, or `holds in no scenario`.
fn where_it_holds(a: &AtomEntry, scenarios: usize) -> String {
    let mut parts = Vec::new();
    let levels = (a.holds.values().min(), a.holds.values().max());
    if let (Some(low), Some(high)) = levels {
        let range = if low == high {
            low.to_string()
        } else {
            format!("{low} to {high}")
        };
        let n = a.holds.len();
        let of = if n == scenarios {
            "every scenario".to_owned()
        } else {
            format!("{n} of {}", count(scenarios, "scenario"))
        };
        parts.push(format!("{range} in {of}"));
    }
    if !a.open.is_empty() {
        parts.push(format!("open in {}", count(a.open.len(), "scenario")));
    }
    if parts.is_empty() {
        return "holds in no scenario".to_owned();
    }
    parts.join("; ")
}

impl Listing {
    /// Text: one line per entry, columns aligned; `(none)` for an empty listing.
    pub fn text(&self) -> String {
        let rows: Vec<Vec<String>> = match self {
            Listing::Scenarios(list) => list.iter().map(scenario_row).collect(),
            Listing::Rules(list) => list.iter().map(rule_row).collect(),
            Listing::Predicates(list) => list
                .iter()
                .map(|p| vec![p.pattern.clone(), producers(p), at(&p.place)])
                .collect(),
            Listing::Atoms(list) => list
                .atoms
                .iter()
                .map(|a| vec![a.atom.clone(), where_it_holds(a, list.scenarios)])
                .collect(),
            Listing::Tests(list) => list.iter().map(test_row).collect(),
            Listing::Open(list) => list.iter().map(open_row).collect(),
            Listing::Documents(list) => list.iter().map(document_row).collect(),
            Listing::Indicators(list) => list
                .iter()
                .map(|i| vec![i.atom.clone(), at(&i.place)])
                .collect(),
            Listing::Evidence(list) => list.iter().map(evidence_row).collect(),
        };
        if rows.is_empty() {
            return "(none)\n".to_owned();
        }
        table(rows)
    }
}

fn scenario_row(s: &ScenarioEntry) -> Vec<String> {
    let extends = s
        .extends
        .as_ref()
        .map_or_else(String::new, |e| format!("extends {e}"));
    let lines = format!("{} assumed, {} forbidden", s.assumes.len(), s.forbids.len());
    vec![s.name.clone(), at(&s.place), extends, lines]
}

fn rule_row(r: &RuleEntry) -> Vec<String> {
    let mut then = format!("concludes {}", r.concludes.join(", "));
    if let Some(group) = &r.choice {
        then += &format!(" (choice {group})");
    }
    let level = crate::probability::show_level(r.likelihood, r.probability);
    vec![r.name.clone(), level, at(&r.place), then]
}

fn test_row(t: &TestEntry) -> Vec<String> {
    vec![
        Quoted(&t.name).to_string(),
        format!("in {}", t.scenario),
        at(&t.place),
        count(t.expectations, "expectation"),
    ]
}

fn open_row(o: &OpenEntry) -> Vec<String> {
    let when = o
        .when
        .as_ref()
        .map_or_else(String::new, |w| format!("when {w}"));
    vec![o.atom.clone(), at(&o.place), when]
}

fn document_row(d: &DocumentEntry) -> Vec<String> {
    let file = d
        .file
        .as_ref()
        .map_or_else(|| "no file".to_owned(), |f| format!("file {}", Quoted(f)));
    vec![
        d.name.clone(),
        Quoted(&d.title).to_string(),
        at(&d.place),
        file,
        count(d.citations, "citation"),
    ]
}

fn evidence_row(o: &EvidenceEntry) -> Vec<String> {
    let atom = match o.negated {
        true => format!("not {}", o.atom),
        false => o.atom.clone(),
    };
    vec![atom, o.credibility.to_string(), at(&o.place)]
}
