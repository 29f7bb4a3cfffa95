//! Bounds on live event streams: how many one applicant may hold open at once, and how
//! often an open stream re-checks that its session still exists.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::Error;

/// What a refused stream is told to wait, in seconds.
const RETRY_AFTER_SECS: u64 = 30;

/// A timer that fires every `every`, first after one period: when an open stream re-checks
/// its session.
pub fn recheck_timer(every: Duration) -> tokio::time::Interval {
    tokio::time::interval_at(tokio::time::Instant::now() + every, every)
}

/// Open streams per key (an applicant id), at most `max` each.
pub struct StreamSlots {
    max: u32,
    open: Arc<Mutex<HashMap<String, u32>>>,
}

/// One open stream's place; freed when the stream is dropped (the client went away or the
/// stream ended).
pub struct StreamSlot {
    open: Arc<Mutex<HashMap<String, u32>>>,
    key: String,
}

impl StreamSlots {
    pub fn new(max: u32) -> Self {
        StreamSlots {
            max,
            open: Arc::default(),
        }
    }

    /// A slot for one more stream of `key`, or 429 when it already has `max` open.
    pub fn take(&self, key: &str) -> Result<StreamSlot, Error> {
        let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        let count = open.entry(key.to_owned()).or_default();
        if *count >= self.max {
            return Err(Error::TooManyRequests(RETRY_AFTER_SECS));
        }
        *count += 1;
        Ok(StreamSlot {
            open: self.open.clone(),
            key: key.to_owned(),
        })
    }
}

impl Drop for StreamSlot {
    fn drop(&mut self) {
        let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(count) = open.get_mut(&self.key) {
            *count = count.saturating_sub(1);
            if *count == 0 {
                open.remove(&self.key);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_most_max_streams_per_key_and_dropping_one_frees_its_place() {
        let slots = StreamSlots::new(2);
        let a = slots.take("a").unwrap();
        let _b = slots.take("a").unwrap();
        assert!(slots.take("a").is_err());
        let _other = slots.take("b").unwrap();
        drop(a);
        let _c = slots.take("a").unwrap();
        assert!(slots.take("a").is_err());
    }
}
