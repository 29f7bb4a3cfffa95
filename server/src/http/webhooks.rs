//! `POST /webhooks/smile` (see [`crate::webhooks::intake`]): the raw bytes in, `2xx` once
//! stored; every refusal is an [`AppError`] body like any other route's.

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{header, HeaderMap};
use axum::response::IntoResponse;
use axum::routing::post;
use axum::Router;
use smile_api::SIGNATURE_HEADER;

use super::AppError;
use crate::webhooks::intake;
use crate::AppState;

/// Smile's thin events are a few hundred bytes; anything near this is not from Smile.
pub const BODY_LIMIT: usize = 256 * 1024;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/webhooks/smile", post(receive))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
}

async fn receive(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<impl IntoResponse, AppError> {
    let signature = headers.get(SIGNATURE_HEADER).and_then(|v| v.to_str().ok());
    let json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    intake::receive(&state, signature, json, &body).await?;
    // Written out: the one answer, at the rate Smile may deliver.
    Ok((
        [(header::CONTENT_TYPE, "application/json")],
        r#"{"received":true}"#,
    ))
}
