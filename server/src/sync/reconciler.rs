//! Smile retries a webhook only twice within about a minute. The reconciler asks Smile
//! directly about applicants whose data may still be on its way, and queues a sync for
//! every account it finds, so a missed webhook only delays data.

use chrono::{Duration, Utc};

use crate::db::{applicants, sync_jobs, timestamp};
use crate::AppState;

/// How far back applicants are re-checked.
const HORIZON_DAYS: i64 = 7;

/// One pass; returns how many accounts were queued.
pub async fn reconcile_once(state: &AppState) -> sqlx::Result<usize> {
    let since = timestamp(Utc::now() - Duration::days(HORIZON_DAYS));
    let mut queued = 0;
    for applicant in applicants::awaiting_data(state.db(), &since).await? {
        let Some(user_id) = &applicant.smile_user_id else {
            continue;
        };
        match state.smile().list_accounts(user_id).collect_vec().await {
            Ok(found) => {
                for account in found {
                    sync_jobs::enqueue(
                        state.db(),
                        &account.id,
                        &applicant.id,
                        false,
                        Duration::zero(),
                    )
                    .await?;
                    queued += 1;
                }
            }
            Err(e) => tracing::warn!(status = ?e.status(), "reconcile: could not list accounts"),
        }
    }
    if queued > 0 {
        state.wake_worker();
    }
    Ok(queued)
}
