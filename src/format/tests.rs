//! Each layout rule, on the smallest text that shows it.

use super::*;

fn fmt(text: &str) -> String {
    format_source(
        &SourceFile::new("t.augur", text),
        syntax::limits::DEFAULT_MAX_LINE_BYTES,
    )
    .unwrap_or_else(|e| panic!("{e:?}"))
}

/// Formats `text`, checks that it is a fixed point, and returns it.
fn stable(text: &str) -> String {
    let once = fmt(text);
    assert_eq!(fmt(&once), once, "not idempotent on\n{text}");
    once
}

#[test]
fn a_block_rule_takes_a_line_per_premise_conclusion_level_and_citation() {
    let text = "document d \"D\"\nrule r { when a b, not c d and e(1, ?x) then f g and h i likely cite d \"q\" cite d \"r\" }\n";
    assert_eq!(
        stable(text),
        "document d \"D\"\nrule r {\n  when a b\n   and not c d\n   and e(1, ?x)\n  then f g,\n       h i\n  likely\n  cite d \"q\"\n  cite d \"r\"\n}\n"
    );
}

#[test]
fn a_one_line_rule_stays_on_its_line_with_citations_below() {
    assert_eq!(
        stable("document d \"D\"\nrule r :a b , c d implies e f and g h likely cite d \"q\""),
        "document d \"D\"\nrule r: a b and c d implies e f, g h [likely]\n  cite d \"q\"\n"
    );
}

#[test]
fn conflicts_and_tensions_align_their_premises() {
    assert_eq!(
        stable("conflict k { when a b and c d }\ntension t{when a b,c d cite d \"q\"}"),
        "conflict k {\n  when a b\n   and c d\n}\ntension t {\n  when a b\n   and c d\n  cite d \"q\"\n}\n"
    );
}

#[test]
fn likelihoods_after_an_atom_are_bracketed_and_bare_on_their_own() {
    assert_eq!(
        stable("fact a b likely\nassume c d [unlikely]\nobserved not e f very_likely\n"),
        "fact a b [likely]\nassume c d [unlikely]\nobserved not e f [very_likely]\n"
    );
    assert_eq!(
        stable("test \"t\" in s { expect a b at least [likely] expect c d exactly even_chance }"),
        "test \"t\" in s {\n  expect a b at least likely\n  expect c d exactly even_chance\n}\n"
    );
}

#[test]
fn scenarios_and_tests_take_a_line_per_entry_and_stay_one_line_when_empty() {
    assert_eq!(
        stable(
            "scenario s   {}\nscenario t extends s { assume a b assume not c d }\ntest \"x\" in t {}"
        ),
        "scenario s { }\nscenario t extends s {\n  assume a b\n  assume not c d\n}\ntest \"x\" in t { }\n"
    );
}

#[test]
fn every_kind_of_expectation() {
    let text = "test \"t\" in s {\nexpect a b\nexpect not a b\nexpect open a b\nexpect a b at most likely\nexpect conflict k\nexpect not tension t\n}\n";
    assert_eq!(
        stable(text),
        "test \"t\" in s {\n  expect a b\n  expect not a b\n  expect open a b\n  expect a b at most likely\n  expect conflict k\n  expect not tension t\n}\n"
    );
}

#[test]
fn open_questions_indicators_documents_and_assumables_keep_one_line_each() {
    let text = "document d \"T\"   file  \"x.txt\"\nassumable ?c  joins  f\nopen q r when a b , not c d cite d \"q\"\nindicator ?c joins f cite d \"q\"\n";
    assert_eq!(
        stable(text),
        "document d \"T\" file \"x.txt\"\nassumable ?c joins f\nopen q r\n  when a b and not c d\n  cite d \"q\"\nindicator ?c joins f\n  cite d \"q\"\n"
    );
}

#[test]
fn strings_are_kept_byte_for_byte_escapes_as_written() {
    let text = "document d \"T\\u{1b} \\\" é\"\nfact p(\"a\\tb\", \"\\u{200B}\", -3) cite d \"x # not a comment\"\n";
    assert_eq!(
        stable(text),
        "document d \"T\\u{1b} \\\" é\"\nfact p(\"a\\tb\", \"\\u{200B}\", -3)\n  cite d \"x # not a comment\"\n"
    );
}

#[test]
fn whole_line_comments_stay_before_their_line_at_its_indentation() {
    let text = "# head\n\n# about r\nrule r {\n# first\nwhen a b\n    # between\n and c d\n  then e f\n     # before the end\n}\n# tail\n";
    assert_eq!(
        stable(text),
        "# head\n\n# about r\nrule r {\n  # first\n  when a b\n  # between\n   and c d\n  then e f\n  # before the end\n}\n# tail\n"
    );
}

#[test]
fn end_of_line_comments_stand_at_the_comment_column_or_two_spaces_after_code() {
    let text = "fact a b # short\nfact a_very_long_name_indeed is_longer_than_the_comment_column_allows c # long\n";
    let out = stable(text);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0].find('#'), Some(trivia::COMMENT_COLUMN));
    assert!(lines[1].ends_with("allows c  # long"), "{out}");
}

#[test]
fn a_comment_inside_a_line_the_layout_joins_moves_after_it() {
    // End-of-line: to the end of the joined line; whole-line: to the line after it.
    assert_eq!(
        stable("fact a # one\n  b\nfact c\n# two\n d\nfact e f\n"),
        format!(
            "fact a b{}# one\nfact c d\n# two\nfact e f\n",
            " ".repeat(trivia::COMMENT_COLUMN - "fact a b".len())
        )
    );
    // A second end-of-line comment for one line goes on a line of its own after it.
    let out = stable("fact a # one\n b # two\nfact c d\n");
    assert!(out.ends_with("# one\n# two\nfact c d\n"), "{out}");
}

#[test]
fn blank_line_runs_collapse_to_one_and_none_open_or_close_a_block() {
    let text = "\n\n\nfact a b\n\n\n\nfact c d\nscenario s {\n\n  assume a b\n\n\n  assume c d\n\n}\nrule r {\n  when a b\n\n  then c d\n}\n\n\n";
    assert_eq!(
        stable(text),
        "fact a b\n\nfact c d\nscenario s {\n  assume a b\n\n  assume c d\n}\nrule r {\n  when a b\n  then c d\n}\n"
    );
}

#[test]
fn comments_only_and_empty_files() {
    assert_eq!(stable(""), "");
    assert_eq!(stable("\n\n  \n"), "");
    assert_eq!(stable("  # a  \r\n\n\n# b\n"), "# a\n\n# b\n");
}

#[test]
fn carriage_returns_and_a_byte_order_mark() {
    assert_eq!(
        stable("\u{FEFF}fact a b\r\nfact c d # e\r\n"),
        format!("\u{FEFF}fact a b\nfact c d{}# e\n", " ".repeat(62))
    );
}

#[test]
fn a_file_that_does_not_parse_is_refused_with_its_errors() {
    let file = SourceFile::new("t.augur", "fact a b\nrule r: a b implies\nfact A b\n");
    let problems = format_source(&file, syntax::limits::DEFAULT_MAX_LINE_BYTES).unwrap_err();
    assert_eq!(problems.diagnostics.len(), 2);
    assert!(problems.has_errors());
    let long = SourceFile::new("t.augur", "fact a b\n");
    assert!(format_source(&long, 4).is_err(), "a line over the limit");
}

#[test]
fn the_safety_check_catches_a_lost_or_changed_token() {
    assert!(same_tokens("fact a b c\n", "fact a b c\n").is_ok());
    assert!(
        same_tokens(
            "rule r: a b, c d implies e f\n",
            "rule r: a b and c d implies e f\n"
        )
        .is_ok()
    );
    assert!(same_tokens("fact a b c\n", "fact a b\n").is_err());
    assert!(same_tokens("fact a b # x\n", "fact a b\n").is_err());
    assert!(same_tokens("fact a b # x\n", "fact a b # y\n").is_err());
    assert!(
        same_tokens("fact a b\n", "fact a b c d e\n").is_err(),
        "does not parse"
    );
}

#[test]
fn comments_keep_their_order_when_they_move() {
    // A whole-line comment inside a joined line goes after it, so the end-of-line comment
    // that follows it goes after it too, not onto the line.
    assert_eq!(
        stable("fact a\n# one\n b # two\nfact c d\n"),
        "fact a b\n# one\n# two\nfact c d\n"
    );
}
