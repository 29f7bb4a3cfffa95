//! Report keys and verification from the outside: the published keys, the `/verify` page
//! and `POST /api/verify`, and `wink-server verify-report` on a JSON report.

use std::process::Command;

use reqwest::header;
use wink_api::report::{KeyStatus, Report, ReportKeys, SignedReport, Verdict};
use wink_server::report_signing::signing::sign;

use crate::common::{TestServer, BIN, REPORT_SIGNING_KEY};

const FIXTURE: &str = include_str!("fixtures/report.json");

fn signed_by(server: &TestServer) -> SignedReport {
    let report: Report = serde_json::from_str(FIXTURE).unwrap();
    sign(server.state.report_keys(), report).unwrap()
}

/// The signed report with one figure changed afterwards.
fn tampered(signed: &SignedReport) -> String {
    let json = serde_json::to_string_pretty(signed).unwrap();
    let changed = json.replacen("41234.56", "51234.56", 1);
    assert_ne!(changed, json);
    changed
}

#[tokio::test]
async fn the_well_known_document_lists_the_active_key() {
    let server = TestServer::start().await;
    let response = server
        .browser()
        .get("/.well-known/wink-report-keys.json")
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()[header::CACHE_CONTROL],
        "public, max-age=300"
    );
    let published: ReportKeys = response.json().await.unwrap();
    assert_eq!(published.keys.len(), 1);
    let key = &published.keys[0];
    assert_eq!(key.id, server.state.report_keys().key_id());
    assert_eq!(
        (key.algorithm.as_str(), key.status),
        ("Ed25519", KeyStatus::Active)
    );
}

#[tokio::test]
async fn the_verify_page_is_a_plain_accessible_form() {
    let server = TestServer::start().await;
    let response = server.browser().get("/verify").await;
    assert_eq!(response.status(), 200);
    let csp = response.headers()[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        csp.contains("form-action 'self'") && !csp.contains("script-src"),
        "{csp}"
    );
    let html = response.text().await.unwrap();
    for part in [
        "<html lang=\"en\">",
        "<h1>Check a verification report</h1>",
        "<label for=\"report\">",
        "<input id=\"report\" name=\"report\" type=\"file\"",
        "enctype=\"multipart/form-data\"",
    ] {
        assert!(html.contains(part), "{part} missing from {html}");
    }
    assert!(!html.contains("<script"), "{html}");
}

async fn drop_on_page(server: &TestServer, name: &str, file: String) -> (u16, String) {
    let part = reqwest::multipart::Part::text(file).file_name(name.to_owned());
    let form = reqwest::multipart::Form::new().part("report", part);
    let response = reqwest::Client::new()
        .post(format!("{}/verify", server.url))
        .multipart(form)
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

#[tokio::test]
async fn the_page_says_valid_for_a_signed_report_and_what_failed_for_a_tampered_one() {
    let server = TestServer::start().await;
    let signed = signed_by(&server);
    let key_id = server.state.report_keys().key_id().to_owned();

    let (status, html) = drop_on_page(
        &server,
        "report.json",
        serde_json::to_string(&signed).unwrap(),
    )
    .await;
    assert_eq!(status, 200);
    assert!(html.contains("<h2 id=\"result\">Valid</h2>"), "{html}");
    assert!(
        html.contains(&format!(
            "valid, signed by key {key_id} at 2026-11-20T09:30:00Z"
        )),
        "{html}"
    );

    let (status, html) = drop_on_page(&server, "report.json", tampered(&signed)).await;
    assert_eq!(status, 200);
    assert!(html.contains("<h2 id=\"result\">Not valid</h2>"), "{html}");
    assert!(html.contains("the signature does not match"), "{html}");

    let (status, html) = drop_on_page(&server, "report.json", String::new()).await;
    assert_eq!(status, 400);
    assert!(html.contains("Nothing was checked"), "{html}");
}

#[tokio::test]
async fn the_api_answers_the_verdict_and_bounds_the_file() {
    let server = TestServer::start().await;
    let signed = signed_by(&server);
    let client = reqwest::Client::new();
    let check = |body: Vec<u8>| {
        client
            .post(format!("{}/api/verify", server.url))
            .header(header::CONTENT_TYPE, "application/json")
            .body(body)
            .send()
    };
    let verdict: Verdict = check(serde_json::to_vec(&signed).unwrap())
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(verdict.valid, "{}", verdict.message);
    assert_eq!(verdict.report_id.as_deref(), Some("rpt-0f3a9c2e"));

    let verdict: Verdict = check(tampered(&signed).into_bytes())
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(!verdict.valid);
    assert!(
        verdict.message.starts_with("not valid: "),
        "{}",
        verdict.message
    );

    // Larger than /api's 16 KiB, within a report's bound; past that bound, 413.
    let padded = format!(
        "{}{}",
        serde_json::to_string(&signed).unwrap(),
        " ".repeat(64 * 1024)
    );
    let verdict: Verdict = check(padded.into_bytes())
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(verdict.valid, "{}", verdict.message);
    let response = check(vec![b' '; 10 * 1024 * 1024 + 1]).await.unwrap();
    assert_eq!(response.status(), 413);
}

#[tokio::test]
async fn verify_report_exits_0_for_a_valid_report_and_1_for_a_tampered_one() {
    let server = TestServer::start_with(&["--report-signing-key", REPORT_SIGNING_KEY]).await;
    let signed = signed_by(&server);
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.json");
    std::fs::write(&report, serde_json::to_vec_pretty(&signed).unwrap()).unwrap();
    let changed = dir.path().join("changed.json");
    std::fs::write(&changed, tampered(&signed)).unwrap();
    let keys = dir.path().join("keys.json");
    let published = server
        .browser()
        .get("/.well-known/wink-report-keys.json")
        .await
        .bytes()
        .await
        .unwrap();
    std::fs::write(&keys, published).unwrap();

    let verify =
        |file: &std::path::Path, keys: Option<&std::path::Path>, signing_key: Option<&str>| {
            let mut command = Command::new(BIN);
            command
                .arg("verify-report")
                .arg(file)
                .env_remove("WINK_REPORT_SIGNING_KEY")
                .env_remove("WINK_REPORT_RETIRED_KEYS")
                .env_remove("WINK_SECRETS_FILE")
                // No `secrets.env` there to read keys from.
                .current_dir(dir.path());
            if let Some(keys) = keys {
                command.arg("--key").arg(keys);
            }
            if let Some(signing_key) = signing_key {
                command.env("WINK_REPORT_SIGNING_KEY", signing_key);
            }
            command.output().unwrap()
        };
    let key_id = server.state.report_keys().key_id();

    let valid = verify(&report, Some(keys.as_path()), None);
    assert_eq!(valid.status.code(), Some(0), "{valid:?}");
    assert_eq!(
        String::from_utf8_lossy(&valid.stdout).trim(),
        format!("valid, signed by key {key_id} at 2026-11-20T09:30:00Z")
    );
    let invalid = verify(&changed, Some(keys.as_path()), None);
    assert_eq!(invalid.status.code(), Some(1), "{invalid:?}");
    assert!(String::from_utf8_lossy(&invalid.stdout).contains("the signature does not match"));

    // Without --key: the configured keys.
    let configured = verify(&report, None, Some(REPORT_SIGNING_KEY));
    assert_eq!(configured.status.code(), Some(0), "{configured:?}");
    let none = verify(&report, None, None);
    assert_eq!(none.status.code(), Some(2), "{none:?}");
    assert!(String::from_utf8_lossy(&none.stderr).contains("--key"));
}
