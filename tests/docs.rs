//! The documents' examples name what exists: the atoms and scenarios that `why --help` and
//! docs/LANGUAGE.md use hold in the shipped rules, and every file rules/README.md points at
//! is in the repository.

mod common;

use common::augur;

/// The single-quoted atoms and `--scenario` names of every `augur why` example in `text`.
fn why_examples(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for piece in text.split("augur why '").skip(1) {
        let Some((atom, rest)) = piece.split_once('\'') else {
            continue;
        };
        let scenario = rest
            .trim_start()
            .strip_prefix("--scenario ")
            .and_then(|r| {
                r.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .next()
            })
            .unwrap_or_default();
        out.push((atom.to_owned(), scenario.to_owned()));
    }
    out
}

#[test]
fn language_md_why_examples_hold_in_the_rules() {
    let text = std::fs::read_to_string("docs/LANGUAGE.md").unwrap();
    let examples = why_examples(&text);
    assert!(!examples.is_empty(), "LANGUAGE.md shows `augur why`");
    for (atom, scenario) in examples {
        let run = augur(&["why", &atom, "rules", "--scenario", &scenario]);
        assert_eq!(
            run.code, 0,
            "`{atom}` in {scenario}:\n{}{}",
            run.stdout, run.stderr
        );
    }
}

#[test]
fn why_help_example_atom_holds_in_the_rules() {
    let help = augur(&["why", "--help"]).stdout;
    let atom = help
        .split("e.g. '")
        .nth(1)
        .and_then(|r| r.split('\'').next())
        .map(|a| a.split_whitespace().collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|| panic!("an example atom in:\n{help}"));
    let run = augur(&["why", &atom, "rules", "--scenario", "trump_isolationist"]);
    assert_eq!(run.code, 0, "`{atom}`:\n{}{}", run.stdout, run.stderr);
}

#[test]
fn language_md_intervention_example_runs_on_the_rules() {
    let text = std::fs::read_to_string("docs/LANGUAGE.md").unwrap();
    let block = text
        .split("```augur\n")
        .filter_map(|b| b.split("```").next())
        .find(|b| b.contains("assume not"))
        .expect("an `assume not` example");
    let dir = std::env::temp_dir().join(format!("augur-docs-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let example = dir.join("example.augur");
    std::fs::write(&example, block).unwrap();
    let run = augur(&[
        "check",
        "rules",
        example.to_str().unwrap(),
        "--deny-warnings",
    ]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(run.code, 0, "{block}\n{}{}", run.stdout, run.stderr);
}

#[test]
fn rules_readme_points_only_at_files_in_the_repository() {
    let text = std::fs::read_to_string("rules/README.md").unwrap();
    for quoted in text.split('`').skip(1).step_by(2) {
        let looks_like_path = quoted.ends_with(".augur")
            || quoted.ends_with(".md")
            || (quoted.ends_with('/') && !quoted.contains(' '));
        if !looks_like_path {
            continue;
        }
        let found = ["rules", "."]
            .iter()
            .any(|base| std::path::Path::new(base).join(quoted).exists());
        assert!(
            found,
            "rules/README.md names `{quoted}`, which a clone lacks"
        );
    }
}
