//! The loan officers' API under `/api/officer` (see `wink_api::officer` for the contract).
//! Every route but `login` sits behind [`session::require`], applied to the whole nested
//! router, so a route added later cannot forget it.

mod applicants;
mod invites;
mod list;
mod login;
mod report;
mod rollout;
pub(super) mod session;
mod stream;

use axum::http::{Method, Uri};
use axum::middleware;
use axum::routing::{get, post};
use axum::Router;

use super::AppError;
use crate::AppState;

/// Every officer route behind the session check (method, path with a sample id), for the
/// route-table test.
pub const GUARDED_ROUTES: &[(Method, &str)] = &[
    (Method::POST, "/api/officer/logout"),
    (Method::GET, "/api/officer/me"),
    (Method::GET, "/api/officer/applicants"),
    (Method::GET, "/api/officer/applicants/export.csv"),
    (Method::GET, "/api/officer/applicants/{id}"),
    (Method::DELETE, "/api/officer/applicants/{id}"),
    (Method::POST, "/api/officer/applicants/{id}/notes"),
    (Method::POST, "/api/officer/applicants/{id}/decision"),
    (Method::GET, "/api/officer/applicants/{id}/audit"),
    (Method::GET, "/api/officer/applicants/{id}/report.json"),
    (Method::GET, "/api/officer/applicants/{id}/report.pdf"),
    (Method::POST, "/api/officer/applicants/{id}/reverify"),
    (Method::POST, "/api/officer/applicants/{id}/reconnect-link"),
    (Method::POST, "/api/officer/invites"),
    (Method::GET, "/api/officer/rollout"),
    (Method::GET, "/api/officer/stream"),
];

/// Mounted at `/api/officer`.
pub fn router(state: AppState) -> Router<AppState> {
    let guarded = Router::new()
        .route("/logout", post(login::logout))
        .route("/me", get(login::me))
        .route("/applicants", get(list::list))
        .route("/applicants/export.csv", get(list::export))
        .route(
            "/applicants/{id}",
            get(applicants::detail).delete(applicants::delete),
        )
        .route("/applicants/{id}/notes", post(applicants::add_note))
        .route("/applicants/{id}/decision", post(applicants::decide))
        .route("/applicants/{id}/audit", get(applicants::audit_trail))
        .route("/applicants/{id}/report.json", get(report::json))
        .route("/applicants/{id}/report.pdf", get(report::pdf))
        .route("/applicants/{id}/reverify", post(applicants::reverify))
        .route(
            "/applicants/{id}/reconnect-link",
            post(applicants::reconnect_link),
        )
        .route("/invites", post(invites::create))
        .route("/rollout", get(rollout::report))
        .layer(super::deadline(&state))
        // After the deadline: the stream lives as long as the session.
        .route("/stream", get(stream::stream))
        // Unknown officer paths are guarded too: no probing without a session.
        .fallback(
            |uri: Uri| async move { AppError::NoSuchRoute(format!("/api/officer{}", uri.path())) },
        )
        .layer(middleware::from_fn_with_state(
            state.clone(),
            session::require,
        ));
    Router::new()
        .route("/login", post(login::login))
        .layer(super::deadline(&state))
        .merge(guarded)
}

/// Public routes for applicants that belong to the officers' workflow.
pub fn public_router() -> Router<AppState> {
    Router::new().route("/invites/{token}", get(invites::prefill))
}
