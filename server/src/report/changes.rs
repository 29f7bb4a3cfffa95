//! What changed between two snapshots of an applicant's verified data: new or ended
//! employments, income up or down by more than a set percentage, new contribution months
//! and new gaps, accounts now disconnected or in error, documents added or revoked. Each
//! change is one sentence, filed under the detail's section it belongs to.

use std::collections::HashSet;

use wink_api::document::SourceKind;
use wink_api::report::{
    Change, ChangeKind, ChangeSection, ContributionMonth, Report, ReportEmployment, ReportSource,
    SourceState,
};

use crate::summary::employment::employer_key;

/// Every change from `previous` to `current`, by section (employment, income,
/// contributions, accounts, documents); empty when nothing changed. Income counts as
/// changed when the estimated monthly income moved by more than `income_change_percent`.
pub fn between(previous: &Report, current: &Report, income_change_percent: f64) -> Vec<Change> {
    let mut changes = employment(previous, current);
    changes.extend(income(previous, current, income_change_percent));
    changes.extend(contributions(previous, current));
    changes.extend(accounts(&previous.sources, &current.sources));
    changes.extend(documents(&previous.sources, &current.sources));
    changes
}

fn change(kind: ChangeKind, section: ChangeSection, text: String) -> Change {
    Change {
        kind,
        section,
        text,
    }
}

/// One employment across snapshots: the same employer (by its normalised name) from the
/// same start.
fn spell_key(e: &ReportEmployment) -> (String, String) {
    (employer_key(&e.employer), e.start_date.clone())
}

fn employment(previous: &Report, current: &Report) -> Vec<Change> {
    let before: Vec<_> = previous
        .employments
        .iter()
        .map(|e| (spell_key(e), e))
        .collect();
    let was = |key: &(String, String)| before.iter().find(|(k, _)| k == key).map(|(_, e)| *e);
    let mut changes = Vec::new();
    // Oldest first, so the sentences read in the order things happened.
    for now in current.employments.iter().rev() {
        let (start, end) = (&now.start_date, &now.end_date);
        match (was(&spell_key(now)), end) {
            (None, None) => changes.push(change(
                ChangeKind::EmploymentStarted,
                ChangeSection::Employment,
                format!("New employment at {} since {start}.", now.employer),
            )),
            (None, Some(end)) => changes.push(change(
                ChangeKind::EmploymentStarted,
                ChangeSection::Employment,
                format!("New employment at {} from {start} to {end}.", now.employer),
            )),
            (Some(then), Some(end)) if then.end_date.is_none() => changes.push(change(
                ChangeKind::EmploymentEnded,
                ChangeSection::Employment,
                format!("Employment at {} ended on {end}.", now.employer),
            )),
            _ => {}
        }
    }
    changes
}

fn income(previous: &Report, current: &Report, threshold_percent: f64) -> Option<Change> {
    let (before, now) = (
        previous.summary.income.estimated.as_ref()?,
        current.summary.income.estimated.as_ref()?,
    );
    // Amounts in different currencies cannot be compared.
    if !before.currency.eq_ignore_ascii_case(&now.currency) || before.amount <= 0.0 {
        return None;
    }
    let percent = (now.amount - before.amount) / before.amount * 100.0;
    if percent.abs() <= threshold_percent {
        return None;
    }
    let (kind, verb) = if percent > 0.0 {
        (ChangeKind::IncomeUp, "rose")
    } else {
        (ChangeKind::IncomeDown, "fell")
    };
    Some(change(
        kind,
        ChangeSection::Income,
        format!(
            "Estimated monthly income {verb} by {:.1}%, from {} {:.2} to {} {:.2}.",
            percent.abs(),
            before.currency,
            before.amount,
            now.currency,
            now.amount
        ),
    ))
}

fn paid_months(months: &[ContributionMonth]) -> HashSet<&str> {
    months
        .iter()
        .filter(|m| m.amount.is_some())
        .map(|m| m.month.as_str())
        .collect()
}

fn contributions(previous: &Report, current: &Report) -> Vec<Change> {
    let before = paid_months(&previous.contributions);
    let new: Vec<&str> = current
        .contributions
        .iter()
        .filter(|m| m.amount.is_some() && !before.contains(m.month.as_str()))
        .map(|m| m.month.as_str())
        .collect();
    let mut changes = Vec::new();
    if !new.is_empty() {
        let plural = if new.len() == 1 { "" } else { "s" };
        changes.push(change(
            ChangeKind::NewContributionMonths,
            ChangeSection::Contributions,
            format!("New contribution{plural} posted for {}.", new.join(", ")),
        ));
    }
    // A gap is the same gap while it starts in the same month (an ongoing one grows).
    let gaps_before: HashSet<&str> = previous
        .contribution_gaps
        .iter()
        .map(|g| g.from.as_str())
        .collect();
    for gap in current
        .contribution_gaps
        .iter()
        .rev()
        .filter(|g| !gaps_before.contains(g.from.as_str()))
    {
        let span = if gap.from == gap.to {
            gap.from.clone()
        } else {
            format!("{} to {}", gap.from, gap.to)
        };
        let months = if gap.months == 1 { "month" } else { "months" };
        changes.push(change(
            ChangeKind::NewContributionGap,
            ChangeSection::Contributions,
            format!(
                "New gap in contributions: {span} ({} {months}).",
                gap.months
            ),
        ));
    }
    changes
}

fn of_kind(sources: &[ReportSource], kind: SourceKind) -> impl Iterator<Item = &ReportSource> {
    sources.iter().filter(move |s| s.kind == kind)
}

fn accounts(previous: &[ReportSource], current: &[ReportSource]) -> Vec<Change> {
    let was = |id: &str| previous.iter().find(|s| s.source_id == id);
    of_kind(current, SourceKind::Account)
        .filter_map(|now| {
            let before = was(&now.source_id).map(|s| s.state);
            let what = format!("The {} account {}", now.label, now.source_id);
            if now.state == SourceState::Disconnected && before != Some(SourceState::Disconnected) {
                Some(change(
                    ChangeKind::AccountDisconnected,
                    ChangeSection::Accounts,
                    format!("{what} was disconnected; its data no longer updates."),
                ))
            } else if now.state == SourceState::Error && before != Some(SourceState::Error) {
                Some(change(
                    ChangeKind::AccountInError,
                    ChangeSection::Accounts,
                    format!(
                        "{what} cannot be refreshed ({}); the applicant may need to \
                         reconnect it.",
                        now.status
                    ),
                ))
            } else {
                None
            }
        })
        .collect()
}

fn documents(previous: &[ReportSource], current: &[ReportSource]) -> Vec<Change> {
    let was = |id: &str| previous.iter().find(|s| s.source_id == id);
    of_kind(current, SourceKind::Document)
        .filter_map(|now| match was(&now.source_id) {
            None => Some(change(
                ChangeKind::DocumentAdded,
                ChangeSection::Documents,
                format!("{} {} was added.", now.label, now.source_id),
            )),
            Some(before)
                if now.state == SourceState::Revoked && before.state != SourceState::Revoked =>
            {
                Some(change(
                    ChangeKind::DocumentRevoked,
                    ChangeSection::Documents,
                    format!("{} {} was removed.", now.label, now.source_id),
                ))
            }
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use wink_api::report::{ConsentReceipt, VerificationInstructions, REPORT_FORMAT};
    use wink_api::summary::{ContributionGap, Money};
    use wink_api::{Application, ApplicationStatus, VerificationPath};

    use super::*;
    use crate::summary::{summarize, Declared, SummaryThresholds, SyncedData};

    fn source(id: &str, kind: SourceKind, state: SourceState) -> ReportSource {
        ReportSource {
            source_id: id.into(),
            kind,
            provider_id: "sss_ph".into(),
            label: match kind {
                SourceKind::Account => "Social Security System".into(),
                _ => "Uploaded payslip".into(),
            },
            linked_at: "2026-11-01T00:00:00.000Z".into(),
            data_as_of: None,
            state,
            error_code: None,
            status: state.label().into(),
        }
    }

    fn job(employer: &str, start: &str, end: Option<&str>) -> ReportEmployment {
        ReportEmployment {
            source_id: "a-1".into(),
            employer: employer.into(),
            start_date: start.into(),
            end_date: end.map(str::to_owned),
        }
    }

    fn paid(month: &str) -> ContributionMonth {
        ContributionMonth {
            month: month.into(),
            amount: Some(Money {
                amount: 1_620.0,
                currency: "PHP".into(),
            }),
            gap: false,
        }
    }

    fn estimated(amount: f64) -> Option<Money> {
        Some(Money {
            amount,
            currency: "PHP".into(),
        })
    }

    /// George's report: SSS connected, a payslip analysed, at ABC Corporation since
    /// 2025-10, contributions through 2026-10, PHP 18,000 a month.
    fn george() -> Report {
        let now = "2026-11-15T00:00:00Z".parse().unwrap();
        let mut summary = summarize(
            &Declared::default(),
            &SyncedData::default(),
            &SummaryThresholds::default(),
            now,
        );
        summary.income.estimated = estimated(18_000.0);
        Report {
            format: REPORT_FORMAT,
            report_id: "rpt-1".into(),
            generated_at: "2026-11-15T00:00:00Z".into(),
            lender: "Wink Lending".into(),
            produced_by: "ana@lender.test".into(),
            applicant: Application {
                id: "ap-1".into(),
                reference: "WP-ABCDEF".into(),
                full_name: "George Palomero".into(),
                email: "george@example.com".into(),
                mobile: "+639559991234".into(),
                employer: "ABC Corporation".into(),
                monthly_income: 18_000,
                currency: "PHP".into(),
                status: ApplicationStatus::Completed,
                verification: VerificationPath::Wink,
                language: Default::default(),
                consented_at: "2026-11-01T00:00:00.000Z".into(),
                created_at: "2026-11-01T00:00:00.000Z".into(),
            },
            sources: vec![
                source("a-1", SourceKind::Account, SourceState::Ready),
                source("u-1", SourceKind::Document, SourceState::Analyzed),
            ],
            identities: Vec::new(),
            employments: vec![
                job("ABC Corporation", "2025-10-01", None),
                job("CDE Corporation", "2023-01-01", Some("2025-05-31")),
            ],
            contributions: vec![paid("2026-09"), paid("2026-10")],
            contribution_gaps: Vec::new(),
            incomes: Vec::new(),
            summary,
            consent: ConsentReceipt {
                agreed_at: "2026-11-01T00:00:00.000Z".into(),
                language: Default::default(),
                text: wink_api::CONSENT_TEXT.into(),
                text_in_english: None,
                version: wink_api::CONSENT_VERSION.into(),
                smile_template_id: None,
            },
            decision: None,
            changes: None,
            verification: VerificationInstructions {
                keys_url: "https://loans.example.com/.well-known/wink-report-keys.json".into(),
                verify_url: "https://loans.example.com/verify".into(),
                how: "Drop it on the verify page.".into(),
            },
        }
    }

    fn texts(changes: &[Change]) -> Vec<(ChangeKind, ChangeSection, &str)> {
        changes
            .iter()
            .map(|c| (c.kind, c.section, c.text.as_str()))
            .collect()
    }

    #[test]
    fn nothing_changed_is_an_empty_list() {
        let mut later = george();
        // A new report of the same data: only its id and time differ.
        later.report_id = "rpt-2".into();
        later.generated_at = "2026-12-01T00:00:00Z".into();
        assert!(between(&george(), &later, 10.0).is_empty());
    }

    #[test]
    fn a_new_employment_and_an_ended_one() {
        let mut later = george();
        later.employments = vec![
            job("XYZ Holdings", "2026-12-01", None),
            job("ABC Corp.", "2025-10-01", Some("2026-11-30")),
            job("CDE Corporation", "2023-01-01", Some("2025-05-31")),
        ];
        assert_eq!(
            texts(&between(&george(), &later, 10.0)),
            [
                (
                    ChangeKind::EmploymentEnded,
                    ChangeSection::Employment,
                    // The same employer however it is spelled.
                    "Employment at ABC Corp. ended on 2026-11-30."
                ),
                (
                    ChangeKind::EmploymentStarted,
                    ChangeSection::Employment,
                    "New employment at XYZ Holdings since 2026-12-01."
                ),
            ]
        );
    }

    #[test]
    fn income_moving_more_than_the_threshold() {
        let with_income = |amount: f64| {
            let mut report = george();
            report.summary.income.estimated = estimated(amount);
            report
        };
        let up = between(&george(), &with_income(20_250.0), 10.0);
        assert_eq!(
            texts(&up),
            [(
                ChangeKind::IncomeUp,
                ChangeSection::Income,
                "Estimated monthly income rose by 12.5%, from PHP 18000.00 to PHP 20250.00."
            )]
        );
        let down = between(&george(), &with_income(9_000.0), 10.0);
        assert_eq!(down[0].kind, ChangeKind::IncomeDown);
        assert_eq!(
            down[0].text,
            "Estimated monthly income fell by 50.0%, from PHP 18000.00 to PHP 9000.00."
        );
        // Exactly 10 % is not more than 10 %.
        assert!(between(&george(), &with_income(19_800.0), 10.0).is_empty());
        assert_eq!(between(&george(), &with_income(19_800.0), 5.0).len(), 1);
    }

    #[test]
    fn new_contribution_months_and_a_new_gap() {
        let mut later = george();
        later.contributions.push(ContributionMonth {
            month: "2026-11".into(),
            amount: None,
            gap: true,
        });
        later.contributions.push(paid("2026-12"));
        later.contributions.push(paid("2027-01"));
        later.contribution_gaps = vec![ContributionGap {
            from: "2026-11".into(),
            to: "2026-11".into(),
            months: 1,
            ongoing: false,
        }];
        assert_eq!(
            texts(&between(&george(), &later, 10.0)),
            [
                (
                    ChangeKind::NewContributionMonths,
                    ChangeSection::Contributions,
                    "New contributions posted for 2026-12, 2027-01."
                ),
                (
                    ChangeKind::NewContributionGap,
                    ChangeSection::Contributions,
                    "New gap in contributions: 2026-11 (1 month)."
                ),
            ]
        );
        // An ongoing gap that grew is the same gap.
        let mut grown = later.clone();
        grown.contribution_gaps[0].to = "2027-02".into();
        grown.contribution_gaps[0].months = 4;
        assert!(between(&later, &grown, 10.0).is_empty());
    }

    #[test]
    fn accounts_now_disconnected_or_in_error() {
        let with_state = |state: SourceState, code: Option<&str>| {
            let mut report = george();
            let source = &mut report.sources[0];
            source.state = state;
            source.error_code = code.map(str::to_owned);
            source.status = match code {
                Some(code) => format!("{}: {code}", state.label()),
                None => state.label().into(),
            };
            report
        };
        let gone = between(
            &george(),
            &with_state(SourceState::Disconnected, None),
            10.0,
        );
        assert_eq!(
            texts(&gone),
            [(
                ChangeKind::AccountDisconnected,
                ChangeSection::Accounts,
                "The Social Security System account a-1 was disconnected; its data no longer \
                 updates."
            )]
        );
        let failing = with_state(SourceState::Error, Some("INVALID_CREDENTIALS"));
        let error = between(&george(), &failing, 10.0);
        assert_eq!(error[0].kind, ChangeKind::AccountInError);
        assert_eq!(
            error[0].text,
            "The Social Security System account a-1 cannot be refreshed (Error: \
             INVALID_CREDENTIALS); the applicant may need to reconnect it."
        );
        // Still in error is not a change.
        assert!(between(&failing, &with_state(SourceState::Error, None), 10.0).is_empty());
    }

    #[test]
    fn documents_added_or_revoked() {
        let mut later = george();
        later.sources[1].state = SourceState::Revoked;
        later
            .sources
            .push(source("u-2", SourceKind::Document, SourceState::Processing));
        assert_eq!(
            texts(&between(&george(), &later, 10.0)),
            [
                (
                    ChangeKind::DocumentRevoked,
                    ChangeSection::Documents,
                    "Uploaded payslip u-1 was removed."
                ),
                (
                    ChangeKind::DocumentAdded,
                    ChangeSection::Documents,
                    "Uploaded payslip u-2 was added."
                ),
            ]
        );
    }
}
