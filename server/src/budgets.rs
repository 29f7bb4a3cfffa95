//! Abuse budgets for the routes that spend Smile calls on a browser's behalf: applying (one
//! Smile user each) per client address, and the link routes (link tokens, account checks)
//! per applicant and per address; and for the public report check (parsing a PDF) per
//! address. Past a budget the answer is 429 with `Retry-After`, before
//! anything reaches Smile. Also how often one applicant's accounts may be re-read from Smile.
//!
//! Kept in memory per process (`governor`'s keyed GCRA): a budget is a brake on one client,
//! not an accounting record, so several instances each applying it is acceptable.

use std::num::NonZeroU32;
use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::client_addr::ClientAddr;
use crate::Error;

/// The limits, from configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BudgetLimits {
    /// `WINK_APPLY_PER_HOUR`: applications one client address may start per hour.
    pub applications_per_hour: NonZeroU32,
    /// `WINK_LINK_PER_MINUTE`: link-route calls per applicant per minute.
    pub link_per_minute: NonZeroU32,
    /// `WINK_LINK_PER_MINUTE_PER_ADDRESS`: link-route calls per client address per minute
    /// (many applicants may share a carrier's address, so it is larger).
    pub link_per_minute_per_address: NonZeroU32,
    /// `WINK_ACCOUNTS_REFRESH_SECS`: the applicant's accounts are re-read from Smile at most
    /// this often; in between, the stored state (kept current by webhooks) answers.
    pub accounts_refresh: Duration,
    /// `WINK_VERIFY_PER_MINUTE`: report files one client address may have checked per minute.
    pub verifications_per_minute: NonZeroU32,
}

/// Keys are dropped once idle, so an attacker rotating keys cannot grow the maps for ever.
const PRUNE_ABOVE_KEYS: usize = 10_000;

pub struct Budgets {
    applications: DefaultKeyedRateLimiter<String>,
    link_per_applicant: DefaultKeyedRateLimiter<String>,
    link_per_address: DefaultKeyedRateLimiter<String>,
    refresh: DefaultKeyedRateLimiter<String>,
    verifications: DefaultKeyedRateLimiter<String>,
}

impl Budgets {
    pub fn new(limits: &BudgetLimits) -> Self {
        let refresh = Quota::with_period(limits.accounts_refresh.max(Duration::from_millis(1)))
            .expect("a positive period");
        Budgets {
            applications: RateLimiter::keyed(Quota::per_hour(limits.applications_per_hour)),
            link_per_applicant: RateLimiter::keyed(Quota::per_minute(limits.link_per_minute)),
            link_per_address: RateLimiter::keyed(Quota::per_minute(
                limits.link_per_minute_per_address,
            )),
            refresh: RateLimiter::keyed(refresh),
            verifications: RateLimiter::keyed(Quota::per_minute(limits.verifications_per_minute)),
        }
    }

    /// One application from `client`.
    pub fn spend_application(&self, client: &ClientAddr) -> Result<(), Error> {
        spend(&self.applications, client.budget_key(), "application")
    }

    /// One link-route call by `applicant_id` from `client`.
    pub fn spend_link(&self, applicant_id: &str, client: &ClientAddr) -> Result<(), Error> {
        spend(
            &self.link_per_address,
            client.budget_key(),
            "link (address)",
        )?;
        spend(
            &self.link_per_applicant,
            applicant_id.to_owned(),
            "link (applicant)",
        )
    }

    /// One report file checked for `client`.
    pub fn spend_verification(&self, client: &ClientAddr) -> Result<(), Error> {
        spend(&self.verifications, client.budget_key(), "verification")
    }

    /// Whether the applicant's accounts may be re-read from Smile now (then not again until
    /// the refresh period has passed).
    pub fn may_refresh_accounts(&self, applicant_id: &str) -> bool {
        prune(&self.refresh);
        self.refresh.check_key(&applicant_id.to_owned()).is_ok()
    }
}

fn spend(
    limiter: &DefaultKeyedRateLimiter<String>,
    key: String,
    budget: &'static str,
) -> Result<(), Error> {
    prune(limiter);
    limiter.check_key(&key).map_err(|not_until| {
        let wait = not_until.wait_time_from(DefaultClock::default().now());
        tracing::warn!(budget, "budget spent: request refused");
        metrics::counter!("wink_budget_refusals_total", "budget" => budget).increment(1);
        Error::TooManyRequests(wait.as_secs().max(1))
    })
}

fn prune(limiter: &DefaultKeyedRateLimiter<String>) {
    if limiter.len() > PRUNE_ABOVE_KEYS {
        limiter.retain_recent();
        limiter.shrink_to_fit();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits() -> BudgetLimits {
        BudgetLimits {
            applications_per_hour: NonZeroU32::new(3).unwrap(),
            link_per_minute: NonZeroU32::new(2).unwrap(),
            link_per_minute_per_address: NonZeroU32::new(5).unwrap(),
            accounts_refresh: Duration::from_secs(60),
            verifications_per_minute: NonZeroU32::new(2).unwrap(),
        }
    }

    fn from(ip: &str) -> ClientAddr {
        ClientAddr(Some(ip.parse().unwrap()))
    }

    #[test]
    fn each_address_has_its_own_application_budget() {
        let budgets = Budgets::new(&limits());
        for _ in 0..3 {
            budgets.spend_application(&from("192.0.2.1")).unwrap();
        }
        match budgets.spend_application(&from("192.0.2.1")) {
            Err(Error::TooManyRequests(wait)) => assert!(wait >= 1),
            other => panic!("expected 429, got {other:?}"),
        }
        budgets.spend_application(&from("192.0.2.2")).unwrap();
    }

    #[test]
    fn link_calls_are_limited_per_applicant_and_per_address() {
        let budgets = Budgets::new(&limits());
        let here = from("192.0.2.1");
        budgets.spend_link("a", &here).unwrap();
        budgets.spend_link("a", &here).unwrap();
        assert!(budgets.spend_link("a", &here).is_err());
        // Another applicant behind the same address has its own budget, up to the address's.
        budgets.spend_link("b", &here).unwrap();
        budgets.spend_link("b", &here).unwrap();
        assert!(budgets.spend_link("c", &here).is_err());
    }

    #[test]
    fn each_address_has_its_own_verification_budget() {
        let budgets = Budgets::new(&limits());
        budgets.spend_verification(&from("192.0.2.1")).unwrap();
        budgets.spend_verification(&from("192.0.2.1")).unwrap();
        assert!(budgets.spend_verification(&from("192.0.2.1")).is_err());
        budgets.spend_verification(&from("192.0.2.2")).unwrap();
    }

    #[test]
    fn accounts_are_refreshed_at_most_once_per_period() {
        let budgets = Budgets::new(&limits());
        assert!(budgets.may_refresh_accounts("a"));
        assert!(!budgets.may_refresh_accounts("a"));
        assert!(budgets.may_refresh_accounts("b"));
    }
}
