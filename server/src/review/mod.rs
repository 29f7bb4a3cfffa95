//! Keeps each applicant's review state — status, flags, name score — in step with their
//! accounts, data and decisions, and tells the live streams. Called after anything about
//! an applicant changes, so the officers' list can filter and sort on stored columns.

pub mod decisions;
pub mod detail;
pub mod invites;
pub mod list;
pub mod reverify;
mod status;
pub mod summary;

pub use status::derive_status;

use wink_api::officer::ReviewStatus;
use wink_api::VerificationPath;

use crate::db::{review, Timestamp};
use crate::report::file::ApplicantFile;
use crate::AppState;

/// Refreshes the applicant's review state, then announces the change (to the applicant's
/// own stream and the officers'). A failure to refresh is logged: the announcement still
/// goes out, and the next change refreshes again.
pub async fn changed(state: &AppState, applicant_id: &str) {
    if let Err(e) = refresh(state, applicant_id).await {
        tracing::warn!(error = %e, "could not refresh an applicant's review state");
    }
    state.announce_change(applicant_id);
}

/// Recomputes and stores the derived columns. Returns the status.
pub async fn refresh(state: &AppState, applicant_id: &str) -> sqlx::Result<Option<ReviewStatus>> {
    let db = state.db();
    let Some(applicant) = crate::db::applicants::get(db, applicant_id).await? else {
        return Ok(None);
    };
    let file = ApplicantFile::load(state, applicant).await?;
    let summary = file.summary(state, Timestamp::now());
    let manual = file.applicant.verification == VerificationPath::Manual;
    let decision = file.decisions.first().map(|d| d.outcome);
    let documents: Vec<_> = file.archives.iter().map(|a| a.status).collect();
    let status = derive_status(&file.accounts, &documents, decision, manual);
    let live = file
        .accounts
        .iter()
        .filter(|a| a.disconnected_at.is_none())
        .count();
    let flags: Vec<_> = summary.flags.iter().map(|f| f.kind.clone()).collect();
    review::store_derived(
        db,
        applicant_id,
        status,
        summary.name.score,
        u32::try_from(live).unwrap_or(u32::MAX),
        &flags,
    )
    .await?;
    Ok(Some(status))
}
