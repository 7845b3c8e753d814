//! Combinations of a fixed size, in lexicographic order: the sets of changes why-not's
//! nearest misses and abduction try, smallest first.

/// Advances `pick` (strictly increasing indices below `n`) to the next combination of its
/// size out of `n`, in lexicographic order; false when it was the last.
pub(crate) fn next_combination(pick: &mut [usize], n: usize) -> bool {
    let k = pick.len();
    for i in (0..k).rev() {
        if pick[i] < n - k + i {
            pick[i] += 1;
            for j in i + 1..k {
                pick[j] = pick[j - 1] + 1;
            }
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::next_combination;

    #[test]
    fn every_combination_once_in_order() {
        let mut pick = vec![0, 1];
        let mut seen = vec![pick.clone()];
        while next_combination(&mut pick, 4) {
            seen.push(pick.clone());
        }
        let want = [[0, 1], [0, 2], [0, 3], [1, 2], [1, 3], [2, 3]];
        assert_eq!(seen, want.map(|p| p.to_vec()));
    }

    #[test]
    fn the_whole_set_is_its_only_combination() {
        let mut pick = vec![0, 1, 2];
        assert!(!next_combination(&mut pick, 3));
    }
}
