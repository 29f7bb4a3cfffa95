//! Wink Portal's server. `app(state)` builds the whole HTTP surface so tests can drive it
//! in-process; `main.rs` only parses configuration, binds and serves.

pub mod config;
mod error;
mod routes;
mod spa;
mod state;

pub use config::Config;
pub use error::AppError;
pub use state::AppState;

use axum::Router;
use tower_http::trace::TraceLayer;

/// Every route the server answers, with its state applied.
pub fn app(state: AppState) -> Router {
    let spa = spa::service(state.dist_dir());
    Router::new()
        .merge(routes::health::router())
        .nest("/api", routes::api_router())
        .fallback_service(spa)
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}
