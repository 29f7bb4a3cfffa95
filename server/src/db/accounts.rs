//! Accounts an applicant linked, as confirmed by Smile.

use sqlx::FromRow;
use wink_api::{LinkStatus, LinkedAccount};

use super::text::Text;
use super::{Db, Timestamp};

#[derive(Debug, Clone, FromRow)]
pub struct AccountRow {
    pub account_id: String,
    pub applicant_id: String,
    pub provider_id: String,
    #[sqlx(try_from = "Text")]
    pub status: LinkStatus,
    pub error_code: Option<String>,
    pub updated_at: Timestamp,
    pub created_at: Timestamp,
    pub last_synced_at: Option<Timestamp>,
    /// Set when the account was disconnected; the row stays (without data) as a record.
    pub disconnected_at: Option<Timestamp>,
}

impl AccountRow {
    /// A live row of applicant `ap-1` with provider `sss_ph`, for unit tests.
    #[cfg(test)]
    pub fn sample(account_id: &str, status: LinkStatus) -> Self {
        let at: Timestamp = "2026-11-01T00:00:00Z".parse().expect("a valid instant");
        AccountRow {
            account_id: account_id.into(),
            applicant_id: "ap-1".into(),
            provider_id: "sss_ph".into(),
            status,
            error_code: None,
            updated_at: at,
            created_at: at,
            last_synced_at: None,
            disconnected_at: None,
        }
    }

    pub fn to_api(&self, provider_name: Option<String>) -> LinkedAccount {
        LinkedAccount {
            account_id: self.account_id.clone(),
            provider_id: self.provider_id.clone(),
            provider_name,
            status: self.status,
            error_code: self
                .error_code
                .as_deref()
                .and_then(|c| serde_json::from_value(serde_json::Value::String(c.into())).ok()),
            updated_at: self.updated_at.to_string(),
        }
    }
}

/// Inserts or updates an account of this applicant. An account id already held by another
/// applicant is left untouched (returns false). Progress never moves backwards (`ready`
/// stays `ready` when a late event says `connected`); an error, or recovering from one,
/// always applies.
pub async fn upsert(
    db: &Db,
    applicant_id: &str,
    account_id: &str,
    provider_id: &str,
    status: LinkStatus,
    error_code: Option<&str>,
) -> sqlx::Result<bool> {
    let at = Timestamp::now();
    let sql = format!(
        "INSERT INTO linked_accounts (account_id, applicant_id, provider_id, status, error_code, \
         created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7) \
         ON CONFLICT(account_id) DO UPDATE SET \
         status = CASE WHEN excluded.status = 'error' OR linked_accounts.status = 'error' \
                         OR {new} >= {old} THEN excluded.status ELSE linked_accounts.status END, \
         error_code = CASE WHEN excluded.status = 'error' THEN excluded.error_code \
                           WHEN linked_accounts.status = 'error' THEN NULL \
                           ELSE linked_accounts.error_code END, \
         updated_at = excluded.updated_at \
         WHERE linked_accounts.applicant_id = excluded.applicant_id \
           AND linked_accounts.disconnected_at IS NULL",
        new = rank("excluded.status"),
        old = rank("linked_accounts.status"),
    );
    let done = sqlx::query(&sql)
        .bind(account_id)
        .bind(applicant_id)
        .bind(provider_id)
        .bind(Text::of(&status))
        .bind(error_code)
        .bind(at)
        .bind(at)
        .execute(db)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// `connecting` < `connected` < `syncing` < `ready`, as an SQL expression.
fn rank(column: &str) -> String {
    format!(
        "(CASE {column} WHEN 'connected' THEN 1 WHEN 'syncing' THEN 2 WHEN 'ready' THEN 3 ELSE 0 END)"
    )
}

/// Records a finished sync of the account's data.
pub async fn mark_synced(db: &Db, account_id: &str) -> sqlx::Result<()> {
    sqlx::query("UPDATE linked_accounts SET last_synced_at = $1 WHERE account_id = $2")
        .bind(Timestamp::now())
        .bind(account_id)
        .execute(db)
        .await?;
    Ok(())
}

/// Marks the account disconnected. Its row stays, so the officer and the summary can see
/// that an account was linked and then revoked; its data is purged separately.
pub async fn remove(db: &Db, applicant_id: &str, account_id: &str) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE linked_accounts SET disconnected_at = $1, updated_at = $2 \
         WHERE applicant_id = $3 AND account_id = $4 AND disconnected_at IS NULL",
    )
    .bind(Timestamp::now())
    .bind(Timestamp::now())
    .bind(applicant_id)
    .bind(account_id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

const COLUMNS: &str = "account_id, applicant_id, provider_id, status, error_code, updated_at, \
     created_at, last_synced_at, disconnected_at";

/// The applicant's live (not disconnected) accounts.
pub async fn for_applicant(db: &Db, applicant_id: &str) -> sqlx::Result<Vec<AccountRow>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM linked_accounts WHERE applicant_id = $1 \
         AND disconnected_at IS NULL ORDER BY created_at, account_id"
    ))
    .bind(applicant_id)
    .fetch_all(db)
    .await
}

/// Every account the applicant ever linked, disconnected ones included.
pub async fn all_for_applicant(db: &Db, applicant_id: &str) -> sqlx::Result<Vec<AccountRow>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM linked_accounts WHERE applicant_id = $1 \
         ORDER BY created_at, account_id"
    ))
    .bind(applicant_id)
    .fetch_all(db)
    .await
}
