//! `POST /tokens?userId=`: a fresh link token for a returning user.

use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;

use super::filters::required;
use crate::envelope::{self, ApiError, SmileQuery};
use crate::state::Shared;

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TokenQuery {
    user_id: Option<String>,
}

pub async fn create(
    State(app): State<Shared>,
    SmileQuery(q): SmileQuery<TokenQuery>,
) -> Result<Response, ApiError> {
    let user_id = required("userId", q.user_id)?;
    let ttl = app.settings().token_ttl;
    let token = app.store.lock().issue_token(&user_id, ttl)?;
    Ok(envelope::created(token))
}
