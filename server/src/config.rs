use std::fmt;
use std::net::SocketAddr;
use std::num::NonZeroU32;
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

    /// Where everything is stored: `sqlite://path` (created if missing), or
    /// `postgres://user:password@host/database` for several instances sharing work.
    #[arg(
        long,
        env = "DATABASE_URL",
        value_name = "DATABASE_URL",
        default_value = "sqlite://data/wink.db",
        // It may hold a password: `--help` must not print the environment's value.
        hide_env_values = true
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

    /// How long an applicant's resume link works, in days from when it was issued.
    #[arg(long, env = "WINK_RESUME_DAYS", value_name = "WINK_RESUME_DAYS", default_value_t = 30, value_parser = clap::value_parser!(u32).range(1..))]
    pub resume_days: u32,

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

    /// Proxies whose `X-Forwarded-For` is believed (addresses or CIDR networks,
    /// comma-separated): behind one, the client is the right-most entry that is not a listed
    /// proxy. Unset: the socket's peer is the client and the header is ignored.
    #[arg(
        long,
        env = "WINK_TRUSTED_PROXIES",
        value_name = "WINK_TRUSTED_PROXIES",
        default_value = ""
    )]
    pub trusted_proxies: crate::client_addr::TrustedProxies,

    /// Applications one client address may start per hour (each creates a Smile user).
    #[arg(long, env = "WINK_APPLY_PER_HOUR", value_name = "WINK_APPLY_PER_HOUR", default_value_t = NonZeroU32::new(30).unwrap())]
    pub apply_per_hour: NonZeroU32,

    /// Calls to the link routes (link token, accounts, widget callbacks) one applicant may
    /// make per minute.
    #[arg(long, env = "WINK_LINK_PER_MINUTE", value_name = "WINK_LINK_PER_MINUTE", default_value_t = NonZeroU32::new(60).unwrap())]
    pub link_per_minute: NonZeroU32,

    /// Calls to the link routes one client address may make per minute, all applicants
    /// behind it together.
    #[arg(long, env = "WINK_LINK_PER_MINUTE_PER_ADDRESS", value_name = "WINK_LINK_PER_MINUTE_PER_ADDRESS", default_value_t = NonZeroU32::new(600).unwrap())]
    pub link_per_minute_per_address: NonZeroU32,

    /// `GET /api/link/accounts` re-reads the applicant's accounts from Smile at most once
    /// per this many seconds; in between it answers from the stored state.
    #[arg(
        long,
        env = "WINK_ACCOUNTS_REFRESH_SECS",
        value_name = "WINK_ACCOUNTS_REFRESH_SECS",
        default_value_t = 10
    )]
    pub accounts_refresh_secs: u64,

    /// Widget callbacks stored per applicant per hour; past it, 429 and nothing stored.
    #[arg(long, env = "WINK_LINK_EVENTS_PER_HOUR", value_name = "WINK_LINK_EVENTS_PER_HOUR", default_value_t = 300, value_parser = clap::value_parser!(u32).range(1..))]
    pub link_events_per_hour: u32,

    /// Live event streams (`/api/link/stream`) one applicant may hold open at once.
    #[arg(long, env = "WINK_APPLICANT_STREAMS", value_name = "WINK_APPLICANT_STREAMS", default_value_t = 4, value_parser = clap::value_parser!(u32).range(1..))]
    pub applicant_streams: u32,

    /// How often an open event stream re-checks that its session still lives (sign-out,
    /// idle timeout, expiry and erasure end it).
    #[arg(long, env = "WINK_STREAM_RECHECK_SECS", value_name = "WINK_STREAM_RECHECK_SECS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=60))]
    pub stream_recheck_secs: u64,

    /// Every request but the event streams is answered within this many seconds (503 past
    /// it).
    #[arg(long, env = "WINK_REQUEST_TIMEOUT_SECS", value_name = "WINK_REQUEST_TIMEOUT_SECS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..))]
    pub request_timeout_secs: u64,

    /// Lets emulator mode run on a non-loopback address or a PostgreSQL database. Emulator
    /// mode publishes its key pair and webhook secret and creates a demo officer, so by
    /// default it refuses anything but a laptop (tests that need it set this).
    #[arg(long, env = "WINK_EMULATOR_ANYWHERE", value_name = "WINK_EMULATOR_ANYWHERE", default_value_t = false, action = clap::ArgAction::Set, value_parser = clap::builder::BoolishValueParser::new())]
    pub emulator_anywhere: bool,

    /// `/metrics` is served on the main address only to a scraper presenting this as a
    /// bearer token (`Authorization: Bearer ...`); without it (and without
    /// WINK_METRICS_ADDR) `/metrics` is not served at all.
    #[arg(
        long,
        env = "WINK_METRICS_TOKEN",
        value_name = "WINK_METRICS_TOKEN",
        hide_env_values = true
    )]
    pub metrics_token: Option<Secret>,

    /// A separate address (e.g. 127.0.0.1:9100, not reachable from the internet) serving
    /// only `/metrics`, without a token; the main address then answers 404 for it.
    #[arg(long, env = "WINK_METRICS_ADDR", value_name = "WINK_METRICS_ADDR")]
    pub metrics_addr: Option<SocketAddr>,

    /// Log lines as `text` (for people) or `json` (one object per line, for a log system).
    #[arg(
        long,
        env = "WINK_LOG_FORMAT",
        value_name = "WINK_LOG_FORMAT",
        default_value = "text"
    )]
    pub log_format: LogFormat,

    /// A git-ignored file of `KEY=VALUE` lines for SMILE_API_KEY, SMILE_API_SECRET and
    /// SMILE_WEBHOOK_SECRET (the environment wins). Default: `secrets.env` when it exists.
    /// Refused when group or others may read it.
    #[arg(long, env = "WINK_SECRETS_FILE", value_name = "WINK_SECRETS_FILE")]
    pub secrets_file: Option<PathBuf>,

    /// Which secrets came from the secrets file (filled by [`Config::load_secrets_file`]).
    #[arg(skip)]
    pub secrets_from_file: Vec<&'static str>,

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
    /// Prints the effective configuration (`NAME=value` lines, secrets `[REDACTED]`) and
    /// exits 0 when it is valid, non-zero with the offending variable's name when not.
    CheckConfig,
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
    /// A problem with the secrets file: names the file (and a line), never its content.
    #[error("WINK_SECRETS_FILE: {0}: {1}")]
    SecretsFile(PathBuf, String),
}

/// The emulator's documented key pair (`smile_sandbox::config::DEFAULT_API_KEY` /
/// `DEFAULT_API_SECRET`, repeated here because production builds leave the emulator out).
/// It opens only the emulator, so in sandbox or production mode it is a mistake.
pub const EMULATOR_API_KEY: &str = "sandbox-emulator-key";
pub const EMULATOR_API_SECRET: &str = "sandbox-emulator-secret";

/// The secrets file read when WINK_SECRETS_FILE is not set (only if it exists).
pub const DEFAULT_SECRETS_FILE: &str = "secrets.env";

/// The variables a secrets file may set.
const FILE_SECRETS: [&str; 3] = ["SMILE_API_KEY", "SMILE_API_SECRET", "SMILE_WEBHOOK_SECRET"];

impl Config {
    /// The configuration of this process: flags and environment, then the secrets file for
    /// whatever secret they left unset. Exits (as clap does) on a malformed flag.
    pub fn load() -> Result<Self, ConfigError> {
        let mut config = Self::parse();
        config.load_secrets_file()?;
        Ok(config)
    }

    /// Fills SMILE_API_KEY, SMILE_API_SECRET and SMILE_WEBHOOK_SECRET from the secrets file
    /// where neither a flag nor the environment set them. A missing default file is fine; a
    /// missing named one, one that group or others may read, or a malformed line is not.
    pub fn load_secrets_file(&mut self) -> Result<(), ConfigError> {
        let (path, explicit) = match &self.secrets_file {
            Some(path) => (path.clone(), true),
            None => (PathBuf::from(DEFAULT_SECRETS_FILE), false),
        };
        let file = match std::fs::File::open(&path) {
            Ok(file) => file,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !explicit => return Ok(()),
            Err(e) => return Err(ConfigError::SecretsFile(path, format!("cannot open: {e}"))),
        };
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = file
                .metadata()
                .map_err(|e| ConfigError::SecretsFile(path.clone(), e.to_string()))?
                .permissions()
                .mode();
            if mode & 0o077 != 0 {
                return Err(ConfigError::SecretsFile(
                    path.clone(),
                    format!(
                        "group or others may access it (mode {:o}); run `chmod 600 {}`",
                        mode & 0o777,
                        path.display()
                    ),
                ));
            }
        }
        let mut text = String::new();
        std::io::Read::read_to_string(&mut &file, &mut text)
            .map_err(|e| ConfigError::SecretsFile(path.clone(), format!("cannot read: {e}")))?;
        for (number, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let line = line.strip_prefix("export ").unwrap_or(line);
            let Some((name, value)) = line.split_once('=') else {
                return Err(ConfigError::SecretsFile(
                    path,
                    format!("line {}: expected NAME=value", number + 1),
                ));
            };
            let name = name.trim();
            let Some(&name) = FILE_SECRETS.iter().find(|known| **known == name) else {
                return Err(ConfigError::SecretsFile(
                    path,
                    format!(
                        "line {}: only {} may be set here",
                        number + 1,
                        FILE_SECRETS.join(", ")
                    ),
                ));
            };
            let value = unquote(value.trim());
            let slot = match name {
                "SMILE_API_KEY" => &mut self.smile_api_key,
                "SMILE_API_SECRET" => &mut self.smile_api_secret,
                _ => &mut self.smile_webhook_secret,
            };
            if slot.is_none() && !value.is_empty() {
                *slot = Some(Secret::from(value));
                self.secrets_from_file.push(name);
            }
        }
        Ok(())
    }

    /// Checks what clap cannot: combinations of variables.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let mode = self.smile_mode;
        if mode != Mode::Emulator {
            if self.smile_api_key.is_none() {
                return Err(ConfigError::Missing("SMILE_API_KEY", mode));
            }
            if self.smile_api_secret.is_none() {
                return Err(ConfigError::Missing("SMILE_API_SECRET", mode));
            }
            if self.smile_webhook_secret.is_none() {
                return Err(ConfigError::Missing("SMILE_WEBHOOK_SECRET", mode));
            }
            if self.public_url.is_none() {
                return Err(ConfigError::Missing("WINK_PUBLIC_URL", mode));
            }
            if self.smile_api_key.as_ref().map(Secret::expose) == Some(EMULATOR_API_KEY) {
                return Err(ConfigError::Invalid(
                    "SMILE_API_KEY",
                    format!("is the emulator's key; use the key Smile issued for {mode} mode"),
                ));
            }
            if self.smile_api_secret.as_ref().map(Secret::expose) == Some(EMULATOR_API_SECRET) {
                return Err(ConfigError::Invalid(
                    "SMILE_API_SECRET",
                    format!("is the emulator's secret; use the one Smile issued for {mode} mode"),
                ));
            }
            if self.cookie_secure == Some(false) {
                return Err(ConfigError::Invalid(
                    "WINK_COOKIE_SECURE",
                    format!("cookies must be Secure in {mode} mode; unset it"),
                ));
            }
        }
        if let Some(url) = &self.public_url {
            let Some(host) = url_host(url) else {
                return Err(ConfigError::Invalid(
                    "WINK_PUBLIC_URL",
                    "expected an absolute URL such as https://loans.example.com".into(),
                ));
            };
            if host.is_empty() {
                return Err(ConfigError::Invalid(
                    "WINK_PUBLIC_URL",
                    "the URL has no host".into(),
                ));
            }
            if mode == Mode::Production && !url.starts_with("https://") {
                return Err(ConfigError::Invalid(
                    "WINK_PUBLIC_URL",
                    "must be an https:// URL in production mode (Smile posts webhooks there)"
                        .into(),
                ));
            }
        }
        if let Some(url) = &self.smile_base_url {
            let Some(host) = url_host(url) else {
                return Err(ConfigError::Invalid(
                    "SMILE_BASE_URL",
                    "expected an absolute http(s) URL".into(),
                ));
            };
            let is = |base: &str| url_host(base).is_some_and(|h| h.eq_ignore_ascii_case(host));
            let sandbox = is(smile_api::hosts::SANDBOX_BASE_URL);
            let production = is(smile_api::hosts::PRODUCTION_BASE_URL);
            let other = match mode {
                Mode::Production | Mode::Emulator if sandbox => Some(Mode::Sandbox),
                Mode::Sandbox | Mode::Emulator if production => Some(Mode::Production),
                _ => None,
            };
            if let Some(other) = other {
                return Err(ConfigError::Invalid(
                    "SMILE_BASE_URL",
                    format!("points at Smile's {other} host in {mode} mode; set SMILE_MODE={other} or change SMILE_BASE_URL"),
                ));
            }
        }
        if self.currency.len() != 3 || !self.currency.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(ConfigError::Invalid(
                "WINK_CURRENCY",
                "expected a three-letter ISO 4217 code such as PHP".into(),
            ));
        }
        if mode == Mode::Emulator && !self.emulator_anywhere {
            if !self.addr.ip().is_loopback() {
                return Err(ConfigError::Invalid(
                    "WINK_ADDR",
                    "emulator mode serves its public key pair and webhook secret, so it listens \
                     only on a loopback address (127.0.0.1); set SMILE_MODE=sandbox or \
                     production, or WINK_EMULATOR_ANYWHERE=1 for a test rig"
                        .into(),
                ));
            }
            if crate::db::Backend::of_url(&self.database_url) == Some(crate::db::Backend::Postgres)
            {
                return Err(ConfigError::Invalid(
                    "DATABASE_URL",
                    "emulator mode creates a demo officer in the database, so it refuses a \
                     PostgreSQL database (a shared one may be real); use SQLite, or \
                     WINK_EMULATOR_ANYWHERE=1 for a test rig"
                        .into(),
                ));
            }
        }
        if crate::db::Backend::of_url(&self.database_url).is_none() {
            return Err(ConfigError::Invalid(
                "DATABASE_URL",
                "expected sqlite://path (e.g. sqlite://data/wink.db) or \
                 postgres://user@host/database"
                    .into(),
            ));
        }
        Ok(())
    }

    /// The effective configuration, one `(NAME, value)` per environment variable, in the
    /// order of `--help`. Every secret reads `[REDACTED]` when set and is empty when not.
    pub fn effective(&self) -> Vec<(&'static str, String)> {
        fn secret(value: &Option<Secret>) -> String {
            value
                .as_ref()
                .map_or_else(String::new, |_| REDACTED.to_owned())
        }
        fn list(values: &[String]) -> String {
            values.join(",")
        }
        let own = format!("http://{}", self.addr);
        let base_url = match (&self.smile_base_url, self.smile_mode) {
            (Some(url), _) => url.clone(),
            (None, Mode::Emulator) => format!("{own}/sandbox/v1"),
            (None, Mode::Sandbox) => smile_api::hosts::SANDBOX_BASE_URL.to_owned(),
            (None, Mode::Production) => smile_api::hosts::PRODUCTION_BASE_URL.to_owned(),
        };
        let secrets_file = match &self.secrets_file {
            Some(path) => path.display().to_string(),
            None if std::path::Path::new(DEFAULT_SECRETS_FILE).exists() => {
                DEFAULT_SECRETS_FILE.to_owned()
            }
            None => String::new(),
        };
        vec![
            ("SMILE_MODE", self.smile_mode.to_string()),
            ("WINK_ADDR", self.addr.to_string()),
            ("WINK_DIST_DIR", self.dist_dir.display().to_string()),
            ("DATABASE_URL", redact_url_password(&self.database_url)),
            ("SMILE_BASE_URL", base_url),
            ("SMILE_API_KEY", secret(&self.smile_api_key)),
            ("SMILE_API_SECRET", secret(&self.smile_api_secret)),
            ("SMILE_RATE_LIMIT", self.smile_rate_limit.to_string()),
            ("SMILE_WEBHOOK_SECRET", secret(&self.smile_webhook_secret)),
            (
                "WINK_PUBLIC_URL",
                self.public_url.clone().unwrap_or_else(|| own.clone()),
            ),
            ("WINK_RECONCILE_SECS", self.reconcile_secs.to_string()),
            ("WINK_SYNC_DEBOUNCE_MS", self.sync_debounce_ms.to_string()),
            ("WINK_NAME_MATCH_MIN", self.name_match_min.to_string()),
            (
                "WINK_INCOME_SHORTFALL_PERCENT",
                self.income_shortfall_percent.to_string(),
            ),
            (
                "WINK_CONTRIBUTION_GAP_MONTHS",
                self.contribution_gap_months.to_string(),
            ),
            (
                "WINK_NO_RECENT_CONTRIBUTION_MONTHS",
                self.no_recent_contribution_months.to_string(),
            ),
            ("WINK_STALE_DATA_DAYS", self.stale_data_days.to_string()),
            ("WINK_BACKGROUND", self.background.to_string()),
            ("WINK_CURRENCY", self.currency.clone()),
            ("WINK_COMPANY_NAME", self.company_name.clone()),
            ("WINK_WIDGET_PROVIDERS", list(&self.widget_providers)),
            (
                "WINK_WIDGET_TOP_PROVIDERS",
                list(&self.widget_top_providers),
            ),
            (
                "WINK_WIDGET_ENABLE_UPLOAD",
                self.widget_enable_upload.to_string(),
            ),
            (
                "WINK_WIDGET_ENABLE_SEARCH_BAR",
                self.widget_enable_search_bar.to_string(),
            ),
            (
                "WINK_WIDGET_ENABLE_TYPE_BAR",
                self.widget_enable_type_bar.to_string(),
            ),
            (
                "SMILE_TEMPLATE_ID",
                self.smile_template_id.clone().unwrap_or_default(),
            ),
            ("WINK_COOKIE_SECURE", self.cookie_secure().to_string()),
            (
                "WINK_OFFICER_DIST_DIR",
                self.officer_dist_dir.display().to_string(),
            ),
            ("WINK_DEMO_OFFICER_EMAIL", self.demo_officer_email.clone()),
            (
                "WINK_DEMO_OFFICER_PASSWORD",
                secret(&self.demo_officer_password),
            ),
            (
                "WINK_OFFICER_IDLE_MINUTES",
                self.officer_idle_minutes.to_string(),
            ),
            (
                "WINK_OFFICER_SESSION_HOURS",
                self.officer_session_hours.to_string(),
            ),
            (
                "WINK_LOGIN_MAX_FAILURES_PER_ACCOUNT",
                self.login_max_failures_per_account.to_string(),
            ),
            (
                "WINK_LOGIN_MAX_FAILURES_PER_ADDRESS",
                self.login_max_failures_per_address.to_string(),
            ),
            (
                "WINK_LOGIN_WINDOW_MINUTES",
                self.login_window_minutes.to_string(),
            ),
            ("WINK_INVITE_DAYS", self.invite_days.to_string()),
            ("WINK_RESUME_DAYS", self.resume_days.to_string()),
            (
                "EMULATOR_TOKEN_TTL_SECS",
                self.emulator_token_ttl_secs.to_string(),
            ),
            ("WINK_ROLLOUT_PERCENT", self.rollout_percent.to_string()),
            ("WINK_ROLLOUT_ALLOWLIST", self.rollout_allowlist.join(",")),
            ("WINK_RETENTION_DAYS", self.retention_days.to_string()),
            ("WINK_METRICS_TOKEN", secret(&self.metrics_token)),
            (
                "WINK_METRICS_ADDR",
                self.metrics_addr.map(|a| a.to_string()).unwrap_or_default(),
            ),
            ("WINK_EMULATOR_ANYWHERE", self.emulator_anywhere.to_string()),
            (
                "WINK_TRUSTED_PROXIES",
                self.trusted_proxies.to_strings().join(","),
            ),
            ("WINK_APPLY_PER_HOUR", self.apply_per_hour.to_string()),
            ("WINK_LINK_PER_MINUTE", self.link_per_minute.to_string()),
            (
                "WINK_LINK_PER_MINUTE_PER_ADDRESS",
                self.link_per_minute_per_address.to_string(),
            ),
            (
                "WINK_ACCOUNTS_REFRESH_SECS",
                self.accounts_refresh_secs.to_string(),
            ),
            (
                "WINK_LINK_EVENTS_PER_HOUR",
                self.link_events_per_hour.to_string(),
            ),
            ("WINK_APPLICANT_STREAMS", self.applicant_streams.to_string()),
            (
                "WINK_STREAM_RECHECK_SECS",
                self.stream_recheck_secs.to_string(),
            ),
            (
                "WINK_REQUEST_TIMEOUT_SECS",
                self.request_timeout_secs.to_string(),
            ),
            (
                "WINK_LOG_FORMAT",
                match self.log_format {
                    LogFormat::Text => "text",
                    LogFormat::Json => "json",
                }
                .to_owned(),
            ),
            ("WINK_SECRETS_FILE", secrets_file),
        ]
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

    pub fn budget_limits(&self) -> crate::budgets::BudgetLimits {
        crate::budgets::BudgetLimits {
            applications_per_hour: self.apply_per_hour,
            link_per_minute: self.link_per_minute,
            link_per_minute_per_address: self.link_per_minute_per_address,
            accounts_refresh: std::time::Duration::from_secs(self.accounts_refresh_secs),
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

/// How `check-config` shows a secret that is set.
pub const REDACTED: &str = "[REDACTED]";

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret(SecretString::from(value.to_owned()))
    }
}

/// `"value"` or `'value'` → `value`.
fn unquote(value: &str) -> &str {
    for quote in ['"', '\''] {
        if let Some(inner) = value
            .strip_prefix(quote)
            .and_then(|v| v.strip_suffix(quote))
        {
            return inner;
        }
    }
    value
}

/// The host of an `http://` or `https://` URL (lower-cased comparisons are the caller's).
fn url_host(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_port = authority.rsplit('@').next().unwrap_or_default();
    Some(match host_port.rsplit_once(':') {
        Some((host, port)) if port.bytes().all(|b| b.is_ascii_digit()) => host,
        _ => host_port,
    })
}

/// `scheme://user:password@host/...` → `scheme://user:[REDACTED]@host/...`.
fn redact_url_password(url: &str) -> String {
    let (url, query) = match url.split_once('?') {
        Some((url, query)) => (url, Some(query)),
        None => (url, None),
    };
    let mut redacted = match url.split_once("://") {
        Some((scheme, rest)) => {
            let authority_end = rest.find('/').unwrap_or(rest.len());
            let (authority, path) = rest.split_at(authority_end);
            match authority.rsplit_once('@') {
                Some((userinfo, host)) => {
                    let user = userinfo.split(':').next().unwrap_or_default();
                    format!("{scheme}://{user}:{REDACTED}@{host}{path}")
                }
                None => url.to_owned(),
            }
        }
        None => url.to_owned(),
    };
    // `?password=` (libpq's and sqlx's parameter) and the like.
    if let Some(query) = query {
        let pairs: Vec<String> = query
            .split('&')
            .map(|pair| match pair.split_once('=') {
                Some((key, _)) if key.to_ascii_lowercase().contains("password") => {
                    format!("{key}={REDACTED}")
                }
                _ => pair.to_owned(),
            })
            .collect();
        redacted.push('?');
        redacted.push_str(&pairs.join("&"));
    }
    redacted
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
    fn emulator_mode_refuses_a_public_address_or_postgres_unless_told() {
        let public = parse(&["--addr", "0.0.0.0:3000"]);
        assert!(
            refused(&public).contains("WINK_ADDR"),
            "{}",
            refused(&public)
        );
        let pg = parse(&["--database-url", "postgres://wink:pw@db/wink"]);
        assert!(refused(&pg).contains("DATABASE_URL"), "{}", refused(&pg));
        for base in [
            &["--addr", "0.0.0.0:3000"][..],
            &["--database-url", "postgres://db/wink"],
        ] {
            let mut args = base.to_vec();
            args.extend(["--emulator-anywhere", "true"]);
            assert!(parse(&args).validate().is_ok());
        }
        assert!(parse(&["--addr", "[::1]:3000"]).validate().is_ok());
    }

    #[test]
    fn database_passwords_never_show_in_help_or_effective_configuration() {
        let help = {
            let mut command = <Config as clap::CommandFactory>::command();
            command.render_long_help().to_string()
        };
        // clap renders env values only when the variable is set in this process; the
        // attribute is what keeps them out, so check it is there.
        let command = <Config as clap::CommandFactory>::command();
        let arg = command
            .get_arguments()
            .find(|a| a.get_id() == "database_url")
            .unwrap();
        assert!(arg.is_hide_env_values_set(), "{help}");
        for url in [
            "postgres://wink:hunter2@db/wink",
            "postgres://db/wink?sslmode=require&password=hunter2",
            "postgresql://wink@db/wink?PassWord=hunter2&user=wink",
        ] {
            let config = parse(&["--database-url", url, "--emulator-anywhere", "true"]);
            let effective = config
                .effective()
                .into_iter()
                .find(|(name, _)| *name == "DATABASE_URL")
                .unwrap()
                .1;
            assert!(!effective.contains("hunter2"), "{effective}");
            assert!(effective.contains("db/wink"), "{effective}");
        }
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

    /// A valid production configuration, to break one variable at a time.
    const PRODUCTION: [&str; 10] = [
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
    ];

    fn with(base: &[&str], extra: &[&str]) -> Config {
        let args: Vec<&str> = base.iter().chain(extra).copied().collect();
        parse(&args)
    }

    fn refused(config: &Config) -> String {
        let message = config.validate().unwrap_err().to_string();
        for value in [
            "k-123",
            "s-456",
            "w-789",
            EMULATOR_API_KEY,
            EMULATOR_API_SECRET,
        ] {
            assert!(!message.contains(value), "{message}");
        }
        message
    }

    #[test]
    fn database_urls_are_sqlite_or_postgres() {
        for url in [
            "sqlite://data/wink.db",
            "postgres://wink:pw@db.internal/wink",
            "postgresql://wink@localhost:5432/wink?sslmode=require",
        ] {
            assert!(
                with(&PRODUCTION, &["--database-url", url])
                    .validate()
                    .is_ok(),
                "{url}"
            );
        }
        for url in ["mysql://root:pw-secret@db/wink", "data/wink.db", ""] {
            let message = refused(&with(&PRODUCTION, &["--database-url", url]));
            assert!(message.contains("DATABASE_URL"), "{message}");
            assert!(!message.contains("pw-secret"), "{message}");
        }
    }

    #[test]
    fn inconsistent_configurations_are_refused_naming_the_variable() {
        assert!(with(&PRODUCTION, &[]).validate().is_ok());
        for mode in ["sandbox", "production"] {
            let mut args = PRODUCTION;
            args[1] = mode;
            let message = refused(&with(&args, &[]).clone_with_key(EMULATOR_API_KEY));
            assert!(message.starts_with("SMILE_API_KEY: "), "{message}");
            let message = refused(&with(&args, &[]).clone_with_secret(EMULATOR_API_SECRET));
            assert!(message.starts_with("SMILE_API_SECRET: "), "{message}");
            let message = refused(&with(&args, &["--cookie-secure", "false"]));
            assert!(message.starts_with("WINK_COOKIE_SECURE: "), "{message}");
        }
        let mut http = PRODUCTION;
        http[9] = "http://loans.example.com";
        assert!(refused(&with(&http, &[])).starts_with("WINK_PUBLIC_URL: "));
        let mut sandbox_http = http;
        sandbox_http[1] = "sandbox";
        assert!(
            with(&sandbox_http, &[]).validate().is_ok(),
            "http is fine in sandbox mode"
        );
        let mut relative = PRODUCTION;
        relative[9] = "loans.example.com";
        assert!(refused(&with(&relative, &[])).starts_with("WINK_PUBLIC_URL: "));

        let message = refused(&with(
            &PRODUCTION,
            &["--smile-base-url", "https://sandbox.smileapi.io/v1"],
        ));
        assert!(message.starts_with("SMILE_BASE_URL: "), "{message}");
        let mut sandbox = PRODUCTION;
        sandbox[1] = "sandbox";
        let message = refused(&with(
            &sandbox,
            &["--smile-base-url", "https://OPEN.smileapi.io:443/v1"],
        ));
        assert!(message.starts_with("SMILE_BASE_URL: "), "{message}");
        let message = refused(&parse(&["--smile-base-url", "https://open.smileapi.io/v1"]));
        assert!(message.starts_with("SMILE_BASE_URL: "), "{message}");
        // A proxy, or the mode's own host, is fine.
        assert!(with(
            &PRODUCTION,
            &["--smile-base-url", "http://127.0.0.1:9000/v1"]
        )
        .validate()
        .is_ok());
        assert!(with(
            &sandbox,
            &["--smile-base-url", "https://sandbox.smileapi.io/v1"]
        )
        .validate()
        .is_ok());
        // Emulator mode keeps its defaults: the emulator's key pair and plain cookies.
        assert!(parse(&[
            "--smile-api-key",
            EMULATOR_API_KEY,
            "--smile-api-secret",
            EMULATOR_API_SECRET,
            "--cookie-secure",
            "false"
        ])
        .validate()
        .is_ok());
    }

    impl Config {
        fn clone_with_key(&self, key: &str) -> Config {
            Config {
                smile_api_key: Some(Secret::from(key)),
                ..self.clone()
            }
        }
        fn clone_with_secret(&self, secret: &str) -> Config {
            Config {
                smile_api_secret: Some(Secret::from(secret)),
                ..self.clone()
            }
        }
    }

    #[cfg(feature = "emulator")]
    #[test]
    fn the_emulator_key_pair_is_the_emulators() {
        assert_eq!(EMULATOR_API_KEY, smile_sandbox::config::DEFAULT_API_KEY);
        assert_eq!(
            EMULATOR_API_SECRET,
            smile_sandbox::config::DEFAULT_API_SECRET
        );
    }

    fn secrets_file(content: &str, mode: u32) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("secrets.env");
        std::fs::write(&path, content).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
        }
        (dir, path)
    }

    #[test]
    fn secrets_come_from_the_file_and_the_environment_wins() {
        let (_dir, path) = secrets_file(
            "# Smile sandbox\nSMILE_API_KEY=file-key\n\nexport SMILE_API_SECRET=\"file-secret\"\nSMILE_WEBHOOK_SECRET = file-webhook\n",
            0o600,
        );
        let path_arg = path.display().to_string();
        let mut config = parse(&[
            "--smile-mode",
            "sandbox",
            "--public-url",
            "https://loans.example.com",
            "--smile-api-key",
            "flag-key",
            "--secrets-file",
            &path_arg,
        ]);
        config.load_secrets_file().unwrap();
        assert_eq!(config.smile_api_key.as_ref().unwrap().expose(), "flag-key");
        assert_eq!(
            config.smile_api_secret.as_ref().unwrap().expose(),
            "file-secret"
        );
        assert_eq!(
            config.smile_webhook_secret.as_ref().unwrap().expose(),
            "file-webhook"
        );
        assert_eq!(
            config.secrets_from_file,
            ["SMILE_API_SECRET", "SMILE_WEBHOOK_SECRET"]
        );
        assert!(config.validate().is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn a_secrets_file_others_may_read_is_refused_naming_the_file_not_its_content() {
        for mode in [0o644, 0o640, 0o604, 0o660] {
            let (_dir, path) = secrets_file("SMILE_API_SECRET=very-secret-value\n", mode);
            let mut config = parse(&["--secrets-file", &path.display().to_string()]);
            let message = config.load_secrets_file().unwrap_err().to_string();
            assert!(message.starts_with("WINK_SECRETS_FILE: "), "{message}");
            assert!(message.contains(&path.display().to_string()), "{message}");
            assert!(!message.contains("very-secret-value"), "{message}");
            assert!(config.smile_api_secret.is_none());
        }
    }

    #[test]
    fn a_bad_or_missing_secrets_file_is_named_never_quoted() {
        let (_dir, path) = secrets_file("SMILE_API_SECRET=ok\nSMILE_API_SECRT=typo-value\n", 0o600);
        let mut config = parse(&["--secrets-file", &path.display().to_string()]);
        let message = config.load_secrets_file().unwrap_err().to_string();
        assert!(message.contains("line 2"), "{message}");
        assert!(
            !message.contains("typo-value") && !message.contains("SMILE_API_SECRT"),
            "{message}"
        );
        let (_dir, path) = secrets_file("just-a-secret-on-its-own\n", 0o600);
        let mut config = parse(&["--secrets-file", &path.display().to_string()]);
        let message = config.load_secrets_file().unwrap_err().to_string();
        assert!(
            message.contains("line 1") && !message.contains("just-a-secret"),
            "{message}"
        );

        let mut config = parse(&["--secrets-file", "/nonexistent/secrets.env"]);
        let message = config.load_secrets_file().unwrap_err().to_string();
        assert!(
            message.starts_with("WINK_SECRETS_FILE: /nonexistent/secrets.env"),
            "{message}"
        );
    }

    #[test]
    fn effective_configuration_lists_every_variable_with_secrets_redacted() {
        let mut config = with(
            &PRODUCTION,
            &[
                "--demo-officer-password",
                "pw-000",
                "--database-url",
                "postgres://wink:dbpass@db.internal:5432/wink",
            ],
        );
        config.smile_webhook_secret = None;
        let effective = config.effective();
        let names: Vec<&str> = effective.iter().map(|(name, _)| *name).collect();
        use clap::CommandFactory;
        for arg in Config::command().get_arguments() {
            if let Some(env) = arg.get_env() {
                let env = env.to_str().unwrap();
                assert!(names.contains(&env), "{env} is missing from check-config");
            }
        }
        let value = |name: &str| {
            effective
                .iter()
                .find(|(n, _)| *n == name)
                .unwrap()
                .1
                .clone()
        };
        assert_eq!(value("SMILE_API_KEY"), REDACTED);
        assert_eq!(value("SMILE_API_SECRET"), REDACTED);
        assert_eq!(value("WINK_DEMO_OFFICER_PASSWORD"), REDACTED);
        assert_eq!(
            value("SMILE_WEBHOOK_SECRET"),
            "",
            "unset stays visible as unset"
        );
        assert_eq!(
            value("SMILE_BASE_URL"),
            smile_api::hosts::PRODUCTION_BASE_URL
        );
        assert_eq!(value("WINK_COOKIE_SECURE"), "true");
        assert_eq!(
            value("DATABASE_URL"),
            "postgres://wink:[REDACTED]@db.internal:5432/wink"
        );
        let all = format!("{effective:?}");
        for secret in ["k-123", "s-456", "pw-000", "dbpass"] {
            assert!(!all.contains(secret), "{all}");
        }
    }
}
