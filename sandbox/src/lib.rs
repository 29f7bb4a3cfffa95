//! # smile-sandbox
//!
//! An offline emulator of Smile's sandbox, faithful enough that code which works against it
//! works against Smile: the Open API (`/v1/...`) with Smile's envelope, errors, paging and
//! Basic auth; the four sandbox personas and their data; a stand-in `smile.v2.js` widget
//! with its own backend; signed webhooks with Smile's retry policy; and fault knobs for
//! tests. See the crate's `README.md` for routes, personas and magic inputs.
//!
//! ```no_run
//! use smile_sandbox::{Sandbox, SandboxConfig};
//!
//! # async fn demo() -> std::io::Result<()> {
//! let sandbox = Sandbox::new(SandboxConfig::emulator_defaults());
//! let app = axum::Router::new().nest("/sandbox", sandbox.router());
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
//! axum::serve(listener, app).await
//! # }
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod analysis;
mod archive_data;
mod archives;
mod auth;
pub mod clock;
pub mod config;
mod datastore;
pub mod delivery;
mod demo;
mod envelope;
mod events;
pub mod faults;
mod ids;
mod life_events;
mod linking;
pub mod magic;
mod pagination;
pub mod personas;
pub mod providers;
pub mod requests;
mod routes;
mod state;
mod users;

use std::sync::Arc;

pub use config::{
    SandboxConfig, WebhookSecret, DEFAULT_API_KEY, DEFAULT_API_SECRET, DEFAULT_TENANT_ID,
};
pub use delivery::{DeliveryRecord, Outcome};
pub use demo::{DemoSeed, SeedError, UPLOADS as DEMO_UPLOADS};
pub use faults::{RuleSpec, WebhookFaults};
pub use requests::RequestRecord;
pub use routes::{UploadFileType, UPLOAD_FILE_TYPES};

use state::{AppState, Shared};

/// One emulator instance: cheap to clone (clones share state), served by [`Sandbox::router`].
#[derive(Clone, Debug)]
pub struct Sandbox {
    app: Shared,
}

impl Sandbox {
    /// A fresh emulator: no users, no subscriptions, no faults.
    pub fn new(config: SandboxConfig) -> Self {
        let widget_js = routes::widget::render(config.public_base_url.as_deref());
        Sandbox {
            app: Arc::new(AppState::new(config, widget_js)),
        }
    }

    /// The whole emulator as one `Router`, to serve at the root or nest under any prefix
    /// (e.g. `.nest("/sandbox", sandbox.router())`): the Open API at `/v1/...`, the widget
    /// at `/smile.v2.js`, its backend at `/link/v1/...`, the controls at `/_emulator/...`.
    pub fn router(&self) -> axum::Router {
        routes::router(self.app.clone())
    }

    /// The configuration the emulator was built with.
    pub fn config(&self) -> &SandboxConfig {
        &self.app.config
    }

    /// Forgets all state, fault rules and logs (as `POST /_emulator/reset`).
    pub fn reset(&self) {
        self.app.reset();
    }

    /// Every webhook event raised so far, oldest first (as `GET /_emulator/events`).
    pub fn events(&self) -> Vec<smile_api::Event> {
        self.app.store.lock().events.clone()
    }

    /// Every webhook delivery attempt so far (as `GET /_emulator/deliveries`).
    pub fn deliveries(&self) -> Vec<DeliveryRecord> {
        self.app.dispatcher.log()
    }

    /// Seeds data behind every read operation: a user with George's SSS account linked
    /// (identity, employments, incomes, contributions, estimated incomes and its task) and
    /// three payslips uploaded ([`DEMO_UPLOADS`]: analysed, unreadable, tampered). Returns
    /// once they are analysed. The standalone server's `--seed-demo` calls it at start-up.
    pub async fn seed_demo(&self) -> Result<DemoSeed, SeedError> {
        demo::seed(&self.app).await
    }

    /// Every Open API and Link API request so far, by arrival (as `GET /_emulator/requests`).
    pub fn requests(&self) -> Vec<RequestRecord> {
        self.app.requests.all()
    }
}
