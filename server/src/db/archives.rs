//! Smile's archives (uploaded documents) of each applicant, as last synced. What Smile read
//! from an archive as data items is in `smile_items`, under the archive's id.

use sqlx::FromRow;
use wink_api::document::DocumentStatus;

use super::text::Text;
use super::{Db, Timestamp};

#[derive(Debug, Clone, FromRow)]
pub struct ArchiveRow {
    pub archive_id: String,
    pub applicant_id: String,
    #[sqlx(try_from = "Text")]
    pub status: DocumentStatus,
    pub document_type: Option<String>,
    /// Smile's `Archive` JSON without file URLs; `None` once revoked.
    pub body: Option<String>,
    pub uploaded_at: Timestamp,
    pub updated_at: Timestamp,
}

/// One archive's state as Smile reported it.
pub struct Synced<'a> {
    pub archive_id: &'a str,
    pub applicant_id: &'a str,
    pub status: DocumentStatus,
    pub document_type: Option<&'a str>,
    pub body: &'a str,
    pub uploaded_at: Timestamp,
    pub updated_at: Timestamp,
}

/// Stores an archive's current state. One held by another applicant is left untouched
/// (`false`); a revoked one stays revoked, since Smile never brings an archive back.
pub async fn upsert(db: &Db, archive: &Synced<'_>) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "INSERT INTO archives (archive_id, applicant_id, status, document_type, body, \
         uploaded_at, updated_at, synced_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
         ON CONFLICT(archive_id) DO UPDATE SET status = excluded.status, \
           document_type = excluded.document_type, body = excluded.body, \
           updated_at = excluded.updated_at, synced_at = excluded.synced_at \
         WHERE archives.applicant_id = excluded.applicant_id AND archives.status != 'revoked'",
    )
    .bind(archive.archive_id)
    .bind(archive.applicant_id)
    .bind(Text::of(&archive.status))
    .bind(archive.document_type)
    .bind(archive.body)
    .bind(archive.uploaded_at)
    .bind(archive.updated_at)
    .bind(Timestamp::now())
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A revoked or deleted archive: its row stays as a record (type and times), and what Smile
/// read from it goes — the body and every data item, in one transaction. Only this
/// applicant's rows are touched.
pub async fn revoke(db: &Db, archive_id: &str, applicant_id: &str) -> sqlx::Result<()> {
    let mut tx = db.begin().await?;
    sqlx::query("DELETE FROM smile_items WHERE account_id = $1 AND applicant_id = $2")
        .bind(archive_id)
        .bind(applicant_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "UPDATE archives SET status = $1, body = NULL, synced_at = $2 \
         WHERE archive_id = $3 AND applicant_id = $4",
    )
    .bind(Text::of(&DocumentStatus::Revoked))
    .bind(Timestamp::now())
    .bind(archive_id)
    .bind(applicant_id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}

/// The applicant's archives, newest upload first (at most `limit`).
pub async fn for_applicant(
    db: &Db,
    applicant_id: &str,
    limit: i64,
) -> sqlx::Result<Vec<ArchiveRow>> {
    sqlx::query_as(
        "SELECT archive_id, applicant_id, status, document_type, body, uploaded_at, updated_at \
         FROM archives WHERE applicant_id = $1 ORDER BY uploaded_at DESC, archive_id LIMIT $2",
    )
    .bind(applicant_id)
    .bind(limit)
    .fetch_all(db)
    .await
}

/// The applicants (with a Smile user, created since `since`) whose documents may still be
/// on their way: one still being analysed, or an upload their browser reported since
/// `reported_since`.
pub async fn awaiting(
    db: &Db,
    since: Timestamp,
    reported_since: Timestamp,
) -> sqlx::Result<Vec<(String, String)>> {
    sqlx::query_as(
        "SELECT a.id, a.smile_user_id FROM applicants a \
         WHERE a.smile_user_id IS NOT NULL AND a.created_at >= $1 \
           AND (EXISTS (SELECT 1 FROM archives r WHERE r.applicant_id = a.id AND r.status = $2) \
                OR EXISTS (SELECT 1 FROM link_events e WHERE e.applicant_id = a.id \
                           AND e.callback = $3 AND e.received_at >= $4))",
    )
    .bind(since)
    .bind(Text::of(&DocumentStatus::Processing))
    .bind(Text::of(&super::kinds::Callback::UploadsCreated))
    .bind(reported_since)
    .fetch_all(db)
    .await
}
