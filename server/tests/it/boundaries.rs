//! The server's boundary against a hostile browser: every bad request is a typed error with
//! the right status, bodies are bounded, widget callbacks are budgeted and only ever hints,
//! browser-driven Smile calls are budgeted, streams are bounded and end with their session.
//! Runs on SQLite, and on PostgreSQL when `WINK_TEST_POSTGRES_URL` is set.

use std::time::{Duration, Instant};

use crate::common::{emulator, george, Browser, TestServer};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use wink_api::{ErrorBody, ErrorCode};

/// What a route reads, so the walk knows which bad requests apply.
#[derive(Clone, Copy, PartialEq)]
enum Reads {
    Nothing,
    Json,
}

/// Who may call it.
#[derive(Clone, Copy, PartialEq)]
enum Caller {
    Anyone,
    Applicant,
    Officer,
}

/// Every `/api` route but the event streams: (method, path with `{id}` for a parameter,
/// body, caller, has a query).
const ROUTES: &[(Method, &str, Reads, Caller, bool)] = &[
    (
        Method::GET,
        "/api/info",
        Reads::Nothing,
        Caller::Anyone,
        false,
    ),
    (
        Method::POST,
        "/api/applications",
        Reads::Json,
        Caller::Anyone,
        false,
    ),
    (
        Method::GET,
        "/api/applications/me",
        Reads::Nothing,
        Caller::Applicant,
        false,
    ),
    (
        Method::POST,
        "/api/applications/me/complete",
        Reads::Nothing,
        Caller::Applicant,
        false,
    ),
    (
        Method::POST,
        "/api/applications/resume",
        Reads::Json,
        Caller::Anyone,
        false,
    ),
    (
        Method::POST,
        "/api/applications/resume/preview",
        Reads::Json,
        Caller::Anyone,
        false,
    ),
    (
        Method::GET,
        "/api/link/config",
        Reads::Nothing,
        Caller::Applicant,
        false,
    ),
    (
        Method::GET,
        "/api/link/accounts",
        Reads::Nothing,
        Caller::Applicant,
        false,
    ),
    (
        Method::POST,
        "/api/link/events",
        Reads::Json,
        Caller::Applicant,
        false,
    ),
    (
        Method::GET,
        "/api/invites/{id}",
        Reads::Nothing,
        Caller::Anyone,
        false,
    ),
    (
        Method::POST,
        "/api/officer/login",
        Reads::Json,
        Caller::Anyone,
        false,
    ),
    (
        Method::GET,
        "/api/officer/me",
        Reads::Nothing,
        Caller::Officer,
        false,
    ),
    (
        Method::GET,
        "/api/officer/applicants",
        Reads::Nothing,
        Caller::Officer,
        true,
    ),
    (
        Method::GET,
        "/api/officer/applicants/export.csv",
        Reads::Nothing,
        Caller::Officer,
        true,
    ),
    (
        Method::GET,
        "/api/officer/applicants/{id}",
        Reads::Nothing,
        Caller::Officer,
        false,
    ),
    (
        Method::POST,
        "/api/officer/applicants/{id}/notes",
        Reads::Json,
        Caller::Officer,
        false,
    ),
    (
        Method::POST,
        "/api/officer/applicants/{id}/decision",
        Reads::Json,
        Caller::Officer,
        false,
    ),
    (
        Method::GET,
        "/api/officer/applicants/{id}/audit",
        Reads::Nothing,
        Caller::Officer,
        false,
    ),
    (
        Method::POST,
        "/api/officer/invites",
        Reads::Json,
        Caller::Officer,
        false,
    ),
    (
        Method::GET,
        "/api/officer/rollout",
        Reads::Nothing,
        Caller::Officer,
        false,
    ),
    (
        Method::POST,
        "/api/officer/logout",
        Reads::Nothing,
        Caller::Officer,
        false,
    ),
    (
        Method::POST,
        "/api/applications/me/logout",
        Reads::Nothing,
        Caller::Applicant,
        false,
    ),
];

/// Asserts a typed error body with this status (and code, when given).
async fn assert_typed(response: reqwest::Response, status: StatusCode, what: &str) -> ErrorBody {
    let got = response.status();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let text = response.text().await.unwrap();
    assert_eq!(got, status, "{what}: {text}");
    assert!(
        content_type.starts_with("application/json"),
        "{what}: {content_type} {text}"
    );
    serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{what}: not our error body ({e}): {text}"))
}

/// A server whose budgets do not get in the way of the walk.
async fn roomy_server(extra: &[&str]) -> TestServer {
    let mut args = vec!["--link-per-minute", "10000", "--apply-per-hour", "10000"];
    args.extend_from_slice(extra);
    TestServer::start_with(&args).await
}

async fn applicant(server: &TestServer) -> (Browser, String) {
    let browser = server.browser();
    let created = browser.post("/api/applications", &george()).await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let id = created.json::<Value>().await.unwrap()["application"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    (browser, id)
}

#[tokio::test]
async fn every_route_answers_each_kind_of_bad_request_with_a_typed_error() {
    let server = roomy_server(&[]).await;
    let (applicant, applicant_id) = applicant(&server).await;
    let officer = server.officer("walker@lender.example").await;
    let anyone = server.browser();
    let too_big = format!(r#"{{"text":"{}"}}"#, "n".repeat(17 * 1024));

    for &(ref method, path, reads, caller, query) in ROUTES {
        let browser = match caller {
            Caller::Anyone => &anyone,
            Caller::Applicant => &applicant,
            Caller::Officer => &officer,
        };
        let url = |path: &str| format!("{}{path}", server.url);
        let real = path.replace("{id}", &applicant_id);
        let request = |path: &str| browser.http.request(method.clone(), url(path));

        if reads == Reads::Json {
            let what = format!("{method} {path} malformed JSON");
            let r = request(&real)
                .header("content-type", "application/json")
                .body("{\"unterminated")
                .send()
                .await
                .unwrap();
            assert_typed(r, StatusCode::BAD_REQUEST, &what).await;

            let what = format!("{method} {path} wrong content type");
            let r = request(&real)
                .header("content-type", "text/plain")
                .body("{}")
                .send()
                .await
                .unwrap();
            let body = assert_typed(r, StatusCode::UNSUPPORTED_MEDIA_TYPE, &what).await;
            assert_eq!(body.error.code, ErrorCode::UnsupportedMediaType);

            let what = format!("{method} {path} oversized body");
            let r = request(&real)
                .header("content-type", "application/json")
                .body(too_big.clone())
                .send()
                .await
                .unwrap();
            let body = assert_typed(r, StatusCode::PAYLOAD_TOO_LARGE, &what).await;
            assert_eq!(body.error.code, ErrorCode::PayloadTooLarge);

            let what = format!("{method} {path} wrong shape");
            let r = request(&real)
                .header("content-type", "application/json")
                .body("[1, 2, 3]")
                .send()
                .await
                .unwrap();
            let status = r.status();
            assert!(
                status == StatusCode::UNPROCESSABLE_ENTITY || status == StatusCode::BAD_REQUEST,
                "{what}: {status}"
            );
            assert_typed(r, status, &what).await;
        }
        if path.contains("{id}") {
            let what = format!("{method} {path} non-UTF-8 path parameter");
            let r = request(&path.replace("{id}", "%FF%FE"))
                .send()
                .await
                .unwrap();
            let body = assert_typed(r, StatusCode::BAD_REQUEST, &what).await;
            assert_eq!(body.error.code, ErrorCode::InvalidRequest);
        }
        if query {
            for bad in ["?sort=name&sort=newest", "?page=%FF", "?perPage=lots"] {
                let what = format!("{method} {path}{bad}");
                let r = request(&format!("{real}{bad}")).send().await.unwrap();
                let body = assert_typed(r, StatusCode::BAD_REQUEST, &what).await;
                assert_eq!(body.error.code, ErrorCode::InvalidRequest);
            }
        }
        // A method the route does not have.
        let other = if *method == Method::GET {
            Method::PUT
        } else {
            Method::PATCH
        };
        let what = format!("{other} {path}");
        let r = browser
            .http
            .request(other, url(&real))
            .send()
            .await
            .unwrap();
        assert_typed(r, StatusCode::METHOD_NOT_ALLOWED, &what).await;
    }
    // An unknown path with bytes that are not UTF-8.
    let r = anyone.get("/api/%FF%FE/x").await;
    assert_typed(r, StatusCode::NOT_FOUND, "unknown non-UTF-8 path").await;
}

#[tokio::test]
async fn the_webhook_keeps_its_own_larger_limit() {
    let server = roomy_server(&[]).await;
    // 100 KiB: over /api's 16 KiB, under the webhook's 256 KiB, so it reaches the signature
    // check (401) instead of being refused for its size.
    let body = format!(r#"{{"pad":"{}"}}"#, "x".repeat(100 * 1024));
    let r = reqwest::Client::new()
        .post(format!("{}/webhooks/smile", server.url))
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
}

fn uploads_callback(i: usize) -> Value {
    let uploads: Vec<Value> = (0..40)
        .map(|j| {
            json!({"id": format!("u-{i}-{j}"), "type": "PAYSLIP",
                   "state": {"status": "ANALYZED"}, "padding": "p".repeat(100),
                   "rawFiles": [{"name": format!("payslip-{i}-{j}.pdf")}]})
        })
        .collect();
    json!({"callback": "onUploadsCreated", "payload": {"uploads": uploads, "userId": "x"}})
}

#[tokio::test]
async fn callbacks_past_the_hourly_budget_are_refused_and_not_stored() {
    let server = roomy_server(&["--link-events-per-hour", "5"]).await;
    let (browser, applicant_id) = applicant(&server).await;
    for _ in 0..5 {
        let r = browser
            .post(
                "/api/link/events",
                &json!({"callback": "onClose", "payload": {"reason": "exit"}}),
            )
            .await;
        assert_eq!(r.status(), StatusCode::OK);
    }
    let r = browser
        .post(
            "/api/link/events",
            &json!({"callback": "onClose", "payload": {"reason": "exit"}}),
        )
        .await;
    let retry_after: u64 = r.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=3600).contains(&retry_after), "{retry_after}");
    let body = assert_typed(r, StatusCode::TOO_MANY_REQUESTS, "sixth callback").await;
    assert_eq!(body.error.code, ErrorCode::RateLimited);

    let officer = server.officer("budget@lender.example").await;
    let detail: Value = officer
        .get_json(&format!("/api/officer/applicants/{applicant_id}"))
        .await;
    let widget_entries = detail["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["source"] == "widget")
        .count();
    assert_eq!(widget_entries, 5);
}

#[tokio::test]
async fn a_file_full_of_callbacks_opens_quickly_and_forged_uploads_are_only_reports() {
    const MAX: usize = 300;
    let server = roomy_server(&[]).await;
    let (browser, applicant_id) = applicant(&server).await;
    for i in 0..MAX {
        let r = browser.post("/api/link/events", &uploads_callback(i)).await;
        assert_eq!(r.status(), StatusCode::OK, "callback {i}");
    }
    let r = browser
        .post("/api/link/events", &uploads_callback(MAX))
        .await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);

    let officer = server.officer("reader@lender.example").await;
    let started = Instant::now();
    let r = officer
        .get(&format!("/api/officer/applicants/{applicant_id}"))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let text = r.text().await.unwrap();
    let elapsed = started.elapsed();
    // Generous: a quadratic or unbounded read takes minutes here (security review H1).
    assert!(elapsed < Duration::from_secs(10), "detail took {elapsed:?}");
    assert!(text.len() < 500_000, "detail is {} bytes", text.len());
    let detail: Value = serde_json::from_str(&text).unwrap();

    // M1: what the browser said is a report, with no status, never a document.
    let reported = detail["reportedUploads"].as_array().unwrap();
    assert!(!reported.is_empty());
    let first = &reported[0];
    assert!(first.get("status").is_none(), "{first}");
    assert_eq!(first["documentType"], "PAYSLIP");
    assert!(detail.get("uploads").is_none());
    // The newest hundred reports, and nothing undocumented.
    assert_eq!(reported.len(), 100, "{}", reported.len());
    assert_eq!(first["uploadId"], format!("u-{}-0", MAX - 1));
    assert!(!text.contains("padding") && !text.contains("ANALYZED"));
}

#[tokio::test]
async fn applications_are_budgeted_per_client_address() {
    let server = TestServer::start_with(&["--apply-per-hour", "3"]).await;
    for i in 0..3 {
        let mut form = george();
        form["email"] = json!(format!("spam{i}@example.com"));
        let r = server.browser().post("/api/applications", &form).await;
        assert_eq!(r.status(), StatusCode::CREATED);
    }
    // A form with mistakes costs nothing.
    let mut bad = george();
    bad["email"] = json!("not an email");
    let r = server.browser().post("/api/applications", &bad).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = server.browser().post("/api/applications", &george()).await;
    assert!(r.headers().contains_key("retry-after"));
    let body = assert_typed(r, StatusCode::TOO_MANY_REQUESTS, "fourth application").await;
    assert_eq!(body.error.code, ErrorCode::RateLimited);
}

/// How many requests the emulator received for `path` (its arrivals log).
async fn smile_requests(server: &TestServer, method: &str, path: &str) -> usize {
    let base = format!("{}/sandbox", server.url);
    let log = emulator(&base, Method::GET, "/_emulator/requests", None).await;
    log.as_array()
        .unwrap()
        .iter()
        .filter(|r| {
            r["method"].as_str() == Some(method)
                && r["path"].as_str().is_some_and(|p| p.starts_with(path))
        })
        .count()
}

#[tokio::test]
async fn link_routes_are_budgeted_per_applicant_and_accounts_come_from_storage() {
    let server = TestServer::start_with(&["--link-per-minute", "8"]).await;
    let (browser, _) = applicant(&server).await;
    let before = smile_requests(&server, "GET", "/v1/accounts").await;
    for _ in 0..8 {
        assert_eq!(
            browser.get("/api/link/accounts").await.status(),
            StatusCode::OK
        );
    }
    // Eight answers, one Smile call: the rest came from the stored state.
    let asked = smile_requests(&server, "GET", "/v1/accounts").await - before;
    assert_eq!(asked, 1, "Smile was asked {asked} times");
    let r = browser.get("/api/link/config").await;
    assert!(r.headers().contains_key("retry-after"));
    assert_typed(r, StatusCode::TOO_MANY_REQUESTS, "ninth link call").await;
    // Another applicant is not held up.
    let (other, _) = applicant(&server).await;
    assert_eq!(
        other.get("/api/link/accounts").await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_slow_smile_gets_a_typed_timeout_not_a_hung_request() {
    let server = roomy_server(&["--request-timeout-secs", "1"]).await;
    let (browser, _) = applicant(&server).await;
    let base = format!("{}/sandbox", server.url);
    emulator(
        &base,
        Method::POST,
        "/_emulator/faults",
        Some(json!({"endpoint": "POST /v1/tokens", "latencyMs": 5000})),
    )
    .await;
    let started = Instant::now();
    let r = browser.get("/api/link/config").await;
    let elapsed = started.elapsed();
    let body = assert_typed(r, StatusCode::SERVICE_UNAVAILABLE, "slow link config").await;
    assert_eq!(body.error.code, ErrorCode::Unavailable);
    assert!(elapsed < Duration::from_secs(4), "{elapsed:?}");
}

/// Opens the applicant's event stream and returns the response (its body is the stream).
async fn open_stream(browser: &Browser) -> reqwest::Response {
    browser.get("/api/link/stream").await
}

#[tokio::test]
async fn applicant_streams_are_bounded_and_end_at_sign_out() {
    let server = roomy_server(&["--applicant-streams", "2"]).await;
    let (browser, _) = applicant(&server).await;
    let mut first = open_stream(&browser).await;
    assert_eq!(first.status(), StatusCode::OK);
    let second = open_stream(&browser).await;
    assert_eq!(second.status(), StatusCode::OK);
    let third = open_stream(&browser).await;
    assert_typed(third, StatusCode::TOO_MANY_REQUESTS, "third stream").await;
    // Closing one frees its place.
    drop(second);
    let mut reopened = None;
    for _ in 0..50 {
        let r = open_stream(&browser).await;
        if r.status() == StatusCode::OK {
            reopened = Some(r);
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        reopened.is_some(),
        "a closed stream's place was never freed"
    );

    // The first event (the accounts now) arrives at once.
    let chunk = tokio::time::timeout(Duration::from_secs(5), first.chunk())
        .await
        .unwrap()
        .unwrap();
    assert!(chunk.is_some());
    let r = browser
        .http
        .post(format!("{}/api/applications/me/logout", server.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    // The stream ends (no more chunks but keep-alives, then the end) well before its
    // periodic re-check would have noticed.
    let ended = tokio::time::timeout(Duration::from_secs(10), async {
        while let Ok(Some(_)) = first.chunk().await {}
    })
    .await;
    assert!(ended.is_ok(), "the stream outlived its session");
    assert_eq!(
        browser.get("/api/applications/me").await.status(),
        StatusCode::UNAUTHORIZED
    );
}

async fn apply_from(server: &TestServer, forwarded_for: &str, n: usize) -> StatusCode {
    let mut form = george();
    form["email"] = json!(format!("proxied{n}@example.com"));
    server
        .browser()
        .http
        .post(format!("{}/api/applications", server.url))
        .header("x-forwarded-for", forwarded_for)
        .json(&form)
        .send()
        .await
        .unwrap()
        .status()
}

#[tokio::test]
async fn behind_a_trusted_proxy_budgets_key_on_the_forwarded_client() {
    let proxied =
        TestServer::start_with(&["--apply-per-hour", "1", "--trusted-proxies", "127.0.0.1/32"])
            .await;
    // Two clients behind the proxy, each spoofing the same left-most entry.
    assert_eq!(
        apply_from(&proxied, "1.1.1.1, 198.51.100.1", 0).await,
        StatusCode::CREATED
    );
    assert_eq!(
        apply_from(&proxied, "1.1.1.1, 198.51.100.2", 1).await,
        StatusCode::CREATED
    );
    assert_eq!(
        apply_from(&proxied, "2.2.2.2, 198.51.100.1", 2).await,
        StatusCode::TOO_MANY_REQUESTS,
        "the spoofed entry bought a fresh budget"
    );
    // Without a trusted proxy the header is ignored: everyone here is 127.0.0.1.
    let direct = TestServer::start_with(&["--apply-per-hour", "1"]).await;
    assert_eq!(
        apply_from(&direct, "198.51.100.1", 0).await,
        StatusCode::CREATED
    );
    assert_eq!(
        apply_from(&direct, "198.51.100.2", 1).await,
        StatusCode::TOO_MANY_REQUESTS
    );
}

#[tokio::test]
async fn a_page_on_another_host_name_cannot_read_the_api() {
    // DNS rebinding: a name the attacker controls, resolved to this laptop's server.
    let server = TestServer::start().await;
    let port = server.url.rsplit(':').next().unwrap().to_owned();
    let http = reqwest::Client::new();
    let rebound = http
        .get(format!("{}/api/info", server.url))
        .header("host", format!("rebound.evil.example:{port}"))
        .send()
        .await
        .unwrap();
    assert_typed(rebound, StatusCode::FORBIDDEN, "rebound host").await;
    for host in [format!("127.0.0.1:{port}"), format!("localhost:{port}")] {
        let ok = http
            .get(format!("{}/api/info", server.url))
            .header("host", &host)
            .send()
            .await
            .unwrap();
        assert_eq!(ok.status(), StatusCode::OK, "{host}");
    }
}

#[tokio::test]
async fn an_officers_stream_ends_at_sign_out() {
    let server = roomy_server(&["--stream-recheck-secs", "1"]).await;
    let officer = server.officer("streamer@lender.example").await;
    let mut stream = officer.get("/api/officer/stream").await;
    assert_eq!(stream.status(), StatusCode::OK);
    let r = officer
        .http
        .post(format!("{}/api/officer/logout", server.url))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success(), "{}", r.status());
    let ended = tokio::time::timeout(Duration::from_secs(10), async {
        while let Ok(Some(_)) = stream.chunk().await {}
    })
    .await;
    assert!(ended.is_ok(), "the officer's stream outlived the session");
}

#[tokio::test]
async fn creating_an_invitation_is_audited() {
    let server = roomy_server(&[]).await;
    let officer = server.officer("inviter@lender.example").await;
    let r = officer
        .post(
            "/api/officer/invites",
            &json!({"fullName": "Ana Cruz", "email": "ana@example.com",
                    "mobile": "+639171234567", "employer": "ABC Corporation"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let path = r.json::<Value>().await.unwrap()["path"]
        .as_str()
        .unwrap()
        .to_owned();
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT officer_email, applicant_id FROM audit_log WHERE action = 'invite'")
            .fetch_all(server.state.db())
            .await
            .unwrap();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0].0, "inviter@lender.example");
    // The row names the invitation without holding its token.
    let token = path.rsplit('=').next().unwrap();
    assert!(rows[0].1.starts_with("invite:") && !rows[0].1.contains(token));
}

#[tokio::test]
async fn cookies_carry_the_host_prefix_outside_emulator_mode() {
    let sandbox = TestServer::start_in_mode(
        "sandbox",
        &[
            "--smile-base-url",
            "http://127.0.0.1:9/v1",
            "--background",
            "false",
        ],
    )
    .await;
    let emulator = roomy_server(&[]).await;
    for (server, name) in [
        (&sandbox, "__Host-wink_officer="),
        (&emulator, "wink_officer="),
    ] {
        server
            .add_officer("cookie@lender.example", "officer-password-123")
            .await;
        let r = reqwest::Client::new()
            .post(format!("{}/api/officer/login", server.url))
            .json(&json!({"email": "cookie@lender.example", "password": "officer-password-123"}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        let cookie = r.headers()["set-cookie"].to_str().unwrap().to_owned();
        assert!(cookie.starts_with(name), "{cookie}");
        if name.starts_with("__Host-") {
            assert!(
                cookie.contains("Secure") && cookie.contains("Path=/"),
                "{cookie}"
            );
            assert!(!cookie.contains("Domain"), "{cookie}");
        }
    }
}
