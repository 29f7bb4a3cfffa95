//! The verification summary: an applicant's declared data checked against what Smile synced
//! for their linked accounts (issue 6, item 5).
//!
//! Pure: [`summarize`] reads only its arguments (the clock comes in as `now`), so the same
//! inputs always give the same summary. Unknown stays unknown: a figure the data cannot
//! support is `None`, and a flag is raised only from data that is present — except where
//! the absence is the finding (contributions were synced but none recently; employments
//! were synced but none is current).
//!
//! - names: [`name`] (the scoring method is documented there; [`name::score`] is public);
//! - employer and tenure: [`employment`] ([`employment::employer_key`] is public);
//! - contributions, income, and flags with their sentences: the private `contributions`,
//!   `income` and `flags` modules, whose module docs give the exact windows and rules.

mod contributions;
pub mod employment;
mod flags;
mod income;
pub mod name;
mod text;
mod time;

#[cfg(test)]
mod fixtures;
#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};
use smile_api::{Account, Contribution, Eincome, Employment, Identity, Income};
use wink_api::summary::{EmploymentCheck, Freshness, NameMatch, VerificationSummary};

use crate::db::Timestamp;
use time::{item_created, month_of};

/// What the applicant declared (from their application).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Declared {
    pub full_name: String,
    pub employer: String,
    /// Whole units of `currency` per month.
    pub monthly_income: u64,
    /// ISO 4217, e.g. `PHP`.
    pub currency: String,
}

impl From<&wink_api::Application> for Declared {
    fn from(application: &wink_api::Application) -> Self {
        Declared {
            full_name: application.full_name.clone(),
            employer: application.employer.clone(),
            monthly_income: application.monthly_income,
            currency: application.currency.clone(),
        }
    }
}

/// Everything synced from Smile for the applicant's accounts. Any list may be empty.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SyncedData {
    pub identities: Vec<Identity>,
    pub employments: Vec<Employment>,
    pub contributions: Vec<Contribution>,
    pub incomes: Vec<Income>,
    pub eincomes: Vec<Eincome>,
    /// The linked accounts, for their connection status.
    pub accounts: Vec<Account>,
}

/// When a finding becomes a flag. Filled from the server's configuration.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct SummaryThresholds {
    /// A name score below this (0–100) is a name mismatch.
    pub name_match_min: u8,
    /// Estimated income more than this many percent below the declared one is flagged.
    pub income_shortfall_percent: f64,
    /// A run of at least this many months without contributions is a gap worth a flag.
    pub gap_months: u32,
    /// This many complete months without any contribution (contributions being synced at
    /// all) is flagged.
    pub no_recent_contribution_months: u32,
    /// Data whose newest item is older than this many days is stale.
    pub stale_data_days: u32,
    /// An employment whose last reported month is at most this many months before the
    /// current month still counts as current (social-security data lags).
    pub current_employment_grace_months: u32,
    /// How many of the newest months the income estimate averages.
    pub income_average_months: u32,
}

impl Default for SummaryThresholds {
    fn default() -> Self {
        SummaryThresholds {
            name_match_min: 80,
            income_shortfall_percent: 20.0,
            gap_months: 3,
            no_recent_contribution_months: 3,
            stale_data_days: 30,
            current_employment_grace_months: 3,
            income_average_months: 3,
        }
    }
}

/// The verification summary of `declared` against `data`, as of `now`.
pub fn summarize(
    declared: &Declared,
    data: &SyncedData,
    thresholds: &SummaryThresholds,
    now: Timestamp,
) -> VerificationSummary {
    let today = now.utc_date();
    let current = month_of(today);

    let name = name_match(&declared.full_name, &data.identities);
    let facts = employment::analyse(
        &data.employments,
        &declared.employer,
        today,
        thresholds.current_employment_grace_months,
    );
    let verified = facts.verified.as_ref();
    let employment = EmploymentCheck {
        declared_employer: declared.employer.clone(),
        current_employer: verified.filter(|s| s.current).map(|s| s.employer.clone()),
        verified_employer: verified.map(|s| s.employer.clone()),
        employed_since: verified.map(|s| s.since.to_string()),
        employment_ended: verified
            .filter(|s| !s.current)
            .and_then(|s| s.until)
            .map(|d| d.to_string()),
        tenure_months: verified.map(|s| s.tenure_months),
        employer_matches: facts.employer_matches,
    };
    let contributions = contributions::analyse(&data.contributions, current);
    let income = income::analyse(
        &data.eincomes,
        &data.incomes,
        declared.monthly_income,
        &declared.currency,
        current,
        thresholds.income_average_months,
    );
    let freshness = freshness(data, now);

    let mut summary = VerificationSummary {
        as_of: now.to_rfc3339_seconds(),
        name,
        employment,
        contributions,
        income,
        freshness,
        flags: Vec::new(),
    };
    summary.flags = flags::collect(&summary, &data.accounts, thresholds, current);
    summary
}

/// The name an identity carries: `fullName`, else its parts.
fn identity_name(identity: &Identity) -> Option<String> {
    let full = identity.full_name.trim();
    if !full.is_empty() {
        return Some(full.to_owned());
    }
    let parts: Vec<&str> = [
        &identity.first_name,
        &identity.middle_name,
        &identity.last_name,
        &identity.suffix,
    ]
    .into_iter()
    .filter_map(|p| p.as_deref().map(str::trim))
    .filter(|p| !p.is_empty())
    .collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// The declared name against every named identity; the lowest score is reported, since
/// every linked account should be the applicant's.
fn name_match(declared: &str, identities: &[Identity]) -> NameMatch {
    let named: Vec<(&Identity, String)> = identities
        .iter()
        .filter_map(|i| identity_name(i).map(|n| (i, n)))
        .collect();
    let scored = named
        .iter()
        .filter_map(|(i, n)| name::score(declared, n).map(|s| (s, *i, n)))
        .min_by_key(|(s, _, _)| *s);
    let provider = |i: &Identity| i.metadata.as_ref().map(|m| m.provider_id.clone());
    match scored {
        Some((score, identity, verified)) => NameMatch {
            declared: declared.to_owned(),
            verified: Some(verified.clone()),
            provider_id: provider(identity),
            score: Some(score),
            identities_compared: named.len() as u32,
        },
        None => NameMatch {
            declared: declared.to_owned(),
            verified: named.first().map(|(_, n)| n.clone()),
            provider_id: named.first().and_then(|(i, _)| provider(i)),
            score: None,
            identities_compared: 0,
        },
    }
}

/// The newest item creation time among all synced items (`itemCreatedAt`, else the
/// source's `createdAt`), and its age in whole days (0 when in the future).
fn freshness(data: &SyncedData, now: Timestamp) -> Freshness {
    let metadata = data
        .identities
        .iter()
        .map(|i| &i.metadata)
        .chain(data.employments.iter().map(|e| &e.metadata))
        .chain(data.contributions.iter().map(|c| &c.metadata))
        .chain(data.incomes.iter().map(|i| &i.metadata))
        .chain(data.eincomes.iter().map(|e| &e.metadata))
        .filter_map(Option::as_ref);
    let newest = metadata.filter_map(item_created).max();
    Freshness {
        newest_data_at: newest.map(Timestamp::to_rfc3339_seconds),
        age_days: newest.map(|at| (now.duration_since(at).as_secs() / SECONDS_PER_DAY) as u32),
    }
}

const SECONDS_PER_DAY: u64 = 24 * 60 * 60;
