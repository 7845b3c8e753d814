//! The JUnit XML report of `augur test`: a test suite per scenario, its tests as test
//! cases, and one suite of the snapshots.

use std::fmt::Write;

use augur::escape;
use augur::scenario::TestReport;
use augur::scenario::suite::TestResult;

use super::SnapshotPoint;
use super::text::evidence_text;

/// Text for an XML element: hidden characters escaped ([`escape::visible_lines`]; XML 1.0
/// cannot carry most controls even as references), then the markup characters.
fn xml(s: &str) -> String {
    escape::xml_lines(s)
}

/// Text for an XML attribute: one line, since a parser turns a newline there into a space.
fn attr(s: &str) -> String {
    escape::xml(s)
}

fn seconds(ms: f64) -> String {
    format!("{:.6}", ms / 1000.0)
}

pub(super) fn junit(report: &TestReport, snapshots: &[SnapshotPoint]) -> String {
    let snapshot_failures = snapshots.iter().filter(|p| p.failure.is_some()).count();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let total_ms: f64 = report.tests.iter().map(|t| t.duration_ms).sum();
    let _ = writeln!(
        out,
        "<testsuites name=\"augur\" tests=\"{}\" failures=\"{}\" time=\"{}\">",
        report.tests.len() + snapshots.len(),
        report.failed + snapshot_failures,
        seconds(total_ms)
    );
    let mut scenarios: Vec<&str> = Vec::new();
    for t in &report.tests {
        if !scenarios.contains(&t.scenario.as_str()) {
            scenarios.push(&t.scenario);
        }
    }
    for scenario in scenarios {
        let tests: Vec<&TestResult> = report
            .tests
            .iter()
            .filter(|t| t.scenario == scenario)
            .collect();
        scenario_suite(&mut out, scenario, &tests);
    }
    if !snapshots.is_empty() {
        snapshot_suite(&mut out, snapshots, snapshot_failures);
    }
    out.push_str("</testsuites>\n");
    out
}

/// The test suite of one scenario: its tests, in order.
fn scenario_suite(out: &mut String, scenario: &str, tests: &[&TestResult]) {
    let failures = tests.iter().filter(|t| !t.ok).count();
    let time: f64 = tests.iter().map(|t| t.duration_ms).sum();
    let _ = writeln!(
        out,
        "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failures}\" time=\"{}\">",
        attr(scenario),
        tests.len(),
        seconds(time)
    );
    for t in tests {
        let _ = write!(
            out,
            "    <testcase name=\"{}\" classname=\"augur.{}\" file=\"{}\" line=\"{}\" time=\"{}\"",
            attr(&t.name),
            attr(scenario),
            attr(&t.location.file),
            t.location.line,
            seconds(t.duration_ms)
        );
        if t.ok {
            out.push_str("/>\n");
            continue;
        }
        out.push_str(">\n");
        for f in &t.failures {
            let body = format!(
                "{} at {}:{}:{}\n{}\n\n{}",
                f.expectation,
                f.location.file,
                f.location.line,
                f.location.column,
                f.message,
                evidence_text(&f.evidence, &t.scenario)
            );
            let _ = writeln!(
                out,
                "      <failure message=\"{}\" type=\"expectation\">{}</failure>",
                attr(&f.message),
                xml(&body)
            );
        }
        out.push_str("    </testcase>\n");
    }
    out.push_str("  </testsuite>\n");
}

/// The test suite of the snapshots.
fn snapshot_suite(out: &mut String, snapshots: &[SnapshotPoint], failures: usize) {
    let _ = writeln!(
        out,
        "  <testsuite name=\"snapshots\" tests=\"{}\" failures=\"{failures}\">",
        snapshots.len()
    );
    for point in snapshots {
        let _ = write!(
            out,
            "    <testcase name=\"{}\" classname=\"augur.snapshots\"",
            attr(&point.name)
        );
        match &point.failure {
            None => out.push_str("/>\n"),
            Some((message, detail)) => {
                let _ = writeln!(
                    out,
                    ">\n      <failure message=\"{}\" type=\"snapshot\">{}</failure>\n    </testcase>",
                    attr(message),
                    xml(detail)
                );
            }
        }
    }
    out.push_str("  </testsuite>\n");
}
