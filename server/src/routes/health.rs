use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::{AppError, AppState};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
}

/// Liveness: the process answers.
async fn healthz() -> Json<Value> {
    Json(json!({ "status": "ok" }))
}

/// Readiness: the process should be sent traffic (not while draining for shutdown).
async fn readyz(State(state): State<AppState>) -> Result<Json<Value>, AppError> {
    if state.is_draining() {
        return Err(AppError::Draining);
    }
    Ok(Json(json!({ "status": "ready" })))
}
