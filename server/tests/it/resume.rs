//! Resume links: they expire `WINK_RESUME_DAYS` after they were issued, the preview says
//! whose application a link opens without starting a session, and resuming ends the
//! session the browser had. Runs on SQLite, and on PostgreSQL when `WINK_TEST_POSTGRES_URL`
//! is set.

use crate::common::{george, Browser, TestServer};
use reqwest::StatusCode;
use serde_json::json;
use wink_api::{Application, CreatedApplication, ErrorBody, ErrorCode, ResumePreview};

/// Applies as George (with `email`) in `browser`; answers the application and its token.
async fn apply(browser: &Browser, email: &str) -> (Application, String) {
    let mut form = george();
    form["email"] = json!(email);
    let response = browser.post("/api/applications", &form).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let created: CreatedApplication = response.json().await.unwrap();
    let token = created
        .resume_path
        .strip_prefix("/resume/")
        .unwrap()
        .to_owned();
    (created.application, token)
}

/// Moves the issue time of `applicant_id`'s resume link `days` into the past.
async fn issued_days_ago(server: &TestServer, applicant_id: &str, days: i64) {
    let at = wink_server::db::Timestamp::now()
        - std::time::Duration::from_secs(86_400 * days.unsigned_abs());
    let done = sqlx::query("UPDATE applicants SET resume_issued_at = $1 WHERE id = $2")
        .bind(at)
        .bind(applicant_id)
        .execute(server.state.db())
        .await
        .unwrap();
    assert_eq!(done.rows_affected(), 1);
}

fn sets_a_cookie(response: &reqwest::Response) -> bool {
    response.headers().get("set-cookie").is_some()
}

async fn resume(browser: &Browser, token: &str) -> reqwest::Response {
    browser
        .post("/api/applications/resume", &json!({ "token": token }))
        .await
}

async fn preview(browser: &Browser, token: &str) -> reqwest::Response {
    browser
        .post(
            "/api/applications/resume/preview",
            &json!({ "token": token }),
        )
        .await
}

async fn expect_gone(response: reqwest::Response) {
    assert_eq!(response.status(), StatusCode::GONE);
    assert!(
        !sets_a_cookie(&response),
        "an expired link starts no session"
    );
    let body: ErrorBody = response.json().await.unwrap();
    assert_eq!(body.error.code, ErrorCode::Gone);
    assert!(
        body.error.message.contains("expired") && body.error.message.contains("30 days"),
        "{}",
        body.error.message
    );
}

#[tokio::test]
async fn a_resume_link_works_until_it_is_older_than_the_setting() {
    let server = TestServer::start_with(&["--background", "false"]).await;
    let (application, token) = apply(&server.browser(), "resume-fresh@example.com").await;

    // A day short of the default 30: still opens the application.
    issued_days_ago(&server, &application.id, 29).await;
    let device = server.browser();
    let response = resume(&device, &token).await;
    assert_eq!(response.status(), StatusCode::OK);
    let resumed: Application = response.json().await.unwrap();
    assert_eq!(resumed.id, application.id);
    assert_eq!(device.get("/api/applications/me").await.status(), 200);

    // Past 30 days: 410 from both routes, and no session for a new browser.
    issued_days_ago(&server, &application.id, 31).await;
    let late = server.browser();
    expect_gone(resume(&late, &token).await).await;
    expect_gone(preview(&late, &token).await).await;
    assert_eq!(
        late.get("/api/applications/me").await.status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn wink_resume_days_sets_how_long_a_link_works() {
    let server = TestServer::start_with(&["--background", "false", "--resume-days", "2"]).await;
    let (application, token) = apply(&server.browser(), "resume-days@example.com").await;
    issued_days_ago(&server, &application.id, 1).await;
    assert_eq!(
        resume(&server.browser(), &token).await.status(),
        StatusCode::OK
    );
    issued_days_ago(&server, &application.id, 3).await;
    let response = resume(&server.browser(), &token).await;
    assert_eq!(response.status(), StatusCode::GONE);
    let body: ErrorBody = response.json().await.unwrap();
    assert!(
        body.error.message.contains("2 days"),
        "{}",
        body.error.message
    );
}

#[tokio::test]
async fn the_preview_names_the_application_without_starting_a_session() {
    let server = TestServer::start_with(&["--background", "false"]).await;
    let (application, token) = apply(&server.browser(), "resume-preview@example.com").await;

    let stranger = server.browser();
    let response = preview(&stranger, &token).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(!sets_a_cookie(&response), "a preview starts no session");
    let text = response.text().await.unwrap();
    let shown: ResumePreview = serde_json::from_str(&text).unwrap();
    assert_eq!(
        shown,
        ResumePreview {
            reference: application.reference.clone(),
            initials: "G. P.".into(),
        }
    );
    for personal in [
        "George",
        "Palomero",
        "resume-preview@example.com",
        "+639559991234",
    ] {
        assert!(!text.contains(personal), "{personal} in {text}");
    }
    assert_eq!(
        stranger.get("/api/applications/me").await.status(),
        StatusCode::UNAUTHORIZED
    );

    let response = preview(&stranger, "not-a-token").await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let body: ErrorBody = response.json().await.unwrap();
    assert_eq!(body.error.code, ErrorCode::NotFound);
}

#[tokio::test]
async fn resuming_ends_the_session_this_browser_had() {
    let server = TestServer::start_with(&["--background", "false"]).await;
    let (theirs, token) = apply(&server.browser(), "resume-theirs@example.com").await;

    // A browser with its own application, whose cookie we keep to try it afterwards.
    let mut form = george();
    form["email"] = json!("resume-mine@example.com");
    let created = reqwest::Client::new()
        .post(format!("{}/api/applications", server.url))
        .json(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), StatusCode::CREATED);
    let cookie = created
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let with_old_cookie = || async {
        reqwest::Client::new()
            .get(format!("{}/api/applications/me", server.url))
            .header("cookie", &cookie)
            .send()
            .await
            .unwrap()
            .status()
    };
    assert_eq!(with_old_cookie().await, StatusCode::OK);

    let response = reqwest::Client::new()
        .post(format!("{}/api/applications/resume", server.url))
        .header("cookie", &cookie)
        .json(&json!({ "token": token }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let resumed: Application = response.json().await.unwrap();
    assert_eq!(resumed.id, theirs.id);
    assert_eq!(
        with_old_cookie().await,
        StatusCode::UNAUTHORIZED,
        "the replaced session is over on the server, not only forgotten by the browser"
    );
}
