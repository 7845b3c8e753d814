use miette::Diagnostic;

use super::*;
use crate::likelihood::Likelihood;

const PROGRAM: &str = "
    assumable us withdraws
    assumable eu steps_up
    rule gap: us withdraws implies rivals advance likely
    rule fill: eu steps_up and not rivals advance implies order holds
    scenario quiet { }
    scenario retreat extends quiet { assume us withdraws }
";

fn analysis() -> Analysis {
    Analysis::parse("t.augur", PROGRAM).expect("checks")
}

fn help(err: &ReplError) -> String {
    err.help().map(|h| h.to_string()).unwrap_or_default()
}

/// The session's `run` is the report of `model`, named as the session.
fn assert_runs_as(repl: &mut Repl<'_>, model: &Model<'_>) {
    let Answer::Run(report) = repl.eval("run").expect("runs") else {
        panic!("a run")
    };
    let mut want = crate::scenario::ScenarioReport::new(model);
    want.name = repl.name();
    let want = RunReport {
        scenarios: vec![want],
    };
    assert_eq!(report.text(), want.text());
}

#[test]
fn commands_parse_to_their_arguments() {
    let cases = [
        ("", Command::Nothing),
        ("  # a comment", Command::Nothing),
        ("why  a b ", Command::Why("a b".into())),
        ("why-not a b", Command::WhyNot("a b".into())),
        (
            "assume a b",
            Command::Assume("a b".into(), Likelihood::Certain),
        ),
        (
            "assume a b  likely",
            Command::Assume("a b".into(), Likelihood::Likely),
        ),
        ("assume not a b", Command::AssumeNot("a b".into())),
        (
            "assume nothing happens",
            Command::Assume("nothing happens".into(), Likelihood::Certain),
        ),
        ("retract a b", Command::Retract("a b".into())),
        ("scenario s", Command::Scenario("s".into())),
        ("diff s", Command::Diff("s".into())),
        ("query ?x p", Command::Query("?x p".into())),
        ("save n", Command::Save("n".into())),
        ("run", Command::Run),
        ("lines", Command::Lines),
        ("help", Command::Help),
        ("quit", Command::Quit),
        ("exit", Command::Quit),
    ];
    for (line, want) in cases {
        assert_eq!(Command::parse(line).expect(line), want, "{line}");
    }
    assert_eq!(VERBS[3].word, "assume");
    assert_eq!(VERBS[4].word, "assume not");
}

#[test]
fn bad_lines_are_refused_with_a_label_and_a_hint() {
    let err = Command::parse("  wyh a b").unwrap_err();
    assert!(
        matches!(err, ReplError::UnknownCommand { ref span, .. } if span.offset() == 2 && span.len() == 3)
    );
    assert_eq!(help(&err), "did you mean `why`?");
    let err = Command::parse("frobnicate").unwrap_err();
    assert!(
        help(&err).starts_with("the commands are `scenario`, `why`"),
        "{}",
        help(&err)
    );
    for line in ["why", "assume", "assume not", "scenario  ", "save"] {
        let err = Command::parse(line).unwrap_err();
        assert!(
            matches!(err, ReplError::MissingArgument { .. }),
            "{line}: {err:?}"
        );
        assert!(help(&err).starts_with("usage: "), "{line}");
    }
    let err = Command::parse("run fast").unwrap_err();
    assert!(
        matches!(err, ReplError::ExtraArgument { ref span, .. } if span.offset() == 4 && span.len() == 4)
    );
    // The boundary: limit - 1 and limit are read, limit + 1 is refused.
    for (len, refused) in [
        (MAX_LINE_BYTES - 1, false),
        (MAX_LINE_BYTES, false),
        (MAX_LINE_BYTES + 1, true),
    ] {
        let line = format!("why {}", "a".repeat(len - 4));
        assert_eq!(line.len(), len);
        let got = Command::parse(&line);
        assert_eq!(
            matches!(got, Err(ReplError::LineTooLong { .. })),
            refused,
            "{len}"
        );
    }
}

#[test]
fn the_session_is_an_adhoc_scenario_as_the_command_line_makes_it() {
    let analysis = analysis();
    let mut repl = Repl::new(&analysis, "quiet", Options::default()).expect("starts");
    let why = |repl: &mut Repl<'_>, atom: &str| {
        repl.eval(&format!("why {atom}")).expect("answers").text()
    };
    assert_eq!(
        why(&mut repl, "rivals advance"),
        "rivals advance does not hold in scenario quiet\n"
    );
    repl.eval("assume us withdraws unlikely").expect("assumes");
    assert!(why(&mut repl, "rivals advance").starts_with("rivals advance [unlikely]"));
    // A later line about the atom replaces the earlier.
    repl.eval("assume us withdraws").expect("assumes");
    assert!(why(&mut repl, "rivals advance").starts_with("rivals advance [likely]"));
    repl.eval("assume eu steps_up").expect("assumes");
    repl.eval("assume not rivals advance").expect("forbids");
    assert_eq!(
        why(&mut repl, "rivals advance"),
        "rivals advance does not hold in scenario quiet + assume us withdraws + assume eu steps_up + assume not rivals advance: forbidden by the session's `assume not`\n"
    );
    assert!(why(&mut repl, "order holds").starts_with("order holds [certain]"));
    // The same run as `--assume` and `--assume-not` make.
    let adhoc = crate::adhoc::AdHoc::new(["us withdraws", "eu steps_up"], ["rivals advance"]);
    let change = adhoc.what_if(&analysis).expect("checks");
    let session = analysis.session();
    let quiet = session.scenario("quiet").expect("declared");
    let expected = crate::adhoc::run(&session, quiet, &change, &Options::default()).expect("runs");
    assert_runs_as(&mut repl, &expected);
    // Retract undoes a line; the model follows.
    repl.eval("retract rivals advance").expect("retracts");
    assert!(why(&mut repl, "rivals advance").starts_with("rivals advance [likely]"));
    assert_eq!(repl.lines().len(), 2);
    let err = repl.eval("retract rivals advance").unwrap_err();
    assert!(matches!(err, ReplError::NotInSession { .. }));
    assert_eq!(
        help(&err),
        "the session's lines: assume us withdraws; assume eu steps_up"
    );
}

#[test]
fn refused_lines_leave_the_session_as_it_was() {
    let analysis = analysis();
    let mut repl = Repl::new(&analysis, "quiet", Options::default()).expect("starts");
    repl.eval("assume us withdraws likely").expect("assumes");
    let before = repl.lines().to_vec();
    for line in [
        "assume us withdrawz",
        "assume us withdraws likly",
        "assume rivals advance",
        "assume not nobody p",
        "scenario qiet",
        "diff nowhere",
        "why us",
        "query ?x nothing",
        "save quiet",
        "save Not_A_Name",
        "save rule",
        "retract eu steps_up",
    ] {
        let err = repl.eval(line).expect_err(line);
        assert!(
            !help(&err).is_empty() || err.to_string().contains("`"),
            "{line}: {err:?}"
        );
        assert_eq!(repl.lines(), before, "{line}");
        assert_eq!(repl.scenario_name(), "quiet", "{line}");
    }
    let err = repl.eval("assume us withdraws likly").unwrap_err();
    assert!(matches!(err, ReplError::UnknownLevel { .. }), "{err:?}");
    assert_eq!(help(&err), "did you mean `likely`?");
    let err = repl.eval("assume rivals advance").unwrap_err();
    assert!(err.to_string().contains("matches no `assumable`"), "{err}");
    assert_eq!(
        help(&repl.eval("scenario qiet").unwrap_err()),
        "did you mean `quiet`?"
    );
}

#[test]
fn scenario_diff_and_query_answer_of_the_session() {
    let analysis = analysis();
    let mut repl = Repl::new(&analysis, "quiet", Options::default()).expect("starts");
    assert_eq!(
        repl.eval("scenario retreat").expect("switches").text(),
        "scenario retreat\n"
    );
    assert!(
        repl.eval("why rivals advance")
            .expect("answers")
            .text()
            .starts_with("rivals advance [likely]")
    );
    let diff = repl.eval("diff quiet").expect("diffs").text();
    assert!(diff.contains("rivals advance"), "{diff}");
    repl.eval("assume not us withdraws").expect("forbids");
    let Answer::Diff(d) = repl.eval("diff retreat").expect("diffs") else {
        panic!("a diff")
    };
    assert_eq!(d.to, "retreat + assume not us withdraws");
    assert!(d.text(false).contains("rivals advance"));
    let query = repl.eval("query ?x advance").expect("asks").text();
    assert!(!query.contains("rivals advance  "), "{query}");
    repl.eval("retract us withdraws").expect("retracts");
    assert!(
        repl.eval("query ?x advance")
            .expect("asks")
            .text()
            .contains("rivals advance")
    );
}

#[test]
fn a_saved_scenario_parses_back_and_runs_as_the_session() {
    let analysis = analysis();
    let mut repl = Repl::new(&analysis, "quiet", Options::default()).expect("starts");
    let empty = repl.eval("save plain").expect("saves").text();
    repl.eval("assume us withdraws very_likely")
        .expect("assumes");
    repl.eval("assume not order holds").expect("forbids");
    repl.eval("assume eu steps_up").expect("assumes");
    let saved = repl.eval("save what_if").expect("saves").text();
    assert_eq!(
        saved,
        "scenario what_if extends quiet {\n  assume us withdraws [very_likely]\n  assume eu steps_up\n  assume not order holds\n}\n"
    );
    let text = format!("{PROGRAM}\n{empty}\n{saved}");
    assert_eq!(
        crate::format::format_source(&crate::source::SourceFile::new("s", saved.as_str()), 1000)
            .expect("formats"),
        saved
    );
    let extended = Analysis::parse("t.augur", &text).expect("parses back");
    let options = Options::default();
    let declared = extended.run("what_if", &options).expect("runs");
    assert_runs_as(&mut repl, &declared);
}

#[test]
fn completion_offers_commands_scenarios_atoms_and_levels() {
    let analysis = analysis();
    let mut repl = Repl::new(&analysis, "retreat", Options::default()).expect("starts");
    assert_eq!(
        repl.complete("wh", 2),
        (0, vec!["why".into(), "why-not".into()])
    );
    assert_eq!(repl.complete("  re", 4), (2, vec!["retract".into()]));
    assert_eq!(
        repl.complete("scenario re", 11),
        (9, vec!["retreat".into()])
    );
    assert_eq!(
        repl.complete("why riv", 7),
        (4, vec!["rivals advance".into()])
    );
    assert_eq!(
        repl.complete("assume not us", 13),
        (11, vec!["us withdraws".into()])
    );
    assert_eq!(
        repl.complete("assume us withdraws li", 22),
        (20, vec!["likely".into()])
    );
    assert_eq!(repl.complete("assume n", 8), (7, vec!["not".into()]));
    assert_eq!(repl.complete("run x", 5), (4, vec![]));
    assert_eq!(repl.complete("nothing x", 9), (9, vec![]));
    // A position inside a character is not a place to complete.
    assert_eq!(repl.complete("é", 1), (1, vec![]));
}
