//! Hostile text (issue #10, D10, D11, D17): names, strings, quotes, test names and file
//! names holding control characters, escape sequences, bidi overrides or zero-width
//! characters never reach a terminal raw, never break a TAP, JUnit or JSON stream, and are
//! shown in a form the language reads back.

#![expect(
    clippy::unwrap_used,
    reason = "helpers of tests: a failed unwrap fails the test"
)]

mod common;

use std::path::{Path, PathBuf};

use augur::escape::is_hidden;
use common::{Run, augur, temp_dir};

const ESC: &str = "tests/data/repro/esc.augur";
const TAPINJ: &str = "tests/data/repro/tapinj.augur";

/// A program with every kind of hidden character in every place user text can go: a
/// document title, string constants, quotes, test names. Bidi controls are written as
/// escapes (the lexer rejects them raw); the rest are raw.
const HOSTILE: &str = "document d \"T\u{1b}]0;pwned\u{7}itle\"
fact \"\u{1b}[31mRED\u{1b}[0m\" q b cite d \"evil \u{1b}[2J\u{1b}[H quote \r over \u{9b}31m \u{7f} \u{200b}\u{200d}\u{2060}\u{feff} \\u{202e}\\u{2066}\"
rule r: ?x q b implies ?x z b cite d \"x\u{1b}[8mhidden\"
conflict boom { when ?x z b cite d \"\u{1b}[5mblink\" }
scenario default {}
scenario other { assume \"zw\u{200b}\" q b }
test \"fails\\nok 1 - all good\\n1..1\\n# TODO\" in default { expect b p }
test \"t\u{1b}[2J\u{85}\" in other { expect \"\\u{202e}\" z b }
";

/// The hostile program in a folder whose file name holds an escape sequence and a bidi
/// override too.
fn hostile_file(tag: &str) -> PathBuf {
    let dir = temp_dir(tag);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("evil\u{1b}[2J\u{202e}name.augur");
    std::fs::write(&path, HOSTILE).unwrap();
    path
}

/// Every hidden character of `text` but the line breaks that lay it out.
fn raw_hidden(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| c != '\n' && is_hidden(c))
        .collect()
}

fn assert_safe(what: &str, run: &Run) {
    for (stream, text) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
        let raw = raw_hidden(text);
        assert!(
            raw.is_empty(),
            "{what}: {stream} prints {raw:?} raw:\n{text}"
        );
    }
}

fn path_str(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn no_command_prints_a_hidden_character_raw() {
    let file = hostile_file("hostile-text");
    let f = path_str(&file);
    let red = "\"\\u{1b}[31mRED\\u{1b}[0m\" z b";
    let commands: Vec<Vec<&str>> = vec![
        vec!["check", f],
        vec!["run", "--all", f],
        vec!["run", "--scenario", "\u{1b}[2Jnowhere", f],
        vec!["why", red, f],
        vec!["why", "--all-proofs", red, f],
        vec!["why", "\"\u{1b}[2J\" z b", f],
        vec!["why-not", "\"\\u{1b}[31mRED\\u{1b}[0m\" z c", f],
        vec!["why-not", "\"zw\\u{200b}\" z b", "--scenario", "default", f],
        vec!["diff", "default", "other", "--explain", f],
        vec!["test", f],
        vec!["test", "--list", f],
        vec!["test", "--format", "tap", f],
        vec!["test", "--format", "junit", f],
        vec!["run", ESC],
        vec!["test", TAPINJ],
    ];
    for args in commands {
        let run = augur(&args);
        assert_safe(&args.join(" "), &run);
        assert!(!run.stdout.is_empty() || !run.stderr.is_empty(), "{args:?}");
    }
}

#[test]
fn a_diagnostic_snippet_shows_hidden_characters_visibly_and_in_place() {
    let dir = temp_dir("hostile-snippet");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("snip\u{1b}.augur");
    std::fs::write(&path, "fact \"\u{1b}[2J\u{200b}\" q b\nfact a p }\n").unwrap();
    let run = augur(&["check", path_str(&path)]);
    assert_eq!(run.code, 2);
    assert_safe("check", &run);
    // Each hidden character keeps its width, so the label still points under the `}`.
    assert!(
        run.stderr.contains("fact \"?[2J\u{fffd}\" q b"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("snip\\u{1b}.augur:2:10"),
        "{}",
        run.stderr
    );
}

/// D10: a newline in a test name must not forge test points, nor `#` a directive.
#[test]
fn a_test_name_cannot_forge_tap_lines_or_directives() {
    let run = augur(&["test", "--format", "tap", TAPINJ]);
    assert_eq!(run.code, 1);
    let points: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("ok ") || l.starts_with("not ok ") || l.starts_with("1.."))
        .collect();
    assert_eq!(
        points,
        ["1..1", "not ok 1 - fails\\nok 1 - all good\\n1..1\\n\\#"],
        "{}",
        run.stdout
    );
    let file = hostile_file("hostile-tap");
    let run = augur(&["test", "--format", "tap", path_str(&file)]);
    let first = run.stdout.lines().nth(2).unwrap();
    assert_eq!(
        first,
        "not ok 1 - fails\\nok 1 - all good\\n1..1\\n\\# TODO"
    );
    assert!(
        run.stdout.ends_with("# 0 passed, 2 failed\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn junit_is_xml_one_point_zero_with_every_name_visible() {
    use quick_xml::Reader;
    use quick_xml::events::Event;
    let file = hostile_file("hostile-junit");
    let run = augur(&["test", "--format", "junit", path_str(&file)]);
    // XML 1.0 allows no C0 control but tab and line breaks, not even as a reference.
    assert!(!run.stdout.contains("&#"), "{}", run.stdout);
    assert!(
        !run.stdout.chars().any(|c| c < ' ' && !"\n\t".contains(c)),
        "{}",
        run.stdout
    );
    let mut reader = Reader::from_str(&run.stdout);
    let mut names = Vec::new();
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == b"testcase" => {
                let name = e.try_get_attribute("name").unwrap().unwrap();
                names.push(name.unescape_value().unwrap().into_owned());
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(
        names,
        [
            "fails\\nok 1 - all good\\n1..1\\n# TODO",
            "t\\u{1b}[2J\\u{85}"
        ]
    );
}

/// D11: every JSON output, diagnostics included, parses, whatever the names and text hold.
#[test]
fn json_output_and_diagnostics_stay_valid_json() {
    let file = hostile_file("hostile-json");
    let f = path_str(&file);
    let broken = file.with_file_name("broken\u{1}\u{1b}[2J\u{202e}.augur");
    std::fs::write(&broken, "fact \"\u{1b}\u{0}\" q b\n\u{1b}[2J }\n").unwrap();
    let b = path_str(&broken);
    let red = "\"\\u{1b}[31mRED\\u{1b}[0m\" z b";
    let commands: Vec<Vec<&str>> = vec![
        vec!["check", f],
        vec!["check", b],
        vec!["run", b],
        vec!["why", red, b],
        vec!["run", "--all", f],
        vec!["run", "--scenario", "\u{1b}nowhere", f],
        vec!["why", red, f],
        vec!["why", "\"\u{1}\u{1b}\" q b", f],
        vec!["why-not", "\"zw\\u{200b}\" z b", "--scenario", "default", f],
        vec!["diff", "default", "other", f],
        vec!["test", f],
        vec!["test", "--list", f],
    ];
    for args in commands {
        let mut all = vec!["--format", "json"];
        all.extend_from_slice(&args);
        let run = augur(&all);
        for (stream, text) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
            for line in serde_json::Deserializer::from_str(text).into_iter::<serde_json::Value>() {
                if let Err(e) = line {
                    panic!("{args:?}: {stream} is not JSON ({e}):\n{text}");
                }
            }
        }
        assert!(!run.stdout.is_empty() || !run.stderr.is_empty(), "{args:?}");
    }
}

/// D17: the atom `run` prints is one `why` reads back, whatever its strings hold.
#[test]
fn shown_atoms_read_back_on_the_command_line() {
    let file = hostile_file("hostile-roundtrip");
    let f = path_str(&file);
    let (v, code) = common::json(&["run", "--all", f]);
    assert_eq!(code, 0);
    let mut atoms = Vec::new();
    for s in v["scenarios"].as_array().unwrap() {
        for c in s["conclusions"].as_array().unwrap() {
            let atom = c["atom"].as_str().unwrap().to_owned();
            atoms.push((s["name"].as_str().unwrap().to_owned(), atom));
        }
    }
    assert_eq!(atoms.len(), 3, "{v}");
    for (scenario, atom) in atoms {
        assert!(raw_hidden(&atom).is_empty(), "{atom:?}");
        let run = augur(&["why", &atom, "--scenario", &scenario, f]);
        assert_eq!(run.code, 0, "{atom}: {}", run.stderr);
        assert!(
            run.stdout.starts_with(&format!("{atom} [certain]\n")),
            "{}",
            run.stdout
        );
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 16, ..Default::default() })]

    /// Any text in a string constant, a quote and a test name: nothing hidden is printed
    /// raw, and the atom `run` prints reads back.
    #[test]
    fn any_text_is_shown_safely_and_reads_back(
        text in "([a-z \"\\\\]|\\p{Cc}|\\p{Cf}|[\u{85}\u{2028}\u{2029}\u{ad}\u{61c}])*",
    ) {
        let shown = augur::escape::quoted(&text);
        let program = format!(
            "document d \"T\"\nfact {shown} q b cite d {shown}\nrule r: ?x q b implies ?x z b\ntest {shown} in default {{ expect not {shown} z b }}\n"
        );
        let dir = temp_dir("hostile-prop");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("p.augur");
        std::fs::write(&path, program).unwrap();
        let f = path_str(&path);
        let atom = format!("{shown} z b");
        for args in [
            vec!["run", f],
            vec!["why", &atom, f],
            vec!["test", f],
            vec!["test", "--format", "tap", f],
        ] {
            let run = augur(&args);
            assert_safe(&args.join(" "), &run);
            proptest::prop_assert!(run.stdout.contains(&atom), "{args:?}: {}", run.stdout);
        }
    }
}
