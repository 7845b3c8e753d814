//! Ad-hoc scenarios (`--assume ATOM[@LEVEL]`, `--assume-not ATOM`) and the Key Assumptions
//! Check on a fixed program: any lines (one per input line, `!` first for `--assume-not`)
//! are either refused with a diagnostic that renders, or run; the run equals the scenario
//! written with the same lines, and the check holds one entry per candidate.
#![no_main]

use augur::adhoc::{AdHoc, Shown};
use augur::key_assumptions::{self, Request};
use augur::{Analysis, scenario::snapshot};
use libfuzzer_sys::fuzz_target;

const PROGRAM: &str = include_str!("../../tests/data/assumptions.augur");

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (mut assume, mut assume_not) = (Vec::new(), Vec::new());
    for line in text.lines().take(8) {
        match line.strip_prefix('!') {
            Some(atom) => assume_not.push(atom.to_owned()),
            None => assume.push(line.to_owned()),
        }
    }
    let Some(analysis) = augur_fuzz::check(PROGRAM) else {
        panic!("the fixed program checks");
    };
    let change = match AdHoc::new(assume, assume_not).what_if(&analysis) {
        Ok(change) => change,
        Err(e) => return augur_fuzz::render_diagnostic(&e),
    };
    let options = augur_fuzz::options();
    let session = analysis.session();
    let all = session.scenario("all").expect("declared");
    let model = augur::adhoc::run(&session, all, &change, &options).expect("a small run");
    // The same lines written as a scenario extending `all`.
    let lines = Shown::new(analysis.program(), &change).lines().join("\n  ");
    let written = format!("{PROGRAM}\nscenario adhoc extends all {{\n  {lines}\n}}\n");
    let written = Analysis::parse("t.augur", &written).expect("the written lines check");
    let again = written.run("adhoc", &options).expect("a small run");
    assert_eq!(
        snapshot::render(&model).lines().skip(1).collect::<Vec<_>>(),
        snapshot::render(&again).lines().skip(1).collect::<Vec<_>>(),
        "an ad-hoc scenario differs from the same lines written"
    );
    let request = Request {
        scenario: all,
        change: &change,
        atom: None,
        facts: true,
    };
    let check = key_assumptions::check(&session, &request, &options).expect("small runs");
    let report = check.report(None);
    assert_eq!(report.assumptions.len(), check.assumptions.len());
    let _ = report.text(false);
});
