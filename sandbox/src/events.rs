//! Raising webhook events: stamping them, logging them, and handing them to every active
//! subscription whose `eventTypes` match.

use std::sync::Arc;
use std::time::Duration;

use smile_api::{Event, EventData, EventType, Webhook};

use crate::clock;
use crate::delivery::Delivery;
use crate::faults::WebhookFaults;
use crate::ids::new_id;
use crate::state::{AppState, EVENT_LOG_LIMIT};

/// An event with a fresh id (`et-…`), version 1 and the current time.
fn stamp(data: EventData) -> Event {
    Event {
        id: new_id("et-"),
        version: 1,
        created_at: clock::now_string(),
        data,
    }
}

/// Whether `webhook` wants events of `event_type`.
pub fn subscribed(webhook: &Webhook, event_type: &EventType) -> bool {
    webhook.active
        && webhook
            .event_types
            .iter()
            .any(|t| t == event_type || *t == EventType::AllEvents)
}

/// The body sent to `webhook`: `TASK_FINISHED` and `ACCOUNT_SYNC_TASK_FINISHED` carry the
/// data payload only for subscriptions with `includePayload`.
fn body_for(webhook: &Webhook, event: &Event) -> Option<Arc<[u8]>> {
    let thin;
    let event = match &event.data {
        EventData::TaskFinished(data) if !webhook.include_payload && data.payload.is_some() => {
            let mut data = data.clone();
            data.payload = None;
            thin = Event {
                data: EventData::TaskFinished(data),
                ..event.clone()
            };
            &thin
        }
        _ => event,
    };
    match serde_json::to_vec(event) {
        Ok(bytes) => Some(bytes.into()),
        Err(e) => {
            tracing::error!(error = %e, event_id = %event.id, "could not serialise an event");
            None
        }
    }
}

/// Raises `events` (one action's events, in order): logs them and queues them for every
/// matching subscription, applying the webhook faults. Returns at once; delivery happens
/// in the background.
pub fn emit(app: &AppState, events: Vec<EventData>) {
    if events.is_empty() {
        return;
    }
    let events: Vec<Event> = events.into_iter().map(stamp).collect();
    let webhooks: Vec<Webhook> = {
        let mut store = app.store.lock();
        store.events.extend(events.iter().cloned());
        let excess = store.events.len().saturating_sub(EVENT_LOG_LIMIT);
        store.events.drain(..excess);
        store
            .webhooks
            .iter()
            .filter(|w| w.active)
            .cloned()
            .collect()
    };
    let faults = app.faults.webhook();
    let settings = app.settings();
    for webhook in webhooks {
        let batch = events
            .iter()
            .filter(|e| subscribed(&webhook, &e.event_type()))
            .filter_map(|e| {
                Some(Delivery {
                    webhook_id: webhook.id.clone(),
                    url: webhook.url.clone(),
                    secret: webhook.secret.clone().unwrap_or_default(),
                    event_id: e.id.clone(),
                    event_type: e.event_type().to_string(),
                    body: body_for(&webhook, e)?,
                    retry_delay: settings.webhook_retry_delay,
                    timeout: settings.webhook_timeout,
                    delay: Duration::from_millis(faults.delay_ms),
                })
            })
            .collect();
        let batch = apply_faults(app, &faults, batch);
        app.dispatcher.enqueue(&webhook.id, batch);
    }
}

/// Drops, duplicates and reorders one subscription's batch as the faults ask.
fn apply_faults(app: &AppState, faults: &WebhookFaults, batch: Vec<Delivery>) -> Vec<Delivery> {
    let mut out = Vec::with_capacity(batch.len());
    for delivery in batch {
        let event_type = EventType::from(delivery.event_type.as_str());
        if faults.drops(&event_type) {
            app.dispatcher.record_fault_drop(&delivery);
            continue;
        }
        if faults.duplicates(&event_type) {
            out.push(delivery.clone());
        }
        out.push(delivery);
    }
    if faults.reorder {
        out.reverse();
    }
    out
}
