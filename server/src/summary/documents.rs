//! Uploaded documents in the summary: which figures rest on them (a figure read from a file
//! is weaker evidence than one fetched from the provider), and their flags.
//!
//! - `document_check_failed`: an analysed document with a Smile check below
//!   `document_check_min` (or failed by Smile); one flag per document, naming each low check.
//! - `document_unreadable`: a document Smile could not read; one flag per document.
//! - `document_identity_mismatch`: the name read from an analysed document scores below
//!   `name_match_min` against the declared name (the same matcher as identities).

use smile_api::{ItemMetadata, SourceType};
use wink_api::document::{CheckKind, DocumentStatus};
use wink_api::summary::{Evidence, Flag, FlagKind};

use super::flags::flag;
use super::{name, SummaryThresholds, SyncedData, UploadedDocument};

impl SyncedData {
    /// Whether an item came from an uploaded document (its source is an archive), not a
    /// connected account. An item without metadata counts as an account's.
    pub(super) fn is_from_document(&self, metadata: Option<&ItemMetadata>) -> bool {
        metadata.is_some_and(|m| {
            matches!(
                m.source_type,
                Some(SourceType::Archive | SourceType::Upload)
            ) || self
                .documents
                .iter()
                .any(|d| d.document.archive_id == m.source_id)
        })
    }

    /// The evidence of figures drawn from items with these metadata.
    pub(super) fn evidence<'a>(
        &self,
        items: impl IntoIterator<Item = Option<&'a ItemMetadata>>,
    ) -> Option<Evidence> {
        let (mut accounts, mut documents) = (false, false);
        for metadata in items {
            if self.is_from_document(metadata) {
                documents = true;
            } else {
                accounts = true;
            }
        }
        Evidence::of(accounts, documents)
    }
}

/// The documents' flags, in kind order (checks, unreadable, name), each kind in the
/// documents' order.
pub(super) fn flags(
    documents: &[UploadedDocument],
    declared_name: &str,
    t: &SummaryThresholds,
) -> Vec<Flag> {
    let with = |status: DocumentStatus| {
        documents
            .iter()
            .filter(move |d| d.document.status == status)
    };
    let low = with(DocumentStatus::Analyzed).filter_map(|d| low_checks(d, t));
    let unreadable = with(DocumentStatus::Failed).map(|d| {
        flag(
            FlagKind::DocumentUnreadable,
            format!("Smile could not read the uploaded {}.", described(d)),
            [
                ("archiveId", d.document.archive_id.clone()),
                ("reason", d.document.error.clone().unwrap_or_default()),
            ],
        )
    });
    let names =
        with(DocumentStatus::Analyzed).filter_map(|d| identity_mismatch(d, declared_name, t));
    low.chain(unreadable).chain(names).collect()
}

/// "payslip u-…", for a sentence.
fn described(uploaded: &UploadedDocument) -> String {
    let document = &uploaded.document;
    format!(
        "{} {}",
        document.type_label.to_lowercase(),
        document.archive_id
    )
}

fn low_checks(uploaded: &UploadedDocument, t: &SummaryThresholds) -> Option<Flag> {
    let document = &uploaded.document;
    let what = described(uploaded);
    let low: Vec<_> = document.checks.iter().filter(|c| c.low).collect();
    if low.is_empty() {
        return None;
    }
    let named: Vec<String> = low
        .iter()
        .map(|c| match c.score {
            Some(score) => format!("{} scored {score}/100", c.kind.label().to_lowercase()),
            None => format!("{} failed", c.kind.label().to_lowercase()),
        })
        .collect();
    let explanations: Vec<&str> = low.iter().map(|c| c.kind.low_score_explanation()).collect();
    let mut f = flag(
        FlagKind::DocumentCheckFailed,
        format!(
            "Smile's checks of the uploaded {what}: {}, below the minimum of {}. {}",
            named.join(", "),
            t.document_check_min,
            explanations.join(" ")
        ),
        [
            ("archiveId", document.archive_id.clone()),
            ("minimum", t.document_check_min.to_string()),
            (
                "checks",
                low.iter()
                    .map(|c| c.kind.as_str())
                    .collect::<Vec<_>>()
                    .join(","),
            ),
        ],
    );
    for check in &low {
        if let Some(score) = check.score {
            f.evidence.insert(score_key(check.kind), score.to_string());
        }
    }
    Some(f)
}

/// `metadataScore`, `identityScore`, ...
fn score_key(kind: CheckKind) -> String {
    format!("{}Score", kind.as_str())
}

fn identity_mismatch(
    uploaded: &UploadedDocument,
    declared: &str,
    t: &SummaryThresholds,
) -> Option<Flag> {
    let what = described(uploaded);
    let on_it = uploaded.name_on_it.as_ref()?;
    let score = name::score(declared, on_it)?;
    (score < t.name_match_min).then(|| {
        flag(
            FlagKind::DocumentIdentityMismatch,
            format!(
                "The name on the uploaded {what}, \"{on_it}\", matches the declared name \
                 \"{declared}\" at {score}/100, below the minimum of {}.",
                t.name_match_min
            ),
            [
                ("archiveId", uploaded.document.archive_id.clone()),
                ("declared", declared.to_owned()),
                ("onDocument", on_it.clone()),
                ("score", score.to_string()),
                ("minimum", t.name_match_min.to_string()),
            ],
        )
    })
}
