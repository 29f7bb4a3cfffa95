//! Widget callbacks the applicant's browser reports: hints, never evidence. Each is
//! normalised to the fields Smile documents for it, bounded in size, and stored for the
//! applicant's timeline within a per-applicant hourly budget.

use serde_json::{Map, Value};
use smile_api::widget::{AccountCallback, UploadsCallback};
use wink_api::LinkEvent;

use crate::db::link_events::{self, Callback};
use crate::{AppState, Error};

/// Uploads kept from one `onUploadsCreated`/`onUploadsRemoved` (the widget sends a handful).
pub const MAX_UPLOADS_PER_CALLBACK: usize = 20;
/// Longest id kept from a callback (Smile's ids are ~40 characters).
const MAX_ID_CHARS: usize = 100;
/// Longest file name or type kept.
const MAX_TEXT_CHARS: usize = 200;

/// The callback with only what Smile documents for it, every free-form part bounded:
/// `uploads` becomes at most [`MAX_UPLOADS_PER_CALLBACK`] `{id, type, fileName}` records,
/// ids and texts are cut to a bound, and `onUIEvent`'s `eventTime` is kept only as a short
/// string or a number. (The typed fields were already reduced to the documented ones by
/// deserialising.)
pub fn normalise(event: LinkEvent) -> LinkEvent {
    match event {
        LinkEvent::AccountCreated(cb) => LinkEvent::AccountCreated(account_ids(cb)),
        LinkEvent::AccountConnected(cb) => LinkEvent::AccountConnected(account_ids(cb)),
        LinkEvent::AccountRemoved(cb) => LinkEvent::AccountRemoved(account_ids(cb)),
        LinkEvent::AccountError(mut cb) => {
            cut(&mut cb.account_id, MAX_ID_CHARS);
            cut(&mut cb.user_id, MAX_ID_CHARS);
            cut(&mut cb.provider_id, MAX_ID_CHARS);
            LinkEvent::AccountError(cb)
        }
        LinkEvent::UploadsCreated(cb) => LinkEvent::UploadsCreated(uploads(cb)),
        LinkEvent::UploadsRemoved(cb) => LinkEvent::UploadsRemoved(uploads(cb)),
        LinkEvent::UiEvent(mut ui) => {
            ui.event_time = ui.event_time.filter(|t| match t {
                Value::String(s) => s.chars().count() <= 64,
                Value::Number(_) => true,
                _ => false,
            });
            if let Some(user) = &mut ui.user_id {
                cut(user, MAX_ID_CHARS);
            }
            LinkEvent::UiEvent(ui)
        }
        other => other,
    }
}

fn account_ids(mut cb: AccountCallback) -> AccountCallback {
    cut(&mut cb.account_id, MAX_ID_CHARS);
    cut(&mut cb.user_id, MAX_ID_CHARS);
    cut(&mut cb.provider_id, MAX_ID_CHARS);
    cb
}

fn uploads(mut cb: UploadsCallback) -> UploadsCallback {
    // The Android bridge passes the array as a JSON string.
    let list = match cb.uploads.take() {
        Value::String(text) => serde_json::from_str(&text).unwrap_or(Value::Null),
        other => other,
    };
    let kept: Vec<Value> = list
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .filter_map(upload)
        .take(MAX_UPLOADS_PER_CALLBACK)
        .collect();
    cb.uploads = Value::Array(kept);
    if let Some(user) = &mut cb.user_id {
        cut(user, MAX_ID_CHARS);
    }
    cb
}

/// One upload as Smile's `Upload` names it: `id`, `type` and the first raw file's `name`
/// (older samples say `fileName`).
fn upload(upload: &Value) -> Option<Value> {
    let id = upload.get("id")?.as_str()?;
    if id.is_empty() || id.chars().count() > MAX_ID_CHARS {
        return None;
    }
    let mut kept = Map::new();
    kept.insert("id".into(), id.into());
    let text = |pointers: &[&str]| {
        pointers.iter().find_map(|p| {
            upload
                .pointer(p)
                .and_then(Value::as_str)
                .map(|s| s.chars().take(MAX_TEXT_CHARS).collect::<String>())
        })
    };
    if let Some(kind) = text(&["/type"]) {
        kept.insert("type".into(), kind.into());
    }
    if let Some(name) = text(&[
        "/rawFiles/0/name",
        "/fileName",
        "/name",
        "/files/0/fileName",
    ]) {
        kept.insert("fileName".into(), name.into());
    }
    Some(Value::Object(kept))
}

fn cut(text: &mut String, max_chars: usize) {
    if let Some((at, _)) = text.char_indices().nth(max_chars) {
        text.truncate(at);
    }
}

/// Stores the (normalised) callback for the timeline, unless the applicant has already
/// stored their hourly budget of callbacks: then 429 with `Retry-After`, nothing stored.
pub async fn record(
    state: &AppState,
    applicant_id: &str,
    event: &LinkEvent,
    account_id: Option<&str>,
    confirmed_by_smile: bool,
) -> Result<(), Error> {
    let payload = serde_json::to_string(event).unwrap_or_default();
    let hour = std::time::Duration::from_secs(3600);
    let stored = link_events::record_within_budget(
        state.db(),
        link_events::NewLinkEvent {
            applicant_id,
            callback: Callback::of(event),
            account_id,
            verified: confirmed_by_smile,
            payload: &payload,
        },
        hour,
        state.link_events_per_hour(),
    )
    .await?;
    match stored {
        link_events::Budget::Stored => Ok(()),
        link_events::Budget::Spent { frees_in } => {
            tracing::warn!("widget callbacks over the hourly budget: refused");
            Err(Error::TooManyRequests(frees_in.as_secs().max(1)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn event(value: Value) -> LinkEvent {
        serde_json::from_value(value).unwrap()
    }

    #[test]
    fn uploads_keep_only_bounded_documented_fields() {
        let many: Vec<Value> = (0..500)
            .map(|i| {
                json!({"id": format!("u-{i}"), "type": "PAYSLIP", "secret": "x".repeat(1000),
                             "rawFiles": [{"name": "payslip.pdf", "url": "https://x"}]})
            })
            .collect();
        let normalised = normalise(event(json!({
            "callback": "onUploadsCreated",
            "payload": {"uploads": many, "userId": "tenant-1", "extra": 1}
        })));
        let LinkEvent::UploadsCreated(cb) = &normalised else {
            panic!("the variant changed")
        };
        let list = cb.uploads.as_array().unwrap();
        assert_eq!(list.len(), MAX_UPLOADS_PER_CALLBACK);
        assert_eq!(
            list[0],
            json!({"id": "u-0", "type": "PAYSLIP", "fileName": "payslip.pdf"})
        );
        let stored = serde_json::to_string(&normalised).unwrap();
        assert!(stored.len() < 2_000, "{} bytes", stored.len());
        assert!(!stored.contains("secret") && !stored.contains("extra"));
    }

    #[test]
    fn a_string_array_from_the_android_bridge_is_read_and_junk_dropped() {
        let normalised = normalise(event(json!({
            "callback": "onUploadsRemoved",
            "payload": {"uploads": "[{\"id\":\"u-1\"},{\"noid\":true},7]"}
        })));
        let LinkEvent::UploadsRemoved(cb) = normalised else {
            panic!("the variant changed")
        };
        assert_eq!(cb.uploads, json!([{"id": "u-1"}]));
    }

    #[test]
    fn ui_event_times_are_kept_only_when_small() {
        let big = normalise(event(json!({
            "callback": "onUIEvent",
            "payload": {"eventName": "LoginPageOpened", "eventTime": {"nested": ["x"]}}
        })));
        let LinkEvent::UiEvent(ui) = big else {
            panic!("the variant changed")
        };
        assert_eq!(ui.event_time, None);
    }
}
