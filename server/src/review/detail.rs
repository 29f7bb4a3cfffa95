//! One applicant's file: what they declared, what Smile verified, what happened, what the
//! officers did, and what changed since the last report or re-verification. Reading it
//! writes an audit row first.

use std::collections::HashMap;

use serde_json::Value;
use wink_api::document::{DataSource, SourceKind};
use wink_api::officer::{
    ApplicantDetail, AuditAction, Note, OfficerAccount, TimelineEntry, TimelineSource,
};

use crate::db::accounts::AccountRow;
use crate::db::applicants::Applicant;
use crate::db::archives::ArchiveRow;
use crate::db::audit::Actor;
use crate::db::link_events::Callback;
use crate::db::review::{DecisionRow, NoteRow};
use crate::db::text::Spelled;
use crate::db::{audit, inbox, link_events, review, Timestamp};
use crate::report::file::{account_label, document_label, ApplicantFile};
use crate::{AppState, Error};

pub use crate::report::file::find;

/// How many callbacks and webhooks the timeline shows.
const TIMELINE_LIMIT: i64 = 200;

/// The applicant's file, for `actor`: the read is audited before anything is shown.
pub async fn read(state: &AppState, actor: &Actor, id: &str) -> Result<ApplicantDetail, Error> {
    let applicant = find(state, id).await?;
    audit::record(state.db(), actor, &[id], AuditAction::ViewDetail).await?;
    load(state, actor, applicant).await
}

async fn load(
    state: &AppState,
    actor: &Actor,
    applicant: Applicant,
) -> Result<ApplicantDetail, Error> {
    let db = state.db();
    let id = applicant.id.clone();
    let notes = review::notes(db, &id).await?;
    let callbacks =
        link_events::for_applicant(db, &id, link_events::Which::All, TIMELINE_LIMIT).await?;
    let webhooks = match &applicant.smile_user_id {
        Some(user) => inbox::for_user(db, user, TIMELINE_LIMIT).await?,
        None => Vec::new(),
    };
    let file = ApplicantFile::load(state, applicant).await?;
    let reported_uploads = crate::documents::unconfirmed(db, &id, &file.archives).await?;
    let now = Timestamp::now();
    let summary = file.summary(state, now);
    let threshold = state.summary_thresholds().document_check_min;
    let names = state.provider_names().get(state.smile()).await;
    let current = crate::report::build::of_file(state, &file, &summary, &actor.email, now).await?;
    let changes = crate::report::snapshot::changes_since_latest(state, &current).await?;

    let data = &file.data;
    let mut employments = data.employments.clone();
    employments.sort_by(|a, b| b.start_date.cmp(&a.start_date));
    let mut contributions = data.contributions.clone();
    contributions.sort_by(|a, b| b.date.cmp(&a.date));

    Ok(ApplicantDetail {
        application: file.applicant.to_api(),
        status: crate::review::derive_status(
            &file.accounts,
            &file.archives.iter().map(|a| a.status).collect::<Vec<_>>(),
            file.decisions.first().map(|d| d.outcome),
            file.applicant.verification == wink_api::VerificationPath::Manual,
        ),
        accounts: file
            .accounts
            .iter()
            .map(|row| officer_account(row, &names))
            .collect(),
        identities: data.identities.clone(),
        employments,
        contributions,
        incomes: data.incomes.clone(),
        estimated_incomes: data.eincomes.clone(),
        documents: file
            .archives
            .iter()
            .map(|row| crate::documents::for_officer(row, threshold))
            .collect(),
        sources: sources(&file.accounts, &file.archives, &names),
        reported_uploads,
        timeline: timeline(&callbacks, &webhooks, &notes, &file.decisions),
        summary,
        notes: notes.iter().map(note).collect(),
        decision: file.decisions.first().map(DecisionRow::to_api),
        changes,
    })
}

/// Every source a data row may name, so each row can say where it came from.
fn sources(
    accounts: &[AccountRow],
    archives: &[ArchiveRow],
    names: &HashMap<String, String>,
) -> Vec<DataSource> {
    let accounts = accounts.iter().map(|row| DataSource {
        source_id: row.account_id.clone(),
        kind: SourceKind::Account,
        label: account_label(row, names),
    });
    let documents = archives.iter().map(|row| DataSource {
        source_id: row.archive_id.clone(),
        kind: SourceKind::Document,
        label: document_label(row),
    });
    accounts.chain(documents).collect()
}

fn officer_account(row: &AccountRow, names: &HashMap<String, String>) -> OfficerAccount {
    let api = row.to_api(names.get(&row.provider_id).cloned());
    OfficerAccount {
        account_id: api.account_id,
        provider_id: api.provider_id,
        provider_name: api.provider_name,
        status: api.status,
        error_code: api.error_code,
        last_synced_at: row.last_synced_at.map(|at| at.to_string()),
        disconnected: row.disconnected_at.is_some(),
        created_at: row.created_at.to_string(),
        updated_at: row.updated_at.to_string(),
    }
}

pub fn note(row: &NoteRow) -> Note {
    Note {
        id: row.id,
        officer_email: row.officer_email.clone(),
        text: row.text.clone(),
        created_at: row.created_at.to_string(),
    }
}

fn timeline(
    callbacks: &[link_events::LinkEventRow],
    webhooks: &[inbox::Received],
    notes: &[NoteRow],
    decisions: &[DecisionRow],
) -> Vec<TimelineEntry> {
    let mut entries: Vec<TimelineEntry> = Vec::new();
    for row in callbacks {
        let payload: Value = serde_json::from_str(&row.payload).unwrap_or(Value::Null);
        let mut detail = describe_callback(row.callback, &payload);
        if row.account_id.is_some() && !*row.verified {
            detail.push_str(" (not confirmed by Smile)");
        }
        entries.push(TimelineEntry {
            at: row.received_at.to_string(),
            source: TimelineSource::Widget,
            kind: row.callback.spelling(),
            account_id: row.account_id.clone(),
            detail,
        });
    }
    for hook in webhooks {
        let body: Value = serde_json::from_slice(&hook.body).unwrap_or(Value::Null);
        let account_id = ["/data/accountId", "/data/sourceId"]
            .iter()
            .find_map(|p| body.pointer(p).and_then(Value::as_str).map(str::to_owned));
        entries.push(TimelineEntry {
            at: hook.received_at.to_string(),
            source: TimelineSource::Webhook,
            kind: hook.event_type.clone(),
            account_id,
            detail: format!(
                "Smile: {}",
                hook.event_type.to_lowercase().replace('_', " ")
            ),
        });
    }
    for note in notes {
        entries.push(TimelineEntry {
            at: note.created_at.to_string(),
            source: TimelineSource::Officer,
            kind: "note".into(),
            account_id: None,
            detail: format!("Note by {}", note.officer_email),
        });
    }
    for decision in decisions {
        let label = decision.outcome.label();
        entries.push(TimelineEntry {
            at: decision.decided_at.to_string(),
            source: TimelineSource::Officer,
            kind: "decision".into(),
            account_id: None,
            detail: format!("{label} by {}: {}", decision.officer_email, decision.reason),
        });
    }
    entries.sort_by(|a, b| b.at.cmp(&a.at));
    entries
}

fn describe_callback(callback: Callback, payload: &Value) -> String {
    let provider = payload
        .pointer("/payload/providerId")
        .and_then(Value::as_str)
        .map(|p| format!(" ({p})"))
        .unwrap_or_default();
    let what = match callback {
        Callback::AccountCreated => "Started linking an account",
        Callback::AccountConnected => "Account connected",
        Callback::AccountRemoved => "Account removed by the applicant",
        Callback::AccountError => "Linking failed",
        Callback::TokenExpired => "Link session expired; a new one was issued",
        Callback::Close => "Closed the widget",
        Callback::UploadsCreated => "Uploaded documents",
        Callback::UploadsRemoved => "Removed documents",
        Callback::UiEvent => "Widget screen shown",
    };
    let code = payload
        .pointer("/payload/errorCode")
        .and_then(Value::as_str)
        .map(|c| format!(": {c}"))
        .unwrap_or_default();
    format!("{what}{provider}{code}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn callbacks_are_described_for_people() {
        let payload: Value = serde_json::from_str(
            r#"{"callback":"onAccountError","payload":{"providerId":"sss_ph","errorCode":"INVALID_CREDENTIALS"}}"#,
        )
        .unwrap();
        assert_eq!(
            describe_callback(Callback::AccountError, &payload),
            "Linking failed (sss_ph): INVALID_CREDENTIALS"
        );
    }
}
