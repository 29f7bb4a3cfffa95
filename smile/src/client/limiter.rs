//! Client-side rate limit: a sliding-window log on tokio time.
//!
//! Written here rather than taken from `governor`: it is ~30 lines, has no dependencies
//! beyond tokio, and a log of send times states the guarantee directly ("at most N sends
//! in any window"), where a GCRA would need care to prove the same for bursts.

use std::collections::VecDeque;
use std::time::Duration;

use tokio::sync::Mutex;
use tokio::time::Instant;

/// At most `max_requests` requests per rolling `window`, across every task using the client.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RateLimit {
    /// Requests allowed per window (0 disables the limit).
    pub max_requests: u32,
    /// The window.
    pub window: Duration,
}

impl Default for RateLimit {
    /// Smile allows 20 requests per second per IP. The window is padded by 100 ms so that
    /// jitter between leaving here and arriving there cannot squeeze 21 into one second.
    fn default() -> Self {
        RateLimit {
            max_requests: 20,
            window: Duration::from_millis(1100),
        }
    }
}

/// The shared limiter: the send times within the last window, oldest first.
#[derive(Debug)]
pub(crate) struct RateLimiter {
    limit: RateLimit,
    sent: Mutex<VecDeque<Instant>>,
}

impl RateLimiter {
    pub(crate) fn new(limit: RateLimit) -> Self {
        RateLimiter {
            limit,
            sent: Mutex::new(VecDeque::new()),
        }
    }

    /// Waits until one more request fits in the window, then records it.
    ///
    /// The lock is held while waiting: tokio's mutex is fair, so waiters are served in
    /// arrival order and none can overtake a sleeper.
    pub(crate) async fn acquire(&self) {
        let max = self.limit.max_requests as usize;
        if max == 0 {
            return;
        }
        let mut sent = self.sent.lock().await;
        loop {
            let now = Instant::now();
            while sent
                .front()
                .is_some_and(|first| now.duration_since(*first) >= self.limit.window)
            {
                sent.pop_front();
            }
            if sent.len() < max {
                sent.push_back(now);
                return;
            }
            if let Some(first) = sent.front() {
                tokio::time::sleep_until(*first + self.limit.window).await;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn never_more_than_max_in_any_window() {
        let limiter = std::sync::Arc::new(RateLimiter::new(RateLimit {
            max_requests: 5,
            window: Duration::from_millis(100),
        }));
        let start = Instant::now();
        let tasks: Vec<_> = (0..17)
            .map(|_| {
                let limiter = limiter.clone();
                tokio::spawn(async move {
                    limiter.acquire().await;
                    Instant::now()
                })
            })
            .collect();
        let mut grants = Vec::new();
        for task in tasks {
            grants.push(task.await.unwrap());
        }
        grants.sort();
        for (i, first) in grants.iter().enumerate() {
            let in_window = grants[i..]
                .iter()
                .take_while(|t| t.duration_since(*first) < Duration::from_millis(100))
                .count();
            assert!(in_window <= 5, "{in_window} grants within one window");
        }
        // 17 grants at 5 per window need at least 3 full windows.
        assert!(start.elapsed() >= Duration::from_millis(300));
    }
}
