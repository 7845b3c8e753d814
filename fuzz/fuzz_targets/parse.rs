//! The parser on any bytes: never a panic; every error's span lies inside the text, on
//! character boundaries; parsing is deterministic.
#![no_main]

use augur::source::{FileId, SourceFile};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let file = SourceFile::new("fuzz.augur", text.as_ref());
    let (ast, errors) = augur::syntax::parse_file(FileId(0), &file);
    for e in &errors {
        augur_fuzz::render_diagnostic(e);
    }
    let (again, errors_again) = augur::syntax::parse_file(FileId(0), &file);
    assert_eq!(
        format!("{ast:?}"),
        format!("{again:?}"),
        "parsing is not deterministic"
    );
    assert_eq!(errors.len(), errors_again.len());
    // The same bytes as one command-line atom, as `why ATOM` reads it.
    let _ = augur::syntax::parse_atom(FileId(0), &file);
});
