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

/// A request id a client sent is kept only when it is short and plain (at most 64 of
/// `[A-Za-z0-9-]`); anything else is dropped and replaced by our own, so a client cannot
/// write what it likes into the logs.
pub async fn drop_unusable_id(mut request: Request<axum::body::Body>) -> Request<axum::body::Body> {
    let usable = request.headers().get(HEADER).is_some_and(|value| {
        let bytes = value.as_bytes();
        !bytes.is_empty()
            && bytes.len() <= 64
            && bytes
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || *b == b'-')
    });
    if !usable {
        request.headers_mut().remove(HEADER);
    }
    request
}

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
