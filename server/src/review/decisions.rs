//! What officers do to an application — notes and decisions — and the audit trail they
//! leave, which outlives the applicant.

use wink_api::i18n::Message;
use wink_api::officer::{
    AuditAction, AuditEntry, AuditTrail, Decision, NewDecision, NewNote, Note, MAX_NOTE_CHARS,
};
use wink_api::{validation, FieldError};

use super::detail::{self, find};
use crate::db::audit::{self, Actor};
use crate::db::{review, tombstones};

use crate::{AppState, Error};

fn checked_text(field: &str, text: &str) -> Result<String, Error> {
    let text = text.trim();
    let message = if text.is_empty() {
        "Write something first.".to_owned()
    } else if let Some(problem) = validation::check_multi_line(text) {
        problem.english()
    } else if text.chars().count() > MAX_NOTE_CHARS {
        "Too long: at most 4,000 characters.".to_owned()
    } else {
        return Ok(text.to_owned());
    };
    Err(Error::InvalidFields(vec![FieldError::english(
        field, message,
    )]))
}

/// Adds an officer's note to the applicant's file.
pub async fn add_note(
    state: &AppState,
    actor: &Actor,
    id: &str,
    body: &NewNote,
) -> Result<Note, Error> {
    find(state, id).await?;
    let text = checked_text("text", &body.text)?;
    let row = review::add_note(state.db(), id, &actor.officer_id, &text).await?;
    audit::record(state.db(), actor, &[id], AuditAction::AddNote).await?;
    crate::review::changed(state, id).await;
    Ok(detail::note(&row))
}

/// Records an officer's decision; the latest one stands.
pub async fn decide(
    state: &AppState,
    actor: &Actor,
    id: &str,
    body: &NewDecision,
) -> Result<Decision, Error> {
    find(state, id).await?;
    let reason = checked_text("reason", &body.reason)?;
    review::decide(state.db(), id, &actor.officer_id, body.outcome, &reason).await?;
    audit::record(state.db(), actor, &[id], AuditAction::Decide).await?;
    crate::review::changed(state, id).await;
    let latest = review::decisions(state.db(), id).await?;
    latest
        .first()
        .map(crate::db::review::DecisionRow::to_api)
        .ok_or_else(|| Error::NotFound("The decision was not stored.".into()))
}

/// The trail outlives the applicant: after a deletion it is still readable by id. Reading
/// it is itself audited.
pub async fn audit_trail(state: &AppState, actor: &Actor, id: String) -> Result<AuditTrail, Error> {
    // An id with a control character was never stored (and PostgreSQL cannot compare one).
    if validation::check_single_line(&id).is_some() {
        return Err(Error::NotFound(
            "There is no applicant with that id.".into(),
        ));
    }
    let reference = match crate::db::applicants::get(state.db(), &id).await? {
        Some(applicant) => Some(applicant.reference),
        None => None,
    };
    let buried = tombstones::reference_of(state.db(), &id).await?;
    if reference.is_none() && buried.is_none() {
        return Err(Error::NotFound(
            "There is no applicant with that id.".into(),
        ));
    }
    audit::record(state.db(), actor, &[&id], AuditAction::ViewAudit).await?;
    let entries = audit::for_applicant(state.db(), &id)
        .await?
        .into_iter()
        // Pages of the list an applicant appeared on are not part of their trail.
        .filter(|row| row.action != AuditAction::ViewList)
        .map(|row| AuditEntry {
            id: row.id,
            officer_email: row.officer_email,
            action: row.action,
            at: row.at.to_string(),
            report_id: row.report_id,
        })
        .collect();
    Ok(AuditTrail {
        applicant_id: id,
        reference,
        entries,
    })
}
