//! Where everything is stored, and for how long.

use url::Url;

use super::secrets::REDACTED;
use super::ConfigError;
use crate::db::Backend;

#[derive(Debug, Clone, clap::Args, serde::Serialize)]
pub struct StorageSettings {
    /// Where everything is stored: `sqlite://path` (created if missing, WAL, migrated at
    /// start-up; `data/` is git-ignored), or `postgres://user:password@host/database` for
    /// several instances sharing work (see [PostgreSQL](#postgresql)).
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://data/wink.db",
        // It may hold a password: `--help` must not print the environment's value.
        hide_env_values = true
    )]
    #[serde(serialize_with = "without_password")]
    pub database_url: String,

    /// Applicants with no activity for this many days are erased hourly (accounts revoked at
    /// Smile, personal data purged, tombstone and audit trail kept); 0 turns the job off.
    #[arg(long, env = "WINK_RETENTION_DAYS", default_value_t = 365)]
    pub retention_days: u32,
}

impl StorageSettings {
    pub fn backend(&self) -> Option<Backend> {
        Backend::of_url(&self.database_url)
    }

    pub(super) fn validate(&self) -> Result<(), ConfigError> {
        if self.backend().is_none() {
            return Err(ConfigError::Invalid(
                "DATABASE_URL",
                "expected sqlite://path (e.g. sqlite://data/wink.db) or \
                 postgres://user@host/database"
                    .into(),
            ));
        }
        Ok(())
    }
}

/// Listed with its password (in the user part, or libpq's `?password=`) `[REDACTED]`.
fn without_password<S: serde::Serializer>(url: &str, to: S) -> Result<S::Ok, S::Error> {
    to.serialize_str(&redact_password(url))
}

pub(super) fn redact_password(url: &str) -> String {
    // What does not parse cannot be shown safely in part.
    let Ok(mut url) = Url::parse(url) else {
        return REDACTED.to_owned();
    };
    if url.password().is_some() {
        // Cannot fail: a URL with a password has a host.
        let _ = url.set_password(Some(REDACTED));
    }
    if url.query().is_some() {
        let pairs: Vec<(String, String)> = url
            .query_pairs()
            .map(|(key, value)| {
                let value = if key.to_ascii_lowercase().contains("password") {
                    REDACTED.into()
                } else {
                    value
                };
                (key.into_owned(), value.into_owned())
            })
            .collect();
        url.query_pairs_mut().clear().extend_pairs(pairs);
    }
    // The URL encodes the marker's brackets; people read it as check-config prints it.
    url.as_str().replace("%5BREDACTED%5D", REDACTED)
}
