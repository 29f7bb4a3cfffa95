//! Snapshots of an applicant's verified data (a report's JSON), taken at each report and
//! each re-verification, so the next can say what changed. They go with the applicant.

use sqlx::FromRow;

pub use super::kinds::SnapshotReason;
use super::text::Text;
use super::{Db, Timestamp};

#[derive(Debug, Clone, FromRow)]
pub struct SnapshotRow {
    pub taken_at: Timestamp,
    /// `wink_api::report::Report` as JSON.
    pub body: String,
}

/// Stores a snapshot taken now; its time.
pub async fn insert(
    db: &Db,
    applicant_id: &str,
    reason: SnapshotReason,
    report_id: Option<&str>,
    body: &str,
) -> sqlx::Result<Timestamp> {
    let at = Timestamp::now();
    sqlx::query(
        "INSERT INTO report_snapshots (applicant_id, reason, report_id, taken_at, body) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(applicant_id)
    .bind(Text::of(&reason))
    .bind(report_id)
    .bind(at)
    .bind(body)
    .execute(db)
    .await?;
    Ok(at)
}

/// The applicant's newest snapshot.
pub async fn latest(db: &Db, applicant_id: &str) -> sqlx::Result<Option<SnapshotRow>> {
    sqlx::query_as(
        "SELECT taken_at, body FROM report_snapshots WHERE applicant_id = $1 \
         ORDER BY id DESC LIMIT 1",
    )
    .bind(applicant_id)
    .fetch_optional(db)
    .await
}
