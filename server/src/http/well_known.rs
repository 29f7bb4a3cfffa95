//! `GET /.well-known/wink-report-keys.json`: the public keys reports are signed with, for
//! anyone to check a report (see `report_signing::keys`).

use axum::extract::State;
use axum::http::{header, HeaderValue};
use axum::routing::get;
use axum::{Json, Router};
use wink_api::report::ReportKeys;

use crate::AppState;

pub const REPORT_KEYS_PATH: &str = "/.well-known/wink-report-keys.json";

/// Public and the same for everyone; short-lived, so a rotation shows within minutes.
const CACHE_CONTROL: &str = "public, max-age=300";

pub fn router() -> Router<AppState> {
    Router::new().route(REPORT_KEYS_PATH, get(report_keys))
}

async fn report_keys(
    State(state): State<AppState>,
) -> ([(header::HeaderName, HeaderValue); 2], Json<ReportKeys>) {
    (
        [
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static(CACHE_CONTROL),
            ),
            // A verifier on another site may fetch it: it is public by design.
            (
                header::ACCESS_CONTROL_ALLOW_ORIGIN,
                HeaderValue::from_static("*"),
            ),
        ],
        Json(state.report_keys().trusted().published()),
    )
}
