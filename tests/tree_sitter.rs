//! The tree-sitter grammar (editors/tree-sitter-augur) against augur's own parser: every
//! rule file of the repository, every ```augur block of the docs and generated programs
//! parse with no ERROR or MISSING node and into the same declarations, in the same order;
//! the syntax errors it can see are errors there too; its reserved words are augur's
//! keywords; and its highlight and fold queries compile and colour every keyword and name.

#![expect(
    clippy::unwrap_used,
    reason = "a test: a file that cannot be read or parsed fails it"
)]

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use augur::Likelihood;
use augur::source::{FileId, SourceFile};
use augur::syntax::ast::{ConflictKind, Item};
use augur::syntax::keywords;
use augur::syntax::{SyntaxKind, parse_file};
use proptest::prelude::*;
use tree_sitter::{Node, Parser, StreamingIterator, Tree};

fn language() -> tree_sitter::Language {
    tree_sitter_augur::LANGUAGE.into()
}

fn ts_parse(text: &str) -> Tree {
    let mut parser = Parser::new();
    parser.set_language(&language()).unwrap();
    parser.parse(text, None).unwrap()
}

/// Every node of `tree`, in document order (a cursor walk: no recursion).
fn nodes(tree: &Tree) -> Vec<Node<'_>> {
    let mut out = Vec::new();
    let mut cursor = tree.walk();
    loop {
        out.push(cursor.node());
        if cursor.goto_first_child() {
            continue;
        }
        while !cursor.goto_next_sibling() {
            if !cursor.goto_parent() {
                return out;
            }
        }
    }
}

/// The ERROR and MISSING nodes of `tree`, each as `line:column kind`.
fn ts_errors(tree: &Tree) -> Vec<String> {
    nodes(tree)
        .into_iter()
        .filter(|n| n.is_error() || n.is_missing())
        .map(|n| {
            let at = n.start_position();
            let what = if n.is_missing() { "MISSING" } else { "ERROR" };
            format!("{}:{} {what} {}", at.row + 1, at.column + 1, n.kind())
        })
        .collect()
}

/// The node kind tree-sitter gives an item augur parsed.
fn item_kind(item: &Item) -> &'static str {
    match item {
        Item::Document(_) => "document",
        Item::Fact(_) => "fact",
        Item::Assumable(_) => "assumable",
        Item::Assume(_) => "assume",
        Item::Rule(_) => "rule",
        Item::Conflict(c) if c.kind == ConflictKind::Tension => "tension",
        Item::Conflict(_) => "conflict",
        Item::Scenario(_) => "scenario",
        Item::Test(_) => "test",
        Item::Open(_) => "open",
        Item::Indicator(_) => "indicator",
        Item::Observed(_) => "observed",
    }
}

/// Syntax errors tree-sitter cannot see: limits on lengths and numbers, a probability out of
/// [0, 1] or past its digits, and escapes that name no Unicode scalar value.
fn invisible(kind: &SyntaxKind) -> bool {
    matches!(
        kind,
        SyntaxKind::LineTooLong { .. }
            | SyntaxKind::NameTooLong
            | SyntaxKind::StringTooLong
            | SyntaxKind::Number
            | SyntaxKind::String
            | SyntaxKind::Probability(_)
            | SyntaxKind::TooManyErrors
    )
}

/// What the two parsers made of `text`: `Ok(number of declarations)` when both accept it
/// and agree, `Err(true)` when both reject it, `Err(false)` when augur rejects it for a
/// reason tree-sitter cannot see. Panics, naming `name`, where they disagree.
fn agree(name: &str, text: &str) -> Result<usize, bool> {
    let (file, errors) = parse_file(FileId(0), &SourceFile::new(name, text));
    let tree = ts_parse(text);
    let ts = ts_errors(&tree);
    if !errors.is_empty() {
        let visible = errors.iter().any(|e| !invisible(&e.kind));
        assert!(
            !visible || !ts.is_empty(),
            "{name}: augur finds {:?}, tree-sitter no error",
            errors.iter().map(|e| e.kind.code()).collect::<Vec<_>>()
        );
        return Err(visible);
    }
    assert!(
        ts.is_empty(),
        "{name}: augur parses it, tree-sitter finds {ts:?}"
    );
    let root = tree.root_node();
    let mut cursor = root.walk();
    let ts_items: Vec<&str> = root
        .named_children(&mut cursor)
        .map(|n| n.kind())
        .filter(|&k| k != "comment")
        .collect();
    let augur_items: Vec<&str> = file.items.iter().map(item_kind).collect();
    assert_eq!(ts_items, augur_items, "{name}: the declarations differ");
    Ok(augur_items.len())
}

fn augur_files(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "augur"))
        .collect();
    files.sort();
    files
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn the_rules_parse_as_augur_parses_them() {
    let files = augur_files("rules");
    assert!(files.len() >= 10, "rules/ holds the shipped rule base");
    let mut declarations = 0;
    let mut kinds = BTreeSet::new();
    for path in &files {
        let text = read(path);
        declarations += agree(&path.display().to_string(), &text).unwrap();
        kinds.extend(nodes(&ts_parse(&text)).iter().map(|n| n.kind().to_owned()));
    }
    assert!(
        declarations > 150,
        "only {declarations} declarations in rules/"
    );
    // The shipped rules use most constructs (`every_construct_and_keyword_parses` has the
    // rest), so a grammar that lost one would show here.
    for kind in [
        "document",
        "fact",
        "assume",
        "open",
        "rule",
        "rule_block",
        "conflict",
        "tension",
        "scenario",
        "test",
        "expect",
        "bound",
        "indicator",
        "premises",
        "literal",
        "conclusions",
        "cite",
        "level",
        "likelihood",
        "atom",
        "identifier",
        "variable",
        "string",
        "comment",
    ] {
        assert!(kinds.contains(kind), "no `{kind}` node in rules/");
    }
}

#[test]
fn the_diagnostic_cases_parse_as_augur_parses_them() {
    let files = augur_files("tests/cases");
    assert!(files.len() >= 50, "tests/cases holds the diagnostic cases");
    let (mut clean, mut both_reject) = (0, 0);
    for path in &files {
        match agree(&path.display().to_string(), &read(path)) {
            Ok(_) => clean += 1,
            Err(true) => both_reject += 1,
            Err(false) => {}
        }
    }
    // Most cases are errors of the checker, on files that parse; a dozen are syntax errors.
    assert!(clean >= 30, "{clean} cases parse");
    assert!(
        both_reject >= 10,
        "{both_reject} syntax errors seen by both"
    );
}

#[test]
fn the_examples_of_the_docs_parse_as_augur_parses_them() {
    let mut blocks = 0;
    let mut kinds = BTreeSet::new();
    for doc in ["README.md", "docs/LANGUAGE.md"] {
        let text = read(Path::new(doc));
        for (i, block) in text.split("```augur\n").skip(1).enumerate() {
            let code = block.split("```").next().unwrap();
            let name = format!("{doc}, ```augur block {}", i + 1);
            if agree(&name, code).is_ok() {
                blocks += 1;
                kinds.extend(nodes(&ts_parse(code)).iter().map(|n| n.kind().to_owned()));
            }
        }
    }
    assert!(blocks >= 6, "{blocks} ```augur blocks parse");
    assert!(kinds.contains("rule_line"), "the docs show a one-line rule");
}

/// One program with every construct of the language and every keyword.
const EVERY_CONSTRUCT: &str = r#"
# a comment, and one at the end of a line
document seed "A \"title\" \u{1b}\n\t\\" file "seed.txt"
fact a p b [likely] cite seed "q" cite seed "r"
fact p(a, -3, "s", 2017) very_unlikely
assumable ?x q
assume a q unlikely
assume not b q
open c q when a p b and not d q, a q cite seed "q"
indicator ?x r c cite seed "q"
observed not c r c almost_no_chance cite seed "q"
observed b r c [almost_certain]
rule block { when a p ?y, not d q then ?y s, e s and f s even_chance cite seed "q" }
rule line: a q and a p ?y implies g s very_likely
rule pair { when a q then h s [0.72] choice twin cite seed "q" }
rule twin: a q implies i s 72% choice twin
fact j s 72.5%
fact k s [1.0]
conflict clash { when e s and f s cite seed "q" }
tension trade { when e s, g s }
scenario s0 { }
scenario s1 extends s0 { assume e q certain assume not d q }
test "all" in s1 {
  expect conflict clash
  expect not tension trade
  expect not d q
  expect open c q
  expect e s at least unlikely
  expect e s at most [almost_certain]
  expect g s exactly very_likely
  expect h s with probability at least 0.5
  expect i s with probability at most 90%
  expect h(1)  # h(1) holds nowhere
}
"#;

#[test]
fn every_construct_and_keyword_parses() {
    let (file, errors) = parse_file(FileId(0), &SourceFile::new("every.augur", EVERY_CONSTRUCT));
    assert!(
        errors.is_empty(),
        "augur rejects EVERY_CONSTRUCT: {errors:?}"
    );
    assert_eq!(agree("every.augur", EVERY_CONSTRUCT), Ok(file.items.len()));
    let tree = ts_parse(EVERY_CONSTRUCT);
    let kinds: BTreeSet<&str> = nodes(&tree).iter().map(|n| n.kind()).collect();
    let types: serde_json::Value = serde_json::from_str(tree_sitter_augur::NODE_TYPES).unwrap();
    for node_type in types.as_array().unwrap() {
        let kind = node_type["type"].as_str().unwrap();
        if node_type["named"] == true || kind.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
            assert!(kinds.contains(kind), "no `{kind}` in EVERY_CONSTRUCT");
        }
    }
    for word in keywords() {
        assert!(
            kinds.contains(word.as_str()),
            "no `{word}` in EVERY_CONSTRUCT"
        );
    }
}

#[test]
fn syntax_errors_are_errors() {
    for text in [
        "rule open: a b implies c d",            // a keyword as a name
        "fact Lula leads brazil",                // a capital
        "fact china",                            // no predicate
        "fact a raised policy rate",             // a fourth word
        "rule r { when a b c d then e f }",      // a fourth word in a premise
        "rule r: when a b then c d",             // the block form's words on one line
        "rule r: a b implies not c d",           // a negated conclusion
        "fact a b [probable]",                   // not a likelihood
        "assume not a b likely",                 // a likelihood on an intervention
        "test \"t\" in s { expect a b likely }", // a likelihood without `at least`
        "test \"t\" s { expect a b }",           // no `in`
        "document seed \"Title",                 // an unclosed string
        "fact a b cite d \"\\q\"",               // an unknown escape
        "fact a\u{200b}b c",                     // a zero-width space
        "# \u{202e} reversed\nfact a b",         // a bidi control in a comment
        "fact a b cite d \"\u{2066}\"",          // and in a string
        "scenario { }",                          // no name
        "}}} fact a b",                          // no declaration
        "fact p(a) 1",                           // an integer as a likelihood
        "fact a b [0.]",                         // a point without decimals
        "rule r: a b implies c d choice",        // a choice without its name
        "rule r: a b implies c d choice with",   // a keyword as its name
        "test \"t\" in s { expect a b with probability 0.5 }", // no `at least`
        "test \"t\" in s { expect a b with probability at least likely }", // a keyword level
    ] {
        let (_, errors) = parse_file(FileId(0), &SourceFile::new("t.augur", text));
        assert!(!errors.is_empty(), "augur accepts {text:?}");
        let tree = ts_parse(text);
        assert!(
            !ts_errors(&tree).is_empty(),
            "tree-sitter accepts {text:?}: {}",
            tree.root_node().to_sexp()
        );
    }
}

/// The words read as keywords only in their place (after `at`, after `with`): not reserved.
const CONTEXTUAL: [&str; 2] = ["most", "probability"];

/// The reserved words of augur's language.
fn keywords() -> BTreeSet<String> {
    keywords::reserved().map(str::to_owned).collect()
}

#[test]
fn the_grammar_reserves_exactly_augurs_keywords() {
    let grammar: serde_json::Value = serde_json::from_str(tree_sitter_augur::GRAMMAR_JSON).unwrap();
    let reserved: BTreeSet<String> = grammar["reserved"]["global"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["value"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        reserved,
        keywords(),
        "reserved words: grammar.js against keywords.rs"
    );
    // Every word the grammar spells out is a keyword, or `most` or `probability`.
    let mut words = BTreeSet::new();
    for (name, rule) in grammar["rules"].as_object().unwrap() {
        let _ = name;
        let mut all = Vec::new();
        collect_literals(rule, &mut all);
        words.extend(all);
    }
    let mut expected = keywords();
    expected.extend(CONTEXTUAL.map(str::to_owned));
    assert_eq!(words, expected, "the words grammar.js spells");
    // Each is coloured: a likelihood as `(likelihood)`, any other word by name.
    let query = tree_sitter_augur::HIGHLIGHTS_QUERY;
    for word in &expected {
        let likelihood = Likelihood::from_keyword(word).is_some();
        assert!(
            likelihood || query.contains(&format!("\"{word}\"")),
            "highlights.scm does not name `{word}`"
        );
    }
}

/// The lowercase words of the STRING members of a grammar.json rule.
fn collect_literals(rule: &serde_json::Value, out: &mut Vec<String>) {
    if rule["type"] == "STRING" {
        let value = rule["value"].as_str().unwrap();
        if value.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
            out.push(value.to_owned());
        }
        return;
    }
    for key in ["members", "content"] {
        match &rule[key] {
            serde_json::Value::Array(members) => {
                members.iter().for_each(|m| collect_literals(m, out));
            }
            content @ serde_json::Value::Object(_) => collect_literals(content, out),
            _ => {}
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// The programs the other property tests generate, scenarios and tests included.
    #[test]
    fn generated_programs_parse_as_augur_parses_them(p in common::programs::arb_prog()) {
        let text = p.text_with_scenarios();
        prop_assert!(agree("generated.augur", &text).is_ok());
    }
}

#[test]
fn the_generated_parser_is_of_this_grammar_js() {
    // Each rule grammar.js defines (`    name: $ =>` under `rules: {`) is in
    // src/grammar.json, which `tree-sitter generate` writes with src/parser.c: a rule added
    // or removed without generating again shows here.
    let source = read(Path::new("editors/tree-sitter-augur/grammar.js"));
    let rules = &source[source.find("  rules: {").unwrap()..];
    let written: BTreeSet<&str> = rules
        .lines()
        .filter_map(|line| line.strip_prefix("    ")?.split_once(": ")?.0.into())
        .filter(|name| name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'))
        .collect();
    let grammar: serde_json::Value = serde_json::from_str(tree_sitter_augur::GRAMMAR_JSON).unwrap();
    let generated: BTreeSet<&str> = grammar["rules"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert!(written.len() > 30, "{written:?}");
    assert_eq!(
        written, generated,
        "run `tree-sitter generate` in editors/tree-sitter-augur"
    );
}

// The highlight, indent and fold queries, and their copies for Zed and Helix.
#[path = "tree_sitter/queries.rs"]
mod queries;
