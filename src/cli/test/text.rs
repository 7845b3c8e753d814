//! The text report of `augur test`: each test and snapshot on a line, then the failures
//! with their evidence, the coverage and the counts.

use std::fmt::Write;
use std::path::Path;

use augur::Analysis;
use augur::escape;
use augur::explain::render;
use augur::scenario::snapshot::{self, Comparison};
use augur::scenario::suite::{Evidence, ExpectationFailed, TestResult};
use augur::scenario::{Coverage, TestReport};

use super::super::args::Format;
use super::super::render as render_diagnostic;
use super::{Summary, plural};

/// A snapshot change's lines stand this far in, under the line that names the snapshot.
pub(super) const DIFF_INDENT: &str = "  ";

/// The evidence of a failure, as every format shows it.
pub(super) fn evidence_text(evidence: &Evidence, scenario: &str) -> String {
    let proof = |p| render::proof_text(p, None);
    match evidence {
        Evidence::Proof { proof: p } => proof(p),
        Evidence::WhyNot { why_not } => render::why_not_text(why_not, scenario),
        Evidence::ConflictWhyNot { why_not } => render::conflict_why_not_text(why_not, scenario),
        Evidence::TooLow {
            actual,
            expected,
            proof: p,
        } => format!(
            "it is {actual}, below {expected}; its strongest proof:\n{}",
            proof(p)
        ),
        Evidence::TooHigh {
            actual,
            expected,
            proof: p,
        } => format!(
            "it is {actual}, above {expected}; its strongest proof:\n{}",
            proof(p)
        ),
        Evidence::Probability { probability } => {
            let band = augur::prob::band(*probability)
                .map_or("holds in no world".to_owned(), |l| l.to_string());
            format!("P = {probability:.6} ({band}), computed exactly\n")
        }
        Evidence::Unchecked { reason } => format!("{reason}\n"),
        Evidence::LeftOpen { left_open } => {
            let mut out = format!(
                "it is left open in scenario {scenario} by the declaration at {}:{}",
                left_open.place.file, left_open.place.line
            );
            if let Some(when) = &left_open.arises_when {
                let _ = write!(out, ", which applies when {when}");
            }
            out.push('\n');
            for c in &left_open.cites {
                let _ = writeln!(out, "  cites {c}");
            }
            out
        }
        Evidence::Conflict {
            conflict,
            conflict_kind: kind,
            holds,
            more,
        } => {
            let mut out = String::new();
            for h in holds {
                let b = augur::scenario::bindings_text(h.bindings.iter().map(|(k, v)| (k, v)));
                let _ = writeln!(out, "{kind} {conflict} holds{b}");
                for p in &h.proofs {
                    out.push_str(&proof(p));
                }
            }
            if *more > 0 {
                let _ = writeln!(
                    out,
                    "and {more} more {}; `augur run --scenario {scenario}` lists every one",
                    if *more == 1 {
                        "way it holds"
                    } else {
                        "ways it holds"
                    }
                );
            }
            out
        }
    }
}

pub(super) fn text(
    analysis: &Analysis,
    report: &TestReport,
    snapshots: Option<&[Comparison]>,
    dir: Option<&Path>,
) -> String {
    let mut out = String::new();
    let _ = write!(out, "running {}", plural(report.tests.len(), "test"));
    if let Some(s) = snapshots {
        let n = s.iter().filter(|c| c.is_check()).count();
        let _ = write!(out, ", {}", plural(n, "snapshot"));
    }
    out.push('\n');
    for t in &report.tests {
        let _ = writeln!(
            out,
            "test {} ... {}",
            escape::visible(&t.name),
            if t.ok { "ok" } else { "FAILED" }
        );
    }
    let failed: Vec<&TestResult> = report.tests.iter().filter(|t| !t.ok).collect();
    if !failed.is_empty() {
        let _ = writeln!(out, "\nfailures:");
        for t in failed {
            let _ = writeln!(
                out,
                "\n---- {} (scenario {}) ----",
                escape::visible(&t.name),
                t.scenario
            );
            for f in &t.failures {
                out.push_str(&render_diagnostic(
                    &ExpectationFailed::new(analysis.program(), t, f),
                    Format::Text,
                ));
                out.push_str(&evidence_text(&f.evidence, &t.scenario));
                out.push('\n');
            }
        }
    }
    if let (Some(snapshots), Some(dir)) = (snapshots, dir) {
        out.push('\n');
        out.push_str(&snapshot_text(snapshots, dir));
    }
    out
}

pub(super) fn coverage_text(cov: Option<&Coverage>) -> String {
    let mut out = String::new();
    if let Some(cov) = cov {
        out.push('\n');
        let _ = writeln!(
            out,
            "coverage: {} of {} rules fired in a tested scenario ({:.1}%)",
            cov.covered, cov.total, cov.percent
        );
        for r in cov.rules.iter().filter(|r| !r.fired) {
            let _ = writeln!(
                out,
                "  never fired: rule {} at {}:{}",
                r.rule, r.file, r.line
            );
        }
    }
    out
}

pub(super) fn summary_text(summary: &Summary, filtered: bool) -> String {
    let mut out = format!("\n{} passed, {} failed", summary.passed, summary.failed);
    if filtered {
        let _ = write!(out, ", {} filtered out", summary.filtered_out);
    }
    out.push('\n');
    out
}

/// How many of the `.snap` files augur did not write a bless names in its text report (JSON
/// lists every one).
const LEFT_ALONE_NAMED: usize = 5;

/// The snapshots' lines: one per snapshot, then what a bless did and how many failed.
pub(super) fn snapshot_text(snapshots: &[Comparison], dir: &Path) -> String {
    let mut out = String::new();
    let mut blessed = Blessed::default();
    for c in snapshots {
        snapshot_line(&mut out, c, dir, &mut blessed);
    }
    blessed.write(&mut out);
    let bad = snapshots.iter().filter(|c| c.failed()).count();
    if bad > 0 {
        let _ = writeln!(
            out,
            "snapshots FAILED: {bad} of {} do not match",
            snapshots.len()
        );
    }
    out
}

/// What a bless did, counted for its closing lines.
#[derive(Default)]
struct Blessed<'a> {
    updated: usize,
    created: usize,
    unchanged: usize,
    removed: Vec<&'a str>,
    cleaned: Vec<&'a str>,
    left_alone: Vec<&'a str>,
}

/// The line of one snapshot (none for a file left alone: another tool's snapshots may be
/// many, so they are named in the closing line only), counting what a bless did.
fn snapshot_line<'a>(out: &mut String, c: &'a Comparison, dir: &Path, blessed: &mut Blessed<'a>) {
    let pending = |scenario: &str| {
        snapshot::pending_of(&snapshot::file_of(dir, scenario))
            .display()
            .to_string()
    };
    let _ = match c {
        Comparison::Same { scenario } => writeln!(out, "snapshot {scenario} ... ok"),
        Comparison::Unchanged { scenario } => {
            blessed.unchanged += 1;
            writeln!(out, "snapshot {scenario} ... unchanged")
        }
        Comparison::Updated { scenario } => {
            blessed.updated += 1;
            writeln!(out, "snapshot {scenario} ... updated")
        }
        Comparison::Created { scenario } => {
            blessed.created += 1;
            writeln!(out, "snapshot {scenario} ... created")
        }
        Comparison::Removed { file } => {
            blessed.removed.push(file.as_str());
            writeln!(out, "snapshot {file} ... removed (no such scenario)")
        }
        Comparison::Cleaned { file } => {
            blessed.cleaned.push(file.as_str());
            writeln!(
                out,
                "snapshot {file} ... removed (a temporary file an interrupted run left)"
            )
        }
        Comparison::LeftAlone { file } => {
            blessed.left_alone.push(file.as_str());
            Ok(())
        }
        Comparison::Missing { scenario } => writeln!(
            out,
            "snapshot {scenario} ... MISSING (new text in {}; --accept or --bless to write it)",
            pending(scenario)
        ),
        Comparison::Stale { file } => writeln!(
            out,
            "snapshot {file} ... STALE (no such scenario; --bless removes it)"
        ),
        Comparison::Changed { scenario, diff } => {
            let _ = writeln!(
                out,
                "snapshot {scenario} ... CHANGED (new text in {}; --review, then --accept)",
                pending(scenario)
            );
            out.push_str(&diff.text(DIFF_INDENT));
            Ok(())
        }
    };
}

impl Blessed<'_> {
    /// The closing lines of a bless: the counts, the temporaries removed, the files left
    /// alone; nothing when the run blessed nothing.
    fn write(&self, out: &mut String) {
        let Blessed {
            updated,
            created,
            unchanged,
            removed,
            cleaned,
            left_alone,
        } = self;
        let blessed = updated + created + unchanged + removed.len();
        if blessed > 0 {
            let _ = write!(
                out,
                "snapshots blessed: {updated} updated, {created} created, {unchanged} unchanged, {} removed",
                removed.len()
            );
            if !removed.is_empty() {
                let _ = write!(out, " ({})", removed.join(", "));
            }
            out.push('\n');
        }
        if !cleaned.is_empty() {
            let _ = writeln!(
                out,
                "removed {} left by an interrupted run: {}",
                plural(cleaned.len(), "temporary file"),
                cleaned.join(", ")
            );
        }
        if !left_alone.is_empty() {
            let more = left_alone.len().saturating_sub(LEFT_ALONE_NAMED);
            let _ = write!(
                out,
                "left alone {} augur did not write: {}",
                plural(left_alone.len(), "`.snap` file"),
                left_alone[..left_alone.len() - more].join(", ")
            );
            if more > 0 {
                let _ = write!(out, " and {more} more");
            }
            out.push('\n');
        }
    }
}
