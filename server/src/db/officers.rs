//! Loan officers and their sessions. Like applicant sessions, the cookie holds a random
//! token and the table only its hash.

use chrono::{DateTime, Duration, Utc};
use sqlx::FromRow;

use super::sessions::{hash_token, new_token};
use super::{now, timestamp, Db};

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
    .bind(now())
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
    pub last_seen_at: String,
    pub expires_at: String,
}

/// Starts a session ending at the latest `absolute` from now; returns the cookie value.
pub async fn start_session(db: &Db, officer_id: &str, absolute: Duration) -> sqlx::Result<String> {
    let token = new_token();
    let at = now();
    sqlx::query(
        "INSERT INTO officer_sessions (token_hash, officer_id, created_at, last_seen_at, \
         expires_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(hash_token(&token))
    .bind(officer_id)
    .bind(&at)
    .bind(&at)
    .bind(timestamp(Utc::now() + absolute))
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
    at: DateTime<Utc>,
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
    let stamp = timestamp(at);
    let idle_since = timestamp(at - idle);
    if session.expires_at <= stamp || session.last_seen_at <= idle_since {
        end_session(db, token).await?;
        return Ok(None);
    }
    sqlx::query("UPDATE officer_sessions SET last_seen_at = $1 WHERE token_hash = $2")
        .bind(&stamp)
        .bind(&hash)
        .execute(db)
        .await?;
    Ok(Some(session))
}

pub async fn end_session(db: &Db, token: &str) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM officer_sessions WHERE token_hash = $1")
        .bind(hash_token(token))
        .execute(db)
        .await?;
    Ok(())
}

/// Records a failed login under each key (`email:...`, `ip:...`).
pub async fn record_failure(db: &Db, keys: &[String]) -> sqlx::Result<()> {
    let at = now();
    for key in keys {
        sqlx::query("INSERT INTO login_failures (key, at) VALUES ($1, $2)")
            .bind(key)
            .bind(&at)
            .execute(db)
            .await?;
    }
    Ok(())
}

/// Failures under `key` since `since`, and the oldest of them (when the window frees up).
pub async fn failures_since(
    db: &Db,
    key: &str,
    since: DateTime<Utc>,
) -> sqlx::Result<(i64, Option<String>)> {
    sqlx::query_as("SELECT COUNT(*), MIN(at) FROM login_failures WHERE key = $1 AND at > $2")
        .bind(key)
        .bind(timestamp(since))
        .fetch_one(db)
        .await
}

/// A successful login clears the account's failures (not the address's).
pub async fn clear_failures(db: &Db, key: &str) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM login_failures WHERE key = $1")
        .bind(key)
        .execute(db)
        .await?;
    Ok(())
}
