//! `GET /api/officer/rollout`: see [`crate::rollout::report`].

use axum::extract::State;
use axum::Json;
use wink_api::officer::RolloutReport;

use super::session::CurrentOfficer;
use crate::http::AppError;
use crate::AppState;

pub async fn report(
    State(state): State<AppState>,
    _officer: CurrentOfficer,
) -> Result<Json<RolloutReport>, AppError> {
    Ok(Json(
        crate::rollout::report(state.db(), state.rollout()).await?,
    ))
}
