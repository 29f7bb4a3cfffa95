//! The HTTP layer: thin handlers (parse, call the domain, map the result), the extractors
//! they parse with, [`AppError`], and the route table. Nothing outside `http` imports it.

mod applicant_session;
mod applications;
mod client_addr;
mod cookies;
mod cross_site;
mod error;
mod headers;
mod health;
mod info;
mod link;
mod metrics;
mod officer;
mod request_log;
mod spa;
mod verify;
mod webhooks;
mod well_known;

pub use error::{AppError, AppJson, AppPath, AppQuery, API_BODY_LIMIT};
pub use metrics::private_router as metrics_app;
pub use officer::GUARDED_ROUTES as GUARDED_OFFICER_ROUTES;

use axum::extract::DefaultBodyLimit;
use axum::http::HeaderValue;
use axum::http::{header, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Router;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

use crate::AppState;

/// Everything under `/api`. Unknown paths and methods answer typed JSON errors, never the
/// SPA's index.html, so a client bug shows up as a clear 404/405. Bodies are capped at
/// [`API_BODY_LIMIT`] (413 past it); every route but the event streams has a deadline.
fn api_router(state: AppState) -> Router<AppState> {
    Router::new()
        .merge(info::router().layer(deadline(&state)))
        .merge(applications::router().layer(deadline(&state)))
        .merge(link::router(&state))
        .merge(officer::public_router().layer(deadline(&state)))
        .merge(verify::api_router().layer(deadline(&state)))
        .nest("/officer", officer::router(state.clone()))
        .fallback(|uri: Uri| async move { AppError::NoSuchRoute(format!("/api{}", uri.path())) })
        .method_not_allowed_fallback(|method: Method| async move {
            AppError::MethodNotAllowed(method.to_string())
        })
        .layer(DefaultBodyLimit::max(API_BODY_LIMIT))
        .layer(axum::middleware::map_response(typed_timeouts))
        .layer(axum::middleware::from_fn_with_state(
            state,
            cross_site::same_origin_only,
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

/// Every route the server answers, with its state applied.
pub fn app(state: AppState) -> Router {
    let widget = headers::WidgetSources::new(
        state.script_url(),
        state.widget_options().api_host.as_deref(),
    );
    let spa = spa::service(
        state.dist_dir(),
        headers::Page::Applicant(widget),
        None,
        Some(&spa::APPLICANT_START),
    );
    // Personal data: no cache may keep an API answer unless its handler says otherwise.
    let api = api_router(state.clone()).layer(SetResponseHeaderLayer::if_not_present(
        header::CACHE_CONTROL,
        HeaderValue::from_static("no-store"),
    ));
    let router = Router::new()
        .merge(health::router())
        .merge(webhooks::router())
        .merge(metrics::router())
        .merge(well_known::router())
        .merge(verify::page_router())
        .nest_service(
            "/officer",
            // A signed-in officer is never sent the prerendered sign-in form.
            spa::service(
                state.officer_dist_dir(),
                headers::Page::Officer,
                Some(officer::session::cookie_name(&state)),
                None,
            ),
        );
    #[cfg(feature = "emulator")]
    let router = match state.emulator() {
        Some(emulator) => router.nest_service(crate::smile::EMULATOR_PREFIX, emulator.router()),
        None => router,
    };
    let hsts = headers::hsts(state.mode());
    router
        .fallback_service(spa)
        // Everything so far; `/api` sets its own, which spare the event streams.
        .layer(deadline(&state))
        .nest("/api", api)
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            headers::fallback_csp,
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static(headers::REFERRER_POLICY),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            headers::PERMISSIONS_POLICY_HEADER,
            HeaderValue::from_static(headers::PERMISSIONS_POLICY),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::STRICT_TRANSPORT_SECURITY,
            move |_: &axum::response::Response| hsts.clone(),
        ))
        .layer(request_log::propagate_id())
        .layer(request_log::trace())
        .layer(request_log::set_id())
        .layer(axum::middleware::map_request(request_log::drop_unusable_id))
        .with_state(state)
}
