//! `augur explain`: a code's text from `augur::codes`, by its full name or its last part;
//! an unknown code is exit 2 with the closest.

use assert_cmd::Command;

fn augur(args: &[&str]) -> assert_cmd::assert::Assert {
    Command::new(env!("CARGO_BIN_EXE_augur"))
        .args(args)
        .assert()
}

#[test]
fn a_code_is_explained_by_its_full_name_or_its_last_part() {
    let expected = augur::codes::lookup("augur::check::unknown_scenario")
        .map(augur::codes::explain)
        .unwrap_or_default();
    assert!(expected.starts_with(
        "augur::check::unknown_scenario (error)\n\n`test \"t\" in nowhere` or `extends nowhere`\n\nA scenario's"
    ));
    augur(&["explain", "augur::check::unknown_scenario"])
        .success()
        .stdout(expected.clone());
    augur(&["explain", "check::unknown_scenario"])
        .success()
        .stdout(expected.clone());
    let also = "\n`unknown_scenario` also names `augur::query::unknown_scenario`, `augur::input::unknown_scenario`.\n";
    augur(&["explain", "unknown_scenario"])
        .success()
        .stdout(format!("{expected}{also}"));
    let json = augur(&["explain", "quote_not_found", "--format", "json"]).success();
    let value: serde_json::Value = serde_json::from_slice(&json.get_output().stdout).unwrap();
    assert_eq!(value["kind"], "warning");
    assert!(
        value["long"]
            .as_str()
            .is_some_and(|l| l.contains("closest passage")),
        "{value}"
    );
}

#[test]
fn with_no_code_every_code_is_listed() {
    let out = augur(&["explain"]).success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert_eq!(text.lines().count(), augur::codes::all().count());
    assert!(text.contains("augur::syntax::bidi_control (error)\n"));
    assert!(text.contains("augur::engine::timeout (error)\n"));
    assert!(text.contains("augur::more_diagnostics (note)\n"));
}

#[test]
fn an_unknown_code_is_exit_2_with_the_closest() {
    augur(&["explain", "unknown_scenaro"])
        .code(2)
        .stderr("error: unknown diagnostic code `unknown_scenaro`\n  help: did you mean `unknown_scenario`?\n");
}

#[test]
fn a_long_description_follows_the_one_line() {
    let out = augur(&["explain", "engine::timeout"]).success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    let (head, long) = text.split_once("stops\n\n").unwrap_or_default();
    assert_eq!(
        head,
        "augur::engine::timeout (error)\n\na scenario still being evaluated after `--timeout`; evaluation "
    );
    assert!(
        long.starts_with("A scenario was still being evaluated"),
        "{text}"
    );
    assert!(long.contains("`--timeout none`"), "{text}");
}
