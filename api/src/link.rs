use serde::{Deserialize, Serialize};
use smile_api::widget::WidgetOptions;
use smile_api::wire_enum;
use smile_api::AccountErrorCode;

/// `GET /api/link/config`: everything the browser needs to open Smile's widget. The link
/// token is short-lived and user-scoped; Smile's key pair never leaves the server.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LinkConfig {
    /// Where to load `smile.v2.js` from (the emulator's stand-in, or Smile's).
    pub script_url: String,
    /// When `widget.user_token` stops working (RFC 3339).
    pub expires_at: String,
    /// The constructor options, callbacks excepted: `userToken`, `apiHost`, the lender's
    /// `providers`, `topProviders`, `companyName`, `enableUpload`, ...
    pub widget: WidgetOptions,
}

wire_enum! {
    #[wire_enum(closed)]
    /// One linked account's state, as the applicant's page shows it.
    pub enum LinkStatus {
        /// Created at Smile; the login (or MFA) is not finished.
        Connecting = "connecting",
        /// Smile confirmed the login; data retrieval has not started.
        Connected = "connected",
        /// Smile is retrieving data.
        Syncing = "syncing",
        /// Data has arrived.
        Ready = "ready",
        /// The login failed; `error_code` says why.
        Error = "error",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LinkedAccount {
    /// Smile's account id (`acc-...`).
    pub account_id: String,
    /// Smile's provider id, e.g. `sss_ph`.
    pub provider_id: String,
    /// The provider's display name when known, e.g. "Social Security System".
    pub provider_name: Option<String>,
    pub status: LinkStatus,
    pub error_code: Option<AccountErrorCode>,
    /// RFC 3339.
    pub updated_at: String,
}

/// `GET /api/link/accounts`, the answer to `POST /api/link/events` and the link stream's
/// `accounts` event: the applicant's accounts and uploaded documents.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LinkAccounts {
    pub accounts: Vec<LinkedAccount>,
    /// Uploads, newest first: Smile's archives, and the widget's reports Smile has not
    /// confirmed yet (`received`).
    #[serde(default)]
    pub documents: Vec<crate::document::LinkDocument>,
}

/// `POST /api/link/events` carries one widget callback as Smile's widget gave it:
/// `{"callback": "onAccountConnected", "payload": {...}}`.
pub use smile_api::widget::WidgetEvent as LinkEvent;
