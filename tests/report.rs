//! `augur report`: the page of a small program (a snapshot), well-formed with every internal
//! link landing, the source text marked with its coverage, `-o` atomic, and the report of
//! the shipped rules opened in headless Chromium (no console message, every scenario, a
//! known proof with its quote, a screenshot under `target/`).

#![expect(clippy::expect_used, reason = "tests")]

mod common;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use common::augur;
use quick_xml::events::Event;

const SMALL: &str = "tests/data/report/report.augur";

/// The page's element ids and internal link targets, parsed as XML (which fails on any
/// markup that is not well-formed).
fn ids_and_links(page: &str) -> (Vec<String>, Vec<String>) {
    let mut reader = quick_xml::Reader::from_str(page);
    let (mut ids, mut links) = (Vec::new(), Vec::new());
    loop {
        match reader.read_event().expect("the page is well-formed XML") {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => {
                for a in e.attributes() {
                    let a = a.expect("a well-formed attribute");
                    let value = a.unescape_value().expect("escaped").into_owned();
                    match a.key.as_ref() {
                        b"id" => ids.push(value),
                        b"href" => links.push(value),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    (ids, links)
}

/// Every id unique, every link internal and landing on one.
fn assert_links_land(page: &str) {
    let (ids, links) = ids_and_links(page);
    let unique: HashSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "ids are unique");
    for link in &links {
        let target = link
            .strip_prefix('#')
            .expect("every link stays in the page");
        assert!(unique.contains(&target.to_owned()), "{link} lands nowhere");
    }
}

/// Nothing the page needs lies outside it: no script, no stylesheet or image to fetch, no
/// address but the SVG namespace's.
fn assert_self_contained(page: &str) {
    for outside in [
        "<script", "<link", " src=", "https://", "@import", "<iframe", "<object",
    ] {
        assert!(!page.contains(outside), "{outside}");
    }
    let without_namespace = page.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
    assert!(!without_namespace.contains("http://"));
    assert_eq!(page.matches("url(").count(), page.matches("url(#").count());
}

#[test]
fn the_page_of_a_small_program() {
    let run = augur(&["report", SMALL]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("report_small", run.stdout);
    assert_links_land(&run.stdout);
    assert_self_contained(&run.stdout);
}

#[test]
fn the_source_is_shown_marked_with_its_coverage() {
    let page = augur(&["report", SMALL]).stdout;
    // Six sentences (the `U.S.` inside one does not end it); five overlap a quote, the
    // last because it repeats a quoted passage word for word.
    assert!(
        page.contains("Coverage: 5 of 6 sentences cited (83%)."),
        "{page}"
    );
    // The repeated quote is marked at both places, each anchored and linked from its
    // citation.
    assert!(page.contains("<span id=\"d0-q1\"></span><mark>China is a rival</mark>"));
    assert!(page.contains(
        "<p><span id=\"d0-q1-2\"></span><mark>China is a rival</mark><sup><a href=\"#d0-c1\" title=\"fact china is rival\">[2]</a></sup>, the memo says again.</p>"
    ));
    assert!(page.contains(
        "cites “China is a rival” found word for word at 2 places: passages <a href=\"#d0-q1\">1</a>, <a href=\"#d0-q1-2\">2</a></li>"
    ));
    // The elided quote marks both its pieces, not what it leaves out.
    assert!(page.contains("<mark>If the U.S. retreats</mark>"));
    assert!(page.contains("</sup> from the region, <mark>China will fill the gap.</mark>"));
    // The sentence no rule cites is plain text.
    assert!(page.contains(" Nobody knows what Argentina will do.</p>"));
    // Each passage links to its citation and back.
    assert!(page.contains("<a href=\"#d0-c2\" title=\"rule gap\">[3]</a>"));
    assert!(page.contains(
        "<li id=\"d0-c2\"><strong>rule gap</strong> cites “If the U.S. retreats [...] China will fill the gap.” <a href=\"#d0-q2\">passage</a></li>"
    ));
}

#[test]
fn a_document_not_found_has_no_source_section() {
    let dir = temp("nosource");
    let rules = dir.join("r.augur");
    std::fs::copy(SMALL, &rules).expect("copied");
    let run = augur(&["report", rules.to_str().expect("UTF-8")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stdout.contains("id=\"sources\""));
    // Found through --sources instead.
    let run = augur(&[
        "report",
        rules.to_str().expect("UTF-8"),
        "--sources",
        "tests/data/report",
    ]);
    assert!(run.stdout.contains("Coverage: 5 of 6"));
    std::fs::remove_dir_all(&dir).expect("removed");
}

#[test]
fn tests_indicators_and_ach_appear_when_declared() {
    let page = augur(&["report", SMALL]).stdout;
    assert!(page.contains("<p>1 passed, 1 failed.</p>"), "{page}");
    assert!(page.contains("<li><strong>✓ passed</strong> the gap opens (scenario retreat)</li>"));
    assert!(page.contains(
        "<li><strong>✗ FAILED</strong> no rivals (scenario retreat)<ul><li>expect not rivals gain: `rivals gain` holds (even_chance)"
    ));
    // Rule coverage of the tested scenario (retreat), as `augur test --coverage` counts it.
    assert!(page.contains("<p>Rule coverage: 2 of 3 rules fired in a tested scenario.</p>"));
    assert!(page.contains("<li>rule unrest at tests/data/report/report.augur:16</li>"));
    assert!(page.contains("<section id=\"indicators\">"));
    assert!(
        page.contains("  1. hedge    0.625"),
        "ACH ranks hedge first"
    );
    // Each scenario's key assumptions check, as `augur assumptions -s S` prints it.
    for s in ["retreat", "hedge"] {
        let text = augur(&["assumptions", SMALL, "-s", s]).stdout;
        let first = text.lines().next().expect("a heading");
        let shown = format!("what each assumption carries</summary><pre>{first}");
        assert!(page.contains(&shown), "{s}");
    }
    // A rule base without them has none of these sections.
    let dir = temp("bare");
    let bare = dir.join("bare.augur");
    std::fs::write(
        &bare,
        "fact x is y\nrule r: x is y implies x is z\nscenario s {\n}\n",
    )
    .expect("written");
    let run = augur(&["report", bare.to_str().expect("UTF-8")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = run.stdout;
    assert!(page.contains("<h2>Scenario s</h2>"), "{page}");
    assert!(!page.contains("Key assumptions check"));
    for id in ["tests", "indicators", "ach", "sources"] {
        assert!(!page.contains(&format!("id=\"{id}\"")), "{id}: {page}");
    }
    assert_links_land(&page);
    std::fs::remove_dir_all(&dir).expect("removed");
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("augur-report-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("created");
    dir
}

#[test]
fn the_page_is_written_atomically_and_nothing_on_error() {
    let dir = temp("output");
    let page = dir.join("report.html");
    let run = augur(&["report", SMALL, "-o", page.to_str().expect("UTF-8")]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""), "{}", run.stderr);
    let written = std::fs::read_to_string(&page).expect("written");
    assert_eq!(written, augur(&["report", SMALL]).stdout);
    // An unwritable -o: exit 2, nothing written.
    let missing = dir.join("nowhere").join("r.html");
    let run = augur(&["report", SMALL, "-o", missing.to_str().expect("UTF-8")]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("nothing was written"), "{}", run.stderr);
    // Bad input: the old page stays.
    let bad = dir.join("bad.augur");
    std::fs::write(&bad, "rule oops implies\n").expect("written");
    let run = augur(&[
        "report",
        bad.to_str().expect("UTF-8"),
        "-o",
        page.to_str().expect("UTF-8"),
    ]);
    assert_eq!(run.code, 2);
    assert_eq!(std::fs::read_to_string(&page).expect("read"), written);
    let names: Vec<_> = std::fs::read_dir(&dir)
        .expect("listed")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(names.len(), 2, "no temporary left: {names:?}");
    std::fs::remove_dir_all(&dir).expect("removed");
}

/// The shipped rules' report with their snapshots, and the article's text when it is there.
fn shipped(out: &Path) -> common::Run {
    let out = out.to_str().expect("UTF-8");
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seed");
    let seed = seed.to_str().expect("UTF-8");
    let mut args = vec![
        "report",
        "rules",
        "--snapshot",
        "rules/snapshots",
        "-o",
        out,
    ];
    if Path::new(seed).is_dir() {
        args.extend(["--sources", seed]);
    }
    augur(&args)
}

#[test]
fn the_shipped_report_opens_in_chromium() {
    let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
    let page = target.join("report.html");
    let run = shipped(&page);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = std::fs::read_to_string(&page).expect("written");
    assert_links_land(&text);
    assert_self_contained(&text);
    if !common::have("chromium", "--version", "chromium") {
        return;
    }
    let url = format!("file://{}", page.display());
    let dump = chromium(&["--dump-dom", &url]);
    assert!(
        dump.status.success(),
        "{}",
        String::from_utf8_lossy(&dump.stderr)
    );
    let dom = String::from_utf8(dump.stdout).expect("UTF-8");
    let scenarios = augur(&["list", "scenarios", "rules"]).stdout;
    let names: Vec<&str> = scenarios
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert!(names.len() >= 6, "{scenarios}");
    for name in names {
        assert!(
            dom.contains(&format!("<h2>Scenario {name}</h2>")),
            "{name} in the DOM"
        );
    }
    // A known conclusion's proof, with its quote.
    assert!(dom.contains("brazil has_space_to_lead latin_america"));
    assert!(dom.contains("by rule space_for_brazil_to_lead"));
    assert!(dom.contains("an isolationist U.S. could create a space for Brazil"));
    // The shipped snapshots, each matching.
    assert!(dom.contains("<li><strong>✓ matches</strong> scenario trump_isolationist</li>"));
    // No console message at all (the page has no script), no uncaught error.
    let console: Vec<&str> = String::from_utf8_lossy(&dump.stderr)
        .lines()
        .filter(|l| l.contains(":CONSOLE") || l.contains("Uncaught"))
        .map(|_| "console message")
        .collect();
    assert!(
        console.is_empty(),
        "{}",
        String::from_utf8_lossy(&dump.stderr)
    );
    let shot = target.join("report.png");
    let _ = std::fs::remove_file(&shot);
    let shot_arg = format!("--screenshot={}", shot.display());
    let run = chromium(&[&shot_arg, "--window-size=1280,2000", &url]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let png = std::fs::read(&shot).expect("a screenshot");
    assert!(png.starts_with(b"\x89PNG"), "a PNG");
}

/// Runs headless Chromium on `args`, logging the page's console to stderr.
fn chromium(args: &[&str]) -> std::process::Output {
    std::process::Command::new("chromium")
        .args([
            "--headless",
            "--disable-gpu",
            "--no-sandbox",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .args(args)
        .output()
        .expect("chromium runs")
}

/// The names in a directory, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("listed")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn snapshots_are_shown_matched_or_not_with_what_changed_and_nothing_written() {
    let dir = temp("snapshots");
    let snaps = dir.join("snaps");
    let s = snaps.to_str().expect("UTF-8");
    let blessed = augur(&["test", SMALL, "--snapshot", s, "--bless"]);
    assert!(blessed.stdout.contains("2 created"), "{}", blessed.stdout);
    let page = augur(&["report", SMALL, "--snapshot", s]).stdout;
    assert!(page.contains(": 2 match, 0 do not.</p>"), "{page}");
    assert!(page.contains("<li><strong>✓ matches</strong> scenario retreat</li>"));
    assert!(page.contains("<li><a href=\"#tests\">Tests</a></li>"));
    // A likelihood changed and a line gone in hedge's; retreat's removed; a stale one.
    let hedge = snaps.join("hedge.snap");
    let text = std::fs::read_to_string(&hedge).expect("read");
    let edited = text.replace("rivals gain | even_chance", "rivals gain | likely")
        + "old line | likely | gone\n";
    std::fs::write(&hedge, edited).expect("written");
    std::fs::remove_file(snaps.join("retreat.snap")).expect("removed");
    std::fs::write(
        snaps.join("gone.snap"),
        "# augur snapshot of scenario gone\n",
    )
    .expect("written");
    let before = listing(&snaps);
    let run = augur(&["report", SMALL, "--snapshot", s]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = run.stdout;
    assert_eq!(listing(&snaps), before, "the report writes nothing there");
    assert!(page.contains(": 0 match, 3 do not.</p>"), "{page}");
    assert!(page.contains("<li><strong>✗ NO SNAPSHOT</strong> of scenario retreat"));
    assert!(page.contains("<li><strong>✗ CHANGED</strong> scenario hedge:"));
    assert!(page.contains("<li><strong>✗ STALE</strong> <code>"));
    assert_links_land(&page);
    // What changed, as `augur test --snapshot` says it.
    let test = augur(&["test", SMALL, "--snapshot", s]).stdout;
    for line in [
        "~ rivals gain  likely -> even_chance",
        "- old line | likely | gone",
    ] {
        assert!(test.contains(&format!("  {line}\n")), "{test}");
        let shown = line.replace('>', "&gt;");
        assert!(page.contains(&format!("{shown}\n")), "{line}: {page}");
    }
    // A directory that is not there: exit 2, no page.
    let out = dir.join("r.html");
    let missing = dir.join("nowhere");
    let run = augur(&[
        "report",
        SMALL,
        "--snapshot",
        missing.to_str().expect("UTF-8"),
        "-o",
        out.to_str().expect("UTF-8"),
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("does not exist"), "{}", run.stderr);
    assert!(!out.exists());
    std::fs::remove_dir_all(&dir).expect("removed");
}

#[test]
fn stdout_and_the_file_are_the_same_bytes_even_for_hidden_characters() {
    // Hidden characters (a bidi override, a zero-width space, an escape) in a folder name,
    // a document's title, a quote and the source text itself.
    let dir = temp("hidden").join("rules\u{202e}x");
    std::fs::create_dir_all(&dir).expect("created");
    std::fs::write(
        dir.join("r.augur"),
        "document memo \"A \\u{1b}[31m memo\" file \"memo.txt\"\n\
         fact \"a\\u{200b}b\" is here\n  cite memo \"Hidden \\u{202e}here.\"\n\
         rule r: \"a\\u{200b}b\" is here implies x done\n  cite memo \"Plain text.\"\n\
         scenario s {\n}\n",
    )
    .expect("written");
    std::fs::write(
        dir.join("memo.txt"),
        "Hidden \u{202e}here. Plain text. A \u{200b}zero width one.\n",
    )
    .expect("written");
    let d = dir.to_str().expect("UTF-8");
    let out = dir.join("page.html");
    let stdout = augur(&["report", d]);
    assert_eq!(stdout.code, 0, "{}", stdout.stderr);
    let written = augur(&["report", d, "-o", out.to_str().expect("UTF-8")]);
    assert_eq!(written.code, 0, "{}", written.stderr);
    let file = std::fs::read(&out).expect("written");
    assert!(
        stdout.stdout.as_bytes() == file.as_slice(),
        "stdout and the file differ"
    );
    let page = stdout.stdout;
    assert!(
        !page
            .chars()
            .any(|c| c != '\n' && augur::escape::is_hidden(c)),
        "no hidden character reaches the page raw"
    );
    // Each is shown, the text's own included.
    assert!(
        page.contains("<mark>Hidden \\u{202e}here.</mark>"),
        "{page}"
    );
    assert!(page.contains("A \\u{200b}zero width one."));
    assert!(page.contains("rules\\u{202e}x"));
    assert!(page.contains("Coverage: 2 of 3 sentences cited"));
    assert_links_land(&page);
    std::fs::remove_dir_all(dir.parent().expect("temp")).expect("removed");
}

#[test]
fn every_pair_of_scenarios_has_its_diff_as_augur_diff_prints_it() {
    let page = augur(&["report", SMALL]).stdout;
    let diff = augur(&["diff", "retreat", "hedge", SMALL]);
    assert_eq!(diff.code, 0, "{}", diff.stderr);
    let escaped = diff
        .stdout
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;");
    assert!(
        page.contains(&format!(
            "<details id=\"diff-0-1\" class=\"diff\"><summary>retreat → hedge</summary><pre>{escaped}</pre></details>"
        )),
        "{page}"
    );
    // The chooser: the pair's cell links to it.
    assert!(page.contains("<a href=\"#diff-0-1\" title=\"retreat to hedge\">diff</a>"));
    assert!(page.contains("<li><a href=\"#diffs\">Differences</a></li>"));
}

#[test]
fn each_cell_carries_the_probability_run_prob_computes() {
    let page = augur(&["report", SMALL]).stdout;
    let run = augur(&["run", SMALL, "-s", "retreat", "--prob"]).stdout;
    // `  china fills_gap  likely          0.6750`
    let line = run
        .lines()
        .find(|l| l.trim_start().starts_with("china fills_gap"))
        .expect("a conclusion");
    let p = line.split_whitespace().last().expect("a probability");
    assert!(
        page.contains(&format!("<a href=\"#s0-c0\">likely</a><br/>P = {p}</td>")),
        "{p}: {page}"
    );
    assert!(page.contains(&format!(
        "<summary>china fills_gap · likely · P = {p}</summary>"
    )));
    // Past the bound: the likelihoods alone, and why.
    let run = augur(&["report", SMALL, "--max-nodes", "1"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stdout.contains("P = "));
    assert!(
        run.stdout
            .contains("<p>No probabilities for this scenario: the lineage of 2 atoms of scenario `retreat` needs a decision diagram of more than 1 nodes"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_conflict_shows_both_sides() {
    let page = augur(&["report", SMALL]).stdout;
    let summary = "<summary>conflict split · unlikely · both sides</summary><pre>";
    let at = page.find(summary).expect("the conflict of hedge") + summary.len();
    let shown = &page[at..at + page[at..].find("</pre>").expect("closed")];
    // Each side's proof, as `augur why` prints it.
    for side in ["china fills_gap", "brazil hedges"] {
        let why = augur(&["why", side, SMALL, "-s", "hedge"]).stdout;
        let why = why.replace('"', "&quot;").replace('\'', "&apos;");
        assert!(
            shown.contains(why.trim_end()),
            "{side}: {shown}\n---\n{why}"
        );
    }
}
