//! The keys that sign verification reports.

use wink_api::Mode;

use super::secrets::Secret;
use super::ConfigError;
use crate::report_signing::keys::{self as keys, KeyRing, RetiredKeys, TrustedKeys};

#[derive(Debug, Clone, clap::Args, serde::Serialize)]
pub struct ReportSettings {
    /// The lender's Ed25519 key that signs verification reports: 32 random bytes, base64
    /// (`head -c 32 /dev/urandom | base64`). Required in sandbox and production mode; a
    /// random one per start in emulator mode. Never logged; its public key is published at
    /// `/.well-known/wink-report-keys.json`.
    #[arg(long, env = "WINK_REPORT_SIGNING_KEY", hide_env_values = true)]
    pub report_signing_key: Option<Secret>,

    /// Public keys of earlier signing keys (base64, comma-separated, as the keys document
    /// listed them): still published, as retired, so the reports they signed keep verifying.
    #[arg(long, env = "WINK_REPORT_RETIRED_KEYS", default_value = "")]
    #[serde(serialize_with = "public_keys")]
    pub report_retired_keys: RetiredKeys,
}

impl ReportSettings {
    /// The signing key and the retired ones; a random signing key in emulator mode when none
    /// is set.
    pub fn key_ring(&self, mode: Mode) -> Result<KeyRing, ConfigError> {
        let retired = self.report_retired_keys.keys();
        match self.signing_key()? {
            Some(signing) => Ok(KeyRing::new(signing, retired)),
            None if mode == Mode::Emulator => Ok(KeyRing::generate(retired)),
            None => Err(ConfigError::Missing("WINK_REPORT_SIGNING_KEY", mode)),
        }
    }

    /// The keys a report of this lender may carry, for `verify-report` without `--key`: the
    /// configured signing key's public key and the retired ones.
    pub fn trusted_keys(&self) -> Result<TrustedKeys, ConfigError> {
        let active = self.signing_key()?.map(|key| key.verifying_key());
        Ok(TrustedKeys::new(active, self.report_retired_keys.keys()))
    }

    pub(super) fn validate(&self, mode: Mode) -> Result<(), ConfigError> {
        self.key_ring(mode).map(drop)
    }

    fn signing_key(&self) -> Result<Option<ed25519_dalek::SigningKey>, ConfigError> {
        self.report_signing_key
            .as_ref()
            .map(|secret| keys::parse_signing_key(secret.expose()))
            .transpose()
            .map_err(|e| ConfigError::Invalid("WINK_REPORT_SIGNING_KEY", e.to_string()))
    }
}

/// Listed as the base64 keys, comma-separated.
fn public_keys<S: serde::Serializer>(keys: &RetiredKeys, to: S) -> Result<S::Ok, S::Error> {
    to.collect_seq(keys.to_strings())
}
