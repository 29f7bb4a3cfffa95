//! One applicant's file as stored: their application, every account and document, the data
//! Smile verified and the officers' decisions. Loaded once for the review's summary, the
//! officer's detail and the report, so they all read the same thing the same way.

use std::collections::HashMap;

use serde::de::DeserializeOwned;
use wink_api::document::type_label;
use wink_api::summary::VerificationSummary;

use crate::db::accounts::{self, AccountRow};
use crate::db::applicants::{self, Applicant};
use crate::db::archives::{self, ArchiveRow};
use crate::db::items::{self, ItemKind};
use crate::db::review::{self, DecisionRow};
use crate::db::{Db, Timestamp};
use crate::summary::{summarize, Declared, SyncedData};
use crate::{AppState, Error};

pub struct ApplicantFile {
    pub applicant: Applicant,
    /// Every account they linked, disconnected ones included, oldest first.
    pub accounts: Vec<AccountRow>,
    /// Their documents, newest upload first (at most [`crate::documents::LIST_LIMIT`]).
    pub archives: Vec<ArchiveRow>,
    /// Newest first: the first is the one in force.
    pub decisions: Vec<DecisionRow>,
    /// What Smile verified, as the summary weighs it.
    pub data: SyncedData,
}

impl ApplicantFile {
    pub async fn load(state: &AppState, applicant: Applicant) -> sqlx::Result<Self> {
        let db = state.db();
        let id = applicant.id.as_str();
        let accounts = accounts::all_for_applicant(db, id).await?;
        let archives = archives::for_applicant(db, id, crate::documents::LIST_LIMIT).await?;
        let data = SyncedData {
            identities: parsed(db, id, ItemKind::Identity).await?,
            employments: parsed(db, id, ItemKind::Employment).await?,
            contributions: parsed(db, id, ItemKind::Contribution).await?,
            incomes: parsed(db, id, ItemKind::Income).await?,
            eincomes: parsed(db, id, ItemKind::EstimatedIncome).await?,
            // Only disconnected accounts matter to the summary; their data is gone, their
            // row is kept so the flag can say which account and when.
            accounts: accounts.iter().filter_map(disconnected_account).collect(),
            documents: crate::documents::for_summary(
                &archives,
                state.summary_thresholds().document_check_min,
            ),
        };
        Ok(ApplicantFile {
            decisions: review::decisions(db, id).await?,
            applicant,
            accounts,
            archives,
            data,
        })
    }

    /// The verification summary of this file as of `now`.
    pub fn summary(&self, state: &AppState, now: Timestamp) -> VerificationSummary {
        let declared = Declared::from(&self.applicant.to_api());
        summarize(&declared, &self.data, state.summary_thresholds(), now)
    }
}

/// The applicant with this id, or a 404 that says they may have been deleted.
pub async fn find(state: &AppState, id: &str) -> Result<Applicant, Error> {
    // No stored id holds a control character, and PostgreSQL would refuse to compare
    // with one (NUL): such an id is simply not found.
    let stored = match wink_api::validation::check_single_line(id) {
        Some(_) => None,
        None => applicants::get(state.db(), id).await?,
    };
    stored.ok_or_else(|| {
        Error::NotFound("There is no applicant with that id; they may have been deleted.".into())
    })
}

/// An account's provider by name ("Social Security System"), else by id.
pub fn account_label(row: &AccountRow, names: &HashMap<String, String>) -> String {
    names
        .get(&row.provider_id)
        .cloned()
        .unwrap_or_else(|| row.provider_id.clone())
}

/// "Uploaded payslip".
pub fn document_label(row: &ArchiveRow) -> String {
    format!(
        "Uploaded {}",
        type_label(row.document_type.as_deref()).to_lowercase()
    )
}

/// Stored items back into Smile's types; one that no longer parses is skipped, not fatal.
async fn parsed<T: DeserializeOwned>(
    db: &Db,
    applicant_id: &str,
    kind: ItemKind,
) -> sqlx::Result<Vec<T>> {
    Ok(items::for_applicant(db, applicant_id, kind)
        .await?
        .iter()
        .filter_map(|body| match serde_json::from_str(body) {
            Ok(item) => Some(item),
            Err(e) => {
                tracing::warn!(error = %e, "a stored Smile item no longer parses");
                None
            }
        })
        .collect())
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
