//! `GET /archives?userId=` and `GET /archives/{id}`: the documents uploaded in the widget.
//! (Read-only: the emulator does not analyse files.)

use axum::extract::State;
use axum::response::Response;

use super::filters::UserFilter;
use crate::archives;
use crate::envelope::{self, ApiError, Checked, IdPath, SmileQuery};
use crate::pagination::PageParams;
use crate::state::Shared;

pub async fn list(
    State(app): State<Shared>,
    SmileQuery(users): SmileQuery<UserFilter>,
    Checked(page): Checked<PageParams>,
) -> Response {
    let archives: Vec<_> = app
        .store
        .lock()
        .archives
        .iter()
        .filter(|a| users.allows(&a.user_id))
        .map(archives::wire)
        .collect();
    envelope::ok(page.page(archives))
}

pub async fn get(State(app): State<Shared>, IdPath(id): IdPath) -> Result<Response, ApiError> {
    let archive = app
        .store
        .lock()
        .archives
        .iter()
        .find(|a| a.id == id)
        .map(archives::wire)
        .ok_or_else(|| ApiError::not_found("archive"))?;
    Ok(envelope::ok(archive))
}
