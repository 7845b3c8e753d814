//! The TAP (version 14) report of `augur test`: a test point per test and per snapshot,
//! each failure with a YAML block.

use std::fmt::Write;

use augur::escape;
use augur::scenario::TestReport;

use super::SnapshotPoint;
use super::text::evidence_text;

/// A YAML value for TAP: a literal block when the text allows one, else a quoted string.
fn yaml_block(text: &str, indent: &str) -> String {
    let text = text.trim_end();
    if text.is_empty() || text.starts_with(' ') {
        return yaml_string(text);
    }
    let text = escape::visible_lines(text);
    let mut out = String::from("|-");
    for line in text.lines() {
        let _ = write!(out, "\n{indent}{line}");
    }
    out
}

pub(super) fn tap(report: &TestReport, snapshots: &[SnapshotPoint]) -> String {
    let total = report.tests.len() + snapshots.len();
    let mut out = format!("TAP version 14\n1..{total}\n");
    for (i, t) in report.tests.iter().enumerate() {
        let status = if t.ok { "ok" } else { "not ok" };
        let _ = writeln!(
            out,
            "{status} {} - {}",
            i + 1,
            escape::tap_description(&t.name)
        );
        if !t.ok {
            let _ = writeln!(out, "  ---");
            let _ = writeln!(out, "  scenario: {}", yaml_string(&t.scenario));
            let _ = writeln!(out, "  failures:");
            for f in &t.failures {
                let _ = writeln!(out, "    - message: {}", yaml_string(&f.message));
                let _ = writeln!(out, "      expectation: {}", yaml_string(&f.expectation));
                let _ = writeln!(
                    out,
                    "      at: {}",
                    yaml_string(&format!(
                        "{}:{}:{}",
                        f.location.file, f.location.line, f.location.column
                    ))
                );
                let evidence = evidence_text(&f.evidence, &t.scenario);
                let _ = writeln!(out, "      evidence: {}", yaml_block(&evidence, "        "));
            }
            let _ = writeln!(out, "  ...");
        }
    }
    for (i, point) in snapshots.iter().enumerate() {
        let n = report.tests.len() + i + 1;
        let name = escape::tap_description(&point.name);
        let Some((message, detail)) = &point.failure else {
            let _ = writeln!(out, "ok {n} - {name}");
            continue;
        };
        let _ = writeln!(out, "not ok {n} - {name}");
        let _ = writeln!(out, "  ---");
        let _ = writeln!(out, "  message: {}", yaml_string(message));
        if !detail.is_empty() {
            let _ = writeln!(out, "  changes: {}", yaml_block(detail, "    "));
        }
        let _ = writeln!(out, "  ...");
    }
    let failed = report.failed + snapshots.iter().filter(|p| p.failure.is_some()).count();
    let _ = writeln!(out, "# {} passed, {failed} failed", total - failed);
    out
}

/// A double-quoted YAML string (JSON's syntax is YAML's), hidden characters escaped first:
/// JSON leaves bidi controls and separators raw.
fn yaml_string(s: &str) -> String {
    serde_json::to_string(&escape::visible(s)).unwrap_or_else(|_| "\"\"".into())
}
