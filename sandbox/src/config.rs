//! How an emulator instance is set up: its key pair, token lifetime, webhook behaviour.

use std::fmt;
use std::time::Duration;

use secrecy::SecretString;

/// The emulator's documented API key (Basic-auth user name). Not a secret: it only opens
/// this emulator.
pub const DEFAULT_API_KEY: &str = "sandbox-emulator-key";
/// The emulator's documented API secret (Basic-auth password).
pub const DEFAULT_API_SECRET: &str = "sandbox-emulator-secret";
/// The tenant part of user ids (`<tenant>-<32 hex>`).
pub const DEFAULT_TENANT_ID: &str = "emulator";

/// Which secret signs a subscription's webhooks when `POST /webhooks` names none.
///
/// Smile requires `secret` in the request; the emulator accepts its absence (a deliberate
/// leniency) and falls back to this policy. A secret given in the request always wins.
#[derive(Clone)]
pub enum WebhookSecret {
    /// A fresh random secret per subscription (returned in the response, as Smile does).
    Generate,
    /// This secret for every subscription that names none.
    Fixed(SecretString),
}

impl fmt::Debug for WebhookSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WebhookSecret::Generate => f.write_str("Generate"),
            WebhookSecret::Fixed(_) => f.write_str("Fixed([REDACTED])"),
        }
    }
}

/// Everything [`crate::Sandbox::new`] needs. Start from [`SandboxConfig::emulator_defaults`]
/// and adjust the public fields.
#[derive(Clone, Debug)]
pub struct SandboxConfig {
    /// The API key accepted as the Basic-auth user name.
    pub api_key: String,
    /// The API secret accepted as the Basic-auth password.
    pub api_secret: SecretString,
    /// Tenant prefix of user ids.
    pub tenant_id: String,
    /// Secret for subscriptions created without one.
    pub webhook_secret: WebhookSecret,
    /// Lifetime of link tokens (Smile: 5 hours).
    pub token_ttl: Duration,
    /// Wait before each webhook retry (Smile: "a few dozen seconds").
    pub webhook_retry_delay: Duration,
    /// Limit on one webhook delivery attempt; a timeout counts as a failure.
    pub webhook_timeout: Duration,
    /// Where the emulator is reachable from a browser, e.g. `http://localhost:3000/sandbox`.
    /// When set, the widget script uses `<this>/link/v1` as its default backend; when not,
    /// the widget derives it from its own script URL (which works under any prefix).
    pub public_base_url: Option<String>,
}

impl SandboxConfig {
    /// The fixed, documented emulator set-up: key pair [`DEFAULT_API_KEY`] /
    /// [`DEFAULT_API_SECRET`], 5-hour tokens, 30 s webhook retry delay, generated webhook
    /// secrets.
    pub fn emulator_defaults() -> Self {
        SandboxConfig {
            api_key: DEFAULT_API_KEY.to_owned(),
            api_secret: SecretString::from(DEFAULT_API_SECRET),
            tenant_id: DEFAULT_TENANT_ID.to_owned(),
            webhook_secret: WebhookSecret::Generate,
            token_ttl: Duration::from_secs(5 * 60 * 60),
            webhook_retry_delay: Duration::from_secs(30),
            webhook_timeout: Duration::from_secs(10),
            public_base_url: None,
        }
    }
}

impl Default for SandboxConfig {
    fn default() -> Self {
        Self::emulator_defaults()
    }
}
