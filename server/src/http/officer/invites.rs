//! Invitations: officers create them; applicants open them (public).

use axum::extract::State;
use axum::http::header::CACHE_CONTROL;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::Json;
use wink_api::officer::{Invite, NewInvite};

use super::session::CurrentOfficer;
use crate::http::{AppError, AppJson, AppPath};
use crate::review::invites;
use crate::AppState;

pub async fn create(
    State(state): State<AppState>,
    officer: CurrentOfficer,
    AppJson(body): AppJson<NewInvite>,
) -> Result<(StatusCode, Json<Invite>), AppError> {
    let invite = invites::create(&state, &officer.actor(), &body).await?;
    Ok((StatusCode::CREATED, Json(invite)))
}

pub async fn prefill(
    State(state): State<AppState>,
    AppPath(token): AppPath<String>,
) -> Result<impl IntoResponse, AppError> {
    let prefill = invites::prefill(&state, &token).await?;
    Ok(([(CACHE_CONTROL, "no-store")], Json(prefill)))
}
