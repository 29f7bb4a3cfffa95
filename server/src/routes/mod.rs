mod applications;
pub mod health;
mod info;
pub mod link;

use axum::http::{Method, Uri};
use axum::Router;

use crate::{AppError, AppState};

/// Everything under `/api`. Unknown paths and methods answer typed JSON errors, never the
/// SPA's index.html, so a client bug shows up as a clear 404/405.
pub fn api_router(state: AppState) -> Router<AppState> {
    Router::new()
        .merge(info::router())
        .merge(applications::router())
        .merge(link::router())
        .merge(crate::officer::public_router())
        .nest("/officer", crate::officer::router(state))
        .fallback(|uri: Uri| async move { AppError::NoSuchRoute(format!("/api{}", uri.path())) })
        .method_not_allowed_fallback(|method: Method| async move {
            AppError::MethodNotAllowed(method.to_string())
        })
        .layer(axum::middleware::from_fn(
            crate::cross_site::same_origin_only,
        ))
}
