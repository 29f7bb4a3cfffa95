//! The remaining data points: documents, ratings, transactions, liabilities, links, insights.
//! Modelled so payload bundles parse fully; Wink reads them rarely.

use serde::{Deserialize, Serialize};

use super::ItemMetadata;
use crate::common::{Date, DateTime, PayPeriod};

wire_enum! {
    /// Kind of document.
    pub enum DocumentType {
        Identification = "IDENTIFICATION",
        Payslip = "PAYSLIP",
        Clearance = "CLEARANCE",
        Certificate = "CERTIFICATE",
    }
}

/// A document (`d-…`), e.g. a UMID card or an NBI clearance.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Document {
    /// Document id.
    pub id: String,
    /// Document name.
    pub name: String,
    /// Document number.
    #[serde(default)]
    pub doc_id: Option<String>,
    /// Status (`VALID` for NBI clearances).
    #[serde(default)]
    pub status: Option<String>,
    /// Kind of document.
    #[serde(default)]
    pub document_type: Option<DocumentType>,
    /// Issue date.
    #[serde(default)]
    pub issue_date: Option<Date>,
    /// Expiry date.
    #[serde(default)]
    pub expiry_date: Option<Date>,
    /// Public URL of the document.
    #[serde(default)]
    pub file_url: Option<String>,
    /// Remarks.
    #[serde(default)]
    pub remarks: Option<String>,
    /// Source of the item (absent in payload bundles).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<ItemMetadata>,
}

/// A performance rating on a gig platform (`r-…`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Rating {
    /// Rating id.
    pub id: String,
    /// Current rating.
    #[serde(default)]
    pub current_rating: Option<f64>,
    /// Best possible rating.
    #[serde(default)]
    pub max_rating: Option<f64>,
    /// `current / max × 100`.
    #[serde(default)]
    pub calculated_percentage: Option<f64>,
    /// Reviews received.
    #[serde(default)]
    pub reviews_received: Option<f64>,
    /// Likes or kudos received.
    #[serde(default)]
    pub likes_received: Option<f64>,
    /// Jobs completed.
    #[serde(default)]
    pub jobs_completed: Option<f64>,
    /// Source of the item (absent in payload bundles).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<ItemMetadata>,
}

/// A financial transaction (`t-…`); credits positive, fees and debits negative.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Transaction {
    /// Transaction id.
    pub id: String,
    /// Date.
    pub date: Date,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// ISO 4217 currency.
    pub currency: String,
    /// Signed amount.
    pub amount: f64,
    /// The provider's reference.
    #[serde(default)]
    pub reference_id: Option<String>,
    /// Source of the item (absent in payload bundles).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<ItemMetadata>,
}

/// A loan (`lia-…`), e.g. an SSS salary loan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Liability {
    /// Liability id.
    pub id: String,
    /// Loan type, e.g. "Salary Loan".
    #[serde(rename = "type")]
    pub loan_type: String,
    /// The provider's reference.
    #[serde(default)]
    pub reference_id: Option<String>,
    /// Loan start.
    pub start_date: Date,
    /// Loan end.
    #[serde(default)]
    pub end_date: Option<Date>,
    /// First amortisation date.
    #[serde(default)]
    pub first_amortization_date: Option<Date>,
    /// Amortisation frequency.
    #[serde(default)]
    pub amortization_frequency: Option<PayPeriod>,
    /// ISO 4217 currency.
    pub currency: String,
    /// Loan amount.
    pub loan_amount: f64,
    /// Amortisation amount.
    #[serde(default)]
    pub amortization_amount: Option<f64>,
    /// Outstanding balance.
    #[serde(default)]
    pub outstanding_balance: Option<f64>,
    /// Next payment.
    #[serde(default)]
    pub next_payment_amount: Option<f64>,
    /// Total overdue.
    #[serde(default)]
    pub overdue_payment_amount: Option<f64>,
    /// Source of the item (absent in payload bundles).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<ItemMetadata>,
}

/// How often the user linked accounts at other organisations (`link-…`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Link {
    /// Link id.
    pub id: String,
    /// Window start.
    #[serde(default)]
    pub start_date: Option<DateTime>,
    /// Window end.
    pub end_date: DateTime,
    /// Link records.
    #[serde(default, deserialize_with = "crate::common::null_as_empty")]
    pub records: Vec<LinkRecord>,
    /// Source of the item (absent in payload bundles).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<ItemMetadata>,
}

/// One `Link.records` entry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LinkRecord {
    /// Times the user linked an account elsewhere.
    pub count: u64,
    /// Latest link time per application.
    #[serde(default, deserialize_with = "crate::common::null_as_empty")]
    pub linked_at: Vec<DateTime>,
}

/// Computed features (`insight-…`). The ~84 features stay a JSON map: Smile adds them
/// freely and their values are numbers or strings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Insight {
    /// Insight id.
    pub id: String,
    /// Cut-off time of the calculation.
    pub cutoff_time: DateTime,
    /// Feature name → value.
    #[serde(default)]
    pub features: serde_json::Map<String, serde_json::Value>,
    /// Source of the item (absent in payload bundles).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<ItemMetadata>,
}
