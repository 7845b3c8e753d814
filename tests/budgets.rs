//! Evaluation budgets from the command line: `--max-derived` bounds memory (checked while a
//! join runs, not after it is built) and counts derived atoms only; `--timeout` stops every
//! command that evaluates. Big inputs are generated here, not committed.

mod common;

use std::path::{Path, PathBuf};
use std::time::Duration;

use common::{augur, temp_dir};

/// `n` facts of each unary predicate, then `rule`.
fn cross(preds: &[&str], n: usize, rule: &str) -> String {
    let mut text = String::new();
    for p in preds {
        for i in 0..n {
            text.push_str(&format!("fact c{i} {p}\n"));
        }
    }
    text + rule + "\n"
}

#[expect(
    clippy::unwrap_used,
    reason = "a helper of tests: failing to write fails the test"
)]
fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// What a bounded run produced: exit code (`None`: killed by a signal) and stderr.
struct Bounded {
    code: Option<i32>,
    stderr: String,
}

/// Runs the binary with `args` for at most two minutes, under an address-space cap of `mb`
/// megabytes when given: a run that tries to build a join of gigabytes dies instead.
#[expect(
    clippy::unwrap_used,
    reason = "a helper of tests: failing to run fails the test"
)]
fn bounded(mb: Option<u64>, args: &[&str]) -> Bounded {
    let cap = mb.map_or(String::new(), |mb| format!("ulimit -v {}; ", mb * 1024));
    let out = assert_cmd::Command::new("sh")
        .env("NO_COLOR", "1")
        // One arena and one thread: the cap then measures the program, not the
        // allocator's per-thread reservations.
        .env("MALLOC_ARENA_MAX", "1")
        .env("RAYON_NUM_THREADS", "1")
        .arg("-c")
        .arg(format!("{cap}exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_augur"))
        .args(args)
        .timeout(Duration::from_secs(120))
        .output()
        .unwrap();
    Bounded {
        code: out.status.code(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The memory cap of the D1 tests: the old code took 754 MB and 5.3 GB on these inputs.
const CAP_MB: u64 = 512;

fn assert_limit_stopped(run: &Bounded, limit: usize) {
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(
        run.stderr
            .contains(&format!("more than {limit} derived atoms")),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("while rule `big` was joining"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(&format!("`--max-derived {limit}`")),
        "{}",
        run.stderr
    );
}

#[cfg(target_os = "linux")]
#[test]
fn max_derived_bounds_the_memory_of_one_join() {
    let dir = temp_dir("budget-cross");
    // The repro `cross3.augur`: 400^3 atoms from one rule.
    let cross3 = cross(
        &["u0", "u1", "u2"],
        400,
        "rule big: ?a u0 and ?b u1 and ?c u2 implies out(?a, ?b, ?c)",
    );
    let cross3 = write(&dir, "cross3.augur", &cross3);
    let run = bounded(
        Some(CAP_MB),
        &["run", cross3.to_str().unwrap(), "--max-derived", "100"],
    );
    assert_limit_stopped(&run, 100);
    // Five predicates of 2,000 facts each joined by one rule.
    let cross5 = cross(
        &["p1", "p2", "p3", "p4", "p5"],
        2000,
        "rule big: ?a p1 and ?b p2 and ?c p3 and ?d p4 and ?e p5 implies out(?a, ?b, ?c, ?d, ?e)",
    );
    let cross5 = write(&dir, "cross5.augur", &cross5);
    let run = bounded(
        Some(CAP_MB),
        &["run", cross5.to_str().unwrap(), "--max-derived", "100"],
    );
    assert_limit_stopped(&run, 100);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn max_derived_counts_derived_atoms_at_its_boundary() {
    // Two facts and the four atoms one rule derives from them.
    let lim = "tests/data/repro/lim.augur";
    let under = augur(&["run", lim, "--max-derived", "3"]);
    assert_eq!(under.code, 2, "{}", under.stderr);
    assert!(
        under.stderr.contains("more than 3 derived atoms"),
        "{}",
        under.stderr
    );
    for limit in ["4", "5"] {
        let run = augur(&["run", lim, "--max-derived", limit]);
        assert_eq!(run.code, 0, "{limit}: {}", run.stderr);
        assert_eq!(run.stdout.lines().filter(|l| l.contains(" q ")).count(), 4);
    }
}

/// A rule base whose one rule would match 2,000^5 times, all into one atom: memory stays
/// small, so only the time budget can stop it.
fn long_running(dir: &Path) -> PathBuf {
    let text = cross(
        &["p1", "p2", "p3", "p4", "p5"],
        2000,
        "rule big: ?a p1 and ?b p2 and ?c p3 and ?d p4 and ?e p5 implies all done\n\
         scenario base {}\nscenario other { assume extra thing }\n\
         test \"done\" in base { expect all done }",
    );
    write(dir, "long.augur", &text)
}

#[test]
fn timeout_stops_every_command_that_evaluates() {
    let dir = temp_dir("budget-timeout");
    let long = long_running(&dir);
    let long = long.to_str().unwrap();
    let commands: [&[&str]; 5] = [
        &["run", long, "--all"],
        &["why", "all done", long, "--scenario", "base"],
        &["why-not", "all done", long, "--scenario", "base"],
        &["diff", "base", "other", long],
        &["test", long],
    ];
    for args in commands {
        let mut args = args.to_vec();
        args.extend(["--timeout", "300ms"]);
        let run = bounded(None, &args);
        assert_eq!(run.code, Some(2), "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.contains("was still being evaluated after 300ms"),
            "{args:?}: {}",
            run.stderr
        );
        assert!(run.stderr.contains("`--timeout 300ms`"), "{}", run.stderr);
        assert!(
            run.stderr.contains("augur::engine::timeout"),
            "{}",
            run.stderr
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn timeout_reads_durations_and_none() {
    let lim = "tests/data/repro/lim.augur";
    for ok in ["none", "1h", "30s", "2", "1.5s"] {
        let run = augur(&["run", lim, "--timeout", ok]);
        assert_eq!(run.code, 0, "{ok}: {}", run.stderr);
    }
    let spent = augur(&["run", lim, "--timeout", "0"]);
    assert_eq!(spent.code, 2, "{}", spent.stderr);
    assert!(spent.stderr.contains("after 0s"), "{}", spent.stderr);
    let bad = augur(&["run", lim, "--timeout", "5x"]);
    assert_eq!(bad.code, 2, "{}", bad.stderr);
    assert!(
        bad.stderr.contains("`5x` is not a duration"),
        "{}",
        bad.stderr
    );
}
