//! What Wink Portal's two browser apps share: the applicant's journey (`wink-portal`, the
//! root crate) and the loan officer's dashboard (`wink-officer`). Each app is its own
//! bundle; this crate holds only the pieces both use, so neither copies the other.
//!
//! - [`router`]: following same-origin links and history without reloading (no
//!   `leptos_router`: it would cost the applicant bundle ~15 KB gzip).
//! - [`load`]: the latest answer of an async call, with reload and a quiet refresh.
//! - [`http`]: JSON calls to our server, with its typed error body as [`http::ApiError`].
//! - [`event_stream`]: a server-sent event stream, closed when dropped.
//! - [`dom`] and [`copy_field`]: focus, absolute links and a copy-to-clipboard field.
//! - [`prerendered`]: a first screen prerendered at build time, taken over on mount.
//! - `testing` (feature `testing`): helpers for both apps' tests in headless Chromium.

pub mod copy_field;
pub mod dom;
pub mod event_stream;
pub mod http;
pub mod js_json;
pub mod load;
pub mod prerendered;
pub mod router;
#[cfg(feature = "testing")]
pub mod testing;

pub use copy_field::{CopyField, CopyWords};
