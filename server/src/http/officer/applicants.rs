//! One applicant's file for officers: read it, note, decide, read its audit trail, erase it.

use axum::extract::State;
use axum::http::header::CACHE_CONTROL;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::Json;
use wink_api::officer::{Decision, NewDecision, NewNote, Note};

use super::session::CurrentOfficer;
use crate::http::{AppError, AppJson, AppPath};
use crate::review::decisions;
use crate::AppState;

pub async fn detail(
    State(state): State<AppState>,
    officer: CurrentOfficer,
    AppPath(id): AppPath<String>,
) -> Result<impl IntoResponse, AppError> {
    let detail = crate::review::detail::read(&state, &officer.actor(), &id).await?;
    Ok(([(CACHE_CONTROL, "no-store")], Json(detail)))
}

pub async fn add_note(
    State(state): State<AppState>,
    officer: CurrentOfficer,
    AppPath(id): AppPath<String>,
    AppJson(body): AppJson<NewNote>,
) -> Result<(StatusCode, Json<Note>), AppError> {
    let note = decisions::add_note(&state, &officer.actor(), &id, &body).await?;
    Ok((StatusCode::CREATED, Json(note)))
}

pub async fn decide(
    State(state): State<AppState>,
    officer: CurrentOfficer,
    AppPath(id): AppPath<String>,
    AppJson(body): AppJson<NewDecision>,
) -> Result<Json<Decision>, AppError> {
    Ok(Json(
        decisions::decide(&state, &officer.actor(), &id, &body).await?,
    ))
}

pub async fn audit_trail(
    State(state): State<AppState>,
    officer: CurrentOfficer,
    AppPath(id): AppPath<String>,
) -> Result<impl IntoResponse, AppError> {
    let trail = decisions::audit_trail(&state, &officer.actor(), id).await?;
    Ok(([(CACHE_CONTROL, "no-store")], Json(trail)))
}

/// `DELETE`: see [`crate::erasure`].
pub async fn delete(
    State(state): State<AppState>,
    officer: CurrentOfficer,
    AppPath(id): AppPath<String>,
) -> Result<StatusCode, AppError> {
    let applicant = crate::review::detail::find(&state, &id).await?;
    crate::erasure::erase(&state, &applicant, &officer.actor()).await?;
    Ok(StatusCode::NO_CONTENT)
}
