//! The emulator's HTTP surface, assembled into one `Router`:
//!
//! - `/v1/...`: Smile's Open API (Basic auth);
//! - `/link/v1/...`: the widget's backend (link-token auth, CORS);
//! - `/smile.v2.js`: the stand-in widget;
//! - `/_emulator/...`: emulator controls (Basic auth).
//!
//! Fault injection wraps everything but `/_emulator`. Every path is relative, so the
//! router works nested under any prefix.

mod accounts;
mod admin;
mod archives;
mod data;
mod fault_injection;
mod file_types;
mod filters;
mod link;
mod providers;
mod tokens;
mod users;
mod webhooks;
pub mod widget;

use axum::middleware::{from_fn, from_fn_with_state};
use axum::routing::{delete, get, post};
use axum::Router;
use smile_api::{Contribution, Eincome, Employment, EventData, Identity, Income, Task};

use crate::auth::require_basic;
use crate::envelope::ApiError;
use crate::envelope::{not_found, unsupported_method};
use crate::events;
use crate::state::{AppState, Shared, Store};

pub use link::{UploadFileType, UPLOAD_FILE_TYPES};

/// Runs one change to the store, then raises the webhook events it produced (once the
/// lock is released: raising reads the store).
fn change<T>(
    app: &AppState,
    action: impl FnOnce(&mut Store) -> Result<(T, Vec<EventData>), ApiError>,
) -> Result<T, ApiError> {
    let (value, raised) = action(&mut app.store.lock())?;
    events::emit(app, raised);
    Ok(value)
}

fn open_api(app: &Shared) -> Router<Shared> {
    Router::new()
        .route("/users", post(users::create).get(users::list))
        .route("/users/{id}", get(users::get))
        .route("/tokens", post(tokens::create))
        .route("/providers", get(providers::list))
        .route("/providers/{id}", get(providers::get))
        .route("/accounts", get(accounts::list))
        .route(
            "/accounts/{id}",
            get(accounts::get).delete(accounts::delete),
        )
        .route("/identities", get(data::list::<Identity>))
        .route("/identities/{id}", get(data::get::<Identity>))
        .route("/employments", get(data::list::<Employment>))
        .route("/employments/{id}", get(data::get::<Employment>))
        .route("/incomes", get(data::list::<Income>))
        .route("/incomes/{id}", get(data::get::<Income>))
        .route("/contributions", get(data::list::<Contribution>))
        .route("/contributions/{id}", get(data::get::<Contribution>))
        .route("/eincomes", get(data::list::<Eincome>))
        .route("/eincomes/{id}", get(data::get::<Eincome>))
        .route("/tasks", get(data::list::<Task>))
        .route("/tasks/{id}", get(data::get::<Task>))
        .route("/archives", get(archives::list).post(archives::create))
        .route("/archives/classify", post(archives::classify))
        .route(
            "/archives/{id}",
            get(archives::get).delete(archives::delete),
        )
        .route("/uploads", get(archives::list_uploads))
        .route("/fileTypes", get(file_types::list))
        .route("/webhooks", post(webhooks::create).get(webhooks::list))
        .route(
            "/webhooks/{id}",
            get(webhooks::get).delete(webhooks::delete),
        )
        .fallback(not_found)
        .method_not_allowed_fallback(unsupported_method)
        // After the routes and the fallback, so unknown paths also need credentials.
        .layer(from_fn_with_state(app.clone(), require_basic))
}

fn link_api() -> Router<Shared> {
    Router::new()
        .route("/session", get(link::session))
        .route("/providers", get(link::providers))
        .route("/accounts", post(link::create_account))
        .route("/accounts/{id}", delete(link::delete_account))
        .route(
            "/accounts/{id}/login",
            post(link::account_step::<link::LoginBody>),
        )
        .route(
            "/accounts/{id}/mfa",
            post(link::account_step::<link::MfaBody>),
        )
        .route("/uploads", post(link::create_upload))
        .route("/uploads/{id}", delete(link::delete_upload))
        .fallback(not_found)
        .method_not_allowed_fallback(unsupported_method)
}

fn admin(app: &Shared) -> Router<Shared> {
    Router::new()
        .route("/reset", post(admin::reset))
        .route(
            "/faults",
            get(admin::list_faults)
                .post(admin::add_fault)
                .delete(admin::clear_faults),
        )
        .route("/faults/{id}", delete(admin::remove_fault))
        .route(
            "/webhook-faults",
            get(admin::webhook_faults)
                .put(admin::set_webhook_faults)
                .delete(admin::clear_webhook_faults),
        )
        .route("/settings", get(admin::settings).put(admin::set_settings))
        .route("/tokens/expire", post(admin::expire_tokens))
        .route("/events", get(admin::events))
        .route("/deliveries", get(admin::deliveries))
        .route("/requests", get(admin::requests))
        .route("/personas", get(admin::personas))
        .route("/personas/{id}/changes", post(admin::change_persona))
        .fallback(not_found)
        .method_not_allowed_fallback(unsupported_method)
        .layer(from_fn_with_state(app.clone(), require_basic))
}

/// The whole emulator.
pub fn router(app: Shared) -> Router {
    Router::new()
        .nest("/v1", open_api(&app))
        .nest("/link/v1", link_api())
        .nest("/_emulator", admin(&app))
        .route("/smile.v2.js", get(widget::script))
        .fallback(not_found)
        .method_not_allowed_fallback(unsupported_method)
        .layer(from_fn_with_state(app.clone(), fault_injection::inject))
        // Outermost, so injected failures on the Link API still carry CORS headers.
        .layer(from_fn(link::cors))
        .with_state(app)
}
