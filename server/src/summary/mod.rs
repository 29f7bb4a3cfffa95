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
mod documents;
pub mod employment;
mod flags;
mod income;
pub mod name;
pub(crate) mod text;
mod time;

#[cfg(test)]
mod fixtures;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use smile_api::{Account, Contribution, Eincome, Employment, Identity, Income, ItemMetadata};
use wink_api::document::Document;
use wink_api::summary::{EmploymentCheck, Freshness, IncomeSource, NameMatch, VerificationSummary};

use crate::db::Timestamp;
pub use contributions::by_month as contributions_by_month;
use time::item_created;
pub use time::month_of;

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

/// An uploaded document as the summary weighs it.
#[derive(Clone, Debug, PartialEq)]
pub struct UploadedDocument {
    pub document: Document,
    /// The name Smile read from it, when its form has one.
    pub name_on_it: Option<String>,
}

/// Everything synced from Smile for the applicant's accounts and documents. Any list may
/// be empty.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SyncedData {
    pub identities: Vec<Identity>,
    pub employments: Vec<Employment>,
    pub contributions: Vec<Contribution>,
    pub incomes: Vec<Income>,
    pub eincomes: Vec<Eincome>,
    /// The linked accounts, for their connection status.
    pub accounts: Vec<Account>,
    /// The uploaded documents (Smile's archives); data items whose source is one of them
    /// count as read from a document.
    pub documents: Vec<UploadedDocument>,
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
    /// A document check scoring below this (0–100) is flagged.
    pub document_check_min: u8,
    /// Between two snapshots (re-verification, reports), estimated income moving by more
    /// than this many percent is a change worth listing.
    pub income_change_percent: f64,
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
            document_check_min: wink_api::document::DEFAULT_CHECK_MIN,
            income_change_percent: 10.0,
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

    let name = name_match(&declared.full_name, data);
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
        evidence: verified.and_then(|spell| {
            data.evidence(
                data.employments
                    .iter()
                    .filter(|e| {
                        e.employer
                            .as_deref()
                            .is_some_and(|name| employment::employer_key(name) == spell.key)
                    })
                    .map(|e| e.metadata.as_ref()),
            )
        }),
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
    let income = with_income_evidence(income, data);
    let sources = data_as_of(data);
    let freshness = freshness(&sources, now);

    let mut summary = VerificationSummary {
        as_of: now.to_rfc3339_seconds(),
        name,
        employment,
        contributions,
        income,
        freshness,
        flags: Vec::new(),
    };
    summary.flags = flags::collect(&summary, &data.accounts, &sources, thresholds, now);
    summary.flags.extend(documents::flags(
        &data.documents,
        &declared.full_name,
        thresholds,
    ));
    summary
}

/// Where the averaged income figures came from: the estimated incomes, or the pay-period
/// incomes of the averaged months.
fn with_income_evidence(
    mut income: wink_api::summary::IncomeComparison,
    data: &SyncedData,
) -> wink_api::summary::IncomeComparison {
    let in_window = |start: &str| {
        let month = time::parse_date(start).map(month_of).map(|m| m.to_string());
        match (&month, &income.from_month, &income.to_month) {
            (Some(m), Some(from), Some(to)) => m >= from && m <= to,
            _ => false,
        }
    };
    income.evidence = match income.source {
        Some(IncomeSource::EstimatedIncomes) => {
            data.evidence(data.eincomes.iter().map(|e| e.metadata.as_ref()))
        }
        Some(IncomeSource::Incomes) => data.evidence(
            data.incomes
                .iter()
                .filter(|i| in_window(&i.start_date))
                .map(|i| i.metadata.as_ref()),
        ),
        _ => None,
    };
    income
}

/// The name an identity carries: `fullName`, else its parts.
pub fn identity_name(identity: &Identity) -> Option<String> {
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

/// The declared name against every named identity of the connected accounts (or, without
/// any, of the uploaded documents); the lowest score is reported, since every source should
/// be the applicant's. A document's own mismatch is its own flag.
fn name_match(declared: &str, data: &SyncedData) -> NameMatch {
    let named_from = |documents: bool| -> Vec<(&Identity, String)> {
        data.identities
            .iter()
            .filter(|i| data.is_from_document(i.metadata.as_ref()) == documents)
            .filter_map(|i| identity_name(i).map(|n| (i, n)))
            .collect()
    };
    let mut named = named_from(false);
    if named.is_empty() {
        named = named_from(true);
    }
    let evidence = data.evidence(named.iter().map(|(i, _)| i.metadata.as_ref()));
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
            evidence,
        },
        None => NameMatch {
            declared: declared.to_owned(),
            verified: named.first().map(|(_, n)| n.clone()),
            provider_id: named.first().and_then(|(i, _)| provider(i)),
            score: None,
            identities_compared: 0,
            evidence,
        },
    }
}

/// How current one source's data is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceAsOf {
    pub provider_id: String,
    /// Its newest item's creation time (`itemCreatedAt`, else the source's `createdAt`).
    pub newest: Timestamp,
}

/// Each source's newest data, by source id (`metadata.sourceId`). Only live sources have
/// items: a disconnected account's and a revoked document's are deleted.
pub fn data_as_of(data: &SyncedData) -> BTreeMap<String, SourceAsOf> {
    let metadata = data
        .identities
        .iter()
        .map(|i| &i.metadata)
        .chain(data.employments.iter().map(|e| &e.metadata))
        .chain(data.contributions.iter().map(|c| &c.metadata))
        .chain(data.incomes.iter().map(|i| &i.metadata))
        .chain(data.eincomes.iter().map(|e| &e.metadata))
        .filter_map(Option::as_ref);
    let mut sources: BTreeMap<String, SourceAsOf> = BTreeMap::new();
    for meta in metadata {
        let Some(created) = item_created(meta) else {
            continue;
        };
        sources
            .entry(meta.source_id.clone())
            .and_modify(|s| s.newest = s.newest.max(created))
            .or_insert_with(|| source_as_of(meta, created));
    }
    sources
}

fn source_as_of(meta: &ItemMetadata, newest: Timestamp) -> SourceAsOf {
    SourceAsOf {
        provider_id: meta.provider_id.clone(),
        newest,
    }
}

/// The newest item creation time among all sources, and its age in whole days (0 when in
/// the future).
fn freshness(sources: &BTreeMap<String, SourceAsOf>, now: Timestamp) -> Freshness {
    let newest = sources.values().map(|s| s.newest).max();
    Freshness {
        newest_data_at: newest.map(Timestamp::to_rfc3339_seconds),
        age_days: newest.map(|at| age_days(at, now)),
    }
}

/// Whole days from `at` to `now`; 0 when `at` is in the future.
fn age_days(at: Timestamp, now: Timestamp) -> u32 {
    (now.duration_since(at).as_secs() / SECONDS_PER_DAY) as u32
}

const SECONDS_PER_DAY: u64 = 24 * 60 * 60;
