//! `GET /api/officer/rollout`: how each cohort of the staged rollout converts — applied,
//! started linking, connected, synced, and failures by Smile's error code.

use axum::extract::State;
use axum::Json;
use wink_api::officer::{CohortStats, ErrorCount, RolloutReport};
use wink_api::VerificationPath;

use super::session::CurrentOfficer;
use crate::{AppError, AppState};

pub async fn report(
    State(state): State<AppState>,
    _officer: CurrentOfficer,
) -> Result<Json<RolloutReport>, AppError> {
    let db = state.db();
    // Per applicant: the furthest any of their accounts got (0 none, 1 started, 2 connected,
    // 3 synced), then counted per cohort. (SUM is cast: PostgreSQL sums into NUMERIC.)
    let progress: Vec<(String, i64, i64, i64, i64)> = sqlx::query_as(
        "SELECT a.verification, COUNT(*), \
           CAST(SUM(CASE WHEN p.furthest >= 1 THEN 1 ELSE 0 END) AS BIGINT), \
           CAST(SUM(CASE WHEN p.furthest >= 2 THEN 1 ELSE 0 END) AS BIGINT), \
           CAST(SUM(CASE WHEN p.furthest >= 3 THEN 1 ELSE 0 END) AS BIGINT) \
         FROM applicants a LEFT JOIN ( \
           SELECT applicant_id, MAX(CASE status WHEN 'ready' THEN 3 \
             WHEN 'connected' THEN 2 WHEN 'syncing' THEN 2 ELSE 1 END) AS furthest \
           FROM linked_accounts GROUP BY applicant_id) p ON p.applicant_id = a.id \
         GROUP BY a.verification",
    )
    .fetch_all(db)
    .await?;
    let failures: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT a.verification, COALESCE(l.error_code, 'UNKNOWN'), COUNT(*) \
         FROM linked_accounts l JOIN applicants a ON a.id = l.applicant_id \
         WHERE l.status = 'error' GROUP BY 1, 2 ORDER BY 3 DESC, 2",
    )
    .fetch_all(db)
    .await?;
    let count = |n: i64| u64::try_from(n).unwrap_or_default();
    let cohorts = [VerificationPath::Wink, VerificationPath::Manual]
        .into_iter()
        .map(|cohort| {
            let row = progress.iter().find(|r| r.0 == cohort.as_str());
            CohortStats {
                cohort,
                applied: row.map_or(0, |r| count(r.1)),
                started: row.map_or(0, |r| count(r.2)),
                connected: row.map_or(0, |r| count(r.3)),
                synced: row.map_or(0, |r| count(r.4)),
                failed_by_code: failures
                    .iter()
                    .filter(|f| f.0 == cohort.as_str())
                    .map(|f| ErrorCount {
                        code: f.1.clone(),
                        accounts: count(f.2),
                    })
                    .collect(),
            }
        })
        .collect();
    let rollout = state.rollout();
    Ok(Json(RolloutReport {
        percent: rollout.percent(),
        allowlist_entries: u32::try_from(rollout.allowlist_len()).unwrap_or(u32::MAX),
        cohorts,
    }))
}
