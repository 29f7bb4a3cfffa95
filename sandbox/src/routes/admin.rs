//! Emulator controls under `/_emulator` (Basic auth, plain JSON answers): reset, request
//! and webhook faults, run-time settings, token expiry, the event and delivery logs, and
//! changes to a persona's life.
//! Smile has nothing like these; they exist for tests and demos.

use std::time::Duration;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::envelope::{ApiError, IdPath, SmileJson};
use crate::faults::{RuleSpec, WebhookFaults};
use crate::life_events::{self, LifeEvents};
use crate::personas::{self, MFA_CODE};
use crate::state::Shared;

/// `POST /_emulator/reset`: forget everything.
pub async fn reset(State(app): State<Shared>) -> Json<serde_json::Value> {
    app.reset();
    Json(json!({ "reset": true }))
}

/// `GET /_emulator/faults`.
pub async fn list_faults(State(app): State<Shared>) -> Response {
    Json(app.faults.rules()).into_response()
}

/// `POST /_emulator/faults`: add a request fault rule.
pub async fn add_fault(
    State(app): State<Shared>,
    SmileJson(spec): SmileJson<RuleSpec>,
) -> Result<Response, ApiError> {
    let view = app.faults.add(spec)?;
    Ok((StatusCode::CREATED, Json(view)).into_response())
}

/// `DELETE /_emulator/faults`: remove every request rule.
pub async fn clear_faults(State(app): State<Shared>) -> StatusCode {
    app.faults.clear_rules();
    StatusCode::NO_CONTENT
}

/// `DELETE /_emulator/faults/{id}`.
pub async fn remove_fault(
    State(app): State<Shared>,
    IdPath(id): IdPath,
) -> Result<StatusCode, ApiError> {
    if app.faults.remove(&id) {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::not_found("fault rule"))
    }
}

/// `GET /_emulator/webhook-faults`.
pub async fn webhook_faults(State(app): State<Shared>) -> Json<WebhookFaults> {
    Json(app.faults.webhook())
}

/// `PUT /_emulator/webhook-faults`: replace the webhook faults.
pub async fn set_webhook_faults(
    State(app): State<Shared>,
    SmileJson(faults): SmileJson<WebhookFaults>,
) -> Json<WebhookFaults> {
    app.faults.set_webhook(faults);
    Json(app.faults.webhook())
}

/// `DELETE /_emulator/webhook-faults`.
pub async fn clear_webhook_faults(State(app): State<Shared>) -> StatusCode {
    app.faults.set_webhook(WebhookFaults::default());
    StatusCode::NO_CONTENT
}

/// `GET /_emulator/events`: every event raised, oldest first.
pub async fn events(State(app): State<Shared>) -> Response {
    Json(app.store.lock().events.clone()).into_response()
}

/// `GET /_emulator/deliveries`: every delivery attempt, oldest first.
pub async fn deliveries(State(app): State<Shared>) -> Response {
    Json(app.dispatcher.log()).into_response()
}

/// `GET /_emulator/requests`: arrivals of every Open API and Link API request, oldest
/// first.
pub async fn requests(State(app): State<Shared>) -> Response {
    Json(app.requests.all()).into_response()
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExpireBody {
    access_token: Option<String>,
    user_id: Option<String>,
}

/// `POST /_emulator/tokens/expire`: expire one token, a user's tokens, or (empty body)
/// every token.
pub async fn expire_tokens(
    State(app): State<Shared>,
    SmileJson(body): SmileJson<ExpireBody>,
) -> Json<serde_json::Value> {
    let expired = app
        .store
        .lock()
        .expire_tokens(body.access_token.as_deref(), body.user_id.as_deref());
    Json(json!({ "expired": expired }))
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SettingsBody {
    #[serde(default)]
    token_ttl_seconds: Option<u64>,
    #[serde(default)]
    webhook_retry_delay_ms: Option<u64>,
    #[serde(default)]
    webhook_timeout_ms: Option<u64>,
    #[serde(default)]
    analysis_delay_ms: Option<u64>,
}

fn view(app: &Shared) -> SettingsBody {
    let s = app.settings();
    let ms = |d: Duration| u64::try_from(d.as_millis()).unwrap_or(u64::MAX);
    SettingsBody {
        token_ttl_seconds: Some(s.token_ttl.as_secs()),
        webhook_retry_delay_ms: Some(ms(s.webhook_retry_delay)),
        webhook_timeout_ms: Some(ms(s.webhook_timeout)),
        analysis_delay_ms: Some(ms(s.analysis_delay)),
    }
}

/// `GET /_emulator/settings`.
pub async fn settings(State(app): State<Shared>) -> Json<SettingsBody> {
    Json(view(&app))
}

/// `PUT /_emulator/settings`: change token lifetime, webhook timing and the analysis delay
/// (fields optional).
pub async fn set_settings(
    State(app): State<Shared>,
    SmileJson(body): SmileJson<SettingsBody>,
) -> Json<SettingsBody> {
    {
        let mut s = app.settings.lock();
        if let Some(secs) = body.token_ttl_seconds {
            s.token_ttl = Duration::from_secs(secs);
        }
        if let Some(ms) = body.webhook_retry_delay_ms {
            s.webhook_retry_delay = Duration::from_millis(ms);
        }
        if let Some(ms) = body.webhook_timeout_ms {
            s.webhook_timeout = Duration::from_millis(ms);
        }
        if let Some(ms) = body.analysis_delay_ms {
            s.analysis_delay = Duration::from_millis(ms);
        }
    }
    Json(view(&app))
}

/// `GET /_emulator/personas`: the test logins (they are public sandbox credentials).
pub async fn personas() -> Json<serde_json::Value> {
    let list: Vec<_> = personas::ALL
        .iter()
        .map(|p| {
            json!({
                "key": p.key,
                "fullName": p.full_name,
                "email": p.email,
                "phone": p.phone,
                "password": p.password,
                "mfaCode": MFA_CODE,
                "country": p.country,
                "currency": p.currency,
            })
        })
        .collect();
    Json(json!(list))
}

/// `POST /_emulator/personas/{key}/changes`: a new employer and/or the next month's
/// contribution in the data of the persona's linked accounts (see [`crate::life_events`]).
pub async fn change_persona(
    State(app): State<Shared>,
    IdPath(key): IdPath,
    SmileJson(events): SmileJson<LifeEvents>,
) -> Result<Response, ApiError> {
    if !personas::ALL.iter().any(|p| p.key == key) {
        return Err(ApiError::not_found("persona"));
    }
    if let Some(problem) = events.problem() {
        return Err(ApiError::invalid(problem));
    }
    let applied = life_events::apply(&mut app.store.lock(), &key, &events);
    Ok(Json(applied).into_response())
}
