//! Client configuration: where Smile is, the key pair, timeouts, retries, rate limit.

use std::fmt;
use std::time::Duration;

use reqwest::Url;
use secrecy::SecretString;

use super::error::SmileError;
use super::limiter::RateLimit;
use super::retry::RetryPolicy;
use crate::hosts::{PRODUCTION_BASE_URL, SANDBOX_BASE_URL};

/// Smile's API key pair (the portal's "API Key" and "API Secret"), sent as HTTP Basic auth.
///
/// Both halves are [`SecretString`]s: `Debug` shows neither.
#[derive(Clone)]
pub struct Credentials {
    /// The API key (Basic-auth user name).
    pub key: SecretString,
    /// The API secret (Basic-auth password).
    pub secret: SecretString,
}

impl Credentials {
    /// A key pair.
    pub fn new(key: impl Into<String>, secret: impl Into<String>) -> Self {
        Credentials {
            key: SecretString::from(key.into()),
            secret: SecretString::from(secret.into()),
        }
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Credentials { key: [REDACTED], secret: [REDACTED] }")
    }
}

/// Everything [`super::SmileClient::new`] needs. Start from [`SmileConfig::sandbox`],
/// [`SmileConfig::production`] or [`SmileConfig::new`] (the emulator, a proxy, a test
/// server) and adjust the public fields.
#[derive(Clone, Debug)]
pub struct SmileConfig {
    /// Open API base URL including `/v1`, e.g. `https://sandbox.smileapi.io/v1`.
    pub base_url: Url,
    /// The key pair.
    pub credentials: Credentials,
    /// Limit on establishing a connection (default 5 s).
    pub connect_timeout: Duration,
    /// Limit on a whole request, body included (default 30 s).
    pub request_timeout: Duration,
    /// When and how often to try again.
    pub retry: RetryPolicy,
    /// Client-side request rate limit, shared by all clones of a client.
    pub rate_limit: RateLimit,
    /// Page size asked for by list streams (Smile: 1–150, default here 100).
    pub page_size: u8,
    /// Most pages one list may take before it is cut (default 1,000): a list whose cursor
    /// never ends stops there with what was read.
    pub max_pages: u32,
    /// Longest an interactive call waits for the rate limit before it fails with
    /// [`SmileError::Saturated`] (default 5 s); background calls wait as long as needed.
    pub interactive_wait: Duration,
}

impl SmileConfig {
    /// A configuration for any base URL (must be `http` or `https`).
    pub fn new(base_url: &str, credentials: Credentials) -> Result<Self, SmileError> {
        let base_url =
            Url::parse(base_url).map_err(|e| SmileError::Config(format!("base URL: {e}")))?;
        if !matches!(base_url.scheme(), "http" | "https") || base_url.cannot_be_a_base() {
            return Err(SmileError::Config(format!(
                "base URL must be http(s): {base_url}"
            )));
        }
        Ok(SmileConfig {
            base_url,
            credentials,
            connect_timeout: Duration::from_secs(5),
            request_timeout: Duration::from_secs(30),
            retry: RetryPolicy::default(),
            rate_limit: RateLimit::default(),
            page_size: 100,
            max_pages: super::paging::DEFAULT_MAX_PAGES,
            interactive_wait: Duration::from_secs(5),
        })
    }

    /// Smile's sandbox, `https://sandbox.smileapi.io/v1`.
    pub fn sandbox(credentials: Credentials) -> Self {
        Self::new(SANDBOX_BASE_URL, credentials).expect("the sandbox URL is valid")
    }

    /// Smile's production, `https://open.smileapi.io/v1`.
    pub fn production(credentials: Credentials) -> Self {
        Self::new(PRODUCTION_BASE_URL, credentials).expect("the production URL is valid")
    }
}
