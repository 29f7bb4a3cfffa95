//! Every widget callback the applicant's browser reported: the applicant's timeline.

use super::{now, Db};

pub async fn record(
    db: &Db,
    applicant_id: &str,
    callback: &str,
    account_id: Option<&str>,
    verified: bool,
    payload: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO link_events (applicant_id, callback, account_id, verified, payload, \
         received_at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(applicant_id)
    .bind(callback)
    .bind(account_id)
    .bind(i64::from(verified))
    .bind(payload)
    .bind(now())
    .execute(db)
    .await?;
    Ok(())
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LinkEventRow {
    pub callback: String,
    pub account_id: Option<String>,
    /// Stored as 0/1: the one boolean form SQLite and PostgreSQL read alike.
    #[sqlx(try_from = "i64")]
    pub verified: super::Flag,
    pub payload: String,
    pub received_at: String,
}

/// The applicant's callbacks, newest first (at most `limit`).
pub async fn for_applicant(
    db: &Db,
    applicant_id: &str,
    limit: i64,
) -> sqlx::Result<Vec<LinkEventRow>> {
    sqlx::query_as(
        "SELECT callback, account_id, verified, payload, received_at FROM link_events \
         WHERE applicant_id = $1 ORDER BY id DESC LIMIT $2",
    )
    .bind(applicant_id)
    .bind(limit)
    .fetch_all(db)
    .await
}
