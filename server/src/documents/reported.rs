//! What the applicant's browser said it uploaded (`onUploadsCreated` / `onUploadsRemoved`):
//! reports, kept apart from Smile's archives until Smile confirms them.

use std::collections::{HashMap, HashSet};

use serde_json::Value;
use wink_api::document::{type_label, LinkDocument, UploadProgress};
use wink_api::officer::ReportedUpload;

use crate::db::kinds::Callback;
use crate::db::link_events::{self, LinkEventRow};
use crate::db::{archives::ArchiveRow, Db};

/// How many upload callbacks are read for the reported uploads (each holds at most
/// `callbacks::MAX_UPLOADS_PER_CALLBACK` uploads, so the work stays bounded).
const UPLOAD_CALLBACKS_LIMIT: i64 = 200;
/// How many reported uploads are listed (the newest): reports are hints, and a browser
/// that reported thousands has shown what it is.
const REPORTED_UPLOADS_LIMIT: usize = 100;

/// The uploads the applicant's browser reported that Smile has not confirmed (no archive
/// of that id is stored), newest first.
pub async fn unconfirmed(
    db: &Db,
    applicant_id: &str,
    archives: &[ArchiveRow],
) -> sqlx::Result<Vec<ReportedUpload>> {
    let callbacks = link_events::for_applicant(
        db,
        applicant_id,
        link_events::Which::Uploads,
        UPLOAD_CALLBACKS_LIMIT,
    )
    .await?;
    let known: HashSet<&str> = archives.iter().map(|a| a.archive_id.as_str()).collect();
    Ok(reported_uploads(&callbacks)
        .into_iter()
        .filter(|upload| !known.contains(upload.upload_id.as_str()))
        .collect())
}

/// A report as the applicant's page lists it: received, waiting for Smile.
pub fn as_received(upload: &ReportedUpload) -> LinkDocument {
    LinkDocument {
        archive_id: upload.upload_id.clone(),
        type_label: type_label(upload.document_type.as_deref()),
        file_names: upload.file_name.iter().cloned().collect(),
        progress: UploadProgress::Received,
        updated_at: upload.reported_at.clone(),
    }
}

/// Uploads the browser reported, minus those it later reported removed, newest first.
/// Linear in the callbacks read: one map entry per upload id.
pub fn reported_uploads(callbacks: &[LinkEventRow]) -> Vec<ReportedUpload> {
    // upload id -> (order of its latest report, the report), or None once removed.
    let mut kept: HashMap<String, Option<(usize, ReportedUpload)>> = HashMap::new();
    // Oldest first, so a removal applies to an earlier upload.
    for (order, row) in callbacks.iter().rev().enumerate() {
        let created = match row.callback {
            Callback::UploadsCreated => true,
            Callback::UploadsRemoved => false,
            _ => continue,
        };
        let payload: Value = serde_json::from_str(&row.payload).unwrap_or(Value::Null);
        let list = payload
            .pointer("/payload/uploads")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or_default();
        for upload in list {
            let Some(upload_id) = upload.get("id").and_then(Value::as_str) else {
                continue;
            };
            let report = created.then(|| {
                (
                    order,
                    ReportedUpload {
                        upload_id: upload_id.to_owned(),
                        document_type: text(upload, &["/type"]),
                        file_name: text(upload, &["/fileName"]),
                        reported_at: row.received_at.to_string(),
                    },
                )
            });
            kept.insert(upload_id.to_owned(), report);
        }
    }
    let mut reported: Vec<(usize, ReportedUpload)> = kept.into_values().flatten().collect();
    reported.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then_with(|| a.1.upload_id.cmp(&b.1.upload_id))
    });
    reported
        .into_iter()
        .take(REPORTED_UPLOADS_LIMIT)
        .map(|(_, upload)| upload)
        .collect()
}

fn text(value: &Value, pointers: &[&str]) -> Option<String> {
    pointers
        .iter()
        .find_map(|p| value.pointer(p).and_then(Value::as_str).map(str::to_owned))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::text::Spelled;
    use crate::db::Timestamp;

    fn row(callback: Callback, payload: &str, second: u64) -> LinkEventRow {
        LinkEventRow {
            callback,
            account_id: None,
            verified: crate::db::Flag(true),
            payload: payload.into(),
            received_at: at(second),
        }
    }

    fn at(second: u64) -> Timestamp {
        let start: Timestamp = "2024-01-01T00:00:00.000Z".parse().unwrap();
        start + std::time::Duration::from_secs(second)
    }

    #[test]
    fn reported_uploads_follow_created_and_removed_callbacks() {
        // Newest first, as stored.
        let callbacks = [
            row(
                Callback::UploadsRemoved,
                r#"{"callback":"onUploadsRemoved","payload":{"uploads":[{"id":"u1"}]}}"#,
                3,
            ),
            row(
                Callback::UploadsCreated,
                r#"{"callback":"onUploadsCreated","payload":{"uploads":[{"id":"u2","type":"PAYSLIP","fileName":"payslip.pdf"}]}}"#,
                2,
            ),
            row(
                Callback::UploadsCreated,
                r#"{"callback":"onUploadsCreated","payload":{"uploads":[{"id":"u1"}]}}"#,
                1,
            ),
        ];
        let kept = reported_uploads(&callbacks);
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].upload_id, "u2");
        assert_eq!(kept[0].file_name.as_deref(), Some("payslip.pdf"));
        assert_eq!(kept[0].document_type.as_deref(), Some("PAYSLIP"));
        assert_eq!(kept[0].reported_at, at(2).to_string());
    }

    #[test]
    fn many_reported_uploads_are_read_in_linear_time() {
        // 200 callbacks × 20 uploads, every id reported again and then removed in turns:
        // a quadratic pass would do ~10^7 comparisons; this must stay instant and correct.
        let callbacks: Vec<_> = (0..200)
            .rev()
            .map(|i| {
                let kind = if i % 2 == 0 {
                    Callback::UploadsCreated
                } else {
                    Callback::UploadsRemoved
                };
                let ids: Vec<String> = (0..20)
                    .map(|j| format!(r#"{{"id":"u-{}"}}"#, (i / 2) * 20 + j))
                    .collect();
                row(
                    kind,
                    &format!(
                        r#"{{"callback":"{}","payload":{{"uploads":[{}]}}}}"#,
                        kind.spelling(),
                        ids.join(",")
                    ),
                    i,
                )
            })
            .collect();
        assert!(reported_uploads(&callbacks).is_empty());
    }
}
