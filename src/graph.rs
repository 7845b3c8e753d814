//! Strongly connected components, the one graph algorithm both the checker (strata) and
//! the explainer (proof counting) need.

/// The strongly connected components of the graph whose node `v` has the successors
/// `succ[v]`: each node's component number, numbered so that every node reachable from a
/// component lies in a component of no higher number (Tarjan's order).
///
/// Tarjan's algorithm with a stack of its own rather than recursion: the graph comes from
/// the input, so its depth must not be the call stack's.
pub(crate) fn components(succ: &[Vec<usize>]) -> Vec<usize> {
    const UNSEEN: usize = usize::MAX;
    let n = succ.len();
    let (mut index, mut low, mut on_stack) = (vec![UNSEEN; n], vec![0; n], vec![false; n]);
    let (mut stack, mut comp, mut next_index, mut emitted) = (Vec::new(), vec![UNSEEN; n], 0, 0);
    for root in 0..n {
        if index[root] != UNSEEN {
            continue;
        }
        // Each frame: a node and the position of the next successor to visit.
        let mut frames = vec![(root, 0usize)];
        index[root] = next_index;
        low[root] = next_index;
        next_index += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (v, ref mut pos)) = frames.last_mut() {
            if let Some(&w) = succ[v].get(*pos) {
                *pos += 1;
                if index[w] == UNSEEN {
                    index[w] = next_index;
                    low[w] = next_index;
                    next_index += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    frames.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            frames.pop();
            if let Some(&(parent, _)) = frames.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    comp[w] = emitted;
                    if w == v {
                        break;
                    }
                }
                emitted += 1;
            }
        }
    }
    comp
}

#[cfg(test)]
mod tests {
    use super::components;

    #[test]
    fn a_cycle_is_one_component_after_what_it_reaches() {
        // 0 -> 1 -> 2 -> 1, 2 -> 3
        let c = components(&[vec![1], vec![2], vec![1, 3], vec![]]);
        assert_eq!(c[1], c[2]);
        assert!(c[3] < c[1] && c[1] < c[0]);
    }

    #[test]
    fn a_long_chain_needs_no_deep_stack() {
        let n = 200_000;
        let succ: Vec<Vec<usize>> = (0..n)
            .map(|v| if v + 1 < n { vec![v + 1] } else { vec![] })
            .collect();
        let c = components(&succ);
        assert_eq!(c[n - 1], 0);
        assert_eq!(c[0], n - 1);
    }
}
