//! The verification summary: what an applicant declared, checked against what Smile synced.
//!
//! Computed by the server (`wink_server::summary::summarize`) from the applicant's declared
//! data and the identities, employments, contributions, incomes and estimated incomes of their
//! linked accounts. Every figure that the data cannot support is `None` ("unknown"), never a
//! guess; [`Flag`]s are raised only from data that is present, except where the absence is
//! itself the finding (no recent contributions although contributions were synced, no current
//! employment although employments were synced).
//!
//! Months are `yyyy-MM`, dates `yyyy-MM-dd`, timestamps RFC 3339 (UTC).

use serde::{Deserialize, Serialize};
use smile_api::wire_enum;
use std::collections::BTreeMap;

/// The whole summary for one applicant at one moment (`as_of`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VerificationSummary {
    /// The moment the summary was computed for (RFC 3339); ages and windows count from it.
    pub as_of: String,
    /// Declared name vs the names on the synced identities.
    pub name: NameMatch,
    /// Declared employer vs the synced employments; current employer and tenure.
    pub employment: EmploymentCheck,
    /// Social-security contribution history.
    pub contributions: ContributionSummary,
    /// Estimated monthly income vs the declared one.
    pub income: IncomeComparison,
    /// How recent the synced data is.
    pub freshness: Freshness,
    /// What a loan officer should look at, most important kinds first.
    #[serde(default)]
    pub flags: Vec<Flag>,
}

/// Declared full name vs the verified one.
///
/// The score (0–100) is order-, case-, accent- and punctuation-insensitive, ignores suffixes
/// ("Jr", "Sr", "III") and titles, and does not penalise middle names present on one side
/// only; an initial matches a name with that first letter. See the server's
/// `summary::name` module for the exact method. With several identities (several linked
/// accounts), the lowest-scoring one is reported: every linked account should belong to the
/// applicant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NameMatch {
    /// The name the applicant typed.
    pub declared: String,
    /// The identity name the score was computed against; `None` without a named identity.
    pub verified: Option<String>,
    /// The provider of that identity, e.g. `sss_ph`, when known.
    pub provider_id: Option<String>,
    /// 0 (nothing in common) to 100 (same name); `None` when either name is unknown.
    pub score: Option<u8>,
    /// How many identities were compared.
    #[serde(default)]
    pub identities_compared: u32,
    /// Where the compared identities came from; `None` without any.
    #[serde(default)]
    pub evidence: Option<Evidence>,
}

/// Declared employer vs the employments Smile synced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EmploymentCheck {
    /// The employer the applicant typed.
    pub declared_employer: String,
    /// The employer the applicant works for now according to the data (an open employment,
    /// or one whose last reported month is recent); `None` when unknown or not employed.
    pub current_employer: Option<String>,
    /// The employer compared with the declared one: the current employer, else the most
    /// recent one. `None` without employment data.
    pub verified_employer: Option<String>,
    /// First day of the continuous employment at `verified_employer` (`yyyy-MM-dd`).
    pub employed_since: Option<String>,
    /// Last day of that employment when it has ended; `None` while current or unknown.
    pub employment_ended: Option<String>,
    /// Whole months from `employed_since` to now (current) or to `employment_ended`.
    pub tenure_months: Option<u32>,
    /// Declared and verified employer are the same after normalisation (case, accents,
    /// punctuation, legal suffixes such as Inc, Corp, Co, Ltd). `None` when either is
    /// unknown.
    pub employer_matches: Option<bool>,
    /// Where the employments behind `verified_employer` came from.
    #[serde(default)]
    pub evidence: Option<Evidence>,
}

/// Social-security contributions. Counts are over complete calendar months: "last 12"
/// is the 12 months before the month of `as_of` (`counted_through` is the last of them).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContributionSummary {
    /// The last month the counts include (`yyyy-MM`), the month before `as_of`'s.
    pub counted_through: Option<String>,
    /// Months with a posted contribution among the last 12; `None` without contribution data.
    pub months_last_12: Option<u32>,
    /// Months with a posted contribution among the last 24; `None` without contribution data.
    pub months_last_24: Option<u32>,
    /// Runs of months without a contribution after the first one, newest first, limited to
    /// those reaching into the last 24 months.
    #[serde(default)]
    pub gaps: Vec<ContributionGap>,
    /// Date of the newest contribution (`yyyy-MM-dd`).
    pub last_posting_date: Option<String>,
    /// Calendar months from the newest contribution's month to `as_of`'s month.
    pub months_since_last_posting: Option<u32>,
    /// Average amount per contributing month over the last 12 months.
    pub average_monthly: Option<Money>,
}

/// A run of consecutive months without contributions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContributionGap {
    /// First month without a contribution (`yyyy-MM`).
    pub from: String,
    /// Last month without a contribution (`yyyy-MM`).
    pub to: String,
    /// Months in the gap, `from` and `to` included.
    pub months: u32,
    /// `true` when no contribution has been posted since (the gap runs to the last complete
    /// month).
    #[serde(default)]
    pub ongoing: bool,
}

/// An amount of money.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Money {
    /// Rounded to cents.
    pub amount: f64,
    /// ISO 4217, e.g. `PHP`.
    pub currency: String,
}

wire_enum! {
    #[wire_enum(closed)]
    /// Where an estimated monthly income comes from.
    pub enum IncomeSource {
        /// Smile's estimated incomes (`einc-…`), one figure per month and account.
        EstimatedIncomes = "estimated_incomes",
        /// Pay-period incomes (`inc-…`, gross amounts) brought to months, when there are no
        /// estimated incomes.
        Incomes = "incomes",
    }
}

/// Estimated monthly income vs the declared one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IncomeComparison {
    /// What the applicant declared per month.
    pub declared: Money,
    /// Average of the most recent months of data (summed over accounts within a month).
    pub estimated: Option<Money>,
    /// Which data the estimate comes from.
    pub source: Option<IncomeSource>,
    /// First month averaged (`yyyy-MM`).
    pub from_month: Option<String>,
    /// Last month averaged (`yyyy-MM`).
    pub to_month: Option<String>,
    /// Months of data averaged.
    #[serde(default)]
    pub months_used: u32,
    /// `(estimated − declared) / declared × 100`, one decimal: negative when the data shows
    /// less than declared. `None` when the currencies differ or either side is unknown.
    pub difference_percent: Option<f64>,
    /// Where the averaged figures came from: a figure only from uploaded documents is
    /// weaker evidence than one from a connected account.
    #[serde(default)]
    pub evidence: Option<Evidence>,
}

wire_enum! {
    #[wire_enum(closed)]
    /// What kind of source a summary figure rests on.
    pub enum Evidence {
        /// Only connected accounts (data Smile fetched from the provider).
        ConnectedAccount = "connected_account",
        /// Only uploaded documents (data Smile read from a file).
        UploadedDocument = "uploaded_document",
        /// Both.
        Both = "both",
    }
}

impl Evidence {
    /// How the officer's page labels a figure, e.g. "from an uploaded document".
    pub fn label(self) -> &'static str {
        match self {
            Evidence::ConnectedAccount => "from a connected account",
            Evidence::UploadedDocument => "from an uploaded document",
            Evidence::Both => "from connected accounts and uploaded documents",
        }
    }

    /// The evidence of figures drawn from both kinds of source (`None` when neither).
    pub fn of(accounts: bool, documents: bool) -> Option<Evidence> {
        match (accounts, documents) {
            (true, true) => Some(Evidence::Both),
            (true, false) => Some(Evidence::ConnectedAccount),
            (false, true) => Some(Evidence::UploadedDocument),
            (false, false) => None,
        }
    }
}

/// How recent the synced data is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Freshness {
    /// The newest item creation time at Smile among the synced items (RFC 3339).
    pub newest_data_at: Option<String>,
    /// Whole days from `newest_data_at` to `as_of`.
    pub age_days: Option<u32>,
}

/// Something a loan officer should look at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Flag {
    /// What kind of finding this is.
    pub kind: FlagKind,
    /// One sentence naming the numbers, e.g. "No contributions posted for 4 months (2025-03
    /// to 2025-06)."
    pub reason: String,
    /// The data behind the flag (compared values, thresholds), by camelCase key.
    #[serde(default)]
    pub evidence: BTreeMap<String, String>,
}

wire_enum! {
    /// The kinds of [`Flag`], listed in [`FlagKind::KNOWN`] order. A kind this build does not
    /// know is kept in [`FlagKind::Unknown`] and written back verbatim, so a newer server never
    /// breaks an older front end.
    pub enum FlagKind {
        /// The verified name scores below the configured minimum.
        NameMismatch = "name_mismatch",
        /// The verified employer differs from the declared one, or there is no current one.
        EmployerMismatch = "employer_mismatch",
        /// A run of months without contributions at least the configured length.
        ContributionGap = "contribution_gap",
        /// Nothing posted in the configured number of recent months.
        NoRecentContributions = "no_recent_contributions",
        /// Estimated income below the declared one by more than the configured percentage.
        IncomeBelowDeclared = "income_below_declared",
        /// The newest synced data is older than the configured number of days.
        StaleData = "stale_data",
        /// A linked account was disconnected; its data no longer updates.
        DisconnectedAccount = "disconnected_account",
        /// One of Smile's checks of an uploaded document scored below the configured
        /// minimum (or failed); the flag names the check.
        DocumentCheckFailed = "document_check_failed",
        /// Smile could not read an uploaded document.
        DocumentUnreadable = "document_unreadable",
        /// The name read from an uploaded document does not match the declared name.
        DocumentIdentityMismatch = "document_identity_mismatch",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flag_kinds_round_trip_and_unknown_is_kept() {
        for kind in FlagKind::KNOWN {
            let kind = kind.clone();
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
            assert_eq!(serde_json::from_str::<FlagKind>(&json).unwrap(), kind);
        }
        let unknown: FlagKind = serde_json::from_str("\"new_kind\"").unwrap();
        assert_eq!(unknown, FlagKind::Unknown("new_kind".into()));
        assert_eq!(serde_json::to_string(&unknown).unwrap(), "\"new_kind\"");
    }

    #[test]
    fn summary_wire_form_is_camel_case_and_round_trips() {
        let summary = VerificationSummary {
            as_of: "2025-01-15T00:00:00Z".into(),
            name: NameMatch {
                declared: "George Palomero".into(),
                verified: Some("George Cimafranca Palomero, Jr".into()),
                provider_id: Some("sss_ph".into()),
                score: Some(100),
                identities_compared: 1,
                evidence: Some(Evidence::ConnectedAccount),
            },
            employment: EmploymentCheck {
                declared_employer: "ABC Corp.".into(),
                current_employer: Some("ABC Corporation".into()),
                verified_employer: Some("ABC Corporation".into()),
                employed_since: Some("2023-11-01".into()),
                employment_ended: None,
                tenure_months: Some(14),
                employer_matches: Some(true),
                evidence: Some(Evidence::ConnectedAccount),
            },
            contributions: ContributionSummary {
                counted_through: Some("2024-12".into()),
                months_last_12: Some(12),
                months_last_24: Some(20),
                gaps: vec![ContributionGap {
                    from: "2023-07".into(),
                    to: "2023-10".into(),
                    months: 4,
                    ongoing: false,
                }],
                last_posting_date: Some("2024-12-31".into()),
                months_since_last_posting: Some(1),
                average_monthly: Some(Money {
                    amount: 1620.0,
                    currency: "PHP".into(),
                }),
            },
            income: IncomeComparison {
                declared: Money {
                    amount: 18000.0,
                    currency: "PHP".into(),
                },
                estimated: None,
                source: None,
                from_month: None,
                to_month: None,
                months_used: 0,
                difference_percent: None,
                evidence: None,
            },
            freshness: Freshness {
                newest_data_at: None,
                age_days: None,
            },
            flags: vec![Flag {
                kind: FlagKind::ContributionGap,
                reason: "No contributions posted for 4 months (2023-07 to 2023-10).".into(),
                evidence: BTreeMap::from([("months".to_owned(), "4".to_owned())]),
            }],
        };
        let json = serde_json::to_value(&summary).unwrap();
        assert_eq!(json["asOf"], "2025-01-15T00:00:00Z");
        assert_eq!(json["name"]["identitiesCompared"], 1);
        assert_eq!(json["employment"]["tenureMonths"], 14);
        assert_eq!(json["contributions"]["monthsLast12"], 12);
        assert_eq!(json["contributions"]["gaps"][0]["ongoing"], false);
        assert_eq!(json["income"]["differencePercent"], serde_json::Value::Null);
        assert_eq!(json["flags"][0]["kind"], "contribution_gap");
        assert_eq!(
            serde_json::from_value::<VerificationSummary>(json).unwrap(),
            summary
        );
    }
}
