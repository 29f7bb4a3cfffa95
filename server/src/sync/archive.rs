//! Syncs one archive (an uploaded document): Smile's current state of it, with what Smile
//! read from it (classification, extraction, validation) and, once analysed, the data items
//! whose `sourceId` is the archive. Revoked, deleted or not this applicant's: what was read
//! from it goes. Like the account sync it reads Smile's state, never the event's, so any
//! order of the same events ends in the same stored state.

use smile_api::archive::Archive;
use smile_api::client::{DataFilter, SmileError};
use wink_api::document::DocumentStatus;

use super::account::rows;
use super::SyncError;
use crate::db::archives::{self, Synced};
use crate::db::items::ItemKind;
use crate::db::sync_jobs::Job;
use crate::db::{applicants, items, Timestamp};
use crate::AppState;

pub(super) async fn fetch_and_store(state: &AppState, job: &Job) -> Result<(), SyncError> {
    let smile = state.smile().background();
    let archive = match smile.get_archive(&job.source_id).await {
        Ok(archive) => Some(archive),
        Err(e) if e.status() == Some(404) => None,
        Err(e) => return Err(e.into()),
    };
    let applicant = applicants::get(state.db(), &job.applicant_id).await?;
    let archive = archive.filter(|a| {
        applicant
            .as_ref()
            .is_some_and(|p| p.smile_user_id.as_deref() == Some(a.user_id.as_str()))
    });
    let status = archive
        .as_ref()
        .map(|a| crate::documents::status_of(&a.state.status));
    let archive = match (archive, status) {
        (Some(archive), Some(status)) if status != DocumentStatus::Revoked => (archive, status),
        // Gone, revoked, or not this applicant's.
        _ => {
            archives::revoke(state.db(), &job.source_id, &job.applicant_id).await?;
            return Ok(());
        }
    };
    let (archive, status) = archive;
    store(state, job, &archive, status).await?;
    let data = if status == DocumentStatus::Analyzed {
        read_data(state, &archive.id).await?
    } else {
        ReadData::default()
    };
    // Replaced every time: data read from an archive that is no longer analysed goes.
    for (kind, rows) in [
        (ItemKind::Identity, data.identities),
        (ItemKind::Employment, data.employments),
        (ItemKind::Income, data.incomes),
    ] {
        items::replace(state.db(), kind, &archive.id, &job.applicant_id, &rows).await?;
    }
    Ok(())
}

async fn store(
    state: &AppState,
    job: &Job,
    archive: &Archive,
    status: DocumentStatus,
) -> Result<(), SyncError> {
    let body = serde_json::to_string(&crate::documents::stored_form(archive))
        .map_err(|e| SyncError::Unreadable(e.to_string()))?;
    let time = |text: &str| {
        text.parse::<Timestamp>()
            .map_err(|_| SyncError::Unreadable(format!("archive time {text:?}")))
    };
    archives::upsert(
        state.db(),
        &Synced {
            archive_id: &archive.id,
            applicant_id: &job.applicant_id,
            status,
            document_type: archive.file_type.as_deref(),
            body: &body,
            uploaded_at: time(&archive.created_at)?,
            updated_at: time(&archive.state.updated_at)?,
        },
    )
    .await?;
    Ok(())
}

/// The data items Smile made of an analysed archive, as stored rows (id, JSON).
#[derive(Default)]
struct ReadData {
    identities: Vec<(String, String)>,
    employments: Vec<(String, String)>,
    incomes: Vec<(String, String)>,
}

async fn read_data(state: &AppState, archive_id: &str) -> Result<ReadData, SmileError> {
    let smile = state.smile().background();
    let filter = DataFilter::source(archive_id);
    Ok(ReadData {
        identities: rows(&smile.identities(&filter).collect_vec().await?, |i| &i.id),
        employments: rows(&smile.employments(&filter).collect_vec().await?, |i| &i.id),
        incomes: rows(&smile.incomes(&filter).collect_vec().await?, |i| &i.id),
    })
}
