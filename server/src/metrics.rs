//! `GET /metrics` in Prometheus's text format. Counters and histograms are recorded where
//! things happen (webhooks here in the server, Smile calls and rate-limit waits in
//! `smile-api`'s client); the queue gauges are read from the database at scrape time, so
//! they are right whichever instance did the work. Labels never carry ids or personal data.

use std::sync::OnceLock;

use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use sha2::{Digest, Sha256};

static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();

/// Installs the process-wide recorder once (later calls reuse it: tests start many servers
/// in one process).
pub fn install() -> &'static PrometheusHandle {
    HANDLE.get_or_init(|| {
        PrometheusBuilder::new()
            .set_buckets(&[
                0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
            ])
            .expect("static buckets are valid")
            .install_recorder()
            .unwrap_or_else(|_| {
                // Another recorder is installed (an embedding program's): export nothing of
                // ours rather than fail to start.
                PrometheusBuilder::new().build_recorder().handle()
            })
    })
}

/// Counts one webhook delivery by what became of it.
pub fn webhook(outcome: &'static str) {
    metrics::counter!("webhooks_received_total", "outcome" => outcome).increment(1);
}

/// Who may read `/metrics` on the main address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Access {
    /// Whoever presents this bearer token (kept as its SHA-256: compared in constant time
    /// whatever its length).
    Token([u8; 32]),
    /// Nobody: it is not served there (a separate listener serves it, or nothing does).
    NotHere,
}

impl Access {
    pub fn new(token: Option<&str>, separate_listener: bool) -> Self {
        match token {
            Some(token) if !separate_listener => Access::Token(Sha256::digest(token).into()),
            _ => Access::NotHere,
        }
    }
}

/// The Prometheus text, with the inbox and job gauges read from storage just now.
pub async fn render(db: &crate::db::Db) -> sqlx::Result<String> {
    let inbox: Vec<(String, i64)> =
        sqlx::query_as("SELECT status, COUNT(*) FROM webhook_inbox GROUP BY status")
            .fetch_all(db)
            .await?;
    for (status, count) in inbox {
        metrics::gauge!("webhook_inbox_events", "status" => status).set(count as f64);
    }
    let oldest: Option<String> =
        sqlx::query_scalar("SELECT MIN(received_at) FROM webhook_inbox WHERE status = 'pending'")
            .fetch_one(db)
            .await?;
    let lag = oldest
        .and_then(|t| chrono::DateTime::parse_from_rfc3339(&t).ok())
        .map(|t| (chrono::Utc::now() - t.with_timezone(&chrono::Utc)).num_milliseconds())
        .unwrap_or(0);
    metrics::gauge!("webhook_inbox_lag_seconds").set(lag.max(0) as f64 / 1000.0);
    let jobs: Vec<(String, i64)> =
        sqlx::query_as("SELECT status, COUNT(*) FROM sync_jobs GROUP BY status")
            .fetch_all(db)
            .await?;
    for status in ["pending", "running", "done", "dead"] {
        let count = jobs
            .iter()
            .find(|(s, _)| s == status)
            .map_or(0, |(_, n)| *n);
        metrics::gauge!("sync_jobs", "status" => status).set(count as f64);
    }
    Ok(install().render())
}
