//! The bridge to Smile's Wink widget (`SmileLinkModal` from `smile.v2.js`):
//!
//! - [`binding`]: the wasm-bindgen binding of the global class;
//! - [`loader`]: loads the script on demand, with a timeout and clear errors;
//! - [`session`]: one open widget owning the Rust closures it calls;
//! - [`payload`]: callback payloads read into typed `WidgetEvent`s (pure, unit-tested).

pub mod binding;
pub mod loader;
pub mod payload;
pub mod session;

pub use loader::{load_widget_script, LoadError, DEFAULT_TIMEOUT};
pub use payload::{Callback, Received, UnreadablePayload};
pub use session::{OpenError, WidgetSession};

/// Anything that stops the widget from opening, for the page to show.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WidgetError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Open(#[from] OpenError),
}
