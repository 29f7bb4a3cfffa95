//! Uploaded documents: what is kept of Smile's archives, and how they read for the officer
//! (evidence with Smile's checks) and for the applicant (progress). Only Smile's word makes
//! a document; the browser's `onUploadsCreated` is a report until Smile confirms it.

mod fields;
mod reported;

use smile_api::archive::{Archive, ArchiveStatus, ArchiveValidation, ValidationResultCode};
use wink_api::document::{
    type_label, CheckKind, CheckResult, Document, DocumentCheck, DocumentFile, DocumentStatus,
    LinkDocument, UploadProgress,
};

use crate::db::archives::ArchiveRow;
use crate::summary::UploadedDocument;

pub use fields::extracted;
pub use reported::{as_received, reported_uploads, unconfirmed};

/// How many archives an applicant's pages list (the newest).
pub const LIST_LIMIT: i64 = 100;

/// Smile's state of an archive as the four Wink shows. A state this build does not know is
/// still processing: never evidence, never a failure the applicant must act on.
pub fn status_of(status: &ArchiveStatus) -> DocumentStatus {
    match status {
        ArchiveStatus::Analyzed => DocumentStatus::Analyzed,
        ArchiveStatus::Error | ArchiveStatus::Unsupported => DocumentStatus::Failed,
        ArchiveStatus::Revoked => DocumentStatus::Revoked,
        ArchiveStatus::Started | ArchiveStatus::Unknown(_) => DocumentStatus::Processing,
    }
}

/// What is stored of an archive: everything but the files' download URLs (the bytes stay
/// at Smile) and the deprecated flat `analysis` (the same fields as `extraction`).
pub fn stored_form(archive: &Archive) -> Archive {
    let mut kept = archive.clone();
    for file in &mut kept.raw_files {
        file.url = None;
    }
    kept.analysis = None;
    kept
}

/// The archive a stored row holds, when it still holds one (not revoked) that parses.
fn archive_of(row: &ArchiveRow) -> Option<Archive> {
    let body = row.body.as_deref()?;
    serde_json::from_str(body)
        .inspect_err(|e| tracing::warn!(error = %e, "a stored archive no longer parses"))
        .ok()
}

/// An archive as the officer's Documents section shows it.
pub fn for_officer(row: &ArchiveRow, threshold: u8) -> Document {
    let archive = archive_of(row);
    let archive = archive.as_ref();
    Document {
        archive_id: row.archive_id.clone(),
        type_label: type_label(row.document_type.as_deref()),
        document_type: row.document_type.clone(),
        status: row.status,
        error: archive
            .filter(|_| row.status == DocumentStatus::Failed)
            .and_then(|a| {
                a.state.error_message.clone().or_else(|| {
                    a.state
                        .error_code
                        .as_ref()
                        .map(|c| format!("Smile could not read it ({})", c.as_str()))
                })
            }),
        uploaded_at: row.uploaded_at.to_string(),
        updated_at: row.updated_at.to_string(),
        provider_id: archive.map(|a| a.provider_id.clone()).unwrap_or_default(),
        files: archive
            .map(|a| {
                a.raw_files
                    .iter()
                    .map(|f| DocumentFile {
                        name: f.name.clone(),
                        size_kb: f.size,
                        format: f.format.as_ref().map(|f| f.as_str().to_owned()),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        extracted: archive
            .and_then(|a| a.extraction.as_ref())
            .map(extracted)
            .unwrap_or_default(),
        checks: archive
            .and_then(|a| a.validation.as_ref())
            .map(|v| checks(v, threshold))
            .unwrap_or_default(),
        check_threshold: threshold,
    }
}

/// Smile's checks in [`CheckKind::ALL`] order; one below `threshold`, or failed by Smile,
/// is low. A check without a score that Smile passed is not low.
pub fn checks(validation: &ArchiveValidation, threshold: u8) -> Vec<DocumentCheck> {
    CheckKind::ALL
        .iter()
        .filter_map(|kind| {
            let result = match kind {
                CheckKind::Metadata => validation.metadata.as_ref(),
                CheckKind::Computation => validation.computation.as_ref(),
                CheckKind::Identity => validation.identity.as_ref(),
                CheckKind::Location => validation.location.as_ref(),
            }?;
            let score = result.score.map(|s| s.round().clamp(0.0, 100.0) as u8);
            let outcome = match result.result_code {
                ValidationResultCode::Passed => CheckResult::Passed,
                ValidationResultCode::Failed => CheckResult::Failed,
                ValidationResultCode::NoData | ValidationResultCode::Unknown(_) => {
                    CheckResult::NoData
                }
            };
            Some(DocumentCheck {
                kind: *kind,
                low: outcome == CheckResult::Failed || score.is_some_and(|s| s < threshold),
                result: outcome,
                score,
                message: result.result_message.clone(),
            })
        })
        .collect()
}

/// An archive as the applicant's link page shows it.
pub fn for_applicant(row: &ArchiveRow) -> LinkDocument {
    let files = archive_of(row)
        .map(|a| a.raw_files.into_iter().map(|f| f.name).collect())
        .unwrap_or_default();
    LinkDocument {
        archive_id: row.archive_id.clone(),
        type_label: type_label(row.document_type.as_deref()),
        file_names: files,
        progress: match row.status {
            DocumentStatus::Processing => UploadProgress::Checking,
            DocumentStatus::Analyzed => UploadProgress::Accepted,
            DocumentStatus::Failed => UploadProgress::Unreadable,
            DocumentStatus::Revoked => UploadProgress::Removed,
        },
        updated_at: row.updated_at.to_string(),
    }
}

/// The name Smile read from a document, when its form has one.
pub fn name_on(archive: &Archive) -> Option<String> {
    use smile_api::archive::ExtractedFields as F;
    let fields = archive.extraction.as_ref()?.fields().ok()?;
    let joined = |parts: [&Option<String>; 3]| {
        let words: Vec<&str> = parts
            .into_iter()
            .filter_map(|p| p.as_deref().map(str::trim))
            .filter(|p| !p.is_empty())
            .collect();
        (!words.is_empty()).then(|| words.join(" "))
    };
    let name = match fields {
        F::Payslip(p) => p.employee_name,
        F::TaxDocument(t) => t.employee_name,
        F::NbiClearance(n) => joined([&n.first_name, &n.middle_name, &n.last_name]),
        F::EmploymentCertificate(c) => c
            .full_name
            .clone()
            .or_else(|| joined([&c.first_name, &c.middle_name, &c.last_name])),
        F::TelcoBill(b) | F::ElectricityBill(b) | F::WaterBill(b) => b
            .full_name
            .clone()
            .or_else(|| joined([&b.first_name, &b.middle_name, &b.last_name])),
        F::Untyped => None,
    };
    name.filter(|n| !n.trim().is_empty())
}

/// The applicant's documents as the summary weighs them: each with the name read from it.
pub fn for_summary(rows: &[ArchiveRow], threshold: u8) -> Vec<UploadedDocument> {
    rows.iter()
        .map(|row| UploadedDocument {
            document: for_officer(row, threshold),
            name_on_it: archive_of(row).as_ref().and_then(name_on),
        })
        .collect()
}
