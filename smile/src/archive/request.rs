//! Bodies of `POST /archives` (upload through the API) and `POST /archives/classify`.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use serde::{Deserialize, Serialize};

use super::FileFormat;

wire_enum! {
    /// Which part of a document a file is (`FileSubtype`).
    pub enum FileSubtype {
        Payslip = "PAYSLIP",
        PersonalInformation = "PERSONAL_INFORMATION",
        EmploymentInformation = "EMPLOYMENT_INFORMATION",
        TaxPayment = "TAX_PAYMENT",
        CompanyIdFront = "COMPANY_ID_FRONT",
        CompanyIdBack = "COMPANY_ID_BACK",
        CardFront = "CARD_FRONT",
        CardBack = "CARD_BACK",
    }
}

/// One file of an upload (`FileObject`): its bytes travel base64-encoded.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FileObject {
    /// Part of the document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_subtype: Option<FileSubtype>,
    /// File name; Smile names it after the file type when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_name: Option<String>,
    /// Format.
    pub file_extension_type: FileFormat,
    /// The bytes, base64 (standard alphabet, padded).
    pub file_content: String,
}

impl FileObject {
    /// A file named `name` of `format`, with `bytes` encoded as Smile expects.
    pub fn new(name: impl Into<String>, format: FileFormat, bytes: &[u8]) -> Self {
        FileObject {
            file_subtype: None,
            file_name: Some(name.into()),
            file_extension_type: format,
            file_content: STANDARD.encode(bytes),
        }
    }

    /// The same file, marked as `subtype`.
    pub fn with_subtype(mut self, subtype: FileSubtype) -> Self {
        self.file_subtype = Some(subtype);
        self
    }

    /// The decoded bytes; an error when `file_content` is not base64.
    pub fn bytes(&self) -> Result<Vec<u8>, base64::DecodeError> {
        STANDARD.decode(&self.file_content)
    }
}

/// Body of `POST /archives` (`ArchiveCreateRequest`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateArchiveRequest {
    /// The owner; Smile creates a new user when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// File type id (see `/fileTypes`), e.g. `PAYSLIP`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_type: Option<String>,
    /// The files, at least one.
    pub raw_files: Vec<FileObject>,
}

/// Body of `POST /archives/classify` (`ArchiveClassifyRequest`): files whose type Smile
/// is to find out.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClassifyArchiveRequest {
    /// The owner; Smile creates a new user when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// The files, at least one.
    pub raw_files: Vec<FileObject>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_content_is_standard_padded_base64_both_ways() {
        let file = FileObject::new("a.png", FileFormat::Png, b"\xff\x00ab");
        assert_eq!(file.file_content, "/wBhYg==");
        assert_eq!(file.bytes().unwrap(), b"\xff\x00ab");
        let garbled = FileObject {
            file_content: "not base64!".into(),
            ..file
        };
        assert!(garbled.bytes().is_err());
    }
}
