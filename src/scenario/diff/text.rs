//! The text rendering of a diff: one aligned line per difference, grouped as in the JSON.

use std::fmt::{Display, Write};

use crate::explain::render;

use super::{AssumptionChange, Change, ConflictChange, Diff, OpenChange};

/// One line of a group: a mark (a sign, or the list's name), the atom, its levels, a note.
struct Row {
    mark: &'static str,
    atom: String,
    level: String,
    note: String,
}

/// A reason in parentheses; nothing when there is none to give.
fn because(reason: &str) -> String {
    if reason.is_empty() {
        String::new()
    } else {
        format!("({reason})")
    }
}

/// `b -> a` when both sides have a value, else the one there is.
fn levels<T: Display>(before: Option<T>, after: Option<T>) -> String {
    match (before, after) {
        (Some(b), Some(a)) => format!("{b} -> {a}"),
        (Some(l), None) | (None, Some(l)) => l.to_string(),
        (None, None) => String::new(),
    }
}

/// Writes rows with aligned columns; `below` adds lines under a row.
fn rows(out: &mut String, rows: &[Row], mut below: impl FnMut(&mut String, usize)) {
    let width = |f: fn(&Row) -> &str| rows.iter().map(|r| f(r).chars().count()).max().unwrap_or(0);
    let (mw, aw, lw) = (width(|r| r.mark), width(|r| &r.atom), width(|r| &r.level));
    for (i, r) in rows.iter().enumerate() {
        let line = format!(
            "  {:<mw$} {:<aw$}  {:<lw$}  {}",
            r.mark, r.atom, r.level, r.note
        );
        let _ = writeln!(out, "{}", line.trim_end());
        below(out, i);
    }
}

impl Diff<'_> {
    /// Text: conclusions gained, lost and changed, one line each with its reason (with
    /// `explain`, the proofs beneath); then conflicts, tensions, assumptions and open
    /// questions that differ, each group headed by its counts.
    pub fn text(&self, explain: bool) -> String {
        let mut out = format!("diff {} -> {}\n", self.from, self.to);
        for (title, sign, list) in [
            ("gained", "+", &self.gained),
            ("lost", "-", &self.lost),
            ("changed", "~", &self.changed),
        ] {
            let _ = writeln!(out, "{title} ({}):", list.len());
            let lines: Vec<Row> = list.iter().map(|c| conclusion(sign, c)).collect();
            rows(&mut out, &lines, |out, i| {
                if explain {
                    proofs(out, &list[i]);
                }
            });
        }
        self.conflicts_text(&mut out);
        self.assumptions_text(&mut out);
        self.open_text(&mut out);
        if let Some(rows) = &self.probabilities {
            super::prob::text(&mut out, rows);
        }
        out
    }

    fn conflicts_text(&self, out: &mut String) {
        for (title, c) in [("conflicts", &self.conflicts), ("tensions", &self.tensions)] {
            let groups = [
                ("gained", &c.gained),
                ("lost", &c.lost),
                ("changed", &c.changed),
            ];
            group(out, title, &groups, conflict);
        }
    }

    fn assumptions_text(&self, out: &mut String) {
        let a = &self.assumptions;
        let groups = [
            ("added", &a.added),
            ("withdrawn", &a.withdrawn),
            ("changed", &a.changed),
            ("forbidden", &a.forbidden),
            ("lifted", &a.lifted),
        ];
        group(out, "assumptions", &groups, assumption);
    }

    fn open_text(&self, out: &mut String) {
        let o = &self.open;
        let groups = [
            ("resolved", &o.resolved),
            ("reopened", &o.reopened),
            ("newly open", &o.newly_open),
            ("no longer open", &o.no_longer_open),
        ];
        group(out, "open questions", &groups, open);
    }
}

/// A heading with each list's count, then every entry marked with its list's name.
fn group<T>(
    out: &mut String,
    title: &str,
    lists: &[(&'static str, &Vec<T>)],
    row: fn(&'static str, &T) -> Row,
) {
    let counts: Vec<String> = lists
        .iter()
        .map(|(name, list)| format!("{} {name}", list.len()))
        .collect();
    let _ = writeln!(out, "{title}: {}", counts.join(", "));
    let all: Vec<Row> = lists
        .iter()
        .flat_map(|(name, list)| list.iter().map(move |x| row(name, x)))
        .collect();
    rows(out, &all, |_, _| {});
}

fn conclusion(mark: &'static str, c: &Change) -> Row {
    Row {
        mark,
        atom: c.atom.clone(),
        level: levels(c.before, c.after),
        note: because(&c.reason),
    }
}

fn proofs(out: &mut String, c: &Change) {
    for (label, proof) in [("before", &c.proof_before), ("after", &c.proof_after)] {
        if let Some(proof) = proof {
            let _ = writeln!(out, "    {label}:");
            for line in render::proof_text(proof, None).lines() {
                let _ = writeln!(out, "      {line}");
            }
        }
    }
}

fn conflict(mark: &'static str, c: &ConflictChange) -> Row {
    let bindings: Vec<String> = c
        .bindings
        .iter()
        .map(|(k, v)| format!("?{k} = {v}"))
        .collect();
    let atom = if bindings.is_empty() {
        c.name.clone()
    } else {
        format!("{} ({})", c.name, bindings.join(", "))
    };
    Row {
        mark,
        atom,
        level: levels(c.before, c.after),
        note: because(&c.reason),
    }
}

fn assumption(mark: &'static str, a: &AssumptionChange) -> Row {
    Row {
        mark,
        atom: a.atom.clone(),
        level: levels(a.before, a.after),
        note: a.line.to_string(),
    }
}

fn open(mark: &'static str, o: &OpenChange) -> Row {
    let declared = format!("declared open at {}:{}", o.open.file, o.open.line);
    Row {
        mark,
        atom: o.atom.clone(),
        level: o.settled.map(|s| s.to_string()).unwrap_or_default(),
        note: match &o.line {
            Some(line) => format!("{line} ({declared})"),
            None => declared,
        },
    }
}
