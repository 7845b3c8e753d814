//! The editor's fixes on the diagnostic cases of `tests/cases/`: every "did you mean" the
//! checker writes is offered as a fix, and the fix removes that diagnostic.

use augur::ide::Workspace;

#[test]
fn every_did_you_mean_in_the_cases_is_a_fix_that_works() {
    let mut fixed = 0;
    let mut paths: Vec<_> = std::fs::read_dir("tests/cases")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "augur"))
        .collect();
    paths.sort();
    for path in paths {
        let text = std::fs::read_to_string(&path).unwrap();
        let mut ws = Workspace::default();
        ws.set_text("case.augur", &text);
        let found = ws.diagnostics("case.augur").to_vec();
        for d in &found {
            let says = d.help.iter().chain(d.related.iter().map(|r| &r.1));
            let mentions = d.message.contains("did you mean")
                || says.clone().any(|s| s.contains("did you mean"))
                || d.help
                    .as_deref()
                    .is_some_and(|h| h.contains("did you mean"));
            let Some(fix) = &d.fix else {
                assert!(!mentions, "{}: no fix for {d:?}", path.display());
                continue;
            };
            let mut after = text.clone();
            after.replace_range(fix.range.clone(), &fix.text);
            let mut again = Workspace::default();
            again.set_text("case.augur", &after);
            let still = again.diagnostics("case.augur").iter().any(|e| {
                e.code == d.code && e.range.start == d.range.start && e.message == d.message
            });
            assert!(!still, "{}: the fix {fix:?} leaves {d:?}", path.display());
            fixed += 1;
        }
    }
    assert!(fixed >= 15, "only {fixed} fixes among the cases");
}
