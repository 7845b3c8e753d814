//! Check any text, then weigh every scenario against its `observed` lines (`augur ach`)
//! under the small budgets: never a panic; the matrix is whole (a cell per hypothesis per
//! piece of evidence), ranked, and the same on a second analysis.
#![no_main]

use augur::ach::analyse;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Some(analysis) = augur_fuzz::check(&text) else {
        return;
    };
    let program = analysis.program();
    let session = analysis.session();
    // A budget or the clock may stop a run: that is an error, not a crash.
    let Ok(matrix) = analyse(&session, &[], &augur_fuzz::options()) else {
        return;
    };
    assert_eq!(matrix.hypotheses.len(), program.scenarios().len());
    assert_eq!(matrix.rows.len(), program.observations().len());
    for row in &matrix.rows {
        assert_eq!(row.cells.len(), matrix.hypotheses.len());
        assert!(row.diagnosticity <= 2);
    }
    let scores: Vec<_> = matrix.hypotheses.iter().map(|h| h.inconsistency).collect();
    assert!(scores.windows(2).all(|w| w[0] <= w[1]), "ranked: {scores:?}");
    let text = matrix.text(program);
    let _ = serde_json::to_string(&matrix.json(program)).map_err(|e| panic!("ach JSON: {e}"));
    if let Ok(again) = analyse(&session, &[], &augur_fuzz::options()) {
        assert_eq!(text, again.text(program), "two analyses differ");
    }
});
