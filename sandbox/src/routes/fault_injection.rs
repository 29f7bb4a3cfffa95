//! The request side of the fault knobs: a middleware that records each request's arrival
//! and applies the fault rules (latency, injected failures) before the route runs.

use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::state::Shared;

/// Middleware: applies the request fault rules to everything but the admin endpoints and
/// CORS preflights.
pub async fn inject(State(app): State<Shared>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    if path.starts_with("/_emulator") || request.method() == Method::OPTIONS {
        return next.run(request).await;
    }
    app.requests.record(request.method().as_str(), path);
    let decision = app.faults.decide(request.method(), path);
    if !decision.latency.is_zero() {
        tokio::time::sleep(decision.latency).await;
    }
    match decision.failure {
        Some(failure) => failure.into_response(),
        None => next.run(request).await,
    }
}
