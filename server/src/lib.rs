//! Wink Portal's server. `app(state)` builds the whole HTTP surface so tests can drive it
//! in-process; `main.rs` only parses configuration, binds and serves.

mod budgets;
mod callbacks;
pub mod client_addr;
pub mod config;
pub mod cross_site;
pub mod db;
pub mod erasure;
mod error;
mod headers;
pub mod metrics;
pub mod officer;
mod onboarding;
mod request_log;
pub mod review;
pub mod rollout;
pub(crate) mod routes;
mod session;
mod smile;
mod spa;
mod state;
mod streams;
pub mod summary;
pub mod sync;
pub mod webhooks;

pub use config::Config;
pub use error::AppError;
pub use state::{AppState, StateError};

use axum::http::{header, HeaderValue};
use axum::Router;
use tower_http::set_header::SetResponseHeaderLayer;

/// Every route the server answers, with its state applied.
pub fn app(state: AppState) -> Router {
    let widget = headers::WidgetSources::new(
        state.script_url(),
        state.widget_options().api_host.as_deref(),
    );
    let spa = spa::service(state.dist_dir(), headers::Page::Applicant(widget));
    // Personal data: no cache may keep an API answer unless its handler says otherwise.
    let api = routes::api_router(state.clone()).layer(SetResponseHeaderLayer::if_not_present(
        header::CACHE_CONTROL,
        HeaderValue::from_static("no-store"),
    ));
    let router = Router::new()
        .merge(routes::health::router())
        .merge(webhooks::router())
        .merge(metrics::router())
        .nest_service(
            "/officer",
            spa::service(state.officer_dist_dir(), headers::Page::Officer),
        );
    #[cfg(feature = "emulator")]
    let router = match state.emulator() {
        Some(emulator) => router.nest_service(smile::EMULATOR_PREFIX, emulator.router()),
        None => router,
    };
    let hsts = headers::hsts(state.mode());
    router
        .fallback_service(spa)
        // Everything so far; `/api` sets its own, which spare the event streams.
        .layer(routes::deadline(&state))
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
