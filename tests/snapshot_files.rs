//! The snapshot directory under faults and neighbours: augur removes or replaces only the
//! files it wrote (D7), cleans the temporary files a killed run left and says so (D14),
//! never leaves a torn, empty or partial snapshot however it is killed, keeps a file's
//! permissions, takes turns with a concurrent run, and reports a directory it cannot use
//! (missing, read-only, a file, a link out of it) with a clear error and exit 2.

#![expect(
    clippy::unwrap_used,
    reason = "helpers of tests: a file operation that fails fails the test"
)]

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use common::{Run, augur, temp_dir};

/// A rule base whose scenarios `names` each snapshot a dozen conclusions, at a likelihood
/// that `variant` sets, so two variants give two texts of every snapshot.
fn rules(names: &[String], variant: usize) -> String {
    let level = ["likely", "unlikely"][variant % 2];
    let mut text = format!("assumable ?x is ?y\nrule r: ?x is ?y implies ?y has ?x [{level}]\n");
    for (k, name) in names.iter().enumerate() {
        text.push_str(&format!("scenario {name} {{\n"));
        for j in 0..12 {
            text.push_str(&format!("  assume a{k} is b{j}\n"));
        }
        text.push_str("}\n");
    }
    text
}

fn names(prefix: &str, n: usize) -> Vec<String> {
    (0..n).map(|k| format!("{prefix}{k}")).collect()
}

/// A directory with rule files `a.augur` and `b.augur` in it.
struct Setup {
    root: PathBuf,
    a: PathBuf,
    b: PathBuf,
}

impl Setup {
    fn new(name: &str, a: &str, b: &str) -> Self {
        let root = temp_dir(name);
        std::fs::create_dir_all(&root).unwrap();
        let (pa, pb) = (root.join("a.augur"), root.join("b.augur"));
        std::fs::write(&pa, a).unwrap();
        std::fs::write(&pb, b).unwrap();
        Setup { root, a: pa, b: pb }
    }

    fn snapshots(&self) -> PathBuf {
        self.root.join("snapshots")
    }
}

fn bless(rules: &Path, dir: &Path) -> Run {
    augur(&[
        "test",
        rules.to_str().unwrap(),
        "--snapshot",
        dir.to_str().unwrap(),
        "--bless",
    ])
}

fn compare(rules: &Path, dir: &Path) -> Run {
    augur(&[
        "test",
        rules.to_str().unwrap(),
        "--snapshot",
        dir.to_str().unwrap(),
    ])
}

/// Every file in `dir`, by name, with its bytes.
fn contents(dir: &Path) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let name = e.file_name().into_string().unwrap();
            let bytes = std::fs::read(e.path()).unwrap();
            (name, String::from_utf8_lossy(&bytes).into_owned())
        })
        .collect();
    files.sort();
    files
}

const INSTA: &str = "---\nsource: tests/cli.rs\nexpression: run.stdout\n---\nsome output\n";

#[test]
fn bless_removes_only_the_snapshots_augur_wrote_and_names_what_it_leaves() {
    let scenarios = names("s", 2);
    let setup = Setup::new(
        "own-files",
        &rules(&scenarios, 0),
        &rules(&scenarios[..1], 0),
    );
    let dir = setup.snapshots();
    std::fs::create_dir_all(&dir).unwrap();
    // Another tool's snapshots share the directory: insta's `.snap` and `.snap.new` files.
    std::fs::write(dir.join("cli__report.snap"), INSTA).unwrap();
    std::fs::write(dir.join("cli__report.snap.new"), INSTA).unwrap();
    std::fs::write(dir.join("notes.txt"), "mine\n").unwrap();
    let first = bless(&setup.a, &dir);
    assert_eq!(first.code, 0, "{}{}", first.stdout, first.stderr);
    // Blessing a rule base without `s1` removes augur's `s1.snap`, and only it.
    let run = bless(&setup.b, &dir);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let kept: Vec<String> = contents(&dir).into_iter().map(|(n, _)| n).collect();
    assert_eq!(
        kept,
        [
            "cli__report.snap",
            "cli__report.snap.new",
            "notes.txt",
            "s0.snap"
        ]
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("cli__report.snap")).unwrap(),
        INSTA
    );
    let insta = dir.join("cli__report.snap").display().to_string();
    let s1 = dir.join("s1.snap").display().to_string();
    assert!(
        run.stdout.contains(&format!(
            "snapshots blessed: 0 updated, 0 created, 1 unchanged, 1 removed ({s1})\n"
        )),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(&format!(
            "left alone 1 `.snap` file augur did not write: {insta}\n"
        )),
        "{}",
        run.stdout
    );
    // A plain comparison neither fails on another tool's snapshot nor touches it.
    let again = compare(&setup.b, &dir);
    assert_eq!(again.code, 0, "{}", again.stdout);
    assert!(!again.stdout.contains("cli__report"), "{}", again.stdout);
    // Nor does `--review` or `--accept` take another tool's `.snap.new`.
    let d = dir.to_str().unwrap();
    let b = setup.b.to_str().unwrap();
    let accept = augur(&["test", b, "--snapshot", d, "--accept"]);
    assert_eq!(accept.code, 0, "{}", accept.stderr);
    assert!(accept.stdout.starts_with("no pending snapshot changes"));
    assert!(dir.join("cli__report.snap.new").exists());
    std::fs::remove_dir_all(&setup.root).unwrap();
}

#[test]
fn a_file_augur_did_not_write_in_a_snapshots_place_stops_the_run_untouched() {
    let scenarios = names("s", 2);
    let setup = Setup::new("foreign", &rules(&scenarios, 0), &rules(&scenarios, 1));
    let dir = setup.snapshots();
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("s1.snap"), INSTA).unwrap();
    let before = contents(&dir);
    for run in [bless(&setup.a, &dir), compare(&setup.a, &dir)] {
        assert_eq!(run.code, 2, "{}", run.stdout);
        assert!(
            run.stderr.contains("augur::snapshot::not_augurs"),
            "{}",
            run.stderr
        );
        let s1 = dir.join("s1.snap").display().to_string();
        assert!(
            run.stderr
                .contains(&format!("`{s1}` was not written by augur")),
            "{}",
            run.stderr
        );
        // Checked before anything is written: not even `s0.snap` is created.
        assert_eq!(contents(&dir), before);
    }
    std::fs::remove_dir_all(&setup.root).unwrap();
}

#[test]
fn bless_removes_the_temporary_files_a_killed_run_left_and_says_so() {
    let scenarios = names("s", 1);
    let setup = Setup::new("temporaries", &rules(&scenarios, 0), "");
    let dir = setup.snapshots();
    std::fs::create_dir_all(&dir).unwrap();
    let left = [
        ".s0.snap.4242.tmp",
        ".s0.snap.new.17.tmp",
        ".gone.snap.9.tmp",
    ];
    for name in left {
        std::fs::write(dir.join(name), "# augur snapshot of scenario s0\n# conc").unwrap();
    }
    // Not augur's: the same shape but another extension, or no process id.
    std::fs::write(dir.join(".notes.txt.12.tmp"), "x").unwrap();
    std::fs::write(dir.join(".s0.snap.tmp"), "x").unwrap();
    let run = bless(&setup.a, &dir);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let shown: Vec<String> = {
        let mut l: Vec<String> = left
            .iter()
            .map(|n| dir.join(n).display().to_string())
            .collect();
        l.sort();
        l
    };
    assert!(
        run.stdout.contains(&format!(
            "removed 3 temporary files left by an interrupted run: {}\n",
            shown.join(", ")
        )),
        "{}",
        run.stdout
    );
    let kept: Vec<String> = contents(&dir).into_iter().map(|(n, _)| n).collect();
    assert_eq!(kept, [".notes.txt.12.tmp", ".s0.snap.tmp", "s0.snap"]);
    std::fs::remove_dir_all(&setup.root).unwrap();
}

#[test]
fn bless_keeps_a_snapshots_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let scenarios = names("s", 1);
    let setup = Setup::new("mode", &rules(&scenarios, 0), &rules(&scenarios, 1));
    let dir = setup.snapshots();
    assert_eq!(bless(&setup.a, &dir).code, 0);
    let snap = dir.join("s0.snap");
    std::fs::set_permissions(&snap, std::fs::Permissions::from_mode(0o640)).unwrap();
    let run = bless(&setup.b, &dir);
    assert!(
        run.stdout.contains("snapshot s0 ... updated"),
        "{}",
        run.stdout
    );
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&snap), 0o640);
    // And `--accept` too.
    std::fs::set_permissions(&snap, std::fs::Permissions::from_mode(0o600)).unwrap();
    assert_eq!(compare(&setup.a, &dir).code, 1);
    let d = dir.to_str().unwrap();
    let accept = augur(&[
        "test",
        setup.a.to_str().unwrap(),
        "--snapshot",
        d,
        "--accept",
    ]);
    assert_eq!(accept.code, 0, "{}", accept.stderr);
    assert_eq!(mode(&snap), 0o600);
    assert_eq!(compare(&setup.a, &dir).code, 0);
    std::fs::remove_dir_all(&setup.root).unwrap();
}

fn assert_reported(run: &Run, code: &str, says: &str) {
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.contains(code), "{}", run.stderr);
    assert!(run.stderr.contains(says), "{}", run.stderr);
    assert!(run.stderr.contains("help:"), "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
}

#[test]
fn a_directory_augur_cannot_use_is_a_clear_error() {
    let scenarios = names("s", 2);
    let setup = Setup::new("bad-dirs", &rules(&scenarios, 0), &rules(&scenarios, 1));
    let dir = setup.snapshots();
    // Missing: a comparison does not create it (a mistyped path would pass as all new).
    let missing = compare(&setup.a, &dir);
    assert_reported(
        &missing,
        "augur::snapshot::missing_directory",
        "does not exist",
    );
    assert!(!dir.exists());
    // A file, not a directory.
    let file = compare(&setup.a, &setup.a);
    assert_reported(
        &file,
        "augur::snapshot::not_a_directory",
        "is not a directory",
    );
    // `--bless` creates it.
    assert_eq!(bless(&setup.a, &dir).code, 0);
    // A snapshot's path is a directory.
    std::fs::remove_file(dir.join("s1.snap")).unwrap();
    std::fs::create_dir(dir.join("s1.snap")).unwrap();
    let blocked = bless(&setup.b, &dir);
    assert_reported(&blocked, "augur::snapshot::not_a_file", "is a directory");
    std::fs::remove_dir(dir.join("s1.snap")).unwrap();
    // A link to a file outside the directory is neither read nor written through.
    let outside = setup.root.join("outside.snap");
    std::fs::write(&outside, "# augur snapshot of scenario s1\nprivate\n").unwrap();
    std::os::unix::fs::symlink(&outside, dir.join("s1.snap")).unwrap();
    for run in [bless(&setup.b, &dir), compare(&setup.b, &dir)] {
        assert_reported(
            &run,
            "augur::snapshot::link_outside",
            "outside the snapshot directory",
        );
        assert!(!run.stderr.contains("private"), "{}", run.stderr);
    }
    assert_eq!(
        std::fs::read_to_string(&outside).unwrap(),
        "# augur snapshot of scenario s1\nprivate\n"
    );
    std::fs::remove_file(dir.join("s1.snap")).unwrap();
    // A link inside the directory is followed: the file it names is the snapshot.
    std::fs::create_dir(dir.join("kept")).unwrap();
    assert_eq!(bless(&setup.a, &dir).code, 0);
    std::fs::rename(dir.join("s1.snap"), dir.join("kept/s1.snap")).unwrap();
    std::os::unix::fs::symlink("kept/s1.snap", dir.join("s1.snap")).unwrap();
    assert_eq!(compare(&setup.a, &dir).code, 0);
    assert_eq!(bless(&setup.b, &dir).code, 0);
    assert!(dir.join("s1.snap").is_symlink());
    assert!(
        std::fs::read_to_string(dir.join("kept/s1.snap"))
            .unwrap()
            .contains("| unlikely |")
    );
    std::fs::remove_dir_all(&setup.root).unwrap();
}

#[test]
fn a_read_only_directory_is_a_clear_error_and_keeps_its_snapshots() {
    use std::os::unix::fs::PermissionsExt;
    let scenarios = names("s", 2);
    let setup = Setup::new("read-only", &rules(&scenarios, 0), &rules(&scenarios, 1));
    let dir = setup.snapshots();
    assert_eq!(bless(&setup.a, &dir).code, 0);
    let before = contents(&dir);
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    let privileged = std::fs::write(dir.join("probe"), "").is_ok();
    if privileged {
        // Permissions do not bind this user (root): a directory no one may write in.
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        std::fs::remove_file(dir.join("probe")).unwrap();
        let proc = Path::new("/proc/self");
        let run = bless(&setup.a, proc);
        assert_reported(&run, "augur::snapshot::io", "cannot write");
    } else {
        // Matching snapshots need no write: a read-only directory passes.
        let same = compare(&setup.a, &dir);
        assert_eq!(same.code, 0, "{}{}", same.stdout, same.stderr);
        for run in [bless(&setup.b, &dir), compare(&setup.b, &dir)] {
            assert_reported(&run, "augur::snapshot::io", "Permission denied");
            assert!(run.stderr.contains("make it writable"), "{}", run.stderr);
            assert_eq!(contents(&dir), before);
        }
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    std::fs::remove_dir_all(&setup.root).unwrap();
}

/// A generator of kill delays: xorshift, seeded from the clock; a failure names its seed,
/// to replay it with `AUGUR_KILL_SEED`.
struct Rng(u64);

impl Rng {
    fn new() -> Self {
        let seed = std::env::var("AUGUR_KILL_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap()
                    .as_nanos() as u64
                    | 1
            });
        Rng(seed)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

fn spawn_bless(rules: &Path, dir: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_augur"))
        .args(["test", rules.to_str().unwrap(), "--snapshot"])
        .arg(dir)
        .arg("--bless")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// The snapshots a complete bless of `rules` writes, by file name.
fn blessed(rules: &Path, root: &Path, name: &str) -> Vec<(String, String)> {
    let dir = root.join(name);
    assert_eq!(bless(rules, &dir).code, 0);
    contents(&dir)
}

#[test]
fn a_bless_killed_at_any_moment_leaves_only_whole_snapshots() {
    let scenarios = names("s", 12);
    let setup = Setup::new("killed", &rules(&scenarios, 0), &rules(&scenarios, 1));
    let (a, b) = (
        blessed(&setup.a, &setup.root, "whole-a"),
        blessed(&setup.b, &setup.root, "whole-b"),
    );
    let dir = setup.snapshots();
    let mut rng = Rng::new();
    let seed = rng.0;
    let mut killed = 0;
    for round in 0..300 {
        let rules = if round % 2 == 0 { &setup.a } else { &setup.b };
        let mut child = spawn_bless(rules, &dir);
        std::thread::sleep(Duration::from_micros(rng.below(30_000)));
        if child.try_wait().unwrap().is_none() {
            killed += 1;
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        if !dir.exists() {
            continue;
        }
        for (name, bytes) in contents(&dir) {
            if name.ends_with(".tmp") {
                continue;
            }
            let whole = [&a, &b]
                .iter()
                .any(|v| v.iter().any(|(n, t)| *n == name && *t == bytes));
            assert!(
                whole,
                "AUGUR_KILL_SEED={seed}, round {round}: {name} is torn, empty or partial: {bytes:?}"
            );
        }
    }
    assert!(killed > 50, "only {killed} runs were killed mid-way");
    // The next bless cleans whatever temporaries the kills left, and names them.
    let last = bless(&setup.a, &dir);
    assert_eq!(last.code, 0, "{}", last.stderr);
    assert_eq!(contents(&dir), a);
    std::fs::remove_dir_all(&setup.root).unwrap();
}

#[test]
fn two_concurrent_blesses_leave_one_whole_result() {
    // Different scenarios as well as different texts: a mixture would show.
    let (sa, sb) = (names("s", 12), [names("s", 8), names("u", 4)].concat());
    let setup = Setup::new("concurrent", &rules(&sa, 0), &rules(&sb, 1));
    let (a, b) = (
        blessed(&setup.a, &setup.root, "whole-a"),
        blessed(&setup.b, &setup.root, "whole-b"),
    );
    let dir = setup.snapshots();
    for round in 0..20 {
        let mut first = spawn_bless(&setup.a, &dir);
        let mut second = spawn_bless(&setup.b, &dir);
        assert!(first.wait().unwrap().success());
        assert!(second.wait().unwrap().success());
        let now = contents(&dir);
        assert!(now == a || now == b, "round {round}: a mixture: {:?}", {
            now.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>()
        });
    }
    std::fs::remove_dir_all(&setup.root).unwrap();
}

#[test]
fn bless_names_a_few_of_the_files_it_leaves_alone_and_counts_the_rest() {
    let scenarios = names("s", 1);
    let setup = Setup::new("left-alone", &rules(&scenarios, 0), "");
    let dir = setup.snapshots();
    let named = 5;
    for n in [named - 1, named, named + 1] {
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let mut files = Vec::new();
        for k in 0..n {
            let file = dir.join(format!("insta__{k}.snap"));
            std::fs::write(&file, INSTA).unwrap();
            files.push(file.display().to_string());
        }
        let run = bless(&setup.a, &dir);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let shown = files[..n.min(named)].join(", ");
        let more = if n > named { " and 1 more" } else { "" };
        assert!(
            run.stdout.contains(&format!(
                "left alone {n} `.snap` files augur did not write: {shown}{more}\n"
            )),
            "{n}: {}",
            run.stdout
        );
        let d = dir.to_str().unwrap();
        let (v, _) = common::json(&[
            "test",
            setup.a.to_str().unwrap(),
            "--snapshot",
            d,
            "--bless",
        ]);
        let left: Vec<&str> = v["snapshots"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["status"] == "left_alone")
            .map(|s| s["file"].as_str().unwrap())
            .collect();
        assert_eq!(left, files);
        assert_eq!(contents(&dir).len(), n + 1);
    }
    std::fs::remove_dir_all(&setup.root).unwrap();
}
