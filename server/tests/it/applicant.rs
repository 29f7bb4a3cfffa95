//! The applicant's API over HTTP, against the embedded emulator of Smile's sandbox.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use wink_api::officer::ApplicantDetail;
use wink_api::{
    consent_text, Application, ApplicationStatus, CreatedApplication, ErrorBody, ErrorCode, Lang,
    LinkAccounts, LinkConfig, LinkStatus, CONSENT_TEXT, CONSENT_VERSION,
};

use crate::common::{link, Browser, TestServer, GEORGE_LOGIN};

/// George's application as a person types it (spaces in the mobile, a thousands separator).
fn george() -> Value {
    json!({
        "fullName": "George Palomero Jr.",
        "email": "gpalomero1234@smileapi.io",
        "mobile": "+63 955 999 1234",
        "employer": "ABC Corporation",
        "monthlyIncome": "25,000",
        "consent": true
    })
}

async fn apply(browser: &Browser) -> CreatedApplication {
    let response = browser.post("/api/applications", &george()).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    response.json().await.unwrap()
}

async fn link_config(browser: &Browser) -> LinkConfig {
    let response = browser.get("/api/link/config").await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

/// Smile users (at the emulator) whose externalMetadata carries this reference.
async fn smile_users_with(server: &TestServer, reference: &str) -> Vec<Value> {
    let page = server
        .emulator(Method::GET, "/v1/users?size=150", None)
        .await;
    page["data"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| u["externalMetadata"]["reference"] == reference)
        .cloned()
        .collect()
}

fn connected(account_id: &str, user_id: &str) -> Value {
    json!({
        "callback": "onAccountConnected",
        "payload": { "accountId": account_id, "userId": user_id, "providerId": "sss_ph" }
    })
}

#[tokio::test]
async fn every_bad_field_is_named_and_nothing_is_stored() {
    let server = TestServer::start().await;
    let browser = server.browser();
    let response = browser
        .post(
            "/api/applications",
            &json!({"fullName": "", "email": "x@", "mobile": "12", "employer": "",
                    "monthlyIncome": "-3", "consent": false}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let error: ErrorBody = response.json().await.unwrap();
    assert_eq!(error.error.code, ErrorCode::InvalidRequest);
    let fields: Vec<_> = error
        .error
        .fields
        .iter()
        .map(|f| f.field.as_str())
        .collect();
    assert_eq!(
        fields,
        [
            "fullName",
            "email",
            "mobile",
            "employer",
            "monthlyIncome",
            "consent"
        ]
    );
    assert!(error.error.fields.iter().all(|f| !f.message.is_empty()));
    // No session was started for a refused form.
    assert_eq!(
        browser.get("/api/applications/me").await.status(),
        StatusCode::UNAUTHORIZED
    );

    let response = browser
        .http
        .post(format!("{}/api/applications", server.url))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let error: ErrorBody = response.json().await.unwrap();
    assert_eq!(error.error.code, ErrorCode::InvalidRequest);
}

#[tokio::test]
async fn applying_starts_a_strict_session_and_one_smile_user() {
    let server = TestServer::start().await;
    let browser = server.browser();
    let response = browser.post("/api/applications", &george()).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let cookie = response
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    assert!(cookie.starts_with("wink_applicant="), "{cookie}");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Strict"), "{cookie}");
    let created: CreatedApplication = response.json().await.unwrap();
    let application = &created.application;
    assert_eq!(application.full_name, "George Palomero Jr.");
    assert_eq!(application.mobile, "+639559991234");
    assert_eq!(application.monthly_income, 25_000);
    assert_eq!(application.currency, "PHP");
    assert_eq!(application.status, ApplicationStatus::Applied);
    assert!(application.reference.starts_with("WP-"));
    assert!(created.resume_path.starts_with("/resume/"));

    let me: Application = browser.get_json("/api/applications/me").await;
    assert_eq!(&me, application);

    // A fresh token on every call, always for the same single Smile user.
    let mut tokens = Vec::new();
    for _ in 0..3 {
        let response = browser.get("/api/link/config").await;
        assert_eq!(response.headers().get("cache-control").unwrap(), "no-store");
        let config: LinkConfig = response.json().await.unwrap();
        assert_eq!(config.script_url, "/sandbox/smile.v2.js");
        assert_eq!(config.widget.company_name.as_deref(), Some("Wink Lending"));
        assert_eq!(config.widget.top_providers, Some(vec!["sss_ph".to_owned()]));
        assert_eq!(config.widget.enable_upload, Some(true));
        assert!(!config.expires_at.is_empty());
        tokens.push(config.widget.user_token);
    }
    tokens.dedup();
    assert_eq!(tokens.len(), 3, "each config carries a new token");
    let users = smile_users_with(&server, &application.reference).await;
    assert_eq!(users.len(), 1, "{users:?}");
    // externalMetadata carries our reference only, never personal data.
    let metadata = users[0]["externalMetadata"].as_object().unwrap();
    assert_eq!(metadata.len(), 1);
}

#[tokio::test]
async fn every_applicant_route_needs_a_session() {
    let server = TestServer::start().await;
    let stranger = server.browser();
    let gets = [
        "/api/applications/me",
        "/api/link/config",
        "/api/link/accounts",
    ];
    for path in gets {
        let response = stranger.get(path).await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{path}");
        let error: ErrorBody = response.json().await.unwrap();
        assert_eq!(error.error.code, ErrorCode::Unauthorized, "{path}");
    }
    let posts = [
        ("/api/applications/me/complete", json!({})),
        ("/api/link/events", json!({"callback": "onTokenExpired"})),
    ];
    for (path, body) in posts {
        assert_eq!(
            stranger.post(path, &body).await.status(),
            StatusCode::UNAUTHORIZED,
            "{path}"
        );
    }
    // A forged cookie is no session either.
    let forged = stranger
        .http
        .get(format!("{}/api/applications/me", server.url))
        .header("cookie", "wink_applicant=00ff")
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_failed_smile_call_loses_nothing_and_never_makes_two_users() {
    let server = TestServer::start().await;
    // Smile refuses POST /users four times: the first attempt (with the client's own
    // retries) fails; the application is kept; the next config request succeeds.
    let fault = server
        .emulator_request(Method::POST, "/_emulator/faults")
        .json(&json!({"endpoint": "POST /v1/users", "statuses": [503, 503, 503, 504]}))
        .send()
        .await
        .unwrap();
    assert_eq!(fault.status(), StatusCode::CREATED);
    let browser = server.browser();
    let created = apply(&browser).await;
    let reference = &created.application.reference;
    assert!(smile_users_with(&server, reference).await.is_empty());

    // 504 is ambiguous (Smile may have created the user): the server looks before it leaps.
    let response = browser.get("/api/link/config").await;
    let status = response.status();
    let body = response.text().await.unwrap();
    assert_eq!(status, StatusCode::BAD_GATEWAY, "{body}");
    let response: ErrorBody = serde_json::from_str(&body).unwrap();
    assert_eq!(response.error.code, ErrorCode::UpstreamUnavailable);

    let config = link_config(&browser).await;
    assert!(!config.widget.user_token.is_empty());
    link_config(&browser).await;
    assert_eq!(smile_users_with(&server, reference).await.len(), 1);
}

#[tokio::test]
async fn a_resume_link_brings_back_the_same_application_and_smile_user() {
    let server = TestServer::start().await;
    let first = server.browser();
    let created = apply(&first).await;
    link_config(&first).await;

    let other_device = server.browser();
    let token = created.resume_path.trim_start_matches("/resume/");
    let response = other_device
        .post("/api/applications/resume", &json!({ "token": token }))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let resumed: Application = response.json().await.unwrap();
    assert_eq!(resumed.id, created.application.id);
    link_config(&other_device).await;
    assert_eq!(
        smile_users_with(&server, &created.application.reference)
            .await
            .len(),
        1
    );

    let response = server
        .browser()
        .post(
            "/api/applications/resume",
            &json!({ "token": "not-a-token" }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn accounts_are_trusted_only_when_smile_confirms_they_are_the_applicants() {
    // The webhooks' sync waits: this test is about callbacks, and a sync that began first
    // (on a loaded machine) would rightly show the account as syncing, not connected.
    let server = TestServer::start_with(&["--sync-debounce-ms", "10000"]).await;
    let alice = server.browser();
    apply(&alice).await;
    let config = link_config(&alice).await;
    let account_id = link(
        &server.emulator_url(),
        &config.widget.user_token,
        "sss_ph",
        GEORGE_LOGIN,
        None,
    )
    .await;

    // Another applicant claims Alice's account: refused, and nothing appears for them.
    let mallory = server.browser();
    apply(&mallory).await;
    link_config(&mallory).await;
    let response = mallory
        .post("/api/link/events", &connected(&account_id, "usr-forged"))
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let theirs: LinkAccounts = mallory.get_json("/api/link/accounts").await;
    assert!(theirs.accounts.is_empty());
    let made_up = mallory
        .post("/api/link/events", &connected("acc-made-up", "usr-forged"))
        .await;
    assert_eq!(made_up.status(), StatusCode::NOT_FOUND);

    // Alice's own callback is confirmed with Smile and shown with its provider's name.
    let response = alice
        .post("/api/link/events", &connected(&account_id, "usr-x"))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let mine: LinkAccounts = response.json().await.unwrap();
    assert_eq!(mine.accounts.len(), 1);
    assert_eq!(mine.accounts[0].account_id, account_id);
    assert_eq!(mine.accounts[0].provider_id, "sss_ph");
    assert!(mine.accounts[0].provider_name.is_some());
    assert_eq!(mine.accounts[0].status, LinkStatus::Connected);
    let me: Application = alice.get_json("/api/applications/me").await;
    assert_eq!(me.status, ApplicationStatus::Linked);
}

#[tokio::test]
async fn revoked_and_missed_accounts_are_brought_in_line_with_smile() {
    let server = TestServer::start().await;
    let browser = server.browser();
    apply(&browser).await;
    let config = link_config(&browser).await;
    let token = &config.widget.user_token;

    // The browser never reported this one (tab closed): the list still shows it.
    let missed = link(&server.emulator_url(), token, "sss_ph", GEORGE_LOGIN, None).await;
    let list: LinkAccounts = browser.get_json("/api/link/accounts").await;
    assert_eq!(list.accounts.len(), 1);
    assert_eq!(list.accounts[0].account_id, missed);

    // A wrong password: the account is in error with Smile's code.
    let failed = link(
        &server.emulator_url(),
        token,
        "sss_ph",
        (GEORGE_LOGIN.0, "wrong"),
        None,
    )
    .await;
    // Smile is asked at most once per WINK_ACCOUNTS_REFRESH_SECS; in between the stored
    // state answers, which Smile's webhooks bring up to date within moments.
    let mut failed_row = None;
    for _ in 0..100 {
        let list: LinkAccounts = browser.get_json("/api/link/accounts").await;
        failed_row = list.accounts.into_iter().find(|a| a.account_id == failed);
        if failed_row
            .as_ref()
            .is_some_and(|a| a.status == LinkStatus::Error)
        {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let failed_row = failed_row.expect("the failed account never appeared");
    assert_eq!(failed_row.status, LinkStatus::Error);
    assert_eq!(
        failed_row.error_code,
        Some(smile_api::AccountErrorCode::InvalidCredentials)
    );

    // Revoked in the widget: gone from the list once the callback arrives.
    let revoke = reqwest::Client::new()
        .delete(format!("{}/sandbox/link/v1/accounts/{missed}", server.url))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert!(revoke.status().is_success());
    let removed = json!({
        "callback": "onAccountRemoved",
        "payload": { "accountId": missed, "userId": "usr-x", "providerId": "sss_ph" }
    });
    let list: LinkAccounts = browser.post_json("/api/link/events", &removed).await;
    assert!(
        list.accounts.iter().all(|a| a.account_id != missed),
        "{list:?}"
    );
}

#[tokio::test]
async fn completing_moves_the_status_forward_only() {
    let server = TestServer::start().await;
    let browser = server.browser();
    apply(&browser).await;
    let done: Application = browser
        .post_json("/api/applications/me/complete", &json!({}))
        .await;
    assert_eq!(done.status, ApplicationStatus::Completed);
    let again: Application = browser
        .post_json("/api/applications/me/complete", &json!({}))
        .await;
    assert_eq!(again.status, ApplicationStatus::Completed);
}

#[tokio::test]
async fn the_language_applied_in_is_kept_shown_to_officers_and_in_the_consent_receipt() {
    let server = TestServer::start().await;
    let browser = server.browser();
    let mut form = george();
    form["language"] = json!("fil");
    let response = browser.post("/api/applications", &form).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let created: CreatedApplication = response.json().await.unwrap();
    assert_eq!(created.application.language, Lang::Fil);
    let me: Application = browser.get_json("/api/applications/me").await;
    assert_eq!(me.language, Lang::Fil);

    // The resume link keeps it, on any device.
    let token = created.resume_path.trim_start_matches("/resume/");
    let resumed: Application = server
        .browser()
        .post("/api/applications/resume", &json!({ "token": token }))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(resumed.language, Lang::Fil);

    // The officer sees it, and the report quotes the consent in Filipino, with the English.
    let officer = server.officer("ana@lender.test").await;
    let base = format!("/api/officer/applicants/{}", created.application.id);
    let detail: ApplicantDetail = officer.get_json(&base).await;
    assert_eq!(detail.application.language, Lang::Fil);
    let report: Value = officer.get_json(&format!("{base}/report.json")).await;
    let consent = &report["report"]["consent"];
    assert_eq!(consent["language"], "fil");
    assert_eq!(consent["text"], consent_text(Lang::Fil));
    assert_eq!(consent["textInEnglish"], CONSENT_TEXT);
    assert_eq!(consent["version"], CONSENT_VERSION);

    // Without a language: English. A language we do not speak: a typed refusal.
    let response = server.browser().post("/api/applications", &george()).await;
    let created: CreatedApplication = response.json().await.unwrap();
    assert_eq!(created.application.language, Lang::En);
    let mut form = george();
    form["language"] = json!("de");
    let response = server.browser().post("/api/applications", &form).await;
    assert!(response.status().is_client_error(), "{}", response.status());
    let error: ErrorBody = response.json().await.unwrap();
    assert_eq!(error.error.code, ErrorCode::InvalidRequest);
}

#[tokio::test]
async fn field_errors_carry_their_message_key_for_clients_in_other_languages() {
    let server = TestServer::start().await;
    let mut form = george();
    form["fullName"] = json!("");
    let response = server.browser().post("/api/applications", &form).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let error: ErrorBody = response.json().await.unwrap();
    let field = &error.error.fields[0];
    assert_eq!(field.field, "fullName");
    assert_eq!(field.key.as_deref(), Some("problem.full_name_missing"));
    assert_eq!(
        field.message,
        "Enter your full name as it appears on your ID."
    );
}
