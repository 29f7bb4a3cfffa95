//! Which Smile to talk to, and the credentials for it.

use std::path::PathBuf;

use clap::value_parser;
use smile_api::hosts;
use url::Url;
use wink_api::Mode;

use super::secrets::Secret;
use super::ConfigError;

/// Path under which the embedded emulator is mounted (its API under `/v1`).
pub const EMULATOR_PREFIX: &str = "/sandbox";

/// The emulator's documented key pair (`smile_sandbox::config::DEFAULT_API_KEY` /
/// `DEFAULT_API_SECRET`, repeated here because production builds leave the emulator out).
/// It opens only the emulator, so in sandbox or production mode it is a mistake.
pub const EMULATOR_API_KEY: &str = "sandbox-emulator-key";
pub const EMULATOR_API_SECRET: &str = "sandbox-emulator-secret";

#[derive(Debug, Clone, clap::Args, serde::Serialize)]
pub struct SmileSettings {
    /// Which Smile to talk to: emulator (no credentials), sandbox or production.
    #[arg(long, env = "SMILE_MODE", default_value = "emulator")]
    pub smile_mode: Mode,

    /// Smile's Open API base URL, overriding the mode's (a proxy, a standalone emulator);
    /// refused when it names the other mode's Smile host.
    #[arg(long, env = "SMILE_BASE_URL")]
    pub smile_base_url: Option<String>,

    /// Smile API key id: required in sandbox and production mode, where the emulator's
    /// `sandbox-emulator-key` is refused; never logged or sent to a browser.
    #[arg(long, env = "SMILE_API_KEY", hide_env_values = true)]
    pub smile_api_key: Option<Secret>,

    /// Smile API key secret: required in sandbox and production mode, where the emulator's
    /// `sandbox-emulator-secret` is refused; never logged or sent to a browser.
    #[arg(long, env = "SMILE_API_SECRET", hide_env_values = true)]
    pub smile_api_secret: Option<Secret>,

    /// Most requests sent to Smile per second, counted over a 1.1 s window (Smile allows 20
    /// per IP). Raise it only for an emulator (tests) or a limit agreed with Smile.
    #[arg(long, env = "SMILE_RATE_LIMIT", default_value_t = 20, value_parser = value_parser!(u32).range(1..))]
    pub smile_rate_limit: u32,

    /// Secret Smile signs webhooks with (required in sandbox and production mode; a random
    /// one per start in emulator mode).
    #[arg(long, env = "SMILE_WEBHOOK_SECRET", hide_env_values = true)]
    pub smile_webhook_secret: Option<Secret>,

    /// A git-ignored file of `KEY=VALUE` lines (`.env` syntax, `#` comments allowed) for
    /// SMILE_API_KEY, SMILE_API_SECRET, SMILE_WEBHOOK_SECRET and WINK_REPORT_SIGNING_KEY
    /// (the environment wins).
    /// Single-quote a value that holds `$` or `\`: unquoted and double-quoted values expand
    /// `$NAME` and escapes. Default: `secrets.env` when it exists. Refused when group or others may read it
    /// (`chmod 600`).
    #[arg(long, env = "WINK_SECRETS_FILE")]
    pub secrets_file: Option<PathBuf>,
}

impl SmileSettings {
    /// The Open API base URL: the override, else the mode's (the embedded emulator's is
    /// under `self_url`, this server's own address).
    pub fn base_url(&self, self_url: &str) -> String {
        match (&self.smile_base_url, self.smile_mode) {
            (Some(url), _) => url.clone(),
            (None, Mode::Emulator) => format!("{self_url}{}/v1", EMULATOR_PREFIX),
            (None, Mode::Sandbox) => hosts::SANDBOX_BASE_URL.to_owned(),
            (None, Mode::Production) => hosts::PRODUCTION_BASE_URL.to_owned(),
        }
    }

    /// Sandbox and production need Smile's own credentials, never the emulator's.
    pub(super) fn validate_credentials(&self) -> Result<(), ConfigError> {
        let mode = self.smile_mode;
        if mode == Mode::Emulator {
            return Ok(());
        }
        for (name, value) in [
            ("SMILE_API_KEY", &self.smile_api_key),
            ("SMILE_API_SECRET", &self.smile_api_secret),
            ("SMILE_WEBHOOK_SECRET", &self.smile_webhook_secret),
        ] {
            if value.is_none() {
                return Err(ConfigError::Missing(name, mode));
            }
        }
        let is = |value: &Option<Secret>, emulators: &str| {
            value.as_ref().map(Secret::expose) == Some(emulators)
        };
        if is(&self.smile_api_key, EMULATOR_API_KEY) {
            return Err(ConfigError::Invalid(
                "SMILE_API_KEY",
                format!("is the emulator's key; use the key Smile issued for {mode} mode"),
            ));
        }
        if is(&self.smile_api_secret, EMULATOR_API_SECRET) {
            return Err(ConfigError::Invalid(
                "SMILE_API_SECRET",
                format!("is the emulator's secret; use the one Smile issued for {mode} mode"),
            ));
        }
        Ok(())
    }

    /// SMILE_BASE_URL must not point at the other mode's Smile.
    pub(super) fn validate_base_url(&self) -> Result<(), ConfigError> {
        let Some(url) = &self.smile_base_url else {
            return Ok(());
        };
        let Some(host) = http_host(url) else {
            return Err(ConfigError::Invalid(
                "SMILE_BASE_URL",
                "expected an absolute http(s) URL".into(),
            ));
        };
        let is = |base: &str| http_host(base).is_some_and(|h| h == host);
        let mode = self.smile_mode;
        let other = match mode {
            Mode::Production | Mode::Emulator if is(hosts::SANDBOX_BASE_URL) => Mode::Sandbox,
            Mode::Sandbox | Mode::Emulator if is(hosts::PRODUCTION_BASE_URL) => Mode::Production,
            _ => return Ok(()),
        };
        Err(ConfigError::Invalid(
            "SMILE_BASE_URL",
            format!("points at Smile's {other} host in {mode} mode; set SMILE_MODE={other} or change SMILE_BASE_URL"),
        ))
    }
}

/// The host of an `http://` or `https://` URL, lower-cased.
fn http_host(url: &str) -> Option<String> {
    let url = Url::parse(url).ok()?;
    if !matches!(url.scheme(), "http" | "https") {
        return None;
    }
    url.host_str().map(str::to_owned)
}
