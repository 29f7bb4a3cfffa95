//! The typed `data` of each webhook event type.

use serde::{Deserialize, Serialize};

use crate::account::MonitorStatus;
use crate::common::{Datapoint, DateTime, SourceType, TaskType};
use crate::data::{AllDatapointPayload, UserPayload};
use crate::error_code::AccountErrorCode;
use crate::user::UserSession;

/// `USER_CREATED`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserCreatedData {
    /// The new user.
    pub user_id: String,
    /// The user's session, when Smile includes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<UserSession>,
}

/// `ACCOUNT_CREATED`, `ACCOUNT_DISCONNECTED`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccountData {
    /// The user.
    pub user_id: String,
    /// The account.
    pub account_id: String,
    /// The account's provider(s).
    #[serde(default, deserialize_with = "crate::common::null_as_empty")]
    pub providers: Vec<String>,
}

/// `ACCOUNT_CONNECTED`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccountConnectedData {
    /// The user.
    pub user_id: String,
    /// The account.
    pub account_id: String,
    /// The login name the user typed (treat as personal data).
    #[serde(default)]
    pub login_name: Option<String>,
    /// The account's provider(s).
    #[serde(default, deserialize_with = "crate::common::null_as_empty")]
    pub providers: Vec<String>,
}

/// `ACCOUNT_FAILED`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccountFailedData {
    /// The user.
    pub user_id: String,
    /// The account.
    pub account_id: String,
    /// The login name the user typed (treat as personal data).
    #[serde(default)]
    pub login_name: Option<String>,
    /// Why linking failed.
    pub error_code: AccountErrorCode,
    /// Message, e.g. "Invalid username or password!".
    #[serde(default)]
    pub error_message: Option<String>,
    /// The account's provider(s).
    #[serde(default, deserialize_with = "crate::common::null_as_empty")]
    pub providers: Vec<String>,
}

wire_enum! {
    /// Outcome of a finished task (webhook form; `GET /tasks` uses [`crate::TaskStatus`]).
    pub enum TaskOutcome {
        Succeeded = "SUCCEEDED",
        Failed = "FAILED",
    }
}

/// `TASK_STARTED`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskStartedData {
    /// The user.
    pub user_id: String,
    /// The account or archive.
    pub source_id: String,
    /// Kind of source.
    #[serde(default)]
    pub source_type: Option<SourceType>,
    /// Kind of task.
    pub task_type: TaskType,
    /// The source's provider(s).
    #[serde(default, deserialize_with = "crate::common::null_as_empty")]
    pub providers: Vec<String>,
}

/// `TASK_FINISHED`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskFinishedData {
    /// The user.
    pub user_id: String,
    /// The account or archive.
    pub source_id: String,
    /// Kind of source.
    #[serde(default)]
    pub source_type: Option<SourceType>,
    /// Kind of task.
    #[serde(default)]
    pub task_type: Option<TaskType>,
    /// Succeeded or failed.
    #[serde(default)]
    pub status: Option<TaskOutcome>,
    /// Set when the task failed.
    #[serde(default)]
    pub error_code: Option<String>,
    /// The source's provider(s).
    #[serde(default, deserialize_with = "crate::common::null_as_empty")]
    pub providers: Vec<String>,
    /// Data points saved (`dataPoints` accepted on input).
    #[serde(
        default,
        alias = "dataPoints",
        deserialize_with = "crate::common::null_as_empty"
    )]
    pub datapoints: Vec<Datapoint>,
    /// All data, when the webhook has `includePayload`.
    #[serde(default)]
    pub payload: Option<AllDatapointPayload>,
}

/// `ACCOUNT_SYNC_TASK_FINISHED` (a Continuous Data Sync refresh).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccountSyncTaskFinishedData {
    /// The user.
    pub user_id: String,
    /// The account.
    pub source_id: String,
    /// Kind of source.
    #[serde(default)]
    pub source_type: Option<SourceType>,
    /// The account's provider(s).
    #[serde(default, deserialize_with = "crate::common::null_as_empty")]
    pub providers: Vec<String>,
    /// Succeeded or failed.
    #[serde(default)]
    pub status: Option<TaskOutcome>,
    /// CDS status after the refresh.
    #[serde(default)]
    pub monitor_status: Option<MonitorStatus>,
    /// Data points saved (`dataPoints` in Smile's Accounts doc; accepted on input).
    #[serde(
        default,
        alias = "dataPoints",
        deserialize_with = "crate::common::null_as_empty"
    )]
    pub datapoints: Vec<Datapoint>,
    /// All data, when the webhook has `includePayload`.
    #[serde(default)]
    pub payload: Option<AllDatapointPayload>,
}

/// `ARCHIVE_STARTED`, `ARCHIVE_ANALYZED`, `ARCHIVE_REVOKED`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ArchiveData {
    /// The user.
    pub user_id: String,
    /// The archive.
    pub archive_id: String,
}

/// `ARCHIVE_FAILED`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ArchiveFailedData {
    /// The user.
    pub user_id: String,
    /// The archive.
    pub archive_id: String,
    /// Error code, e.g. `FILE_UNABLE_TO_RECOGNIZE` (an open set).
    pub error_code: String,
    /// Error message.
    #[serde(default)]
    pub error_message: Option<String>,
}

/// `INVITE_INVITED`, `INVITE_LINKED`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InviteData {
    /// The invited user.
    pub user_id: String,
    /// The invite.
    pub invite_id: String,
}

/// `IDENTITY_ADDED`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IdentityAddedData {
    /// The user.
    pub user_id: String,
    /// The account.
    pub account_id: String,
    /// The new identity.
    pub identity_id: String,
    /// The account's provider(s).
    #[serde(default, deserialize_with = "crate::common::null_as_empty")]
    pub providers: Vec<String>,
}

/// `RATING_ADDED`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RatingAddedData {
    /// The user.
    pub user_id: String,
    /// The account.
    pub account_id: String,
    /// The new rating.
    pub rating_id: String,
    /// The account's provider(s).
    #[serde(default, deserialize_with = "crate::common::null_as_empty")]
    pub providers: Vec<String>,
}

/// `TRANSACTIONS_ADDED`, `DOCUMENTS_ADDED`, `EMPLOYMENTS_ADDED`, `INCOMES_ADDED`,
/// `CONTRIBUTIONS_ADDED`, `EINCOMES_ADDED`, `LIABILITIES_ADDED`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ItemsAddedData {
    /// The user.
    pub user_id: String,
    /// The account.
    pub account_id: String,
    /// How many items were stored.
    #[serde(default, deserialize_with = "crate::common::whole_number")]
    pub count: u64,
    /// The account's provider(s).
    #[serde(default, deserialize_with = "crate::common::null_as_empty")]
    pub providers: Vec<String>,
}

/// `DOCUMENTS_UPDATED`, `EMPLOYMENTS_UPDATED`, `LIABILITIES_UPDATED` (CDS).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ItemsUpdatedData {
    /// The user.
    pub user_id: String,
    /// The account.
    pub account_id: String,
    /// The account's provider(s).
    #[serde(default, deserialize_with = "crate::common::null_as_empty")]
    pub providers: Vec<String>,
    /// Ids of the changed rows.
    #[serde(default, deserialize_with = "crate::common::null_as_empty")]
    pub updated_ids: Vec<String>,
    /// How many rows changed.
    #[serde(default, deserialize_with = "crate::common::whole_number")]
    pub count: u64,
    /// When.
    pub updated_at: DateTime,
}

/// `INCOMES_UPDATED`, `CONTRIBUTIONS_UPDATED`, `EINCOMES_UPDATED` (CDS).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PeriodUpdatedData {
    /// The user.
    pub user_id: String,
    /// The account.
    pub account_id: String,
    /// The account's provider(s).
    #[serde(default, deserialize_with = "crate::common::null_as_empty")]
    pub providers: Vec<String>,
    /// How many rows changed.
    #[serde(default, deserialize_with = "crate::common::whole_number")]
    pub count: u64,
    /// Start of the changed range.
    pub updated_from: DateTime,
    /// End of the changed range.
    pub updated_to: DateTime,
    /// When.
    pub updated_at: DateTime,
}

/// `INSIGHT_ADDED`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InsightAddedData {
    /// The user.
    pub user_id: String,
    /// The account.
    pub account_id: String,
    /// The insight (`insight-…`).
    pub id: String,
    /// The account's provider(s).
    #[serde(default, deserialize_with = "crate::common::null_as_empty")]
    pub providers: Vec<String>,
}

/// `LINK_ADDED`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LinkAddedData {
    /// The user.
    pub user_id: String,
    /// The account.
    pub account_id: String,
    /// The link (`link-…`). The spec's example calls it `ratingId`; accepted on input.
    #[serde(alias = "ratingId")]
    pub id: String,
    /// The account's provider(s).
    #[serde(default, deserialize_with = "crate::common::null_as_empty")]
    pub providers: Vec<String>,
}

/// `VERIFICATION_STARTED` and `VERIFICATION_COMPLETED` (one shape: the spec's
/// `VERIFICATION_COMPLETED` example is labelled `VERIFICATION_STARTED`). The result stays
/// JSON; verifications are an alpha product Wink does not use.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VerificationData {
    /// The verification (`ver-…`).
    pub verification_id: String,
    /// Result code (completed only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result_code: Option<String>,
    /// Result message (completed only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result_message: Option<String>,
    /// Result details (completed only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<serde_json::Value>,
}

wire_enum! {
    /// Kind of record (`RecordType`).
    pub enum RecordType {
        SocialSecurity = "SOCIAL_SECURITY",
    }
}

wire_enum! {
    /// State of a completed record.
    pub enum RecordStatus {
        Completed = "COMPLETED",
        Error = "ERROR",
    }
}

/// `RECORD_CREATED`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordCreatedData {
    /// The record (`ss-…`).
    pub record_id: String,
    /// Kind of record.
    pub record_type: RecordType,
}

/// `RECORD_COMPLETED`. The record itself (`payload`, a social-security record) stays JSON.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordCompletedData {
    /// The record.
    pub record_id: String,
    /// Kind of record.
    pub record_type: RecordType,
    /// Completed or error.
    #[serde(default)]
    pub status: Option<RecordStatus>,
    /// e.g. `SUCCESS`, `NO_DATA`.
    #[serde(default)]
    pub result_code: Option<String>,
    /// Explanation.
    #[serde(default)]
    pub result_message: Option<String>,
    /// The record.
    #[serde(default)]
    pub payload: Option<serde_json::Value>,
}

/// `USER_SESSION_COMPLETED`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserSessionCompletedData {
    /// The session.
    pub session: UserSession,
    /// Everything collected in it.
    #[serde(default)]
    pub payload: UserPayload,
}

/// `USER_SESSION_RESET`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserSessionResetData {
    /// The session.
    pub session: UserSession,
}
