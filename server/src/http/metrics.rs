//! `/metrics`: on the main address behind a bearer token, or alone on a private listener.

use axum::extract::State;
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use sha2::{Digest, Sha256};

use super::AppError;
use crate::metrics::Access;
use crate::{AppState, Error};

/// `/metrics` on the main address, guarded by [`Access`].
pub fn router() -> Router<AppState> {
    Router::new().route("/metrics", get(guarded))
}

/// `/metrics` alone, for `WINK_METRICS_ADDR` (a private listener: no token).
pub fn private_router(state: AppState) -> Router {
    Router::new()
        .route("/metrics", get(render))
        .with_state(state)
}

async fn guarded(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, AppError> {
    let Access::Token(want) = state.metrics_access() else {
        return Err(Error::NotFound("There is no /metrics here.".into()).into());
    };
    let presented = headers
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(|token| <[u8; 32]>::from(Sha256::digest(token.trim())));
    let matches = presented.is_some_and(|got| {
        // Constant time: every byte compared.
        got.iter()
            .zip(want.iter())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
    });
    if !matches {
        return Err(AppError::MetricsToken);
    }
    render(State(state)).await
}

async fn render(State(state): State<AppState>) -> Result<Response, AppError> {
    let text = crate::metrics::render(state.db()).await?;
    Ok((
        [(CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")],
        text,
    )
        .into_response())
}
