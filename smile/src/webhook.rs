//! Webhook subscriptions (`Webhook`, `POST /webhooks`).
//!
//! The events themselves are in [`crate::event`]; the signature in [`crate::signature`].

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::common::DateTime;
use crate::event::EventType;

/// A registered webhook endpoint. Smile returns the secret in responses; `Debug` hides it.
///
/// The spec's `Webhook` schema requires no property at all, so every one may be absent
/// (and is then empty); an answer that leaves out, say, `updatedAt` must not make the
/// subscription check fail.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Webhook {
    /// Webhook id.
    #[serde(default, deserialize_with = "crate::common::null_as_default")]
    pub id: String,
    /// Creation time.
    #[serde(default, deserialize_with = "crate::common::null_as_default")]
    pub created_at: DateTime,
    /// Display name.
    #[serde(default, deserialize_with = "crate::common::null_as_default")]
    pub name: String,
    /// Endpoint URL (`https://` only).
    #[serde(default, deserialize_with = "crate::common::null_as_default")]
    pub url: String,
    /// Key of the `Smile-Signature` HMAC.
    #[serde(default)]
    pub secret: Option<String>,
    /// Subscribed event types (`ALL_EVENTS` for everything).
    #[serde(default, deserialize_with = "crate::common::null_as_empty")]
    pub event_types: Vec<EventType>,
    /// Whether deliveries are made (spec default `true`).
    #[serde(
        default = "crate::common::default_true",
        deserialize_with = "true_unless_false"
    )]
    pub active: bool,
    /// Whether `TASK_FINISHED` / `ACCOUNT_SYNC_TASK_FINISHED` carry the data payload.
    #[serde(default, deserialize_with = "crate::common::null_as_default")]
    pub include_payload: bool,
    /// Last change.
    #[serde(default, deserialize_with = "crate::common::null_as_default")]
    pub updated_at: DateTime,
}

/// `active`, where `null` means the spec's default (`true`).
fn true_unless_false<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
    Ok(Option::<bool>::deserialize(deserializer)?.unwrap_or(true))
}

impl fmt::Debug for Webhook {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Webhook")
            .field("id", &self.id)
            .field("created_at", &self.created_at)
            .field("name", &self.name)
            .field("url", &self.url)
            .field("secret", &self.secret.as_ref().map(|_| "[REDACTED]"))
            .field("event_types", &self.event_types)
            .field("active", &self.active)
            .field("include_payload", &self.include_payload)
            .field("updated_at", &self.updated_at)
            .finish()
    }
}

/// Body of `POST /webhooks` (`WebhookPostRequest`). `Debug` hides the secret.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateWebhook {
    /// Display name (1–200 characters).
    pub name: String,
    /// Endpoint URL; must begin with `https://` (1–500 characters).
    pub url: String,
    /// Event types to deliver.
    pub event_types: Vec<EventType>,
    /// Must be `true` for anything to be delivered.
    pub active: bool,
    /// HMAC key for `Smile-Signature` (1–64 characters).
    pub secret: String,
    /// Inline the data payload in `TASK_FINISHED` / `ACCOUNT_SYNC_TASK_FINISHED`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub include_payload: Option<bool>,
}

impl fmt::Debug for CreateWebhook {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CreateWebhook")
            .field("name", &self.name)
            .field("url", &self.url)
            .field("event_types", &self.event_types)
            .field("active", &self.active)
            .field("secret", &"[REDACTED]")
            .field("include_payload", &self.include_payload)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The spec requires no property of `Webhook`: a sparse answer with nulls and extra
    /// fields still reads (the subscription check must not fail on it).
    #[test]
    fn a_sparse_webhook_with_nulls_and_extra_fields_reads() {
        let webhook: Webhook = serde_json::from_str(
            r#"{"id":"w-2","url":"https://wink.example/webhooks/smile","secret":null,
                "active":null,"includePayload":null,"createdAt":null,"eventTypes":["SOMETHING_NEW"],
                "deliveryStats":{"failed":0}}"#,
        )
        .unwrap();
        assert_eq!(webhook.id, "w-2");
        assert!(webhook.active);
        assert!(!webhook.include_payload);
        assert_eq!(webhook.updated_at, "");
        assert!(!webhook.event_types[0].is_known());
        let empty: Webhook = serde_json::from_str("{}").unwrap();
        assert_eq!(empty.url, "");
    }

    #[test]
    fn an_envelope_without_code_or_request_id_is_a_success() {
        let page: crate::Envelope<crate::Page<Webhook>> =
            serde_json::from_str(r#"{"requestId":null,"data":{"items":[{}]}}"#).unwrap();
        assert!(page.code.is_success());
        assert_eq!(page.data.unwrap().items.len(), 1);
    }
}
