//! The server's configuration: flags and environment variables, one group per concern.
//!
//! A setting is one field, with its doc comment, in its group: `--help`, `check-config`'s
//! listing and the README's table all read clap's metadata (see `listing`).

mod applicants;
mod emulator;
mod limits;
mod listing;
mod observability;
mod officers;
mod reports;
mod secrets;
mod serving;
mod smile;
mod storage;
mod summary;
mod sync;
mod widget;

use std::path::PathBuf;

use clap::Parser;
use wink_api::Mode;

pub use applicants::ApplicantSettings;
pub use emulator::EmulatorSettings;
pub use limits::LimitSettings;
pub use listing::readme_table;
pub use observability::{LogFormat, ObservabilitySettings};
pub use officers::{OfficerPolicy, OfficerSettings};
pub use reports::ReportSettings;
pub use secrets::{Secret, DEFAULT_SECRETS_FILE, REDACTED};
pub use serving::ServingSettings;
pub use smile::{SmileSettings, EMULATOR_API_KEY, EMULATOR_API_SECRET, EMULATOR_PREFIX};
pub use storage::StorageSettings;
pub use summary::SummarySettings;
pub use sync::SyncSettings;
pub use widget::WidgetSettings;

/// Wink Portal's server. Every option can also be set through the environment variable
/// named in its help; a bad value stops start-up with a message naming that variable.
#[derive(Debug, Clone, Parser, serde::Serialize)]
#[command(name = "wink-server", version, about, mut_args(named_by_variable))]
pub struct Config {
    #[command(flatten)]
    #[serde(flatten)]
    pub smile: SmileSettings,
    #[command(flatten)]
    #[serde(flatten)]
    pub serving: ServingSettings,
    #[command(flatten)]
    #[serde(flatten)]
    pub storage: StorageSettings,
    #[command(flatten)]
    #[serde(flatten)]
    pub sync: SyncSettings,
    #[command(flatten)]
    #[serde(flatten)]
    pub widget: WidgetSettings,
    #[command(flatten)]
    #[serde(flatten)]
    pub summary: SummarySettings,
    #[command(flatten)]
    #[serde(flatten)]
    pub officers: OfficerSettings,
    #[command(flatten)]
    #[serde(flatten)]
    pub reports: ReportSettings,
    #[command(flatten)]
    #[serde(flatten)]
    pub applicants: ApplicantSettings,
    #[command(flatten)]
    #[serde(flatten)]
    pub limits: LimitSettings,
    #[command(flatten)]
    #[serde(flatten)]
    pub observability: ObservabilitySettings,
    #[command(flatten)]
    #[serde(flatten)]
    pub emulator: EmulatorSettings,

    #[command(subcommand)]
    #[serde(skip)]
    pub command: Option<Command>,
}

/// Shows every value as its variable (`--addr <WINK_ADDR>`), so clap's own errors about a
/// bad value name the variable too.
fn named_by_variable(arg: clap::Arg) -> clap::Arg {
    match arg.get_env().map(|env| env.to_string_lossy().into_owned()) {
        Some(env) => arg.value_name(env),
        None => arg,
    }
}

/// What to do instead of serving.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum Command {
    /// Manage loan officers.
    #[command(subcommand)]
    Officer(OfficerCommand),
    /// Prints the effective configuration (`NAME=value` lines, secrets `[REDACTED]`) and
    /// exits 0 when it is valid, non-zero with the offending variable's name when not.
    CheckConfig {
        /// Print the README's table of environment variables instead.
        #[arg(long)]
        readme_table: bool,
    },
    /// Checks a verification report (its PDF or its JSON) offline: prints "valid, signed by
    /// key K at T" and exits 0, or prints what failed and exits 1 (2 when there are no keys
    /// to check with).
    VerifyReport {
        /// The report: a PDF with its embedded `report.json`, or the JSON itself.
        file: PathBuf,
        /// The lender's keys: a copy of `/.well-known/wink-report-keys.json`, or a file
        /// holding one public key (base64). Default: this server's configured keys
        /// (WINK_REPORT_SIGNING_KEY's public key and WINK_REPORT_RETIRED_KEYS).
        #[arg(long)]
        key: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, clap::Subcommand)]
pub enum OfficerCommand {
    /// Adds an officer (or sets a new password for an existing one). Prompts for the
    /// password; reads one line from standard input when it is not a terminal.
    Add {
        #[arg(long)]
        email: String,
    },
}

/// The variables a secrets file may set.
const FILE_SECRETS: [&str; 4] = [
    "SMILE_API_KEY",
    "SMILE_API_SECRET",
    "SMILE_WEBHOOK_SECRET",
    "WINK_REPORT_SIGNING_KEY",
];

/// Why a configuration cannot run; names the variable, never its value.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{0} must be set in {1} mode")]
    Missing(&'static str, Mode),
    #[error("{0}: {1}")]
    Invalid(&'static str, String),
    /// A problem with the secrets file: names the file (and a line), never its content.
    #[error("WINK_SECRETS_FILE: {0}: {1}")]
    SecretsFile(PathBuf, String),
}

impl Config {
    /// The configuration of this process: flags and environment, then the secrets file for
    /// whatever secret they left unset. Exits (as clap does) on a malformed flag.
    pub fn load() -> Result<Self, ConfigError> {
        let mut config = Self::parse();
        config.load_secrets_file()?;
        Ok(config)
    }

    /// Fills each secret that neither a flag nor the environment set from the secrets file;
    /// returns the names it filled.
    pub fn load_secrets_file(&mut self) -> Result<Vec<&'static str>, ConfigError> {
        let mut filled = Vec::new();
        let named = self.smile.secrets_file.clone();
        for (name, value) in secrets::read_file(named.as_deref(), &FILE_SECRETS)? {
            let slot = match name {
                "SMILE_API_KEY" => &mut self.smile.smile_api_key,
                "SMILE_API_SECRET" => &mut self.smile.smile_api_secret,
                "SMILE_WEBHOOK_SECRET" => &mut self.smile.smile_webhook_secret,
                _ => &mut self.reports.report_signing_key,
            };
            if slot.is_none() && !value.is_empty() {
                *slot = Some(Secret::from(value.as_str()));
                filled.push(name);
            }
        }
        Ok(filled)
    }

    /// Checks what clap cannot: combinations of variables.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let mode = self.smile.smile_mode;
        self.smile.validate_credentials()?;
        self.reports.validate(mode)?;
        self.serving.validate(mode)?;
        self.smile.validate_base_url()?;
        self.widget.validate()?;
        self.emulator
            .validate(mode, self.serving.addr, self.storage.backend())?;
        self.storage.validate()
    }

    pub fn mode(&self) -> Mode {
        self.smile.smile_mode
    }

    pub fn cookie_secure(&self) -> bool {
        self.serving.cookie_secure(self.mode())
    }
}

#[cfg(test)]
mod tests;
