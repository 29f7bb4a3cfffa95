//! `FileType`: a kind of document users can upload (`GET /fileTypes`).

use serde::{Deserialize, Serialize};

use crate::common::Datapoint;

/// A kind of document that can be uploaded, and what Smile does with it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FileType {
    /// Its id (`FileTypeId`), e.g. `PAYSLIP`: what [`super::Archive::file_type`] names.
    #[serde(rename = "type")]
    pub id: String,
    /// Label to show.
    pub type_label: String,
    /// Logo URL.
    pub logo_url: String,
    /// Whether uploading this type works at the moment.
    pub active: bool,
    /// Whether this tenant may upload it.
    pub enabled: bool,
    /// Whether Smile reads the document's fields (OCR).
    pub ocr: bool,
    /// The data points it can yield.
    #[serde(default, deserialize_with = "crate::common::null_as_empty")]
    pub supported: Vec<Datapoint>,
}
