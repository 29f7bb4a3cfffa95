//! Webhook subscriptions (`Webhook`, `POST /webhooks`).
//!
//! The events themselves are in [`crate::event`]; the signature in [`crate::signature`].

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::common::DateTime;
use crate::event::EventType;

/// A registered webhook endpoint. Smile returns the secret in responses; `Debug` hides it.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Webhook {
    /// Webhook id.
    pub id: String,
    /// Creation time.
    pub created_at: DateTime,
    /// Display name.
    pub name: String,
    /// Endpoint URL (`https://` only).
    pub url: String,
    /// Key of the `Smile-Signature` HMAC.
    #[serde(default)]
    pub secret: Option<String>,
    /// Subscribed event types (`ALL_EVENTS` for everything).
    #[serde(default, deserialize_with = "crate::common::null_as_empty")]
    pub event_types: Vec<EventType>,
    /// Whether deliveries are made.
    #[serde(default = "crate::common::default_true")]
    pub active: bool,
    /// Whether `TASK_FINISHED` / `ACCOUNT_SYNC_TASK_FINISHED` carry the data payload.
    #[serde(default)]
    pub include_payload: bool,
    /// Last change.
    pub updated_at: DateTime,
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
