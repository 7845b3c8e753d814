//! `augur test`: run the tests, optionally compare snapshots and report coverage; text,
//! JSON, TAP or JUnit XML.

use std::fmt::Write;
use std::path::Path;

use serde::Serialize;

use augur::Analysis;
use augur::explain::render;
use augur::program::{Program, ScenarioId, Test};
use augur::scenario::files::FileError;
use augur::scenario::snapshot::{self, Comparison, LineDiff};
use augur::scenario::suite::{Evidence, ExpectationFailed, TestResult};
use augur::scenario::{Coverage, TestReport, coverage, run_tests};

use super::args::{Format, Limits};
use augur::escape;

use super::{BAD_INPUT, FAILED, OK, Outcome, json, render as render_diagnostic};

/// What to do with the snapshots in `--snapshot DIR`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SnapshotAction {
    /// Compare (the default); mismatches leave `.snap.new` files.
    Compare,
    /// Rewrite them (`--bless`).
    Bless,
    /// Show the pending `.snap.new` files (`--review`).
    Review,
    /// Take the pending `.snap.new` files (`--accept`).
    Accept,
}

pub struct Request<'a> {
    pub filter: Option<&'a str>,
    pub snapshot: Option<&'a Path>,
    pub action: SnapshotAction,
    pub list: bool,
    pub coverage: bool,
    pub limits: &'a Limits,
}

/// The closing counts: tests and snapshots together, as `N passed, N failed`.
#[derive(Clone, Copy, Debug, Default, Serialize)]
struct Summary {
    passed: usize,
    failed: usize,
    /// Tests and snapshots left out by `--filter`.
    filtered_out: usize,
}

#[derive(Serialize)]
struct Everything<'a> {
    #[serde(flatten)]
    report: &'a TestReport<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    snapshots: Option<&'a [Comparison]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    coverage: Option<&'a Coverage>,
    summary: Summary,
}

/// What `--filter` selects: tests by name, snapshots by scenario name.
struct Selection<'p> {
    tests: Vec<&'p Test>,
    snapshots: Vec<ScenarioId>,
    filtered_out: usize,
}

fn select<'p>(p: &'p Program, req: &Request<'_>) -> Selection<'p> {
    let keep = |name: &str| req.filter.is_none_or(|f| name.contains(f));
    let tests: Vec<&Test> = p.tests().iter().filter(|t| keep(&t.name)).collect();
    let (snapshots, all_snapshots) = match req.snapshot {
        Some(_) => (
            (0..p.scenarios().len())
                .map(ScenarioId::from_index)
                .filter(|id| keep(&p.scenarios()[id.index()].name))
                .collect(),
            p.scenarios().len(),
        ),
        None => (Vec::new(), 0),
    };
    let filtered_out = p.tests().len() - tests.len() + all_snapshots - snapshots.len();
    Selection {
        tests,
        snapshots,
        filtered_out,
    }
}

fn usage(message: String) -> Outcome {
    Outcome {
        stdout: String::new(),
        stderr: format!("error: {message}\n"),
        code: BAD_INPUT,
    }
}

/// A problem with the snapshot directory: a report, exit 2; the snapshots as they were
/// are left whole.
fn io_failure(e: FileError, format: Format) -> Outcome {
    Outcome {
        stdout: String::new(),
        stderr: render_diagnostic(&e, format),
        code: BAD_INPUT,
    }
}

pub fn test(
    analysis: &Analysis,
    req: &Request<'_>,
    format: Format,
) -> Result<Outcome, augur::Error> {
    let p = analysis.program();
    let selection = select(p, req);
    let mut warning = String::new();
    if let Some(f) = req.filter
        && selection.tests.is_empty()
        && selection.snapshots.is_empty()
    {
        let what = if req.snapshot.is_some() {
            "test or snapshot"
        } else {
            "test"
        };
        warning = format!(
            "warning: filter `{}` matches no {what}\n",
            escape::visible(f)
        );
    }
    if req.list || matches!(req.action, SnapshotAction::Review | SnapshotAction::Accept) {
        if matches!(format, Format::Tap | Format::Junit) {
            let what = if req.list {
                "--list writes"
            } else {
                "--review and --accept write"
            };
            let name = if format == Format::Tap {
                "TAP"
            } else {
                "JUnit"
            };
            return Ok(usage(format!("{what} text or JSON, not {name}")));
        }
        let mut outcome = if req.list {
            Outcome::ok(list(p, &selection, format))
        } else {
            match review(req, format) {
                Ok(outcome) => outcome,
                Err(e) => io_failure(e, format),
            }
        };
        outcome.stderr.insert_str(0, &warning);
        return Ok(outcome);
    }
    // Tested scenarios and snapshotted ones, each evaluated once.
    let mut ids: Vec<ScenarioId> = selection.tests.iter().map(|t| t.scenario).collect();
    ids.extend(&selection.snapshots);
    ids.sort();
    ids.dedup();
    let models = analysis.run_scenarios(&ids, &req.limits.options())?;
    let report = run_tests(p, &selection.tests, &models);
    let snapshots = match req.snapshot {
        Some(dir) => {
            let chosen: Vec<_> = models
                .iter()
                .filter(|m| selection.snapshots.contains(&m.scenario()))
                .collect();
            let mode = if req.action == SnapshotAction::Bless {
                snapshot::Mode::Bless
            } else {
                snapshot::Mode::Compare
            };
            match snapshot::compare(dir, &chosen, mode, req.filter) {
                Ok(c) => Some(c),
                Err(snapshot::Interrupted { error, done }) => {
                    let mut outcome = io_failure(error, format);
                    if !done.is_empty() {
                        // Said on stderr so that stdout stays valid JSON, TAP or JUnit.
                        let before = format!(
                            "before this error, augur did:\n{}",
                            snapshot_text(&done, dir)
                        );
                        outcome.stderr.insert_str(0, &before);
                    }
                    return Ok(outcome);
                }
            }
        }
        None => None,
    };
    let tested: Vec<ScenarioId> = selection.tests.iter().map(|t| t.scenario).collect();
    let tested_models: Vec<_> = models
        .into_iter()
        .filter(|m| tested.contains(&m.scenario()))
        .collect();
    let cov = req.coverage.then(|| coverage(p, &tested_models));
    let snapshot_failed = snapshots.iter().flatten().filter(|c| c.failed()).count();
    let snapshot_passed = snapshots
        .iter()
        .flatten()
        .filter(|c| !c.failed() && c.is_check())
        .count();
    let summary = Summary {
        passed: report.passed + snapshot_passed,
        failed: report.failed + snapshot_failed,
        filtered_out: selection.filtered_out,
    };
    let code = if summary.failed > 0 { FAILED } else { OK };
    let stdout = match format {
        Format::Json => json(&Everything {
            report: &report,
            snapshots: snapshots.as_deref(),
            coverage: cov.as_ref(),
            summary,
        }),
        Format::Tap => tap(
            &report,
            &snapshot_points(snapshots.as_deref().unwrap_or(&[]), req.snapshot),
        ),
        Format::Junit => junit(
            &report,
            &snapshot_points(snapshots.as_deref().unwrap_or(&[]), req.snapshot),
        ),
        Format::Text => {
            let mut out = text(analysis, &report, snapshots.as_deref(), req.snapshot);
            out.push_str(&coverage_text(cov.as_ref()));
            out.push_str(&summary_text(&summary, req.filter.is_some()));
            out
        }
    };
    Ok(Outcome {
        stdout,
        stderr: warning,
        code,
    })
}

/// `--list`: the tests, then the snapshots, that a run would check.
fn list(p: &Program, selection: &Selection<'_>, format: Format) -> String {
    #[derive(Serialize)]
    struct Listed<'a> {
        name: &'a str,
        scenario: &'a str,
        location: augur::source::Location,
    }
    #[derive(Serialize)]
    struct Listing<'a> {
        tests: Vec<Listed<'a>>,
        snapshots: Vec<&'a str>,
        filtered_out: usize,
    }
    let listing = Listing {
        tests: selection
            .tests
            .iter()
            .map(|t| Listed {
                name: &t.name,
                scenario: &p.scenarios()[t.scenario.index()].name,
                location: p.sources().location(t.span),
            })
            .collect(),
        snapshots: selection
            .snapshots
            .iter()
            .map(|id| p.scenarios()[id.index()].name.as_str())
            .collect(),
        filtered_out: selection.filtered_out,
    };
    if format == Format::Json {
        return json(&listing);
    }
    let mut out = String::new();
    for t in &listing.tests {
        let _ = writeln!(
            out,
            "test {} (scenario {})",
            escape::visible(t.name),
            t.scenario
        );
    }
    for s in &listing.snapshots {
        let _ = writeln!(out, "snapshot {s}");
    }
    let _ = write!(
        out,
        "\n{}, {}",
        plural(listing.tests.len(), "test"),
        plural(listing.snapshots.len(), "snapshot")
    );
    if selection.filtered_out > 0 || listing.tests.is_empty() {
        let _ = write!(out, ", {} filtered out", selection.filtered_out);
    }
    out.push('\n');
    out
}

fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// `--review` shows the pending changes; `--accept` takes them and shows what it took.
fn review(req: &Request<'_>, format: Format) -> Result<Outcome, FileError> {
    let Some(dir) = req.snapshot else {
        return Ok(usage("--review and --accept need --snapshot DIR".into()));
    };
    let accept = req.action == SnapshotAction::Accept;
    let pending = if accept {
        snapshot::accept(dir, req.filter)?
    } else {
        snapshot::pending(dir, req.filter)?
    };
    if format == Format::Json {
        let key = if accept { "accepted" } else { "pending" };
        return Ok(Outcome::ok(json(&serde_json::json!({ key: pending }))));
    }
    let mut out = String::new();
    if pending.is_empty() {
        let _ = writeln!(out, "no pending snapshot changes in {}", dir.display());
        return Ok(Outcome::ok(out));
    }
    for p in &pending {
        let what = match (accept, p.replaces) {
            (false, true) => "changed",
            (false, false) => "new",
            (true, true) => "accepted",
            (true, false) => "accepted (new)",
        };
        let _ = writeln!(out, "snapshot {} ... {what} ({})", p.scenario, p.file);
        out.push_str(&diff_text(&p.diff));
    }
    let n = plural(pending.len(), "pending change");
    if accept {
        let _ = writeln!(out, "\naccepted {n}");
    } else {
        let them = if pending.len() == 1 { "it" } else { "them" };
        let _ = writeln!(
            out,
            "\n{n}; take {them} with `augur test --snapshot {} --accept`",
            dir.display()
        );
    }
    Ok(Outcome::ok(out))
}

/// The lines of a snapshot change: paired changes first (`~ key  from -> to`), then lines
/// gone and lines new.
fn diff_text(diff: &LineDiff) -> String {
    let mut out = String::new();
    for c in &diff.changed {
        let _ = writeln!(out, "  ~ {}  {} -> {}", c.key, c.from, c.to);
    }
    for line in &diff.removed {
        let _ = writeln!(out, "  - {line}");
    }
    for line in &diff.added {
        let _ = writeln!(out, "  + {line}");
    }
    out
}

/// The evidence of a failure, as every format shows it.
fn evidence_text(evidence: &Evidence, scenario: &str) -> String {
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

fn text(
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

fn coverage_text(cov: Option<&Coverage>) -> String {
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

fn summary_text(summary: &Summary, filtered: bool) -> String {
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

fn snapshot_text(snapshots: &[Comparison], dir: &Path) -> String {
    let mut out = String::new();
    let pending = |scenario: &str| {
        snapshot::pending_of(&snapshot::file_of(dir, scenario))
            .display()
            .to_string()
    };
    let (mut updated, mut created, mut unchanged, mut removed) = (0, 0, 0, Vec::new());
    let (mut cleaned, mut left_alone) = (Vec::new(), Vec::new());
    for c in snapshots {
        let _ = match c {
            Comparison::Same { scenario } => writeln!(out, "snapshot {scenario} ... ok"),
            Comparison::Unchanged { scenario } => {
                unchanged += 1;
                writeln!(out, "snapshot {scenario} ... unchanged")
            }
            Comparison::Updated { scenario } => {
                updated += 1;
                writeln!(out, "snapshot {scenario} ... updated")
            }
            Comparison::Created { scenario } => {
                created += 1;
                writeln!(out, "snapshot {scenario} ... created")
            }
            Comparison::Removed { file } => {
                removed.push(file.as_str());
                writeln!(out, "snapshot {file} ... removed (no such scenario)")
            }
            Comparison::Cleaned { file } => {
                cleaned.push(file.as_str());
                writeln!(
                    out,
                    "snapshot {file} ... removed (a temporary file an interrupted run left)"
                )
            }
            // Another tool's snapshots may be many: named in the closing line only.
            Comparison::LeftAlone { file } => {
                left_alone.push(file.as_str());
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
                out.push_str(&diff_text(diff));
                Ok(())
            }
        };
    }
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

/// A snapshot as a test point of TAP and JUnit: its name, and when it fails, a message and
/// the text the text report shows under it.
fn snapshot_points(
    snapshots: &[Comparison],
    dir: Option<&Path>,
) -> Vec<(String, Option<(String, String)>)> {
    let Some(dir) = dir else {
        return Vec::new();
    };
    snapshots
        .iter()
        .filter(|c| c.is_check())
        .map(|c| {
            let name = match c {
                Comparison::Stale { file }
                | Comparison::Removed { file }
                | Comparison::Cleaned { file }
                | Comparison::LeftAlone { file } => file.clone(),
                Comparison::Same { scenario }
                | Comparison::Changed { scenario, .. }
                | Comparison::Missing { scenario }
                | Comparison::Created { scenario }
                | Comparison::Updated { scenario }
                | Comparison::Unchanged { scenario } => scenario.clone(),
            };
            let failure = c.failed().then(|| {
                let shown = snapshot_text(std::slice::from_ref(c), dir);
                let mut lines = shown.lines();
                let message = lines
                    .next()
                    .and_then(|l| l.split_once(" ... "))
                    .map_or_else(String::new, |(_, m)| m.to_owned());
                let detail: Vec<&str> = lines
                    .filter(|l| !l.starts_with("snapshots FAILED"))
                    .map(str::trim_start)
                    .collect();
                (message, detail.join("\n"))
            });
            (format!("snapshot {name}"), failure)
        })
        .collect()
}

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

fn tap(report: &TestReport, snapshots: &[(String, Option<(String, String)>)]) -> String {
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
    for (i, (name, failure)) in snapshots.iter().enumerate() {
        let n = report.tests.len() + i + 1;
        let Some((message, detail)) = failure else {
            let _ = writeln!(out, "ok {n} - {}", escape::tap_description(name));
            continue;
        };
        let _ = writeln!(out, "not ok {n} - {}", escape::tap_description(name));
        let _ = writeln!(out, "  ---");
        let _ = writeln!(out, "  message: {}", yaml_string(message));
        if !detail.is_empty() {
            let _ = writeln!(out, "  changes: {}", yaml_block(detail, "    "));
        }
        let _ = writeln!(out, "  ...");
    }
    let failed = report.failed + snapshots.iter().filter(|(_, f)| f.is_some()).count();
    let _ = writeln!(out, "# {} passed, {failed} failed", total - failed);
    out
}

/// A double-quoted YAML string (JSON's syntax is YAML's), hidden characters escaped first:
/// JSON leaves bidi controls and separators raw.
fn yaml_string(s: &str) -> String {
    serde_json::to_string(&escape::visible(s)).unwrap_or_else(|_| "\"\"".into())
}

/// Text for an XML element: hidden characters escaped ([`escape::visible_lines`]; XML 1.0
/// cannot carry most controls even as references), then the markup characters.
fn xml(s: &str) -> String {
    let s = escape::visible_lines(s);
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// Text for an XML attribute: one line, since a parser turns a newline there into a space.
fn attr(s: &str) -> String {
    xml(&escape::visible(s))
}

fn seconds(ms: f64) -> String {
    format!("{:.6}", ms / 1000.0)
}

fn junit(report: &TestReport, snapshots: &[(String, Option<(String, String)>)]) -> String {
    let snapshot_failures = snapshots.iter().filter(|(_, f)| f.is_some()).count();
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
    if !snapshots.is_empty() {
        let _ = writeln!(
            out,
            "  <testsuite name=\"snapshots\" tests=\"{}\" failures=\"{snapshot_failures}\">",
            snapshots.len()
        );
        for (name, failure) in snapshots {
            let _ = write!(
                out,
                "    <testcase name=\"{}\" classname=\"augur.snapshots\"",
                attr(name)
            );
            match failure {
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
    out.push_str("</testsuites>\n");
    out
}
