//! Deleted applicants: what is kept after their personal data is purged.

use sqlx::{Any, Transaction};

use super::{inbox, officers, Db, Timestamp};

/// Records the deletion and removes the applicant's row (which cascades to sessions,
/// accounts, items, callbacks, jobs, flags, notes and decisions) in one transaction, with
/// everything else that holds their personal data: see [`scrub`].
/// Idempotent: two instances' retention passes may bury the same applicant.
pub async fn bury(
    db: &Db,
    applicant_id: &str,
    reference: &str,
    smile_user_id: Option<&str>,
    officer_id: &str,
) -> sqlx::Result<()> {
    let mut tx = db.begin().await?;
    sqlx::query(
        "INSERT INTO applicant_tombstones (applicant_id, reference, smile_user_id, deleted_by, \
         deleted_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (applicant_id) DO NOTHING",
    )
    .bind(applicant_id)
    .bind(reference)
    .bind(smile_user_id)
    .bind(officer_id)
    .bind(Timestamp::now())
    .execute(&mut *tx)
    .await?;
    scrub(&mut tx, applicant_id, smile_user_id).await?;
    sqlx::query("DELETE FROM applicants WHERE id = $1")
        .bind(applicant_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await
}

/// What the cascade does not reach: the stored webhooks about their Smile user (their
/// bodies carry login names and ids; event id, type and times stay for dedupe), failed
/// sign-ins typed with their email, and the invitation they applied with.
async fn scrub(
    tx: &mut Transaction<'_, Any>,
    applicant_id: &str,
    smile_user_id: Option<&str>,
) -> sqlx::Result<()> {
    let email: Option<String> = sqlx::query_scalar("SELECT email FROM applicants WHERE id = $1")
        .bind(applicant_id)
        .fetch_optional(&mut **tx)
        .await?;
    if let Some(user) = smile_user_id {
        inbox::scrub_user(&mut **tx, user).await?;
    }
    if let Some(email) = email {
        sqlx::query("DELETE FROM login_failures WHERE key = $1")
            .bind(officers::limit_key(
                "email",
                &officers::normalise_email(&email),
            ))
            .execute(&mut **tx)
            .await?;
    }
    sqlx::query(
        "UPDATE invites SET applicant_id = NULL, full_name = '', email = '', mobile = '', \
         employer = '' WHERE applicant_id = $1",
    )
    .bind(applicant_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Which of these Smile users belonged to deleted applicants (their webhooks are not
/// stored).
pub async fn buried_among(
    db: &Db,
    smile_user_ids: &[&str],
) -> sqlx::Result<std::collections::HashSet<String>> {
    if smile_user_ids.is_empty() {
        return Ok(Default::default());
    }
    let placeholders: Vec<String> = (1..=smile_user_ids.len())
        .map(|n| format!("${n}"))
        .collect();
    let sql = format!(
        "SELECT smile_user_id FROM applicant_tombstones WHERE smile_user_id IN ({})",
        placeholders.join(", ")
    );
    let mut query = sqlx::query_scalar::<_, String>(&sql);
    for id in smile_user_ids {
        query = query.bind(*id);
    }
    Ok(query.fetch_all(db).await?.into_iter().collect())
}

pub async fn reference_of(db: &Db, applicant_id: &str) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar("SELECT reference FROM applicant_tombstones WHERE applicant_id = $1")
        .bind(applicant_id)
        .fetch_optional(db)
        .await
}
