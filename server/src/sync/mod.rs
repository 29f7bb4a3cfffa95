//! Background work: turning stored webhooks into sync jobs, syncing accounts' data from
//! Smile, and reconciling what webhooks missed. All state lives in the database, so a
//! restart (or a crash) picks up where it stopped.

mod account;
mod archive;
mod inbox_worker;
mod reconciler;

use std::time::Duration;

use smile_api::client::SmileError;

use crate::db::sync_jobs::{self, Job, SourceKind};
use crate::webhooks::subscription;
use crate::AppState;

pub use inbox_worker::drain_inbox;
pub use reconciler::reconcile_once;

/// A job whose worker died is taken again after this.
pub const LEASE: std::time::Duration = std::time::Duration::from_secs(60);

/// Starts the subscription check, the worker and the reconciler.
pub fn start(state: AppState) {
    tokio::spawn(subscribe_until_done(state.clone()));
    tokio::spawn(work_forever(state.clone()));
    tokio::spawn(reconcile_forever(state.clone()));
    tokio::spawn(retain_forever(state));
}

/// Hourly: erase applicants past the retention period (so "nightly" holds whenever the
/// process started).
async fn retain_forever(state: AppState) {
    let days = state.retention_days();
    if days == 0 {
        return;
    }
    let mut tick = tokio::time::interval(Duration::from_secs(3600));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        match crate::erasure::purge_expired(&state, days).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(erased = n, "retention: applicants erased"),
            Err(e) => tracing::warn!(error = %e, "retention pass failed"),
        }
    }
}

async fn subscribe_until_done(state: AppState) {
    let mut wait = Duration::from_millis(200);
    loop {
        match subscription::ensure(&state).await {
            Ok(found) => {
                tracing::info!(?found, "webhook subscription in place");
                return;
            }
            Err(e) => {
                crate::smile::warn_failed_call!(
                    e,
                    "webhook subscription not in place yet; retrying"
                );
                tokio::time::sleep(wait).await;
                wait = (wait * 2).min(Duration::from_secs(60));
            }
        }
    }
}

async fn work_forever(state: AppState) {
    loop {
        let busy = match run_once(&state).await {
            Ok(busy) => busy,
            Err(e) => {
                tracing::error!(error = %e, "worker pass failed");
                false
            }
        };
        if !busy {
            // Sleep until woken by a new webhook, or poll for due (debounced, retried) jobs.
            let _ = tokio::time::timeout(Duration::from_millis(250), state.work_arrived()).await;
        }
    }
}

/// One pass: the inbox, then every due sync job. True if anything was done.
pub async fn run_once(state: &AppState) -> sqlx::Result<bool> {
    let mut busy = drain_inbox(state).await? > 0;
    while let Some(job) = crate::db::sync_jobs::lease(state.db(), LEASE).await? {
        busy = true;
        sync_source(state, job).await?;
    }
    Ok(busy)
}

/// Runs one leased job: the account's or archive's sync, then the job's outcome (done,
/// or retried with back-off). Only a database failure is the caller's.
pub async fn sync_source(state: &AppState, job: Job) -> sqlx::Result<()> {
    let result = match job.kind {
        SourceKind::Account => account::fetch_and_store(state, &job).await,
        SourceKind::Archive => archive::fetch_and_store(state, &job).await,
    };
    crate::review::changed(state, &job.applicant_id).await;
    match result {
        Ok(()) => sync_jobs::succeed(state.db(), &job.source_id).await,
        Err(SyncError::Db(e)) => Err(e),
        Err(SyncError::Smile(e)) => {
            crate::smile::warn_failed_call!(e, attempt = job.attempts, kind = ?job.kind, "sync failed");
            sync_jobs::fail(state.db(), &job, &e.cause().to_string()).await
        }
        Err(SyncError::Unreadable(what)) => {
            tracing::warn!(attempt = job.attempts, kind = ?job.kind, "sync failed: Smile sent an unreadable {what}");
            sync_jobs::fail(state.db(), &job, &format!("unreadable {what}")).await
        }
    }
}

#[derive(Debug, thiserror::Error)]
enum SyncError {
    #[error(transparent)]
    Smile(#[from] SmileError),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
    /// What Smile sent cannot be stored as it is (e.g. a time that is not RFC 3339).
    #[error("unreadable {0}")]
    Unreadable(String),
}

async fn reconcile_forever(state: AppState) {
    let mut tick = tokio::time::interval(state.reconcile_every());
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        if let Err(e) = reconcile_once(&state).await {
            tracing::warn!(error = %e, "reconcile pass failed");
        }
    }
}
