//! The data Smile holds for an applicant's accounts, one row per Smile item.

pub use super::kinds::ItemKind;
use super::text::Text;
use super::{Db, Timestamp};

/// Replaces everything stored for one account and kind with `items` (id, JSON): the
/// result is Smile's current state whatever order the syncs ran in.
pub async fn replace(
    db: &Db,
    kind: ItemKind,
    account_id: &str,
    applicant_id: &str,
    items: &[(String, String)],
) -> sqlx::Result<()> {
    let mut tx = db.begin().await?;
    sqlx::query("DELETE FROM smile_items WHERE kind = $1 AND account_id = $2")
        .bind(Text::of(&kind))
        .bind(account_id)
        .execute(&mut *tx)
        .await?;
    let at = Timestamp::now();
    for (smile_id, body) in items {
        sqlx::query(
            "INSERT INTO smile_items (kind, smile_id, account_id, applicant_id, body, synced_at) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT(kind, smile_id) DO UPDATE SET \
             account_id = excluded.account_id, applicant_id = excluded.applicant_id, \
             body = excluded.body, synced_at = excluded.synced_at",
        )
        .bind(Text::of(&kind))
        .bind(smile_id)
        .bind(account_id)
        .bind(applicant_id)
        .bind(body)
        .bind(at)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await
}

/// A disconnected account's data goes: only the rows stored for this applicant, so a
/// mismatched event or job can never purge someone else's data.
pub async fn purge_account(db: &Db, account_id: &str, applicant_id: &str) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM smile_items WHERE account_id = $1 AND applicant_id = $2")
        .bind(account_id)
        .bind(applicant_id)
        .execute(db)
        .await?;
    Ok(())
}

/// The stored JSON bodies of one kind for an applicant, oldest Smile id first.
pub async fn for_applicant(
    db: &Db,
    applicant_id: &str,
    kind: ItemKind,
) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar(
        "SELECT body FROM smile_items WHERE applicant_id = $1 AND kind = $2 ORDER BY smile_id",
    )
    .bind(applicant_id)
    .bind(Text::of(&kind))
    .fetch_all(db)
    .await
}
