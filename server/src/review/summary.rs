//! The summary of one applicant from what is stored: their declaration and the data the
//! sync kept. Reads only the database; the clock is the caller's.

use wink_api::summary::VerificationSummary;

use crate::db::applicants;
use crate::db::Timestamp;
use crate::report::file::ApplicantFile;
use crate::AppState;

pub async fn for_applicant(
    state: &AppState,
    applicant_id: &str,
    now: Timestamp,
) -> sqlx::Result<Option<VerificationSummary>> {
    let Some(applicant) = applicants::get(state.db(), applicant_id).await? else {
        return Ok(None);
    };
    let file = ApplicantFile::load(state, applicant).await?;
    Ok(Some(file.summary(state, now)))
}
