//! Payload bundles: every data point of a source at once (`AllDatapointPayload`,
//! `AccountPayload`, `UserPayload`), as in `TASK_FINISHED` webhooks with `includePayload`.

use serde::{Deserialize, Serialize};

use super::{
    Contribution, Document, Eincome, Employment, Identity, Income, Insight, Liability, Link,
    Rating, Transaction,
};
use crate::common::SourceType;
use crate::envelope::Page;
use crate::user::UserSession;

/// All data points of one source; lists are pages of at most 300 items in webhooks.
/// Items here carry no `metadata`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AllDatapointPayload {
    /// Identity.
    #[serde(default)]
    pub identity: Option<Identity>,
    /// Rating.
    #[serde(default)]
    pub rating: Option<Rating>,
    /// Documents.
    #[serde(default)]
    pub documents: Option<Page<Document>>,
    /// Incomes.
    #[serde(default)]
    pub incomes: Option<Page<Income>>,
    /// Transactions.
    #[serde(default)]
    pub transactions: Option<Page<Transaction>>,
    /// Employments.
    #[serde(default)]
    pub employments: Option<Page<Employment>>,
    /// Contributions.
    #[serde(default)]
    pub contributions: Option<Page<Contribution>>,
    /// Liabilities.
    #[serde(default)]
    pub liabilities: Option<Page<Liability>>,
    /// Estimated incomes.
    #[serde(default)]
    pub eincomes: Option<Page<Eincome>>,
    /// Links.
    #[serde(default)]
    pub links: Option<Page<Link>>,
    /// Insight.
    #[serde(default)]
    pub insight: Option<Insight>,
}

/// `GET /accounts/{id}/payload`: like [`AllDatapointPayload`] but with plain arrays.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccountPayload {
    /// Where the data came from.
    pub metadata: PayloadMetadata,
    /// Identity.
    #[serde(default)]
    pub identity: Option<Identity>,
    /// Rating.
    #[serde(default)]
    pub rating: Option<Rating>,
    /// Documents.
    #[serde(default)]
    pub documents: Option<Vec<Document>>,
    /// Incomes.
    #[serde(default)]
    pub incomes: Option<Vec<Income>>,
    /// Transactions.
    #[serde(default)]
    pub transactions: Option<Vec<Transaction>>,
    /// Employments.
    #[serde(default)]
    pub employments: Option<Vec<Employment>>,
    /// Contributions.
    #[serde(default)]
    pub contributions: Option<Vec<Contribution>>,
    /// Liabilities.
    #[serde(default)]
    pub liabilities: Option<Vec<Liability>>,
    /// Estimated incomes.
    #[serde(default)]
    pub eincomes: Option<Vec<Eincome>>,
    /// Links.
    #[serde(default)]
    pub links: Option<Vec<Link>>,
    /// Insight.
    #[serde(default)]
    pub insight: Option<Insight>,
}

/// `AccountPayload.metadata` (`ObjectReferenceMetadata2`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PayloadMetadata {
    /// The account or archive id.
    pub source_id: String,
    /// Kind of source.
    #[serde(default)]
    pub source_type: Option<SourceType>,
    /// The owning user.
    pub user_id: String,
    /// The provider.
    pub provider_id: String,
}

/// A user's whole session (`UserPayload`): forms, accounts and archives with their data.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserPayload {
    /// The session.
    #[serde(default)]
    pub metadata: Option<UserSession>,
    /// Submitted forms.
    #[serde(default, deserialize_with = "crate::common::null_as_empty")]
    pub forms: Vec<UserPayloadForm>,
    /// Linked accounts.
    #[serde(default, deserialize_with = "crate::common::null_as_empty")]
    pub accounts: Vec<UserPayloadAccount>,
    /// Uploaded archives.
    #[serde(default, deserialize_with = "crate::common::null_as_empty")]
    pub archives: Vec<UserPayloadArchive>,
}

/// A form in a [`UserPayload`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserPayloadForm {
    /// Form id.
    pub id: String,
    /// Form name.
    #[serde(default)]
    pub name: Option<String>,
    /// Submitted fields.
    #[serde(default)]
    pub data: serde_json::Map<String, serde_json::Value>,
}

/// An account in a [`UserPayload`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserPayloadAccount {
    /// Account id.
    pub id: String,
    /// Provider id.
    pub provider_id: String,
    /// The account's data.
    #[serde(default)]
    pub payload: Option<AllDatapointPayload>,
}

/// An archive in a [`UserPayload`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserPayloadArchive {
    /// Archive id.
    pub id: String,
    /// File type (free text, e.g. `payslip`).
    #[serde(default)]
    pub file_type: Option<String>,
    /// The archive's data.
    #[serde(default)]
    pub payload: Option<AllDatapointPayload>,
}
