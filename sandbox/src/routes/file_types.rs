//! `GET /fileTypes`: the documents Smile takes as uploads, filtered by `type`, `active`,
//! `enabled` and `ocr`.

use axum::response::Response;
use serde::{Deserialize, Serialize};
use smile_api::Datapoint;

use super::filters::nonempty;
use crate::envelope::{self, ApiError, Checked, SmileQuery};
use crate::pagination::PageParams;

/// One entry of `/fileTypes` (the spec's `FileType`).
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FileType {
    logo_url: String,
    #[serde(rename = "type")]
    file_type: &'static str,
    type_label: &'static str,
    active: bool,
    enabled: bool,
    ocr: bool,
    supported: &'static [Datapoint],
}

use Datapoint::{Documents, Employments, Identities, Incomes};

/// Every file type: id, label, whether Smile reads its fields (OCR), and what it yields.
const FILE_TYPES: &[(&str, &str, bool, &[Datapoint])] = &[
    (
        "PAYSLIP",
        "Payslip",
        true,
        &[Identities, Employments, Incomes, Documents],
    ),
    (
        "EMPLOYMENT_CERTIFICATE",
        "Certificate of Employment",
        true,
        &[Identities, Employments, Documents],
    ),
    (
        "TAX_DOCUMENT",
        "Tax Document",
        true,
        &[Identities, Incomes, Documents],
    ),
    (
        "CLEARANCE_NBI",
        "NBI Clearance",
        true,
        &[Identities, Documents],
    ),
    ("TELCO_BILL", "Telco Bill", true, &[Identities, Documents]),
    (
        "ELECTRICITY_BILL",
        "Electricity Bill",
        true,
        &[Identities, Documents],
    ),
    ("WATER_BILL", "Water Bill", true, &[Identities, Documents]),
    ("BANK_STATEMENT", "Bank Statement", false, &[Documents]),
    ("COMPANY_ID", "Company ID", false, &[Documents]),
    ("GOVERNMENT_ID", "Government ID", false, &[Documents]),
];

/// Whether `id` names a file type Smile takes.
pub fn is_file_type(id: &str) -> bool {
    FILE_TYPES.iter().any(|(known, ..)| *known == id)
}

fn all() -> impl Iterator<Item = FileType> {
    FILE_TYPES
        .iter()
        .map(|&(file_type, type_label, ocr, supported)| FileType {
            logo_url: format!(
                "https://cdn.smileapi.io/image/provider-logo/v20210813064500/{file_type}.png"
            ),
            file_type,
            type_label,
            active: true,
            enabled: true,
            ocr,
            supported,
        })
}

/// `/fileTypes`' filters as received.
#[derive(Debug, Default, Deserialize)]
pub struct FileTypeFilter {
    #[serde(rename = "type")]
    file_type: Option<String>,
    active: Option<String>,
    enabled: Option<String>,
    ocr: Option<String>,
}

/// A boolean filter: absent, `true` or `false`.
fn flag(name: &str, value: Option<String>) -> Result<Option<bool>, ApiError> {
    nonempty(value)
        .map(|v| {
            v.parse()
                .map_err(|_| ApiError::invalid(format!("{name} must be true or false")))
        })
        .transpose()
}

pub async fn list(
    SmileQuery(filter): SmileQuery<FileTypeFilter>,
    Checked(page): Checked<PageParams>,
) -> Result<Response, ApiError> {
    let wanted = nonempty(filter.file_type);
    let active = flag("active", filter.active)?;
    let enabled = flag("enabled", filter.enabled)?;
    let ocr = flag("ocr", filter.ocr)?;
    let same = |want: Option<bool>, have: bool| want.is_none_or(|w| w == have);
    let types = all()
        .filter(|t| wanted.as_deref().is_none_or(|w| w == t.file_type))
        .filter(|t| same(active, t.active) && same(enabled, t.enabled) && same(ocr, t.ocr))
        .collect();
    Ok(envelope::ok(page.page(types)))
}
