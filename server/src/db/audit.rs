//! The audit trail: who read or changed which applicant's personal data, and when.
//! Append-only — the table's triggers refuse updates and deletes.

use sqlx::FromRow;
use wink_api::officer::AuditAction;

use super::dynamic::Query;
use super::text::Text;
use super::{Db, Timestamp};

/// Who is acting.
#[derive(Debug, Clone)]
pub struct Actor {
    pub officer_id: String,
    pub email: String,
}

/// Writes one row per applicant, in one transaction.
pub async fn record(
    db: &Db,
    actor: &Actor,
    applicant_ids: &[&str],
    action: AuditAction,
) -> sqlx::Result<()> {
    let at = Timestamp::now().to_string();
    let mut tx = db.begin().await?;
    // Many rows per statement (a list page is 25, an export every match): one round trip
    // per chunk, not per row; chunks stay far below both databases' limits on values.
    for chunk in applicant_ids.chunks(AUDIT_ROWS_PER_INSERT) {
        let mut insert = Query::new(
            "INSERT INTO audit_log (officer_id, officer_email, applicant_id, action, at) VALUES ",
        );
        let officer = insert.add_text(actor.officer_id.as_str());
        let email = insert.add_text(actor.email.as_str());
        let what = insert.add_text(Text::of(&action));
        let when = insert.add_text(at.as_str());
        for (i, applicant_id) in chunk.iter().enumerate() {
            let applicant = insert.add_text(*applicant_id);
            let separator = if i == 0 { "" } else { ", " };
            insert.push(&format!(
                "{separator}(${officer}, ${email}, ${applicant}, ${what}, ${when})"
            ));
        }
        insert.execute(&mut *tx).await?;
    }
    tx.commit().await
}

const AUDIT_ROWS_PER_INSERT: usize = 500;

/// Writes the row of one report's download: the view of personal data it is, naming the
/// report it produced.
pub async fn record_report(
    db: &Db,
    actor: &Actor,
    applicant_id: &str,
    report_id: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO audit_log (officer_id, officer_email, applicant_id, action, at, report_id) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&actor.officer_id)
    .bind(&actor.email)
    .bind(applicant_id)
    .bind(Text::of(&AuditAction::DownloadReport))
    .bind(Timestamp::now())
    .bind(report_id)
    .execute(db)
    .await?;
    Ok(())
}

#[derive(Debug, Clone, FromRow)]
pub struct AuditRow {
    pub id: i64,
    pub officer_email: String,
    #[sqlx(try_from = "Text")]
    pub action: AuditAction,
    pub at: Timestamp,
    pub report_id: Option<String>,
}

/// Newest first.
pub async fn for_applicant(db: &Db, applicant_id: &str) -> sqlx::Result<Vec<AuditRow>> {
    sqlx::query_as(
        "SELECT id, officer_email, action, at, report_id FROM audit_log WHERE applicant_id = $1 \
         ORDER BY at DESC, id DESC",
    )
    .bind(applicant_id)
    .fetch_all(db)
    .await
}
