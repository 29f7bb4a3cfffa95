//! One sync job per source (an account or an archive). Events for a source mark its job
//! pending (or dirty while it runs), so a burst of webhooks becomes one fetch of its data.

use std::collections::HashMap;
use std::time::Duration;

pub use super::kinds::{JobState, SourceKind};
use super::text::Text;
use super::{Backend, Db, Timestamp};

/// Fails this many times → `dead`, and stops blocking anything.
pub const MAX_ATTEMPTS: i64 = 5;

/// Asks for a sync of the `kind` source `source_id` no sooner than `delay` from now (a
/// short debounce lets a burst collapse). `task_finished` only ever turns on. A job belongs
/// to the applicant it was first written for: one asked for by another applicant leaves it
/// untouched, and the answer is `false` (nothing enqueued).
pub async fn enqueue(
    db: &Db,
    kind: SourceKind,
    source_id: &str,
    applicant_id: &str,
    task_finished: bool,
    delay: Duration,
) -> sqlx::Result<bool> {
    let at = Timestamp::now();
    let done = sqlx::query(
        "INSERT INTO sync_jobs (source_id, applicant_id, status, task_finished, due_at, updated_at, \
         source_kind) VALUES ($1, $2, 'pending', $3, $4, $5, $6) \
         ON CONFLICT(source_id) DO UPDATE SET \
           task_finished = CASE WHEN excluded.task_finished = 1 THEN 1 ELSE sync_jobs.task_finished END, \
           dirty = CASE WHEN sync_jobs.status = 'running' THEN 1 ELSE sync_jobs.dirty END, \
           status = CASE WHEN sync_jobs.status = 'running' THEN 'running' ELSE 'pending' END, \
           attempts = CASE WHEN sync_jobs.status = 'running' THEN sync_jobs.attempts ELSE 0 END, \
           due_at = CASE WHEN sync_jobs.status = 'pending' THEN sync_jobs.due_at ELSE excluded.due_at END, \
           updated_at = excluded.updated_at \
         WHERE sync_jobs.applicant_id = excluded.applicant_id \
           AND sync_jobs.source_kind = excluded.source_kind",
    )
    .bind(source_id)
    .bind(applicant_id)
    .bind(i64::from(task_finished))
    .bind(at + delay)
    .bind(at)
    .bind(Text::of(&kind))
    .execute(db)
    .await?;
    let enqueued = done.rows_affected() == 1;
    if !enqueued {
        tracing::warn!(source = %source_id, "sync job belongs to another applicant: not moved");
    }
    Ok(enqueued)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Job {
    pub source_id: String,
    #[sqlx(rename = "source_kind", try_from = "Text")]
    pub kind: SourceKind,
    pub applicant_id: String,
    #[sqlx(try_from = "i64")]
    pub task_finished: super::Flag,
    pub attempts: i64,
}

/// Leases one due job (pending, or running with an expired lease after a crash). The outer
/// WHERE repeats the condition so that, under PostgreSQL, a job another instance leased
/// between the pick and the update is re-checked and left alone.
pub async fn lease(db: &Db, lease: Duration) -> sqlx::Result<Option<Job>> {
    let at = Timestamp::now();
    let sql = format!(
        "UPDATE sync_jobs SET status = 'running', dirty = 0, attempts = attempts + 1, \
           lease_until = $1, updated_at = $2 \
         WHERE source_id = (SELECT source_id FROM sync_jobs \
             WHERE (status = 'pending' AND due_at <= $2) \
                OR (status = 'running' AND lease_until < $2) \
             ORDER BY due_at LIMIT 1{}) \
         AND ((status = 'pending' AND due_at <= $2) OR (status = 'running' AND lease_until < $2)) \
         RETURNING source_id, source_kind, applicant_id, task_finished, attempts",
        Backend::of(db).skip_locked()
    );
    sqlx::query_as(&sql)
        .bind(at + lease)
        .bind(at)
        .fetch_optional(db)
        .await
}

/// Done — or pending again at once if events arrived while it ran.
pub async fn succeed(db: &Db, source_id: &str) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE sync_jobs SET status = CASE WHEN dirty = 1 THEN 'pending' ELSE 'done' END, \
           attempts = CASE WHEN dirty = 1 THEN 0 ELSE attempts END, \
           dirty = 0, lease_until = NULL, last_error = NULL, updated_at = $1 \
         WHERE source_id = $2",
    )
    .bind(Timestamp::now())
    .bind(source_id)
    .execute(db)
    .await?;
    Ok(())
}

/// Retries later with back-off, or `dead` after [`MAX_ATTEMPTS`].
pub async fn fail(db: &Db, job: &Job, error: &str) -> sqlx::Result<()> {
    let status = if job.attempts >= MAX_ATTEMPTS {
        JobState::Dead
    } else {
        JobState::Pending
    };
    let backoff = Duration::from_secs(2u64.pow(job.attempts.clamp(0, 8) as u32));
    let at = Timestamp::now();
    sqlx::query(
        "UPDATE sync_jobs SET status = $1, due_at = $2, lease_until = NULL, last_error = $3, \
           updated_at = $4 WHERE source_id = $5",
    )
    .bind(Text::of(&status))
    .bind(at + backoff)
    .bind(error)
    .bind(at)
    .bind(&job.source_id)
    .execute(db)
    .await?;
    Ok(())
}

/// How many jobs are in each state (those with none left out).
pub async fn counts(db: &Db) -> sqlx::Result<HashMap<JobState, i64>> {
    let rows: Vec<(Text, i64)> =
        sqlx::query_as("SELECT status, COUNT(*) FROM sync_jobs GROUP BY status")
            .fetch_all(db)
            .await?;
    rows.into_iter()
        .map(|(status, n)| Ok((status.decode()?, n)))
        .collect()
}

pub async fn status(db: &Db, source_id: &str) -> sqlx::Result<Option<JobState>> {
    let status: Option<Text> =
        sqlx::query_scalar("SELECT status FROM sync_jobs WHERE source_id = $1")
            .bind(source_id)
            .fetch_optional(db)
            .await?;
    status.map(Text::decode).transpose()
}
