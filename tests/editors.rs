//! The VS Code extension (editors/vscode) names augur's language as src/syntax does: its
//! TextMate grammar is JSON, colours every keyword and likelihood, and never takes a
//! keyword for a name, and on the rule files it gives each name the role the tree-sitter
//! grammar gives it (predicate, constant, rule, scenario, document); its manifest wires the
//! grammar, the language configuration and `augur lsp` together.
//! (editors/vscode/test/grammar.test.js tokenizes the rule files with the grammar; .ci/run
//! runs it.)

#![expect(
    clippy::unwrap_used,
    reason = "a test: a file that cannot be read or parsed fails it"
)]

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

use augur::Likelihood;
use augur::syntax::keywords;
use serde_json::Value;

const DIR: &str = "editors/vscode";

fn json(path: &str) -> Value {
    let text = std::fs::read_to_string(format!("{DIR}/{path}")).unwrap();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn reserved() -> BTreeSet<String> {
    keywords::reserved().map(str::to_owned).collect()
}

/// The words of every `\b(?:a|b|c)\b` alternation in `regex`.
fn alternatives(regex: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for piece in regex.split("\\b(?:").skip(1) {
        let group = piece.split(')').next().unwrap();
        out.extend(group.split('|').map(str::to_owned));
    }
    out
}

#[test]
fn the_textmate_grammar_colours_every_keyword() {
    let grammar = json("syntaxes/augur.tmLanguage.json");
    assert_eq!(grammar["scopeName"], "source.augur");
    let repository = &grammar["repository"];
    let mut coloured = alternatives(repository["likelihood"]["match"].as_str().unwrap());
    let levels: BTreeSet<String> = Likelihood::ALL
        .iter()
        .map(|l| l.keyword().to_owned())
        .collect();
    assert_eq!(coloured, levels, "the likelihood words");
    for pattern in repository["keyword"]["patterns"].as_array().unwrap() {
        coloured.extend(alternatives(pattern["match"].as_str().unwrap()));
    }
    let mut words = reserved();
    words.extend(["most", "probability"].map(str::to_owned));
    assert_eq!(
        coloured, words,
        "the words coloured as keywords or likelihoods"
    );
}

#[test]
fn a_name_is_never_a_keyword() {
    let grammar = json("syntaxes/augur.tmLanguage.json");
    let patterns = grammar["repository"]["term"]["patterns"]
        .as_array()
        .unwrap();
    let name = patterns
        .iter()
        .find(|p| p["name"] == "constant.other.augur")
        .unwrap()["match"]
        .as_str()
        .unwrap();
    let excluded = name
        .strip_prefix("(?!")
        .map(alternatives)
        .unwrap_or_default();
    assert_eq!(excluded, reserved(), "the words a name may not be: {name}");
}

#[test]
fn the_manifest_wires_grammar_configuration_and_server() {
    let manifest = json("package.json");
    let contributes = &manifest["contributes"];
    let language = &contributes["languages"][0];
    assert_eq!(language["id"], "augur");
    assert_eq!(language["extensions"], serde_json::json!([".augur"]));
    let grammar = &contributes["grammars"][0];
    assert_eq!(grammar["scopeName"], "source.augur");
    for path in [
        grammar["path"].as_str().unwrap(),
        language["configuration"].as_str().unwrap(),
        contributes["snippets"][0]["path"].as_str().unwrap(),
        manifest["main"].as_str().unwrap(),
    ] {
        assert!(
            std::path::Path::new(DIR).join(path).is_file(),
            "package.json names {path}, which is not there"
        );
    }
    let path = &contributes["configuration"]["properties"]["augur.path"];
    assert_eq!(path["default"], "augur");
    let client = std::fs::read_to_string(format!("{DIR}/extension.js")).unwrap();
    assert!(
        client.contains("args: ['lsp']"),
        "the client starts `augur lsp`"
    );

    let configuration = json(language["configuration"].as_str().unwrap());
    assert_eq!(configuration["comments"]["lineComment"], "#");
    let brackets: Vec<String> = configuration["brackets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|pair| format!("{}{}", pair[0].as_str().unwrap(), pair[1].as_str().unwrap()))
        .collect();
    assert_eq!(brackets, ["{}", "[]", "()"]);
    let quotes = configuration["autoClosingPairs"]
        .as_array()
        .unwrap()
        .iter()
        .any(|pair| pair["open"] == "\"" && pair["close"] == "\"");
    assert!(quotes, "quotes close themselves");
}

/// The scope the TextMate grammar must give an identifier, by the tree-sitter node that
/// holds it and the field it fills there.
fn role(parent: &str, field: &str) -> Option<&'static str> {
    Some(match (parent, field) {
        ("atom", "predicate") => "entity.name.function.predicate.augur",
        ("atom", "subject" | "object" | "argument") => "constant.other.augur",
        ("rule" | "conflict" | "tension", "name") | ("expect", "conflict") => {
            "entity.name.function.rule.augur"
        }
        ("scenario", "name" | "parent") | ("test", "scenario") => "entity.name.type.scenario.augur",
        ("document", "name") | ("cite", "document") => "entity.name.namespace.document.augur",
        ("choice", "name") => "entity.name.label.choice.augur",
        _ => return None,
    })
}

/// Tokens of each file as scripts/scopes.js prints them: `(line, start, end) -> scope`.
type Scopes = BTreeMap<String, BTreeMap<(usize, usize, usize), String>>;

/// The TextMate scopes of `files`, from Node; `None` (the check skipped, as `have` says)
/// without Node or the extension's packages.
fn textmate_scopes(files: &[String]) -> Option<Scopes> {
    if !common::have("node", "--version", "nodejs") {
        return None;
    }
    let installed = Path::new(DIR).join("node_modules/vscode-textmate").is_dir();
    if !installed {
        assert!(
            std::env::var_os("AUGUR_REQUIRE_TOOLS").is_none(),
            "run `npm ci` in {DIR} first"
        );
        #[expect(clippy::print_stderr, reason = "a skipped check must say so")]
        {
            eprintln!("skipped: no `npm ci` in {DIR} (set AUGUR_REQUIRE_TOOLS=1 to fail instead)");
        }
        return None;
    }
    let out = Command::new("node")
        .arg(format!("{DIR}/scripts/scopes.js"))
        .args(files)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let raw: BTreeMap<String, Vec<(usize, usize, usize, String)>> =
        serde_json::from_slice(&out.stdout).unwrap();
    Some(
        raw.into_iter()
            .map(|(file, tokens)| {
                let tokens = tokens
                    .into_iter()
                    .map(|(l, s, e, scope)| ((l, s, e), scope));
                (file, tokens.collect())
            })
            .collect(),
    )
}

#[test]
fn textmate_and_tree_sitter_give_each_name_one_role() {
    let mut files: Vec<String> = ["rules", "tests/cases"]
        .into_iter()
        .flat_map(|dir| std::fs::read_dir(dir).unwrap())
        .map(|e| e.unwrap().path().display().to_string())
        .filter(|p| p.ends_with(".augur"))
        .collect();
    files.sort();
    let Some(scopes) = textmate_scopes(&files) else {
        return;
    };
    let mut parser = tree_sitter::Parser::new();
    parser
        .set_language(&tree_sitter_augur::LANGUAGE.into())
        .unwrap();
    let mut checked = BTreeMap::<&str, usize>::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let tree = parser.parse(&text, None).unwrap();
        if tree.root_node().has_error() {
            continue; // a case of a syntax error: roles are for what parses
        }
        let mut cursor = tree.walk();
        let mut more = true;
        while more {
            let node = cursor.node();
            let field = cursor.field_name();
            if let (Some(field), Some(parent)) = (field, node.parent())
                && node.kind() == "identifier"
                && let Some(want) = role(parent.kind(), field)
            {
                let at = node.start_position();
                let key = (at.row, at.column, at.column + node.byte_range().len());
                let got = scopes[file].get(&key);
                assert_eq!(
                    got.map(String::as_str),
                    Some(want),
                    "{file}:{}:{} `{}` ({} of {})",
                    at.row + 1,
                    at.column + 1,
                    &text[node.byte_range()],
                    field,
                    parent.kind()
                );
                *checked.entry(want).or_default() += 1;
            }
            more = cursor.goto_first_child() || cursor.goto_next_sibling() || {
                loop {
                    if !cursor.goto_parent() {
                        break false;
                    }
                    if cursor.goto_next_sibling() {
                        break true;
                    }
                }
            };
        }
    }
    // Every role occurs in the rules and cases (a choice name in choice-mismatch-err), so
    // none of the checks is vacuous.
    assert_eq!(checked.len(), 6, "{checked:?}");
    assert!(checked.values().sum::<usize>() > 1_000, "{checked:?}");
}

/// A snippet body as VS Code inserts it when each placeholder keeps its default text (a
/// choice its first option, a tab stop nothing).
fn expand(body: &str) -> String {
    let mut out = String::new();
    let mut rest = body;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        rest = &rest[at + 1..];
        if let Some(inner) = rest.strip_prefix('{') {
            let end = inner.find('}').unwrap();
            let (_, default) = inner[..end].split_once([':', '|']).unwrap();
            out.push_str(default.split([',', '|']).next().unwrap());
            rest = &inner[end + 1..];
        } else {
            rest = rest.trim_start_matches(|c: char| c.is_ascii_digit());
        }
    }
    out + rest
}

#[test]
fn every_snippet_expands_to_a_declaration_augur_parses() {
    let manifest = json("package.json");
    let path = manifest["contributes"]["snippets"][0]["path"]
        .as_str()
        .unwrap();
    let snippets = json(path);
    let mut starts = BTreeSet::new();
    for (name, snippet) in snippets.as_object().unwrap() {
        let body: Vec<&str> = snippet["body"]
            .as_array()
            .unwrap()
            .iter()
            .map(|line| line.as_str().unwrap())
            .collect();
        let text = expand(&body.join("\n"));
        let source = augur::source::SourceFile::new("snippet.augur", text.as_str());
        let (file, errors) = augur::syntax::parse_file(augur::source::FileId(0), &source);
        assert!(errors.is_empty(), "snippet {name}:\n{text}\n{errors:?}");
        assert_eq!(
            file.items.len(),
            1,
            "snippet {name}: one declaration\n{text}"
        );
        starts.insert(text.split(' ').next().unwrap().to_owned());
    }
    let declarations: BTreeSet<String> = keywords::ITEM_STARTS
        .iter()
        .map(|w| (*w).to_owned())
        .collect();
    assert_eq!(
        starts, declarations,
        "a snippet for each kind of declaration"
    );
}
