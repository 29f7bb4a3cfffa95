//! `/healthz` (the process answers) and `/readyz` (it should be sent traffic).

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};

use super::AppError;
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
}

/// Liveness: the process answers.
async fn healthz() -> Json<Value> {
    Json(json!({ "status": "ok" }))
}

/// Readiness: the process should be sent traffic — not while draining for shutdown, and
/// not while the database cannot take a write (a webhook could not be stored).
async fn readyz(State(state): State<AppState>) -> Result<Json<Value>, AppError> {
    if state.is_draining() {
        return Err(AppError::Draining);
    }
    if !crate::readiness::database_writable(&state).await {
        return Err(AppError::DatabaseUnavailable);
    }
    Ok(Json(json!({ "status": "ready" })))
}
