//! The report as one HTML page: inline style (a print stylesheet and a narrow-screen
//! layout included), no script, no link outside the page. Element ids hold no user text
//! (`s0`, `s0-c3`), and the markup is well-formed XML, so any parser reads it.

use std::fmt::Write;

use super::{Report, ScenarioPart};
use crate::causal_graph::fill;
use crate::escape::xml;
use crate::program::ConflictKind;

const STYLE: &str = "body{font-family:Helvetica,Arial,sans-serif;margin:1.5em;line-height:1.4;color:#111}\
table{border-collapse:collapse}th,td{border:1px solid #999;padding:.25em .5em;text-align:left}\
td.cell{text-align:center;white-space:nowrap}td.cell a{color:inherit}\
pre{white-space:pre-wrap;font-size:.85em;background:#f6f6f6;padding:.5em}\
.matrix{overflow-x:auto}summary{cursor:pointer}\
figure.graph{overflow-x:auto;margin:1em 0}figure.graph svg{max-width:none}\
mark{background:#fdd49e;color:#111;text-decoration:underline solid #d94801;text-decoration-thickness:2px}\
.source p{max-width:45em}sup a{text-decoration:none}nav ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.25em 1.25em}\
@media (max-width:40em){body{margin:.5em}table{font-size:.85em}}\
@media print{details>*{display:block}mark{background:none;border-bottom:2px solid #000}figure.graph{break-inside:avoid}a{color:inherit;text-decoration:none}.matrix{overflow:visible}}";

/// The page.
pub fn html(report: &Report) -> String {
    let mut out = String::from("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n");
    out.push_str("<meta charset=\"utf-8\"/>\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n");
    out.push_str("<title>augur report</title>\n");
    let _ = writeln!(out, "<style>{STYLE}</style>\n</head>\n<body>");
    out.push_str("<h1>augur report</h1>\n");
    contents(&mut out, report);
    matrix(&mut out, report);
    for (i, s) in report.scenarios.iter().enumerate() {
        let key = report.key_assumptions.iter().find(|(k, _)| *k == i);
        scenario(&mut out, i, s, key.map(|(_, text)| text.as_str()));
    }
    super::diff_html::section(&mut out, report);
    extras(&mut out, &report.extras);
    super::source_html::section(&mut out, &report.sources);
    out.push_str("</body>\n</html>\n");
    out
}

/// The table of contents: the overview, each scenario, the sources.
fn contents(out: &mut String, report: &Report) {
    out.push_str(
        "<nav aria-label=\"contents\"><ul>\n<li><a href=\"#overview\">Overview</a></li>\n",
    );
    for (i, s) in report.scenarios.iter().enumerate() {
        let _ = writeln!(
            out,
            "<li><a href=\"#s{i}\">Scenario {}</a></li>",
            xml(&s.name)
        );
    }
    let e = &report.extras;
    for (present, id, title) in [
        (!report.diffs.pairs.is_empty(), "diffs", "Differences"),
        (e.tests.is_some() || e.snapshots.is_some(), "tests", "Tests"),
        (e.indicators.is_some(), "indicators", "Indicators"),
        (e.ach.is_some(), "ach", "Competing hypotheses"),
        (!report.sources.is_empty(), "sources", "Sources"),
    ] {
        if present {
            let _ = writeln!(out, "<li><a href=\"#{id}\">{title}</a></li>");
        }
    }
    out.push_str("</ul></nav>\n");
}

/// Scenarios across, key conclusions down; each cell its likelihood, filled and named,
/// linking to the proof; `—` where the conclusion does not hold.
fn matrix(out: &mut String, report: &Report) {
    out.push_str("<h2 id=\"overview\">Overview</h2>\n<p>Each cell: how likely the conclusion is in the scenario, in words and by its fill (darker: more likely), with the probability that it holds, all arguments together (as <code>augur prob</code> computes it), where it was computed; each links to its proof.</p>\n<div class=\"matrix\"><table>\n<thead><tr><th scope=\"col\">conclusion</th>");
    for (i, s) in report.scenarios.iter().enumerate() {
        let _ = write!(
            out,
            "<th scope=\"col\"><a href=\"#s{i}\">{}</a></th>",
            xml(&s.name)
        );
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for atom in &report.key {
        let _ = write!(out, "<tr><th scope=\"row\">{}</th>", xml(atom));
        for (i, s) in report.scenarios.iter().enumerate() {
            let found = s
                .conclusions
                .iter()
                .enumerate()
                .find(|(_, c)| c.atom == *atom);
            match found {
                Some((j, c)) => {
                    let (fill, ink) = fill(Some(c.likelihood));
                    let _ = write!(
                        out,
                        "<td class=\"cell\" style=\"background:{fill};color:{ink}\"><a href=\"#s{i}-c{j}\">{}</a>{}</td>",
                        c.likelihood,
                        probability(c.probability, "<br/>")
                    );
                }
                None => out.push_str("<td class=\"cell\">—</td>"),
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table></div>\n");
}

pub(super) fn list(out: &mut String, heading: &str, items: &[String]) {
    if items.is_empty() {
        return;
    }
    let _ = writeln!(out, "<h3>{heading}</h3>\n<ul>");
    for item in items {
        let _ = writeln!(out, "<li>{item}</li>");
    }
    out.push_str("</ul>\n");
}

/// One scenario: what it assumes and forbids, each conclusion with its proof, its
/// conflicts and tensions, its open questions.
fn scenario(out: &mut String, i: usize, s: &ScenarioPart, key_assumptions: Option<&str>) {
    let _ = writeln!(
        out,
        "<section id=\"s{i}\">\n<h2>Scenario {}</h2>",
        xml(&s.name)
    );
    if let Some((parent, text)) = &s.diff {
        let _ = writeln!(
            out,
            "<details class=\"diff\"><summary>What changes from scenario {}</summary><pre>{}</pre></details>",
            xml(parent),
            crate::escape::xml_lines(text)
        );
    }
    let assumed: Vec<String> = s
        .assumptions
        .iter()
        .map(|(a, l)| format!("{} ({l})", xml(a)))
        .collect();
    list(out, "Assumes", &assumed);
    let forbidden: Vec<String> = s.interventions.iter().map(|a| xml(a)).collect();
    list(out, "Forbids (<code>assume not</code>)", &forbidden);
    if !s.conclusions.is_empty() {
        out.push_str("<h3>Concludes</h3>\n");
    }
    if let Some(why) = &s.no_probability {
        let _ = writeln!(
            out,
            "<p>No probabilities for this scenario: {}</p>",
            xml(why)
        );
    }
    for (j, c) in s.conclusions.iter().enumerate() {
        let _ = writeln!(
            out,
            "<details id=\"s{i}-c{j}\"><summary>{} · {}{}</summary><pre>{}</pre></details>",
            xml(&c.atom),
            c.likelihood,
            probability(c.probability, " · "),
            crate::escape::xml_lines(&c.proof)
        );
    }
    if let Some(text) = key_assumptions {
        let _ = writeln!(
            out,
            "<details class=\"key-assumptions\"><summary>Key assumptions check: what each assumption carries</summary><pre>{}</pre></details>",
            crate::escape::xml_lines(text)
        );
    }
    clashes(out, &s.conflicts);
    let open: Vec<String> = s.open.iter().map(|a| xml(a)).collect();
    list(out, "Left open", &open);
    let _ = writeln!(
        out,
        "<figure class=\"graph\">\n{}<figcaption>The causal graph of scenario {}: each arrow a premise of the rule named on it, each atom filled by its likelihood and named in words.</figcaption>\n</figure>",
        crate::causal_graph::svg::render_in(&s.graph, &format!("s{i}-")),
        xml(&s.name)
    );
    out.push_str("</section>\n");
}

/// Tests (each passed or failed, in words as well as mark), snapshots, indicators and
/// ACH, each a section when the rule base declares it.
fn extras(out: &mut String, e: &super::Extras) {
    if e.tests.is_some() || e.snapshots.is_some() {
        out.push_str("<section id=\"tests\">\n<h2>Tests</h2>\n");
        if let Some(tests) = &e.tests {
            tests_list(out, tests);
        }
        if let Some((covered, total, never)) = &e.coverage {
            let _ = writeln!(
                out,
                "<p>Rule coverage: {covered} of {total} rules fired in a tested scenario.</p>"
            );
            let never: Vec<String> = never.iter().map(|r| xml(r)).collect();
            list(out, "Rules no tested scenario fires", &never);
        }
        if let Some((dir, snapshots)) = &e.snapshots {
            super::snapshot_html::section(out, dir, snapshots);
        }
        out.push_str("</section>\n");
    }
    for (text, id, title) in [
        (&e.indicators, "indicators", "Indicators: what to watch"),
        (&e.ach, "ach", "Analysis of Competing Hypotheses"),
    ] {
        if let Some(text) = text {
            let _ = writeln!(
                out,
                "<section id=\"{id}\">\n<h2>{title}</h2>\n<pre>{}</pre>\n</section>",
                crate::escape::xml_lines(text)
            );
        }
    }
}

/// Each test, passed or failed, with what failed.
fn tests_list(out: &mut String, tests: &[super::TestLine]) {
    let failed = tests.iter().filter(|t| !t.failures.is_empty()).count();
    let _ = writeln!(
        out,
        "<p>{} passed, {failed} failed.</p>\n<ul class=\"tests\">",
        tests.len() - failed
    );
    for t in tests {
        let verdict = if t.failures.is_empty() {
            "✓ passed"
        } else {
            "✗ FAILED"
        };
        let _ = write!(
            out,
            "<li><strong>{verdict}</strong> {} (scenario {})",
            xml(&t.name),
            xml(&t.scenario)
        );
        if !t.failures.is_empty() {
            out.push_str("<ul>");
            for f in &t.failures {
                let _ = write!(out, "<li>{}</li>", xml(f));
            }
            out.push_str("</ul>");
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n");
}

/// `P = 0.6250` after `sep`, or nothing when there is no probability.
fn probability(p: Option<f64>, sep: &str) -> String {
    p.map(|p| format!("{sep}P = {p:.4}")).unwrap_or_default()
}

/// Conflicts and tensions, each folded with both sides' proofs.
fn clashes(out: &mut String, clashes: &[super::Clash]) {
    if clashes.is_empty() {
        return;
    }
    out.push_str("<h3>Conflicts and tensions</h3>\n");
    for c in clashes {
        let kind = match c.kind {
            ConflictKind::Conflict => "conflict",
            ConflictKind::Tension => "tension",
        };
        let _ = writeln!(
            out,
            "<details class=\"clash\"><summary>{kind} {} · {} · both sides</summary><pre>{}</pre></details>",
            xml(&c.name),
            c.likelihood,
            crate::escape::xml_lines(&c.sides.join("\n"))
        );
    }
}
