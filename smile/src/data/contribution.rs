//! `Contribution` (`con-…`): a social-security contribution.

use serde::{Deserialize, Serialize};

use super::ItemMetadata;
use crate::common::Date;

/// One social-security contribution. `date` is the end of the month when the exact day is
/// unknown.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Contribution {
    /// Contribution id.
    pub id: String,
    /// Date of the contribution.
    pub date: Date,
    /// ISO 4217 currency.
    pub currency: String,
    /// Amount.
    pub amount: f64,
    /// The provider's reference.
    #[serde(default)]
    pub reference_id: Option<String>,
    /// Source of the item (absent in payload bundles).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<ItemMetadata>,
}
