//! Retry policy: which failures are worth another attempt, and how long to wait first.

use std::time::Duration;

/// Whether sending a request twice is harmless.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Replay {
    /// Reads, deletes, token refreshes: a duplicate does no harm.
    Safe,
    /// Creates (`POST /users`, `POST /webhooks`): a duplicate makes a second resource, so
    /// only failures where Smile certainly did nothing are retried.
    Unsafe,
}

/// When and how often a failed request is tried again.
///
/// Retried: connection failures (nothing was sent), and HTTP 408, 429, 502, 503, 504 —
/// except that creates are not retried on 502/504 or on timeouts, where Smile may have
/// carried them out (see [`super::SmileError::is_ambiguous`]). The wait is capped
/// exponential back-off with full jitter, or Smile's `Retry-After` when it sends one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included (default 3; 1 disables retries).
    pub max_attempts: u32,
    /// Back-off before the first retry is drawn from `0..=base_delay` (default 200 ms),
    /// doubling per retry.
    pub base_delay: Duration,
    /// Ceiling of the back-off (default 5 s).
    pub max_delay: Duration,
    /// Longest `Retry-After` honoured (default 60 s); a longer one ends the call with
    /// [`super::SmileError::RetryAfterTooLong`].
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            base_delay: Duration::from_millis(200),
            max_delay: Duration::from_secs(5),
            max_retry_after: Duration::from_secs(60),
        }
    }
}

impl RetryPolicy {
    /// The ceiling of the wait before retry number `retry` (1-based):
    /// `min(max_delay, base_delay × 2^(retry-1))`.
    pub fn ceiling(&self, retry: u32) -> Duration {
        let factor = 1u32
            .checked_shl(retry.saturating_sub(1))
            .unwrap_or(u32::MAX);
        self.base_delay
            .checked_mul(factor)
            .unwrap_or(self.max_delay)
            .min(self.max_delay)
    }

    /// A full-jitter wait before retry number `retry`: uniform in `0..=ceiling(retry)`.
    pub fn backoff(&self, retry: u32) -> Duration {
        let ceiling = u64::try_from(self.ceiling(retry).as_nanos()).unwrap_or(u64::MAX);
        Duration::from_nanos(fastrand::u64(0..=ceiling))
    }
}

/// Whether an HTTP status is worth another attempt.
pub(crate) fn retryable_status(status: u16, replay: Replay) -> bool {
    match status {
        // Rejected before any work: safe for everything.
        408 | 429 | 503 => true,
        // A gateway gave up; Smile may have done the work.
        502 | 504 => replay == Replay::Safe,
        _ => false,
    }
}

/// Parses `Retry-After` given in seconds (`"2"`, `"1.5"`). HTTP-date values are not
/// supported (Smile documents no `Retry-After` at all) and yield `None`, i.e. back-off.
pub(crate) fn parse_retry_after(value: &str) -> Option<Duration> {
    let seconds: f64 = value.trim().parse().ok()?;
    if seconds.is_finite() && seconds >= 0.0 {
        Duration::try_from_secs_f64(seconds).ok()
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_is_capped_exponential_with_full_jitter() {
        let policy = RetryPolicy {
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_millis(350),
            ..RetryPolicy::default()
        };
        assert_eq!(policy.ceiling(1), Duration::from_millis(100));
        assert_eq!(policy.ceiling(2), Duration::from_millis(200));
        assert_eq!(policy.ceiling(3), Duration::from_millis(350));
        assert_eq!(policy.ceiling(40), Duration::from_millis(350));
        let draws: Vec<_> = (0..200).map(|_| policy.backoff(2)).collect();
        assert!(draws.iter().all(|d| *d <= Duration::from_millis(200)));
        // Full jitter: the draws spread over the range rather than sitting at the ceiling.
        assert!(draws.iter().any(|d| *d < Duration::from_millis(100)));
    }

    #[test]
    fn retryable_statuses() {
        for s in [408, 429, 502, 503, 504] {
            assert!(retryable_status(s, Replay::Safe), "{s}");
        }
        for s in [400, 401, 403, 404, 409, 415, 500, 501] {
            assert!(!retryable_status(s, Replay::Safe), "{s}");
        }
        assert!(retryable_status(503, Replay::Unsafe));
        assert!(!retryable_status(502, Replay::Unsafe));
        assert!(!retryable_status(504, Replay::Unsafe));
    }

    #[test]
    fn retry_after_seconds() {
        assert_eq!(parse_retry_after("2"), Some(Duration::from_secs(2)));
        assert_eq!(
            parse_retry_after(" 1.5 "),
            Some(Duration::from_millis(1500))
        );
        assert_eq!(parse_retry_after("-1"), None);
        assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), None);
    }
}
