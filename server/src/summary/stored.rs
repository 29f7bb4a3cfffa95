//! The summary of one applicant from what is stored: their declaration and the data the
//! sync kept. Reads only the database; the clock is the caller's.

use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use wink_api::summary::VerificationSummary;

use super::{summarize, Declared, SyncedData};
use crate::db::{applicants, items};
use crate::AppState;

pub async fn for_applicant(
    state: &AppState,
    applicant_id: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<Option<VerificationSummary>> {
    let Some(applicant) = applicants::get(state.db(), applicant_id).await? else {
        return Ok(None);
    };
    let db = state.db();
    let data = SyncedData {
        identities: load(items::for_applicant(db, applicant_id, "identity").await?),
        employments: load(items::for_applicant(db, applicant_id, "employment").await?),
        contributions: load(items::for_applicant(db, applicant_id, "contribution").await?),
        incomes: load(items::for_applicant(db, applicant_id, "income").await?),
        eincomes: load(items::for_applicant(db, applicant_id, "eincome").await?),
        // Disconnected accounts are removed with their data; none are left to report.
        accounts: Vec::new(),
    };
    let declared = Declared::from(&applicant.to_api());
    Ok(Some(summarize(
        &declared,
        &data,
        state.summary_thresholds(),
        now,
    )))
}

/// Stored items back into Smile's types; one that no longer parses is skipped, not fatal.
fn load<T: DeserializeOwned>(bodies: Vec<String>) -> Vec<T> {
    bodies
        .iter()
        .filter_map(|body| match serde_json::from_str(body) {
            Ok(item) => Some(item),
            Err(e) => {
                tracing::warn!(error = %e, "a stored Smile item no longer parses");
                None
            }
        })
        .collect()
}
