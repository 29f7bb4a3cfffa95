//! Wink Portal's server. Three layers: `http` (thin handlers, extractors, errors, the route
//! table), the domain modules that own the behaviour (`onboarding`, `linking`, `review`,
//! `sync`, `summary`, `officers`, `erasure`, `rollout`, `webhooks`), and `db` (typed rows,
//! the only place SQL lives). `app(state)` builds the whole HTTP surface so tests can drive
//! it in-process; `main.rs` only parses configuration, binds and serves.

mod budgets;
pub mod client_addr;
pub mod config;
pub mod db;
pub mod documents;
pub mod erasure;
mod error;
mod http;
mod linking;
pub mod metrics;
pub mod officers;
mod onboarding;
mod origin;
mod readiness;
pub mod report;
pub mod report_signing;
pub mod review;
pub mod rollout;
mod smile;
mod state;
mod streams;
pub mod summary;
pub mod sync;
pub mod webhooks;

pub use config::Config;
pub use error::Error;
pub use http::{app, metrics_app, AppError, GUARDED_OFFICER_ROUTES};
pub use state::{AppState, StateError};
