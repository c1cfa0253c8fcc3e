//! A small deterministic random sequence (xorshift), so that a failure can be replayed;
//! shared by the crash test and the benchmark.

/// The generator's state; any non-zero seed.
pub struct Rng(pub u64);

impl Rng {
    /// The next number of the sequence.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number in `lo..hi`, in steps of a ten-thousandth of the range.
    #[allow(dead_code)]
    pub fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (self.next() % 10_000) as f64 / 10_000.0 * (hi - lo)
    }
}
