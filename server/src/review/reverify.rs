//! Re-verification: a snapshot of the verified data as it stands, then a fresh sync of
//! every live account and analysed document, so the detail can show what changed. The
//! syncs run in the background worker, within its share of Smile's rate budget.

use std::time::Duration;

use wink_api::document::DocumentStatus;
use wink_api::officer::AuditAction;
use wink_api::report::Reverification;

use crate::db::audit::{self, Actor};
use crate::db::snapshots::SnapshotReason;
use crate::db::sync_jobs::{self, SourceKind};
use crate::db::Timestamp;
use crate::report::file::{find, ApplicantFile};
use crate::{AppState, Error};

/// Snapshots the applicant's data, queues the fresh syncs and wakes the worker (audited).
pub async fn reverify(state: &AppState, actor: &Actor, id: &str) -> Result<Reverification, Error> {
    let file = ApplicantFile::load(state, find(state, id).await?).await?;
    let now = Timestamp::now();
    let summary = file.summary(state, now);
    let report = crate::report::build::of_file(state, &file, &summary, &actor.email, now).await?;
    let since = crate::report::snapshot::record(state, &report, SnapshotReason::Reverify).await?;

    let accounts = file
        .accounts
        .iter()
        .filter(|a| a.disconnected_at.is_none())
        .map(|a| (SourceKind::Account, a.account_id.as_str()));
    let documents = file
        .archives
        .iter()
        .filter(|a| a.status == DocumentStatus::Analyzed)
        .map(|a| (SourceKind::Archive, a.archive_id.as_str()));
    let mut queued = 0;
    for (kind, source_id) in accounts.chain(documents) {
        if sync_jobs::enqueue(state.db(), kind, source_id, id, false, Duration::ZERO).await? {
            queued += 1;
        }
    }
    audit::record(state.db(), actor, &[id], AuditAction::Reverify).await?;
    state.wake_worker();
    Ok(Reverification {
        since: since.to_string(),
        queued,
    })
}
