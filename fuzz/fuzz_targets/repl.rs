//! `augur repl`'s command lines on a fixed program: any lines (one command per input line,
//! at most 24) are each either refused with a diagnostic that renders, leaving the session
//! as it was, or answered with text; the session's run always equals the ad-hoc run of its
//! lines (`--assume` / `--assume-not`), tab completion at every position of every line
//! returns candidates that extend what is typed, and the session saved at the end parses
//! back and runs as the session did.
#![no_main]

use augur::Analysis;
use augur::repl::{Answer, Repl};
use augur::scenario::snapshot;
use libfuzzer_sys::fuzz_target;

const PROGRAM: &str = include_str!("../../tests/data/adhoc.augur");

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Some(analysis) = augur_fuzz::check(PROGRAM) else {
        panic!("the fixed program checks");
    };
    let mut repl = Repl::new(&analysis, "calm", augur_fuzz::options()).expect("declared");
    for line in text.lines().take(24) {
        for pos in (0..=line.len()).filter(|&p| line.is_char_boundary(p)).take(64) {
            let (start, candidates) = repl.complete(line, pos);
            assert!(start <= pos, "completion starts past the cursor");
            for c in &candidates {
                let typed = &line[start..pos];
                assert!(c.starts_with(typed), "`{c}` does not extend `{typed}`");
            }
        }
        let (lines, scenario) = (repl.lines().to_vec(), repl.scenario_name());
        match repl.eval(line) {
            Ok(Answer::Quit) => break,
            Ok(answer) => {
                let _ = answer.text();
            }
            Err(e) => {
                augur_fuzz::render_diagnostic(&e);
                assert_eq!(repl.lines(), lines, "a refused line changed the session");
                assert_eq!(repl.scenario_name(), scenario, "a refused line moved the session");
            }
        }
    }
    // The session's model is the ad-hoc run of its lines.
    let options = augur_fuzz::options();
    let session = analysis.session();
    let id = session.scenario(repl.scenario_name()).expect("declared");
    let adhoc = augur::adhoc::run(&session, id, &repl.what_if(), &options).expect("a small run");
    let Ok(Answer::Run(report)) = repl.eval("run") else {
        panic!("the session runs");
    };
    let ours: Vec<String> = report.text().lines().skip(1).map(str::to_owned).collect();
    let mut want = augur::scenario::ScenarioReport::new(&adhoc);
    want.name = repl.name();
    let theirs = augur::scenario::RunReport { scenarios: vec![want] }.text();
    assert_eq!(ours, theirs.lines().skip(1).collect::<Vec<_>>());
    // Saved, written into the program, it runs as the session did.
    let saved = match repl.eval("save fuzz_saved") {
        Ok(answer) => answer.text(),
        Err(e) => panic!("a session saves: {e}"),
    };
    let written = Analysis::parse("t.augur", &format!("{PROGRAM}\n{saved}")).expect("parses back");
    let again = written.run("fuzz_saved", &options).expect("a small run");
    assert_eq!(
        snapshot::render(&adhoc).lines().skip(1).collect::<Vec<_>>(),
        snapshot::render(&again).lines().skip(1).collect::<Vec<_>>(),
        "a saved session differs from the session"
    );
});
