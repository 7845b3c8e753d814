//! Tests of the report: its content on a small program, the page well-formed with every
//! link landing, and hostile text escaped.

use super::*;
use crate::Analysis;
use crate::engine::Options;

const PROGRAM: &str = include_str!("../../tests/data/graph.augur");

fn report(text: &str) -> Report {
    let a = Analysis::parse("r.augur", text).expect("checks");
    let models = a.run_all(&Options::default()).expect("runs");
    build(&models)
}

#[test]
fn the_report_holds_each_scenario_and_the_matrix_puts_differences_first() {
    let r = report(PROGRAM);
    let names: Vec<&str> = r.scenarios.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["retreat", "hedge"]);
    // `us worries` holds only in hedge; china fills_gap and rivals gain hold alike.
    assert_eq!(r.key, ["us worries", "china fills_gap", "rivals gain"]);
    let retreat = &r.scenarios[0];
    assert_eq!(retreat.interventions, ["brazil hedges"]);
    assert_eq!(retreat.open, ["brazil answers"]);
    let gap = &retreat.conclusions[0];
    assert_eq!(gap.atom, "china fills_gap");
    assert!(gap.proof.contains("by rule gap"), "{}", gap.proof);
    let hedge = &r.scenarios[1];
    assert!(
        hedge
            .conflicts
            .iter()
            .any(|c| c.kind == ConflictKind::Conflict && c.name == "split" && c.sides.len() == 2)
    );
    assert_eq!(hedge.likelihood("us worries"), Some(Likelihood::VeryLikely));
    assert_eq!(hedge.diff, None, "hedge extends nothing");
}

#[test]
fn a_scenario_that_extends_another_says_what_changes_as_diff_does() {
    let text = format!("{PROGRAM}\nscenario calm extends hedge {{ assume not us retreats }}\n");
    let r = report(&text);
    let calm = r.scenarios.iter().find(|s| s.name == "calm").expect("calm");
    let (parent, diff) = calm.diff.as_ref().expect("a diff");
    assert_eq!(parent, "hedge");
    assert!(diff.starts_with("diff hedge -> calm"), "{diff}");
    assert!(diff.contains("- china fills_gap"), "{diff}");
    let page = html(&r);
    assert!(page.contains("What changes from scenario hedge"), "{page}");
    ids_and_links(&page);
}

/// Every element id of the page, every internal link target; panics unless the page is
/// well-formed.
fn ids_and_links(page: &str) -> (Vec<String>, Vec<String>) {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(page);
    let (mut ids, mut links) = (Vec::new(), Vec::new());
    loop {
        match reader.read_event().expect("well-formed") {
            Event::Start(e) | Event::Empty(e) => {
                for attr in e.attributes() {
                    let attr = attr.expect("attribute");
                    let value = attr.unescape_value().expect("escaped").into_owned();
                    match attr.key.as_ref() {
                        b"id" => ids.push(value),
                        b"href" => links.push(value),
                        _ => {}
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    (ids, links)
}

#[test]
fn the_page_is_well_formed_and_every_link_lands_on_the_page() {
    let page = html(&report(PROGRAM));
    let (ids, links) = ids_and_links(&page);
    assert!(!links.is_empty());
    for link in &links {
        let target = link.strip_prefix('#').expect("only links within the page");
        assert!(ids.iter().any(|i| i == target), "{link} lands nowhere");
    }
    let mut sorted = ids.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), ids.len(), "ids are unique");
    assert!(!page.contains("<script"), "no script");
    // Nothing fetched: no address but the SVG namespace's name, which is no fetch.
    let rest = page.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
    assert!(!rest.contains("http:") && !rest.contains("https:") && !rest.contains(" src="));
    assert!(page.contains("@media print"));
    // Each scenario's graph inline, its ids its own.
    assert_eq!(page.matches("<svg ").count(), 2);
    assert!(ids.iter().any(|i| i == "s1-n0") && ids.iter().any(|i| i == "s0-n0"));
    // A cell names its likelihood in words besides its fill.
    assert!(
        page.contains("\"><a href=\"#s1-c1\">very_likely</a></td>"),
        "{page}"
    );
}

#[test]
fn hostile_text_is_escaped() {
    let r = report(
        "assumable \"<script>alert(1)</script>&\\u{1b}\" go\n\
         rule r: \"<script>alert(1)</script>&\\u{1b}\" go implies x done\n\
         scenario s { assume \"<script>alert(1)</script>&\\u{1b}\" go }\n",
    );
    let page = html(&r);
    assert!(!page.contains("<script>"), "{page}");
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;/script&gt;&amp;"),
        "{page}"
    );
    assert!(!page.contains('\u{1b}'));
    ids_and_links(&page);
}

#[test]
fn a_quote_is_found_at_every_place_the_text_holds_it() {
    use super::sources::locate_all;
    let text = "A b. A b. C d A x b.";
    let one = |r: std::ops::Range<usize>| Vec::from([r]);
    assert_eq!(locate_all(text, "A b"), [one(0..3), one(5..8)]);
    // Elided: each occurrence's pieces in order, the next searched from where one ended.
    assert_eq!(
        locate_all(text, "A [...] b."),
        [vec![0..1, 2..4], vec![5..6, 7..9], vec![14..15, 18..20]]
    );
    // Places that overlap count once: `aa` in `aaa`.
    assert_eq!(locate_all("aaa", "aa"), [one(0..2)]);
    assert!(locate_all(text, "zz").is_empty());
    assert!(locate_all(text, "A [...] zz").is_empty());
    assert!(locate_all(text, "[...]").is_empty());
}

#[test]
fn hidden_characters_of_a_source_text_are_shown_not_passed_on() {
    let mut r = report(PROGRAM);
    let text = "Hidden \u{202e}here. A \u{1b}[31m b.".to_owned();
    r.sources.push(SourceText {
        name: "memo".into(),
        title: "A \u{200b}memo".into(),
        file: "m\u{202e}.txt".into(),
        paragraphs: std::iter::once(0..text.len()).collect(),
        sentences: vec![0..15, 16..text.len()],
        citations: vec![Citation {
            by: "rule \u{202e}r".into(),
            quote: "Hidden \u{202e}here.".into(),
            occurrences: vec![std::iter::once(0..15).collect()],
        }],
        text,
    });
    let page = html(&r);
    assert!(
        !page
            .chars()
            .any(|c| c != '\n' && crate::escape::is_hidden(c)),
        "{page}"
    );
    assert!(
        page.contains("<mark>Hidden \\u{202e}here.</mark>"),
        "{page}"
    );
    assert!(page.contains("A \\u{1b}[31m b."));
    ids_and_links(&page);
}

/// A program of `n` scenarios, `s0` assuming nothing and each other assuming its own atom.
fn scenarios(n: usize, default: bool) -> String {
    let mut text = String::from("assumable ?x is up\nrule r: ?x is up implies ?x is seen\n");
    for i in 0..n {
        let name = if default && i == 3 {
            "default".to_owned()
        } else {
            format!("s{i}")
        };
        text.push_str(&format!("scenario {name} {{ assume a{i} is up }}\n"));
    }
    text
}

#[test]
fn every_pair_of_scenarios_is_compared_up_to_the_limit_then_each_with_the_baseline() {
    let r = report(&scenarios(MAX_PAIRWISE, false));
    assert!(r.diffs.every_pair);
    assert_eq!(r.diffs.pairs.len(), MAX_PAIRWISE * (MAX_PAIRWISE - 1) / 2);
    let (from, to, text) = &r.diffs.pairs[0];
    assert_eq!((*from, *to), (0, 1));
    assert!(text.starts_with("diff s0 -> s1"), "{text}");
    assert!(text.contains("+ a1 is seen"), "{text}");
    // Past the limit: each scenario against the first only.
    let r = report(&scenarios(MAX_PAIRWISE + 1, false));
    assert!(!r.diffs.every_pair);
    let pairs: Vec<(usize, usize)> = r.diffs.pairs.iter().map(|p| (p.0, p.1)).collect();
    assert_eq!(
        pairs,
        (1..=MAX_PAIRWISE).map(|j| (0, j)).collect::<Vec<_>>()
    );
    let page = html(&r);
    assert!(page.contains("More than 12 scenarios: each is compared with scenario s0 only"));
    ids_and_links(&page);
    // ... or against `default` when there is one.
    let r = report(&scenarios(MAX_PAIRWISE + 1, true));
    assert_eq!(r.diffs.baseline, 3);
    assert!(r.diffs.pairs.iter().all(|p| p.0 == 3 && p.1 != 3));
    assert_eq!(r.diffs.pairs.len(), MAX_PAIRWISE);
    // One scenario: nothing to compare, no section.
    let r = report(&scenarios(1, false));
    assert!(r.diffs.pairs.is_empty());
    assert!(!html(&r).contains("id=\"diffs\""));
}
