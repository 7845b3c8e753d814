//! `augur test`: run the tests, optionally compare snapshots and report coverage; text,
//! JSON, TAP or JUnit XML. This module selects, runs and counts; [`text`], [`tap`] and
//! [`junit`] write the reports.

mod junit;
mod tap;
mod text;

use std::fmt::Write;
use std::path::Path;

use serde::Serialize;

use augur::Analysis;
use augur::escape;
use augur::program::{Program, ScenarioId, Test};
use augur::scenario::files::FileError;
use augur::scenario::snapshot::{self, Comparison};
use augur::scenario::{Coverage, TestReport, coverage, run_tests};

use super::args::{Format, Limits, Paths, TestOutput};
use super::{BAD_INPUT, FAILED, OK, Outcome, json, render as render_diagnostic, with_analysis};

/// `augur test`'s arguments.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Rule files or directories of them.
    #[command(flatten)]
    pub paths: Paths,
    /// Run only tests whose name contains this text, and only snapshots of scenarios
    /// whose name contains it.
    #[arg(long)]
    pub filter: Option<String>,
    /// Compare each scenario's conclusions, conflicts and open questions with the
    /// snapshot files in DIR; a mismatch leaves the new text in SCENARIO.snap.new.
    #[arg(long, value_name = "DIR")]
    pub snapshot: Option<std::path::PathBuf>,
    /// With --snapshot: rewrite the snapshots instead of comparing, and remove (and
    /// name) those of scenarios that no longer exist.
    #[arg(long, requires = "snapshot")]
    pub bless: bool,
    /// With --snapshot: show each pending change (the .snap.new files) without running.
    #[arg(long, requires = "snapshot", conflicts_with_all = ["bless", "accept"])]
    pub review: bool,
    /// With --snapshot: take each pending change (rename .snap.new over .snap).
    #[arg(long, requires = "snapshot", conflicts_with = "bless")]
    pub accept: bool,
    /// List the tests (and, with --snapshot, the snapshots) without running them.
    #[arg(long, conflicts_with_all = ["bless", "review", "accept", "coverage"])]
    pub list: bool,
    /// Report which rules fired in some tested scenario.
    #[arg(long)]
    pub coverage: bool,
    /// Evaluation limits.
    #[command(flatten)]
    pub limits: Limits,
    /// Re-run on change.
    #[command(flatten)]
    pub watch: super::watch::Watch,
    /// Output format.
    #[command(flatten)]
    pub output: TestOutput,
}

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

struct Request<'a> {
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

/// Runs `augur test`.
pub fn command(args: &Args, format: Format) -> Outcome {
    match args.watch.watch {
        true => super::watch::watch(&args.paths, format, || once(args, format)),
        false => once(args, format),
    }
}

/// Runs the tests once.
fn once(args: &Args, format: Format) -> Outcome {
    let action = if args.review {
        SnapshotAction::Review
    } else if args.accept {
        SnapshotAction::Accept
    } else if args.bless {
        SnapshotAction::Bless
    } else {
        SnapshotAction::Compare
    };
    let request = Request {
        filter: args.filter.as_deref(),
        snapshot: args.snapshot.as_deref(),
        action,
        list: args.list,
        coverage: args.coverage,
        limits: &args.limits,
    };
    with_analysis(&args.paths, format, |a| test(a, &request, format))
}

fn test(analysis: &Analysis, req: &Request<'_>, format: Format) -> Result<Outcome, augur::Error> {
    let p = analysis.program();
    let selection = select(p, req);
    let warning = filter_warning(req, &selection);
    if req.list || matches!(req.action, SnapshotAction::Review | SnapshotAction::Accept) {
        let mut outcome = list_or_review(p, &selection, req, format);
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
    let snapshots = match compare_snapshots(req, &selection, &models, format) {
        Ok(snapshots) => snapshots,
        Err(interrupted) => return Ok(interrupted),
    };
    let tested: Vec<ScenarioId> = selection.tests.iter().map(|t| t.scenario).collect();
    let tested_models: Vec<_> = models
        .into_iter()
        .filter(|m| tested.contains(&m.scenario()))
        .collect();
    let coverage = req.coverage.then(|| coverage(p, &tested_models));
    let results = Results::new(report, snapshots, coverage, selection.filtered_out);
    let code = if results.summary.failed > 0 {
        FAILED
    } else {
        OK
    };
    Ok(Outcome {
        stdout: results.render(analysis, req, format),
        stderr: warning,
        code,
    })
}

/// The warning that `--filter` selects nothing; empty when it selects something.
fn filter_warning(req: &Request<'_>, selection: &Selection<'_>) -> String {
    let Some(f) = req.filter else {
        return String::new();
    };
    if !selection.tests.is_empty() || !selection.snapshots.is_empty() {
        return String::new();
    }
    let what = if req.snapshot.is_some() {
        "test or snapshot"
    } else {
        "test"
    };
    format!(
        "warning: filter `{}` matches no {what}\n",
        escape::visible(f)
    )
}

/// `--list`, `--review` or `--accept`: nothing is run.
fn list_or_review(
    p: &Program,
    selection: &Selection<'_>,
    req: &Request<'_>,
    format: Format,
) -> Outcome {
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
        return usage(format!("{what} text or JSON, not {name}"));
    }
    if req.list {
        Outcome::ok(list(p, selection, format))
    } else {
        match review(req, format) {
            Ok(outcome) => outcome,
            Err(e) => io_failure(e, format),
        }
    }
}

/// The snapshots compared (or blessed) with `--snapshot DIR`, `None` without it; a file
/// problem is the outcome to return, with what was done before it said on stderr.
fn compare_snapshots(
    req: &Request<'_>,
    selection: &Selection<'_>,
    models: &[augur::engine::Model<'_>],
    format: Format,
) -> Result<Option<Vec<Comparison>>, Outcome> {
    let Some(dir) = req.snapshot else {
        return Ok(None);
    };
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
        Ok(c) => Ok(Some(c)),
        Err(snapshot::Interrupted { error, done }) => {
            let mut outcome = io_failure(error, format);
            if !done.is_empty() {
                // Said on stderr so that stdout stays valid JSON, TAP or JUnit.
                let before = format!(
                    "before this error, augur did:\n{}",
                    text::snapshot_text(&done, dir)
                );
                outcome.stderr.insert_str(0, &before);
            }
            Err(outcome)
        }
    }
}

/// What a run found: the tests' report, the snapshots, the coverage and the counts.
struct Results<'p> {
    report: TestReport<'p>,
    snapshots: Option<Vec<Comparison>>,
    coverage: Option<Coverage>,
    summary: Summary,
}

impl<'p> Results<'p> {
    fn new(
        report: TestReport<'p>,
        snapshots: Option<Vec<Comparison>>,
        coverage: Option<Coverage>,
        filtered_out: usize,
    ) -> Self {
        let snapshot_failed = snapshots.iter().flatten().filter(|c| c.failed()).count();
        let snapshot_passed = snapshots
            .iter()
            .flatten()
            .filter(|c| !c.failed() && c.is_check())
            .count();
        let summary = Summary {
            passed: report.passed + snapshot_passed,
            failed: report.failed + snapshot_failed,
            filtered_out,
        };
        Results {
            report,
            snapshots,
            coverage,
            summary,
        }
    }

    /// The report in `format`.
    fn render(&self, analysis: &Analysis, req: &Request<'_>, format: Format) -> String {
        let snapshots = self.snapshots.as_deref();
        match format {
            Format::Json => json(&Everything {
                report: &self.report,
                snapshots,
                coverage: self.coverage.as_ref(),
                summary: self.summary,
            }),
            Format::Tap => tap::tap(
                &self.report,
                &snapshot_points(snapshots.unwrap_or(&[]), req.snapshot),
            ),
            Format::Junit => junit::junit(
                &self.report,
                &snapshot_points(snapshots.unwrap_or(&[]), req.snapshot),
            ),
            Format::Text => {
                let mut out = text::text(analysis, &self.report, snapshots, req.snapshot);
                out.push_str(&text::coverage_text(self.coverage.as_ref()));
                out.push_str(&text::summary_text(&self.summary, req.filter.is_some()));
                out
            }
        }
    }
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
        out.push_str(&p.diff.text(text::DIFF_INDENT));
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

/// A snapshot as a test point of TAP and JUnit.
struct SnapshotPoint {
    /// `snapshot NAME`.
    name: String,
    /// When it fails: a message, and the text the text report shows under it.
    failure: Option<(String, String)>,
}

/// The snapshots as test points of TAP and JUnit: those checked, in order.
fn snapshot_points(snapshots: &[Comparison], dir: Option<&Path>) -> Vec<SnapshotPoint> {
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
                let shown = text::snapshot_text(std::slice::from_ref(c), dir);
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
            SnapshotPoint {
                name: format!("snapshot {name}"),
                failure,
            }
        })
        .collect()
}
