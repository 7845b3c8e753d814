//! The VS Code extension (editors/vscode) names augur's language as src/syntax does: its
//! TextMate grammar is JSON, colours every keyword and likelihood, and never takes a
//! keyword for a name; its manifest wires the grammar, the language configuration and
//! `augur lsp` together. (editors/vscode/test/grammar.test.js tokenizes the rule files
//! with the grammar; .ci/run runs it.)

#![expect(
    clippy::unwrap_used,
    reason = "a test: a file that cannot be read or parsed fails it"
)]

use std::collections::BTreeSet;

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
    words.insert("most".to_owned());
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
