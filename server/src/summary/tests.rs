//! `summarize` end to end: George's sandbox story, each flag raised and not raised, empty and
//! partial data.

use smile_api::{
    Account, Connection, ConnectionStatus, Contribution, Eincome, Employment, Identity,
    ItemMetadata, Monitor, MonitorStatus, YearMonth,
};
use wink_api::document::{CheckKind, CheckResult, Document, DocumentCheck, DocumentStatus};
use wink_api::summary::{Flag, FlagKind, IncomeSource, Money, VerificationSummary};

use super::*;

const NOW: &str = "2025-01-15T09:30:00Z";
const FRESH: &str = "2025-01-10T00:00:00Z";

fn now() -> Timestamp {
    time::parse_timestamp(NOW).unwrap()
}

fn meta(provider: &str, created: &str) -> Option<ItemMetadata> {
    Some(ItemMetadata {
        created_at: "2025-01-01T00:00:00Z".into(),
        item_created_at: Some(created.into()),
        account_id: None,
        source_id: format!("a-{provider}"),
        source_type: None,
        user_id: "t-1".into(),
        provider_id: provider.into(),
    })
}

fn identity(full_name: &str, provider: &str) -> Identity {
    Identity {
        id: format!("i-{provider}"),
        full_name: full_name.into(),
        first_name: None,
        middle_name: None,
        last_name: None,
        suffix: None,
        gender: None,
        dob: None,
        marital_status: None,
        country_residence: None,
        citizenship: None,
        photo_url: None,
        reference_id: None,
        profile_url: None,
        latest_employer_name: None,
        emails: vec![],
        phones: vec![],
        social_profiles: vec![],
        addresses: vec![],
        metadata: meta(provider, FRESH),
    }
}

fn month(y: i32, m: u32) -> YearMonth {
    YearMonth::new(y, m).unwrap()
}

/// Social-security employment rows, one per month.
fn employments(employer: &str, from: YearMonth, to: YearMonth) -> Vec<Employment> {
    from.through(to)
        .map(|m| Employment {
            id: format!("e-{employer}-{m}"),
            name: Some("Security".into()),
            description: None,
            job_title: Some("Security Guard".into()),
            department: None,
            employee_number: None,
            employer_number: None,
            employer: Some(employer.into()),
            status: Some("Permanent".into()),
            start_date: format!("{m}-01"),
            end_date: Some(m.last_day()),
            reported_date: Some(format!("{}-01", m.plus(1))),
            metadata: meta("sss_ph", FRESH),
        })
        .collect()
}

fn contributions(from: YearMonth, to: YearMonth, amount: f64) -> Vec<Contribution> {
    from.through(to)
        .map(|m| Contribution {
            id: format!("con-{m}"),
            metadata: meta("sss_ph", FRESH),
            ..fixtures::contribution(&m.last_day(), amount)
        })
        .collect()
}

fn eincomes(from: YearMonth, to: YearMonth, amount: f64) -> Vec<Eincome> {
    from.through(to)
        .map(|m| Eincome {
            id: format!("einc-{m}"),
            base_amount: Some(amount),
            metadata: meta("sss_ph", FRESH),
            ..fixtures::eincome(&m.to_string(), amount)
        })
        .collect()
}

fn account(provider: &str, status: ConnectionStatus) -> Account {
    Account {
        id: format!("a-{provider}"),
        created_at: "2025-01-01T00:00:00Z".into(),
        provider_id: provider.into(),
        user_id: "t-1".into(),
        connection_status: status.clone(),
        connection: Connection {
            status,
            error_code: None,
            error_message: None,
            updated_at: "2025-01-12T08:00:00Z".into(),
        },
        monitor_status: MonitorStatus::Unsupported,
        monitor: Monitor {
            status: MonitorStatus::Unsupported,
            updated_at: None,
        },
    }
}

fn george_declared() -> Declared {
    Declared {
        full_name: "George Palomero Jr.".into(),
        employer: "ABC Corp.".into(),
        monthly_income: 18_000,
        currency: "PHP".into(),
    }
}

/// George's `sss_ph` data as the emulator makes it with a December 2024 anchor: CDE
/// Corporation 2021-08..=2023-06, nothing 2023-07..=2023-10, ABC Corporation
/// 2023-11..=2024-12; 24 months of estimated income (zero in the gap).
fn george_data() -> SyncedData {
    let mut employment = employments("CDE Corporation", month(2021, 8), month(2023, 6));
    employment.extend(employments(
        "ABC Corporation",
        month(2023, 11),
        month(2024, 12),
    ));
    let mut contribution = contributions(month(2021, 8), month(2023, 6), 1_375.0);
    contribution.extend(contributions(month(2023, 11), month(2024, 12), 1_620.0));
    let mut eincome = eincomes(month(2023, 1), month(2023, 6), 15_000.0);
    eincome.extend(eincomes(month(2023, 7), month(2023, 10), 0.0));
    eincome.extend(eincomes(month(2023, 11), month(2024, 12), 18_000.0));
    SyncedData {
        identities: vec![identity("George Cimafranca Palomero, Jr", "sss_ph")],
        employments: employment,
        contributions: contribution,
        incomes: vec![],
        eincomes: eincome,
        accounts: vec![account("sss_ph", ConnectionStatus::Connected)],
        documents: vec![],
    }
}

fn run(declared: &Declared, data: &SyncedData) -> VerificationSummary {
    summarize(declared, data, &SummaryThresholds::default(), now())
}

/// Every identity, employment, contribution and estimated income of `data` as created by
/// Smile at `created`.
fn created_at(data: &mut SyncedData, created: &str) {
    for i in &mut data.identities {
        i.metadata = meta("sss_ph", created);
    }
    for e in &mut data.employments {
        e.metadata = meta("sss_ph", created);
    }
    for c in &mut data.contributions {
        c.metadata = meta("sss_ph", created);
    }
    for e in &mut data.eincomes {
        e.metadata = meta("sss_ph", created);
    }
}

/// Asserts a flag's sentence and the given evidence (other evidence is not checked here).
#[track_caller]
fn assert_flag(flag: &Flag, reason: &str, evidence: &[(&str, &str)]) {
    assert_eq!(flag.reason, reason);
    for (key, value) in evidence {
        assert_eq!(flag.evidence[*key], *value, "evidence {key}");
    }
}

/// The flag of `kind`, which must have been raised.
#[track_caller]
fn raised(summary: &VerificationSummary, kind: FlagKind) -> &Flag {
    summary.flags.iter().find(|f| f.kind == kind).unwrap()
}

fn kinds(summary: &VerificationSummary) -> Vec<FlagKind> {
    summary.flags.iter().map(|f| f.kind.clone()).collect()
}

fn has(summary: &VerificationSummary, kind: FlagKind) -> bool {
    summary.flags.iter().any(|f| f.kind == kind)
}

#[test]
fn george_summary_in_full() {
    let s = run(&george_declared(), &george_data());
    assert_eq!(s.as_of, "2025-01-15T09:30:00Z");

    assert_eq!(s.name.score, Some(100));
    assert_eq!(
        s.name.verified.as_deref(),
        Some("George Cimafranca Palomero, Jr")
    );
    assert_eq!(s.name.provider_id.as_deref(), Some("sss_ph"));
    assert_eq!(s.name.identities_compared, 1);

    let e = &s.employment;
    assert_eq!(e.declared_employer, "ABC Corp.");
    assert_eq!(e.current_employer.as_deref(), Some("ABC Corporation"));
    assert_eq!(e.verified_employer.as_deref(), Some("ABC Corporation"));
    assert_eq!(e.employed_since.as_deref(), Some("2023-11-01"));
    assert_eq!(e.employment_ended, None);
    assert_eq!(e.tenure_months, Some(14));
    assert_eq!(e.employer_matches, Some(true));

    let c = &s.contributions;
    assert_eq!(c.counted_through.as_deref(), Some("2024-12"));
    assert_eq!(c.months_last_12, Some(12));
    assert_eq!(c.months_last_24, Some(20));
    assert_eq!(c.gaps.len(), 1);
    assert_eq!(
        (c.gaps[0].from.as_str(), c.gaps[0].to.as_str()),
        ("2023-07", "2023-10")
    );
    assert_eq!(c.gaps[0].months, 4);
    assert_eq!(c.last_posting_date.as_deref(), Some("2024-12-31"));
    assert_eq!(c.months_since_last_posting, Some(1));
    assert_eq!(
        c.average_monthly,
        Some(Money {
            amount: 1_620.0,
            currency: "PHP".into()
        })
    );

    let i = &s.income;
    assert_eq!(i.estimated.as_ref().unwrap().amount, 18_000.0);
    assert_eq!(i.source, Some(IncomeSource::EstimatedIncomes));
    assert_eq!(i.from_month.as_deref(), Some("2024-10"));
    assert_eq!(i.to_month.as_deref(), Some("2024-12"));
    assert_eq!(i.difference_percent, Some(0.0));

    assert_eq!(
        s.freshness.newest_data_at.as_deref(),
        Some("2025-01-10T00:00:00Z")
    );
    assert_eq!(s.freshness.age_days, Some(5));

    assert_eq!(kinds(&s), vec![FlagKind::ContributionGap]);
    let gap = &s.flags[0];
    assert_flag(
        gap,
        "No contributions posted for 4 months (2023-07 to 2023-10).",
        &[
            ("from", "2023-07"),
            ("to", "2023-10"),
            ("months", "4"),
            ("minimumMonths", "3"),
        ],
    );
}

#[test]
fn empty_data_gives_unknowns_and_no_flags() {
    let s = run(&george_declared(), &SyncedData::default());
    assert_eq!(s.name.declared, "George Palomero Jr.");
    assert_eq!(s.name.verified, None);
    assert_eq!(s.name.score, None);
    assert_eq!(s.name.identities_compared, 0);
    assert_eq!(s.employment.declared_employer, "ABC Corp.");
    assert_eq!(s.employment.current_employer, None);
    assert_eq!(s.employment.verified_employer, None);
    assert_eq!(s.employment.tenure_months, None);
    assert_eq!(s.employment.employer_matches, None);
    assert_eq!(s.contributions.months_last_12, None);
    assert_eq!(s.contributions.months_last_24, None);
    assert!(s.contributions.gaps.is_empty());
    assert_eq!(s.contributions.last_posting_date, None);
    assert_eq!(s.contributions.average_monthly, None);
    assert_eq!(s.income.declared.amount, 18_000.0);
    assert_eq!(s.income.estimated, None);
    assert_eq!(s.income.difference_percent, None);
    assert_eq!(s.freshness.newest_data_at, None);
    assert_eq!(s.freshness.age_days, None);
    assert!(s.flags.is_empty(), "{:?}", s.flags);
}

#[test]
fn nothing_declared_and_nothing_synced_does_not_panic() {
    let s = run(&Declared::default(), &SyncedData::default());
    assert!(s.flags.is_empty());
    // Nothing declared, George's data: figures known, nothing to compare, no comparison flags.
    let s = run(&Declared::default(), &george_data());
    assert_eq!(s.name.score, None);
    assert_eq!(
        s.name.verified.as_deref(),
        Some("George Cimafranca Palomero, Jr")
    );
    assert_eq!(s.employment.employer_matches, None);
    assert_eq!(s.income.difference_percent, None);
    assert_eq!(kinds(&s), vec![FlagKind::ContributionGap]);
}

#[test]
fn partial_data_flags_only_what_it_shows() {
    // Only an identity, without metadata: a name score, nothing else known.
    let mut id = identity("George Palomero", "sss_ph");
    id.metadata = None;
    let data = SyncedData {
        identities: vec![id],
        ..SyncedData::default()
    };
    let s = run(&george_declared(), &data);
    assert_eq!(s.name.score, Some(100));
    assert_eq!(s.name.provider_id, None);
    assert_eq!(s.freshness.age_days, None);
    assert!(s.flags.is_empty());
}

#[test]
fn name_mismatch_raised_below_the_minimum_only() {
    let mut data = george_data();
    data.identities = vec![identity("Maria Clara Santos", "sss_ph")];
    let s = run(&george_declared(), &data);
    assert!(s.name.score.unwrap() < 30);
    let f = s
        .flags
        .iter()
        .find(|f| f.kind == FlagKind::NameMismatch)
        .unwrap();
    assert!(
        f.reason.starts_with(
            "The verified name \"Maria Clara Santos\" (sss_ph) matches the declared name \
             \"George Palomero Jr.\" at "
        ),
        "{}",
        f.reason
    );
    assert!(
        f.reason.ends_with("/100, below the minimum of 80."),
        "{}",
        f.reason
    );
    assert_eq!(f.evidence["verified"], "Maria Clara Santos");
    assert_eq!(f.evidence["minimum"], "80");
    assert_eq!(f.evidence["providerId"], "sss_ph");

    // "George" vs "George Palomero" scores 60: flagged at 61, not at 60.
    let declared = Declared {
        full_name: "George".into(),
        ..george_declared()
    };
    let mut data = george_data();
    data.identities = vec![identity("George Palomero", "sss_ph")];
    let at = |min: u8| {
        let t = SummaryThresholds {
            name_match_min: min,
            ..SummaryThresholds::default()
        };
        summarize(&declared, &data, &t, now())
    };
    assert_eq!(at(60).name.score, Some(60));
    assert!(!has(&at(60), FlagKind::NameMismatch));
    assert!(has(&at(61), FlagKind::NameMismatch));
}

#[test]
fn the_lowest_scoring_identity_is_reported() {
    let mut data = george_data();
    data.identities = vec![
        identity("George Cimafranca Palomero, Jr", "sss_ph"),
        identity("Ryan Reyes", "grab"),
    ];
    let s = run(&george_declared(), &data);
    assert_eq!(s.name.verified.as_deref(), Some("Ryan Reyes"));
    assert_eq!(s.name.provider_id.as_deref(), Some("grab"));
    assert_eq!(s.name.identities_compared, 2);
    assert!(has(&s, FlagKind::NameMismatch));
}

#[test]
fn identity_without_full_name_uses_its_parts() {
    let mut id = identity("  ", "sss_ph");
    id.first_name = Some("José".into());
    id.last_name = Some("Rizal".into());
    id.suffix = Some("Jr".into());
    let declared = Declared {
        full_name: "Jose Rizal".into(),
        ..george_declared()
    };
    let data = SyncedData {
        identities: vec![id],
        ..SyncedData::default()
    };
    let s = run(&declared, &data);
    assert_eq!(s.name.verified.as_deref(), Some("José Rizal Jr"));
    assert_eq!(s.name.score, Some(100));
}

#[test]
fn employer_mismatch_raised_for_another_current_employer() {
    let declared = Declared {
        employer: "XYZ Holdings".into(),
        ..george_declared()
    };
    let s = run(&declared, &george_data());
    assert_eq!(s.employment.employer_matches, Some(false));
    assert_flag(
        raised(&s, FlagKind::EmployerMismatch),
        "The declared employer \"XYZ Holdings\" does not match the current verified employer \
         \"ABC Corporation\" (since 2023-11-01).",
        &[
            ("declared", "XYZ Holdings"),
            ("verified", "ABC Corporation"),
            ("current", "true"),
        ],
    );

    // The normalised same name is not a mismatch.
    for same in ["abc corporation", "ABC, Inc.", "The A.B.C. Company"] {
        let declared = Declared {
            employer: same.into(),
            ..george_declared()
        };
        let s = run(&declared, &george_data());
        assert_eq!(s.employment.employer_matches, Some(true), "{same}");
        assert!(!has(&s, FlagKind::EmployerMismatch), "{same}");
    }
}

#[test]
fn employer_mismatch_raised_when_no_employment_is_current() {
    let declared = Declared {
        employer: "CDE Corporation".into(),
        ..george_declared()
    };
    let data = SyncedData {
        employments: employments("CDE Corporation", month(2021, 8), month(2023, 6)),
        ..SyncedData::default()
    };
    let s = run(&declared, &data);
    assert_eq!(s.employment.current_employer, None);
    assert_eq!(
        s.employment.verified_employer.as_deref(),
        Some("CDE Corporation")
    );
    assert_eq!(s.employment.employment_ended.as_deref(), Some("2023-06-30"));
    assert_eq!(s.employment.tenure_months, Some(23));
    assert_eq!(s.employment.employer_matches, Some(true));
    assert_flag(
        raised(&s, FlagKind::EmployerMismatch),
        "No current employment in the synced data: the latest, at \"CDE Corporation\", ended \
         on 2023-06-30 (declared \"CDE Corporation\").",
        &[("employmentEnded", "2023-06-30"), ("current", "false")],
    );
}

#[test]
fn contribution_gap_flag_follows_the_threshold() {
    // 2024-01..=2024-04, nothing 2024-05..=2024-06 (2 months), 2024-07..=2024-12.
    let mut rows = contributions(month(2024, 1), month(2024, 4), 500.0);
    rows.extend(contributions(month(2024, 7), month(2024, 12), 500.0));
    let data = SyncedData {
        contributions: rows,
        ..SyncedData::default()
    };
    let s = run(&george_declared(), &data);
    assert_eq!(s.contributions.gaps.len(), 1);
    assert_eq!(s.contributions.gaps[0].months, 2);
    assert!(!has(&s, FlagKind::ContributionGap));

    let t = SummaryThresholds {
        gap_months: 2,
        ..SummaryThresholds::default()
    };
    let s = summarize(&george_declared(), &data, &t, now());
    assert_eq!(kinds(&s), vec![FlagKind::ContributionGap]);
    assert_eq!(
        s.flags[0].reason,
        "No contributions posted for 2 months (2024-05 to 2024-06)."
    );
}

#[test]
fn no_recent_contributions_raised_after_the_configured_months() {
    // Last posting September 2024; in January 2025 October–December are empty: 3 months.
    let data = SyncedData {
        contributions: contributions(month(2023, 1), month(2024, 9), 500.0),
        ..SyncedData::default()
    };
    let s = run(&george_declared(), &data);
    assert_eq!(kinds(&s), vec![FlagKind::NoRecentContributions]);
    let f = &s.flags[0];
    assert_flag(
        f,
        "No contributions posted for 3 months (2024-10 to 2024-12); the last was posted on \
         2024-09-30.",
        &[("months", "3"), ("lastPostingDate", "2024-09-30")],
    );
    // The ongoing gap is listed but is not also a contribution-gap flag.
    assert!(s.contributions.gaps[0].ongoing);

    // Last posting October 2024: only 2 empty months, no flag.
    let data = SyncedData {
        contributions: contributions(month(2023, 1), month(2024, 10), 500.0),
        ..SyncedData::default()
    };
    assert!(run(&george_declared(), &data).flags.is_empty());
}

#[test]
fn no_recent_contributions_needs_contribution_data() {
    // Employments and income but no contributions at all (e.g. an employer account): the
    // absence says nothing.
    let mut data = george_data();
    data.contributions.clear();
    let s = run(&george_declared(), &data);
    assert_eq!(s.contributions.months_last_12, None);
    assert!(!has(&s, FlagKind::NoRecentContributions));
    assert!(!has(&s, FlagKind::ContributionGap));
    // Contributions synced, all non-positive: nothing was actually paid.
    let data = SyncedData {
        contributions: contributions(month(2024, 1), month(2024, 12), 0.0),
        ..SyncedData::default()
    };
    let s = run(&george_declared(), &data);
    assert_eq!(s.contributions.months_last_12, Some(0));
    assert_eq!(kinds(&s), vec![FlagKind::NoRecentContributions]);
}

#[test]
fn income_below_declared_raised_beyond_the_percentage_only() {
    let with_income = |amount: f64| SyncedData {
        eincomes: eincomes(month(2024, 10), month(2024, 12), amount),
        ..SyncedData::default()
    };
    let declared = Declared {
        monthly_income: 20_000,
        ..george_declared()
    };
    let s = run(&declared, &with_income(15_000.0));
    assert_eq!(s.income.difference_percent, Some(-25.0));
    assert_eq!(kinds(&s), vec![FlagKind::IncomeBelowDeclared]);
    let f = &s.flags[0];
    assert_flag(
        f,
        "Estimated monthly income of PHP 15,000 (3 months of estimated incomes, 2024-10 to \
         2024-12) is 25.0% below the declared PHP 20,000; the limit is 20%.",
        &[
            ("differencePercent", "-25"),
            ("maximumShortfallPercent", "20"),
        ],
    );

    // Exactly 20% below, 15% below, and above: no flag.
    for amount in [16_000.0, 17_000.0, 25_000.0] {
        let s = run(&declared, &with_income(amount));
        assert!(s.flags.is_empty(), "{amount}: {:?}", s.flags);
    }
    assert_eq!(
        run(&declared, &with_income(25_000.0))
            .income
            .difference_percent,
        Some(25.0)
    );
    // Another currency: nothing to compare, no flag.
    let mut usd = with_income(100.0);
    for e in &mut usd.eincomes {
        e.currency = "USD".into();
    }
    let s = run(&declared, &usd);
    assert_eq!(s.income.difference_percent, None);
    assert!(s.flags.is_empty());
}

#[test]
fn george_between_jobs_declaring_his_new_salary_is_flagged() {
    // Seen from September 2023 (in the gap): the newest estimated incomes are zero.
    let at = time::parse_timestamp("2023-09-20T00:00:00Z").unwrap();
    let mut data = george_data();
    for e in &mut data.eincomes {
        e.metadata = meta("sss_ph", "2023-09-01T00:00:00Z");
    }
    let s = summarize(&george_declared(), &data, &SummaryThresholds::default(), at);
    assert_eq!(s.income.difference_percent, Some(-100.0));
    assert!(has(&s, FlagKind::IncomeBelowDeclared));
    // Contributions stopped after June: July and August are empty, under 3 months.
    assert!(!has(&s, FlagKind::NoRecentContributions));
    assert_eq!(
        s.employment.current_employer.as_deref(),
        Some("CDE Corporation")
    );
}

#[test]
fn stale_data_raised_when_older_than_the_limit() {
    let data_from = |created: &str| SyncedData {
        identities: vec![Identity {
            metadata: meta("sss_ph", created),
            ..identity("George Palomero", "sss_ph")
        }],
        ..SyncedData::default()
    };
    let s = run(&george_declared(), &data_from("2024-12-01T00:00:00Z"));
    assert_eq!(s.freshness.age_days, Some(45));
    assert_eq!(kinds(&s), vec![FlagKind::StaleData]);
    assert_flag(
        &s.flags[0],
        "The newest data from sss_ph (a-sss_ph) is 45 days old (from 2024-12-01); the limit \
         is 30 days.",
        &[("ageDays", "45"), ("sourceId", "a-sss_ph")],
    );

    // Exactly 30 days, and fresher: no flag.
    let s = run(&george_declared(), &data_from("2024-12-16T09:30:00Z"));
    assert_eq!(s.freshness.age_days, Some(30));
    assert!(s.flags.is_empty());
    assert!(run(&george_declared(), &data_from(FRESH)).flags.is_empty());
    // In the future (clock skew): age 0.
    let s = run(&george_declared(), &data_from("2025-02-01T00:00:00Z"));
    assert_eq!(s.freshness.age_days, Some(0));
}

#[test]
fn stale_data_is_judged_source_by_source() {
    // One account is current; the other stopped updating two months ago.
    let data = SyncedData {
        identities: vec![
            identity("George Palomero", "sss_ph"),
            Identity {
                metadata: meta("grab", "2024-11-10T00:00:00Z"),
                ..identity("George Palomero", "grab")
            },
        ],
        ..SyncedData::default()
    };
    let s = run(&george_declared(), &data);
    // The applicant's newest data is fresh, yet the stale source is named.
    assert_eq!(s.freshness.age_days, Some(5));
    assert_eq!(kinds(&s), vec![FlagKind::StaleData]);
    assert_flag(
        &s.flags[0],
        "The newest data from grab (a-grab) is 66 days old (from 2024-11-10); the limit is 30 \
         days.",
        &[("sourceId", "a-grab"), ("providerId", "grab")],
    );
}

#[test]
fn freshness_is_the_newest_item_across_kinds() {
    let mut data = george_data();
    created_at(&mut data, "2024-06-01T00:00:00Z");
    data.eincomes[0].metadata = meta("sss_ph", "2025-01-14T09:30:00Z");
    let s = run(&george_declared(), &data);
    assert_eq!(
        s.freshness.newest_data_at.as_deref(),
        Some("2025-01-14T09:30:00Z")
    );
    assert_eq!(s.freshness.age_days, Some(1));
    // Without itemCreatedAt the source's createdAt counts.
    let mut id = identity("George Palomero", "sss_ph");
    if let Some(m) = id.metadata.as_mut() {
        m.item_created_at = None;
    }
    let s = run(
        &george_declared(),
        &SyncedData {
            identities: vec![id],
            ..SyncedData::default()
        },
    );
    assert_eq!(
        s.freshness.newest_data_at.as_deref(),
        Some("2025-01-01T00:00:00Z")
    );
}

#[test]
fn disconnected_account_raised_per_disconnected_account() {
    let mut data = george_data();
    data.accounts = vec![
        account("sss_ph", ConnectionStatus::Connected),
        account("grab", ConnectionStatus::Disconnected),
        account("abccorp", ConnectionStatus::Error),
    ];
    let s = run(&george_declared(), &data);
    assert_eq!(
        kinds(&s),
        vec![FlagKind::ContributionGap, FlagKind::DisconnectedAccount]
    );
    let f = &s.flags[1];
    assert_flag(
        f,
        "The grab account a-grab was disconnected on 2025-01-12; its data no longer updates.",
        &[
            ("accountId", "a-grab"),
            ("providerId", "grab"),
            ("disconnectedAt", "2025-01-12T08:00:00Z"),
        ],
    );
}

#[test]
fn every_flag_at_once_in_kind_order() {
    let declared = Declared {
        full_name: "Maria Clara Santos".into(),
        employer: "XYZ Holdings".into(),
        monthly_income: 50_000,
        currency: "PHP".into(),
    };
    let mut data = george_data();
    // Nothing since September 2024, all of it created long ago.
    data.contributions.retain(|c| c.date.as_str() < "2024-10");
    created_at(&mut data, "2024-10-01T00:00:00Z");
    data.accounts = vec![account("sss_ph", ConnectionStatus::Disconnected)];
    data.documents = vec![
        uploaded("u-unreadable", DocumentStatus::Failed, &[], None),
        uploaded(
            "u-edited",
            DocumentStatus::Analyzed,
            &[(CheckKind::Metadata, 14)],
            Some("Juan Dela Cruz"),
        ),
    ];
    let s = run(&declared, &data);
    assert_eq!(kinds(&s), FlagKind::KNOWN.to_vec());
    for f in &s.flags {
        assert!(f.reason.ends_with('.'), "{}", f.reason);
        assert!(!f.evidence.is_empty(), "{:?}", f.kind);
    }
}

#[test]
fn input_order_does_not_matter() {
    let data = george_data();
    let mut shuffled = data.clone();
    shuffled.employments.reverse();
    shuffled.contributions.reverse();
    shuffled.eincomes.rotate_left(7);
    shuffled.contributions.rotate_left(5);
    let declared = george_declared();
    assert_eq!(run(&declared, &data), run(&declared, &shuffled));
}

#[test]
fn the_summary_serialises_and_reads_back() {
    let s = run(&george_declared(), &george_data());
    let json = serde_json::to_string(&s).unwrap();
    assert!(json.contains("\"kind\":\"contribution_gap\""), "{json}");
    assert!(json.contains("\"monthsLast24\":20"), "{json}");
    let back: VerificationSummary = serde_json::from_str(&json).unwrap();
    assert_eq!(back, s);
}

#[test]
fn thresholds_default_and_partial_config() {
    let t = SummaryThresholds::default();
    assert_eq!(t.name_match_min, 80);
    assert_eq!(t.income_shortfall_percent, 20.0);
    assert_eq!(t.gap_months, 3);
    assert_eq!(t.no_recent_contribution_months, 3);
    assert_eq!(t.stale_data_days, 30);
    let t: SummaryThresholds = serde_json::from_str(r#"{"staleDataDays": 7}"#).unwrap();
    assert_eq!(t.stale_data_days, 7);
    assert_eq!(t.gap_months, 3);
}

#[test]
fn declared_from_an_application() {
    let app = wink_api::Application {
        id: "ap-1".into(),
        reference: "WP-1".into(),
        full_name: "George Palomero".into(),
        email: "g@example.com".into(),
        mobile: "+639559991234".into(),
        employer: "ABC Corp".into(),
        monthly_income: 18_000,
        currency: "PHP".into(),
        status: wink_api::ApplicationStatus::Linked,
        verification: wink_api::VerificationPath::Wink,
        language: Default::default(),
        consented_at: NOW.into(),
        created_at: NOW.into(),
    };
    let d = Declared::from(&app);
    assert_eq!(d.full_name, "George Palomero");
    assert_eq!(d.employer, "ABC Corp");
    assert_eq!(d.monthly_income, 18_000);
    assert_eq!(d.currency, "PHP");
}

/// An uploaded document with these check scores (passed at 95 otherwise) and this name on it.
fn uploaded(
    archive_id: &str,
    status: DocumentStatus,
    scores: &[(CheckKind, u8)],
    name: Option<&str>,
) -> UploadedDocument {
    let threshold = SummaryThresholds::default().document_check_min;
    let checks = CheckKind::ALL
        .iter()
        .map(|kind| {
            let score = scores
                .iter()
                .find(|(k, _)| k == kind)
                .map_or(95, |(_, s)| *s);
            DocumentCheck {
                kind: *kind,
                result: CheckResult::Passed,
                score: Some(score),
                message: None,
                low: score < threshold,
            }
        })
        .filter(|_| status == DocumentStatus::Analyzed)
        .collect();
    UploadedDocument {
        document: Document {
            archive_id: archive_id.into(),
            document_type: Some("PAYSLIP".into()),
            type_label: "Payslip".into(),
            status,
            error: (status == DocumentStatus::Failed).then(|| "The file is unreadable".into()),
            uploaded_at: "2025-01-10T00:00:00Z".into(),
            updated_at: "2025-01-10T00:00:00Z".into(),
            provider_id: "user-provided".into(),
            files: vec![],
            extracted: vec![],
            checks,
            check_threshold: threshold,
        },
        name_on_it: name.map(str::to_owned),
    }
}

#[test]
fn documents_raise_their_flags_naming_the_check_and_the_name() {
    let mut data = george_data();
    data.documents = vec![
        uploaded(
            "u-edited",
            DocumentStatus::Analyzed,
            &[(CheckKind::Metadata, 14), (CheckKind::Location, 60)],
            Some("George C. Palomero"),
        ),
        uploaded(
            "u-clean",
            DocumentStatus::Analyzed,
            &[],
            Some("Juan Dela Cruz"),
        ),
        uploaded("u-unreadable", DocumentStatus::Failed, &[], None),
        // Still being read, or removed: nothing to say yet, or any more.
        uploaded(
            "u-new",
            DocumentStatus::Processing,
            &[],
            Some("Juan Dela Cruz"),
        ),
        uploaded(
            "u-gone",
            DocumentStatus::Revoked,
            &[(CheckKind::Metadata, 1)],
            None,
        ),
    ];
    let s = run(&george_declared(), &data);
    let documents: Vec<&Flag> = s
        .flags
        .iter()
        .filter(|f| f.kind.as_str().starts_with("document_"))
        .collect();
    assert_eq!(documents.len(), 3, "{documents:#?}");
    assert_flag(
        documents[0],
        "Smile's checks of the uploaded payslip u-edited: file metadata scored 14/100, \
         location scored 60/100, below the minimum of 80. The file's metadata suggests it was \
         edited after it was produced. The addresses on the document do not match a known \
         place or each other.",
        &[
            ("archiveId", "u-edited"),
            ("minimum", "80"),
            ("checks", "metadata,location"),
            ("metadataScore", "14"),
            ("locationScore", "60"),
        ],
    );
    assert_eq!(documents[1].kind, FlagKind::DocumentUnreadable);
    assert_eq!(documents[2].kind, FlagKind::DocumentIdentityMismatch);
    assert_eq!(documents[2].evidence["archiveId"], "u-clean");
    assert_eq!(documents[2].evidence["onDocument"], "Juan Dela Cruz");
}

#[test]
fn figures_name_the_kind_of_source_they_rest_on() {
    use wink_api::summary::Evidence;
    // George's data all comes from his SSS account.
    let s = run(&george_declared(), &george_data());
    assert_eq!(s.name.evidence, Some(Evidence::ConnectedAccount));
    assert_eq!(s.employment.evidence, Some(Evidence::ConnectedAccount));
    assert_eq!(s.income.evidence, Some(Evidence::ConnectedAccount));

    // The same data read from an uploaded payslip instead.
    let mut data = george_data();
    data.documents = vec![uploaded("u-payslip", DocumentStatus::Analyzed, &[], None)];
    for metadata in data
        .identities
        .iter_mut()
        .map(|i| &mut i.metadata)
        .chain(data.employments.iter_mut().map(|e| &mut e.metadata))
    {
        metadata.as_mut().unwrap().source_id = "u-payslip".into();
    }
    let s = run(&george_declared(), &data);
    assert_eq!(s.name.evidence, Some(Evidence::UploadedDocument));
    assert_eq!(s.employment.evidence, Some(Evidence::UploadedDocument));
    // The estimated incomes still come from the account.
    assert_eq!(s.income.evidence, Some(Evidence::ConnectedAccount));
    // Without a named identity from an account, the document's name is compared (and a
    // mismatch there is the document's own flag, not a name mismatch).
    assert_eq!(s.name.score, Some(100));
}
