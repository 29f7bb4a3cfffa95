//! Request logging: every request gets an `x-request-id` (kept if a proxy set one, echoed
//! in the response) and one span carrying it, the method and the route *pattern*
//! (`/api/invites/{token}`, never the token itself), so logs join up per request without
//! carrying ids or personal data from paths or query strings.

use axum::extract::MatchedPath;
use axum::http::Request;
use tower_http::classify::{ServerErrorsAsFailures, SharedClassifier};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

pub const HEADER: &str = "x-request-id";

pub fn set_id() -> SetRequestIdLayer<MakeRequestUuid> {
    SetRequestIdLayer::new(HEADER.parse().expect("valid header name"), MakeRequestUuid)
}

pub fn propagate_id() -> PropagateRequestIdLayer {
    PropagateRequestIdLayer::new(HEADER.parse().expect("valid header name"))
}

type MakeSpan = fn(&Request<axum::body::Body>) -> tracing::Span;

pub fn trace() -> TraceLayer<SharedClassifier<ServerErrorsAsFailures>, MakeSpan> {
    TraceLayer::new_for_http()
        .make_span_with(span as MakeSpan)
        .on_response(DefaultOnResponse::new().level(Level::INFO))
}

fn span(request: &Request<axum::body::Body>) -> tracing::Span {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_owned())
        // Unmatched: the SPA or a 404. The first segment says enough without the rest.
        .unwrap_or_else(|| {
            let first = request.uri().path().split('/').nth(1).unwrap_or_default();
            format!("/{first}/…")
        });
    let id = request
        .headers()
        .get(HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    tracing::info_span!("request", method = %request.method(), route = %route, request_id = %id)
}
