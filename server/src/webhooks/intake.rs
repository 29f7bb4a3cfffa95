//! Smile's webhooks in: verify the signature on the raw bytes, store the event in the
//! inbox (once per event id, durably), and nothing else — no Smile call, no parsing beyond
//! the envelope — so acknowledgements stay fast and a crash after the answer loses nothing.

use secrecy::ExposeSecret;
use sha2::{Digest, Sha256};
use smile_api::{verify, Event, EventType};

use crate::db::inbox::{InboxStatus, NewDelivery};
use crate::db::inbox_writer::Stored;
use crate::db::text::Spelled;
use crate::{AppState, Error};

/// Takes one delivery: `signature` is its `Smile-Signature` header, `json` whether it was
/// sent as `application/json`. `Ok` means stored (or deliberately dropped) and may be
/// acknowledged; an unreadable body is kept as poison, since a 4xx would only make Smile
/// resend the same bytes.
pub async fn receive(
    state: &AppState,
    signature: Option<&str>,
    json: bool,
    body: &[u8],
) -> Result<(), Error> {
    if verify(
        state.webhook_secret().expose_secret().as_bytes(),
        body,
        signature,
    )
    .is_err()
    {
        // Neither the body nor the header value is logged: they may carry personal data.
        tracing::warn!(bytes = body.len(), "webhook_signature_invalid");
        crate::metrics::webhook("rejected_signature");
        return Err(Error::WebhookSignature);
    }
    if !json {
        crate::metrics::webhook("rejected_content_type");
        return Err(Error::WebhookNotJson);
    }
    let Classified {
        event_id,
        event_type,
        status,
        user_id,
    } = classify(body);
    let delivery = NewDelivery {
        event_id,
        event_type: event_type.clone(),
        body: body.to_vec(),
        status,
        smile_user_id: user_id,
    };
    match state.webhook_writer().store(delivery).await {
        Ok(Stored::Buried) => {
            // A deleted applicant's Smile user: acknowledged, and nothing about it is kept.
            tracing::info!(%event_type, "webhook for a deleted applicant dropped");
            crate::metrics::webhook("deleted_applicant");
            Ok(())
        }
        Ok(stored) => {
            let new = stored == Stored::New;
            if new && status == InboxStatus::Pending {
                state.wake_worker();
            }
            let status = status.spelling();
            tracing::info!(%event_type, duplicate = !new, status, "webhook stored");
            crate::metrics::webhook(if new { &status } else { "duplicate" });
            Ok(())
        }
        Err(e) => {
            // 5xx: Smile will retry, and nothing was acknowledged that is not stored.
            tracing::error!(error = %e, "webhook not stored");
            crate::metrics::webhook("store_failed");
            Err(Error::WebhookNotStored)
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
