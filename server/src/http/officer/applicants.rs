//! One applicant's file for officers: read it, note, decide, read its audit trail, erase it,
//! re-verify it, and send the applicant a link to reconnect an account.

use axum::extract::State;
use axum::http::header::CACHE_CONTROL;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::Json;
use wink_api::officer::{Decision, NewDecision, NewNote, Note};
use wink_api::report::{ReconnectLink, Reverification};

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

/// `POST …/reverify`: see [`crate::review::reverify`].
pub async fn reverify(
    State(state): State<AppState>,
    officer: CurrentOfficer,
    AppPath(id): AppPath<String>,
) -> Result<Json<Reverification>, AppError> {
    Ok(Json(
        crate::review::reverify::reverify(&state, &officer.actor(), &id).await?,
    ))
}

/// `POST …/reconnect-link`: see [`crate::onboarding::reconnect_link`]. The link is a
/// credential: never cached.
pub async fn reconnect_link(
    State(state): State<AppState>,
    officer: CurrentOfficer,
    AppPath(id): AppPath<String>,
) -> Result<impl IntoResponse, AppError> {
    let link: ReconnectLink =
        crate::onboarding::reconnect_link(&state, &officer.actor(), &id).await?;
    Ok(([(CACHE_CONTROL, "no-store")], Json(link)))
}
