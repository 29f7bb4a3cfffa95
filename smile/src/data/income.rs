//! `Income` (`inc-…`): a pay period's amounts.

use serde::{Deserialize, Serialize};

use super::ItemMetadata;
use crate::common::{Date, PayPeriod};

/// Income for one period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Income {
    /// Income id.
    pub id: String,
    /// Work performed (contract or freelance work).
    #[serde(default)]
    pub work_item: Option<String>,
    /// Employer name.
    #[serde(default)]
    pub employer: Option<String>,
    /// Period start.
    pub start_date: Date,
    /// Period end.
    #[serde(default)]
    pub end_date: Option<Date>,
    /// ISO 4217 currency.
    pub currency: String,
    /// Pay period.
    #[serde(default)]
    pub frequency: Option<PayPeriod>,
    /// Base amount.
    #[serde(default)]
    pub base_amount: Option<f64>,
    /// Gross amount.
    #[serde(default)]
    pub gross_amount: Option<f64>,
    /// Net amount.
    #[serde(default)]
    pub net_amount: Option<f64>,
    /// Payment method, e.g. "Bank". Not in the schema but in Smile's examples; kept when sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_method: Option<String>,
    /// Source of the item (absent in payload bundles).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<ItemMetadata>,
}
