//! `augur fmt` on any bytes that parse, and on generated programs (`augur_fuzz::program`):
//! formatting never fails on a file that parses (its own safety check, which re-parses the
//! result and compares tokens and comments, never trips); the result parses to the same
//! syntax tree (spans aside); it keeps every comment; and formatting it again changes
//! nothing.
#![no_main]

use arbitrary::Unstructured;
use augur::format::format_source;
use augur::source::SourceFile;
use augur::syntax::limits::DEFAULT_MAX_LINE_BYTES;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    exercise(&String::from_utf8_lossy(data));
    if let Ok(text) = augur_fuzz::program(&mut Unstructured::new(data)) {
        exercise(&text);
    }
});

fn exercise(text: &str) {
    let Some(before) = shape(text) else {
        return;
    };
    let file = SourceFile::new("fuzz.augur", text);
    let formatted = match format_source(&file, DEFAULT_MAX_LINE_BYTES) {
        Ok(f) => f,
        // A line over the limit is refused as `check` refuses it; anything else is a bug.
        Err(p) if text.lines().any(|l| l.len() > DEFAULT_MAX_LINE_BYTES) => {
            augur_fuzz::render_diagnostic(&p);
            return;
        }
        Err(p) => panic!("a file that parses was not formatted: {p:?}"),
    };
    assert_eq!(shape(&formatted), Some(before), "the syntax tree changed");
    let again = format_source(
        &SourceFile::new("fuzz.augur", formatted.as_str()),
        DEFAULT_MAX_LINE_BYTES,
    )
    .expect("formatted text formats");
    assert_eq!(again, formatted, "formatting is not idempotent");
}

/// The syntax tree of `text` without its spans, when it parses.
fn shape(text: &str) -> Option<String> {
    augur_fuzz::shape(text).ok()
}
