//! Loan officers' sessions, sign-in limits and invitations.

use clap::value_parser;
use std::time::Duration;

#[derive(Debug, Clone, clap::Args, serde::Serialize)]
pub struct OfficerSettings {
    /// An officer session ends after this many minutes without a request.
    #[arg(long, env = "WINK_OFFICER_IDLE_MINUTES", default_value_t = 15, value_parser = value_parser!(u32).range(1..))]
    pub officer_idle_minutes: u32,

    /// An officer session ends this many hours after login, whatever the activity.
    #[arg(long, env = "WINK_OFFICER_SESSION_HOURS", default_value_t = 8, value_parser = value_parser!(u32).range(1..))]
    pub officer_session_hours: u32,

    /// Failed logins allowed per officer account within the window; then 429 with
    /// `Retry-After`.
    #[arg(long, env = "WINK_LOGIN_MAX_FAILURES_PER_ACCOUNT", default_value_t = 5)]
    pub login_max_failures_per_account: u32,

    /// Failed logins allowed per client address within the window; then 429 with
    /// `Retry-After`.
    #[arg(
        long,
        env = "WINK_LOGIN_MAX_FAILURES_PER_ADDRESS",
        default_value_t = 20
    )]
    pub login_max_failures_per_address: u32,

    /// The login rate limit's window, in minutes.
    #[arg(long, env = "WINK_LOGIN_WINDOW_MINUTES", default_value_t = 15, value_parser = value_parser!(u32).range(1..))]
    pub login_window_minutes: u32,

    /// How long an officer's invitation link stays usable (single use), in days.
    #[arg(long, env = "WINK_INVITE_DAYS", default_value_t = 7, value_parser = value_parser!(u32).range(1..))]
    pub invite_days: u32,
}

/// An officer's session and login limits.
#[derive(Debug, Clone, Copy)]
pub struct OfficerPolicy {
    pub idle: Duration,
    pub absolute: Duration,
    pub max_failures_per_account: u32,
    pub max_failures_per_address: u32,
    pub login_window: Duration,
    pub invite_ttl: Duration,
}

impl OfficerSettings {
    pub fn policy(&self) -> OfficerPolicy {
        OfficerPolicy {
            idle: Duration::from_secs(60 * u64::from(self.officer_idle_minutes)),
            absolute: Duration::from_secs(3600 * u64::from(self.officer_session_hours)),
            max_failures_per_account: self.login_max_failures_per_account,
            max_failures_per_address: self.login_max_failures_per_address,
            login_window: Duration::from_secs(60 * u64::from(self.login_window_minutes)),
            invite_ttl: Duration::from_secs(86_400 * u64::from(self.invite_days)),
        }
    }
}
