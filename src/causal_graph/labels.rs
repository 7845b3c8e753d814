//! Where each edge's label goes in the SVG: on the first stretch of its curve (where the
//! edge leaves its premise), at the first of several points along it, above or below the
//! line, where the label's box meets no label placed before it and no node; failing that,
//! where it meets no label; failing that, where it meets the fewest. Boxes are estimated
//! from the character count ([`CHAR_WIDTH`] per character at the labels' 10-pixel font),
//! the same estimate the tests measure overlaps with.

use crate::hash::HashMap;

/// The advance allowed per character of a label, in pixels (Helvetica at 10 pixels
/// averages under 6).
pub const CHAR_WIDTH: i64 = 6;
/// Above and below a label's baseline, in pixels.
pub const ASCENT: i64 = 8;
/// Below a label's baseline, in pixels.
pub const DESCENT: i64 = 2;

/// A box: left, top, right, bottom.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rect(pub i64, pub i64, pub i64, pub i64);

impl Rect {
    /// Whether the two boxes share some area.
    pub fn meets(&self, other: &Rect) -> bool {
        self.0 < other.2 && other.0 < self.2 && self.1 < other.3 && other.1 < self.3
    }

    /// The box of a label of `chars` characters centred on `x` with its baseline at `y`.
    pub fn label(x: i64, y: i64, chars: i64) -> Rect {
        let half = chars * CHAR_WIDTH / 2 + 1;
        Rect(x - half, y - ASCENT, x + half, y + DESCENT)
    }
}

/// The cubic Bézier of a curve's first stretch: its four control points.
pub type Stretch = [(i64, i64); 4];

/// Points along the stretch tried in turn, in thousandths of its parameter.
const ALONG: [i64; 9] = [500, 400, 600, 300, 700, 200, 800, 350, 650];
/// Baseline offsets from the curve tried at each point: just above it, just below, then
/// a line further off each way.
const ACROSS: [i64; 4] = [-4, 12, -15, 23];
/// The side of a cell of the grid that finds nearby boxes.
const CELL: i64 = 64;

/// The point of the Bézier at parameter `t` thousandths.
fn at(s: &Stretch, t: i64) -> (i64, i64) {
    let u = 1000 - t;
    let w = [u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t];
    let total: i64 = 1_000_000_000;
    let mut x = 0;
    let mut y = 0;
    for (k, p) in s.iter().enumerate() {
        x += w[k] * p.0;
        y += w[k] * p.1;
    }
    (x.div_euclid(total), y.div_euclid(total))
}

/// Boxes in a grid of [`CELL`]-pixel cells.
#[derive(Default)]
struct Grid {
    cells: HashMap<(i64, i64), Vec<usize>>,
    boxes: Vec<Rect>,
}

impl Grid {
    fn cells(r: &Rect) -> impl Iterator<Item = (i64, i64)> {
        let (cx0, cx1) = (r.0.div_euclid(CELL), r.2.div_euclid(CELL));
        let (cy0, cy1) = (r.1.div_euclid(CELL), r.3.div_euclid(CELL));
        (cx0..=cx1).flat_map(move |x| (cy0..=cy1).map(move |y| (x, y)))
    }

    fn add(&mut self, r: Rect) {
        let i = self.boxes.len();
        self.boxes.push(r);
        for c in Self::cells(&r) {
            self.cells.entry(c).or_default().push(i);
        }
    }

    /// How many boxes `r` meets.
    fn meets(&self, r: &Rect) -> usize {
        let mut hit: Vec<usize> = Self::cells(r)
            .filter_map(|c| self.cells.get(&c))
            .flatten()
            .copied()
            .filter(|&i| self.boxes[i].meets(r))
            .collect();
        hit.sort_unstable();
        hit.dedup();
        hit.len()
    }
}

/// A place tried: how many labels and nodes its box meets, the baseline centre, the box.
type Candidate = ((usize, usize), (i64, i64), Rect);

/// The baseline centre of each label: `labels[i]` is the stretch and character count of
/// edge `i`'s label, none for an edge drawn without one; `nodes` the boxes of the nodes.
/// Labels are placed in order, so the result depends on nothing but the input.
pub fn place(labels: &[Option<(Stretch, i64)>], nodes: &[Rect]) -> Vec<Option<(i64, i64)>> {
    let mut node_grid = Grid::default();
    for n in nodes {
        node_grid.add(*n);
    }
    let mut placed = Grid::default();
    labels
        .iter()
        .map(|label| {
            let (stretch, chars) = label.as_ref()?;
            let mut best: Option<Candidate> = None;
            'search: for t in ALONG {
                let (x, y) = at(stretch, t);
                for dy in ACROSS {
                    let r = Rect::label(x, y + dy, *chars);
                    let cost = (placed.meets(&r), node_grid.meets(&r));
                    if best.as_ref().is_none_or(|(c, _, _)| cost < *c) {
                        best = Some((cost, (x, y + dy), r));
                    }
                    if cost == (0, 0) {
                        break 'search;
                    }
                }
            }
            let (_, point, r) = best?;
            placed.add(r);
            Some(point)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_of_edges_leaving_one_point_are_spread_apart() {
        // Five edges leaving one point along the same line: each label finds its own room.
        let s: Stretch = [(0, 0), (100, 0), (100, 0), (200, 0)];
        let labels: Vec<Option<(Stretch, i64)>> = (0..5).map(|_| Some((s, 4))).collect();
        let at = place(&labels, &[]);
        let boxes: Vec<Rect> = at
            .iter()
            .map(|p| {
                let (x, y) = p.expect("placed");
                Rect::label(x, y, 4)
            })
            .collect();
        for (i, a) in boxes.iter().enumerate() {
            for b in &boxes[i + 1..] {
                assert!(!a.meets(b), "{a:?} {b:?}");
            }
        }
        // The first sits in the middle, above the line.
        assert_eq!(at[0], Some((100, -4)));
        // A node in the way pushes it elsewhere.
        let moved = place(&labels[..1], &[Rect(80, -20, 120, 0)]);
        assert_ne!(moved[0], Some((100, -4)));
        // The Bézier's ends and middle.
        assert_eq!(super::at(&s, 0), (0, 0));
        assert_eq!(super::at(&s, 1000), (200, 0));
        assert_eq!(super::at(&s, 500), (100, 0));
    }
}
