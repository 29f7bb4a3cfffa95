//! Smile's webhooks as received: stored (deduplicated on the event id) before they are
//! acknowledged, then leased by the worker.

use std::time::Duration;

pub use super::kinds::InboxStatus;
use super::text::Text;
use super::{Backend, Db, Timestamp};

/// Stores one delivery. `false` when that event id is already stored (a redelivery):
/// `ON CONFLICT DO NOTHING` on the unique id, never read-then-write.
pub async fn insert(
    db: &Db,
    event_id: &str,
    event_type: &str,
    body: &[u8],
    status: InboxStatus,
    smile_user_id: Option<&str>,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "INSERT INTO webhook_inbox (event_id, event_type, body, status, received_at, \
         smile_user_id) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT(event_id) DO NOTHING",
    )
    .bind(event_id)
    .bind(event_type)
    .bind(body)
    .bind(Text::of(&status))
    .bind(Timestamp::now())
    .bind(smile_user_id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

#[derive(Debug, sqlx::FromRow)]
pub struct Leased {
    pub id: i64,
    pub body: Vec<u8>,
    pub attempts: i64,
}

/// Leases up to `limit` pending events; an expired lease (a crashed worker) is taken again.
/// The outer WHERE repeats the condition: under PostgreSQL, a row leased by another instance
/// between the pick and the update is re-checked and left alone, never leased twice.
pub async fn lease(db: &Db, limit: i64, lease: Duration) -> sqlx::Result<Vec<Leased>> {
    let at = Timestamp::now();
    let sql = format!(
        "UPDATE webhook_inbox SET lease_until = $1, attempts = attempts + 1 \
         WHERE id IN (SELECT id FROM webhook_inbox WHERE status = 'pending' \
                      AND (lease_until IS NULL OR lease_until < $2) ORDER BY id LIMIT $3{}) \
         AND status = 'pending' AND (lease_until IS NULL OR lease_until < $2) \
         RETURNING id, body, attempts",
        Backend::of(db).skip_locked()
    );
    sqlx::query_as(&sql)
        .bind(at + lease)
        .bind(at)
        .bind(limit)
        .fetch_all(db)
        .await
}

pub async fn finish(
    db: &Db,
    id: i64,
    status: InboxStatus,
    error: Option<&str>,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE webhook_inbox SET status = $1, last_error = $2, processed_at = $3, lease_until = NULL \
         WHERE id = $4",
    )
    .bind(Text::of(&status))
    .bind(error)
    .bind(Timestamp::now())
    .bind(id)
    .execute(db)
    .await?;
    // A delivery stored while its applicant was being erased missed the erasure's scrub.
    sqlx::query(&format!(
        "UPDATE webhook_inbox SET {SCRUBBED} WHERE id = $2 AND smile_user_id IN \
         (SELECT smile_user_id FROM applicant_tombstones WHERE smile_user_id IS NOT NULL)"
    ))
    .bind(EMPTY)
    .bind(id)
    .execute(db)
    .await?;
    Ok(())
}

/// What a scrubbed row keeps: its event id (for dedupe), type and times. `$1` is an empty
/// body; a pending row will never be processed, so it is ignored.
const SCRUBBED: &str = "body = $1, last_error = NULL, smile_user_id = NULL, \
     status = CASE WHEN status = 'pending' THEN 'ignored' ELSE status END";
const EMPTY: &[u8] = &[];

/// Removes what the stored webhooks about a Smile user say (an erased applicant's).
pub async fn scrub_user<'c>(
    conn: impl sqlx::Executor<'c, Database = sqlx::Any>,
    smile_user_id: &str,
) -> sqlx::Result<u64> {
    let done = sqlx::query(&format!(
        "UPDATE webhook_inbox SET {SCRUBBED} WHERE smile_user_id = $2"
    ))
    .bind(EMPTY)
    .bind(smile_user_id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

/// Counts by status, for tests and metrics.
pub async fn count(db: &Db, status: Option<InboxStatus>) -> sqlx::Result<i64> {
    match status {
        Some(status) => {
            sqlx::query_scalar("SELECT COUNT(*) FROM webhook_inbox WHERE status = $1")
                .bind(Text::of(&status))
                .fetch_one(db)
                .await
        }
        None => {
            sqlx::query_scalar("SELECT COUNT(*) FROM webhook_inbox")
                .fetch_one(db)
                .await
        }
    }
}

/// How many stored webhooks are in each status (those with none left out).
pub async fn counts(db: &Db) -> sqlx::Result<Vec<(InboxStatus, i64)>> {
    let rows: Vec<(Text, i64)> =
        sqlx::query_as("SELECT status, COUNT(*) FROM webhook_inbox GROUP BY status")
            .fetch_all(db)
            .await?;
    rows.into_iter()
        .map(|(status, n)| Ok((status.decode()?, n)))
        .collect()
}

/// When the oldest webhook still waiting for the worker arrived.
pub async fn oldest_pending(db: &Db) -> sqlx::Result<Option<Timestamp>> {
    sqlx::query_scalar("SELECT MIN(received_at) FROM webhook_inbox WHERE status = $1")
        .bind(Text::of(&InboxStatus::Pending))
        .fetch_one(db)
        .await
}

/// One stored webhook, for an applicant's timeline.
#[derive(Debug, sqlx::FromRow)]
pub struct Received {
    pub event_type: String,
    pub body: Vec<u8>,
    pub received_at: Timestamp,
}

/// The webhooks about one Smile user, newest first (at most `limit`).
pub async fn for_user(db: &Db, smile_user_id: &str, limit: i64) -> sqlx::Result<Vec<Received>> {
    sqlx::query_as(
        "SELECT event_type, body, received_at FROM webhook_inbox WHERE smile_user_id = $1 \
         ORDER BY id DESC LIMIT $2",
    )
    .bind(smile_user_id)
    .bind(limit)
    .fetch_all(db)
    .await
}
