//! The source text section of the page: each document in full, every cited passage in a
//! `<mark>` (a solid underline too, so colour is not the only cue) followed by links to
//! the citations that quote it; each citation, listed below the text, links back to its
//! passage. Uncited sentences are plain text. A coverage figure heads each document.

use std::fmt::Write;
use std::ops::Range;

use super::SourceText;
use crate::escape::xml;

/// The section, when any document's text was found.
pub fn section(out: &mut String, sources: &[SourceText]) {
    if sources.is_empty() {
        return;
    }
    out.push_str("<section id=\"sources\">\n<h2>Sources</h2>\n");
    out.push_str("<p>Each cited document in full. <mark>Marked</mark> passages are quoted by a rule, fact or conflict (the numbers link to the citations); unmarked text is what no rule encodes. A sentence counts as cited when any quoted passage overlaps it.</p>\n");
    for (d, s) in sources.iter().enumerate() {
        document(out, d, s);
    }
    out.push_str("</section>\n");
}

fn document(out: &mut String, d: usize, s: &SourceText) {
    let cited = s.cited_sentences();
    let total = s.sentences.len();
    let percent = (cited * 100).checked_div(total).unwrap_or(0);
    let _ = writeln!(
        out,
        "<article id=\"d{d}\">\n<h3>{} <small>({}, file <code>{}</code>)</small></h3>\n<p class=\"coverage\"><strong>Coverage: {cited} of {total} sentences cited ({percent}%).</strong></p>",
        xml(&s.title),
        xml(&s.name),
        xml(&s.file)
    );
    // Every passage, with the citation it belongs to; the first passage of each citation
    // carries the id its list entry links to.
    let mut passages: Vec<(Range<usize>, usize, bool)> = Vec::new();
    for (c, cite) in s.citations.iter().enumerate() {
        for (k, p) in cite.passages.iter().enumerate() {
            passages.push((p.clone(), c, k == 0));
        }
    }
    out.push_str("<div class=\"source\">\n");
    for para in &s.paragraphs {
        paragraph(out, d, s, para, &passages);
    }
    out.push_str("</div>\n");
    citations(out, d, s);
    out.push_str("</article>\n");
}

/// One paragraph: cut at every passage boundary inside it; each piece marked when some
/// passage covers it, the piece where a passage ends followed by its citations' numbers.
fn paragraph(
    out: &mut String,
    d: usize,
    s: &SourceText,
    para: &Range<usize>,
    passages: &[(Range<usize>, usize, bool)],
) {
    let mut cuts = vec![para.start, para.end];
    for (p, _, _) in passages {
        for at in [p.start, p.end] {
            if para.start < at && at < para.end {
                cuts.push(at);
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    out.push_str("<p>");
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let text = xml(&s.text[a..b]);
        let covering: Vec<&(Range<usize>, usize, bool)> = passages
            .iter()
            .filter(|(p, _, _)| p.start < b && a < p.end)
            .collect();
        if covering.is_empty() {
            out.push_str(&text);
            continue;
        }
        // Several citations may quote the same passage: each its own anchor.
        for (_, c, _) in covering
            .iter()
            .filter(|(p, _, first)| *first && p.start == a)
        {
            let _ = write!(out, "<span id=\"d{d}-q{c}\"></span>");
        }
        let _ = write!(out, "<mark>{text}</mark>");
        let ending: Vec<usize> = covering
            .iter()
            .filter(|(p, _, _)| p.end == b)
            .map(|(_, c, _)| *c)
            .collect();
        for c in ending {
            let _ = write!(
                out,
                "<sup><a href=\"#d{d}-c{c}\" title=\"{}\">[{}]</a></sup>",
                xml(&s.citations[c].by),
                c + 1
            );
        }
    }
    out.push_str("</p>\n");
}

/// The citations of the document, numbered, each linking to its passage.
fn citations(out: &mut String, d: usize, s: &SourceText) {
    if s.citations.is_empty() {
        return;
    }
    out.push_str("<h4>Citations</h4>\n<ol class=\"citations\">\n");
    for (c, cite) in s.citations.iter().enumerate() {
        let target = if cite.passages.is_empty() {
            " (not found in the text)".to_owned()
        } else {
            format!(" <a href=\"#d{d}-q{c}\">passage</a>")
        };
        let _ = writeln!(
            out,
            "<li id=\"d{d}-c{c}\"><strong>{}</strong> cites “{}”{target}</li>",
            xml(&cite.by),
            xml(&cite.quote)
        );
    }
    out.push_str("</ol>\n");
}
