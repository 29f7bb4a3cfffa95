//! Where and how the server answers HTTP.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::value_parser;
use url::Url;
use wink_api::Mode;

use super::ConfigError;
use crate::client_addr::TrustedProxies;

#[derive(Debug, Clone, clap::Args, serde::Serialize)]
pub struct ServingSettings {
    /// Address and port to listen on.
    #[arg(long, env = "WINK_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: SocketAddr,

    /// This server's public base URL, e.g. https://loans.example.com: Smile posts webhooks
    /// to `<it>/webhooks/smile` (required in sandbox and production mode, `https://` in
    /// production). Unset: the listening address.
    #[arg(long, env = "WINK_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// Mark cookies `Secure` (HTTPS only). Default: on, except in emulator mode; `false` is
    /// refused outside emulator mode.
    #[arg(long, env = "WINK_COOKIE_SECURE")]
    pub cookie_secure: Option<bool>,

    /// The front end built by `trunk build --release` (served with a fallback to
    /// index.html).
    #[arg(long, env = "WINK_DIST_DIR", default_value = "dist")]
    pub dist_dir: PathBuf,

    /// The officers' dashboard built by `trunk build` (served at `/officer/`).
    #[arg(long, env = "WINK_OFFICER_DIST_DIR", default_value = "officer/dist")]
    pub officer_dist_dir: PathBuf,

    /// Proxies whose `X-Forwarded-For` is believed (addresses or CIDR networks,
    /// comma-separated): behind one, the client is the right-most entry that is not a listed
    /// proxy. Unset: the socket's peer is the client and the header is ignored.
    #[arg(long, env = "WINK_TRUSTED_PROXIES", default_value = "")]
    #[serde(serialize_with = "networks")]
    pub trusted_proxies: TrustedProxies,

    /// Every request but the event streams is answered within this many seconds (503 past
    /// it).
    #[arg(long, env = "WINK_REQUEST_TIMEOUT_SECS", default_value_t = 30, value_parser = value_parser!(u64).range(1..))]
    pub request_timeout_secs: u64,
}

impl ServingSettings {
    pub fn cookie_secure(&self, mode: Mode) -> bool {
        self.cookie_secure.unwrap_or(mode != Mode::Emulator)
    }

    pub fn request_timeout(&self) -> std::time::Duration {
        std::time::Duration::from_secs(self.request_timeout_secs)
    }

    /// The public base URL, else `own_url` (where this server listens).
    pub fn public_url_or<'a>(&'a self, own_url: &'a str) -> &'a str {
        self.public_url.as_deref().unwrap_or(own_url)
    }

    pub(super) fn validate(&self, mode: Mode) -> Result<(), ConfigError> {
        if mode != Mode::Emulator {
            if self.public_url.is_none() {
                return Err(ConfigError::Missing("WINK_PUBLIC_URL", mode));
            }
            if self.cookie_secure == Some(false) {
                return Err(ConfigError::Invalid(
                    "WINK_COOKIE_SECURE",
                    format!("cookies must be Secure in {mode} mode; unset it"),
                ));
            }
        }
        let Some(url) = &self.public_url else {
            return Ok(());
        };
        let invalid = |reason: &str| Err(ConfigError::Invalid("WINK_PUBLIC_URL", reason.into()));
        match Url::parse(url) {
            // http(s) URLs always have a host: an empty one is a parse error.
            Err(url::ParseError::EmptyHost) => invalid("the URL has no host"),
            Ok(url) if mode == Mode::Production && url.scheme() == "http" => {
                invalid("must be an https:// URL in production mode (Smile posts webhooks there)")
            }
            Ok(url) if matches!(url.scheme(), "http" | "https") => Ok(()),
            _ => invalid("expected an absolute URL such as https://loans.example.com"),
        }
    }
}

/// Listed as the networks, comma-separated.
fn networks<S: serde::Serializer>(proxies: &TrustedProxies, to: S) -> Result<S::Ok, S::Error> {
    to.collect_seq(proxies.to_strings())
}
