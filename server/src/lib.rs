//! Wink Portal's server. `app(state)` builds the whole HTTP surface so tests can drive it
//! in-process; `main.rs` only parses configuration, binds and serves.

pub mod config;
mod cross_site;
pub mod db;
pub mod erasure;
mod error;
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
pub mod summary;
pub mod sync;
pub mod webhooks;

pub use config::Config;
pub use error::AppError;
pub use state::{AppState, StateError};

use axum::Router;

/// Every route the server answers, with its state applied.
pub fn app(state: AppState) -> Router {
    let spa = spa::service(state.dist_dir());
    let router = Router::new()
        .merge(routes::health::router())
        .nest("/api", routes::api_router(state.clone()))
        .merge(webhooks::router())
        .route("/metrics", axum::routing::get(metrics::render))
        .nest_service("/officer", spa::service(state.officer_dist_dir()));
    #[cfg(feature = "emulator")]
    let router = match state.emulator() {
        Some(emulator) => router.nest_service(smile::EMULATOR_PREFIX, emulator.router()),
        None => router,
    };
    router
        .fallback_service(spa)
        .layer(request_log::propagate_id())
        .layer(request_log::trace())
        .layer(request_log::set_id())
        .with_state(state)
}
