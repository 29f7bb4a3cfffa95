//! Erasing an applicant: each linked account and uploaded document is revoked at Smile
//! first, then the personal data is purged in one transaction that keeps a tombstone and the audit trail. If Smile
//! cannot be reached nothing is purged, so the caller can simply try again. Used by an
//! officer's deletion and by the retention job.

use std::time::Duration;

use wink_api::officer::AuditAction;

use crate::db::applicants::Applicant;
use crate::db::audit::Actor;
use crate::db::{accounts, applicants, audit, tombstones, Timestamp};
use crate::{AppState, Error};

pub async fn erase(state: &AppState, applicant: &Applicant, actor: &Actor) -> Result<(), Error> {
    let id = applicant.id.as_str();
    // Every account Smile holds for the user (a callback may never have reached us), and
    // every live one we know of.
    let mut ids: Vec<String> = accounts::for_applicant(state.db(), id)
        .await?
        .into_iter()
        .map(|a| a.account_id)
        .collect();
    // Revocations are background work: their own share of Smile's budget, and no deadline
    // (a browser flood must not make an erasure fail).
    let smile = state.smile().background();
    if let Some(user) = &applicant.smile_user_id {
        let at_smile = smile
            .list_accounts(user)
            .collect_vec()
            .await
            .map_err(Error::Upstream)?;
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
        match smile.delete_account(account_id).await {
            Ok(_) => {}
            // Already gone at Smile: nothing left to revoke.
            Err(e) if e.status() == Some(404) => {}
            Err(e) => return Err(Error::Upstream(e)),
        }
    }
    // The documents too: Smile keeps the files themselves.
    if let Some(user) = &applicant.smile_user_id {
        let documents = smile
            .list_archives(user)
            .collect_vec()
            .await
            .map_err(Error::Upstream)?;
        for archive in documents
            .iter()
            .filter(|a| a.state.status != smile_api::archive::ArchiveStatus::Revoked)
        {
            match smile.delete_archive(&archive.id).await {
                Ok(()) => {}
                Err(e) if e.status() == Some(404) => {}
                Err(e) => return Err(Error::Upstream(e)),
            }
        }
    }
    audit::record(state.db(), actor, &[id], AuditAction::Delete).await?;
    tombstones::bury(
        state.db(),
        id,
        &applicant.reference,
        applicant.smile_user_id.as_deref(),
        &actor.officer_id,
    )
    .await?;
    tracing::info!(by = %actor.officer_id, applicant = %id, "applicant erased");
    state.announce_change(id);
    Ok(())
}

/// The retention job's actor in the audit trail and tombstones.
pub fn retention_actor() -> Actor {
    Actor {
        officer_id: "retention".into(),
        email: "retention job".into(),
    }
}

/// Erases every applicant with no activity for `days`; returns how many. One that cannot
/// be erased now (Smile down) is left for the next pass.
pub async fn purge_expired(state: &AppState, days: u32) -> sqlx::Result<usize> {
    let cutoff = Timestamp::now() - Duration::from_secs(86_400 * u64::from(days));
    let expired = applicants::inactive_since(state.db(), cutoff).await?;
    let actor = retention_actor();
    let mut erased = 0;
    for applicant in expired {
        match erase(state, &applicant, &actor).await {
            Ok(()) => erased += 1,
            Err(Error::Database(e)) => return Err(e),
            Err(Error::Upstream(e)) => tracing::warn!(
                applicant = %applicant.id,
                cause = %e.cause(),
                "retention: not erased yet (Smile call failed)"
            ),
            Err(e) => tracing::warn!(applicant = %applicant.id, "retention: not erased yet: {e}"),
        }
    }
    Ok(erased)
}
