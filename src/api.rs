//! Typed calls to our own server, one function per applicant route of `wink_api`, over the
//! shared JSON helpers of `wink_web::http` (timeouts, the typed error body).

use wink_api::officer::InvitePrefill;
use wink_api::{
    Application, CreatedApplication, Info, LinkAccounts, LinkConfig, LinkEvent, NewApplication,
    ResumeApplication, ResumePreview,
};
pub use wink_web::http::ApiError;
use wink_web::http::{get, post, post_empty, post_for_status};

/// `GET /api/info`: the mode the server runs in, and its version.
pub async fn info() -> Result<Info, ApiError> {
    get("/api/info").await
}

/// `POST /api/applications`: stores the application and starts the applicant session.
pub async fn create_application(form: &NewApplication) -> Result<CreatedApplication, ApiError> {
    post("/api/applications", form).await
}

/// `GET /api/applications/me`: the application of this browser's applicant session.
pub async fn my_application() -> Result<Application, ApiError> {
    get("/api/applications/me").await
}

/// `POST /api/applications/resume`: trades a resume link's token for an applicant session.
pub async fn resume_application(token: &str) -> Result<Application, ApiError> {
    let body = ResumeApplication {
        token: token.to_owned(),
    };
    post("/api/applications/resume", &body).await
}

/// `POST /api/applications/resume/preview`: whose application a resume link opens, without
/// starting a session (404 unknown link, 410 expired).
pub async fn resume_preview(token: &str) -> Result<ResumePreview, ApiError> {
    let body = ResumeApplication {
        token: token.to_owned(),
    };
    post("/api/applications/resume/preview", &body).await
}

/// `POST /api/applications/me/logout`: ends this browser's applicant session (204).
pub async fn sign_out() -> Result<(), ApiError> {
    post_for_status("/api/applications/me/logout").await
}

/// `POST /api/applications/me/complete`: the applicant is done linking.
pub async fn complete_application() -> Result<Application, ApiError> {
    post_empty("/api/applications/me/complete").await
}

/// `GET /api/link/config`: widget options with a fresh, single-use link token.
pub async fn link_config() -> Result<LinkConfig, ApiError> {
    get("/api/link/config").await
}

/// `GET /api/link/accounts`: the applicant's linked accounts and their status.
pub async fn link_accounts() -> Result<LinkAccounts, ApiError> {
    get("/api/link/accounts").await
}

/// `GET /api/invites/{token}`: what an officer's invitation pre-fills (410 once it has
/// expired or was used).
pub async fn invite_prefill(token: &str) -> Result<InvitePrefill, ApiError> {
    let token = wink_api::officer::percent_encode(token);
    get(&format!("/api/invites/{token}")).await
}

/// `POST /api/link/events`: records one widget callback; answers the new account list.
pub async fn post_link_event(event: &LinkEvent) -> Result<LinkAccounts, ApiError> {
    post("/api/link/events", event).await
}
