mod applications;
pub mod health;
mod info;
pub mod link;

use axum::extract::DefaultBodyLimit;
use axum::http::{header, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Router;
use tower_http::timeout::TimeoutLayer;

use crate::error::API_BODY_LIMIT;
use crate::{AppError, AppState};

/// Everything under `/api`. Unknown paths and methods answer typed JSON errors, never the
/// SPA's index.html, so a client bug shows up as a clear 404/405. Bodies are capped at
/// [`API_BODY_LIMIT`] (413 past it); every route but the event streams has a deadline.
pub fn api_router(state: AppState) -> Router<AppState> {
    Router::new()
        .merge(info::router().layer(deadline(&state)))
        .merge(applications::router().layer(deadline(&state)))
        .merge(link::router(&state))
        .merge(crate::officer::public_router().layer(deadline(&state)))
        .nest("/officer", crate::officer::router(state.clone()))
        .fallback(|uri: Uri| async move { AppError::NoSuchRoute(format!("/api{}", uri.path())) })
        .method_not_allowed_fallback(|method: Method| async move {
            AppError::MethodNotAllowed(method.to_string())
        })
        .layer(DefaultBodyLimit::max(API_BODY_LIMIT))
        .layer(axum::middleware::map_response(typed_timeouts))
        .layer(axum::middleware::from_fn_with_state(
            state,
            crate::cross_site::same_origin_only,
        ))
}

/// `WINK_REQUEST_TIMEOUT_SECS` for the routes it is layered on (408 with no body, which
/// [`typed_timeouts`] turns into our typed 503 under `/api`).
pub fn deadline(state: &AppState) -> TimeoutLayer {
    TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, state.request_timeout())
}

/// The deadline's bare 408 becomes the typed error every `/api` answer carries.
async fn typed_timeouts(response: Response) -> Response {
    let bare = !response.headers().contains_key(header::CONTENT_TYPE);
    if response.status() == StatusCode::REQUEST_TIMEOUT && bare {
        tracing::warn!("request ran past its deadline");
        return AppError::TimedOut.into_response();
    }
    response
}
