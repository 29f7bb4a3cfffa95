//! `POST /webhooks`, `GET /webhooks`, `GET /webhooks/{id}`, `DELETE /webhooks/{id}`.

use axum::extract::State;
use axum::response::Response;
use secrecy::ExposeSecret;
use serde::Deserialize;
use smile_api::{EventType, Webhook};

use crate::clock;
use crate::config::WebhookSecret;
use crate::envelope::{self, ApiError, Checked, IdPath, SmileJson};
use crate::ids;
use crate::pagination::PageParams;
use crate::state::Shared;

/// `POST /webhooks` as received; checked field by field so each problem gets its own
/// `INVALID_PARAMETERS` message.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateBody {
    name: Option<String>,
    url: Option<String>,
    event_types: Option<Vec<EventType>>,
    active: Option<bool>,
    secret: Option<String>,
    include_payload: Option<bool>,
}

fn length(name: &str, value: Option<String>, max: usize) -> Result<String, ApiError> {
    match value {
        Some(v) if !v.trim().is_empty() && v.chars().count() <= max => Ok(v),
        _ => Err(ApiError::invalid(format!(
            "{name} is required (1-{max} characters)"
        ))),
    }
}

pub async fn create(
    State(app): State<Shared>,
    SmileJson(body): SmileJson<CreateBody>,
) -> Result<Response, ApiError> {
    let name = length("name", body.name, 200)?;
    let url = length("url", body.url, 500)?;
    // Smile demands https; the emulator also takes http so local receivers work.
    let parsed =
        reqwest::Url::parse(&url).map_err(|_| ApiError::invalid("url is not a valid URL"))?;
    if !matches!(parsed.scheme(), "https" | "http") {
        return Err(ApiError::invalid("url must begin with https://"));
    }
    let event_types = body
        .event_types
        .filter(|types| !types.is_empty())
        .ok_or_else(|| ApiError::invalid("eventTypes is required"))?;
    if let Some(unknown) = event_types.iter().find(|t| !t.is_known()) {
        return Err(ApiError::invalid(format!("unknown event type `{unknown}`")));
    }
    let active = body
        .active
        .ok_or_else(|| ApiError::invalid("active is required"))?;
    let secret = match body.secret {
        Some(secret) => length("secret", Some(secret), 64)?,
        None => match &app.config.webhook_secret {
            WebhookSecret::Generate => ids::webhook_secret(),
            WebhookSecret::Fixed(secret) => secret.expose_secret().to_owned(),
        },
    };
    let now = clock::now_string();
    let webhook = Webhook {
        id: ids::new_id(""),
        created_at: now.clone(),
        name,
        url,
        secret: Some(secret),
        event_types,
        active,
        include_payload: body.include_payload.unwrap_or(false),
        updated_at: now,
    };
    app.store.lock().webhooks.push(webhook.clone());
    // Smile answers 200 here, not 201.
    Ok(envelope::ok(webhook))
}

pub async fn list(State(app): State<Shared>, Checked(page): Checked<PageParams>) -> Response {
    let webhooks = app.store.lock().webhooks.clone();
    envelope::ok(page.page(webhooks))
}

pub async fn get(State(app): State<Shared>, IdPath(id): IdPath) -> Result<Response, ApiError> {
    let webhook = app
        .store
        .lock()
        .webhooks
        .iter()
        .find(|w| w.id == id)
        .cloned()
        .ok_or_else(|| ApiError::not_found("webhook"))?;
    Ok(envelope::ok(webhook))
}

pub async fn delete(State(app): State<Shared>, IdPath(id): IdPath) -> Result<Response, ApiError> {
    {
        let mut store = app.store.lock();
        let before = store.webhooks.len();
        store.webhooks.retain(|w| w.id != id);
        if store.webhooks.len() == before {
            return Err(ApiError::not_found("webhook"));
        }
    }
    app.dispatcher.forget(&id);
    Ok(envelope::ack())
}
