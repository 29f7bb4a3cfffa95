//! What officers do to an application: notes, decisions, invitations, the audit trail.

use crate::error::AppPath;
use axum::extract::State;
use axum::http::header::CACHE_CONTROL;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::Json;
use wink_api::officer::{
    AuditAction, AuditEntry, AuditTrail, Decision, Invite, InvitePrefill, NewDecision, NewInvite,
    NewNote, Note, MAX_NOTE_CHARS,
};
use wink_api::{validation, FieldError};

use super::detail::{self, find};
use super::session::CurrentOfficer;
use crate::db::{audit, invites, review, tombstones};
use crate::error::AppJson;
use crate::{AppError, AppState};

fn checked_text(field: &str, text: &str) -> Result<String, AppError> {
    let text = text.trim();
    let message = if text.is_empty() {
        "Write something first."
    } else if let Some(message) = validation::check_multi_line(text) {
        message
    } else if text.chars().count() > MAX_NOTE_CHARS {
        "Too long: at most 4,000 characters."
    } else {
        return Ok(text.to_owned());
    };
    Err(AppError::InvalidFields(vec![FieldError {
        field: field.into(),
        message: message.into(),
    }]))
}

pub async fn add_note(
    State(state): State<AppState>,
    officer: CurrentOfficer,
    AppPath(id): AppPath<String>,
    AppJson(body): AppJson<NewNote>,
) -> Result<(StatusCode, Json<Note>), AppError> {
    find(&state, &id).await?;
    let text = checked_text("text", &body.text)?;
    let row = review::add_note(state.db(), &id, &officer.id, &text).await?;
    audit::record(state.db(), &officer.actor(), &[&id], AuditAction::AddNote).await?;
    crate::review::changed(&state, &id).await;
    Ok((StatusCode::CREATED, Json(detail::note(&row))))
}

pub async fn decide(
    State(state): State<AppState>,
    officer: CurrentOfficer,
    AppPath(id): AppPath<String>,
    AppJson(body): AppJson<NewDecision>,
) -> Result<Json<Decision>, AppError> {
    find(&state, &id).await?;
    let reason = checked_text("reason", &body.reason)?;
    review::decide(state.db(), &id, &officer.id, body.outcome, &reason).await?;
    audit::record(state.db(), &officer.actor(), &[&id], AuditAction::Decide).await?;
    crate::review::changed(&state, &id).await;
    let latest = review::decisions(state.db(), &id).await?;
    latest
        .first()
        .map(detail::decision)
        .map(Json)
        .ok_or_else(|| AppError::NotFound("The decision was not stored.".into()))
}

/// The trail outlives the applicant: after a deletion it is still readable by id.
pub async fn audit_trail(
    State(state): State<AppState>,
    officer: CurrentOfficer,
    AppPath(id): AppPath<String>,
) -> Result<impl IntoResponse, AppError> {
    // An id with a control character was never stored (and PostgreSQL cannot compare one).
    if validation::check_single_line(&id).is_some() {
        return Err(AppError::NotFound(
            "There is no applicant with that id.".into(),
        ));
    }
    let reference = match crate::db::applicants::get(state.db(), &id).await? {
        Some(applicant) => Some(applicant.reference),
        None => None,
    };
    let buried = tombstones::reference_of(state.db(), &id).await?;
    if reference.is_none() && buried.is_none() {
        return Err(AppError::NotFound(
            "There is no applicant with that id.".into(),
        ));
    }
    audit::record(state.db(), &officer.actor(), &[&id], AuditAction::ViewAudit).await?;
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
        })
        .collect();
    Ok((
        [(CACHE_CONTROL, "no-store")],
        Json(AuditTrail {
            applicant_id: id,
            reference,
            entries,
        }),
    ))
}

pub async fn create_invite(
    State(state): State<AppState>,
    officer: CurrentOfficer,
    AppJson(body): AppJson<NewInvite>,
) -> Result<(StatusCode, Json<Invite>), AppError> {
    let too_long = [
        ("fullName", &body.full_name),
        ("email", &body.email),
        ("mobile", &body.mobile),
        ("employer", &body.employer),
    ]
    .into_iter()
    .filter_map(|(field, value)| {
        let message = validation::check_single_line(value)
            .or((value.chars().count() > 200).then_some("Too long: at most 200 characters."))?;
        Some(FieldError {
            field: field.into(),
            message: message.into(),
        })
    })
    .collect::<Vec<_>>();
    if !too_long.is_empty() {
        return Err(AppError::InvalidFields(too_long));
    }
    let ttl = state
        .officer_policy()
        .invite_ttl
        .to_std()
        .unwrap_or_default();
    let (token, expires_at) = invites::create(state.db(), &officer.id, &body, ttl).await?;
    // An invitation carries personal data an officer typed: audited like a read of it. There
    // is no applicant yet, so the row names the invitation (by its token's hash, which opens
    // nothing).
    let invite_ref = format!("invite:{}", &crate::db::sessions::hash_token(&token)[..16]);
    audit::record(
        state.db(),
        &officer.actor(),
        &[&invite_ref],
        AuditAction::Invite,
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(Invite {
            path: format!("/apply?invite={token}"),
            expires_at: expires_at.to_string(),
        }),
    ))
}

/// Public: what an invitation pre-fills. 404 for a token that never existed, 410 for one
/// that expired or was used.
pub async fn invite_prefill(
    State(state): State<AppState>,
    AppPath(token): AppPath<String>,
) -> Result<impl IntoResponse, AppError> {
    let invite = invites::find(state.db(), &token).await?.ok_or_else(|| {
        AppError::NotFound("This invitation link is not valid. Check that you copied all of it — or just apply without it.".into())
    })?;
    if !invite.usable() {
        return Err(gone());
    }
    Ok((
        [(CACHE_CONTROL, "no-store")],
        Json(InvitePrefill {
            full_name: invite.full_name,
            email: invite.email,
            mobile: invite.mobile,
            employer: invite.employer,
            expires_at: invite.expires_at.to_string(),
        }),
    ))
}

pub fn gone() -> AppError {
    AppError::Gone(
        "This invitation has expired or was already used — you can still apply without it.".into(),
    )
}
