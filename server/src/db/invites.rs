//! Officers' invitations: a single-use, expiring link that opens the application form
//! pre-filled. Only the token's hash is stored.

use std::time::Duration;

use sqlx::FromRow;
use wink_api::officer::NewInvite;

use super::sessions::{hash_token, new_token};
use super::{Db, Timestamp};

/// Creates an invitation; returns the token (shown once) and when it expires.
pub async fn create(
    db: &Db,
    officer_id: &str,
    invite: &NewInvite,
    ttl: Duration,
) -> sqlx::Result<(String, Timestamp)> {
    let token = new_token();
    let at = Timestamp::now();
    let expires_at = at + ttl;
    sqlx::query(
        "INSERT INTO invites (token_hash, full_name, email, mobile, employer, officer_id, \
         created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(hash_token(&token))
    .bind(invite.full_name.trim())
    .bind(invite.email.trim())
    .bind(invite.mobile.trim())
    .bind(invite.employer.trim())
    .bind(officer_id)
    .bind(at)
    .bind(expires_at)
    .execute(db)
    .await?;
    Ok((token, expires_at))
}

#[derive(Debug, Clone, FromRow)]
pub struct InviteRow {
    pub full_name: String,
    pub email: String,
    pub mobile: String,
    pub employer: String,
    pub expires_at: Timestamp,
    pub used_at: Option<Timestamp>,
}

impl InviteRow {
    pub fn usable(&self) -> bool {
        self.used_at.is_none() && self.expires_at > Timestamp::now()
    }
}

pub async fn find(db: &Db, token: &str) -> sqlx::Result<Option<InviteRow>> {
    sqlx::query_as(
        "SELECT full_name, email, mobile, employer, expires_at, used_at FROM invites \
         WHERE token_hash = $1",
    )
    .bind(hash_token(token.trim()))
    .fetch_optional(db)
    .await
}

/// Uses the invitation up for `applicant_id`; `false` when it is unknown, used or expired
/// (a single conditional update, so two applications cannot both use it).
pub async fn redeem(db: &Db, token: &str, applicant_id: &str) -> sqlx::Result<bool> {
    let at = Timestamp::now();
    let done = sqlx::query(
        "UPDATE invites SET used_at = $1, applicant_id = $2 \
         WHERE token_hash = $3 AND used_at IS NULL AND expires_at > $4",
    )
    .bind(at)
    .bind(applicant_id)
    .bind(hash_token(token.trim()))
    .bind(at)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}
