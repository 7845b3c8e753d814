//! The check as text: each candidate with what falls, weakens and gains without it, then
//! each conclusion with what it rests on.

use std::fmt::Write;

use crate::likelihood::Likelihood;

use super::Kind;
use super::report::{AssumptionReport, ConclusionReport, Report};

impl Report {
    /// The text report. With `only_conclusions` (an atom asked about), the conclusions
    /// part alone.
    pub fn text(&self, only_conclusions: bool) -> String {
        let mut out = String::new();
        let name = self
            .adhoc
            .as_ref()
            .map_or_else(|| self.scenario.clone(), |a| a.name(&self.scenario));
        let count = |kind| self.assumptions.iter().filter(|a| a.kind == kind).count();
        let _ = writeln!(
            out,
            "key assumptions of scenario {name}: {}, {}, {}, each withdrawn alone in a run of its own",
            crate::program::suggest::count(count(Kind::Assumption), "assumption"),
            crate::program::suggest::count(count(Kind::Intervention), "intervention"),
            crate::program::suggest::count(count(Kind::Fact), "fact"),
        );
        if !only_conclusions {
            out.push_str("\nload-bearing first, what each one's withdrawal changes:\n");
            for a in &self.assumptions {
                assumption(&mut out, a);
            }
            if self.assumptions.is_empty() {
                out.push_str("  (no assumptions)\n");
            }
        }
        if only_conclusions {
            for c in &self.conclusions {
                conclusion(&mut out, c, &name);
            }
            return out;
        }
        let (resting, robust): (Vec<_>, Vec<_>) = self
            .conclusions
            .iter()
            .partition(|c| !c.critical.is_empty() || !c.weakening.is_empty());
        let _ = writeln!(
            out,
            "\nconclusions that rest on one of them ({}):",
            resting.len()
        );
        for c in resting {
            conclusion(&mut out, c, &name);
        }
        let _ = writeln!(
            out,
            "\nconclusions that hold as strongly without any one of them ({}):",
            robust.len()
        );
        for c in robust {
            conclusion(&mut out, c, &name);
        }
        out
    }
}

/// The line a candidate is written as: `assume X [likely]`, `assume not X`, `fact X`.
fn line(a: &AssumptionReport) -> String {
    let level = a.likelihood.map_or(String::new(), |l| format!(" [{l}]"));
    match a.kind {
        Kind::Assumption => format!("assume {}{level}", a.atom),
        Kind::Intervention => format!("assume not {}", a.atom),
        Kind::Fact => format!("fact {}{level}", a.atom),
    }
}

fn assumption(out: &mut String, a: &AssumptionReport) {
    let (f, w, g) = (a.falls.len(), a.weakens.len(), a.gains.len());
    if f + w + g == 0 {
        let _ = writeln!(out, "  {}: no conclusion changes", line(a));
        return;
    }
    let _ = writeln!(out, "  {}: {f} fall, {w} weaken, {g} gain", line(a));
    let level = |l: Option<Likelihood>| l.map_or("absent".to_owned(), |l| l.to_string());
    let mut rows: Vec<(&str, &str, String)> = Vec::new();
    rows.extend(
        a.falls
            .iter()
            .map(|s| ("falls", s.atom.as_str(), s.likelihood.to_string())),
    );
    rows.extend(a.weakens.iter().map(|s| {
        (
            "weakens",
            s.atom.as_str(),
            format!("{} -> {}", level(s.from), level(s.to)),
        )
    }));
    rows.extend(a.gains.iter().map(|s| {
        (
            "gains",
            s.atom.as_str(),
            format!("{} -> {}", level(s.from), level(s.to)),
        )
    }));
    let width = rows.iter().map(|r| r.1.chars().count()).max().unwrap_or(0);
    for (mark, atom, levels) in rows {
        let _ = writeln!(out, "    {mark:<7}  {atom:<width$}  {levels}");
    }
}

fn conclusion(out: &mut String, c: &ConclusionReport, scenario: &str) {
    let Some(likelihood) = c.likelihood else {
        let _ = writeln!(out, "  {} does not hold in scenario {scenario}", c.atom);
        return;
    };
    let _ = writeln!(out, "  {}  {likelihood}", c.atom);
    if c.critical.is_empty() && c.weakening.is_empty() {
        return;
    }
    if !c.critical.is_empty() {
        let _ = writeln!(out, "    critical   {}", c.critical.join(", "));
    }
    if !c.weakening.is_empty() {
        let weak: Vec<String> = c
            .weakening
            .iter()
            .map(|w| format!("{} (to {})", w.atom, w.to))
            .collect();
        let _ = writeln!(out, "    weakening  {}", weak.join(", "));
    }
}
