//! `augur report`'s source texts: the bytes (UTF-8, lossy) read as quotes on the first line
//! (separated by `|`), then a document's text; each quote located at every place it occurs
//! (`augur::report::source_text`), then every sentence found quoted back; the page rendered.
//! Paragraphs and sentences lie in order inside the text; each occurrence's pieces are the
//! quote's pieces, in order, no two occurrences overlapping; a quote without `[...]` occurs
//! exactly where `str::match_indices` finds it; every sentence quoted back is found and
//! cited, so coverage is whole; the page holds no hidden character raw, a `</mark>` for
//! every `<mark>`, and the anchor each citation links to.
#![no_main]

use std::ops::Range;

use augur::program::quotes::normalize;
use augur::report::{self, Report, SourceText};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let (first, raw) = input.split_once('\n').unwrap_or(("", &input));
    let cites: Vec<(String, String)> = first
        .split('|')
        .filter(|q| !q.is_empty())
        .take(16)
        .enumerate()
        .map(|(i, q)| (format!("rule r{i}"), q.to_owned()))
        .collect();
    let st = report::source_text("doc", "A document", "doc.txt", raw, &cites);
    check(&st);
    // Every sentence quoted back: each is found, and every sentence is cited.
    let back: Vec<(String, String)> = st
        .sentences
        .iter()
        .take(64)
        .enumerate()
        .map(|(i, s)| (format!("rule s{i}"), st.text[s.clone()].to_owned()))
        .collect();
    let all = report::source_text("doc", "A document", "doc.txt", raw, &back);
    check(&all);
    // (A sentence that is all `[...]` quotes nothing.)
    let quotable = all.citations.iter().all(|c| !pieces(&c.quote).is_empty());
    for c in all
        .citations
        .iter()
        .filter(|c| !pieces(&c.quote).is_empty())
    {
        assert!(
            !c.occurrences.is_empty(),
            "a sentence of the text is found: {:?}",
            c.quote
        );
    }
    if st.sentences.len() <= 64 && quotable {
        assert_eq!(all.cited_sentences(), all.sentences.len());
    }
    page(&[st, all]);
});

/// The quote's pieces as they are searched for.
fn pieces(quote: &str) -> Vec<String> {
    quote
        .replace("[…]", "[...]")
        .split("[...]")
        .map(normalize)
        .filter(|p| !p.is_empty())
        .collect()
}

fn ordered(ranges: &[Range<usize>], len: usize) {
    for w in ranges.windows(2) {
        assert!(w[0].end <= w[1].start, "{ranges:?}");
    }
    assert!(ranges.iter().all(|r| r.start <= r.end && r.end <= len));
}

fn check(st: &SourceText) {
    let text = &st.text;
    ordered(&st.paragraphs, text.len());
    ordered(&st.sentences, text.len());
    let joined: Vec<&str> = st.paragraphs.iter().map(|p| &text[p.clone()]).collect();
    assert_eq!(joined.join(" "), *text, "the text is its paragraphs joined");
    assert!(st.cited_sentences() <= st.sentences.len());
    for c in &st.citations {
        let want = pieces(&c.quote);
        let flat: Vec<Range<usize>> = c.passages().cloned().collect();
        ordered(&flat, text.len());
        for occurrence in &c.occurrences {
            let got: Vec<&str> = occurrence.iter().map(|r| &text[r.clone()]).collect();
            assert_eq!(got, want, "an occurrence is the quote's pieces");
        }
        if !c.quote.contains("[...]") && !c.quote.contains("[…]") && want.len() == 1 {
            let reference: Vec<Range<usize>> = text
                .match_indices(want[0].as_str())
                .map(|(at, m)| at..at + m.len())
                .collect();
            assert_eq!(flat, reference, "as match_indices finds it");
        }
    }
}

fn page(sources: &[SourceText]) {
    let r = Report {
        scenarios: Vec::new(),
        diffs: report::Diffs::default(),
        key: Vec::new(),
        sources: sources.to_vec(),
        extras: report::Extras::default(),
        key_assumptions: Vec::new(),
    };
    let html = report::html(&r);
    assert!(
        !html
            .chars()
            .any(|c| c != '\n' && augur::escape::is_hidden(c))
    );
    assert_eq!(
        html.matches("<mark>").count(),
        html.matches("</mark>").count()
    );
    for (d, s) in sources.iter().enumerate() {
        let coverage = format!(
            "Coverage: {} of {} sentences",
            s.cited_sentences(),
            s.sentences.len()
        );
        assert!(html.contains(&coverage));
        for (c, cite) in s.citations.iter().enumerate() {
            for o in 0..cite.occurrences.len() {
                let id = if o == 0 {
                    format!("d{d}-q{c}")
                } else {
                    format!("d{d}-q{c}-{}", o + 1)
                };
                assert!(html.contains(&format!("<span id=\"{id}\"></span>")), "{id}");
            }
        }
    }
}
