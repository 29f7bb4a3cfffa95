//! Where a row of Smile's data came from. Every identity, employment and income names its
//! source (an account or an archive) by `metadata.sourceId`; the detail lists the sources,
//! so a row can say "Social Security System", or point to the uploaded payslip it was read
//! from.

use smile_api::ItemMetadata;
use wink_api::document::{DataSource, SourceKind};

/// A row's source, ready to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Provenance {
    /// A connected account, by its provider's name.
    Account { label: String },
    /// An uploaded document: its label, and the archive to link to in Documents.
    Document { label: String, archive_id: String },
    /// A source the detail does not list (say, just removed): the provider Smile named.
    Unlisted { provider_id: String },
    /// The row carries no metadata.
    Unknown,
}

impl Provenance {
    /// The source of a row with this `metadata`, looked up in the detail's `sources`.
    pub fn of(sources: &[DataSource], metadata: Option<&ItemMetadata>) -> Provenance {
        let Some(metadata) = metadata else {
            return Provenance::Unknown;
        };
        match sources.iter().find(|s| s.source_id == metadata.source_id) {
            Some(source) => match source.kind {
                SourceKind::Account => Provenance::Account {
                    label: source.label.clone(),
                },
                SourceKind::Document => Provenance::Document {
                    label: source.label.clone(),
                    archive_id: source.source_id.clone(),
                },
            },
            None => Provenance::Unlisted {
                provider_id: metadata.provider_id.clone(),
            },
        }
    }

    /// The source in words, without the link.
    pub fn label(&self) -> &str {
        match self {
            Provenance::Account { label } | Provenance::Document { label, .. } => label,
            Provenance::Unlisted { provider_id } => provider_id,
            Provenance::Unknown => "Unknown source",
        }
    }
}

/// The id of a document's entry in the Documents section, for links to it.
pub fn document_anchor(archive_id: &str) -> String {
    format!("document-{archive_id}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn metadata(source_id: &str, provider_id: &str) -> ItemMetadata {
        serde_json::from_value(serde_json::json!({
            "createdAt": "2026-11-27T10:00:00Z", "sourceId": source_id,
            "userId": "usr-1", "providerId": provider_id,
        }))
        .unwrap()
    }

    fn sources() -> Vec<DataSource> {
        vec![
            DataSource {
                source_id: "a-1".into(),
                kind: SourceKind::Account,
                label: "Social Security System".into(),
            },
            DataSource {
                source_id: "u-1".into(),
                kind: SourceKind::Document,
                label: "Uploaded payslip".into(),
            },
        ]
    }

    #[test]
    fn rows_name_their_account_or_document() {
        let sources = sources();
        assert_eq!(
            Provenance::of(&sources, Some(&metadata("a-1", "sss_ph"))),
            Provenance::Account {
                label: "Social Security System".into()
            }
        );
        assert_eq!(
            Provenance::of(&sources, Some(&metadata("u-1", "user-provided"))),
            Provenance::Document {
                label: "Uploaded payslip".into(),
                archive_id: "u-1".into()
            }
        );
        let unlisted = Provenance::of(&sources, Some(&metadata("a-9", "abccorp")));
        assert_eq!(unlisted.label(), "abccorp");
        assert_eq!(Provenance::of(&sources, None).label(), "Unknown source");
        assert_eq!(document_anchor("u-1"), "document-u-1");
    }
}
