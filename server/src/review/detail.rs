//! One applicant's file: what they declared, what Smile verified, what happened, and what
//! the officers did. Reading it writes an audit row first.

use std::collections::HashMap;

use serde::de::DeserializeOwned;
use serde_json::Value;
use wink_api::officer::{
    ApplicantDetail, AuditAction, Decision, Note, OfficerAccount, ReportedUpload, TimelineEntry,
    TimelineSource,
};

use crate::db::accounts::{self, AccountRow};
use crate::db::applicants::{self, Applicant};
use crate::db::audit::Actor;
use crate::db::items::ItemKind;
use crate::db::link_events::Callback;
use crate::db::review::{DecisionRow, NoteRow};
use crate::db::text::Spelled;
use crate::db::{audit, inbox, items, link_events, review, Timestamp};
use crate::{AppState, Error};

/// How many callbacks and webhooks the timeline shows.
const TIMELINE_LIMIT: i64 = 200;
/// How many upload callbacks are read for the reported uploads (each holds at most
/// `callbacks::MAX_UPLOADS_PER_CALLBACK` uploads, so the work stays bounded).
const UPLOAD_CALLBACKS_LIMIT: i64 = 200;
/// How many reported uploads the detail lists (the newest): reports are hints, and a
/// browser that reported thousands has shown what it is.
const REPORTED_UPLOADS_LIMIT: usize = 100;

/// The applicant's file, for `actor`: the read is audited before anything is shown.
pub async fn read(state: &AppState, actor: &Actor, id: &str) -> Result<ApplicantDetail, Error> {
    let applicant = find(state, id).await?;
    audit::record(state.db(), actor, &[id], AuditAction::ViewDetail).await?;
    load(state, &applicant).await
}

pub async fn find(state: &AppState, id: &str) -> Result<Applicant, Error> {
    // No stored id holds a control character, and PostgreSQL would refuse to compare
    // with one (NUL): such an id is simply not found.
    let stored = match wink_api::validation::check_single_line(id) {
        Some(_) => None,
        None => applicants::get(state.db(), id).await?,
    };
    stored.ok_or_else(|| {
        Error::NotFound("There is no applicant with that id; they may have been deleted.".into())
    })
}

async fn load(state: &AppState, applicant: &Applicant) -> Result<ApplicantDetail, Error> {
    let db = state.db();
    let id = applicant.id.as_str();
    let account_rows = accounts::all_for_applicant(db, id).await?;
    let decisions = review::decisions(db, id).await?;
    let notes = review::notes(db, id).await?;
    let callbacks =
        link_events::for_applicant(db, id, link_events::Which::All, TIMELINE_LIMIT).await?;
    let upload_callbacks =
        link_events::for_applicant(db, id, link_events::Which::Uploads, UPLOAD_CALLBACKS_LIMIT)
            .await?;
    let webhooks = match &applicant.smile_user_id {
        Some(user) => inbox::for_user(db, user, TIMELINE_LIMIT).await?,
        None => Vec::new(),
    };
    let summary =
        crate::review::summary::for_loaded(state, applicant, &account_rows, Timestamp::now())
            .await?;
    let names = state.provider_names().get(state.smile()).await;

    let mut employments: Vec<smile_api::Employment> = parsed(db, id, ItemKind::Employment).await?;
    employments.sort_by(|a, b| b.start_date.cmp(&a.start_date));
    let mut contributions: Vec<smile_api::Contribution> =
        parsed(db, id, ItemKind::Contribution).await?;
    contributions.sort_by(|a, b| b.date.cmp(&a.date));

    Ok(ApplicantDetail {
        application: applicant.to_api(),
        status: crate::review::derive_status(
            &account_rows,
            decisions.first().map(|d| d.outcome),
            applicant.verification == wink_api::VerificationPath::Manual,
        ),
        accounts: account_rows
            .iter()
            .map(|row| officer_account(row, &names))
            .collect(),
        identities: parsed(db, id, ItemKind::Identity).await?,
        employments,
        contributions,
        incomes: parsed(db, id, ItemKind::Income).await?,
        estimated_incomes: parsed(db, id, ItemKind::EstimatedIncome).await?,
        reported_uploads: reported_uploads(&upload_callbacks),
        timeline: timeline(&callbacks, &webhooks, &notes, &decisions),
        summary,
        notes: notes.iter().map(note).collect(),
        decision: decisions.first().map(decision),
    })
}

async fn parsed<T: DeserializeOwned>(
    db: &crate::db::Db,
    applicant_id: &str,
    kind: ItemKind,
) -> sqlx::Result<Vec<T>> {
    Ok(items::for_applicant(db, applicant_id, kind)
        .await?
        .iter()
        .filter_map(|body| serde_json::from_str(body).ok())
        .collect())
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

pub fn decision(row: &DecisionRow) -> Decision {
    Decision {
        outcome: row.outcome,
        reason: row.reason.clone(),
        officer_email: row.officer_email.clone(),
        decided_at: row.decided_at.to_string(),
    }
}

/// Uploads the browser reported, minus those it later reported removed, newest first.
/// Linear in the callbacks read: one map entry per upload id.
fn reported_uploads(callbacks: &[link_events::LinkEventRow]) -> Vec<ReportedUpload> {
    // upload id -> (order of its latest report, the report), or None once removed.
    let mut kept: HashMap<String, Option<(usize, ReportedUpload)>> = HashMap::new();
    // Oldest first, so a removal applies to an earlier upload.
    for (order, row) in callbacks.iter().rev().enumerate() {
        let created = match row.callback {
            Callback::UploadsCreated => true,
            Callback::UploadsRemoved => false,
            _ => continue,
        };
        let payload: Value = serde_json::from_str(&row.payload).unwrap_or(Value::Null);
        let list = payload
            .pointer("/payload/uploads")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or_default();
        for upload in list {
            let Some(upload_id) = upload.get("id").and_then(Value::as_str) else {
                continue;
            };
            let report = created.then(|| {
                (
                    order,
                    ReportedUpload {
                        upload_id: upload_id.to_owned(),
                        document_type: text(upload, &["/type"]),
                        file_name: text(upload, &["/fileName"]),
                        reported_at: row.received_at.to_string(),
                    },
                )
            });
            kept.insert(upload_id.to_owned(), report);
        }
    }
    let mut reported: Vec<(usize, ReportedUpload)> = kept.into_values().flatten().collect();
    reported.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then_with(|| a.1.upload_id.cmp(&b.1.upload_id))
    });
    reported
        .into_iter()
        .take(REPORTED_UPLOADS_LIMIT)
        .map(|(_, upload)| upload)
        .collect()
}

fn text(value: &Value, pointers: &[&str]) -> Option<String> {
    pointers
        .iter()
        .find_map(|p| value.pointer(p).and_then(Value::as_str).map(str::to_owned))
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

    fn row(callback: Callback, payload: &str, second: u64) -> link_events::LinkEventRow {
        link_events::LinkEventRow {
            callback,
            account_id: None,
            verified: crate::db::Flag(true),
            payload: payload.into(),
            received_at: at(second),
        }
    }

    fn at(second: u64) -> Timestamp {
        let start: Timestamp = "2024-01-01T00:00:00.000Z".parse().unwrap();
        start + std::time::Duration::from_secs(second)
    }

    #[test]
    fn reported_uploads_follow_created_and_removed_callbacks() {
        // Newest first, as stored.
        let callbacks = [
            row(
                Callback::UploadsRemoved,
                r#"{"callback":"onUploadsRemoved","payload":{"uploads":[{"id":"u1"}]}}"#,
                3,
            ),
            row(
                Callback::UploadsCreated,
                r#"{"callback":"onUploadsCreated","payload":{"uploads":[{"id":"u2","type":"PAYSLIP","fileName":"payslip.pdf"}]}}"#,
                2,
            ),
            row(
                Callback::UploadsCreated,
                r#"{"callback":"onUploadsCreated","payload":{"uploads":[{"id":"u1"}]}}"#,
                1,
            ),
        ];
        let kept = reported_uploads(&callbacks);
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].upload_id, "u2");
        assert_eq!(kept[0].file_name.as_deref(), Some("payslip.pdf"));
        assert_eq!(kept[0].document_type.as_deref(), Some("PAYSLIP"));
        assert_eq!(kept[0].reported_at, at(2).to_string());
    }

    #[test]
    fn many_reported_uploads_are_read_in_linear_time() {
        // 200 callbacks × 20 uploads, every id reported again and then removed in turns:
        // a quadratic pass would do ~10^7 comparisons; this must stay instant and correct.
        let callbacks: Vec<_> = (0..200)
            .rev()
            .map(|i| {
                let kind = if i % 2 == 0 {
                    Callback::UploadsCreated
                } else {
                    Callback::UploadsRemoved
                };
                let ids: Vec<String> = (0..20)
                    .map(|j| format!(r#"{{"id":"u-{}"}}"#, (i / 2) * 20 + j))
                    .collect();
                row(
                    kind,
                    &format!(
                        r#"{{"callback":"{}","payload":{{"uploads":[{}]}}}}"#,
                        kind.spelling(),
                        ids.join(",")
                    ),
                    i,
                )
            })
            .collect();
        assert!(reported_uploads(&callbacks).is_empty());
    }

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
