//! Deleting an applicant: each linked account is revoked at Smile first, then the personal
//! data is purged in one transaction that keeps a tombstone and the audit trail. If Smile
//! cannot be reached nothing is purged, so the officer can simply try again.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use wink_api::officer::AuditAction;

use super::detail::find;
use super::session::CurrentOfficer;
use crate::db::{accounts, audit, tombstones};
use crate::{AppError, AppState};

pub async fn delete(
    State(state): State<AppState>,
    officer: CurrentOfficer,
    Path(id): Path<String>,
) -> Result<StatusCode, AppError> {
    let applicant = find(&state, &id).await?;
    // Every account Smile holds for the user (a callback may never have reached us), and
    // every live one we know of.
    let mut ids: Vec<String> = accounts::for_applicant(state.db(), &id)
        .await?
        .into_iter()
        .map(|a| a.account_id)
        .collect();
    if let Some(user) = &applicant.smile_user_id {
        let at_smile = state
            .smile()
            .list_accounts(user)
            .collect_vec()
            .await
            .map_err(AppError::Upstream)?;
        ids.extend(
            at_smile
                .into_iter()
                .filter(|a| a.connection_status != smile_api::ConnectionStatus::Disconnected)
                .map(|a| a.id),
        );
    }
    ids.sort();
    ids.dedup();
    for account_id in &ids {
        match state.smile().delete_account(account_id).await {
            Ok(_) => {}
            // Already gone at Smile: nothing left to revoke.
            Err(e) if e.status() == Some(404) => {}
            Err(e) => return Err(AppError::Upstream(e)),
        }
    }
    audit::record(state.db(), &officer.actor(), &[&id], AuditAction::Delete).await?;
    tombstones::bury(
        state.db(),
        &id,
        &applicant.reference,
        applicant.smile_user_id.as_deref(),
        &officer.id,
    )
    .await?;
    tracing::info!(officer = %officer.id, applicant = %id, "applicant deleted");
    state.announce_change(&id);
    Ok(StatusCode::NO_CONTENT)
}
