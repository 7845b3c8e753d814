//! `--shard I/N` and `augur merge` (issue 13): shards merged print exactly what one process
//! prints, byte for byte, in text and JSON, for sampling (`prob --samples`) and for scenario
//! sweeps (`run --all`, with `--prob`); merging the wrong files is an error (exit 2).

mod common;

use std::path::{Path, PathBuf};

use common::{augur, temp_dir};

/// A path as an argument.
fn arg(path: &Path) -> &str {
    path.to_str()
        .unwrap_or_else(|| panic!("{} is not UTF-8", path.display()))
}

const ATOM: &str = "latin_america forges new_security_path";
const SCENARIO: &str = "trump_isolationist";

/// Runs `augur ARGS --shard i/n` for each shard into `dir`; returns the files' paths.
fn shards(dir: &Path, name: &str, args: &[&str], n: u64) -> Vec<PathBuf> {
    std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{e}"));
    (1..=n)
        .map(|i| {
            let part = format!("{i}/{n}");
            let mut all = args.to_vec();
            all.extend(["--shard", &part]);
            let run = augur(&all);
            assert_eq!(run.code, 0, "{}", run.stderr);
            let path = dir.join(format!("{name}-{i}.json"));
            std::fs::write(&path, run.stdout).unwrap_or_else(|e| panic!("{e}"));
            path
        })
        .collect()
}

/// `augur merge` of `files` in `format`: stdout, stderr, exit code.
fn merge(files: &[PathBuf], format: &str) -> common::Run {
    let mut args = vec!["merge", "--format", format];
    args.extend(files.iter().map(|p| arg(p)));
    augur(&args)
}

/// The unsharded run of `args` in both formats equals the merge of its `n` shards.
fn same_as_merged(dir: &Path, name: &str, args: &[&str], n: u64) {
    let files = shards(dir, name, args, n);
    for format in ["text", "json"] {
        let mut whole = args.to_vec();
        whole.extend(["--format", format]);
        let one = augur(&whole);
        assert_eq!(one.code, 0, "{}", one.stderr);
        // In another order than written: the merge orders the shards itself.
        let mut shuffled = files.clone();
        shuffled.reverse();
        let merged = merge(&shuffled, format);
        assert_eq!(merged.code, 0, "{}", merged.stderr);
        assert_eq!(merged.stdout, one.stdout, "{name} in {format}");
    }
}

#[test]
fn sampling_shards_merge_to_the_unsharded_answer() {
    let dir = temp_dir("shard-prob");
    let args = [
        "prob",
        ATOM,
        "-s",
        SCENARIO,
        "--samples",
        "100000",
        "--seed",
        "7",
    ];
    same_as_merged(&dir, "four", &args, 4);
    // Samples not a whole number of blocks, three shards; and more shards than blocks
    // (5 blocks, 7 shards: some draw nothing).
    let args = [
        "prob",
        ATOM,
        "-s",
        SCENARIO,
        "--samples",
        "50001",
        "--seed",
        "3",
    ];
    same_as_merged(&dir, "three", &args, 3);
    let args = ["prob", ATOM, "-s", SCENARIO, "--samples", "20000"];
    same_as_merged(&dir, "seven", &args, 7);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn scenario_shards_merge_to_the_unsharded_run() {
    let dir = temp_dir("shard-run");
    same_as_merged(&dir, "run", &["run", "--all"], 4);
    same_as_merged(&dir, "prob", &["run", "--all", "--prob"], 4);
    // More shards than scenarios.
    let scenarios = augur(&["list", "scenarios"]).stdout.lines().count() as u64;
    same_as_merged(&dir, "many", &["run", "--all"], scenarios + 2);
    let _ = std::fs::remove_dir_all(&dir);
}

/// `augur merge FILES` fails with exit 2 and the diagnostic code `code`.
fn refused(files: &[PathBuf], code: &str) {
    let run = merge(files, "text");
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.is_empty());
    assert!(run.stderr.contains(code), "{}", run.stderr);
}

#[test]
fn bad_merges_are_refused() {
    let dir = temp_dir("shard-bad");
    let args = ["prob", ATOM, "-s", SCENARIO, "--samples", "30000"];
    let files = shards(&dir, "a", &args, 3);
    // A shard twice; a shard missing.
    refused(
        &[files[0].clone(), files[1].clone(), files[1].clone()],
        "augur::merge::overlap",
    );
    refused(&files[..2], "augur::merge::missing");
    // Another seed, another shard count, another command.
    let seeded = shards(&dir, "b", &[&args[..], &["--seed", "1"]].concat(), 3);
    refused(
        &[files[0].clone(), seeded[1].clone(), files[2].clone()],
        "augur::merge::different_runs",
    );
    let halves = shards(&dir, "c", &args, 2);
    refused(
        &[files[0].clone(), halves[1].clone()],
        "augur::merge::different_runs",
    );
    let runs = shards(&dir, "d", &["run", "--all"], 3);
    refused(
        &[files[0].clone(), runs[1].clone(), files[2].clone()],
        "augur::merge::different_runs",
    );
    // Another program: the rules with a line added.
    let rules = dir.join("rules");
    std::fs::create_dir_all(&rules).unwrap_or_else(|e| panic!("{e}"));
    for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/rules"))
        .unwrap_or_else(|e| panic!("{e}"))
    {
        let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
        if path.extension().is_some_and(|e| e == "augur") {
            let name = rules.join(path.file_name().unwrap_or_default());
            std::fs::copy(&path, name).unwrap_or_else(|e| panic!("{e}"));
        }
    }
    let extra = rules.join("zz-extra.augur");
    std::fs::write(&extra, "fact brazil extra_fact unlikely\n").unwrap_or_else(|e| panic!("{e}"));
    let other = shards(&dir, "e", &[&args[..], &[arg(&rules)]].concat(), 3);
    refused(
        &[files[0].clone(), other[1].clone(), files[2].clone()],
        "augur::merge::different_runs",
    );
    // Not a shard file: another command's JSON, an edited count, a file that is missing.
    let json = dir.join("run.json");
    std::fs::write(&json, augur(&["--format", "json", "run"]).stdout)
        .unwrap_or_else(|e| panic!("{e}"));
    refused(&[json], "augur::merge::not_a_shard");
    let text = std::fs::read_to_string(&files[0]).unwrap_or_else(|e| panic!("{e}"));
    let edited = dir.join("edited.json");
    std::fs::write(&edited, text.replace("\"hits\": ", "\"hits\": 9"))
        .unwrap_or_else(|e| panic!("{e}"));
    refused(
        &[edited, files[1].clone(), files[2].clone()],
        "augur::merge::not_a_shard",
    );
    refused(&[dir.join("absent.json")], "augur::merge::read");
    // A file claiming a huge number of shards: missing, told at once, nothing allocated.
    let huge = dir.join("huge.json");
    std::fs::write(
        &huge,
        text.replace("\"shards\": 3", "\"shards\": 1000000000000000000"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let run = merge(&[huge], "text");
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("999999999999999999 of 1000000000000000000 shards missing"),
        "{}",
        run.stderr
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_shard_arguments_are_usage_errors() {
    for bad in ["0/4", "5/4", "1/0", "a/4", "4", "1/1000001"] {
        let run = augur(&["prob", ATOM, "--samples", "1000", "--shard", bad]);
        assert_eq!(run.code, 2, "{bad}: {}", run.stderr);
        assert!(run.stderr.contains("shard"), "{bad}: {}", run.stderr);
    }
    // The most shards there may be: the one block of 1,000 worlds falls to the last.
    let last = ["prob", ATOM, "-s", SCENARIO, "--samples", "1000"];
    for (part, drawn) in [("1/1000000", 0), ("1000000/1000000", 1000)] {
        let run = augur(&[&last[..], &["--shard", part]].concat());
        assert_eq!(run.code, 0, "{}", run.stderr);
        let want = format!("\"drawn\": {drawn},");
        assert!(run.stdout.contains(&want), "{}", run.stdout);
    }
    // Sharding needs sampling; `run` shards refuse --stats.
    assert_eq!(augur(&["prob", ATOM, "--shard", "1/2"]).code, 2);
    assert_eq!(
        augur(&["run", "--all", "--stats", "--shard", "1/2"]).code,
        2
    );
}
