//! `GET /accounts?userId=`, `GET /accounts/{id}`, `DELETE /accounts/{id}`.

use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;

use super::date_range;
use crate::envelope::{self, ApiError, IdPath, SmileQuery};
use crate::events;
use crate::pagination::PageParams;
use crate::state::Shared;

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListQuery {
    size: Option<String>,
    cursor: Option<String>,
    user_id: Option<String>,
    start_date: Option<String>,
    end_date: Option<String>,
}

pub async fn list(
    State(app): State<Shared>,
    SmileQuery(q): SmileQuery<ListQuery>,
) -> Result<Response, ApiError> {
    let page = PageParams::parse(q.size.as_deref(), q.cursor.as_deref())?;
    // Smile filters accounts on their linking date.
    let range = date_range(q.start_date, q.end_date)?;
    let accounts: Vec<_> = app
        .store
        .lock()
        .accounts
        .iter()
        .map(|r| &r.account)
        .filter(|a| q.user_id.as_deref().is_none_or(|u| a.user_id == u))
        .filter(|a| range.contains(&a.created_at))
        .cloned()
        .collect();
    Ok(envelope::ok(page.page(accounts)))
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
