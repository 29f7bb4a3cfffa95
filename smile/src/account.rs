//! Linked provider accounts (`Account`), their connection and monitoring (CDS) state.

use serde::{Deserialize, Serialize};

use crate::common::DateTime;
use crate::error_code::AccountErrorCode;

wire_enum! {
    /// Account connection status (`AccountConnectionStatus`).
    pub enum ConnectionStatus {
        /// Created; authentication still pending.
        Pending = "PENDING",
        /// Credentials accepted; waiting for the MFA code.
        AwaitingMfa = "AWAITING_MFA",
        /// The provider returned an error (see `connection.errorCode`).
        Error = "ERROR",
        /// Authenticated successfully.
        Connected = "CONNECTED",
        /// The user disconnected or revoked the account.
        Disconnected = "DISCONNECTED",
    }
}

wire_enum! {
    /// Continuous Data Sync status (`AccountMonitorStatus`).
    pub enum MonitorStatus {
        /// Syncing enabled and active.
        Active = "ACTIVE",
        /// The user must re-authorise.
        UserActionRequired = "USER_ACTION_REQUIRED",
        /// No syncing for this account.
        Unsupported = "UNSUPPORTED",
        /// The client disabled syncing.
        CustomerDisabled = "CUSTOMER_DISABLED",
    }
}

/// A user's login at one provider (`a-…`).
///
/// `connection_status` duplicates `connection.status` and `monitor_status` duplicates
/// `monitor.status`; both are on the wire and both are kept.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Account {
    /// Account id.
    pub id: String,
    /// When linking started.
    pub created_at: DateTime,
    /// The provider.
    pub provider_id: String,
    /// The owning Smile user.
    pub user_id: String,
    /// Same as `connection.status`.
    pub connection_status: ConnectionStatus,
    /// Connection details.
    pub connection: Connection,
    /// Same as `monitor.status`.
    pub monitor_status: MonitorStatus,
    /// CDS details.
    pub monitor: Monitor,
}

/// `Account.connection`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Connection {
    /// Connection status.
    pub status: ConnectionStatus,
    /// Why the connection failed; `None` when it did not.
    #[serde(default)]
    pub error_code: Option<AccountErrorCode>,
    /// The provider's or Smile's message for the error.
    #[serde(default)]
    pub error_message: Option<String>,
    /// When the status last changed.
    pub updated_at: DateTime,
}

/// `Account.monitor`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Monitor {
    /// CDS status. (`stust` is a typo in one spec example; accepted on input.)
    #[serde(alias = "stust")]
    pub status: MonitorStatus,
    /// When the status last changed.
    #[serde(default)]
    pub updated_at: Option<DateTime>,
}

impl Account {
    /// The error code when the connection failed.
    pub fn error_code(&self) -> Option<&AccountErrorCode> {
        self.connection.error_code.as_ref()
    }
}

wire_enum! {
    /// Format of an account export.
    pub enum ExportExtensionType {
        Pdf = "PDF",
        Csv = "CSV",
    }
}

/// `POST /accounts/{id}/exports/generate`: a downloadable export of an account's data.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccountExport {
    /// Export id (`export-…`).
    pub id: String,
    /// The exported account.
    pub account_id: String,
    /// Format.
    pub export_extension_type: ExportExtensionType,
    /// MD5 of the file, to detect changes.
    pub md5: String,
    /// Download URL (invalid after revocation or 60 days).
    pub download_url: String,
    /// Creation time.
    pub created_at: DateTime,
}
