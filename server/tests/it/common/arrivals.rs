//! Counting requests against a per-second limit (Smile allows 20 a second); the benches
//! (`examples/support`) count with it too.

/// The most arrivals (µs) within any 1-second window, whichever arrival it starts at.
pub fn busiest_second(mut at_micros: Vec<u64>) -> usize {
    at_micros.sort_unstable();
    let mut first = 0;
    let mut most = 0;
    for last in 0..at_micros.len() {
        while at_micros[last] - at_micros[first] >= 1_000_000 {
            first += 1;
        }
        most = most.max(last - first + 1);
    }
    most
}
