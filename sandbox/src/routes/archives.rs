//! `GET /archives?userId=` and `GET /archives/{id}`: the documents uploaded in the widget.
//! (Read-only: the emulator does not analyse files.)

use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;

use crate::envelope::{self, ApiError, IdPath, SmileQuery};
use crate::pagination::PageParams;
use crate::state::Shared;

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListQuery {
    size: Option<String>,
    cursor: Option<String>,
    user_id: Option<String>,
}

pub async fn list(
    State(app): State<Shared>,
    SmileQuery(q): SmileQuery<ListQuery>,
) -> Result<Response, ApiError> {
    let page = PageParams::parse(q.size.as_deref(), q.cursor.as_deref())?;
    let archives: Vec<_> = app
        .store
        .lock()
        .archives
        .iter()
        .filter(|a| q.user_id.as_deref().is_none_or(|u| a.user_id == u))
        .cloned()
        .collect();
    Ok(envelope::ok(page.page(archives)))
}

pub async fn get(State(app): State<Shared>, IdPath(id): IdPath) -> Result<Response, ApiError> {
    let archive = app
        .store
        .lock()
        .archives
        .iter()
        .find(|a| a.id == id)
        .cloned()
        .ok_or_else(|| ApiError::not_found("archive"))?;
    Ok(envelope::ok(archive))
}
