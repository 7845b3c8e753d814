//! Edit distances from one pattern to many texts, 64 cells of a column at a time: Myers'
//! bit-vector algorithm (1999) in blocks, with Hyyrö's extension (2003) for swaps of two
//! neighbours. The answers are those of the textbook dynamic programme
//! ([`super::suggest::edit_distance`], and the approximate search of
//! [`super::quotes`]); the time is the text's length times the pattern's in 64s, so
//! finding a quote in a document of megabytes stays a matter of milliseconds.

use crate::hash::HashMap;

/// A pattern prepared for matching: per distinct character, the rows where it occurs, in
/// blocks of 64.
pub struct Pattern {
    len: usize,
    blocks: usize,
    /// The block of the rows where each character occurs, `blocks` words per character.
    rows: Vec<u64>,
    of: HashMap<char, usize>,
}

/// The vertical differences of one column, and what the next column needs of it.
struct Column {
    /// Rows where the cell is one more than the cell above.
    plus: Vec<u64>,
    /// Rows where it is one less.
    minus: Vec<u64>,
    /// Rows where the cell equals its diagonal neighbour up and left (for swaps).
    zero: Vec<u64>,
    /// The previous text character's rows (for swaps).
    before: Vec<u64>,
}

impl Pattern {
    /// Prepares `pattern`.
    pub fn new(pattern: impl IntoIterator<Item = char>) -> Self {
        let chars: Vec<char> = pattern.into_iter().collect();
        let blocks = chars.len().div_ceil(64).max(1);
        let mut of: HashMap<char, usize> = HashMap::default();
        let mut rows: Vec<u64> = Vec::new();
        for (i, &c) in chars.iter().enumerate() {
            let at = *of.entry(c).or_insert_with(|| {
                rows.extend(std::iter::repeat_n(0, blocks));
                rows.len() / blocks - 1
            });
            rows[at * blocks + i / 64] |= 1 << (i % 64);
        }
        Pattern {
            len: chars.len(),
            blocks,
            rows,
            of,
        }
    }

    fn rows_of(&self, c: char) -> Option<&[u64]> {
        let at = *self.of.get(&c)?;
        self.rows.get(at * self.blocks..(at + 1) * self.blocks)
    }

    fn column(&self) -> Column {
        Column {
            plus: vec![u64::MAX; self.blocks],
            minus: vec![0; self.blocks],
            zero: vec![0; self.blocks],
            before: vec![0; self.blocks],
        }
    }

    /// Advances `col` by one text character; returns how the last row's cell changed.
    /// `top` is the change along the first row (0 when a match may start anywhere, 1 for
    /// a whole-text distance); `swaps` counts a swap of two neighbours as one edit.
    fn step(&self, col: &mut Column, c: char, top: i32, swaps: bool) -> i32 {
        let eq = self.rows_of(c);
        let last = 1u64 << ((self.len.max(1) - 1) % 64);
        let (mut hin, mut swap_carry) = (top, 0u64);
        for b in 0..self.blocks {
            let e = eq.map_or(0, |e| e[b]);
            let (p, m) = (col.plus[b], col.minus[b]);
            let swap = if swaps {
                let lower = !col.zero[b] & e;
                let s = ((lower << 1) | swap_carry) & col.before[b];
                swap_carry = lower >> 63;
                s
            } else {
                0
            };
            let below_down = u64::from(hin < 0);
            let seeds = e | swap | below_down;
            let zero = ((((seeds & p).wrapping_add(p)) ^ p) | seeds) | m;
            let h_plus = m | !(zero | p);
            let h_minus = p & zero;
            let high = if b + 1 == self.blocks { last } else { 1 << 63 };
            let hout = i32::from(h_plus & high != 0) - i32::from(h_minus & high != 0);
            let h_plus = (h_plus << 1) | u64::from(hin > 0);
            let h_minus = (h_minus << 1) | below_down;
            col.plus[b] = h_minus | !(zero | h_plus);
            col.minus[b] = h_plus & zero;
            col.zero[b] = zero;
            col.before[b] = e;
            hin = hout;
        }
        hin
    }

    /// The edit distance (insertions, deletions and substitutions) from the pattern to the
    /// best substring of `text` ending at each position, minimised: the least distance and
    /// the first position (in characters, 0 for before the first) where it is reached.
    pub fn best_end(&self, text: impl IntoIterator<Item = char>) -> (usize, usize) {
        if self.len == 0 {
            return (0, 0);
        }
        let mut col = self.column();
        let mut score = self.len;
        let mut best = (score, 0);
        for (j, c) in text.into_iter().enumerate() {
            score = score.saturating_add_signed(self.step(&mut col, c, 0, false) as isize);
            if score < best.0 {
                best = (score, j + 1);
            }
        }
        best
    }

    /// The edit distance between the pattern and `text`, a swap of two neighbours counting
    /// as one edit (optimal string alignment), as [`super::suggest::edit_distance`].
    pub fn distance(&self, text: impl IntoIterator<Item = char>) -> usize {
        if self.len == 0 {
            return text.into_iter().count();
        }
        let mut col = self.column();
        let mut score = self.len;
        for c in text {
            score = score.saturating_add_signed(self.step(&mut col, c, 1, true) as isize);
        }
        score
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::program::suggest::edit_distance;

    /// The textbook approximate search: per end position, the least cost of aligning the
    /// whole pattern with a substring ending there.
    fn best_end_by_table(pattern: &str, text: &str) -> (usize, usize) {
        let p: Vec<char> = pattern.chars().collect();
        let t: Vec<char> = text.chars().collect();
        let mut row: Vec<usize> = vec![0; t.len() + 1];
        for (i, &q) in p.iter().enumerate() {
            let mut next = vec![i + 1; t.len() + 1];
            for j in 1..=t.len() {
                next[j] = (row[j - 1] + usize::from(t[j - 1] != q))
                    .min(row[j] + 1)
                    .min(next[j - 1] + 1);
            }
            row = next;
        }
        let (j, c) = row
            .iter()
            .enumerate()
            .min_by_key(|&(j, c)| (*c, j))
            .unwrap_or((0, &0));
        (*c, j)
    }

    fn word(max: usize) -> impl proptest::strategy::Strategy<Value = String> {
        // A small alphabet makes matches, swaps and long runs common; lengths cross the
        // 64-row blocks.
        proptest::collection::vec(proptest::sample::select(vec!['a', 'b', 'c', 'é']), 0..max)
            .prop_map(|v| v.into_iter().collect())
    }

    use proptest::strategy::Strategy;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        #[test]
        fn distance_is_the_tables(a in word(150), b in word(150)) {
            proptest::prop_assert_eq!(Pattern::new(a.chars()).distance(b.chars()), edit_distance(&a, &b));
        }

        #[test]
        fn best_end_is_the_tables(p in word(140), t in word(300)) {
            proptest::prop_assert_eq!(Pattern::new(p.chars()).best_end(t.chars()), best_end_by_table(&p, &t));
        }
    }

    #[test]
    fn known_distances() {
        let d = |a: &str, b: &str| Pattern::new(a.chars()).distance(b.chars());
        assert_eq!(d("kitten", "sitting"), 3);
        assert_eq!(d("sede", "seed"), 1);
        assert_eq!(d("", "abc"), 3);
        assert_eq!(d("abc", ""), 3);
        assert_eq!(d("ca", "abc"), 3);
    }
}
