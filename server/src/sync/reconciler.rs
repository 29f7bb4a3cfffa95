//! Smile retries a webhook only twice within about a minute. The reconciler asks Smile
//! directly about applicants whose data may still be on its way, and queues a sync for
//! every account whose stored state does not match Smile's list: new, unfinished, changed,
//! or gone from Smile (the sync then removes it). Likewise for archives, for applicants
//! whose documents may still be on their way (one being analysed, or an upload their
//! browser reported). A missed webhook only delays data, and sources already in step cost
//! no fetch.

use std::collections::HashSet;

use std::time::Duration;

use smile_api::archive::Archive;
use smile_api::Account;
use wink_api::document::DocumentStatus;
use wink_api::LinkStatus;

use crate::db::accounts::{self, AccountRow};
use crate::db::archives::{self, ArchiveRow};
use crate::db::sync_jobs::SourceKind;
use crate::db::{applicants, sync_jobs, Timestamp};
use crate::linking::link_status;
use crate::AppState;

/// How far back applicants are re-checked.
const HORIZON: Duration = Duration::from_secs(7 * 86_400);
/// How long after the browser reports an upload Smile is asked about it. Smile confirms an
/// upload within seconds; one it does not know by then stays the browser's report.
const REPORT_WINDOW: Duration = Duration::from_secs(3600);

/// One pass; returns how many accounts and archives were queued.
pub async fn reconcile_once(state: &AppState) -> sqlx::Result<usize> {
    let queued = reconcile_accounts(state).await? + reconcile_archives(state).await?;
    if queued > 0 {
        state.wake_worker();
    }
    Ok(queued)
}

async fn reconcile_accounts(state: &AppState) -> sqlx::Result<usize> {
    let since = Timestamp::now() - HORIZON;
    let mut queued = 0;
    let smile = state.smile().background();
    for applicant in applicants::awaiting_data(state.db(), since).await? {
        let Some(user_id) = &applicant.smile_user_id else {
            continue;
        };
        let found = match smile.list_accounts(user_id).collect_vec().await {
            Ok(found) => found,
            Err(e) => {
                crate::smile::warn_failed_call!(e, "reconcile: could not list accounts");
                continue;
            }
        };
        let stored = accounts::for_applicant(state.db(), &applicant.id).await?;
        for account_id in out_of_step(&found, &stored) {
            sync_jobs::enqueue(
                state.db(),
                SourceKind::Account,
                &account_id,
                &applicant.id,
                false,
                Duration::ZERO,
            )
            .await?;
            queued += 1;
        }
    }
    Ok(queued)
}

async fn reconcile_archives(state: &AppState) -> sqlx::Result<usize> {
    let now = Timestamp::now();
    let (since, reported_since) = (now - HORIZON, now - REPORT_WINDOW);
    let mut queued = 0;
    let smile = state.smile().background();
    for (applicant_id, user_id) in archives::awaiting(state.db(), since, reported_since).await? {
        let found = match smile.list_archives(&user_id).collect_vec().await {
            Ok(found) => found,
            Err(e) => {
                crate::smile::warn_failed_call!(e, "reconcile: could not list archives");
                continue;
            }
        };
        let stored =
            archives::for_applicant(state.db(), &applicant_id, crate::documents::LIST_LIMIT)
                .await?;
        for archive_id in archives_out_of_step(&found, &stored) {
            sync_jobs::enqueue(
                state.db(),
                SourceKind::Archive,
                &archive_id,
                &applicant_id,
                false,
                Duration::ZERO,
            )
            .await?;
            queued += 1;
        }
    }
    Ok(queued)
}

/// The archives whose stored state may differ from Smile's: listed but not stored, or in
/// another state here than there, and stored (not revoked) but no longer listed.
fn archives_out_of_step(found: &[Archive], stored: &[ArchiveRow]) -> Vec<String> {
    let mut out: Vec<String> = found
        .iter()
        .filter(|archive| {
            let status = crate::documents::status_of(&archive.state.status);
            !stored
                .iter()
                .any(|row| row.archive_id == archive.id && row.status == status)
        })
        .map(|archive| archive.id.clone())
        .collect();
    let listed: HashSet<&str> = found.iter().map(|a| a.id.as_str()).collect();
    out.extend(
        stored
            .iter()
            .filter(|row| {
                row.status != DocumentStatus::Revoked && !listed.contains(row.archive_id.as_str())
            })
            .map(|row| row.archive_id.clone()),
    );
    out
}

/// The accounts whose stored state may differ from Smile's: listed but not stored, stored
/// but unfinished, ready here but no longer connected there (or the reverse), and stored
/// but no longer listed (revoked).
fn out_of_step(found: &[Account], stored: &[AccountRow]) -> Vec<String> {
    let mut out = Vec::new();
    for account in found {
        let in_step = stored.iter().any(|row| {
            row.account_id == account.id
                && matches!(
                    (row.status, link_status(account)),
                    (LinkStatus::Ready, LinkStatus::Connected)
                        | (LinkStatus::Error, LinkStatus::Error)
                )
        });
        if !in_step {
            out.push(account.id.clone());
        }
    }
    let listed: HashSet<&str> = found.iter().map(|a| a.id.as_str()).collect();
    out.extend(
        stored
            .iter()
            .filter(|row| !listed.contains(row.account_id.as_str()))
            .map(|row| row.account_id.clone()),
    );
    out
}

#[cfg(test)]
mod tests {
    use smile_api::account::{Connection, Monitor};
    use smile_api::archive::ArchiveStatus;
    use smile_api::{ConnectionStatus, MonitorStatus};

    use super::*;

    fn at_smile(id: &str, status: ConnectionStatus) -> Account {
        Account {
            id: id.into(),
            created_at: "2026-11-01T00:00:00Z".into(),
            provider_id: "sss_ph".into(),
            user_id: "u-1".into(),
            connection_status: status.clone(),
            connection: Connection {
                status,
                error_code: None,
                error_message: None,
                updated_at: "2026-11-01T00:00:00Z".into(),
            },
            monitor_status: MonitorStatus::Unsupported,
            monitor: Monitor {
                status: MonitorStatus::Unsupported,
                updated_at: None,
            },
        }
    }

    fn here(id: &str, status: LinkStatus) -> AccountRow {
        AccountRow::sample(id, status)
    }

    #[test]
    fn only_accounts_out_of_step_with_smile_are_synced() {
        let found = [
            at_smile("a-ready", ConnectionStatus::Connected),
            at_smile("a-failed", ConnectionStatus::Error),
            at_smile("a-unfinished", ConnectionStatus::Connected),
            at_smile("a-new", ConnectionStatus::Connected),
            at_smile("a-broke", ConnectionStatus::Error),
        ];
        let stored = [
            here("a-ready", LinkStatus::Ready),
            here("a-failed", LinkStatus::Error),
            here("a-unfinished", LinkStatus::Connected),
            here("a-broke", LinkStatus::Ready),
            here("a-revoked", LinkStatus::Ready),
        ];
        assert_eq!(
            out_of_step(&found, &stored),
            ["a-unfinished", "a-new", "a-broke", "a-revoked"]
        );
        assert!(out_of_step(&[], &[]).is_empty());
    }

    fn archive_at_smile(id: &str, status: ArchiveStatus) -> Archive {
        serde_json::from_value(serde_json::json!({
            "id": id, "createdAt": "2026-11-01T00:00:00Z", "providerId": "user-provided",
            "userId": "u-1", "type": "PAYSLIP",
            "state": {"status": status.as_str(), "updatedAt": "2026-11-01T00:00:00Z"},
        }))
        .expect("an archive")
    }

    fn archive_here(id: &str, status: DocumentStatus) -> ArchiveRow {
        let at: Timestamp = "2026-11-01T00:00:00Z".parse().expect("a valid instant");
        ArchiveRow {
            archive_id: id.into(),
            applicant_id: "ap-1".into(),
            status,
            document_type: Some("PAYSLIP".into()),
            body: None,
            uploaded_at: at,
            updated_at: at,
        }
    }

    #[test]
    fn only_archives_out_of_step_with_smile_are_synced() {
        let found = [
            archive_at_smile("u-analysed", ArchiveStatus::Analyzed),
            archive_at_smile("u-finished", ArchiveStatus::Analyzed),
            archive_at_smile("u-new", ArchiveStatus::Started),
            archive_at_smile("u-processing", ArchiveStatus::Started),
            archive_at_smile("u-failed", ArchiveStatus::Error),
        ];
        let stored = [
            archive_here("u-analysed", DocumentStatus::Analyzed),
            archive_here("u-finished", DocumentStatus::Processing),
            archive_here("u-processing", DocumentStatus::Processing),
            archive_here("u-failed", DocumentStatus::Failed),
            archive_here("u-deleted", DocumentStatus::Analyzed),
            archive_here("u-revoked-long-ago", DocumentStatus::Revoked),
        ];
        assert_eq!(
            archives_out_of_step(&found, &stored),
            ["u-finished", "u-new", "u-deleted"]
        );
    }
}
