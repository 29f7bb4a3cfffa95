//! A report download: the applicant's report as of now, signed, recorded as a snapshot and
//! audited (one row naming the report) before any byte of it is shown.

use wink_api::report::SignedReport;

use super::pdf::{self, Paper};
use super::{build, snapshot};
use crate::db::audit::{self, Actor};
use crate::db::snapshots::SnapshotReason;
use crate::report_signing::signing;
use crate::{AppState, Error};

/// What the officer asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Pdf(Paper),
}

/// A report file, ready to send.
pub struct Download {
    pub report_id: String,
    pub bytes: Vec<u8>,
}

pub async fn download(
    state: &AppState,
    actor: &Actor,
    applicant_id: &str,
    format: Format,
) -> Result<Download, Error> {
    let report = build::current(state, applicant_id, &actor.email).await?;
    let signed = signing::sign(state.report_keys(), report).map_err(Error::report_failed)?;
    let report_id = signed.report.report_id.clone();
    audit::record_report(state.db(), actor, applicant_id, &report_id).await?;
    snapshot::record(state, &signed.report, SnapshotReason::Report).await?;
    let bytes = match format {
        Format::Json => serde_json::to_vec_pretty(&signed).map_err(Error::report_failed)?,
        Format::Pdf(paper) => render(signed, paper).await?,
    };
    tracing::info!(by = %actor.officer_id, report = %report_id, "report downloaded");
    Ok(Download { report_id, bytes })
}

/// Typesetting takes tens to hundreds of milliseconds of CPU: off the async runtime.
async fn render(signed: SignedReport, paper: Paper) -> Result<Vec<u8>, Error> {
    let fingerprint = signing::fingerprint(&signed.report).map_err(Error::report_failed)?;
    tokio::task::spawn_blocking(move || pdf::render(&signed, &fingerprint, paper))
        .await
        .map_err(Error::report_failed)?
        .map_err(Error::report_failed)
}
