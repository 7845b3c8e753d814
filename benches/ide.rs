//! The editor's questions on a 1,000-rule workspace (10 files of 100 rules, 4 scenarios):
//! an edit costs a parse and index of the file edited; the first hover after it checks the
//! workspace and runs the scenarios; a hover with nothing changed reads what is kept. Times
//! are reported as ratios to `augur check` of the same files (Analysis::from_sources) in
//! the same run, and in ms.
//!
//!   cargo bench --bench ide
//!   AUGUR_BENCH_ONLY=warm valgrind --tool=cachegrind target/release/deps/ide-* --bench
//!
//! `AUGUR_BENCH_ONLY=warm|first|edit` runs only that step once after setting up (`setup`:
//! nothing more), for an instruction count: the step's is its count less setup's.

#![expect(clippy::print_stdout, reason = "a benchmark reports on stdout")]

use std::hint::black_box;
use std::time::{Duration, Instant};

use augur::ide::Workspace;
use augur::source::{SourceFile, SourceMap};

const FILES: usize = 10;
const RULES_PER_FILE: usize = 100;

/// File `f`: rules `r{f}_{i}` each concluding the next link of a chain from a fact, one
/// chain per file, every scenario assuming a link of it.
fn file(f: usize) -> String {
    let mut out = String::new();
    if f == 0 {
        out.push_str("assumable a0 s0 b\n");
        for s in 0..4 {
            out.push_str(&format!("scenario s{s} {{ assume a{s} s0 b likely }}\n"));
        }
    }
    out.push_str(&format!("fact c{f} link0 d\n"));
    for i in 0..RULES_PER_FILE {
        out.push_str(&format!(
            "rule r{f}_{i} {{\n  when c{f} link{i} d\n  then c{f} link{} d\n  likely\n}}\n",
            i + 1
        ));
    }
    out
}

fn workspace() -> Workspace {
    let mut ws = Workspace::default();
    for f in 0..FILES {
        ws.set_text(&format!("f{f}.augur"), &file(f));
    }
    ws
}

fn time(runs: u32, mut f: impl FnMut()) -> Duration {
    let start = Instant::now();
    for _ in 0..runs {
        f();
    }
    start.elapsed() / runs
}

fn main() {
    let name = "f5.augur";
    let text = file(5);
    let at = text.find("link50 d\n  then").unwrap_or(0);
    let edited = format!("{text}\n");
    if let Ok(only) = std::env::var("AUGUR_BENCH_ONLY") {
        let mut ws = workspace();
        let _ = ws.hover(name, at);
        match only.as_str() {
            "setup" => {}
            "warm" => drop(black_box(ws.hover(name, at))),
            "edit" => drop(black_box(ws.set_text(name, &edited))),
            _ => {
                ws.set_text(name, &edited);
                drop(black_box(ws.hover(name, at)));
            }
        }
        return;
    }
    let check = time(5, || {
        let mut sources = SourceMap::new();
        for f in 0..FILES {
            let _ = sources.add(SourceFile::new(format!("f{f}.augur"), file(f)));
        }
        drop(black_box(augur::Analysis::from_sources(sources)));
    });
    let mut ws = workspace();
    let first = time(5, || {
        ws.set_text(name, &text);
        ws.set_text(name, &edited);
        drop(black_box(ws.hover(name, at)));
    });
    let warm = time(1000, || drop(black_box(ws.hover(name, at))));
    let edit = time(50, || {
        ws.set_text(name, &text);
        ws.set_text(name, &edited);
    });
    let hover = ws.hover(name, at).map(|h| h.markdown).unwrap_or_default();
    // The atom is 50 `likely` links down its chain: computed, if small.
    assert!(hover.contains("| `s0` | likely | 0.000 |"), "{hover}");
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let ratio = |d: Duration| d.as_secs_f64() / check.as_secs_f64();
    println!("ide, {} rules in {FILES} files:", FILES * RULES_PER_FILE);
    println!("  augur check (reference)     {:8.3} ms  1.00", ms(check));
    println!(
        "  edit (two texts set)        {:8.3} ms  {:.3}",
        ms(edit),
        ratio(edit)
    );
    println!(
        "  first hover after an edit   {:8.3} ms  {:.2}",
        ms(first),
        ratio(first)
    );
    println!(
        "  hover, nothing changed      {:8.3} ms  {:.4}",
        ms(warm),
        ratio(warm)
    );
}
