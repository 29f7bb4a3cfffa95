//! Uploaded documents as Wink shows them: to the officer as evidence with Smile's checks
//! ([`Document`]), to the applicant as progress ([`LinkDocument`]). Both come only from what
//! Smile says about its archives; what the browser reported stays a hint
//! (`officer::ReportedUpload`).

use serde::{Deserialize, Serialize};
use smile_api::wire_enum;

/// The lowest check score that passes when the lender sets none (`WINK_DOCUMENT_CHECK_MIN`).
pub const DEFAULT_CHECK_MIN: u8 = 80;

wire_enum! {
    #[wire_enum(closed)]
    /// Where an archive stands at Smile.
    pub enum DocumentStatus {
        /// Received; Smile is reading and checking it.
        Processing = "processing",
        /// Read and checked: the extraction and the checks are there.
        Analyzed = "analyzed",
        /// Smile could not read it (or does not support it).
        Failed = "failed",
        /// Removed by the applicant or deleted; what was read from it is gone.
        Revoked = "revoked",
    }
}

wire_enum! {
    #[wire_enum(closed)]
    /// Smile's four authenticity checks of a document (`Archive.validation`).
    pub enum CheckKind {
        Metadata = "metadata",
        Computation = "computation",
        Identity = "identity",
        Location = "location",
    }
}

impl CheckKind {
    /// The check's name for a person.
    pub fn label(self) -> &'static str {
        match self {
            CheckKind::Metadata => "File metadata",
            CheckKind::Computation => "Arithmetic",
            CheckKind::Identity => "Identity",
            CheckKind::Location => "Location",
        }
    }

    /// What a low score means, in plain words.
    pub fn low_score_explanation(self) -> &'static str {
        match self {
            CheckKind::Metadata => {
                "The file's metadata suggests it was edited after it was produced."
            }
            CheckKind::Computation => "The figures on the document do not add up.",
            CheckKind::Identity => {
                "The name or ids on the document do not match the applicant's account at Smile."
            }
            CheckKind::Location => {
                "The addresses on the document do not match a known place or each other."
            }
        }
    }
}

wire_enum! {
    #[wire_enum(closed)]
    /// One check's outcome as Smile reported it.
    pub enum CheckResult {
        Passed = "passed",
        Failed = "failed",
        /// Smile had nothing to check this against.
        NoData = "no_data",
    }
}

/// One of Smile's checks of a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentCheck {
    pub kind: CheckKind,
    pub result: CheckResult,
    /// 0–100, when Smile gave one.
    pub score: Option<u8>,
    /// Smile's own words, when given.
    pub message: Option<String>,
    /// Below the lender's threshold (or failed by Smile).
    pub low: bool,
}

/// One file of a document (never its bytes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentFile {
    pub name: String,
    /// Kilobytes, as Smile reports it.
    pub size_kb: Option<u64>,
    /// `PDF`, `PNG`, ...
    pub format: Option<String>,
}

/// One field Smile read from a document, ready to show in a table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExtractedField {
    /// "Employer", "Gross pay", ...
    pub label: String,
    pub value: String,
}

/// A Smile archive as the officer sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Document {
    /// Smile's archive id (`u-…`).
    pub archive_id: String,
    /// Smile's file type (`PAYSLIP`, ...), when known.
    pub document_type: Option<String>,
    /// The type for a person: "Payslip", "Certificate of employment", ...
    pub type_label: String,
    pub status: DocumentStatus,
    /// Why Smile could not read it (failed only).
    pub error: Option<String>,
    /// When it was uploaded (RFC 3339).
    pub uploaded_at: String,
    /// When Smile's state last changed (RFC 3339).
    pub updated_at: String,
    /// `user-provided` (the widget) or `tenant-provided` (the lender's API upload).
    pub provider_id: String,
    pub files: Vec<DocumentFile>,
    /// What Smile read from it, in the order of its type's form.
    pub extracted: Vec<ExtractedField>,
    /// Smile's checks, in [`CheckKind::ALL`] order (those Smile did not run left out).
    pub checks: Vec<DocumentCheck>,
    /// The lowest passing score (the lender's `WINK_DOCUMENT_CHECK_MIN`).
    pub check_threshold: u8,
}

wire_enum! {
    #[wire_enum(closed)]
    /// Where a piece of verified data came from.
    pub enum SourceKind {
        /// An account the applicant connected through Smile.
        Account = "account",
        /// A document the applicant (or the lender) uploaded, analysed by Smile.
        Document = "document",
    }
}

/// A source of data rows: every identity, employment and income names one by its
/// `metadata.sourceId`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DataSource {
    /// Smile's account (`a-…`) or archive (`u-…`) id.
    pub source_id: String,
    pub kind: SourceKind,
    /// "Social Security System" or "Uploaded payslip".
    pub label: String,
}

wire_enum! {
    #[wire_enum(closed)]
    /// What the applicant sees of one upload.
    pub enum UploadProgress {
        /// The widget said it was sent; Smile has not confirmed it yet.
        Received = "received",
        /// Smile has it and is checking it.
        Checking = "checking",
        /// Smile read it.
        Accepted = "accepted",
        /// Smile could not read it: upload a clearer copy.
        Unreadable = "unreadable",
        /// Removed.
        Removed = "removed",
    }
}

/// One upload on the applicant's link page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LinkDocument {
    /// Smile's archive id.
    pub archive_id: String,
    /// "Payslip", ...
    pub type_label: String,
    pub file_names: Vec<String>,
    pub progress: UploadProgress,
    /// RFC 3339.
    pub updated_at: String,
}

/// Smile's file type ids for a person.
pub fn type_label(document_type: Option<&str>) -> String {
    let Some(raw) = document_type.filter(|t| !t.trim().is_empty()) else {
        return "Document".to_owned();
    };
    let known = match raw {
        "PAYSLIP" => "Payslip",
        "EMPLOYMENT_CERTIFICATE" => "Certificate of employment",
        "TAX_DOCUMENT" => "Tax document",
        "CLEARANCE_NBI" => "NBI clearance",
        "GOVERNMENT_ID" => "Government ID",
        "COMPANY_ID" => "Company ID",
        "BANK_STATEMENT" => "Bank statement",
        "ELECTRICITY_BILL" => "Electricity bill",
        "WATER_BILL" => "Water bill",
        "TELCO_BILL" => "Phone bill",
        "OTHERS" => "Other document",
        _ => "",
    };
    if !known.is_empty() {
        return known.to_owned();
    }
    // An id this build does not know: `SOME_TYPE` → "Some type".
    let words = raw.replace(['_', '-'], " ").to_lowercase();
    let mut chars = words.trim().chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_else(|| "Document".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_labels_read_for_a_person() {
        assert_eq!(type_label(Some("PAYSLIP")), "Payslip");
        assert_eq!(type_label(Some("CLEARANCE_NBI")), "NBI clearance");
        assert_eq!(type_label(Some("NEW_KIND_OF_PAPER")), "New kind of paper");
        assert_eq!(type_label(None), "Document");
        assert_eq!(type_label(Some("  ")), "Document");
    }

    #[test]
    fn every_check_explains_a_low_score() {
        for kind in CheckKind::ALL {
            assert!(kind.low_score_explanation().ends_with('.'));
            assert!(!kind.label().is_empty());
        }
    }
}
