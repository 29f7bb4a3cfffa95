//! `POST /users`, `GET /users`, `GET /users/{id}`.

use std::collections::BTreeMap;

use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use smile_api::{CreatedUser, ExternalMetadata};

use super::filters::DateRange;
use crate::envelope::{self, ApiError, Checked, IdPath, SmileJson};
use crate::events;
use crate::pagination::PageParams;
use crate::state::Shared;

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateUserBody {
    #[serde(default)]
    external_metadata: Option<serde_json::Value>,
}

/// Checks Smile's `externalMetadata` limits: string values, ASCII, ≤ 5 pairs, keys ≤ 50
/// and values ≤ 500 characters. None given (or `null`) is no pairs.
fn external_metadata(
    value: Option<serde_json::Value>,
) -> Result<BTreeMap<String, String>, ApiError> {
    let Some(value) = value.filter(|v| !v.is_null()) else {
        return Ok(BTreeMap::new());
    };
    let map: BTreeMap<String, String> = serde_json::from_value(value)
        .map_err(|_| ApiError::invalid("externalMetadata must map strings to strings"))?;
    let checked = ExternalMetadata::try_from(map).map_err(|e| ApiError::invalid(e.to_string()))?;
    Ok(checked.into())
}

pub async fn create(
    State(app): State<Shared>,
    SmileJson(body): SmileJson<CreateUserBody>,
) -> Result<Response, ApiError> {
    let metadata = external_metadata(body.external_metadata)?;
    let ttl = app.settings().token_ttl;
    let (user, token, raised) = app
        .store
        .lock()
        .create_user(&app.config.tenant_id, metadata, ttl);
    events::emit(&app, raised);
    Ok(envelope::created(CreatedUser { user, token }))
}

pub async fn list(
    State(app): State<Shared>,
    Checked(page): Checked<PageParams>,
    Checked(range): Checked<DateRange>,
) -> Response {
    let store = app.store.lock();
    let users: Vec<_> = store
        .users
        .iter()
        .filter(|u| range.contains(&u.created_at))
        .filter_map(|u| store.user(&u.id))
        .collect();
    envelope::ok(page.page(users))
}

pub async fn get(State(app): State<Shared>, IdPath(id): IdPath) -> Result<Response, ApiError> {
    let user = app
        .store
        .lock()
        .user(&id)
        .ok_or_else(|| ApiError::not_found("user"))?;
    Ok(envelope::ok(user))
}
