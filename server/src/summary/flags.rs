//! Flags: the findings worth a loan officer's attention, each with a sentence naming the
//! numbers and the evidence behind it. Listed in [`FlagKind::KNOWN`] order.
//!
//! Comparisons: a name scores *below* the minimum; a gap is *at least* the configured months;
//! "no recent contributions" means *at least* the configured number of complete months
//! without any; income is *more than* the configured percentage below; data is stale when
//! *older than* the configured days, source by source (one flag per stale source: fresh
//! data from one account must not hide another that stopped updating).

use std::collections::BTreeMap;

use smile_api::{Account, ConnectionStatus, YearMonth};
use wink_api::summary::{Flag, FlagKind, VerificationSummary};

use super::text::{amount, months};
use super::time::{month_of, parse_date, parse_timestamp};
use super::{age_days, SourceAsOf, SummaryThresholds};
use crate::db::Timestamp;

/// Every flag `summary`, `accounts` and the sources' data-as-of times call for, as of `now`.
pub fn collect(
    summary: &VerificationSummary,
    accounts: &[Account],
    sources: &BTreeMap<String, SourceAsOf>,
    thresholds: &SummaryThresholds,
    now: Timestamp,
) -> Vec<Flag> {
    let current = month_of(now.utc_date());
    let mut flags = Vec::new();
    flags.extend(name_mismatch(summary, thresholds));
    flags.extend(employer_mismatch(summary));
    flags.extend(contribution_gaps(summary, thresholds));
    flags.extend(no_recent_contributions(summary, thresholds, current));
    flags.extend(income_below_declared(summary, thresholds));
    flags.extend(
        sources
            .iter()
            .filter_map(|(id, source)| stale_data(id, source, thresholds, now)),
    );
    flags.extend(accounts.iter().filter_map(disconnected));
    flags
}

pub(super) fn flag<const N: usize>(
    kind: FlagKind,
    reason: String,
    evidence: [(&str, String); N],
) -> Flag {
    Flag {
        kind,
        reason,
        evidence: evidence
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect::<BTreeMap<_, _>>(),
    }
}

fn name_mismatch(summary: &VerificationSummary, t: &SummaryThresholds) -> Option<Flag> {
    let name = &summary.name;
    let (score, verified) = (name.score?, name.verified.as_ref()?);
    if score >= t.name_match_min {
        return None;
    }
    let from = name
        .provider_id
        .as_ref()
        .map(|p| format!(" ({p})"))
        .unwrap_or_default();
    let mut f = flag(
        FlagKind::NameMismatch,
        format!(
            "The verified name \"{verified}\"{from} matches the declared name \"{}\" at \
             {score}/100, below the minimum of {}.",
            name.declared, t.name_match_min
        ),
        [
            ("declared", name.declared.clone()),
            ("verified", verified.clone()),
            ("score", score.to_string()),
            ("minimum", t.name_match_min.to_string()),
        ],
    );
    if let Some(provider) = &name.provider_id {
        f.evidence.insert("providerId".into(), provider.clone());
    }
    Some(f)
}

fn employer_mismatch(summary: &VerificationSummary) -> Option<Flag> {
    let e = &summary.employment;
    let matches = e.employer_matches?;
    let verified = e.verified_employer.as_ref()?;
    let declared = &e.declared_employer;
    let since = e.employed_since.clone().unwrap_or_default();
    let reason = match (&e.current_employer, &e.employment_ended) {
        (Some(_), _) if matches => return None,
        (Some(current), _) => format!(
            "The declared employer \"{}\" does not match the current verified employer \
             \"{current}\" (since {since}).",
            declared.trim()
        ),
        (None, Some(ended)) => format!(
            "No current employment in the synced data: the latest, at \"{verified}\", ended \
             on {ended} (declared \"{}\").",
            declared.trim()
        ),
        (None, None) => return None,
    };
    let mut f = flag(
        FlagKind::EmployerMismatch,
        reason,
        [
            ("declared", declared.clone()),
            ("verified", verified.clone()),
            ("current", e.current_employer.is_some().to_string()),
            ("employerMatches", matches.to_string()),
            ("employedSince", since),
        ],
    );
    if let Some(ended) = &e.employment_ended {
        f.evidence.insert("employmentEnded".into(), ended.clone());
    }
    Some(f)
}

fn contribution_gaps(summary: &VerificationSummary, t: &SummaryThresholds) -> Vec<Flag> {
    summary
        .contributions
        .gaps
        .iter()
        .filter(|g| !g.ongoing && g.months >= t.gap_months.max(1))
        .map(|g| {
            let span = if g.from == g.to {
                g.from.clone()
            } else {
                format!("{} to {}", g.from, g.to)
            };
            flag(
                FlagKind::ContributionGap,
                format!("No contributions posted for {} ({span}).", months(g.months)),
                [
                    ("from", g.from.clone()),
                    ("to", g.to.clone()),
                    ("months", g.months.to_string()),
                    ("minimumMonths", t.gap_months.to_string()),
                ],
            )
        })
        .collect()
}

fn no_recent_contributions(
    summary: &VerificationSummary,
    t: &SummaryThresholds,
    current: YearMonth,
) -> Option<Flag> {
    let c = &summary.contributions;
    // Contribution data exists (the counts are known) but nothing recent is in it.
    c.months_last_24?;
    let limit = t.no_recent_contribution_months.max(1);
    let Some(last_date) = &c.last_posting_date else {
        return Some(flag(
            FlagKind::NoRecentContributions,
            "No contribution in the synced data has a positive amount.".to_owned(),
            [("minimumMonths", limit.to_string())],
        ));
    };
    let last = month_of(parse_date(last_date)?);
    // Complete months since the last posting's month.
    let without = current.since(last) - 1;
    if without < limit as i32 {
        return None;
    }
    let (from, to) = (last.plus(1), current.minus(1));
    let span = if from == to {
        from.to_string()
    } else {
        format!("{from} to {to}")
    };
    Some(flag(
        FlagKind::NoRecentContributions,
        format!(
            "No contributions posted for {} ({span}); the last was posted on {last_date}.",
            months(without as u32)
        ),
        [
            ("from", from.to_string()),
            ("to", to.to_string()),
            ("months", without.to_string()),
            ("lastPostingDate", last_date.clone()),
            ("minimumMonths", limit.to_string()),
        ],
    ))
}

fn income_below_declared(summary: &VerificationSummary, t: &SummaryThresholds) -> Option<Flag> {
    let i = &summary.income;
    let difference = i.difference_percent?;
    let estimated = i.estimated.as_ref()?;
    if difference >= -t.income_shortfall_percent {
        return None;
    }
    let span = match (&i.from_month, &i.to_month) {
        (Some(from), Some(to)) if from != to => format!(", {from} to {to}"),
        (_, Some(to)) => format!(", {to}"),
        _ => String::new(),
    };
    let source = match i.source {
        Some(wink_api::summary::IncomeSource::Incomes) => "incomes",
        _ => "estimated incomes",
    };
    Some(flag(
        FlagKind::IncomeBelowDeclared,
        format!(
            "Estimated monthly income of {} {} ({} of {source}{span}) is {:.1}% below the \
             declared {} {}; the limit is {}%.",
            estimated.currency,
            amount(estimated.amount),
            months(i.months_used),
            -difference,
            i.declared.currency,
            amount(i.declared.amount),
            t.income_shortfall_percent
        ),
        [
            (
                "declared",
                format!("{} {}", i.declared.currency, i.declared.amount),
            ),
            (
                "estimated",
                format!("{} {}", estimated.currency, estimated.amount),
            ),
            ("differencePercent", difference.to_string()),
            (
                "maximumShortfallPercent",
                t.income_shortfall_percent.to_string(),
            ),
            ("source", source.to_owned()),
            ("fromMonth", i.from_month.clone().unwrap_or_default()),
            ("toMonth", i.to_month.clone().unwrap_or_default()),
        ],
    ))
}

fn stale_data(
    source_id: &str,
    source: &SourceAsOf,
    t: &SummaryThresholds,
    now: Timestamp,
) -> Option<Flag> {
    let age = age_days(source.newest, now);
    if age <= t.stale_data_days {
        return None;
    }
    let newest = source.newest.to_rfc3339_seconds();
    Some(flag(
        FlagKind::StaleData,
        format!(
            "The newest data from {} ({source_id}) is {age} days old (from {}); the limit is \
             {} days.",
            source.provider_id,
            source.newest.utc_date(),
            t.stale_data_days
        ),
        [
            ("sourceId", source_id.to_owned()),
            ("providerId", source.provider_id.clone()),
            ("newestDataAt", newest),
            ("ageDays", age.to_string()),
            ("maximumDays", t.stale_data_days.to_string()),
        ],
    ))
}

fn disconnected(account: &Account) -> Option<Flag> {
    let status = &account.connection_status;
    if *status != ConnectionStatus::Disconnected
        && account.connection.status != ConnectionStatus::Disconnected
    {
        return None;
    }
    let at = parse_timestamp(&account.connection.updated_at);
    let on = at
        .map(|at| format!(" on {}", at.utc_date()))
        .unwrap_or_default();
    Some(flag(
        FlagKind::DisconnectedAccount,
        format!(
            "The {} account {} was disconnected{on}; its data no longer updates.",
            account.provider_id, account.id
        ),
        [
            ("accountId", account.id.clone()),
            ("providerId", account.provider_id.clone()),
            ("disconnectedAt", account.connection.updated_at.clone()),
        ],
    ))
}
