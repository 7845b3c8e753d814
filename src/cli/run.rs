//! `augur run`: what holds in one scenario or in all of them; with `--stats`, counts and
//! timings per phase instead; with `--profile`, the work of each rule.

use std::time::{Duration, Instant};

use indexmap::IndexMap;
use serde::Serialize;

use augur::adhoc::{self, Shown};
use augur::engine::{Model, Options};
use augur::program::{ConflictKind, ScenarioId, WhatIf};
use augur::scenario::{RunReport, ScenarioReport};
use augur::{Analysis, Problems, Session, Timings};

use super::args::{Format, Output, Paths, Runs};
use super::prob::ProbLimits;
use super::shard::{self, ShardArg};
use super::watch::{Watch, watch};
use super::{Outcome, json};

/// `augur run`'s arguments.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Rule files or directories of them.
    #[command(flatten)]
    pub paths: Paths,
    /// The scenario to run (default: `default` if declared, else all).
    #[arg(long, short, conflicts_with = "all")]
    pub scenario: Option<String>,
    /// Run every scenario, in declaration order.
    #[arg(long)]
    pub all: bool,
    /// Print counts and timings per phase instead of the conclusions.
    #[arg(long, conflicts_with = "profile")]
    pub stats: bool,
    /// Print, per rule, the derivations and the time spent, slowest first.
    #[arg(long)]
    pub profile: bool,
    /// Give every conclusion its probability, all arguments together (as `augur prob`).
    #[arg(long, conflicts_with_all = ["stats", "profile"])]
    pub prob: bool,
    /// Bounds on the probabilities.
    #[command(flatten)]
    pub prob_limits: ProbLimits,
    /// Run only shard I of N of the scenarios (I from 1) and write their reports as a
    /// shard file (JSON) for `augur merge` (docs/SCALE.md).
    #[arg(long, value_name = "I/N", conflicts_with_all = ["stats", "profile"], value_parser = shard::parse)]
    pub shard: Option<ShardArg>,
    /// Keep no proof heights (an internal switch for measuring provenance's cost).
    #[arg(long, hide = true)]
    pub no_provenance: bool,
    /// Ad-hoc assumptions extending each scenario run, and evaluation limits.
    #[command(flatten)]
    pub runs: Runs,
    /// Re-run on change.
    #[command(flatten)]
    pub watch: Watch,
    /// Output format.
    #[command(flatten)]
    pub output: Output,
}

#[derive(Serialize)]
struct Stats {
    timings_ms: IndexMap<&'static str, f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    peak_rss_kb: Option<u64>,
    scenarios: Vec<ScenarioStats>,
}

/// The process's peak resident memory, where the system reports it (Linux).
fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[derive(Serialize)]
struct ScenarioStats {
    name: String,
    facts: usize,
    derived: usize,
    conflicts: usize,
}

#[derive(Serialize)]
struct RuleProfile {
    rule: String,
    file: String,
    line: usize,
    derivations: u64,
    time_ms: f64,
}

fn ms(d: Duration) -> f64 {
    (d.as_secs_f64() * 1e6).round() / 1e3
}

/// Runs `augur run`, once or with `--watch` on every change.
pub fn command(args: &Args, format: Format) -> Outcome {
    match args.watch.watch {
        true => watch(&args.paths, format, || once(args, format)),
        false => once(args, format),
    }
}

/// Runs `augur run` once.
fn once(args: &Args, format: Format) -> Outcome {
    let paths = &args.paths;
    let (mut analysis, timings) = match Analysis::load_timed(&paths.paths, &paths.input_limits()) {
        Ok(loaded) => loaded,
        Err(problems) => return Outcome::problems(&problems, format),
    };
    let warnings = match super::verified(&mut analysis, paths, format) {
        Ok(w) => w,
        Err(outcome) => return outcome,
    };
    let options = Options {
        profile: args.profile,
        provenance: !args.no_provenance,
        ..args.runs.limits.options()
    };
    let ids = match scenarios(&analysis, args) {
        Ok(ids) => ids,
        Err(e) => return Outcome::problems(&Problems::from(e), format),
    };
    let change = match args.runs.assume.what_if(&analysis) {
        Ok(change) => change,
        Err(e) => return Outcome::problems(&Problems::from(e), format),
    };
    let whole = ids.len();
    let ids = match args.shard {
        Some(part) => ids[part.range(whole)].to_vec(),
        None => ids,
    };
    let start = Instant::now();
    let session = analysis.session();
    let plan = start.elapsed();
    let start = Instant::now();
    let models = match run_models(&session, &ids, &change, &options) {
        Ok(m) => m,
        Err(e) => return Outcome::problems(&Problems::from(e), format),
    };
    let evaluate = start.elapsed();
    let shown = Shown::new(analysis.program(), &change);
    let prob = args.prob.then(|| args.prob_limits.limits(&options));
    let stdout = if let Some(part) = args.shard {
        match pieces(&shown, &models, prob, part.range(whole).start) {
            Ok(reports) => shard::write(&shard::ShardFile {
                augur_shard: shard::VERSION,
                fingerprint: shard::fingerprint(&analysis),
                shard: part.index,
                shards: part.count,
                body: shard::Body::Run(shard::RunShard {
                    settings: settings(args),
                    scenarios: whole,
                    first: reports.0,
                    reports: reports.1,
                }),
            }),
            Err(e) => return Outcome::problems(&Problems::from(augur::Error::from(e)), format),
        }
    } else if args.profile {
        profile(&analysis, &models, format)
    } else if args.stats {
        stats(&analysis, &models, timings, [plan, evaluate], format)
    } else {
        match report(&shown, &models, prob, format) {
            Ok(text) => text,
            Err(e) => return Outcome::problems(&Problems::from(augur::Error::from(e)), format),
        }
    };
    let stderr = super::render_warnings(warnings, format);
    // The process ends once this is printed, and the OS takes the memory back at once;
    // freeing a big program's millions of allocations one by one would add a fifth to a
    // large run for nothing. A watch runs again: it frees.
    if !args.watch.watch {
        std::mem::forget(models);
        std::mem::forget(session);
        std::mem::forget(analysis);
    }
    Outcome {
        stdout,
        stderr,
        code: super::OK,
    }
}

/// Evaluates the scenarios, each changed by the ad-hoc assumptions when there are any.
fn run_models<'a>(
    session: &Session<'a>,
    ids: &[ScenarioId],
    change: &WhatIf,
    options: &Options,
) -> Result<Vec<Model<'a>>, augur::Error> {
    if change.is_empty() {
        return session.run_scenarios(ids, options);
    }
    ids.iter()
        .map(|&id| adhoc::run(session, id, change, options))
        .collect()
}

/// One scenario's report in JSON, with the ad-hoc lines that changed it.
#[derive(Serialize)]
struct AdHocReport<'a, 'p> {
    #[serde(flatten)]
    report: &'a ScenarioReport<'p>,
    adhoc: &'a Shown,
}

/// What holds, as text or JSON, with each conclusion's probability when `prob` bounds
/// are given. With ad-hoc lines, a text report names each scenario with them
/// (`S + assume X`) and a JSON one adds them as `"adhoc"`.
fn report(
    shown: &Shown,
    models: &[Model<'_>],
    prob: Option<augur::prob::Limits>,
    format: Format,
) -> Result<String, augur::prob::ProbError> {
    let scenarios = models.iter().map(|m| match &prob {
        None => Ok(ScenarioReport::new(m)),
        Some(limits) => ScenarioReport::new(m).with_probabilities(m, limits),
    });
    let mut report = RunReport {
        scenarios: scenarios.collect::<Result<_, _>>()?,
    };
    let adhoc = *shown != Shown::default();
    Ok(match format {
        Format::Json if adhoc => {
            #[derive(Serialize)]
            struct Scenarios<'a, 'p> {
                scenarios: Vec<AdHocReport<'a, 'p>>,
            }
            json(&Scenarios {
                scenarios: report
                    .scenarios
                    .iter()
                    .map(|report| AdHocReport {
                        report,
                        adhoc: shown,
                    })
                    .collect(),
            })
        }
        Format::Json => json(&report),
        Format::Text | Format::Tap | Format::Junit => {
            for s in &mut report.scenarios {
                s.name = shown.name(&s.name);
            }
            report.text()
        }
    })
}

/// The flags of a run that shape its report, for a shard file: shards run with different
/// ones are not merged.
fn settings(args: &Args) -> String {
    format!(
        "scenario={:?} all={} prob={} max_nodes={} {:?}",
        args.scenario, args.all, args.prob, args.prob_limits.max_nodes, args.runs.assume
    )
}

/// The head and tail of `augur run --format json` around its list of scenarios.
pub const JSON_HEAD: &str = "{\n  \"scenarios\": [\n";
/// See [`JSON_HEAD`].
pub const JSON_TAIL: &str = "\n  ]\n}\n";

/// Each scenario's report as the whole run prints it, text and JSON: the report of each
/// alone, its JSON object cut from the run's list. `first` is the first one's position
/// in the whole run, returned with them.
fn pieces(
    shown: &Shown,
    models: &[Model<'_>],
    prob: Option<augur::prob::Limits>,
    first: usize,
) -> Result<(usize, Vec<shard::ScenarioPiece>), augur::prob::ProbError> {
    let one = |model: &Model<'_>| -> Result<shard::ScenarioPiece, augur::prob::ProbError> {
        let models = std::slice::from_ref(model);
        let json = report(shown, models, prob, Format::Json)?;
        Ok(shard::ScenarioPiece {
            text: report(shown, models, prob, Format::Text)?,
            // `report` writes one scenario's list between these, always.
            json: json
                .strip_prefix(JSON_HEAD)
                .and_then(|j| j.strip_suffix(JSON_TAIL))
                .unwrap_or(&json)
                .to_owned(),
        })
    };
    Ok((first, models.iter().map(one).collect::<Result<_, _>>()?))
}

/// The whole run's output from its scenarios' pieces, in order.
pub fn merged(pieces: &[&shard::ScenarioPiece], format: Format) -> String {
    match format {
        Format::Json if pieces.is_empty() => "{\n  \"scenarios\": []\n}\n".to_owned(),
        Format::Json => {
            let items: Vec<&str> = pieces.iter().map(|p| p.json.as_str()).collect();
            format!("{JSON_HEAD}{}{JSON_TAIL}", items.join(",\n"))
        }
        Format::Text | Format::Tap | Format::Junit => {
            let blocks: Vec<&str> = pieces.iter().map(|p| p.text.as_str()).collect();
            blocks.join("\n")
        }
    }
}

/// The scenarios asked for: the one named, else `default` if declared (and not `--all`),
/// else every scenario.
fn scenarios(analysis: &Analysis, args: &Args) -> Result<Vec<ScenarioId>, augur::Error> {
    let p = analysis.program();
    Ok(match args.scenario.as_deref() {
        Some(name) => vec![analysis.scenario(name)?],
        None => match p.scenario_named("default").filter(|_| !args.all) {
            Some(id) => vec![id],
            None => (0..p.scenarios().len())
                .map(ScenarioId::from_index)
                .collect(),
        },
    })
}

fn stats(
    analysis: &Analysis,
    models: &[Model<'_>],
    timings: Timings,
    [plan, evaluate]: [Duration; 2],
    format: Format,
) -> String {
    let p = analysis.program();
    let scenarios: Vec<ScenarioStats> = models
        .iter()
        .map(|m| {
            let derived = m.derived_count();
            ScenarioStats {
                name: p.scenarios()[m.scenario().index()].name.clone(),
                facts: m.size() - derived,
                derived,
                conflicts: m.conflicts_of(ConflictKind::Conflict).count(),
            }
        })
        .collect();
    let timings_ms = IndexMap::from([
        ("read", ms(timings.read)),
        ("parse", ms(timings.parse)),
        ("check", ms(timings.check)),
        ("plan", ms(plan)),
        ("evaluate", ms(evaluate)),
    ]);
    let stats = Stats {
        timings_ms,
        peak_rss_kb: peak_rss_kb(),
        scenarios,
    };
    if format == Format::Json {
        return json(&stats);
    }
    let mut out = String::from("phase      ms\n");
    for (phase, t) in &stats.timings_ms {
        out.push_str(&format!("{phase:<8} {t:>10.3}\n"));
    }
    if let Some(kb) = stats.peak_rss_kb {
        out.push_str(&format!("peak memory {kb} KB\n"));
    }
    out.push_str("\nscenario                         facts     derived  conflicts\n");
    for s in &stats.scenarios {
        out.push_str(&format!(
            "{:<28} {:>9} {:>11} {:>10}\n",
            s.name, s.facts, s.derived, s.conflicts
        ));
    }
    out
}

fn profile(analysis: &Analysis, models: &[Model<'_>], format: Format) -> String {
    let p = analysis.program();
    let mut rules: Vec<RuleProfile> = p
        .rules()
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let loc = p.sources().location(r.span);
            let (derivations, time) = models
                .iter()
                .map(|m| m.rule_stats()[i])
                .fold((0, Duration::ZERO), |(d, t), s| {
                    (d + s.derivations, t + s.time)
                });
            RuleProfile {
                rule: r.name.to_string(),
                file: loc.file,
                line: loc.line,
                derivations,
                time_ms: ms(time),
            }
        })
        .collect();
    // Most work first, ties in declaration order (a stable sort). Never by time: timings
    // jitter, and a report whose order changes from run to run cannot be compared.
    rules.sort_by_key(|r| std::cmp::Reverse(r.derivations));
    if format == Format::Json {
        #[derive(Serialize)]
        struct Profile {
            rules: Vec<RuleProfile>,
        }
        return json(&Profile { rules });
    }
    let mut out = String::from("     time ms   derivations  rule\n");
    for r in &rules {
        out.push_str(&format!(
            "{:>12.3} {:>13}  {} ({}:{})\n",
            r.time_ms, r.derivations, r.rule, r.file, r.line
        ));
    }
    out
}
