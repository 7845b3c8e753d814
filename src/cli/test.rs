//! `augur test`: run the tests, optionally compare snapshots and report coverage; text,
//! JSON, TAP or JUnit XML.

use std::fmt::Write;
use std::path::Path;

use serde::Serialize;

use augur::Analysis;
use augur::explain::render;
use augur::program::ScenarioId;
use augur::scenario::snapshot::{self, Comparison};
use augur::scenario::suite::{Evidence, ExpectationFailed, TestResult};
use augur::scenario::{Coverage, TestReport, coverage, run_tests};

use super::args::{Format, Limits};
use super::{BAD_INPUT, FAILED, OK, Outcome, json, render as render_diagnostic};

pub struct Request<'a> {
    pub filter: Option<&'a str>,
    pub snapshot: Option<&'a Path>,
    pub bless: bool,
    pub coverage: bool,
    pub limits: &'a Limits,
}

#[derive(Serialize)]
struct Everything<'a> {
    #[serde(flatten)]
    report: &'a TestReport,
    #[serde(skip_serializing_if = "Option::is_none")]
    snapshots: Option<&'a [Comparison]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    coverage: Option<&'a Coverage>,
}

pub fn test(
    analysis: &Analysis,
    req: &Request<'_>,
    format: Format,
) -> Result<Outcome, augur::Error> {
    let p = analysis.program();
    let tests: Vec<_> = p
        .tests
        .iter()
        .filter(|t| req.filter.is_none_or(|f| t.name.contains(f)))
        .collect();
    // Tested scenarios, plus every scenario when snapshots are compared.
    let mut ids: Vec<ScenarioId> = Vec::new();
    let wanted = tests.iter().map(|t| t.scenario).chain(
        (0..p.scenarios.len())
            .map(ScenarioId::from_index)
            .filter(|_| req.snapshot.is_some()),
    );
    for id in wanted {
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    ids.sort();
    let models = analysis.run_scenarios(&ids, &req.limits.options())?;
    let report = run_tests(p, &tests, &models);
    let snapshots = match req.snapshot {
        Some(dir) => match snapshot::compare(dir, &models, req.bless) {
            Ok(c) => Some(c),
            Err((path, e)) => {
                let stderr = format!(
                    "error: cannot write snapshots at `{}`: {e}\n",
                    path.display()
                );
                return Ok(Outcome {
                    stdout: String::new(),
                    stderr,
                    code: BAD_INPUT,
                });
            }
        },
        None => None,
    };
    let tested: Vec<ScenarioId> = tests.iter().map(|t| t.scenario).collect();
    let tested_models: Vec<_> = models
        .into_iter()
        .filter(|m| tested.contains(&m.scenario()))
        .collect();
    let cov = req.coverage.then(|| coverage(p, &tested_models));
    let snapshot_failed = snapshots
        .as_ref()
        .is_some_and(|s| s.iter().any(Comparison::failed));
    let code = if report.failed > 0 || snapshot_failed {
        FAILED
    } else {
        OK
    };
    let stdout = match format {
        Format::Json => json(&Everything {
            report: &report,
            snapshots: snapshots.as_deref(),
            coverage: cov.as_ref(),
        }),
        Format::Tap => tap(&report),
        Format::Junit => junit(&report),
        Format::Text => text(analysis, &report, snapshots.as_deref(), cov.as_ref()),
    };
    Ok(Outcome {
        stdout,
        stderr: String::new(),
        code,
    })
}

fn evidence_text(evidence: &Evidence, scenario: &str) -> String {
    match evidence {
        Evidence::Proof { proof } => render::proof_text(proof, None),
        Evidence::WhyNot { why_not } => render::why_not_text(why_not, scenario),
        Evidence::TooLow {
            actual,
            expected,
            proof,
        } => format!(
            "it is {actual}, expected at least {expected}; its strongest proof:\n{}",
            render::proof_text(proof, None)
        ),
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
                let _ = writeln!(out, "  cites {}: \"{}\"", c.document, c.quote);
            }
            out
        }
        Evidence::Conflict {
            conflict,
            bindings,
            proofs,
        } => {
            let mut out = String::new();
            for b in bindings {
                let b = augur::scenario::bindings_text(b.iter().map(|(k, v)| (k, v)));
                let _ = writeln!(out, "conflict {conflict} holds{b}");
            }
            for proof in proofs {
                out.push_str(&render::proof_text(proof, None));
            }
            out
        }
    }
}

fn text(
    analysis: &Analysis,
    report: &TestReport,
    snapshots: Option<&[Comparison]>,
    cov: Option<&Coverage>,
) -> String {
    let mut out = String::new();
    let plural = if report.tests.len() == 1 { "" } else { "s" };
    let _ = writeln!(out, "running {} test{plural}", report.tests.len());
    for t in &report.tests {
        let _ = writeln!(
            out,
            "test {} ... {}",
            t.name,
            if t.ok { "ok" } else { "FAILED" }
        );
    }
    let failed: Vec<&TestResult> = report.tests.iter().filter(|t| !t.ok).collect();
    if !failed.is_empty() {
        let _ = writeln!(out, "\nfailures:");
        for t in failed {
            let _ = writeln!(out, "\n---- {} (scenario {}) ----", t.name, t.scenario);
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
    if let Some(snapshots) = snapshots {
        out.push('\n');
        out.push_str(&snapshot_text(snapshots));
        let bad = snapshots.iter().filter(|c| c.failed()).count();
        if bad > 0 {
            let _ = writeln!(
                out,
                "snapshots FAILED: {bad} of {} do not match",
                snapshots.len()
            );
        }
    }
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
    let _ = writeln!(out, "\n{} passed, {} failed", report.passed, report.failed);
    out
}

fn snapshot_text(snapshots: &[Comparison]) -> String {
    let mut out = String::new();
    for c in snapshots {
        let _ = match c {
            Comparison::Same { scenario } => writeln!(out, "snapshot {scenario} ... ok"),
            Comparison::Written { scenario } => writeln!(out, "snapshot {scenario} ... blessed"),
            Comparison::Missing { scenario } => writeln!(
                out,
                "snapshot {scenario} ... MISSING (run with --bless to write it)"
            ),
            Comparison::Stale { file } => writeln!(
                out,
                "snapshot {file} ... STALE (no such scenario; --bless removes it)"
            ),
            Comparison::Changed {
                scenario,
                removed,
                added,
            } => {
                let _ = writeln!(
                    out,
                    "snapshot {scenario} ... CHANGED (review, then --bless to accept)"
                );
                for line in removed {
                    let _ = writeln!(out, "  - {line}");
                }
                for line in added {
                    let _ = writeln!(out, "  + {line}");
                }
                Ok(())
            }
        };
    }
    out
}

fn tap(report: &TestReport) -> String {
    let mut out = format!("TAP version 14\n1..{}\n", report.tests.len());
    for (i, t) in report.tests.iter().enumerate() {
        let status = if t.ok { "ok" } else { "not ok" };
        let _ = writeln!(out, "{status} {} - {}", i + 1, t.name.replace('#', "\\#"));
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
            }
            let _ = writeln!(out, "  ...");
        }
    }
    let _ = writeln!(out, "# {} passed, {} failed", report.passed, report.failed);
    out
}

fn yaml_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\t' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

fn junit(report: &TestReport) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"augur\" tests=\"{}\" failures=\"{}\">",
        report.tests.len(),
        report.failed
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
        let failures = tests.iter().filter(|t| !t.ok).count();
        let _ = writeln!(
            out,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failures}\">",
            xml(scenario),
            tests.len()
        );
        for t in tests {
            let _ = write!(
                out,
                "    <testcase name=\"{}\" classname=\"augur.{}\" file=\"{}\" line=\"{}\"",
                xml(&t.name),
                xml(scenario),
                xml(&t.location.file),
                t.location.line
            );
            if t.ok {
                out.push_str("/>\n");
                continue;
            }
            out.push_str(">\n");
            for f in &t.failures {
                let body = format!(
                    "{} at {}:{}:{}",
                    f.expectation, f.location.file, f.location.line, f.location.column
                );
                let _ = writeln!(
                    out,
                    "      <failure message=\"{}\" type=\"expectation\">{}</failure>",
                    xml(&f.message),
                    xml(&body)
                );
            }
            out.push_str("    </testcase>\n");
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}
