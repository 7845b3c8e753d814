//! Unit tests of snapshot rendering and line diffs.

use super::*;
use crate::Analysis;
use crate::engine::Options;

#[test]
fn a_header_is_recognised_up_to_the_bytes_read() {
    let dir = std::env::temp_dir().join(format!("augur-snap-head-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("s.snap");
    let head = usize::try_from(files::HEAD).unwrap();
    // A header line of limit - 1 and limit bytes is augur's; one of limit + 1 is cut
    // and so not recognised: augur then refuses to replace the file, never deletes it.
    for (len, mine) in [(head - 1, true), (head, true), (head + 1, false)] {
        let scenario = "s".repeat(len - HEADER.len());
        std::fs::write(&path, format!("{HEADER}{scenario}\nrest\n")).unwrap();
        let first = files::first_line(&path).unwrap();
        assert_eq!(written_by_augur(&first, &scenario), mine, "{len}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

fn snapshot_of(text: &str, scenario: &str) -> String {
    let analysis = Analysis::parse("t.augur", text).unwrap();
    let model = analysis.run(scenario, &Options::default()).unwrap();
    render(&model)
}

const RULES: &str = "
    document seed \"T\"
    assumable ?c aligns_with ?p
    rule r: ?c aligns_with us implies us courts ?c [likely]
    rule s: ?c aligns_with china implies china courts ?c
    conflict split { when ?c aligns_with us and ?c aligns_with china }
    open trump defends guyana cite seed \"q\"
    scenario x {
      assume brazil aligns_with us
      assume brazil aligns_with china
      assume argentina aligns_with us
    }
";

#[test]
fn snapshots_list_conclusions_conflicts_and_open_questions_sorted() {
    let text = snapshot_of(RULES, "x");
    assert_eq!(
        text,
        "# augur snapshot of scenario x
# conclusions: atom | likelihood | rule at the root of its proof
china courts brazil | certain | s
us courts argentina | likely | r
us courts brazil | likely | r
# conflicts and tensions: conflict|tension NAME (?VARIABLE = VALUE, ...) | likelihood
conflict split (?c = brazil) | certain
# open questions: open ATOM
open trump defends guyana
"
    );
}

#[test]
fn declaration_order_does_not_change_a_snapshot() {
    // Predicates declared in another order (an `assumable` naming `courts` first), rules
    // and assumptions swapped: the same snapshot.
    let reordered = "
        assumable ?x courts ?y
        document seed \"T\"
        open trump defends guyana cite seed \"q\"
        conflict split { when ?c aligns_with us and ?c aligns_with china }
        rule s: ?c aligns_with china implies china courts ?c
        assumable ?c aligns_with ?p
        rule r: ?c aligns_with us implies us courts ?c [likely]
        scenario x {
          assume argentina aligns_with us
          assume brazil aligns_with china
          assume brazil aligns_with us
        }
    ";
    assert_eq!(snapshot_of(reordered, "x"), snapshot_of(RULES, "x"));
}

#[test]
fn the_root_rule_does_not_depend_on_rule_order() {
    let one = "assumable a p\nassume a p\nrule zeta: a p implies b q\nrule alpha: a p implies b q";
    let two = "assumable a p\nassume a p\nrule alpha: a p implies b q\nrule zeta: a p implies b q";
    let text = snapshot_of(one, "default");
    assert!(text.contains("\nb q | certain | alpha\n"), "{text}");
    assert_eq!(snapshot_of(two, "default"), text);
}

#[test]
fn an_assumed_open_question_is_no_longer_open() {
    let decided = format!(
        "{RULES}\nassumable trump defends guyana\nscenario y {{ assume trump defends guyana }}"
    );
    let text = snapshot_of(&decided, "y");
    assert!(!text.contains("open trump"), "{text}");
    assert!(snapshot_of(&decided, "x").contains("\nopen trump defends guyana\n"));
}

#[test]
fn a_changed_likelihood_is_one_paired_line() {
    let old = "# h\na b c | likely | r\nd e | certain | s\nconflict k | likely\nopen q r\n";
    let new =
        "# h\na b c | very_likely | r\nd e | certain | t\nconflict k | likely\nx y | likely | r\n";
    let diff = LineDiff::new(old, new);
    assert_eq!(
        diff.changed,
        vec![
            Paired {
                key: "a b c".into(),
                from: "likely".into(),
                to: "very_likely".into()
            },
            Paired {
                key: "d e".into(),
                from: "certain | s".into(),
                to: "certain | t".into()
            },
        ]
    );
    assert_eq!(diff.removed, vec!["open q r".to_owned()]);
    assert_eq!(diff.added, vec!["x y | likely | r".to_owned()]);
    assert_eq!(LineDiff::new(old, old), LineDiff::default());
}

#[test]
fn a_diff_prints_paired_then_gone_then_new_lines_after_the_indent() {
    let diff = LineDiff::new(
        "a b | likely | r\nopen q\n",
        "a b | certain | r\nc d | likely\n",
    );
    assert_eq!(
        diff.text(""),
        "~ a b  likely -> certain\n- open q\n+ c d | likely\n"
    );
    assert_eq!(
        diff.text("  "),
        "  ~ a b  likely -> certain\n  - open q\n  + c d | likely\n"
    );
    assert_eq!(LineDiff::default().text("  "), "");
}
