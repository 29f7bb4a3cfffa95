//! `DELETE /api/officer/applicants/{id}`: see [`crate::erasure`].

use crate::error::AppPath;
use axum::extract::State;
use axum::http::StatusCode;

use super::detail::find;
use super::session::CurrentOfficer;
use crate::{AppError, AppState};

pub async fn delete(
    State(state): State<AppState>,
    officer: CurrentOfficer,
    AppPath(id): AppPath<String>,
) -> Result<StatusCode, AppError> {
    let applicant = find(&state, &id).await?;
    crate::erasure::erase(&state, &applicant, &officer.actor()).await?;
    Ok(StatusCode::NO_CONTENT)
}
