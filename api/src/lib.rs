//! The JSON contract between Wink Portal's front end and its server.
//!
//! Serde types only, so the crate builds for both `wasm32-unknown-unknown` (the Leptos app)
//! and the native server, and neither side can drift from the other.

mod error;
mod info;

pub use error::{ErrorBody, ErrorCode, ErrorDetail};
pub use info::{Info, Mode, UnknownMode};
