//! The Wink widget (`SmileLinkModal`): its options and the payloads of its callbacks,
//! shared by the front end (wasm) and the emulator's stand-in widget.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

use crate::common::Mode;
use crate::error_code::AccountErrorCode;

/// Options for `new SmileLinkModal({...})`, callbacks excluded. `None` fields are left out
/// so the widget's own defaults apply. `Debug` hides the token.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WidgetOptions {
    /// Link token from `POST /users` or `POST /tokens`.
    pub user_token: String,
    /// Wink Template (`wtpl-…`) made in Smile's portal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template_id: Option<String>,
    /// Legacy Link API host; not needed since 2024.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_host: Option<String>,
    /// Provider ids pinned to the top of the list (at most 10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub top_providers: Option<Vec<String>>,
    /// Only these providers; exactly one skips the list and opens its login.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub providers: Option<Vec<String>>,
    /// Show the provider search bar (widget default `true`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_search_bar: Option<bool>,
    /// Show the provider-type bar (widget default `true`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_type_bar: Option<bool>,
    /// Offer document upload (widget default `false`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_upload: Option<bool>,
    /// Name shown on the consent and login screens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company_name: Option<String>,
    /// With a single provider, `false` skips the consent page (widget default `true`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_consent_page: Option<bool>,
}

impl fmt::Debug for WidgetOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WidgetOptions")
            .field("user_token", &"[REDACTED]")
            .field("template_id", &self.template_id)
            .field("api_host", &self.api_host)
            .field("top_providers", &self.top_providers)
            .field("providers", &self.providers)
            .field("enable_search_bar", &self.enable_search_bar)
            .field("enable_type_bar", &self.enable_type_bar)
            .field("enable_upload", &self.enable_upload)
            .field("company_name", &self.company_name)
            .field("enable_consent_page", &self.enable_consent_page)
            .finish()
    }
}

/// Argument of `onAccountCreated`, `onAccountConnected` and `onAccountRemoved`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccountCallback {
    /// The account (`a-…`).
    pub account_id: String,
    /// The Smile user.
    pub user_id: String,
    /// The provider.
    pub provider_id: String,
}

/// Argument of `onAccountError`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccountErrorCallback {
    /// The account (`a-…`).
    pub account_id: String,
    /// The Smile user.
    pub user_id: String,
    /// The provider.
    pub provider_id: String,
    /// Why linking failed.
    #[serde(default)]
    pub error_code: Option<AccountErrorCode>,
}

/// Argument of `onUploadsCreated` and `onUploadsRemoved`. Smile documents `uploads` only as
/// "contains upload array" (the Android bridge passes a string), so it stays JSON.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UploadsCallback {
    /// What was uploaded or removed.
    #[serde(default)]
    pub uploads: serde_json::Value,
    /// The Smile user.
    #[serde(default)]
    pub user_id: Option<String>,
}

wire_enum! {
    /// Why the widget closed.
    pub enum CloseReason {
        /// The X icon.
        Close = "close",
        /// Done on the success screen.
        Exit = "exit",
        /// Exit on the error screen.
        Error = "error",
    }
}

/// Argument of `onClose`. Smile's samples pass `{reason}`, its reference text a bare
/// reason, old samples nothing: all three are accepted; `{reason}` is emitted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct CloseEvent {
    /// Why the widget closed, when said.
    pub reason: Option<CloseReason>,
}

impl<'de> Deserialize<'de> for CloseEvent {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Wire {
            Object {
                #[serde(default)]
                reason: Option<CloseReason>,
            },
            Bare(CloseReason),
        }
        Ok(match Option::<Wire>::deserialize(deserializer)? {
            Some(Wire::Object { reason }) => CloseEvent { reason },
            Some(Wire::Bare(reason)) => CloseEvent {
                reason: Some(reason),
            },
            None => CloseEvent::default(),
        })
    }
}

wire_enum! {
    /// Screen names of `onUIEvent`.
    pub enum UiEventName {
        ConsentPageOpened = "ConsentPageOpened",
        ProviderListPageOpened = "ProviderListPageOpened",
        LoginPageOpened = "LoginPageOpened",
        MfaPageOpened = "MfaPageOpened",
        ConnectSuccessPageOpened = "ConnectSuccessPageOpened",
        AccountRevokePageOpened = "AccountRevokePageOpened",
        LoginOptionsPageOpened = "LoginOptionsPageOpened",
        EmployerSurveyPageOpened = "EmployerSurveyPageOpened",
        FileTypeListPageOpened = "FileTypeListPageOpened",
        FileTypePageOpened = "FileTypePageOpened",
        ArchiveSuccessPageOpened = "ArchiveSuccessPageOpened",
        RevokeArchivePageOpened = "RevokeArchivePageOpened",
    }
}

/// Argument of `onUIEvent`: a widget screen was shown.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UiEvent {
    /// The screen.
    pub event_name: UiEventName,
    /// When (format undocumented, kept as sent).
    #[serde(default)]
    pub event_time: Option<serde_json::Value>,
    /// Sandbox or production.
    #[serde(default)]
    pub mode: Option<Mode>,
    /// The Smile user.
    #[serde(default)]
    pub user_id: Option<String>,
    /// The account concerned, if any.
    #[serde(default)]
    pub account: Option<UiAccount>,
    /// The archive concerned, if any.
    #[serde(default)]
    pub archive: Option<UiArchive>,
}

/// `UiEvent.account`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UiAccount {
    /// The provider.
    #[serde(default)]
    pub provider_id: Option<String>,
    /// The account.
    #[serde(default)]
    pub account_id: Option<String>,
}

/// `UiEvent.archive`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UiArchive {
    /// The file type being uploaded.
    #[serde(default)]
    pub file_type: Option<String>,
}

/// Any widget callback with its argument, as `{"callback": "onAccountError", "payload": {…}}`
/// — handy to forward callbacks from the page to a server or to script the emulator.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "callback", content = "payload")]
pub enum WidgetEvent {
    /// Linking started.
    #[serde(rename = "onAccountCreated")]
    AccountCreated(AccountCallback),
    /// Linking succeeded.
    #[serde(rename = "onAccountConnected")]
    AccountConnected(AccountCallback),
    /// The user revoked an account in the widget.
    #[serde(rename = "onAccountRemoved")]
    AccountRemoved(AccountCallback),
    /// Linking failed.
    #[serde(rename = "onAccountError")]
    AccountError(AccountErrorCallback),
    /// The link token expired: fetch a new one and reopen.
    #[serde(rename = "onTokenExpired")]
    TokenExpired,
    /// The widget closed.
    #[serde(rename = "onClose")]
    Close(CloseEvent),
    /// Documents were uploaded.
    #[serde(rename = "onUploadsCreated")]
    UploadsCreated(UploadsCallback),
    /// Documents were removed.
    #[serde(rename = "onUploadsRemoved")]
    UploadsRemoved(UploadsCallback),
    /// A screen was shown.
    #[serde(rename = "onUIEvent")]
    UiEvent(UiEvent),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_event_accepts_all_three_forms() {
        let object: CloseEvent = serde_json::from_str(r#"{"reason":"exit"}"#).unwrap();
        let bare: CloseEvent = serde_json::from_str(r#""exit""#).unwrap();
        let nothing: CloseEvent = serde_json::from_str("null").unwrap();
        assert_eq!(object.reason, Some(CloseReason::Exit));
        assert_eq!(bare, object);
        assert_eq!(nothing.reason, None);
        assert_eq!(
            serde_json::to_string(&object).unwrap(),
            r#"{"reason":"exit"}"#
        );
    }

    #[test]
    fn widget_events_round_trip() {
        let events = [
            r#"{"callback":"onAccountError","payload":{"accountId":"a-1","userId":"t-1","providerId":"sss_ph","errorCode":"INVALID_CREDENTIALS"}}"#,
            r#"{"callback":"onTokenExpired"}"#,
            r#"{"callback":"onClose","payload":{"reason":"close"}}"#,
            r#"{"callback":"onUploadsCreated","payload":{"uploads":[{"id":"archive-1"}],"userId":"t-1"}}"#,
        ];
        for text in events {
            let event: WidgetEvent = serde_json::from_str(text).unwrap();
            assert_eq!(serde_json::to_string(&event).unwrap(), text);
        }
        let error: WidgetEvent = serde_json::from_str(events[0]).unwrap();
        assert!(matches!(
            error,
            WidgetEvent::AccountError(AccountErrorCallback {
                error_code: Some(AccountErrorCode::InvalidCredentials),
                ..
            })
        ));
    }

    #[test]
    fn options_skip_unset_fields_and_hide_token() {
        let options = WidgetOptions {
            user_token: "tok-secret".into(),
            providers: Some(vec!["sss_ph".into()]),
            ..WidgetOptions::default()
        };
        assert_eq!(
            serde_json::to_string(&options).unwrap(),
            r#"{"userToken":"tok-secret","providers":["sss_ph"]}"#
        );
        assert!(!format!("{options:?}").contains("tok-secret"));
    }
}
