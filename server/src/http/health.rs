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
    if !database_writable_cached(&state).await {
        return Err(AppError::DatabaseUnavailable);
    }
    Ok(Json(json!({ "status": "ready" })))
}

/// How long one probe's answer stands: a flood of `/readyz` probes the database once a
/// second, not once per request (SQLite's probe takes its single write lock).
const PROBE_TTL: std::time::Duration = std::time::Duration::from_secs(1);

async fn database_writable_cached(state: &AppState) -> bool {
    // A closed pool (shutting down) is known without a probe.
    if state.db().is_closed() {
        return false;
    }
    // Held across the probe: concurrent callers wait for its answer instead of probing too.
    let mut last = state.readiness().lock().await;
    if let Some((at, writable)) = *last {
        if at.elapsed() < PROBE_TTL {
            return writable;
        }
    }
    let writable = crate::db::health::writable(state.db()).await;
    *last = Some((std::time::Instant::now(), writable));
    writable
}
