//! Client-side rate limit: a sliding-window log on tokio time, shared by two classes of
//! work.
//!
//! Smile allows 20 requests per second per IP. Browser-driven (interactive) calls and
//! background work (webhook-triggered syncs, the reconciler, erasure's revocations) share
//! that budget, but interactive calls may use at most `max_requests - reserved` of any
//! window, so the reserved part (half) is always there for background work, which may
//! also use whatever interactive work leaves idle. The total never exceeds `max_requests`.
//! Interactive callers wait at most a deadline and then fail fast, so a flood of browser
//! requests cannot pile up behind the limit.
//!
//! Written here rather than taken from `governor`: governor's limiters are independent
//! GCRA cells, so two of them (one per class) cannot let background borrow idle
//! interactive capacity while keeping one joint cap, and its GCRA bursts make "at most N
//! sends in any rolling window" (what Smile enforces) a derived property rather than the
//! stated one. A log of send times per class states both guarantees directly.

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

impl RateLimit {
    /// Sends per window kept for background work: half, rounded down (so a limit of 1
    /// still lets interactive calls through).
    pub fn reserved_for_background(&self) -> u32 {
        self.max_requests / 2
    }

    /// Sends per window interactive calls may use at most.
    pub fn interactive_cap(&self) -> u32 {
        self.max_requests - self.reserved_for_background()
    }
}

/// Who a request is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Class {
    /// On a browser's behalf: bounded wait, capped share.
    Interactive,
    /// Background work: waits as long as needed, has a reserved share.
    Background,
}

/// Interactive calls gave up waiting for the limit (see [`RateLimiter::acquire`]).
#[derive(Debug)]
pub(crate) struct Saturated;

#[derive(Debug, Default)]
struct Log {
    /// Send times within the last window, oldest first, with their class.
    sent: VecDeque<(Instant, Class)>,
}

impl Log {
    fn prune(&mut self, now: Instant, window: Duration) {
        while self
            .sent
            .front()
            .is_some_and(|(at, _)| now.duration_since(*at) >= window)
        {
            self.sent.pop_front();
        }
    }

    /// `None` if `class` may send now; otherwise when to look again (an entry that blocks
    /// it leaves the window then).
    fn blocked_until(&self, class: Class, limit: &RateLimit) -> Option<Instant> {
        let max = limit.max_requests as usize;
        if self.sent.len() >= max {
            return self.sent.front().map(|(at, _)| *at + limit.window);
        }
        if class == Class::Interactive {
            let cap = limit.interactive_cap() as usize;
            let mut interactive = self.sent.iter().filter(|(_, c)| *c == Class::Interactive);
            if interactive.clone().count() >= cap {
                return interactive.next().map(|(at, _)| *at + limit.window);
            }
        }
        None
    }
}

/// The shared limiter.
#[derive(Debug)]
pub(crate) struct RateLimiter {
    limit: RateLimit,
    log: std::sync::Mutex<Log>,
    /// One queue per class: tokio's mutex is fair, so within a class waiters are served in
    /// arrival order and none can overtake a sleeper. Only each queue's head touches `log`.
    interactive: Mutex<()>,
    background: Mutex<()>,
}

impl RateLimiter {
    pub(crate) fn new(limit: RateLimit) -> Self {
        RateLimiter {
            limit,
            log: std::sync::Mutex::new(Log::default()),
            interactive: Mutex::new(()),
            background: Mutex::new(()),
        }
    }

    /// Waits until one more request of `class` fits, then records it. Interactive calls
    /// give up at `deadline` with [`Saturated`]; background calls never do.
    pub(crate) async fn acquire(
        &self,
        class: Class,
        deadline: Option<Instant>,
    ) -> Result<(), Saturated> {
        if self.limit.max_requests == 0 {
            return Ok(());
        }
        let wait = self.wait_turn(class);
        match deadline {
            Some(deadline) => tokio::time::timeout_at(deadline, wait)
                .await
                .map_err(|_| Saturated),
            None => {
                wait.await;
                Ok(())
            }
        }
    }

    async fn wait_turn(&self, class: Class) {
        let queue = match class {
            Class::Interactive => &self.interactive,
            Class::Background => &self.background,
        };
        let _head = queue.lock().await;
        loop {
            let retry_at = {
                let mut log = self.log.lock().unwrap_or_else(|e| e.into_inner());
                let now = Instant::now();
                log.prune(now, self.limit.window);
                match log.blocked_until(class, &self.limit) {
                    None => {
                        log.sent.push_back((now, class));
                        return;
                    }
                    Some(at) => at,
                }
            };
            tokio::time::sleep_until(retry_at).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    fn limiter(max_requests: u32, window_ms: u64) -> Arc<RateLimiter> {
        Arc::new(RateLimiter::new(RateLimit {
            max_requests,
            window: Duration::from_millis(window_ms),
        }))
    }

    fn max_in_any_window(grants: &[Instant], window: Duration) -> usize {
        let mut grants = grants.to_vec();
        grants.sort();
        (0..grants.len())
            .map(|i| {
                grants[i..]
                    .iter()
                    .take_while(|t| t.duration_since(grants[i]) < window)
                    .count()
            })
            .max()
            .unwrap_or(0)
    }

    #[tokio::test(start_paused = true)]
    async fn never_more_than_max_in_any_window() {
        let limiter = limiter(5, 100);
        let start = Instant::now();
        let tasks: Vec<_> = (0..17)
            .map(|i| {
                let limiter = limiter.clone();
                let class = if i % 3 == 0 {
                    Class::Interactive
                } else {
                    Class::Background
                };
                tokio::spawn(async move {
                    limiter.acquire(class, None).await.unwrap();
                    Instant::now()
                })
            })
            .collect();
        let mut grants = Vec::new();
        for task in tasks {
            grants.push(task.await.unwrap());
        }
        assert!(max_in_any_window(&grants, Duration::from_millis(100)) <= 5);
        // 17 grants at 5 per window need at least 3 full windows.
        assert!(start.elapsed() >= Duration::from_millis(300));
    }

    /// Hundreds of interactive waiters (a flood of browser requests) cannot starve
    /// background work: it still gets its reserved half of every window, and the total
    /// stays within the limit.
    #[tokio::test(start_paused = true)]
    async fn background_keeps_its_share_under_an_interactive_flood() {
        let limit = RateLimit::default();
        let limiter = Arc::new(RateLimiter::new(limit));
        let start = Instant::now();
        let grants = Arc::new(std::sync::Mutex::new(Vec::new()));
        let flood: Vec<_> = (0..500)
            .map(|_| {
                let limiter = limiter.clone();
                let grants = grants.clone();
                tokio::spawn(async move {
                    limiter.acquire(Class::Interactive, None).await.unwrap();
                    grants
                        .lock()
                        .unwrap()
                        .push((Instant::now(), Class::Interactive));
                })
            })
            .collect();
        // Let the flood queue up first (and take the whole first interactive share).
        tokio::time::sleep(Duration::from_millis(1)).await;
        // A sync of 30 calls, one after another as a sync makes them.
        let background = {
            let limiter = limiter.clone();
            let grants = grants.clone();
            tokio::spawn(async move {
                for _ in 0..30 {
                    limiter.acquire(Class::Background, None).await.unwrap();
                    grants
                        .lock()
                        .unwrap()
                        .push((Instant::now(), Class::Background));
                }
                Instant::now()
            })
        };
        let finished = background.await.unwrap();
        // 30 calls at ≥ 10 per 1.1 s window: done within 3 windows.
        assert!(
            finished.duration_since(start) <= limit.window * 3,
            "background took {:?}",
            finished.duration_since(start)
        );
        for task in flood {
            task.abort();
        }
        let grants = grants.lock().unwrap().clone();
        let all: Vec<Instant> = grants.iter().map(|(at, _)| *at).collect();
        assert!(max_in_any_window(&all, limit.window) <= 20);
        let interactive: Vec<Instant> = grants
            .iter()
            .filter(|(_, c)| *c == Class::Interactive)
            .map(|(at, _)| *at)
            .collect();
        assert!(max_in_any_window(&interactive, limit.window) <= 10);
        // The flood did get served meanwhile (its share was used, not locked out).
        assert!(
            interactive.len() >= 20,
            "{} interactive grants",
            interactive.len()
        );
    }

    /// Background work may use capacity interactive work leaves idle.
    #[tokio::test(start_paused = true)]
    async fn background_alone_uses_the_whole_limit() {
        let limiter = limiter(20, 1100);
        let start = Instant::now();
        for _ in 0..20 {
            limiter.acquire(Class::Background, None).await.unwrap();
        }
        assert_eq!(start.elapsed(), Duration::ZERO);
        // …but interactive calls never more than their share.
        let limiter = self::limiter(20, 1100);
        for _ in 0..10 {
            limiter.acquire(Class::Interactive, None).await.unwrap();
        }
        assert_eq!(start.elapsed(), Duration::ZERO);
        limiter.acquire(Class::Interactive, None).await.unwrap();
        assert_eq!(start.elapsed(), Duration::from_millis(1100));
    }

    /// Queued interactive calls fail fast at their deadline instead of piling up.
    #[tokio::test(start_paused = true)]
    async fn interactive_waiting_is_bounded_by_its_deadline() {
        let limiter = limiter(20, 1100);
        for _ in 0..10 {
            limiter.acquire(Class::Interactive, None).await.unwrap();
        }
        let start = Instant::now();
        let deadline = start + Duration::from_millis(200);
        let waited = limiter.acquire(Class::Interactive, Some(deadline)).await;
        assert!(waited.is_err());
        assert_eq!(start.elapsed(), Duration::from_millis(200));
        // Background is not held up by the full interactive share.
        limiter
            .acquire(Class::Background, Some(deadline))
            .await
            .unwrap();
        assert_eq!(start.elapsed(), Duration::from_millis(200));
    }
}
