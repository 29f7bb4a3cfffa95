//! The widget's callbacks by name, and their payloads read into typed [`WidgetEvent`]s.
//! Pure Rust (JSON in, typed value out) so every shape is unit-tested without a browser.

use serde::de::DeserializeOwned;
use serde_json::Value;
use smile_api::widget::{
    AccountCallback, AccountErrorCallback, CloseEvent, UiEvent, UploadsCallback, WidgetEvent,
};

/// Every callback `SmileLinkModal` accepts. The bridge attaches one Rust closure to each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Callback {
    AccountCreated,
    AccountConnected,
    AccountRemoved,
    AccountError,
    TokenExpired,
    Close,
    UploadsCreated,
    UploadsRemoved,
    UiEvent,
}

impl Callback {
    pub const ALL: [Callback; 9] = [
        Callback::AccountCreated,
        Callback::AccountConnected,
        Callback::AccountRemoved,
        Callback::AccountError,
        Callback::TokenExpired,
        Callback::Close,
        Callback::UploadsCreated,
        Callback::UploadsRemoved,
        Callback::UiEvent,
    ];

    /// The option name in `new SmileLinkModal({...})`.
    pub fn js_name(self) -> &'static str {
        match self {
            Callback::AccountCreated => "onAccountCreated",
            Callback::AccountConnected => "onAccountConnected",
            Callback::AccountRemoved => "onAccountRemoved",
            Callback::AccountError => "onAccountError",
            Callback::TokenExpired => "onTokenExpired",
            Callback::Close => "onClose",
            Callback::UploadsCreated => "onUploadsCreated",
            Callback::UploadsRemoved => "onUploadsRemoved",
            Callback::UiEvent => "onUIEvent",
        }
    }
}

/// A callback fired with an argument we could not read. Reported to the page (which logs it
/// and re-reads the account list from the server) instead of panicking inside a JS call.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("The widget's {callback} payload could not be read: {reason}")]
pub struct UnreadablePayload {
    pub callback: &'static str,
    pub reason: String,
}

/// What the bridge hands the page for each callback, in the order the widget fired them.
pub type Received = Result<WidgetEvent, UnreadablePayload>;

/// Reads one callback's argument (already converted from JS; `undefined` arrives as `null`).
pub fn read_payload(callback: Callback, mut payload: Value) -> Received {
    if matches!(
        callback,
        Callback::AccountCreated
            | Callback::AccountConnected
            | Callback::AccountRemoved
            | Callback::AccountError
    ) {
        fill_missing_ids(&mut payload);
    }
    fn typed<T: DeserializeOwned>(
        callback: Callback,
        payload: Value,
    ) -> Result<T, UnreadablePayload> {
        serde_json::from_value(payload).map_err(|e| UnreadablePayload {
            callback: callback.js_name(),
            reason: e.to_string(),
        })
    }
    Ok(match callback {
        Callback::AccountCreated => {
            WidgetEvent::AccountCreated(typed::<AccountCallback>(callback, payload)?)
        }
        Callback::AccountConnected => WidgetEvent::AccountConnected(typed(callback, payload)?),
        Callback::AccountRemoved => WidgetEvent::AccountRemoved(typed(callback, payload)?),
        Callback::AccountError => {
            WidgetEvent::AccountError(typed::<AccountErrorCallback>(callback, payload)?)
        }
        // Its argument (an undocumented `updateToken` in 2021 samples) is not used.
        Callback::TokenExpired => WidgetEvent::TokenExpired,
        Callback::Close => WidgetEvent::Close(typed::<CloseEvent>(callback, payload)?),
        Callback::UploadsCreated => {
            WidgetEvent::UploadsCreated(typed::<UploadsCallback>(callback, payload)?)
        }
        Callback::UploadsRemoved => WidgetEvent::UploadsRemoved(typed(callback, payload)?),
        Callback::UiEvent => WidgetEvent::UiEvent(typed::<UiEvent>(callback, payload)?),
    })
}

/// A login can fail before the account exists (Smile's stand-in then sends
/// `accountId: null`). The provider is known and the event matters to the applicant, so a
/// missing id becomes `""` rather than making the whole payload unreadable; the server
/// cannot verify such an id and records the event as unverified.
fn fill_missing_ids(payload: &mut Value) {
    let Some(object) = payload.as_object_mut() else {
        return;
    };
    for key in ["accountId", "userId"] {
        let entry = object.entry(key).or_insert(Value::Null);
        if entry.is_null() {
            *entry = Value::String(String::new());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use smile_api::widget::{CloseReason, UiEventName};
    use smile_api::AccountErrorCode;

    fn account() -> Value {
        json!({"accountId": "acc-1", "userId": "u-1", "providerId": "sss_ph"})
    }

    #[test]
    fn js_names_are_the_widgets_option_names_and_match_the_wire_tags() {
        for callback in Callback::ALL {
            let name = callback.js_name();
            assert!(name.starts_with("on"));
            let payload = match callback {
                Callback::AccountError => {
                    json!({"accountId": "acc-1", "userId": "u-1", "providerId": "p", "errorCode": null})
                }
                Callback::Close | Callback::TokenExpired => Value::Null,
                Callback::UploadsCreated | Callback::UploadsRemoved => json!({"uploads": []}),
                Callback::UiEvent => json!({"eventName": "LoginPageOpened"}),
                _ => account(),
            };
            let event = read_payload(callback, payload).unwrap();
            let wire = serde_json::to_value(&event).unwrap();
            assert_eq!(wire["callback"], name, "{callback:?}");
        }
    }

    #[test]
    fn account_callbacks_become_their_own_variants() {
        let expected = AccountCallback {
            account_id: "acc-1".into(),
            user_id: "u-1".into(),
            provider_id: "sss_ph".into(),
        };
        assert_eq!(
            read_payload(Callback::AccountConnected, account()),
            Ok(WidgetEvent::AccountConnected(expected.clone()))
        );
        assert_eq!(
            read_payload(Callback::AccountRemoved, account()),
            Ok(WidgetEvent::AccountRemoved(expected))
        );
    }

    #[test]
    fn errors_keep_unknown_codes_and_tolerate_a_missing_code() {
        let mut payload = account();
        payload["errorCode"] = json!("SOMETHING_NEW");
        let Ok(WidgetEvent::AccountError(event)) = read_payload(Callback::AccountError, payload)
        else {
            panic!("not an account error");
        };
        assert_eq!(
            event.error_code,
            Some(AccountErrorCode::from("SOMETHING_NEW"))
        );

        let Ok(WidgetEvent::AccountError(event)) = read_payload(Callback::AccountError, account())
        else {
            panic!("not an account error");
        };
        assert_eq!(event.error_code, None);
    }

    #[test]
    fn close_accepts_an_object_a_bare_reason_or_nothing() {
        for (payload, reason) in [
            (json!({"reason": "exit"}), Some(CloseReason::Exit)),
            (json!("error"), Some(CloseReason::Error)),
            (Value::Null, None),
        ] {
            assert_eq!(
                read_payload(Callback::Close, payload),
                Ok(WidgetEvent::Close(CloseEvent { reason }))
            );
        }
    }

    #[test]
    fn ui_events_and_uploads_are_typed() {
        let Ok(WidgetEvent::UiEvent(ui)) = read_payload(
            Callback::UiEvent,
            json!({"eventName": "MfaPageOpened", "eventTime": 1764237600000u64,
                   "account": {"providerId": "upwork"}}),
        ) else {
            panic!("not a UI event");
        };
        assert_eq!(ui.event_name, UiEventName::MfaPageOpened);
        assert_eq!(
            ui.account.and_then(|a| a.provider_id).as_deref(),
            Some("upwork")
        );

        let Ok(WidgetEvent::UploadsCreated(uploads)) = read_payload(
            Callback::UploadsCreated,
            json!({"uploads": [{"id": "archive-1"}], "userId": "u-1"}),
        ) else {
            panic!("not uploads");
        };
        assert_eq!(uploads.uploads, json!([{"id": "archive-1"}]));
    }

    #[test]
    fn token_expiry_ignores_whatever_argument_it_gets() {
        assert_eq!(
            read_payload(Callback::TokenExpired, json!({"updateToken": "x"})),
            Ok(WidgetEvent::TokenExpired)
        );
    }

    #[test]
    fn an_error_before_the_account_exists_is_still_an_account_error() {
        let payload = json!({"accountId": null, "userId": "u-1", "providerId": "sss_ph",
                             "errorCode": "SYSTEM_ERROR"});
        let Ok(WidgetEvent::AccountError(event)) = read_payload(Callback::AccountError, payload)
        else {
            panic!("not an account error");
        };
        assert_eq!(event.account_id, "");
        assert_eq!(event.provider_id, "sss_ph");
        assert_eq!(event.error_code, Some(AccountErrorCode::SystemError));
    }

    #[test]
    fn unreadable_payloads_are_reported_with_the_callback_name() {
        let err = read_payload(Callback::AccountConnected, json!({"accountId": 7})).unwrap_err();
        assert_eq!(err.callback, "onAccountConnected");
        assert!(err.to_string().contains("onAccountConnected"));
        assert!(read_payload(Callback::AccountCreated, Value::Null).is_err());
        assert!(read_payload(Callback::UiEvent, json!({"eventName": 3})).is_err());
    }
}
