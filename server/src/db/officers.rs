//! Loan officers and their sessions. Like applicant sessions, the cookie holds a random
//! token and the table only its hash.

use std::time::Duration;

use sqlx::FromRow;

use super::sessions::{hash_token, new_token};
use super::{Db, Timestamp};

#[derive(Debug, Clone, FromRow)]
pub struct Officer {
    pub id: String,
    pub email: String,
    pub password_hash: String,
}

/// Emails are compared lower-case and trimmed.
pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// Creates the officer, or sets a new password when the email exists. Returns the id.
pub async fn upsert(db: &Db, email: &str, password_hash: &str) -> sqlx::Result<String> {
    let id = uuid::Uuid::new_v4().to_string();
    sqlx::query_scalar(
        "INSERT INTO officers (id, email, password_hash, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT(email) DO UPDATE SET password_hash = excluded.password_hash \
         RETURNING id",
    )
    .bind(&id)
    .bind(normalise_email(email))
    .bind(password_hash)
    .bind(Timestamp::now())
    .fetch_one(db)
    .await
}

pub async fn find_by_email(db: &Db, email: &str) -> sqlx::Result<Option<Officer>> {
    sqlx::query_as("SELECT id, email, password_hash FROM officers WHERE email = $1")
        .bind(normalise_email(email))
        .fetch_optional(db)
        .await
}

/// A live session as looked up from its cookie.
#[derive(Debug, Clone, FromRow)]
pub struct Session {
    pub officer_id: String,
    pub email: String,
    pub last_seen_at: Timestamp,
    pub expires_at: Timestamp,
}

/// Starts a session ending at the latest `absolute` from now; returns the cookie value.
pub async fn start_session(db: &Db, officer_id: &str, absolute: Duration) -> sqlx::Result<String> {
    let token = new_token();
    let at = Timestamp::now();
    sqlx::query(
        "INSERT INTO officer_sessions (token_hash, officer_id, created_at, last_seen_at, \
         expires_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(hash_token(&token))
    .bind(officer_id)
    .bind(at)
    .bind(at)
    .bind(at + absolute)
    .execute(db)
    .await?;
    Ok(token)
}

/// The session behind a cookie value if it is neither past its absolute end nor idle for
/// longer than `idle`; touching it restarts the idle clock. An expired session is deleted,
/// so its cookie cannot come back to life.
pub async fn touch_session(
    db: &Db,
    token: &str,
    idle: Duration,
    at: Timestamp,
) -> sqlx::Result<Option<Session>> {
    let hash = hash_token(token);
    let session: Option<Session> = sqlx::query_as(
        "SELECT s.officer_id, o.email, s.last_seen_at, s.expires_at FROM officer_sessions s \
         JOIN officers o ON o.id = s.officer_id WHERE s.token_hash = $1",
    )
    .bind(&hash)
    .fetch_optional(db)
    .await?;
    let Some(session) = session else {
        return Ok(None);
    };
    if session.expires_at <= at || session.last_seen_at <= at - idle {
        end_session(db, token).await?;
        return Ok(None);
    }
    sqlx::query("UPDATE officer_sessions SET last_seen_at = $1 WHERE token_hash = $2")
        .bind(at)
        .bind(&hash)
        .execute(db)
        .await?;
    Ok(Some(session))
}

/// Whether the session is still live (not ended, idle or past its end) — without counting
/// as activity, so an open stream does not keep an idle session alive.
pub async fn session_live(
    db: &Db,
    token: &str,
    idle: Duration,
    at: Timestamp,
) -> sqlx::Result<bool> {
    let live: Option<i64> = sqlx::query_scalar(
        "SELECT 1 FROM officer_sessions WHERE token_hash = $1 AND expires_at > $2 \
         AND last_seen_at > $3",
    )
    .bind(hash_token(token))
    .bind(at)
    .bind(at - idle)
    .fetch_optional(db)
    .await?;
    Ok(live.is_some())
}

pub async fn end_session(db: &Db, token: &str) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM officer_sessions WHERE token_hash = $1")
        .bind(hash_token(token))
        .execute(db)
        .await?;
    Ok(())
}

/// A bucket of the sign-in limit (an account or a client address), as stored: the hex
/// SHA-256 of `kind:value`, so the table never holds what someone typed into the email box.
pub fn limit_key(kind: &str, value: &str) -> String {
    hash_token(&format!("{kind}:{value}"))
}

/// One bucket to reserve an attempt in, and how many attempts it allows per window.
#[derive(Debug, Clone)]
pub struct Budget {
    pub key: String,
    pub max: u32,
}

/// The outcome of [`reserve_attempt`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reservation {
    /// Counted: the attempt's id, to [`release_attempt`] it if no password gets checked
    /// or the password was right. Left in place, it is a failure.
    Granted(String),
    /// A bucket is full; it frees up at this time.
    Refused(Timestamp),
}

/// Reserves one sign-in attempt in every bucket before any password is checked. Each
/// bucket's row is locked first (an upsert: a row lock in PostgreSQL, the write lock in
/// SQLite), so concurrent attempts on any instance take turns: each counts every attempt
/// granted before it and at most `max` are granted per window. A refused attempt leaves
/// nothing behind, so refusals never extend a lock-out. Rows older than the window are
/// pruned on the way.
pub async fn reserve_attempt(
    db: &Db,
    budgets: &[Budget],
    at: Timestamp,
    window: Duration,
) -> sqlx::Result<Reservation> {
    let since = at - window;
    prune_attempts(db, since).await?;
    // Locked in one order (by key), so two attempts never wait for each other in a cycle.
    let mut budgets: Vec<&Budget> = budgets.iter().collect();
    budgets.sort_by(|a, b| a.key.cmp(&b.key));
    let mut tx = db.begin().await?;
    for budget in &budgets {
        sqlx::query(
            "INSERT INTO login_buckets (key, touched_at) VALUES ($1, $2) \
             ON CONFLICT (key) DO UPDATE SET touched_at = excluded.touched_at",
        )
        .bind(&budget.key)
        .bind(at)
        .execute(&mut *tx)
        .await?;
        let (count, oldest): (i64, Option<Timestamp>) = sqlx::query_as(
            "SELECT COUNT(*), MIN(at) FROM login_failures WHERE key = $1 AND at > $2",
        )
        .bind(&budget.key)
        .bind(since)
        .fetch_one(&mut *tx)
        .await?;
        if count >= i64::from(budget.max) {
            tx.rollback().await?;
            let frees_at = oldest.map_or(at + window, |oldest| oldest + window);
            return Ok(Reservation::Refused(frees_at.min(at + window)));
        }
    }
    let attempt = uuid::Uuid::new_v4().to_string();
    for budget in &budgets {
        sqlx::query("INSERT INTO login_failures (attempt, key, at) VALUES ($1, $2, $3)")
            .bind(&attempt)
            .bind(&budget.key)
            .bind(at)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(Reservation::Granted(attempt))
}

/// Takes back a reserved attempt (it did not fail: busy, or the right password).
pub async fn release_attempt(db: &Db, attempt: &str) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM login_failures WHERE attempt = $1")
        .bind(attempt)
        .execute(db)
        .await?;
    Ok(())
}

/// A successful sign-in clears the account's failures (not the address's).
pub async fn clear_failures(db: &Db, key: &str) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM login_failures WHERE key = $1")
        .bind(key)
        .execute(db)
        .await?;
    Ok(())
}

/// Attempts at or before `until` no longer count: they go, with buckets idle since.
pub async fn prune_attempts(db: &Db, until: Timestamp) -> sqlx::Result<u64> {
    let done = sqlx::query("DELETE FROM login_failures WHERE at <= $1")
        .bind(until)
        .execute(db)
        .await?;
    sqlx::query("DELETE FROM login_buckets WHERE touched_at <= $1")
        .bind(until)
        .execute(db)
        .await?;
    Ok(done.rows_affected())
}
