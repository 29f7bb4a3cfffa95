//! Makes sure Smile sends us webhooks: one active subscription for our URL, created if
//! missing, never duplicated.

use secrecy::ExposeSecret;
use smile_api::client::SmileError;
use smile_api::{CreateWebhook, EventType};

use crate::AppState;

/// What [`ensure`] found or did.
#[derive(Debug, PartialEq, Eq)]
pub enum Subscription {
    Existing(String),
    Created(String),
}

pub async fn ensure(state: &AppState) -> Result<Subscription, SmileError> {
    let url = state.webhook_url();
    // Start-up work, not a browser's: the background share of Smile's budget.
    let smile = state.smile().background();
    // A list cut short (a misbehaving cursor) is used as read: at worst one more
    // subscription for our URL, where failing would leave us with none at all.
    let existing = smile.list_webhooks().collect_vec().await?;
    if let Some(webhook) = existing.iter().find(|w| w.url == url && w.active) {
        if webhook
            .secret
            .as_deref()
            .is_some_and(|s| s != state.webhook_secret().expose_secret())
        {
            tracing::warn!(
                webhook = %webhook.id,
                "the existing subscription signs with another secret than SMILE_WEBHOOK_SECRET"
            );
        }
        return Ok(Subscription::Existing(webhook.id.clone()));
    }
    let created = smile
        .create_webhook(&CreateWebhook {
            name: "Wink Portal".into(),
            url: url.to_owned(),
            event_types: vec![EventType::AllEvents],
            active: true,
            secret: state.webhook_secret().expose_secret().to_owned(),
            include_payload: Some(false),
        })
        .await?;
    Ok(Subscription::Created(created.id))
}
