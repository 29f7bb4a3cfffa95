//! A benchmark's latencies and their quantiles.

use std::time::Duration;

/// Latencies, in ascending order.
pub struct Latencies(Vec<Duration>);

impl From<Vec<Duration>> for Latencies {
    fn from(mut samples: Vec<Duration>) -> Self {
        samples.sort();
        Self(samples)
    }
}

impl Latencies {
    /// The latency that a share `q` (0 to 1) of the samples stays under: 0.5 is the median.
    pub fn quantile(&self, q: f64) -> Duration {
        let last = self.0.len() - 1;
        self.0[((self.0.len() as f64 * q) as usize).min(last)]
    }
}
