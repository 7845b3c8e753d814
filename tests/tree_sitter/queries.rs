//! The tree-sitter queries (highlights, indents, folds) of editors/tree-sitter-augur and
//! their copies for Zed and Helix: they compile, colour every keyword and name of the rule
//! files by its role, fold every block, and say the same in every editor.

use std::collections::BTreeMap;

use tree_sitter::{Query, QueryCursor};

use super::*;

/// The capture names of `query` over `text`, by the node's byte range and kind.
fn captures(query: &Query, text: &str) -> BTreeMap<(usize, usize, String), Vec<String>> {
    let tree = ts_parse(text);
    let mut cursor = QueryCursor::new();
    let mut out: BTreeMap<_, Vec<String>> = BTreeMap::new();
    let mut it = cursor.captures(query, tree.root_node(), text.as_bytes());
    while let Some((m, i)) = it.next() {
        let capture = m.captures[*i];
        let node = capture.node;
        let key = (node.start_byte(), node.end_byte(), node.kind().to_owned());
        out.entry(key)
            .or_default()
            .push(query.capture_names()[capture.index as usize].to_owned());
    }
    out
}

#[test]
fn highlights_colour_every_keyword_and_name_of_the_rules() {
    let query = Query::new(&language(), tree_sitter_augur::HIGHLIGHTS_QUERY).unwrap();
    let words = keywords();
    let mut checked = 0;
    for path in augur_files("rules") {
        let text = read(&path);
        let coloured = captures(&query, &text);
        let tree = ts_parse(&text);
        for node in nodes(&tree).into_iter().filter(|n| n.child_count() == 0) {
            let key = (node.start_byte(), node.end_byte(), node.kind().to_owned());
            let names = coloured.get(&key).cloned().unwrap_or_default();
            let want: &[&str] = match node.kind() {
                "identifier" => &["function", "constant", "label", "type", "attribute"],
                "comment" => &["comment"],
                "variable" => &["variable"],
                "string_content" | "\"" => &[],
                kind if words.contains(kind) && Likelihood::from_keyword(kind).is_some() => &[],
                kind if words.contains(kind) || CONTEXTUAL.contains(&kind) => {
                    &["keyword", "keyword.operator"]
                }
                _ => &[],
            };
            if want.is_empty() {
                continue;
            }
            assert!(
                names.iter().any(|n| want.contains(&n.as_str())),
                "{}:{}: `{}` ({}) captured as {names:?}",
                path.display(),
                node.start_position().row + 1,
                &text[node.byte_range()],
                node.kind()
            );
            checked += 1;
        }
    }
    assert!(checked > 1_500, "{checked} tokens checked");
}

#[test]
fn highlights_name_each_thing_by_its_role() {
    let query = Query::new(&language(), tree_sitter_augur::HIGHLIGHTS_QUERY).unwrap();
    let text = "document seed \"T \\u{1b}\"\n\
                rule r { when ?p is big and not p(?p, 3) then ?p wins [likely] cite seed \"q\" }\n\
                scenario s1 extends s0 { }\n\
                test \"t\" in s1 { expect not conflict c  expect a b at most unlikely }  # x\n\
                rule g: a b implies c d 72% choice grp\n\
                fact e f [0.5]\n\
                test \"u\" in s1 { expect a b with probability at least 0.25 }\n";
    let coloured = captures(&query, text);
    // Each word is found as the first occurrence of `context`, at `word`'s place in it.
    for (context, word, want) in [
        ("document", "document", "keyword"),
        ("seed", "seed", "attribute"),
        ("\\u{1b}", "\\u{1b}", "string.escape"),
        ("r {", "r", "label"),
        ("?p", "?p", "variable"),
        ("is big", "is", "function"),
        ("big", "big", "constant"),
        ("not", "not", "keyword.operator"),
        ("p(", "p", "function"),
        ("3)", "3", "number"),
        ("likely", "likely", "constant.builtin"),
        ("s1", "s1", "type"),
        ("s0", "s0", "type"),
        ("c  ", "c", "label"),
        ("most", "most", "keyword"),
        ("72%", "72%", "number"),
        ("choice", "choice", "keyword"),
        ("grp", "grp", "label"),
        ("0.5", "0.5", "number"),
        ("with", "with", "keyword"),
        ("probability", "probability", "keyword"),
        ("0.25", "0.25", "number"),
        ("# x", "# x", "comment"),
    ] {
        let start = text.find(context).unwrap() + context.find(word).unwrap();
        let names: Vec<&String> = coloured
            .iter()
            .filter(|((s, e, _), _)| *s == start && *e == start + word.len())
            .flat_map(|(_, names)| names)
            .collect();
        assert!(
            names.iter().any(|n| *n == want),
            "`{word}` captured as {names:?}, not {want}"
        );
    }
}

#[test]
fn the_indent_query_compiles() {
    let query = Query::new(&language(), tree_sitter_augur::INDENTS_QUERY).unwrap();
    let text = read(Path::new("rules/scenarios.augur"));
    let indented = captures(&query, &text)
        .into_iter()
        .filter(|((_, _, kind), names)| {
            kind == "scenario" && names.contains(&"indent.begin".to_owned())
        })
        .count();
    assert!(indented > 5, "{indented} scenarios indent");
}

#[test]
fn folds_cover_every_block() {
    let query = Query::new(&language(), tree_sitter_augur::FOLDS_QUERY).unwrap();
    let mut folded = 0;
    for path in augur_files("rules") {
        let text = read(&path);
        let coloured = captures(&query, &text);
        let tree = ts_parse(&text);
        for node in nodes(&tree) {
            let block = matches!(
                node.kind(),
                "rule" | "conflict" | "tension" | "scenario" | "test"
            );
            if block && node.is_named() {
                let key = (node.start_byte(), node.end_byte(), node.kind().to_owned());
                assert_eq!(
                    coloured.get(&key).map(Vec::as_slice),
                    Some(&["fold".to_owned()][..]),
                    "{}:{}: a {} does not fold",
                    path.display(),
                    node.start_position().row + 1,
                    node.kind()
                );
                folded += 1;
            }
        }
    }
    assert!(folded > 50, "{folded} blocks fold");
}

#[test]
fn the_zed_extension_carries_the_same_queries() {
    let zed = Path::new("editors/zed/languages/augur");
    assert_eq!(
        read(&zed.join("highlights.scm")),
        tree_sitter_augur::HIGHLIGHTS_QUERY,
        "Zed's highlights.scm is a copy of queries/highlights.scm: copy it again"
    );
    for query in ["brackets.scm", "indents.scm"] {
        Query::new(&language(), &read(&zed.join(query))).unwrap();
    }
    let outline = Query::new(&language(), &read(&zed.join("outline.scm"))).unwrap();
    let text = read(Path::new("rules/great_powers.augur"));
    let names: Vec<String> = captures(&outline, &text)
        .into_iter()
        .filter(|(_, names)| names.iter().any(|n| n == "name"))
        .map(|((start, end, _), _)| text[start..end].to_owned())
        .collect();
    assert!(
        names.iter().any(|n| n == "rivals_fill_gap"),
        "the outline names the rules: {names:?}"
    );
}

#[test]
fn helix_carries_the_same_queries_under_its_names() {
    let helix = Path::new("editors/helix/queries/augur");
    let highlights = read(&helix.join("highlights.scm"));
    let ours = tree_sitter_augur::HIGHLIGHTS_QUERY;
    let header = |q: &str| q.find("\n\n").unwrap();
    let renamed = ours[header(ours)..]
        .replace("@number", "@constant.numeric")
        .replace("@string.escape", "@constant.character.escape");
    assert_eq!(
        &highlights[header(&highlights)..],
        renamed,
        "Helix's highlights.scm is queries/highlights.scm with Helix's names: make it so again"
    );
    for query in [highlights, read(&helix.join("indents.scm"))] {
        Query::new(&language(), &query).unwrap();
    }
}
