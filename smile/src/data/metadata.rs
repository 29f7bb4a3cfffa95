//! `metadata` on every stored data item (`ObjectReferenceMetadata`).

use serde::{Deserialize, Serialize};

use crate::common::{DateTime, SourceType};

/// Where a data item came from and when.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ItemMetadata {
    /// When the source (account or archive) record was created.
    pub created_at: DateTime,
    /// When this item was created (required by the spec, missing from most examples).
    #[serde(default)]
    pub item_created_at: Option<DateTime>,
    /// Deprecated alias of `source_id` for account data; omitted when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_id: Option<String>,
    /// The account (`a-…`) or archive id.
    pub source_id: String,
    /// `ACCOUNT`, `ARCHIVE`, …
    #[serde(default)]
    pub source_type: Option<SourceType>,
    /// The owning Smile user.
    pub user_id: String,
    /// The provider; `user-provided` / `tenant-provided` for uploads.
    pub provider_id: String,
}
