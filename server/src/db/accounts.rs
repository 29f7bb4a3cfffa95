//! Accounts an applicant linked, as confirmed by Smile.

use sqlx::FromRow;
use wink_api::{LinkStatus, LinkedAccount};

use super::{now, Db};

#[derive(Debug, Clone, FromRow)]
pub struct AccountRow {
    pub account_id: String,
    pub applicant_id: String,
    pub provider_id: String,
    pub status: String,
    pub error_code: Option<String>,
    pub updated_at: String,
}

pub fn status_str(status: LinkStatus) -> &'static str {
    match status {
        LinkStatus::Connecting => "connecting",
        LinkStatus::Connected => "connected",
        LinkStatus::Syncing => "syncing",
        LinkStatus::Ready => "ready",
        LinkStatus::Error => "error",
    }
}

pub fn parse_status(s: &str) -> LinkStatus {
    match s {
        "connected" => LinkStatus::Connected,
        "syncing" => LinkStatus::Syncing,
        "ready" => LinkStatus::Ready,
        "error" => LinkStatus::Error,
        _ => LinkStatus::Connecting,
    }
}

impl AccountRow {
    pub fn to_api(&self, provider_name: Option<String>) -> LinkedAccount {
        LinkedAccount {
            account_id: self.account_id.clone(),
            provider_id: self.provider_id.clone(),
            provider_name,
            status: parse_status(&self.status),
            error_code: self
                .error_code
                .as_deref()
                .and_then(|c| serde_json::from_value(serde_json::Value::String(c.into())).ok()),
            updated_at: self.updated_at.clone(),
        }
    }
}

/// Inserts or updates an account of this applicant. An account id already held by another
/// applicant is left untouched (returns false).
pub async fn upsert(
    db: &Db,
    applicant_id: &str,
    account_id: &str,
    provider_id: &str,
    status: LinkStatus,
    error_code: Option<&str>,
) -> sqlx::Result<bool> {
    let at = now();
    let done = sqlx::query(
        "INSERT INTO linked_accounts (account_id, applicant_id, provider_id, status, error_code, \
         created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) \
         ON CONFLICT(account_id) DO UPDATE SET status = excluded.status, \
         error_code = excluded.error_code, updated_at = excluded.updated_at \
         WHERE linked_accounts.applicant_id = excluded.applicant_id",
    )
    .bind(account_id)
    .bind(applicant_id)
    .bind(provider_id)
    .bind(status_str(status))
    .bind(error_code)
    .bind(&at)
    .bind(&at)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn remove(db: &Db, applicant_id: &str, account_id: &str) -> sqlx::Result<bool> {
    let done = sqlx::query("DELETE FROM linked_accounts WHERE applicant_id = ? AND account_id = ?")
        .bind(applicant_id)
        .bind(account_id)
        .execute(db)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn for_applicant(db: &Db, applicant_id: &str) -> sqlx::Result<Vec<AccountRow>> {
    sqlx::query_as(
        "SELECT account_id, applicant_id, provider_id, status, error_code, updated_at \
         FROM linked_accounts WHERE applicant_id = ? ORDER BY created_at, account_id",
    )
    .bind(applicant_id)
    .fetch_all(db)
    .await
}
