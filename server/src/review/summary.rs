//! The summary of one applicant from what is stored: their declaration and the data the
//! sync kept. Reads only the database; the clock is the caller's.

use serde::de::DeserializeOwned;
use wink_api::summary::VerificationSummary;

use crate::db::accounts::{self, AccountRow};
use crate::db::applicants::{self, Applicant};
use crate::db::archives::{self, ArchiveRow};
use crate::db::items::{self, ItemKind};
use crate::db::Timestamp;
use crate::summary::{summarize, Declared, SyncedData};
use crate::AppState;

pub async fn for_applicant(
    state: &AppState,
    applicant_id: &str,
    now: Timestamp,
) -> sqlx::Result<Option<VerificationSummary>> {
    let Some(applicant) = applicants::get(state.db(), applicant_id).await? else {
        return Ok(None);
    };
    let accounts = accounts::all_for_applicant(state.db(), applicant_id).await?;
    let archives =
        archives::for_applicant(state.db(), applicant_id, crate::documents::LIST_LIMIT).await?;
    Ok(Some(
        for_loaded(state, &applicant, &accounts, &archives, now).await?,
    ))
}

/// The same, for a caller that already holds the applicant, all their account rows and
/// their archives.
pub async fn for_loaded(
    state: &AppState,
    applicant: &Applicant,
    accounts: &[AccountRow],
    archives: &[ArchiveRow],
    now: Timestamp,
) -> sqlx::Result<VerificationSummary> {
    let db = state.db();
    let id = applicant.id.as_str();
    let data = SyncedData {
        identities: load(items::for_applicant(db, id, ItemKind::Identity).await?),
        employments: load(items::for_applicant(db, id, ItemKind::Employment).await?),
        contributions: load(items::for_applicant(db, id, ItemKind::Contribution).await?),
        incomes: load(items::for_applicant(db, id, ItemKind::Income).await?),
        eincomes: load(items::for_applicant(db, id, ItemKind::EstimatedIncome).await?),
        // Only disconnected accounts matter to the summary; their data is gone, their row
        // is kept so the flag can say which account and when.
        accounts: accounts.iter().filter_map(disconnected_account).collect(),
        documents: crate::documents::for_summary(
            archives,
            state.summary_thresholds().document_check_min,
        ),
    };
    let declared = Declared::from(&applicant.to_api());
    Ok(summarize(&declared, &data, state.summary_thresholds(), now))
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

/// A disconnected account's row as Smile's `Account`, for the summary's flag.
fn disconnected_account(row: &AccountRow) -> Option<smile_api::Account> {
    let at = row.disconnected_at?.to_string();
    let value = serde_json::json!({
        "id": row.account_id,
        "createdAt": row.created_at.to_string(),
        "providerId": row.provider_id,
        "userId": "",
        "connectionStatus": "DISCONNECTED",
        "connection": {"status": "DISCONNECTED", "updatedAt": at},
        "monitorStatus": "UNSUPPORTED",
        "monitor": {"status": "UNSUPPORTED"},
    });
    serde_json::from_value(value).ok()
}
