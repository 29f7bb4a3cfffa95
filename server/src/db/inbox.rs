//! Smile's webhooks as received: stored (deduplicated on the event id) before they are
//! acknowledged, then leased by the worker.

use std::time::Duration;

pub use super::kinds::InboxStatus;
use super::text::Text;
use super::{Backend, Db, Timestamp};

/// One delivery to store.
#[derive(Debug)]
pub struct NewDelivery {
    pub event_id: String,
    pub event_type: String,
    pub body: Vec<u8>,
    pub status: InboxStatus,
    pub smile_user_id: Option<String>,
}

/// Stores deliveries in one statement (one commit), deduplicated on the event id by
/// `ON CONFLICT DO NOTHING` on the unique id, never read-then-write, and leaving out in the
/// same statement those about a deleted applicant's Smile user (`applicant_tombstones`):
/// no separate lookup, and no window between it and the insert. For each, whether it was
/// stored: `false` for a redelivery, the second of two with the same id in `rows`, and a
/// buried user's.
pub async fn insert_unless_buried<'c>(
    conn: impl sqlx::Executor<'c, Database = sqlx::Any>,
    rows: &[&NewDelivery],
) -> sqlx::Result<Vec<bool>> {
    use std::collections::HashSet;
    use std::fmt::Write;
    const COLUMNS: usize = 6;
    let mut sql = String::from(
        "WITH incoming (event_id, event_type, body, status, received_at, smile_user_id) AS \
         (VALUES ",
    );
    for row in 0..rows.len() {
        let n = row * COLUMNS;
        let separator = if row == 0 { "" } else { ", " };
        let _ = write!(
            sql,
            "{separator}(${}, ${}, ${}, ${}, ${}, ${})",
            n + 1,
            n + 2,
            n + 3,
            n + 4,
            n + 5,
            n + 6
        );
    }
    // SQLite needs the WHERE before an upsert of a SELECT anyway (its parser's ambiguity).
    sql.push_str(
        ") INSERT INTO webhook_inbox (event_id, event_type, body, status, received_at, \
         smile_user_id) \
         SELECT event_id, event_type, body, status, received_at, smile_user_id FROM incoming \
         WHERE NOT EXISTS (SELECT 1 FROM applicant_tombstones AS t \
                           WHERE t.smile_user_id = incoming.smile_user_id) \
         ON CONFLICT(event_id) DO NOTHING RETURNING event_id",
    );
    let received_at = Timestamp::now();
    let mut query = sqlx::query_scalar::<_, String>(&sql);
    for row in rows {
        query = query
            .bind(row.event_id.as_str())
            .bind(row.event_type.as_str())
            .bind(row.body.as_slice())
            .bind(Text::of(&row.status))
            .bind(received_at)
            .bind(row.smile_user_id.as_deref());
    }
    let inserted: HashSet<String> = query.fetch_all(conn).await?.into_iter().collect();
    let mut answered = HashSet::new();
    Ok(rows
        .iter()
        .map(|row| inserted.contains(&row.event_id) && answered.insert(row.event_id.as_str()))
        .collect())
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
