//! Logs and metrics.

use std::net::SocketAddr;

use super::secrets::Secret;

#[derive(Debug, Clone, clap::Args, serde::Serialize)]
pub struct ObservabilitySettings {
    /// Log lines as `text` (for people) or `json` (one object per line with the request's
    /// `request_id` and route pattern, never the raw path; for a log system).
    #[arg(long, env = "WINK_LOG_FORMAT", default_value = "text")]
    pub log_format: LogFormat,

    /// `/metrics` is served on the main address only to a scraper presenting this as a
    /// bearer token (`Authorization: Bearer ...`); without it (and without
    /// WINK_METRICS_ADDR) `/metrics` is not served at all. See [Security](#security).
    #[arg(long, env = "WINK_METRICS_TOKEN", hide_env_values = true)]
    pub metrics_token: Option<Secret>,

    /// A separate address (e.g. 127.0.0.1:9100, not reachable from the internet) serving
    /// only `/metrics`, without a token; the main address then answers 404 for it.
    #[arg(long, env = "WINK_METRICS_ADDR")]
    pub metrics_addr: Option<SocketAddr>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Text,
    Json,
}

impl ObservabilitySettings {
    pub fn metrics_access(&self) -> crate::metrics::Access {
        crate::metrics::Access::new(
            self.metrics_token.as_ref().map(Secret::expose),
            self.metrics_addr.is_some(),
        )
    }
}
