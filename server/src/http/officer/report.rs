//! `GET /api/officer/applicants/{id}/report.json` and `.../report.pdf?paper=a4|letter`: the
//! signed verification report, produced on the server from what is stored right now.

use axum::extract::State;
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::session::CurrentOfficer;
use crate::http::{AppError, AppPath, AppQuery};
use crate::report::download::{download, Download, Format};
use crate::report::pdf::Paper;
use crate::AppState;

pub async fn json(
    State(state): State<AppState>,
    officer: CurrentOfficer,
    AppPath(id): AppPath<String>,
) -> Result<Response, AppError> {
    let report = download(&state, &officer.actor(), &id, Format::Json).await?;
    Ok(attachment(report, "application/json", "json"))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PdfQuery {
    /// A4 unless asked otherwise.
    #[serde(default)]
    paper: Option<Paper>,
}

pub async fn pdf(
    State(state): State<AppState>,
    officer: CurrentOfficer,
    AppPath(id): AppPath<String>,
    AppQuery(query): AppQuery<PdfQuery>,
) -> Result<Response, AppError> {
    let paper = query.paper.unwrap_or(Paper::A4);
    let report = download(&state, &officer.actor(), &id, Format::Pdf(paper)).await?;
    Ok(attachment(report, "application/pdf", "pdf"))
}

/// A download named after its report; personal data, so never cached.
fn attachment(report: Download, content_type: &'static str, extension: &str) -> Response {
    // Report ids are `rpt-` and hex digits: safe in a quoted file name.
    let disposition = format!(
        "attachment; filename=\"wink-report-{}.{extension}\"",
        report.report_id
    );
    (
        [
            (CONTENT_TYPE, content_type.to_owned()),
            (CONTENT_DISPOSITION, disposition),
            (CACHE_CONTROL, "no-store".to_owned()),
        ],
        report.bytes,
    )
        .into_response()
}
