//! `Eincome` (`einc-…`): Smile's estimated monthly income ("early access").

use serde::{Deserialize, Serialize};

use super::ItemMetadata;

/// Estimated income for one month.
///
/// `base_amount` is the deprecated name of `amount`; Smile's examples send either or both,
/// so both are kept and [`Eincome::value`] reads whichever is present.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Eincome {
    /// Estimated-income id.
    pub id: String,
    /// The month, `yyyy-MM`.
    pub month: String,
    /// ISO 4217 currency.
    pub currency: String,
    /// Deprecated alias of `amount`.
    #[serde(default)]
    pub base_amount: Option<f64>,
    /// The estimated amount.
    #[serde(default)]
    pub amount: Option<f64>,
    /// Source of the item (absent in payload bundles).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<ItemMetadata>,
}

impl Eincome {
    /// `amount`, falling back to the deprecated `baseAmount`.
    pub fn value(&self) -> Option<f64> {
        self.amount.or(self.base_amount)
    }
}
