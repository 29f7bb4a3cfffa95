//! Stored webhooks → sync jobs. Handlers never act on an event's content beyond "which
//! account or archive, and did Smile say retrieval finished": the sync fetches Smile's
//! current state, so any order of the same events ends in the same state.

use smile_api::{Event, EventType};

use crate::db::inbox::{self, InboxStatus};
use crate::db::sync_jobs::SourceKind;
use crate::db::{applicants, sync_jobs};
use crate::sync::LEASE;
use crate::AppState;

/// Processes pending webhooks; returns how many were handled.
pub async fn drain_inbox(state: &AppState) -> sqlx::Result<usize> {
    let mut handled = 0;
    loop {
        let batch = inbox::lease(state.db(), 50, LEASE).await?;
        if batch.is_empty() {
            return Ok(handled);
        }
        for row in batch {
            handled += 1;
            let outcome = match Event::from_slice(&row.body) {
                Ok(event) => handle(state, &event, source_of(&event, &row.body)).await,
                Err(e) => Ok(Err(e.to_string())),
            };
            match outcome {
                Ok(Ok(status)) => inbox::finish(state.db(), row.id, status, None).await?,
                Ok(Err(reason)) => {
                    inbox::finish(state.db(), row.id, InboxStatus::Poison, Some(&reason)).await?
                }
                Err(e) if row.attempts >= sync_jobs::MAX_ATTEMPTS => {
                    inbox::finish(state.db(), row.id, InboxStatus::Dead, Some(&e.to_string()))
                        .await?
                }
                // Left leased: taken again when the lease expires.
                Err(e) => tracing::warn!(error = %e, "webhook handling failed; will retry"),
            }
        }
    }
}

/// What an event asks for: a sync of its account or archive, or nothing.
async fn handle(
    state: &AppState,
    event: &Event,
    source: Option<(SourceKind, String)>,
) -> sqlx::Result<Result<InboxStatus, String>> {
    let Some((kind, source_id)) = source else {
        return Ok(Ok(InboxStatus::Ignored));
    };
    let Some(user_id) = event.user_id() else {
        return Ok(Ok(InboxStatus::Ignored));
    };
    let Some(applicant) = applicants::find_by_smile_user(state.db(), user_id).await? else {
        // Not one of ours (or deleted): nothing to do, nothing to call.
        return Ok(Ok(InboxStatus::Ignored));
    };
    let finished = matches!(
        event.event_type(),
        EventType::TaskFinished | EventType::AccountSyncTaskFinished
    );
    sync_jobs::enqueue(
        state.db(),
        kind,
        &source_id,
        &applicant.id,
        finished,
        state.sync_debounce(),
    )
    .await?;
    Ok(Ok(InboxStatus::Done))
}

/// The source an event concerns: an `ARCHIVE_*` event's archive, else the account in
/// `data.accountId`, or `data.sourceId` for tasks.
fn source_of(event: &Event, body: &[u8]) -> Option<(SourceKind, String)> {
    if let Some(archive_id) = event.archive_id().filter(|id| !id.is_empty()) {
        return Some((SourceKind::Archive, archive_id.to_owned()));
    }
    account_of(body).map(|id| (SourceKind::Account, id))
}

fn account_of(body: &[u8]) -> Option<String> {
    let envelope: serde_json::Value = serde_json::from_slice(body).ok()?;
    let data = envelope.get("data")?;
    ["accountId", "sourceId"]
        .iter()
        .find_map(|key| data.get(key)?.as_str().map(str::to_owned))
        .filter(|id| !id.is_empty())
}
