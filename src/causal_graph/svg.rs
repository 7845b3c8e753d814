//! The graph as an SVG that augur lays out itself (a layered layout of its own): nothing
//! to install to see a picture. Every node is a group `<g id="n0">` with a `<title>` (its whole
//! label, kinds, likelihood and place: a tooltip, and what a screen reader reads) and its
//! label drawn in two lines: the atom, then its kinds and likelihood in words, so that no
//! reader depends on colour. All text is escaped by [`escape::xml`].

use std::fmt::Write;

use super::labels;
use super::layout::{Layout, layout};
use super::{EdgeKind, Graph, Mode, Node, NodeKind, fill};
use crate::escape;
use crate::likelihood::Likelihood;

/// The most characters of a label drawn in a node; the rest is in its `<title>`.
pub const MAX_DRAWN_CHARS: usize = 64;

/// Approximate advance of one character, in pixels, at the label's font size: enough to
/// size boxes without a font at hand.
const CHAR_WIDTH: i64 = 7;
const NODE_HEIGHT: i64 = 40;
const PADDING: i64 = 14;
const MARGIN: i64 = 20;
/// Room above the drawing for the title and the cap's note.
const HEADER: i64 = 44;
/// The colour that marks the proof, with a thicker line (never colour alone).
const HIGHLIGHT: &str = "#d95f02";

/// At most [`MAX_DRAWN_CHARS`] characters, `…` ending a cut.
fn drawn(text: &str) -> String {
    if text.chars().count() <= MAX_DRAWN_CHARS {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(MAX_DRAWN_CHARS - 1).collect();
    cut.push('…');
    cut
}

fn chars(text: &str) -> i64 {
    i64::try_from(escape::visible(&drawn(text)).chars().count()).unwrap_or(i64::MAX / 2)
}

fn size(n: &Node) -> (i64, i64) {
    let widest = chars(&n.label).max(chars(&Graph::caption(n)));
    (widest * CHAR_WIDTH + 2 * PADDING, NODE_HEIGHT)
}

/// The graph as a standalone SVG document.
pub fn render(g: &Graph) -> String {
    render_in(g, "")
}

/// [`render`] for a page holding several pictures: every `id` (and every reference to
/// one) starts with `prefix`, so that they stay unique on the page. `prefix` is the
/// caller's, never the user's text: `s0-`, say.
pub fn render_in(g: &Graph, prefix: &str) -> String {
    let sizes: Vec<(i64, i64)> = g.nodes.iter().map(size).collect();
    let edges: Vec<(usize, usize)> = g
        .edges
        .iter()
        .map(|e| (e.from.index(), e.to.index()))
        .collect();
    let l = layout(&sizes, &edges);
    let legend_height = if g.mode == Mode::Model { 40 } else { 70 };
    let width = (l.width + 2 * MARGIN).max(940);
    let height = HEADER + l.height + legend_height + 2 * MARGIN;
    let mut out = String::new();
    let title = escape::xml(&format!("augur: {}", g.title()));
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"Helvetica, Arial, sans-serif\" role=\"img\" aria-labelledby=\"{prefix}graph-title\">"
    );
    let _ = writeln!(out, "<title id=\"{prefix}graph-title\">{title}</title>");
    out.push_str("<defs>\n");
    for (id, colour) in [("arrow", "#555555"), ("arrow-proof", HIGHLIGHT)] {
        let _ = writeln!(
            out,
            "<marker id=\"{prefix}{id}\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerUnits=\"userSpaceOnUse\" markerWidth=\"10\" markerHeight=\"10\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"{colour}\"/></marker>"
        );
    }
    out.push_str("</defs>\n");
    let _ = writeln!(
        out,
        "<rect width=\"{width}\" height=\"{height}\" fill=\"#ffffff\"/>"
    );
    let _ = writeln!(
        out,
        "<text x=\"{MARGIN}\" y=\"{}\" font-size=\"16\" font-weight=\"bold\">{title}</text>",
        MARGIN + 6
    );
    if let Some(note) = g.note() {
        let _ = writeln!(
            out,
            "<text x=\"{MARGIN}\" y=\"{}\" font-size=\"12\" fill=\"#b30000\">{}</text>",
            MARGIN + 24,
            escape::xml(&note)
        );
    }
    let _ = writeln!(
        out,
        "<g transform=\"translate({MARGIN},{})\">",
        MARGIN + HEADER
    );
    draw_edges(&mut out, g, &l, &sizes, prefix);
    draw_nodes(&mut out, g, &l, &sizes, prefix);
    out.push_str("</g>\n");
    legend(&mut out, g.mode, MARGIN + HEADER + l.height + 24);
    out.push_str("</svg>\n");
    out
}

/// Each edge's label position (none for a loop or an edge without a label).
fn label_places(g: &Graph, l: &Layout, sizes: &[(i64, i64)]) -> Vec<Option<(i64, i64)>> {
    let labels: Vec<Option<(labels::Stretch, i64)>> = g
        .edges
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let (a, b) = (e.from.index(), e.to.index());
            let label = e.label();
            if label.is_empty() || a == b {
                return None;
            }
            let start = (l.at[a].0 + sizes[a].0, l.at[a].1 + sizes[a].1 / 2);
            let end = (l.at[b].0, l.at[b].1 + sizes[b].1 / 2);
            let first = l.bends[i].first().copied().unwrap_or(end);
            Some((segment(start, first), chars(&label)))
        })
        .collect();
    let nodes: Vec<labels::Rect> =
        l.at.iter()
            .zip(sizes)
            .map(|(&(x, y), &(w, h))| labels::Rect(x, y, x + w, y + h))
            .collect();
    labels::place(&labels, &nodes)
}

fn draw_edges(out: &mut String, g: &Graph, l: &Layout, sizes: &[(i64, i64)], prefix: &str) {
    out.push_str("<g class=\"edges\" fill=\"none\">\n");
    let places = label_places(g, l, sizes);
    for (i, e) in g.edges.iter().enumerate() {
        let (a, b) = (e.from.index(), e.to.index());
        let (x1, y1) = (l.at[a].0 + sizes[a].0, l.at[a].1 + sizes[a].1 / 2);
        let (x2, y2) = (l.at[b].0, l.at[b].1 + sizes[b].1 / 2);
        let path = if a == b {
            // A rule whose premise is its own conclusion: a loop above the node.
            let (x, y) = (l.at[a].0 + sizes[a].0 / 2, l.at[a].1);
            format!(
                "M{},{y} C{},{} {},{} {},{y}",
                x - 10,
                x - 30,
                y - 40,
                x + 30,
                y - 40,
                x + 10
            )
        } else {
            let mut points = vec![(x1, y1)];
            points.extend(&l.bends[i]);
            points.push((x2, y2));
            curve(&points)
        };
        let (colour, marker, stroke) = if e.highlight {
            (HIGHLIGHT, "arrow-proof", 3)
        } else {
            ("#555555", "arrow", 1)
        };
        let dash = match (e.negated, e.kind) {
            (true, _) => " stroke-dasharray=\"6 4\"",
            (false, EdgeKind::Matches) => " stroke-dasharray=\"2 3\"",
            _ => "",
        };
        let label = e.label();
        let _ = writeln!(
            out,
            "<g class=\"edge\" id=\"{prefix}e{i}\"{}><title>{} → {}: {}</title><path d=\"{path}\" stroke=\"{colour}\" stroke-width=\"{stroke}\"{dash} marker-end=\"url(#{prefix}{marker})\"/>",
            faded(g, e.highlight),
            e.from,
            e.to,
            escape::xml(&label)
        );
        if let Some((mx, my)) = places[i] {
            let _ = writeln!(
                out,
                "<text x=\"{mx}\" y=\"{my}\" font-size=\"10\" text-anchor=\"middle\" fill=\"#333333\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">{}</text>",
                escape::xml(&drawn(&label))
            );
        }
        out.push_str("</g>\n");
    }
    out.push_str("</g>\n");
}

/// In a proof's picture, what is context and not proof is drawn faded, so the proof
/// stands out by contrast too.
fn faded(g: &Graph, highlight: bool) -> &'static str {
    if g.mode == Mode::Proof && !highlight {
        " opacity=\"0.45\""
    } else {
        ""
    }
}

/// The cubic segment from one point to the next, leaving and entering horizontally.
fn segment((x1, y1): (i64, i64), (x2, y2): (i64, i64)) -> labels::Stretch {
    let bend = ((x2 - x1).abs() / 2).max(40) * if x2 >= x1 { 1 } else { -1 };
    [(x1, y1), (x1 + bend, y1), (x2 - bend, y2), (x2, y2)]
}

/// A smooth path through `points`: a cubic [`segment`] between each two.
fn curve(points: &[(i64, i64)]) -> String {
    let mut d = String::new();
    for pair in points.windows(2) {
        let [p0, p1, p2, p3] = segment(pair[0], pair[1]);
        if d.is_empty() {
            d = format!("M{},{}", p0.0, p0.1);
        }
        let _ = write!(d, " C{},{} {},{} {},{}", p1.0, p1.1, p2.0, p2.1, p3.0, p3.1);
    }
    d
}

/// A node's outline: its shape's path or rectangle attributes, and its dashes.
fn outline(n: &Node, w: i64, h: i64) -> String {
    let (stroke, width) = if n.highlight {
        (HIGHLIGHT, 4)
    } else {
        ("#333333", 1)
    };
    let width = match n.kind {
        NodeKind::Assumption | NodeKind::Intervention | NodeKind::Open | NodeKind::Conflict
            if !n.highlight =>
        {
            2
        }
        _ => width,
    };
    let dash = match n.kind {
        NodeKind::Assumable | NodeKind::Intervention | NodeKind::Absent | NodeKind::Unproduced => {
            " stroke-dasharray=\"6 4\""
        }
        NodeKind::Open => " stroke-dasharray=\"2 3\"",
        _ => "",
    };
    let (fill, _) = fill(n.likelihood);
    let paint = format!("fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"{width}\"{dash}");
    match n.kind {
        NodeKind::Conflict | NodeKind::Tension => {
            let d = 12;
            format!(
                "<polygon points=\"{d},0 {},0 {w},{} {},{h} {d},{h} 0,{}\" {paint}/>",
                w - d,
                h / 2,
                w - d,
                h / 2
            )
        }
        NodeKind::Assumption | NodeKind::Assumable | NodeKind::Intervention => {
            format!(
                "<rect width=\"{w}\" height=\"{h}\" rx=\"{}\" {paint}/>",
                h / 2
            )
        }
        NodeKind::Fact => format!(
            "<rect width=\"{w}\" height=\"{h}\" {paint}/><rect x=\"3\" y=\"3\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"{stroke}\"/>",
            w - 6,
            h - 6
        ),
        _ => format!("<rect width=\"{w}\" height=\"{h}\" rx=\"3\" {paint}/>"),
    }
}

fn draw_nodes(out: &mut String, g: &Graph, l: &Layout, sizes: &[(i64, i64)], prefix: &str) {
    out.push_str("<g class=\"nodes\">\n");
    for (i, n) in g.nodes.iter().enumerate() {
        let (x, y) = l.at[i];
        let (w, h) = sizes[i];
        let caption = Graph::caption(n);
        let place = n
            .place
            .as_ref()
            .map(|p| format!(" ({}:{})", p.file, p.line))
            .unwrap_or_default();
        let (_, ink) = fill(n.likelihood);
        let _ = writeln!(
            out,
            "<g class=\"node {}\" id=\"{prefix}{}\" transform=\"translate({x},{y})\"{}><title>{}</title>{}",
            escape::xml(&n.kind.word().replace(' ', "-")),
            n.id,
            faded(g, n.highlight),
            escape::xml(&format!("{}: {caption}{place}", n.label)),
            outline(n, w, h)
        );
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"17\" font-size=\"12\" text-anchor=\"middle\" fill=\"{ink}\">{}</text><text x=\"{}\" y=\"32\" font-size=\"10\" text-anchor=\"middle\" fill=\"{ink}\">{}</text></g>",
            w / 2,
            escape::xml(&drawn(&n.label)),
            w / 2,
            escape::xml(&drawn(&caption))
        );
    }
    out.push_str("</g>\n");
}

/// The key: what dashes, dots and thick lines mean, and (for a scenario or a proof) the
/// likelihood palette, each swatch named.
fn legend(out: &mut String, mode: Mode, top: i64) {
    let _ = writeln!(
        out,
        "<g class=\"legend\" font-size=\"11\" transform=\"translate({MARGIN},{top})\">"
    );
    let lines = match mode {
        Mode::Model => {
            "key: solid arrow, a premise of the rule named on it; dashed, a `not` premise; dotted, a conclusion that can match the premise"
        }
        Mode::Scenario => {
            "key: solid arrow, a premise of the rule named on it; dashed, a `not` premise; fill, the likelihood (darker: more likely)"
        }
        Mode::Proof => {
            "key: thick outline and arrows, the strongest proof (its atoms say “in the proof”); faded, the rest of the scenario; dashed, a `not` premise; fill, the likelihood"
        }
    };
    let _ = writeln!(out, "<text x=\"0\" y=\"0\">{}</text>", escape::xml(lines));
    if mode != Mode::Model {
        for (i, level) in Likelihood::ALL.iter().enumerate() {
            let x = i64::try_from(i).unwrap_or(0) * 112;
            let (fill, ink) = fill(Some(*level));
            let _ = writeln!(
                out,
                "<g transform=\"translate({x},10)\"><rect width=\"108\" height=\"22\" fill=\"{fill}\" stroke=\"#333333\"/><text x=\"54\" y=\"15\" text-anchor=\"middle\" fill=\"{ink}\">{level}</text></g>"
            );
        }
    }
    out.push_str("</g>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_label_is_drawn_whole_up_to_the_limit_and_cut_past_it() {
        assert_eq!(MAX_DRAWN_CHARS, 64, "as docs/LIMITS.md says");
        for (len, shown) in [(63, 63), (64, 64), (65, 64)] {
            let label = "é".repeat(len);
            let out = drawn(&label);
            assert_eq!(out.chars().count(), shown, "{len}");
            assert_eq!(out.ends_with('…'), len > MAX_DRAWN_CHARS, "{len}");
        }
    }
}
