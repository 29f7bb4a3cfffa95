//! The runtime of tests that `rusty_fork_test!` runs in a process of their own (those that
//! check something process-wide: the tracing subscriber, the Argon2 verifier, peak memory).

use std::future::Future;

/// Runs `test` as `#[tokio::test(flavor = "multi_thread", worker_threads = 2)]` would.
pub fn on_two_workers(test: impl Future<Output = ()>) {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
        .block_on(test);
}
