//! `GET /accounts?userId=`, `GET /accounts/{id}`, `DELETE /accounts/{id}`.

use axum::extract::State;
use axum::response::Response;

use super::filters::{DateRange, UserFilter};
use crate::envelope::{self, ApiError, Checked, IdPath, SmileQuery};
use crate::events;
use crate::pagination::PageParams;
use crate::state::Shared;

pub async fn list(
    State(app): State<Shared>,
    SmileQuery(users): SmileQuery<UserFilter>,
    Checked(page): Checked<PageParams>,
    // Smile filters accounts on their linking date.
    Checked(range): Checked<DateRange>,
) -> Response {
    let accounts: Vec<_> = app
        .store
        .lock()
        .accounts
        .iter()
        .map(|r| &r.account)
        .filter(|a| users.allows(&a.user_id))
        .filter(|a| range.contains(&a.created_at))
        .cloned()
        .collect();
    envelope::ok(page.page(accounts))
}

pub async fn get(State(app): State<Shared>, IdPath(id): IdPath) -> Result<Response, ApiError> {
    let account = app.store.lock().account(&id, None)?.account.clone();
    Ok(envelope::ok(account))
}

/// Revokes the account and deletes its data (`ACCOUNT_DISCONNECTED`).
pub async fn delete(State(app): State<Shared>, IdPath(id): IdPath) -> Result<Response, ApiError> {
    let raised = app.store.lock().delete_account(&id, None)?;
    events::emit(&app, raised);
    Ok(envelope::ack())
}
