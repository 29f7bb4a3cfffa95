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
         received_at) VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(applicant_id)
    .bind(callback)
    .bind(account_id)
    .bind(verified)
    .bind(payload)
    .bind(now())
    .execute(db)
    .await?;
    Ok(())
}
