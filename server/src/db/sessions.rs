//! Applicant sessions: the cookie holds a random token; the table holds only its hash.

use std::time::Duration;

use sha2::{Digest, Sha256};

use super::{Db, Timestamp};

/// A new random token (256 bits, hex) for a cookie or a resume link.
pub fn new_token() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// What is stored instead of a token: a leaked table does not yield live sessions.
pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

pub async fn create(db: &Db, applicant_id: &str, ttl: Duration) -> sqlx::Result<String> {
    let token = new_token();
    let at = Timestamp::now();
    sqlx::query(
        "INSERT INTO applicant_sessions (token_hash, applicant_id, created_at, expires_at) \
         VALUES ($1, $2, $3, $4)",
    )
    .bind(hash_token(&token))
    .bind(applicant_id)
    .bind(at)
    .bind(at + ttl)
    .execute(db)
    .await?;
    Ok(token)
}

/// The applicant a live session token belongs to.
pub async fn applicant_for(db: &Db, token: &str) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar(
        "SELECT applicant_id FROM applicant_sessions WHERE token_hash = $1 AND expires_at > $2",
    )
    .bind(hash_token(token))
    .bind(Timestamp::now())
    .fetch_optional(db)
    .await
}

/// Ends one session (the applicant signed out): its token no longer opens anything.
pub async fn end(db: &Db, token: &str) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM applicant_sessions WHERE token_hash = $1")
        .bind(hash_token(token))
        .execute(db)
        .await?;
    Ok(())
}
