//! Re-verification and what changed (issue 16): George links SSS; his life moves on at the
//! emulator (a new employer, the next month's contribution); the officer re-verifies and,
//! once the fresh syncs ran, the detail says what changed. Also the report's sections, and
//! the reconnect link. Runs on SQLite, or PostgreSQL with `WINK_TEST_POSTGRES_URL`.

use std::time::Duration;

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use wink_api::officer::{ApplicantDetail, AuditTrail};
use wink_api::report::{ChangeKind, ReconnectLink, Reverification};
use wink_api::CreatedApplication;

use crate::common::{george, link, Browser, TestServer, GEORGE_LOGIN};

/// George applies in a browser of his own: the application, his resume token and his link
/// token.
async fn george_applies(server: &TestServer) -> (String, String, String) {
    let browser = server.browser();
    let response = browser.post("/api/applications", &george()).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let created: CreatedApplication = response.json().await.unwrap();
    let resume = created
        .resume_path
        .strip_prefix("/resume/")
        .unwrap()
        .to_owned();
    let config: Value = browser.get_json("/api/link/config").await;
    let token = config["widget"]["userToken"].as_str().unwrap().to_owned();
    (created.application.id, resume, token)
}

/// Waits (bounded: 20 s) until the officer's detail of `id` satisfies `done`.
async fn detail_until(
    officer: &Browser,
    id: &str,
    what: &str,
    done: impl Fn(&ApplicantDetail) -> bool,
) -> ApplicantDetail {
    let path = format!("/api/officer/applicants/{id}");
    for _ in 0..200 {
        let detail: ApplicantDetail = officer.get_json(&path).await;
        if done(&detail) {
            return detail;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!(
        "{what}: {:?}",
        officer.get_json::<Value>(&path).await["changes"]
    );
}

/// Waits (bounded: 20 s) until the sync job of `source` is done.
async fn until_synced_again(server: &TestServer, source: &str) {
    use wink_server::db::sync_jobs::{self, JobState};
    for _ in 0..200 {
        if sync_jobs::status(server.state.db(), source).await.unwrap() == Some(JobState::Done) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the sync of {source} never finished");
}

fn synced(detail: &ApplicantDetail, accounts: usize) -> bool {
    detail.accounts.len() == accounts
        && detail
            .accounts
            .iter()
            .all(|a| a.status == wink_api::LinkStatus::Ready)
}

#[tokio::test]
async fn a_reverification_shows_the_new_employer_and_the_new_contribution_month() {
    let server = TestServer::start().await;
    let officer = server.officer("ana@lender.test").await;
    let (id, _resume, token) = george_applies(&server).await;
    link(&server.emulator_url(), &token, "sss_ph", GEORGE_LOGIN, None).await;
    let before = detail_until(&officer, &id, "SSS synced", |d| synced(d, 1)).await;
    assert_eq!(before.changes, None, "no snapshot yet");

    // The current month (UTC), as the emulator dates George's data.
    let today = wink_server::db::Timestamp::now().utc_date();
    let this_month = format!("{:04}-{:02}", today.year(), today.month());
    let since = format!("{this_month}-01");
    server
        .emulator(
            Method::POST,
            "/_emulator/personas/george/changes",
            Some(json!({
                "newEmployer": {"name": "XYZ Holdings", "since": since},
                "newContributionMonth": true,
            })),
        )
        .await;

    let path = format!("/api/officer/applicants/{id}/reverify");
    let answer: Reverification = officer.post_json(&path, &json!({})).await;
    assert_eq!(answer.queued, 1);

    let detail = detail_until(&officer, &id, "the changes", |d| {
        d.changes.as_ref().is_some_and(|c| c.changes.len() >= 2)
    })
    .await;
    let changes = detail.changes.unwrap();
    assert_eq!(changes.since, answer.since);
    let of = |kind: ChangeKind| {
        changes
            .changes
            .iter()
            .find(|c| c.kind == kind)
            .unwrap_or_else(|| panic!("no {kind:?} in {:?}", changes.changes))
            .text
            .clone()
    };
    assert_eq!(
        of(ChangeKind::EmploymentStarted),
        format!("New employment at XYZ Holdings since {since}.")
    );
    assert_eq!(
        of(ChangeKind::NewContributionMonths),
        format!("New contribution posted for {this_month}.")
    );

    let trail: AuditTrail = officer
        .get_json(&format!("/api/officer/applicants/{id}/audit"))
        .await;
    assert!(trail
        .entries
        .iter()
        .any(|e| e.action == wink_api::officer::AuditAction::Reverify));
}

#[tokio::test]
async fn georges_report_has_every_section() {
    let server = TestServer::start().await;
    let officer = server.officer("ana@lender.test").await;
    let (id, _resume, token) = george_applies(&server).await;
    let accounts = [
        link(&server.emulator_url(), &token, "sss_ph", GEORGE_LOGIN, None).await,
        link(
            &server.emulator_url(),
            &token,
            "abccorp",
            GEORGE_LOGIN,
            None,
        )
        .await,
    ];
    detail_until(&officer, &id, "both synced", |d| synced(d, 2)).await;
    officer
        .post_json::<Value>(
            &format!("/api/officer/applicants/{id}/decision"),
            &json!({"outcome": "approve", "reason": "Verified employment and income."}),
        )
        .await;
    // A snapshot to compare with, and the fresh syncs it asks for done.
    officer
        .post_json::<Reverification>(
            &format!("/api/officer/applicants/{id}/reverify"),
            &json!({}),
        )
        .await;
    for account in &accounts {
        until_synced_again(&server, account).await;
    }

    let report = wink_server::report::build::current(&server.state, &id, "ana@lender.test")
        .await
        .unwrap();
    assert!(report.report_id.starts_with("rpt-"));
    assert_eq!(report.lender, "Wink Lending");
    assert_eq!(report.produced_by, "ana@lender.test");
    assert_eq!(report.applicant.id, id);
    assert_eq!(report.sources.len(), 2);
    for source in &report.sources {
        assert!(source.data_as_of.is_some(), "{source:?}");
        assert_eq!(source.status, "Connected");
    }
    let labels: Vec<&str> = report.sources.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(labels, ["SSS", "ABC Corporation"]);
    assert!(report.identities.iter().all(|i| i.name_score.is_some()));
    assert_eq!(report.identities.len(), 2);
    // SSS: CDE Corporation then ABC Corporation; the employer's own record of the job.
    let employers: Vec<&str> = report
        .employments
        .iter()
        .map(|e| e.employer.as_str())
        .collect();
    assert!(employers.contains(&"CDE Corporation"), "{employers:?}");
    assert!(employers.contains(&"ABC Corporation"), "{employers:?}");
    assert!(report
        .employments
        .windows(2)
        .all(|w| w[0].start_date >= w[1].start_date));
    // His four months without work, marked in the monthly table.
    assert!(report.contributions.iter().filter(|m| m.gap).count() >= 4);
    assert!(report
        .contributions
        .windows(2)
        .all(|w| w[0].month < w[1].month));
    assert!(!report.contribution_gaps.is_empty());
    assert!(!report.incomes.is_empty());
    assert!(report.summary.income.estimated.is_some());
    assert_eq!(report.consent.text, wink_api::CONSENT_TEXT);
    assert_eq!(report.consent.version, wink_api::CONSENT_VERSION);
    assert_eq!(
        report.decision.as_ref().map(|d| d.reason.as_str()),
        Some("Verified employment and income.")
    );
    assert_eq!(report.changes.as_ref().map(|c| c.changes.len()), Some(0));
    assert_eq!(
        report.verification.keys_url,
        format!("{}/.well-known/wink-report-keys.json", server.url)
    );
    assert_eq!(
        report.verification.verify_url,
        format!("{}/verify", server.url)
    );
}

#[tokio::test]
async fn a_reconnect_link_only_for_a_broken_account_and_it_replaces_the_resume_link() {
    let server = TestServer::start().await;
    let officer = server.officer("ana@lender.test").await;
    let (id, resume, token) = george_applies(&server).await;
    let account = link(&server.emulator_url(), &token, "sss_ph", GEORGE_LOGIN, None).await;
    detail_until(&officer, &id, "SSS synced", |d| synced(d, 1)).await;

    let path = format!("/api/officer/applicants/{id}/reconnect-link");
    let healthy = officer.post(&path, &json!({})).await;
    assert_eq!(healthy.status(), StatusCode::CONFLICT);
    let body: Value = healthy.json().await.unwrap();
    assert!(body.to_string().contains("nothing to reconnect"), "{body}");

    // Revoked at Smile: the webhook marks it disconnected.
    server
        .emulator(Method::DELETE, &format!("/v1/accounts/{account}"), None)
        .await;
    detail_until(&officer, &id, "disconnected", |d| {
        d.accounts.iter().all(|a| a.disconnected)
    })
    .await;

    let response = officer.post(&path, &json!({})).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["cache-control"], "no-store");
    let link: ReconnectLink = response.json().await.unwrap();
    let new_token = link
        .path
        .strip_prefix("/resume/")
        .and_then(|rest| rest.strip_suffix("?reconnect=1"))
        .unwrap()
        .to_owned();
    assert_ne!(new_token, resume);

    let resume_with = |token: String| {
        let browser = server.browser();
        async move {
            browser
                .post("/api/applications/resume", &json!({ "token": token }))
                .await
                .status()
        }
    };
    assert_eq!(resume_with(resume).await, StatusCode::NOT_FOUND);
    assert_eq!(resume_with(new_token).await, StatusCode::OK);
}
