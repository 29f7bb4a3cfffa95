//! `POST /webhooks/smile`: verify the signature on the raw bytes, store the event in the
//! inbox (once per event id, durably), answer 2xx. Nothing else happens in the request —
//! no Smile call, no parsing beyond the envelope — so acknowledgements stay fast and a
//! crash after the answer loses nothing.

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use secrecy::ExposeSecret;
use serde_json::json;
use sha2::{Digest, Sha256};
use smile_api::{verify, Event, EventType, SIGNATURE_HEADER};
use wink_api::{ErrorBody, ErrorCode};

use crate::db::inbox::{self, InboxStatus};
use crate::db::text::Spelled;
use crate::db::tombstones;
use crate::AppState;

/// Smile's thin events are a few hundred bytes; anything near this is not from Smile.
pub const BODY_LIMIT: usize = 256 * 1024;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/webhooks/smile", post(receive))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
}

async fn receive(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    let signature = headers.get(SIGNATURE_HEADER).and_then(|v| v.to_str().ok());
    if verify(
        state.webhook_secret().expose_secret().as_bytes(),
        &body,
        signature,
    )
    .is_err()
    {
        // Neither the body nor the header value is logged: they may carry personal data.
        tracing::warn!(bytes = body.len(), "webhook_signature_invalid");
        crate::metrics::webhook("rejected_signature");
        return error(
            StatusCode::UNAUTHORIZED,
            ErrorCode::Unauthorized,
            "Invalid Smile-Signature.",
        );
    }
    let json_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !json_type {
        crate::metrics::webhook("rejected_content_type");
        return error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ErrorCode::InvalidRequest,
            "Webhooks must be application/json.",
        );
    }
    let Classified {
        event_id,
        event_type,
        status,
        user_id,
    } = classify(&body);
    // A deleted applicant's Smile user: acknowledged, and nothing about it is kept.
    if let Some(user) = &user_id {
        match tombstones::is_buried_smile_user(state.db(), user).await {
            Ok(true) => {
                tracing::info!(%event_type, "webhook for a deleted applicant dropped");
                crate::metrics::webhook("deleted_applicant");
                return (StatusCode::OK, Json(json!({ "received": true }))).into_response();
            }
            Ok(false) => {}
            Err(e) => {
                tracing::error!(error = %e, "webhook not stored");
                return error(
                    StatusCode::SERVICE_UNAVAILABLE,
                    ErrorCode::Unavailable,
                    "Could not store the event; retry.",
                );
            }
        }
    }
    match inbox::insert(
        state.db(),
        &event_id,
        &event_type,
        &body,
        status,
        user_id.as_deref(),
    )
    .await
    {
        Ok(new) => {
            if new && status == InboxStatus::Pending {
                state.wake_worker();
            }
            let status = status.spelling();
            tracing::info!(%event_type, duplicate = !new, status, "webhook stored");
            crate::metrics::webhook(if new { &status } else { "duplicate" });
            (StatusCode::OK, Json(json!({ "received": true }))).into_response()
        }
        Err(e) => {
            // 5xx: Smile will retry, and nothing was acknowledged that is not stored.
            tracing::error!(error = %e, "webhook not stored");
            crate::metrics::webhook("store_failed");
            error(
                StatusCode::SERVICE_UNAVAILABLE,
                ErrorCode::Unavailable,
                "Could not store the event; retry.",
            )
        }
    }
}

struct Classified {
    event_id: String,
    event_type: String,
    status: InboxStatus,
    user_id: Option<String>,
}

/// The inbox key, type, starting status and Smile user of a verified body. An unreadable
/// body is kept as poison (a 4xx would only make Smile resend the same bytes); an unknown
/// type is kept and ignored.
fn classify(body: &[u8]) -> Classified {
    match Event::from_slice(body) {
        // Ids with control characters (NUL) cannot be stored as text by PostgreSQL: such an
        // event is as unreadable to us as a malformed one, and must not be a 503 for ever.
        Ok(event)
            if has_control(&event.id)
                || has_control(&event.event_type().to_string())
                || event.user_id().is_some_and(has_control) =>
        {
            poison(body)
        }
        Ok(event) => {
            let event_type = event.event_type();
            let status = if matches!(event_type, EventType::Unknown(_)) {
                InboxStatus::Ignored
            } else {
                InboxStatus::Pending
            };
            Classified {
                user_id: event.user_id().map(str::to_owned),
                event_type: event_type.to_string(),
                event_id: event.id,
                status,
            }
        }
        Err(_) => poison(body),
    }
}

fn poison(body: &[u8]) -> Classified {
    Classified {
        event_id: format!("poison:{}", hex::encode(Sha256::digest(body))),
        event_type: "UNREADABLE".to_owned(),
        status: InboxStatus::Poison,
        user_id: None,
    }
}

fn has_control(text: &str) -> bool {
    text.chars().any(char::is_control)
}

fn error(status: StatusCode, code: ErrorCode, message: &str) -> Response {
    (status, Json(ErrorBody::new(code, message))).into_response()
}
