use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::str::FromStr;

use clap::Parser;
use secrecy::{ExposeSecret, SecretString};
use wink_api::Mode;

/// Wink Portal's server. Every option can also be set through the environment variable
/// named in its help; a bad value stops start-up with a message naming that variable.
#[derive(Debug, Clone, Parser)]
#[command(name = "wink-server", version, about)]
pub struct Config {
    /// Which Smile to talk to: emulator (no credentials), sandbox or production.
    #[arg(
        long,
        env = "SMILE_MODE",
        value_name = "SMILE_MODE",
        default_value = "emulator"
    )]
    pub smile_mode: Mode,

    /// Address and port to listen on.
    #[arg(
        long,
        env = "WINK_ADDR",
        value_name = "WINK_ADDR",
        default_value = "127.0.0.1:3000"
    )]
    pub addr: SocketAddr,

    /// The front end built by `trunk build` (served with a fallback to index.html).
    #[arg(
        long,
        env = "WINK_DIST_DIR",
        value_name = "WINK_DIST_DIR",
        default_value = "dist"
    )]
    pub dist_dir: PathBuf,

    /// Where applicants and sessions are stored (`sqlite://path`); created if missing.
    #[arg(
        long,
        env = "DATABASE_URL",
        value_name = "DATABASE_URL",
        default_value = "sqlite://data/wink.db"
    )]
    pub database_url: String,

    /// Smile's Open API base URL, overriding the mode's (e.g. a proxy).
    #[arg(long, env = "SMILE_BASE_URL", value_name = "SMILE_BASE_URL")]
    pub smile_base_url: Option<String>,

    /// Smile API key id (required in sandbox and production mode).
    #[arg(
        long,
        env = "SMILE_API_KEY",
        value_name = "SMILE_API_KEY",
        hide_env_values = true
    )]
    pub smile_api_key: Option<Secret>,

    /// Smile API key secret (required in sandbox and production mode).
    #[arg(
        long,
        env = "SMILE_API_SECRET",
        value_name = "SMILE_API_SECRET",
        hide_env_values = true
    )]
    pub smile_api_secret: Option<Secret>,

    /// Most requests sent to Smile per second, counted over a 1.1 s window (Smile allows 20
    /// per IP). Raise it only for an emulator (tests) or a limit agreed with Smile.
    #[arg(long, env = "SMILE_RATE_LIMIT", value_name = "SMILE_RATE_LIMIT", default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..))]
    pub smile_rate_limit: u32,

    /// Secret Smile signs webhooks with (required in sandbox and production mode; a random
    /// one per start in emulator mode).
    #[arg(
        long,
        env = "SMILE_WEBHOOK_SECRET",
        value_name = "SMILE_WEBHOOK_SECRET",
        hide_env_values = true
    )]
    pub smile_webhook_secret: Option<Secret>,

    /// This server's public base URL, e.g. https://loans.example.com: Smile posts webhooks
    /// to `<it>/webhooks/smile` (required in sandbox and production mode).
    #[arg(long, env = "WINK_PUBLIC_URL", value_name = "WINK_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// How often the reconciler asks Smile about data that webhooks may have missed.
    #[arg(
        long,
        env = "WINK_RECONCILE_SECS",
        value_name = "WINK_RECONCILE_SECS",
        default_value_t = 120
    )]
    pub reconcile_secs: u64,

    /// How long events for one account are gathered before its data is fetched once.
    #[arg(
        long,
        env = "WINK_SYNC_DEBOUNCE_MS",
        value_name = "WINK_SYNC_DEBOUNCE_MS",
        default_value_t = 300
    )]
    pub sync_debounce_ms: u64,

    /// Verification summary: a name-match score (0–100) below this is flagged.
    #[arg(long, env = "WINK_NAME_MATCH_MIN", value_name = "WINK_NAME_MATCH_MIN", default_value_t = 80, value_parser = clap::value_parser!(u8).range(0..=100))]
    pub name_match_min: u8,

    /// Verification summary: estimated income this many percent below the declared one is flagged.
    #[arg(
        long,
        env = "WINK_INCOME_SHORTFALL_PERCENT",
        value_name = "WINK_INCOME_SHORTFALL_PERCENT",
        default_value_t = 20.0
    )]
    pub income_shortfall_percent: f64,

    /// Verification summary: this many months in a row without contributions is a gap.
    #[arg(
        long,
        env = "WINK_CONTRIBUTION_GAP_MONTHS",
        value_name = "WINK_CONTRIBUTION_GAP_MONTHS",
        default_value_t = 3
    )]
    pub contribution_gap_months: u32,

    /// Verification summary: no contribution in this many recent months is flagged.
    #[arg(
        long,
        env = "WINK_NO_RECENT_CONTRIBUTION_MONTHS",
        value_name = "WINK_NO_RECENT_CONTRIBUTION_MONTHS",
        default_value_t = 3
    )]
    pub no_recent_contribution_months: u32,

    /// Verification summary: data older than this many days is stale.
    #[arg(
        long,
        env = "WINK_STALE_DATA_DAYS",
        value_name = "WINK_STALE_DATA_DAYS",
        default_value_t = 30
    )]
    pub stale_data_days: u32,

    /// Run the webhook worker, reconciler and subscription in this process.
    #[arg(long, env = "WINK_BACKGROUND", value_name = "WINK_BACKGROUND", default_value_t = true, action = clap::ArgAction::Set)]
    pub background: bool,

    /// Currency of declared incomes (ISO 4217).
    #[arg(
        long,
        env = "WINK_CURRENCY",
        value_name = "WINK_CURRENCY",
        default_value = "PHP"
    )]
    pub currency: String,

    /// The lender's name shown in the widget.
    #[arg(
        long,
        env = "WINK_COMPANY_NAME",
        value_name = "WINK_COMPANY_NAME",
        default_value = "Wink Lending"
    )]
    pub company_name: String,

    /// Providers the widget offers (comma-separated Smile ids); empty = all.
    #[arg(
        long,
        env = "WINK_WIDGET_PROVIDERS",
        value_name = "WINK_WIDGET_PROVIDERS",
        value_delimiter = ','
    )]
    pub widget_providers: Vec<String>,

    /// Providers listed first in the widget (comma-separated Smile ids).
    #[arg(
        long,
        env = "WINK_WIDGET_TOP_PROVIDERS",
        value_name = "WINK_WIDGET_TOP_PROVIDERS",
        value_delimiter = ',',
        default_value = "sss_ph"
    )]
    pub widget_top_providers: Vec<String>,

    /// Let applicants upload documents when they cannot find their employer.
    #[arg(long, env = "WINK_WIDGET_ENABLE_UPLOAD", value_name = "WINK_WIDGET_ENABLE_UPLOAD", default_value_t = true, action = clap::ArgAction::Set)]
    pub widget_enable_upload: bool,

    /// Show the widget's provider search bar.
    #[arg(long, env = "WINK_WIDGET_ENABLE_SEARCH_BAR", value_name = "WINK_WIDGET_ENABLE_SEARCH_BAR", default_value_t = true, action = clap::ArgAction::Set)]
    pub widget_enable_search_bar: bool,

    /// Show the widget's provider type filter.
    #[arg(long, env = "WINK_WIDGET_ENABLE_TYPE_BAR", value_name = "WINK_WIDGET_ENABLE_TYPE_BAR", default_value_t = true, action = clap::ArgAction::Set)]
    pub widget_enable_type_bar: bool,

    /// Smile consent template id for the widget.
    #[arg(long, env = "SMILE_TEMPLATE_ID", value_name = "SMILE_TEMPLATE_ID")]
    pub smile_template_id: Option<String>,

    /// Mark cookies `Secure` (HTTPS only). Default: on, except in emulator mode.
    #[arg(long, env = "WINK_COOKIE_SECURE", value_name = "WINK_COOKIE_SECURE")]
    pub cookie_secure: Option<bool>,

    /// The officers' dashboard built by `trunk build` (served at `/officer/`).
    #[arg(
        long,
        env = "WINK_OFFICER_DIST_DIR",
        value_name = "WINK_OFFICER_DIST_DIR",
        default_value = "officer/dist"
    )]
    pub officer_dist_dir: PathBuf,

    /// Emulator mode only: the demo officer created at start-up.
    #[arg(
        long,
        env = "WINK_DEMO_OFFICER_EMAIL",
        value_name = "WINK_DEMO_OFFICER_EMAIL",
        default_value = "officer@wink.test"
    )]
    pub demo_officer_email: String,

    /// Emulator mode only: the demo officer's password; a random one (printed) if unset.
    #[arg(
        long,
        env = "WINK_DEMO_OFFICER_PASSWORD",
        value_name = "WINK_DEMO_OFFICER_PASSWORD",
        hide_env_values = true
    )]
    pub demo_officer_password: Option<Secret>,

    /// An officer session ends after this many minutes without a request.
    #[arg(long, env = "WINK_OFFICER_IDLE_MINUTES", value_name = "WINK_OFFICER_IDLE_MINUTES", default_value_t = 15, value_parser = clap::value_parser!(u32).range(1..))]
    pub officer_idle_minutes: u32,

    /// An officer session ends this many hours after login, whatever the activity.
    #[arg(long, env = "WINK_OFFICER_SESSION_HOURS", value_name = "WINK_OFFICER_SESSION_HOURS", default_value_t = 8, value_parser = clap::value_parser!(u32).range(1..))]
    pub officer_session_hours: u32,

    /// Failed logins allowed per officer account within the window before 429.
    #[arg(
        long,
        env = "WINK_LOGIN_MAX_FAILURES_PER_ACCOUNT",
        value_name = "WINK_LOGIN_MAX_FAILURES_PER_ACCOUNT",
        default_value_t = 5
    )]
    pub login_max_failures_per_account: u32,

    /// Failed logins allowed per client address within the window before 429.
    #[arg(
        long,
        env = "WINK_LOGIN_MAX_FAILURES_PER_ADDRESS",
        value_name = "WINK_LOGIN_MAX_FAILURES_PER_ADDRESS",
        default_value_t = 20
    )]
    pub login_max_failures_per_address: u32,

    /// The login rate limit's window, in minutes.
    #[arg(long, env = "WINK_LOGIN_WINDOW_MINUTES", value_name = "WINK_LOGIN_WINDOW_MINUTES", default_value_t = 15, value_parser = clap::value_parser!(u32).range(1..))]
    pub login_window_minutes: u32,

    /// How long an officer's invitation link stays usable, in days.
    #[arg(long, env = "WINK_INVITE_DAYS", value_name = "WINK_INVITE_DAYS", default_value_t = 7, value_parser = clap::value_parser!(u32).range(1..))]
    pub invite_days: u32,

    /// Link-token lifetime in the embedded emulator, in seconds (tests shorten it).
    #[arg(long, env = "EMULATOR_TOKEN_TTL_SECS", value_name = "EMULATOR_TOKEN_TTL_SECS", default_value_t = 5 * 3600)]
    pub emulator_token_ttl_secs: u64,

    /// Staged rollout: the share (0–100) of new applicants who take the Wink path; the rest
    /// are verified manually.
    #[arg(long, env = "WINK_ROLLOUT_PERCENT", value_name = "WINK_ROLLOUT_PERCENT", default_value_t = 100, value_parser = clap::value_parser!(u8).range(0..=100))]
    pub rollout_percent: u8,

    /// Staged rollout: emails (`ana@lender.example`) or domains (`@lender.example`) that
    /// always take the Wink path (comma-separated).
    #[arg(
        long,
        env = "WINK_ROLLOUT_ALLOWLIST",
        value_name = "WINK_ROLLOUT_ALLOWLIST",
        value_delimiter = ','
    )]
    pub rollout_allowlist: Vec<String>,

    /// Applicants with no activity for this many days are erased (accounts revoked at Smile,
    /// personal data purged, tombstone and audit trail kept); 0 turns the job off.
    #[arg(
        long,
        env = "WINK_RETENTION_DAYS",
        value_name = "WINK_RETENTION_DAYS",
        default_value_t = 365
    )]
    pub retention_days: u32,

    /// Log lines as `text` (for people) or `json` (one object per line, for a log system).
    #[arg(
        long,
        env = "WINK_LOG_FORMAT",
        value_name = "WINK_LOG_FORMAT",
        default_value = "text"
    )]
    pub log_format: LogFormat,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

/// What to do instead of serving.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum Command {
    /// Manage loan officers.
    #[command(subcommand)]
    Officer(OfficerCommand),
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

/// An officer's session and login limits.
#[derive(Debug, Clone, Copy)]
pub struct OfficerPolicy {
    pub idle: chrono::Duration,
    pub absolute: chrono::Duration,
    pub max_failures_per_account: u32,
    pub max_failures_per_address: u32,
    pub login_window: chrono::Duration,
    pub invite_ttl: chrono::Duration,
}

/// Why a configuration cannot run; names the variable, never its value.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{0} must be set in {1} mode")]
    Missing(&'static str, Mode),
    #[error("{0}: {1}")]
    Invalid(&'static str, String),
}

impl Config {
    /// Checks what clap cannot: combinations of variables.
    pub fn validate(&self) -> Result<(), ConfigError> {
        if self.smile_mode != Mode::Emulator {
            if self.smile_api_key.is_none() {
                return Err(ConfigError::Missing("SMILE_API_KEY", self.smile_mode));
            }
            if self.smile_api_secret.is_none() {
                return Err(ConfigError::Missing("SMILE_API_SECRET", self.smile_mode));
            }
            if self.smile_webhook_secret.is_none() {
                return Err(ConfigError::Missing(
                    "SMILE_WEBHOOK_SECRET",
                    self.smile_mode,
                ));
            }
            if self.public_url.is_none() {
                return Err(ConfigError::Missing("WINK_PUBLIC_URL", self.smile_mode));
            }
        }
        if self.currency.len() != 3 || !self.currency.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(ConfigError::Invalid(
                "WINK_CURRENCY",
                "expected a three-letter ISO 4217 code such as PHP".into(),
            ));
        }
        if !self.database_url.starts_with("sqlite:") {
            return Err(ConfigError::Invalid(
                "DATABASE_URL",
                "expected a sqlite: URL, e.g. sqlite://data/wink.db".into(),
            ));
        }
        Ok(())
    }

    /// The verification summary's thresholds.
    pub fn summary_thresholds(&self) -> crate::summary::SummaryThresholds {
        crate::summary::SummaryThresholds {
            name_match_min: self.name_match_min,
            income_shortfall_percent: self.income_shortfall_percent,
            gap_months: self.contribution_gap_months,
            no_recent_contribution_months: self.no_recent_contribution_months,
            stale_data_days: self.stale_data_days,
            ..crate::summary::SummaryThresholds::default()
        }
    }

    pub fn officer_policy(&self) -> OfficerPolicy {
        OfficerPolicy {
            idle: chrono::Duration::minutes(i64::from(self.officer_idle_minutes)),
            absolute: chrono::Duration::hours(i64::from(self.officer_session_hours)),
            max_failures_per_account: self.login_max_failures_per_account,
            max_failures_per_address: self.login_max_failures_per_address,
            login_window: chrono::Duration::minutes(i64::from(self.login_window_minutes)),
            invite_ttl: chrono::Duration::days(i64::from(self.invite_days)),
        }
    }

    pub fn cookie_secure(&self) -> bool {
        self.cookie_secure
            .unwrap_or(self.smile_mode != Mode::Emulator)
    }
}

/// A configuration secret: parsed from the environment, never printed.
#[derive(Clone)]
pub struct Secret(SecretString);

impl Secret {
    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }
}

impl FromStr for Secret {
    type Err = std::convert::Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Secret(SecretString::from(s.to_owned())))
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[REDACTED]")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Config {
        Config::try_parse_from(std::iter::once("wink-server").chain(args.iter().copied())).unwrap()
    }

    #[test]
    fn defaults_are_local_emulator() {
        let config = parse(&[]);
        assert_eq!(config.smile_mode, Mode::Emulator);
        assert_eq!(config.addr, "127.0.0.1:3000".parse().unwrap());
        assert_eq!(config.dist_dir, PathBuf::from("dist"));
        assert_eq!(config.smile_rate_limit, 20);
        assert!(!config.cookie_secure());
        assert!(config.validate().is_ok());
    }

    #[test]
    fn bad_mode_error_names_the_variable() {
        let err = Config::try_parse_from(["wink-server", "--smile-mode", "staging"]).unwrap_err();
        let message = err.to_string();
        assert!(message.contains("SMILE_MODE"), "{message}");
        assert!(
            message.contains("emulator, sandbox, production"),
            "{message}"
        );
    }

    #[test]
    fn real_modes_need_the_key_pair_and_never_print_it() {
        let config = parse(&["--smile-mode", "sandbox", "--smile-api-key", "k-123"]);
        let err = config.validate().unwrap_err().to_string();
        assert_eq!(err, "SMILE_API_SECRET must be set in sandbox mode");
        let config = parse(&[
            "--smile-mode",
            "production",
            "--smile-api-key",
            "k-123",
            "--smile-api-secret",
            "s-456",
        ]);
        let err = config.validate().unwrap_err().to_string();
        assert_eq!(err, "SMILE_WEBHOOK_SECRET must be set in production mode");
        let config = parse(&[
            "--smile-mode",
            "production",
            "--smile-api-key",
            "k-123",
            "--smile-api-secret",
            "s-456",
            "--smile-webhook-secret",
            "w-789",
            "--public-url",
            "https://loans.example.com",
        ]);
        assert!(config.validate().is_ok());
        assert!(config.cookie_secure());
        let debug = format!("{config:?}");
        assert!(
            !debug.contains("k-123") && !debug.contains("s-456"),
            "{debug}"
        );
    }

    #[test]
    fn summary_thresholds_come_from_configuration() {
        assert_eq!(
            parse(&[]).summary_thresholds(),
            crate::summary::SummaryThresholds::default()
        );
        let config = parse(&["--name-match-min", "90", "--stale-data-days", "7"]);
        let thresholds = config.summary_thresholds();
        assert_eq!(
            (thresholds.name_match_min, thresholds.stale_data_days),
            (90, 7)
        );
        assert!(Config::try_parse_from(["wink-server", "--name-match-min", "101"]).is_err());
    }

    #[test]
    fn widget_lists_split_on_commas() {
        let config = parse(&["--widget-providers", "sss_ph,upwork"]);
        assert_eq!(config.widget_providers, ["sss_ph", "upwork"]);
        assert_eq!(parse(&[]).widget_top_providers, ["sss_ph"]);
    }
}
