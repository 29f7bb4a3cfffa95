//! Snapshots of the verified data: recorded at each report and each re-verification, and
//! compared with the current data to say what changed.

use wink_api::report::{Report, WhatChanged};

use crate::db::snapshots::{self, SnapshotReason};
use crate::db::Timestamp;
use crate::AppState;

/// Records `report` as the applicant's newest snapshot; when it was taken. A report's own
/// id is kept with it; a re-verification's report was never issued, so it has none.
pub async fn record(
    state: &AppState,
    report: &Report,
    reason: SnapshotReason,
) -> sqlx::Result<Timestamp> {
    // Plain data with string keys: serialising it cannot fail.
    let body = serde_json::to_string(report).expect("a report serialises to JSON");
    let report_id = (reason == SnapshotReason::Report).then_some(report.report_id.as_str());
    snapshots::insert(state.db(), &report.applicant.id, reason, report_id, &body).await
}

/// What changed between the applicant's newest snapshot and `current`; `None` without a
/// snapshot (or with one this build can no longer read).
pub async fn changes_since_latest(
    state: &AppState,
    current: &Report,
) -> sqlx::Result<Option<WhatChanged>> {
    let Some(row) = snapshots::latest(state.db(), &current.applicant.id).await? else {
        return Ok(None);
    };
    let previous: Report = match serde_json::from_str(&row.body) {
        Ok(report) => report,
        Err(e) => {
            tracing::warn!(error = %e, "a stored snapshot no longer parses");
            return Ok(None);
        }
    };
    let percent = state.summary_thresholds().income_change_percent;
    Ok(Some(WhatChanged {
        since: row.taken_at.to_string(),
        changes: super::changes::between(&previous, current, percent),
    }))
}
