//! The request log (`GET /_emulator/requests`): when each Open API and Link API request
//! arrived, so a test can check what a client sent — e.g. that it never exceeded Smile's
//! 20 requests per second — without a proxy in between.

use parking_lot::Mutex;
use std::collections::VecDeque;
use std::time::Instant;

use serde::Serialize;

use crate::clock;

/// Most requests kept; the oldest are dropped first (a long-running emulator stays small).
pub const REQUEST_LOG_LIMIT: usize = 100_000;

/// A line of the request log.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestRecord {
    /// HTTP method.
    pub method: String,
    /// Path relative to the emulator's root, without the query string.
    pub path: String,
    /// Arrival, in microseconds since the emulator started, on a monotonic clock: exact
    /// for measuring rates, unlike wall time.
    pub at_micros: u64,
    /// Arrival, wall time (RFC 3339), for reading.
    pub at: String,
}

/// Arrivals of every request the fault rules see (everything but `/_emulator` and CORS
/// preflights), recorded before any fault is applied.
#[derive(Debug)]
pub struct RequestLog {
    started: Instant,
    log: Mutex<VecDeque<RequestRecord>>,
}

impl Default for RequestLog {
    fn default() -> Self {
        RequestLog {
            started: Instant::now(),
            log: Mutex::new(VecDeque::new()),
        }
    }
}

impl RequestLog {
    /// Records one arrival.
    pub fn record(&self, method: &str, path: &str) {
        let at_micros = u64::try_from(self.started.elapsed().as_micros()).unwrap_or(u64::MAX);
        let mut log = self.log.lock();
        if log.len() >= REQUEST_LOG_LIMIT {
            log.pop_front();
        }
        log.push_back(RequestRecord {
            method: method.to_owned(),
            path: path.to_owned(),
            at_micros,
            at: clock::now_string(),
        });
    }

    /// Every recorded arrival, oldest first.
    pub fn all(&self) -> Vec<RequestRecord> {
        self.log.lock().iter().cloned().collect()
    }

    /// Forgets every arrival.
    pub fn clear(&self) {
        self.log.lock().clear();
    }
}
