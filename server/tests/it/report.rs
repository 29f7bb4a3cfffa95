//! The signed verification report over HTTP: George's report as JSON and as a PDF on A4 and
//! Letter; both verify with the server's published keys (the PDF through its embedded
//! `report.json`); each download is audited with its report's id and recorded as a
//! snapshot, so the detail then says what changed since.

use reqwest::StatusCode;
use serde_json::Value;
use wink_api::officer::{ApplicantDetail, AuditAction, AuditTrail};
use wink_api::report::ReportKeys;
use wink_server::report_signing::keys::TrustedKeys;
use wink_server::report_signing::verify::verify;

use crate::common::{Browser, TestServer};

async fn download(officer: &Browser, path: &str) -> (String, Vec<u8>) {
    let response = officer.get(path).await;
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(header("cache-control"), "no-store");
    let disposition = header("content-disposition");
    assert!(
        disposition.starts_with("attachment; filename=\"wink-report-rpt-"),
        "{disposition}"
    );
    let content_type = header("content-type");
    (content_type, response.bytes().await.unwrap().to_vec())
}

#[tokio::test]
async fn georges_report_downloads_signed_verifies_and_is_audited() {
    let server = TestServer::start().await;
    let (george, _) = server.george_linked(serde_json::json!({})).await;
    george.until_ready().await;
    let officer = server.officer("ana@lender.test").await;
    let base = format!("/api/officer/applicants/{}", george.id);

    // The published keys, as a third party would fetch them.
    let published: ReportKeys = server
        .browser()
        .get_json("/.well-known/wink-report-keys.json")
        .await;
    let keys = TrustedKeys::from_published(&published).unwrap();

    let (content_type, json) = download(&officer, &format!("{base}/report.json")).await;
    assert_eq!(content_type, "application/json");
    let verified = verify(&json, &keys).expect("the JSON report verifies");
    let report: Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(report["report"]["reportId"], verified.report_id.as_str());
    assert_eq!(report["report"]["producedBy"], "ana@lender.test");
    assert_eq!(
        report["report"]["applicant"]["fullName"],
        "George Palomero Jr."
    );

    let mut ids = vec![verified.report_id];
    for paper in ["", "?paper=a4", "?paper=letter"] {
        let (content_type, pdf) = download(&officer, &format!("{base}/report.pdf{paper}")).await;
        assert_eq!(content_type, "application/pdf");
        assert!(pdf.starts_with(b"%PDF-"));
        let verified = verify(&pdf, &keys).expect("the PDF's embedded report verifies");
        ids.push(verified.report_id);
    }
    // Each download is a new report, audited with its id.
    let trail: AuditTrail = officer.get_json(&format!("{base}/audit")).await;
    let mut audited: Vec<String> = trail
        .entries
        .iter()
        .filter(|e| e.action == AuditAction::DownloadReport)
        .filter_map(|e| e.report_id.clone())
        .collect();
    audited.sort();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 4, "four reports, four ids");
    assert_eq!(audited, ids);

    // The last report is a snapshot: nothing has changed since.
    let detail: ApplicantDetail = officer.get_json(&base).await;
    let changes = detail.changes.expect("a snapshot exists");
    assert!(changes.changes.is_empty(), "{:?}", changes.changes);
}

#[tokio::test]
async fn a_report_is_refused_for_an_unknown_paper_or_applicant() {
    let server = TestServer::start().await;
    let (george, _) = server.george_linked(serde_json::json!({})).await;
    let officer = server.officer("ana@lender.test").await;
    let legal = officer
        .get(&format!(
            "/api/officer/applicants/{}/report.pdf?paper=legal",
            george.id
        ))
        .await;
    assert_eq!(legal.status(), StatusCode::BAD_REQUEST);
    let unknown = officer
        .get("/api/officer/applicants/ap-nobody/report.json")
        .await;
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
    // Nothing was produced, so nothing was audited as a download.
    let trail: AuditTrail = officer
        .get_json(&format!("/api/officer/applicants/{}/audit", george.id))
        .await;
    assert!(trail
        .entries
        .iter()
        .all(|e| e.action != AuditAction::DownloadReport));
}
