//! Uploaded documents: `Archive` (Snap) and the deprecated `Upload`, what Smile extracts
//! from them and checks, the requests that upload or classify files, and `/fileTypes`.

mod analysis;
mod file_type;
mod request;

use serde::{Deserialize, Serialize};

pub use analysis::{
    BillAnalysis, EmploymentCertificateAnalysis, ExtractedFields, NbiClearanceAnalysis,
    PayslipAnalysis, TaxDocumentAnalysis,
};
pub use file_type::FileType;
pub use request::{ClassifyArchiveRequest, CreateArchiveRequest, FileObject, FileSubtype};

use crate::common::DateTime;

wire_enum! {
    /// Processing state of an archive.
    pub enum ArchiveStatus {
        Started = "STARTED",
        Analyzed = "ANALYZED",
        Unsupported = "UNSUPPORTED",
        Error = "ERROR",
        Revoked = "REVOKED",
    }
}

wire_enum! {
    /// Why an archive could not be analysed.
    pub enum ArchiveErrorCode {
        /// Preferred spelling of the next variant.
        MissingMandatoryField = "MISSING_MANDATORY_FIELD",
        /// Smile's misspelt variant (`MANDATARY`); kept distinct so it round-trips.
        MissingMandataryField = "MISSING_MANDATARY_FIELD",
        InvalidFieldFormat = "INVALID_FIELD_FORMAT",
        SystemError = "SYSTEM_ERROR",
    }
}

wire_enum! {
    /// Format of an uploaded file.
    pub enum FileFormat {
        Pdf = "PDF",
        Png = "PNG",
        Jpg = "JPG",
        Jpeg = "JPEG",
    }
}

wire_enum! {
    /// What Smile's classifier thinks a file is.
    pub enum ArchiveFileType {
        Payslip = "PAYSLIP",
        TaxDocument = "TAX_DOCUMENT",
        EmploymentCertificate = "EMPLOYMENT_CERTIFICATE",
        BankStatement = "BANK_STATEMENT",
        CompanyId = "COMPANY_ID",
        ClearanceNbi = "CLEARANCE_NBI",
        GovernmentId = "GOVERNMENT_ID",
        TelcoBill = "TELCO_BILL",
        ElectricityBill = "ELECTRICITY_BILL",
        WaterBill = "WATER_BILL",
        Others = "OTHERS",
    }
}

wire_enum! {
    /// Outcome of one validation check.
    pub enum ValidationResultCode {
        Passed = "PASSED",
        Failed = "FAILED",
        NoData = "NO_DATA",
    }
}

/// A set of uploaded files and what Smile extracted from them. Ids are `archive-…` in
/// examples and `u-…` in Smile's conventions table; both are just strings here.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Archive {
    /// Archive id.
    pub id: String,
    /// Upload time.
    pub created_at: DateTime,
    /// `user-provided` (widget) or `tenant-provided` (API).
    pub provider_id: String,
    /// The owning user.
    pub user_id: String,
    /// File type id (see `/fileTypes`), e.g. `PAYSLIP`; may be null.
    #[serde(default, rename = "type")]
    pub file_type: Option<String>,
    /// Processing state.
    pub state: ArchiveState,
    /// The files.
    #[serde(default, deserialize_with = "crate::common::null_as_empty")]
    pub raw_files: Vec<RawFile>,
    /// Classifier result (archives only).
    #[serde(default)]
    pub classification: Option<ArchiveClassification>,
    /// Deprecated flat union of all analysis fields; kept as JSON.
    #[serde(default)]
    pub analysis: Option<serde_json::Map<String, serde_json::Value>>,
    /// Extracted fields, by file type.
    #[serde(default)]
    pub extraction: Option<ArchiveExtraction>,
    /// Authenticity checks.
    #[serde(default)]
    pub validation: Option<ArchiveValidation>,
}

/// The deprecated `/uploads` resource: an [`Archive`] without classification, analysis,
/// extraction or validation.
pub type Upload = Archive;

/// `Archive.state`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ArchiveState {
    /// Status.
    pub status: ArchiveStatus,
    /// Error code when `status` is `ERROR`.
    #[serde(default)]
    pub error_code: Option<ArchiveErrorCode>,
    /// Error message.
    #[serde(default)]
    pub error_message: Option<String>,
    /// When the state last changed.
    pub updated_at: DateTime,
}

/// One uploaded file (`f-…`). Its URL expires after 60 days.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RawFile {
    /// File id.
    pub id: String,
    /// Upload time.
    pub created_at: DateTime,
    /// File name.
    pub name: String,
    /// Part of the document, e.g. `PERSONAL_INFORMATION`.
    #[serde(default)]
    pub sub_type: Option<String>,
    /// Size in kilobytes.
    #[serde(default)]
    pub size: Option<u64>,
    /// Format.
    #[serde(default)]
    pub format: Option<FileFormat>,
    /// Download URL.
    #[serde(default)]
    pub url: Option<String>,
}

/// `Archive.classification`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ArchiveClassification {
    /// What the file is.
    pub file_type: ArchiveFileType,
}

/// `Archive.extraction`: the fields read from the document. `analysis` differs per file
/// type and stays JSON (written back as received); [`ArchiveExtraction::fields`] reads it
/// as its type's form.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ArchiveExtraction {
    /// The file type the fields belong to.
    pub file_type: ArchiveFileType,
    /// The fields.
    #[serde(default)]
    pub analysis: Option<serde_json::Map<String, serde_json::Value>>,
}

/// `Archive.validation`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ArchiveValidation {
    /// File type validated.
    pub file_type: String,
    /// File metadata check.
    #[serde(default)]
    pub metadata: Option<ValidationResult>,
    /// Arithmetic check.
    #[serde(default)]
    pub computation: Option<ValidationResult>,
    /// Identity check.
    #[serde(default)]
    pub identity: Option<ValidationResult>,
    /// Location check.
    #[serde(default)]
    pub location: Option<ValidationResult>,
}

/// One validation check's outcome.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ValidationResult {
    /// Passed, failed, or no data.
    pub result_code: ValidationResultCode,
    /// Score 0–100.
    #[serde(default)]
    pub score: Option<f64>,
    /// Explanation.
    #[serde(default)]
    pub result_message: Option<String>,
}
