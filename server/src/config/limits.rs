//! Abuse budgets: what one applicant or one client address may cost.

use std::num::NonZeroU32;
use std::time::Duration;

use clap::value_parser;

use crate::budgets::BudgetLimits;

#[derive(Debug, Clone, clap::Args, serde::Serialize)]
pub struct LimitSettings {
    /// Applications one client address may start per hour (each creates a Smile user).
    #[arg(long, env = "WINK_APPLY_PER_HOUR", default_value_t = NonZeroU32::new(30).unwrap())]
    pub apply_per_hour: NonZeroU32,

    /// Calls to the link routes (link token, accounts, widget callbacks) one applicant may
    /// make per minute.
    #[arg(long, env = "WINK_LINK_PER_MINUTE", default_value_t = NonZeroU32::new(60).unwrap())]
    pub link_per_minute: NonZeroU32,

    /// Calls to the link routes one client address may make per minute, all applicants
    /// behind it together.
    #[arg(long, env = "WINK_LINK_PER_MINUTE_PER_ADDRESS", default_value_t = NonZeroU32::new(600).unwrap())]
    pub link_per_minute_per_address: NonZeroU32,

    /// `GET /api/link/accounts` re-reads the applicant's accounts from Smile at most once
    /// per this many seconds; in between it answers from the stored state.
    #[arg(long, env = "WINK_ACCOUNTS_REFRESH_SECS", default_value_t = 10)]
    pub accounts_refresh_secs: u64,

    /// Report files (`/verify`, `POST /api/verify`) one client address may have checked per
    /// minute.
    #[arg(long, env = "WINK_VERIFY_PER_MINUTE", default_value_t = NonZeroU32::new(20).unwrap())]
    pub verify_per_minute: NonZeroU32,

    /// Widget callbacks stored per applicant per hour; past it, 429 and nothing stored.
    #[arg(long, env = "WINK_LINK_EVENTS_PER_HOUR", default_value_t = 300, value_parser = value_parser!(u32).range(1..))]
    pub link_events_per_hour: u32,

    /// Live event streams (`/api/link/stream`) one applicant may hold open at once.
    #[arg(long, env = "WINK_APPLICANT_STREAMS", default_value_t = 4, value_parser = value_parser!(u32).range(1..))]
    pub applicant_streams: u32,

    /// How often an open event stream re-checks that its session still lives (sign-out,
    /// idle timeout, expiry and erasure end it).
    #[arg(long, env = "WINK_STREAM_RECHECK_SECS", default_value_t = 30, value_parser = value_parser!(u64).range(1..=60))]
    pub stream_recheck_secs: u64,
}

impl LimitSettings {
    pub fn budget_limits(&self) -> BudgetLimits {
        BudgetLimits {
            applications_per_hour: self.apply_per_hour,
            link_per_minute: self.link_per_minute,
            link_per_minute_per_address: self.link_per_minute_per_address,
            accounts_refresh: Duration::from_secs(self.accounts_refresh_secs),
            verifications_per_minute: self.verify_per_minute,
        }
    }

    pub fn stream_recheck(&self) -> Duration {
        Duration::from_secs(self.stream_recheck_secs)
    }
}
