//! The server's integration tests: one binary, a module per area, sharing [`common`].
//!
//! Each test starts its own server (its own database, port and embedded emulator), so the
//! tests run in parallel. What is process-wide — the tracing subscriber, the Argon2
//! verifier's peak, the peak RSS — is checked in a process of its own (`rusty_fork_test!`).
//! Runs on SQLite, or on PostgreSQL when `WINK_TEST_POSTGRES_URL` is set.

mod common;

mod ack_latency;
mod applicant;
mod boundaries;
#[cfg(unix)]
mod crash;
mod documents;
mod erasure;
mod export;
mod flood;
mod foreign_smile;
mod fuzz_boundary;
mod hardening;
mod http;
mod instances;
mod login_budget;
mod logs;
mod officer;
mod outage;
mod process;
mod rate_limit;
mod receiver_robustness;
#[cfg(unix)]
mod reliability;
mod report;
mod report_keys;
mod resume;
mod reverify;
mod sync_order;
mod webhooks;
