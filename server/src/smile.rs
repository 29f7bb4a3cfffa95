//! Which Smile this server talks to, decided by configuration alone.

use std::collections::HashMap;

use smile_api::client::{Credentials, ProviderQuery, SmileClient, SmileConfig, SmileError};
use smile_api::hosts;
use tokio::sync::RwLock;
use wink_api::Mode;

/// Logs a failed Smile call by its cause — status, Smile code and request id, a decode
/// error's JSON path, a transport error's chain — never a body or personal data. Extra
/// fields and the message follow the error.
macro_rules! warn_failed_call {
    ($error:expr, $($rest:tt)+) => {
        tracing::warn!(
            cause = %$error.cause(),
            status = ?$error.status(),
            code = ?$error.code(),
            request_id = ?$error.request_id(),
            $($rest)+
        )
    };
}
pub(crate) use warn_failed_call;

use crate::config::{Config, SmileSettings};

pub struct SmileSetup {
    pub client: SmileClient,
    /// Where the browser loads `smile.v2.js` from.
    pub script_url: String,
    /// The widget's `apiHost`; `None` lets the widget use its default.
    pub api_host: Option<String>,
    #[cfg(feature = "emulator")]
    pub emulator: Option<smile_sandbox::Sandbox>,
}

#[derive(Debug, thiserror::Error)]
pub enum SmileSetupError {
    #[error("SMILE_BASE_URL: {0}")]
    BaseUrl(SmileError),
    #[error("cannot build the Smile client: {0}")]
    Client(SmileError),
    #[error("SMILE_MODE=emulator needs a build with the `emulator` feature (or set SMILE_BASE_URL to a running emulator)")]
    NoEmulator,
}

pub use crate::config::EMULATOR_PREFIX;

pub fn setup(config: &Config, self_url: &str) -> Result<SmileSetup, SmileSetupError> {
    #[cfg(not(feature = "emulator"))]
    if config.smile.smile_mode == Mode::Emulator && config.smile.smile_base_url.is_none() {
        return Err(SmileSetupError::NoEmulator);
    }
    let credentials = credentials(&config.smile);
    let base_url = config.smile.base_url(self_url);
    let mut smile_config =
        SmileConfig::new(&base_url, credentials).map_err(SmileSetupError::BaseUrl)?;
    smile_config.rate_limit.max_requests = config.smile.smile_rate_limit;
    let client = SmileClient::new(smile_config).map_err(SmileSetupError::Client)?;
    let (script_url, api_host) = match config.smile.smile_mode {
        // Relative: the page's own origin serves the emulator (directly or via trunk's proxy).
        Mode::Emulator => (format!("{EMULATOR_PREFIX}/smile.v2.js"), None),
        Mode::Sandbox => (
            hosts::WIDGET_SCRIPT_URL.to_owned(),
            Some(hosts::LINK_HOST_SANDBOX.to_owned()),
        ),
        Mode::Production => (
            hosts::WIDGET_SCRIPT_URL.to_owned(),
            Some(hosts::LINK_HOST_PRODUCTION.to_owned()),
        ),
    };
    Ok(SmileSetup {
        client,
        script_url,
        api_host,
        #[cfg(feature = "emulator")]
        emulator: emulator(config),
    })
}

fn credentials(smile: &SmileSettings) -> Credentials {
    match (&smile.smile_api_key, &smile.smile_api_secret) {
        (Some(key), Some(secret)) => Credentials::new(key.expose(), secret.expose()),
        // Only reachable in emulator mode (`Config::validate` requires both otherwise).
        #[cfg(feature = "emulator")]
        _ => Credentials::new(
            smile_sandbox::config::DEFAULT_API_KEY,
            smile_sandbox::config::DEFAULT_API_SECRET,
        ),
        #[cfg(not(feature = "emulator"))]
        _ => Credentials::new("", ""),
    }
}

/// The embedded emulator, configured with the same key pair the client uses.
#[cfg(feature = "emulator")]
fn emulator(config: &Config) -> Option<smile_sandbox::Sandbox> {
    use secrecy::SecretString;
    if config.smile.smile_mode != Mode::Emulator {
        return None;
    }
    let mut sandbox_config = smile_sandbox::SandboxConfig::emulator_defaults();
    if let (Some(key), Some(secret)) = (&config.smile.smile_api_key, &config.smile.smile_api_secret)
    {
        sandbox_config.api_key = key.expose().to_owned();
        sandbox_config.api_secret = SecretString::from(secret.expose().to_owned());
    }
    sandbox_config.token_ttl =
        std::time::Duration::from_secs(config.emulator.emulator_token_ttl_secs);
    Some(smile_sandbox::Sandbox::new(sandbox_config))
}

/// Provider display names, fetched from Smile once and then kept (a failed fetch is tried
/// again next time).
#[derive(Default)]
pub struct ProviderNames(RwLock<HashMap<String, String>>);

impl ProviderNames {
    pub async fn get(&self, smile: &SmileClient) -> HashMap<String, String> {
        {
            let names = self.0.read().await;
            if !names.is_empty() {
                return names.clone();
            }
        }
        match smile
            .list_providers(&ProviderQuery::default())
            .collect_vec()
            .await
        {
            Ok(providers) => {
                let mut names = self.0.write().await;
                for provider in providers {
                    names.insert(provider.id.clone(), provider.name.clone());
                }
                names.clone()
            }
            Err(_) => Default::default(),
        }
    }
}
