//! A small layered (Sugiyama-style) layout, left to right, for the SVG augur draws itself:
//!
//! 1. cycles broken: a depth-first search from each node in order reverses the edges
//!    that close a cycle (for the layering only; they are drawn as they are);
//! 2. layers: each node one column right of its furthest predecessor (longest path), a
//!    node without predecessors just left of its nearest successor;
//! 3. long edges split: an edge across several columns gets a point in each column it
//!    crosses (a "dummy" node, ordered like the others), so it bends around the boxes
//!    instead of through them;
//! 4. order in a column: four sweeps of the barycenter heuristic, left to right and back,
//!    each node moved to the mean position of its neighbours in the previous column, ties
//!    kept in the order they had (so the result is the same on every run);
//! 5. coordinates: columns as wide as their widest node, nodes stacked in each column and
//!    the column centred on the tallest.
//!
//! Everything is integer arithmetic on sizes the caller gives, so the same graph always
//! lays out the same.

/// Where each node goes: its top-left corner; where each edge bends; and the size of the
/// whole drawing.
pub(super) struct Layout {
    /// Each node's top-left corner, by node index.
    pub at: Vec<(i64, i64)>,
    /// Each edge's bend points, from its source's column to its target's (in the edge's
    /// own direction), by edge index: empty for an edge between neighbouring columns.
    pub bends: Vec<Vec<(i64, i64)>>,
    /// The width of the drawing.
    pub width: i64,
    /// The height of the drawing.
    pub height: i64,
}

/// Space between columns (edge labels sit there) and between nodes in a column.
const COLUMN_GAP: i64 = 150;
const ROW_GAP: i64 = 18;
/// The height a bend point takes in its column.
const BEND_HEIGHT: i64 = 6;
/// How many barycenter sweeps each way.
const SWEEPS: usize = 4;

/// Lays out `sizes.len()` nodes (each `(width, height)`) joined by `edges` (`from`, `to`
/// indices; self-loops ignored).
pub(super) fn layout(sizes: &[(i64, i64)], edges: &[(usize, usize)]) -> Layout {
    let n = sizes.len();
    let dag = acyclic(n, edges);
    let column = columns(n, &dag);
    // Every pair the DAG joins across more than one column gets a chain of bend points.
    let mut sizes = sizes.to_vec();
    let mut column = column;
    let mut chains: std::collections::BTreeMap<(usize, usize), Vec<usize>> = Default::default();
    let mut links: Vec<(usize, usize)> = Vec::new();
    for &(a, b) in &dag {
        let mut chain = Vec::new();
        let mut last = a;
        for c in column[a] + 1..column[b] {
            let bend = sizes.len();
            sizes.push((0, BEND_HEIGHT));
            column.push(c);
            links.push((last, bend));
            chain.push(bend);
            last = bend;
        }
        links.push((last, b));
        chains.insert((a, b), chain);
    }
    let all = sizes.len();
    let columns_n = column.iter().max().map_or(0, |m| m + 1);
    let mut order: Vec<Vec<usize>> = vec![Vec::new(); columns_n];
    for (v, &c) in column.iter().enumerate() {
        order[c].push(v);
    }
    let mut preds: Vec<Vec<usize>> = vec![Vec::new(); all];
    let mut succs: Vec<Vec<usize>> = vec![Vec::new(); all];
    for &(a, b) in &links {
        preds[b].push(a);
        succs[a].push(b);
    }
    for _ in 0..SWEEPS {
        for c in 1..columns_n {
            reorder(&mut order, c, &preds);
        }
        for c in (0..columns_n.saturating_sub(1)).rev() {
            reorder(&mut order, c, &succs);
        }
    }
    let (mut at, width, height) = place(&sizes, &order);
    let centre = |v: usize, at: &[(i64, i64)]| (at[v].0, at[v].1 + BEND_HEIGHT / 2);
    let bends = edges
        .iter()
        .map(|&(a, b)| {
            if let Some(chain) = chains.get(&(a, b)) {
                chain.iter().map(|&v| centre(v, &at)).collect()
            } else if let Some(chain) = chains.get(&(b, a)) {
                chain.iter().rev().map(|&v| centre(v, &at)).collect()
            } else {
                Vec::new()
            }
        })
        .collect();
    at.truncate(n);
    Layout {
        at,
        bends,
        width,
        height,
    }
}

/// The edges with those closing a cycle reversed, self-loops dropped: an iterative
/// depth-first search from each node in order.
fn acyclic(n: usize, edges: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut out_edges: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(a, b) in edges {
        if a != b && a < n && b < n {
            out_edges[a].push(b);
        }
    }
    // 0: unvisited, 1: on the stack, 2: done.
    let mut state = vec![0u8; n];
    let mut dag = Vec::new();
    for root in 0..n {
        if state[root] != 0 {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
        state[root] = 1;
        while let Some(&mut (v, ref mut next)) = stack.last_mut() {
            if let Some(&w) = out_edges[v].get(*next) {
                *next += 1;
                match state[w] {
                    0 => {
                        dag.push((v, w));
                        state[w] = 1;
                        stack.push((w, 0));
                    }
                    1 => dag.push((w, v)),
                    _ => dag.push((v, w)),
                }
            } else {
                state[v] = 2;
                stack.pop();
            }
        }
    }
    dag.sort_unstable();
    dag.dedup();
    dag
}

/// Each node's column: the longest path to it from a node with no predecessor (Kahn's
/// order, smallest index first).
fn columns(n: usize, dag: &[(usize, usize)]) -> Vec<usize> {
    let mut indegree = vec![0usize; n];
    let mut succs: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(a, b) in dag {
        indegree[b] += 1;
        succs[a].push(b);
    }
    let sources: Vec<usize> = (0..n).filter(|&v| indegree[v] == 0).collect();
    let mut ready: std::collections::BTreeSet<usize> = sources.iter().copied().collect();
    let mut column = vec![0usize; n];
    while let Some(v) = ready.pop_first() {
        for &w in &succs[v] {
            column[w] = column[w].max(column[v] + 1);
            indegree[w] -= 1;
            if indegree[w] == 0 {
                ready.insert(w);
            }
        }
    }
    // A node nothing leads to (a fact, an assumption) sits just left of the nearest node
    // it leads to, not in the first column, so that its edges stay short.
    for v in sources {
        if let Some(nearest) = succs[v].iter().map(|&w| column[w]).min() {
            column[v] = nearest.saturating_sub(1);
        }
    }
    column
}

/// Sorts column `c` by the mean position of each node's `neighbours` (in whatever column
/// they are); a node without any keeps its place. Stable, so ties keep their order.
fn reorder(order: &mut [Vec<usize>], c: usize, neighbours: &[Vec<usize>]) {
    let mut position = vec![0usize; neighbours.len()];
    for col in order.iter() {
        for (i, &v) in col.iter().enumerate() {
            position[v] = i;
        }
    }
    // Positions scaled by the count, so the comparison stays in integers: key = sum / count
    // compared as sum_a * count_b against sum_b * count_a.
    let mut keyed: Vec<(usize, usize, usize)> = order[c]
        .iter()
        .enumerate()
        .map(|(i, &v)| {
            let ns = &neighbours[v];
            if ns.is_empty() {
                (v, i, 1)
            } else {
                let sum: usize = ns.iter().map(|&w| position[w]).sum();
                (v, sum, ns.len())
            }
        })
        .collect();
    keyed.sort_by(|a, b| (a.1 * b.2).cmp(&(b.1 * a.2)));
    order[c] = keyed.into_iter().map(|(v, _, _)| v).collect();
}

/// Coordinates: columns left to right, each as wide as its widest node; nodes top to
/// bottom in their order, each column centred on the tallest. A bend point (width 0) sits
/// in the middle of its column. The corners, the width and the height.
fn place(sizes: &[(i64, i64)], order: &[Vec<usize>]) -> (Vec<(i64, i64)>, i64, i64) {
    let mut at = vec![(0, 0); sizes.len()];
    let heights: Vec<i64> = order
        .iter()
        .map(|col| col.iter().map(|&v| sizes[v].1 + ROW_GAP).sum::<i64>() - ROW_GAP)
        .collect();
    let tallest = heights.iter().copied().max().unwrap_or(0).max(0);
    let mut x = 0;
    let mut width = 0;
    for (c, col) in order.iter().enumerate() {
        let col_width = col.iter().map(|&v| sizes[v].0).max().unwrap_or(0);
        let mut y = (tallest - heights[c]) / 2;
        for &v in col {
            at[v] = (x + (col_width - sizes[v].0) / 2, y);
            y += sizes[v].1 + ROW_GAP;
        }
        width = x + col_width;
        x += col_width + COLUMN_GAP;
    }
    (at, width, tallest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chain_goes_left_to_right_and_a_cycle_still_lays_out() {
        let sizes = [(100, 30); 3];
        let column = |edges: &[(usize, usize)]| columns(3, &acyclic(3, edges));
        let l = layout(&sizes, &[(0, 1), (1, 2)]);
        assert_eq!(column(&[(0, 1), (1, 2)]), vec![0, 1, 2]);
        assert!(l.at[0].0 < l.at[1].0 && l.at[1].0 < l.at[2].0);
        let cycle = [(0, 1), (1, 2), (2, 0), (1, 1)];
        assert_eq!(
            column(&cycle),
            vec![0, 1, 2],
            "the edge back to 0 is reversed"
        );
        let _ = layout(&sizes, &cycle);
        // A source feeding only a later column moves next to it.
        assert_eq!(column(&[(0, 1), (1, 2)]), vec![0, 1, 2]);
        assert_eq!(
            columns(3, &acyclic(3, &[(0, 1), (1, 2), (0, 2)])),
            vec![0, 1, 2]
        );
        assert_eq!(
            columns(4, &acyclic(4, &[(0, 1), (1, 2), (3, 2)])),
            vec![0, 1, 2, 1]
        );
        // A node with two parents sits right of both.
        let l = layout(&sizes, &[(0, 2), (1, 2)]);
        assert_eq!(column(&[(0, 2), (1, 2)]), vec![0, 0, 1]);
        assert!(
            l.at[0].1 != l.at[1].1,
            "two nodes of a column do not overlap"
        );
    }

    #[test]
    fn a_long_edge_bends_once_in_each_column_it_crosses() {
        // 0 -> 1 -> 2 -> 3 and 0 -> 3: the long edge crosses columns 1 and 2.
        let sizes = [(40, 20); 4];
        let l = layout(&sizes, &[(0, 1), (1, 2), (2, 3), (0, 3), (3, 0)]);
        assert!(l.bends[0].is_empty());
        assert_eq!(l.bends[3].len(), 2);
        assert!(l.bends[3][0].0 < l.bends[3][1].0, "left to right");
        // The edge back from 3 to 0 (reversed for layering) bends right to left.
        assert_eq!(l.bends[4].len(), 2);
        assert!(l.bends[4][0].0 > l.bends[4][1].0);
        // Bend points sit between the columns' nodes, never on one.
        for &(x, y) in &l.bends[3] {
            for (i, &(nx, ny)) in l.at.iter().enumerate() {
                let inside = x >= nx && x <= nx + 40 && y >= ny && y <= ny + 20;
                assert!(!inside, "bend ({x}, {y}) on node {i}");
            }
        }
    }

    #[test]
    fn barycenters_uncross_two_parallel_edges() {
        // 0 -> 3 and 1 -> 2: the second column is reordered to 3, 2.
        let sizes = [(50, 20); 4];
        let l = layout(&sizes, &[(0, 3), (1, 2)]);
        assert!(l.at[3].1 < l.at[2].1);
    }
}
