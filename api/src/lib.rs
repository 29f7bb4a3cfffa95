//! The JSON contract between Wink Portal's front end and its server.
//!
//! Serde types only, so the crate builds for both `wasm32-unknown-unknown` (the Leptos app)
//! and the native server, and neither side can drift from the other.
//!
//! Routes (all JSON; errors are [`ErrorBody`]):
//! - `GET  /api/info` → [`Info`]
//! - `POST /api/applications` [`NewApplication`] → 201 [`CreatedApplication`], sets the
//!   applicant session cookie
//! - `GET  /api/applications/me` → [`Application`] (applicant session)
//! - `POST /api/applications/resume/preview` [`ResumeApplication`] → [`ResumePreview`]
//!   (no session; 404 unknown link, 410 expired)
//! - `POST /api/applications/resume` [`ResumeApplication`] → [`Application`], sets the cookie
//!   (404 unknown link, 410 expired)
//! - `POST /api/applications/me/logout` → 204, clears the cookie
//! - `POST /api/applications/me/complete` → [`Application`] with status `completed`
//! - `GET  /api/link/config` → [`LinkConfig`] (a fresh link token each call)
//! - `GET  /api/link/accounts` → [`LinkAccounts`] (the applicant's accounts and uploads)
//! - `POST /api/link/events` [`LinkEvent`] → [`LinkAccounts`]
//! - `GET  /api/invites/{token}` → [`officer::InvitePrefill`]
//! - the officer's routes under `/api/officer`: see [`officer`]

mod application;
pub mod changes;
pub mod document;
mod error;
pub mod i18n;
mod info;
mod link;
pub mod officer;
pub mod report;
pub mod summary;
pub mod validation;

pub use application::{
    consent_text, field, Application, ApplicationStatus, CreatedApplication, NewApplication,
    ResumeApplication, ResumePreview, VerificationPath, CONSENT_TEXT, CONSENT_VERSION,
};
pub use error::{ErrorBody, ErrorCode, ErrorDetail, FieldError};
pub use i18n::Lang;
pub use info::{Info, Mode, UnknownMode};
pub use link::{LinkAccounts, LinkConfig, LinkEvent, LinkStatus, LinkedAccount};
