//! The report of one applicant's verified data, built from what is stored at one moment.

use std::collections::{BTreeMap, HashMap};

use smile_api::{Employment, Income};
use wink_api::document::{DocumentStatus, SourceKind};
use wink_api::report::{
    Report, ReportEmployment, ReportIdentity, ReportIncome, ReportSource, SourceState,
    VerificationInstructions, REPORT_FORMAT,
};
use wink_api::summary::{Money, VerificationSummary};
use wink_api::LinkStatus;

use super::file::{self, account_label, document_label, ApplicantFile};
use crate::db::accounts::AccountRow;
use crate::db::archives::ArchiveRow;
use crate::db::review::DecisionRow;
use crate::db::Timestamp;
use crate::summary::{self, employment, name, SourceAsOf};
use crate::{AppState, Error};

/// The applicant's report as of now, produced by `produced_by` (an officer's email), with
/// what changed since the previous snapshot.
pub async fn current(
    state: &AppState,
    applicant_id: &str,
    produced_by: &str,
) -> Result<Report, Error> {
    let applicant = file::find(state, applicant_id).await?;
    let file = ApplicantFile::load(state, applicant).await?;
    let now = Timestamp::now();
    let summary = file.summary(state, now);
    let mut report = of_file(state, &file, &summary, produced_by, now).await?;
    report.changes = super::snapshot::changes_since_latest(state, &report).await?;
    Ok(report)
}

/// The report of `file` (whose summary as of `now` is `summary`), without `changes`: those
/// need the snapshots.
pub async fn of_file(
    state: &AppState,
    file: &ApplicantFile,
    summary: &VerificationSummary,
    produced_by: &str,
    now: Timestamp,
) -> Result<Report, Error> {
    let names = state.provider_names().get(state.smile()).await;
    let as_of = summary::data_as_of(&file.data);
    let applicant = &file.applicant;
    let consent = super::consent::receipt(applicant)
        .map_err(|e| Error::Database(sqlx::Error::Decode(Box::new(e))))?;
    let today = now.utc_date();
    Ok(Report {
        format: REPORT_FORMAT,
        report_id: format!("rpt-{}", uuid::Uuid::new_v4().simple()),
        generated_at: now.to_rfc3339_seconds(),
        lender: state.company_name().to_owned(),
        produced_by: produced_by.to_owned(),
        applicant: applicant.to_api(),
        sources: sources(file, &names, &as_of),
        identities: file
            .data
            .identities
            .iter()
            .filter_map(|identity| {
                let full_name = summary::identity_name(identity)?;
                Some(ReportIdentity {
                    source_id: source_of(identity.metadata.as_ref()),
                    name_score: name::score(&applicant.full_name, &full_name),
                    full_name,
                    birth_date: identity.dob.clone(),
                })
            })
            .collect(),
        employments: employments(
            &file.data.employments,
            today,
            state.summary_thresholds().current_employment_grace_months,
        ),
        contributions: summary::contributions_by_month(
            &file.data.contributions,
            summary::month_of(today),
        ),
        contribution_gaps: summary.contributions.gaps.clone(),
        incomes: incomes(&file.data.incomes),
        summary: summary.clone(),
        consent,
        decision: file.decisions.first().map(DecisionRow::to_api),
        changes: None,
        verification: instructions(state),
    })
}

fn sources(
    file: &ApplicantFile,
    names: &HashMap<String, String>,
    as_of: &BTreeMap<String, SourceAsOf>,
) -> Vec<ReportSource> {
    let data_as_of = |id: &str| as_of.get(id).map(|s| s.newest.to_string());
    let accounts = file.accounts.iter().map(|row| ReportSource {
        source_id: row.account_id.clone(),
        kind: SourceKind::Account,
        provider_id: row.provider_id.clone(),
        label: account_label(row, names),
        linked_at: row.created_at.to_string(),
        data_as_of: data_as_of(&row.account_id),
        state: account_state(row),
        error_code: row
            .error_code
            .clone()
            .filter(|_| account_state(row) == SourceState::Error),
        status: account_words(row),
    });
    let documents = file.archives.iter().map(|row| ReportSource {
        source_id: row.archive_id.clone(),
        kind: SourceKind::Document,
        provider_id: row.document_type.clone().unwrap_or_default(),
        label: document_label(row),
        linked_at: row.uploaded_at.to_string(),
        data_as_of: data_as_of(&row.archive_id),
        state: document_state(row),
        error_code: None,
        status: document_state(row).label().to_owned(),
    });
    accounts.chain(documents).collect()
}

fn account_state(row: &AccountRow) -> SourceState {
    if row.disconnected_at.is_some() {
        return SourceState::Disconnected;
    }
    match row.status {
        LinkStatus::Connecting => SourceState::Connecting,
        LinkStatus::Connected => SourceState::Connected,
        LinkStatus::Syncing => SourceState::Syncing,
        LinkStatus::Ready => SourceState::Ready,
        LinkStatus::Error => SourceState::Error,
    }
}

/// "Error: INVALID_CREDENTIALS", "Connected", ...
fn account_words(row: &AccountRow) -> String {
    let state = account_state(row);
    match (&row.error_code, state) {
        (Some(code), SourceState::Error) => format!("{}: {code}", state.label()),
        _ => state.label().to_owned(),
    }
}

fn document_state(row: &ArchiveRow) -> SourceState {
    match row.status {
        DocumentStatus::Processing => SourceState::Processing,
        DocumentStatus::Analyzed => SourceState::Analyzed,
        DocumentStatus::Failed => SourceState::Failed,
        DocumentStatus::Revoked => SourceState::Revoked,
    }
}

/// An item's source id, or empty for an item without metadata.
fn source_of(metadata: Option<&smile_api::ItemMetadata>) -> String {
    metadata.map(|m| m.source_id.clone()).unwrap_or_default()
}

/// Each source's rows merged into continuous spells (social-security data has one row per
/// month), newest first; a spell that is still current has no end.
fn employments(rows: &[Employment], today: jiff::civil::Date, grace: u32) -> Vec<ReportEmployment> {
    let mut by_source: BTreeMap<String, Vec<Employment>> = BTreeMap::new();
    for row in rows {
        by_source
            .entry(source_of(row.metadata.as_ref()))
            .or_default()
            .push(row.clone());
    }
    let mut spells: Vec<ReportEmployment> = by_source
        .iter()
        .flat_map(|(source_id, rows)| {
            employment::spells(rows, today, grace)
                .into_iter()
                .map(|spell| ReportEmployment {
                    source_id: source_id.clone(),
                    employer: spell.employer,
                    start_date: spell.since.to_string(),
                    end_date: spell
                        .until
                        .filter(|_| !spell.current)
                        .map(|d| d.to_string()),
                })
        })
        .collect();
    spells.sort_by(|a, b| {
        b.start_date
            .cmp(&a.start_date)
            .then(a.employer.cmp(&b.employer))
    });
    spells
}

/// Pay-period incomes, newest first.
fn incomes(rows: &[Income]) -> Vec<ReportIncome> {
    let money = |amount: Option<f64>, currency: &str| {
        amount.map(|amount| Money {
            amount,
            currency: currency.to_owned(),
        })
    };
    let mut incomes: Vec<ReportIncome> = rows
        .iter()
        .map(|income| ReportIncome {
            source_id: source_of(income.metadata.as_ref()),
            employer: income.employer.clone(),
            start_date: income.start_date.clone(),
            end_date: income.end_date.clone(),
            gross: money(income.gross_amount, &income.currency),
            net: money(income.net_amount, &income.currency),
        })
        .collect();
    incomes.sort_by(|a, b| b.start_date.cmp(&a.start_date));
    incomes
}

fn instructions(state: &AppState) -> VerificationInstructions {
    let origin = state.public_base_url();
    let keys_url = format!("{origin}/.well-known/wink-report-keys.json");
    let verify_url = format!("{origin}/verify");
    let how = format!(
        "This report is signed with {lender}'s Ed25519 key over its canonical JSON (RFC 8785). \
         To check it, drop the PDF or JSON file on {verify_url}, or run `wink-server \
         verify-report FILE` with the public keys from {keys_url}. Any change to the report \
         makes the check fail.",
        lender = state.company_name()
    );
    VerificationInstructions {
        keys_url,
        verify_url,
        how,
    }
}
