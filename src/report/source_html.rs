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
    out.push_str("<p>Each cited document in full. <mark>Marked</mark> passages are quoted by a rule, fact or conflict (the numbers link to the citations); unmarked text is what no rule encodes. A sentence counts as cited when any quoted passage overlaps it; a quote the text holds at several places word for word is marked at each.</p>\n");
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
    // Every passage, with the citation it belongs to; the first passage of each occurrence
    // carries the id its list entry links to.
    let mut passages: Vec<Passage> = Vec::new();
    for (c, cite) in s.citations.iter().enumerate() {
        for (o, occurrence) in cite.occurrences.iter().enumerate() {
            for (k, p) in occurrence.iter().enumerate() {
                passages.push(Passage {
                    range: p.clone(),
                    citation: c,
                    anchor: (k == 0).then_some(o),
                });
            }
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

/// A piece of a quote in the text.
struct Passage {
    range: Range<usize>,
    /// The citation's index in the document.
    citation: usize,
    /// The occurrence it starts, when it is the first piece of one.
    anchor: Option<usize>,
}

/// The id of occurrence `o` of citation `c` of document `d`.
fn anchor(d: usize, c: usize, o: usize) -> String {
    if o == 0 {
        format!("d{d}-q{c}")
    } else {
        format!("d{d}-q{c}-{}", o + 1)
    }
}

/// One paragraph: cut at every passage boundary inside it; each piece marked when some
/// passage covers it, the piece where a passage ends followed by its citations' numbers.
fn paragraph(
    out: &mut String,
    d: usize,
    s: &SourceText,
    para: &Range<usize>,
    passages: &[Passage],
) {
    let mut cuts = vec![para.start, para.end];
    for p in passages {
        for at in [p.range.start, p.range.end] {
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
        let covering: Vec<&Passage> = passages
            .iter()
            .filter(|p| p.range.start < b && a < p.range.end)
            .collect();
        if covering.is_empty() {
            out.push_str(&text);
            continue;
        }
        // Several citations may quote the same passage: each its own anchor.
        for p in covering.iter().filter(|p| p.range.start == a) {
            if let Some(o) = p.anchor {
                let _ = write!(out, "<span id=\"{}\"></span>", anchor(d, p.citation, o));
            }
        }
        let _ = write!(out, "<mark>{text}</mark>");
        let ending: Vec<usize> = covering
            .iter()
            .filter(|p| p.range.end == b)
            .map(|p| p.citation)
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
        let target = match cite.occurrences.len() {
            0 => " (not found in the text)".to_owned(),
            1 => format!(" <a href=\"#{}\">passage</a>", anchor(d, c, 0)),
            n => {
                let links: Vec<String> = (0..n)
                    .map(|o| format!("<a href=\"#{}\">{}</a>", anchor(d, c, o), o + 1))
                    .collect();
                format!(
                    " found word for word at {n} places: passages {}",
                    links.join(", ")
                )
            }
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
