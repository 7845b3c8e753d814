//! The benches' one random source: xorshift64, so every run measures the same inputs.

/// xorshift64 from a fixed seed.
pub struct Rng(pub u64);

impl Rng {
    /// A number below `n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        usize::try_from(self.0 % u64::try_from(n).unwrap_or(u64::MAX)).unwrap_or(0)
    }
}
