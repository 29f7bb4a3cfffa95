//! Uploaded documents end to end against the emulator: an upload in the widget becomes a
//! Smile archive, synced like an account (inbox → job → sync), shown to the officer with
//! Smile's checks and to the applicant as progress; revocation purges what was read; the
//! reconciler finds an archive whose webhooks were dropped; a forged browser report is
//! never a document; and archive events in every order leave the same stored state.

use std::time::Duration;

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::common::{george, stored_state, Applicant, TestServer};

/// George applies without linking an account (his employer is not on Smile's network).
async fn george_without_accounts(server: &TestServer) -> Applicant {
    server.apply(&george()).await
}

/// The applicant's uploads as their link page lists them.
async fn progress(applicant: &Applicant) -> Vec<(String, String)> {
    let list: Value = applicant.browser.get_json("/api/link/accounts").await;
    list["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["archiveId"].as_str().unwrap().to_owned(),
                d["progress"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// Waits (bounded: 15 s) until the applicant's page shows `archive_id` as `wanted`.
async fn until_progress(applicant: &Applicant, archive_id: &str, wanted: &str) {
    for _ in 0..150 {
        if progress(applicant)
            .await
            .iter()
            .any(|(id, p)| id == archive_id && p == wanted)
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!(
        "{archive_id} never {wanted}: {:?}",
        progress(applicant).await
    );
}

async fn detail(server: &TestServer, applicant_id: &str) -> Value {
    let officer = server.officer("ana@lender.test").await;
    officer
        .get_json(&format!("/api/officer/applicants/{applicant_id}"))
        .await
}

fn flags(detail: &Value) -> Vec<&str> {
    detail["summary"]["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["kind"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn an_uploaded_payslip_is_evidence_with_four_passing_checks() {
    let server = TestServer::start().await;
    let applicant = george_without_accounts(&server).await;
    let archive_id = applicant.upload_payslip("payslip.pdf").await;
    until_progress(&applicant, &archive_id, "accepted").await;

    let detail = detail(&server, &applicant.id).await;
    let documents = detail["documents"].as_array().unwrap();
    assert_eq!(documents.len(), 1, "{documents:?}");
    let document = &documents[0];
    assert_eq!(document["archiveId"], archive_id.as_str());
    assert_eq!(document["status"], "analyzed");
    assert_eq!(document["typeLabel"], "Payslip");
    assert_eq!(document["files"][0]["name"], "payslip.pdf");
    assert_eq!(document["checkThreshold"], 80);
    let checks = document["checks"].as_array().unwrap();
    let kinds: Vec<&str> = checks.iter().map(|c| c["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["metadata", "computation", "identity", "location"]);
    assert!(checks.iter().all(|c| c["low"] == false), "{checks:?}");
    let labels: Vec<&str> = document["extracted"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["label"].as_str().unwrap())
        .collect();
    for label in ["Employer", "Gross pay", "Net pay"] {
        assert!(labels.contains(&label), "{label} in {labels:?}");
    }
    // The file's bytes and download URL stay at Smile.
    let stored: Option<String> =
        sqlx::query_scalar("SELECT body FROM archives WHERE archive_id = $1")
            .bind(&archive_id)
            .fetch_one(server.state.db())
            .await
            .unwrap();
    let stored = stored.unwrap();
    assert!(stored.contains("\"url\":null"), "{stored}");

    // Smile confirmed it: no longer a browser report, and the applicant is ready for review.
    assert_eq!(detail["reportedUploads"], json!([]));
    assert_eq!(detail["status"], "ready");
    assert!(
        !flags(&detail).iter().any(|f| f.starts_with("document_")),
        "{:?}",
        flags(&detail)
    );
    // Every row read from the document names it as its source.
    let source = detail["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["sourceId"] == archive_id.as_str())
        .unwrap_or_else(|| panic!("{archive_id} in {}", detail["sources"]));
    assert_eq!(source["kind"], "document");
    assert_eq!(source["label"], "Uploaded payslip");
    for kind in ["identities", "employments", "incomes"] {
        let rows = detail[kind].as_array().unwrap();
        assert!(!rows.is_empty(), "{kind} read from the payslip");
        for row in rows {
            assert_eq!(row["metadata"]["sourceId"], archive_id.as_str(), "{row}");
        }
    }
    // A figure only from an uploaded document is labelled as such.
    assert_eq!(detail["summary"]["income"]["evidence"], "uploaded_document");
    assert_eq!(detail["summary"]["name"]["evidence"], "uploaded_document");
}

#[tokio::test]
async fn a_tampered_payslip_fails_the_metadata_check_and_a_mismatched_one_the_name() {
    let server = TestServer::start().await;
    let applicant = george_without_accounts(&server).await;
    let tampered = applicant.upload_payslip("payslip-tampered.pdf").await;
    let mismatch = applicant.upload_payslip("payslip-mismatch.pdf").await;
    until_progress(&applicant, &tampered, "accepted").await;
    until_progress(&applicant, &mismatch, "accepted").await;

    let detail = detail(&server, &applicant.id).await;
    let flag_of = |archive: &str, kind: &str| -> Value {
        detail["summary"]["flags"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["kind"] == kind && f["evidence"]["archiveId"] == archive)
            .cloned()
            .unwrap_or_else(|| panic!("{kind} for {archive} in {}", detail["summary"]["flags"]))
    };
    let failed = flag_of(&tampered, "document_check_failed");
    assert_eq!(failed["evidence"]["checks"], "metadata");
    assert_eq!(failed["evidence"]["minimum"], "80");
    let reason = failed["reason"].as_str().unwrap();
    assert!(reason.contains("file metadata scored"), "{reason}");
    assert!(reason.contains("edited after it was produced"), "{reason}");

    let mismatched = flag_of(&mismatch, "document_identity_mismatch");
    assert_eq!(mismatched["evidence"]["declared"], "George Palomero Jr.");
    // The officers' list filters on the new flags.
    let officer = server.officer("ben@lender.test").await;
    for flag in ["document_check_failed", "document_identity_mismatch"] {
        let page: Value = officer
            .get_json(&format!("/api/officer/applicants?flag={flag}"))
            .await;
        assert_eq!(page["total"], 1, "{flag}: {page}");
    }
    let page: Value = officer
        .get_json("/api/officer/applicants?flag=document_unreadable")
        .await;
    assert_eq!(page["total"], 0);
}

#[tokio::test]
async fn an_unreadable_file_fails_and_tells_the_applicant() {
    let server = TestServer::start().await;
    let applicant = george_without_accounts(&server).await;
    let archive_id = applicant.upload_payslip("payslip-unreadable.pdf").await;
    until_progress(&applicant, &archive_id, "unreadable").await;
    let detail = detail(&server, &applicant.id).await;
    assert_eq!(detail["documents"][0]["status"], "failed");
    assert!(detail["documents"][0]["error"].is_string());
    assert!(flags(&detail).contains(&"document_unreadable"));
    // Not evidence: still waiting for a link or a readable upload.
    assert_eq!(detail["status"], "awaiting_link");

    // The rollout funnel counts documents.
    let officer = server.officer("ben@lender.test").await;
    let rollout: Value = officer.get_json("/api/officer/rollout").await;
    let wink = rollout["cohorts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["cohort"] == "wink")
        .unwrap();
    assert_eq!(
        (
            &wink["documentsUploaded"],
            &wink["documentsAnalyzed"],
            &wink["documentsFailed"]
        ),
        (&json!(1), &json!(0), &json!(1))
    );
}

#[tokio::test]
async fn revocation_and_deletion_purge_what_was_read() {
    let server = TestServer::start().await;
    let applicant = george_without_accounts(&server).await;
    let removed = applicant.upload_payslip("payslip.pdf").await;
    let deleted = applicant.upload_payslip("payslip-march.pdf").await;
    until_progress(&applicant, &removed, "accepted").await;
    until_progress(&applicant, &deleted, "accepted").await;
    let items_of = |archive: String| {
        let db = server.state.db().clone();
        async move {
            sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM smile_items WHERE account_id = $1")
                .bind(archive)
                .fetch_one(&db)
                .await
                .unwrap()
        }
    };
    assert!(items_of(removed.clone()).await > 0);

    // The applicant removes one in the widget; the lender deletes the other through the API.
    let revoke = reqwest::Client::new()
        .delete(format!(
            "{}/link/v1/uploads/{removed}",
            server.emulator_url()
        ))
        .bearer_auth(&applicant.token)
        .send()
        .await
        .unwrap();
    assert!(revoke.status().is_success());
    server
        .emulator(Method::DELETE, &format!("/v1/archives/{deleted}"), None)
        .await;
    until_progress(&applicant, &removed, "removed").await;
    until_progress(&applicant, &deleted, "removed").await;

    for archive in [&removed, &deleted] {
        assert_eq!(items_of(archive.clone()).await, 0, "{archive}");
        let (status, body): (String, Option<String>) =
            sqlx::query_as("SELECT status, body FROM archives WHERE archive_id = $1")
                .bind(archive)
                .fetch_one(server.state.db())
                .await
                .unwrap();
        assert_eq!((status.as_str(), body), ("revoked", None));
    }
    let detail = detail(&server, &applicant.id).await;
    assert_eq!(detail["identities"], json!([]));
    assert_eq!(detail["incomes"], json!([]));
}

#[tokio::test]
async fn the_reconciler_finds_an_archive_whose_webhooks_were_dropped() {
    let server = TestServer::start_with(&["--background", "false"]).await;
    server.drop_all_webhooks().await;
    let applicant = george_without_accounts(&server).await;
    // The browser's report is all the server heard.
    let archive_id = applicant.upload_payslip("payslip.pdf").await;
    let report = json!({"callback": "onUploadsCreated", "payload": {
        "uploads": [{"id": archive_id, "type": "PAYSLIP", "fileName": "payslip.pdf"}],
        "userId": "ignored"}});
    let answer = applicant.browser.post("/api/link/events", &report).await;
    assert_eq!(answer.status(), StatusCode::OK);
    assert_eq!(
        progress(&applicant).await,
        [(archive_id.clone(), "received".to_owned())]
    );
    // Wait for Smile's analysis, then one reconcile pass and the worker.
    for _ in 0..100 {
        let archive = server
            .emulator(Method::GET, &format!("/v1/archives/{archive_id}"), None)
            .await;
        if archive["data"]["state"]["status"] == "ANALYZED" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let queued = wink_server::sync::reconcile_once(&server.state)
        .await
        .unwrap();
    assert_eq!(queued, 1);
    while wink_server::sync::run_once(&server.state).await.unwrap() {}
    assert_eq!(
        progress(&applicant).await,
        [(archive_id.clone(), "accepted".to_owned())]
    );
    // In step now: another pass queues nothing.
    assert_eq!(
        wink_server::sync::reconcile_once(&server.state)
            .await
            .unwrap(),
        0
    );
}

#[tokio::test]
async fn a_forged_upload_report_is_never_a_document() {
    let server = TestServer::start_with(&["--background", "false"]).await;
    let applicant = george_without_accounts(&server).await;
    let forged = json!({"callback": "onUploadsCreated", "payload": {
        "uploads": [{"id": "u-forged", "type": "PAYSLIP", "fileName": "payslip.pdf"}],
        "userId": "whoever"}});
    let answer = applicant.browser.post("/api/link/events", &forged).await;
    assert_eq!(answer.status(), StatusCode::OK);
    let queued = wink_server::sync::reconcile_once(&server.state)
        .await
        .unwrap();
    assert_eq!(queued, 0, "Smile does not know it: nothing to sync");
    while wink_server::sync::run_once(&server.state).await.unwrap() {}

    let detail = detail(&server, &applicant.id).await;
    assert_eq!(detail["documents"], json!([]));
    assert_eq!(detail["reportedUploads"][0]["uploadId"], "u-forged");
    assert_eq!(detail["status"], "awaiting_link");
    // The applicant's own page says only that it was received.
    assert_eq!(
        progress(&applicant).await,
        [("u-forged".to_owned(), "received".to_owned())]
    );
}

/// Archive events in every order give the same stored state: the sync reads Smile's
/// state, never the event's.
#[tokio::test]
async fn archive_events_in_every_order_give_the_same_state() {
    let server = TestServer::start_for_replay().await;
    server.drop_all_webhooks().await;
    let applicant = george_without_accounts(&server).await;
    let kept = applicant.upload_payslip("payslip.pdf").await;
    let unreadable = applicant.upload_payslip("payslip-unreadable.pdf").await;
    let revoked = applicant.upload_payslip("payslip-april.pdf").await;
    // Every archive settled at Smile (analysed or failed), then one revoked.
    tokio::time::sleep(Duration::from_millis(600)).await;
    server
        .emulator(Method::DELETE, &format!("/v1/archives/{revoked}"), None)
        .await;
    let log = server
        .emulator(Method::GET, "/_emulator/events", None)
        .await;
    let script: Vec<Value> = log
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["type"].as_str().unwrap().starts_with("ARCHIVE_"))
        .cloned()
        .collect();
    let kinds: Vec<&str> = script.iter().map(|e| e["type"].as_str().unwrap()).collect();
    assert_eq!(script.len(), 7, "{kinds:?}");

    let http = reqwest::Client::new();
    let mut baseline = None;
    // Forward, backward, and interleaved orders.
    let n = script.len();
    let orders: Vec<Vec<usize>> = vec![
        (0..n).collect(),
        (0..n).rev().collect(),
        (0..n).step_by(2).chain((1..n).step_by(2)).collect(),
        (1..n).step_by(2).rev().chain((0..n).step_by(2)).collect(),
    ];
    for (run, order) in orders.iter().enumerate() {
        for table in ["smile_items", "archives", "sync_jobs"] {
            sqlx::query(&format!("DELETE FROM {table}"))
                .execute(server.state.db())
                .await
                .unwrap();
        }
        for &i in order {
            let mut event = script[i].clone();
            event["id"] = json!(format!("{}-run{run}", script[i]["id"].as_str().unwrap()));
            let body = serde_json::to_vec(&event).unwrap();
            assert_eq!(server.deliver(&http, body).await, StatusCode::OK);
            // Sync after each delivery too, so earlier states are stored on the way.
            while wink_server::sync::run_once(&server.state).await.unwrap() {}
        }
        let state = stored_state(server.state.db(), &applicant.id).await;
        match &baseline {
            None => {
                let statuses: Vec<&str> = state.iter().map(|(_, s, _)| s.as_str()).collect();
                assert!(statuses.contains(&"analyzed"), "{state:?}");
                assert!(statuses.contains(&"failed"), "{state:?}");
                baseline = Some(state);
            }
            Some(expected) => assert_eq!(&state, expected, "order {order:?} of {kinds:?}"),
        }
    }
    let _ = (kept, unreadable);
}
