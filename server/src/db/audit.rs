//! The audit trail: who read or changed which applicant's personal data, and when.
//! Append-only — the table's triggers refuse updates and deletes.

use sqlx::FromRow;
use wink_api::officer::AuditAction;

use super::{now, Db};

pub fn action_str(action: AuditAction) -> &'static str {
    match action {
        AuditAction::ViewList => "view_list",
        AuditAction::ViewDetail => "view_detail",
        AuditAction::Export => "export",
        AuditAction::ViewAudit => "view_audit",
        AuditAction::AddNote => "add_note",
        AuditAction::Decide => "decide",
        AuditAction::Delete => "delete",
        AuditAction::Invite => "invite",
    }
}

pub fn parse_action(s: &str) -> Option<AuditAction> {
    use AuditAction::*;
    [
        ViewDetail, Export, ViewAudit, AddNote, Decide, Delete, Invite,
    ]
    .into_iter()
    .find(|a| action_str(*a) == s)
}

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
    let at = now();
    let mut tx = db.begin().await?;
    for applicant_id in applicant_ids {
        sqlx::query(
            "INSERT INTO audit_log (officer_id, officer_email, applicant_id, action, at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&actor.officer_id)
        .bind(&actor.email)
        .bind(applicant_id)
        .bind(action_str(action))
        .bind(&at)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await
}

#[derive(Debug, Clone, FromRow)]
pub struct AuditRow {
    pub id: i64,
    pub officer_email: String,
    pub action: String,
    pub at: String,
}

/// Newest first.
pub async fn for_applicant(db: &Db, applicant_id: &str) -> sqlx::Result<Vec<AuditRow>> {
    sqlx::query_as(
        "SELECT id, officer_email, action, at FROM audit_log WHERE applicant_id = $1 \
         ORDER BY at DESC, id DESC",
    )
    .bind(applicant_id)
    .fetch_all(db)
    .await
}
