//! The server as a browser or client sees it: info, the SPA fallback, health, typed errors.

use crate::common::TestServer;
use reqwest::{Method, StatusCode};
use wink_api::{ErrorBody, ErrorCode, Info, Mode};

/// A `dist/` like trunk's: an index page and a hashed asset.
fn build_front_end(dist: &std::path::Path) {
    std::fs::create_dir_all(dist).unwrap();
    std::fs::write(
        dist.join("index.html"),
        "<!doctype html><title>Wink Portal</title>",
    )
    .unwrap();
    std::fs::write(dist.join("wink-portal-abc123.js"), "export default 1;").unwrap();
}

async fn server() -> TestServer {
    let server = TestServer::start().await;
    build_front_end(server.dist());
    server
}

fn content_type(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
}

#[tokio::test]
async fn info_reports_mode_and_version() {
    for mode in Mode::ALL {
        let server = TestServer::start_in_mode(mode.as_str(), &["--background", "false"]).await;
        let response = server.browser().get("/api/info").await;
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(content_type(&response).as_deref(), Some("application/json"));
        let info: Info = response.json().await.unwrap();
        assert_eq!(info.mode, mode);
        assert_eq!(info.version, env!("CARGO_PKG_VERSION"));
    }
}

#[tokio::test]
async fn client_routes_fall_back_to_the_index_page() {
    let server = server().await;
    let browser = server.browser();
    for route in ["/", "/apply", "/applicants/42", "/no/such/page"] {
        let response = browser.get(route).await;
        assert_eq!(response.status(), StatusCode::OK, "{route}");
        assert_eq!(
            content_type(&response).as_deref(),
            Some("text/html"),
            "{route}"
        );
        assert_eq!(
            response.headers().get("cache-control").unwrap(),
            "no-cache",
            "{route}"
        );
        assert!(response.text().await.unwrap().contains("Wink Portal"));
    }
    let response = browser.get("/wink-portal-abc123.js").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(content_type(&response).as_deref(), Some("text/javascript"));
    assert_eq!(response.text().await.unwrap(), "export default 1;");
}

#[tokio::test]
async fn missing_assets_and_api_routes_are_real_404s() {
    let server = server().await;
    let browser = server.browser();
    let response = browser.get("/wink-portal-missing.wasm").await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert!(!response.text().await.unwrap().contains("Wink Portal"));

    let response = browser.get("/api/no-such-thing").await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(content_type(&response).as_deref(), Some("application/json"));
    let error: ErrorBody = response.json().await.unwrap();
    assert_eq!(error.error.code, ErrorCode::NotFound);
    assert!(error.error.message.contains("/api/no-such-thing"));

    // `/api/` itself, which the API router's nesting leaves to the front end's fallback:
    // a typed 404 too, whether or not a front end is built.
    let bare = TestServer::start().await;
    for method in [Method::GET, Method::HEAD] {
        let response = bare
            .browser()
            .http
            .request(method.clone(), format!("{}/api/", bare.url))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{method} /api/");
    }
    let error: ErrorBody = bare.browser().get("/api/").await.json().await.unwrap();
    assert_eq!(error.error.code, ErrorCode::NotFound);
}

#[tokio::test]
async fn wrong_method_on_api_is_a_typed_405() {
    let server = server().await;
    let response = server
        .browser()
        .post("/api/info", &serde_json::json!({}))
        .await;
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    let error: ErrorBody = response.json().await.unwrap();
    assert_eq!(error.error.code, ErrorCode::MethodNotAllowed);
}

#[tokio::test]
async fn unbuilt_front_end_says_how_to_build_it() {
    let server = TestServer::start().await;
    let response = server.browser().get("/apply").await;
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(response.text().await.unwrap().contains("trunk build"));
}

#[tokio::test]
async fn health_and_readiness() {
    let server = server().await;
    let browser = server.browser();
    assert_eq!(browser.get("/healthz").await.status(), StatusCode::OK);
    assert_eq!(browser.get("/readyz").await.status(), StatusCode::OK);
    server.state.start_draining();
    assert_eq!(
        browser.get("/readyz").await.status(),
        StatusCode::SERVICE_UNAVAILABLE
    );
    assert_eq!(browser.get("/healthz").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn readiness_needs_a_writable_database() {
    let server = server().await;
    let browser = server.browser();
    assert_eq!(browser.get("/readyz").await.status(), StatusCode::OK);
    server.state.db().close().await;
    let response = browser.get("/readyz").await;
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    let error: ErrorBody = response.json().await.unwrap();
    assert_eq!(error.error.code, ErrorCode::Unavailable);
    assert_eq!(browser.get("/healthz").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn the_emulator_is_mounted_in_emulator_mode_only() {
    let server = server().await;
    let script = server.browser().get("/sandbox/smile.v2.js").await;
    assert_eq!(script.status(), StatusCode::OK);
    assert!(script.text().await.unwrap().contains("SmileLinkModal"));

    let production = TestServer::start_in_mode("production", &["--background", "false"]).await;
    build_front_end(production.dist());
    let response = production.browser().get("/sandbox/smile.v2.js").await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

/// The scraper's token the metrics tests start their servers with.
const METRICS_TOKEN: &str = "scraper-token-0123456789";

#[tokio::test]
async fn metrics_are_exported_for_prometheus_without_ids() {
    let server = TestServer::start_with(&["--metrics-token", METRICS_TOKEN]).await;
    // One forged webhook, then a scrape.
    let forged = reqwest::Client::new()
        .post(format!("{}/webhooks/smile", server.url))
        .header("content-type", "application/json")
        .header(smile_api::SIGNATURE_HEADER, "00")
        .body(
            r#"{"id":"evt-metrics","type":"ACCOUNT_CONNECTED","data":{"userId":"usr-secret-id"}}"#,
        )
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 401);
    // A Smile call, so the client's metrics exist.
    let created = server
        .browser()
        .post(
            "/api/applications",
            &serde_json::json!({"fullName": "Maria Santos", "email": "maria@example.com",
                "mobile": "+639171234567", "employer": "ABC Corporation",
                "monthlyIncome": "25000", "consent": true}),
        )
        .await;
    assert_eq!(created.status(), 201);
    let response = reqwest::Client::new()
        .get(format!("{}/metrics", server.url))
        .bearer_auth(METRICS_TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert!(content_type(&response).unwrap().starts_with("text/plain"));
    let text = response.text().await.unwrap();
    for expected in [
        "webhooks_received_total{outcome=\"rejected_signature\"}",
        "webhook_inbox_lag_seconds",
        "sync_jobs{status=\"dead\"}",
        "smile_requests_total{method=\"POST\",resource=\"users\",outcome=\"201\"}",
        "smile_request_duration_seconds_bucket",
        "smile_rate_limit_wait_seconds",
    ] {
        assert!(text.contains(expected), "missing {expected} in:\n{text}");
    }
    for private in ["usr-secret-id", "maria", "Santos"] {
        assert!(!text.contains(private), "{private} leaked into metrics");
    }
}

#[tokio::test]
async fn metrics_need_the_token_and_are_absent_without_one() {
    let guarded = TestServer::start_with(&["--metrics-token", METRICS_TOKEN]).await;
    let url = format!("{}/metrics", guarded.url);
    let http = reqwest::Client::new();
    for token in [None, Some("wrong-token"), Some("scraper-token-012345678")] {
        let mut request = http.get(&url);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{token:?}");
        let body: wink_api::ErrorBody = response.json().await.unwrap();
        assert_eq!(body.error.code, wink_api::ErrorCode::Unauthorized);
    }
    let open = TestServer::start().await;
    let response = reqwest::get(format!("{}/metrics", open.url)).await.unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn readiness_probes_the_database_at_most_once_a_second() {
    let server = TestServer::start().await;
    if wink_server::db::Backend::of(server.state.db()) != wink_server::db::Backend::Sqlite {
        return; // PostgreSQL's probe takes no lock.
    }
    let first = reqwest::get(format!("{}/readyz", server.url))
        .await
        .unwrap();
    assert_eq!(first.status(), StatusCode::OK);
    let probed = std::time::Instant::now();
    // Someone else holds SQLite's write lock: a probe that took it on every call would wait
    // out the busy timeout (5 s) and fail; within the second, the last answer stands.
    let mut writer = server.state.db().acquire().await.unwrap();
    sqlx::query("BEGIN IMMEDIATE")
        .execute(&mut *writer)
        .await
        .unwrap();
    let mut answered = 0;
    while probed.elapsed() < std::time::Duration::from_millis(700) {
        let started = std::time::Instant::now();
        let response = reqwest::get(format!("{}/readyz", server.url))
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert!(started.elapsed() < std::time::Duration::from_millis(500));
        answered += 1;
    }
    sqlx::query("ROLLBACK").execute(&mut *writer).await.unwrap();
    assert!(answered > 0);
}

#[tokio::test]
async fn metrics_on_their_own_address_are_absent_from_the_main_one() {
    let server = TestServer::start_with(&["--metrics-addr", "127.0.0.1:9"]).await;
    let main = reqwest::get(format!("{}/metrics", server.url))
        .await
        .unwrap();
    assert_eq!(main.status(), StatusCode::NOT_FOUND);
    // What `main` serves on WINK_METRICS_ADDR: /metrics alone, no token.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let private = format!("http://{}", listener.local_addr().unwrap());
    let router = wink_server::metrics_app(server.state.clone());
    tokio::spawn(async move { axum::serve(listener, router).await });
    let scraped = reqwest::get(format!("{private}/metrics")).await.unwrap();
    assert_eq!(scraped.status(), StatusCode::OK);
    assert!(scraped.text().await.unwrap().contains("sync_jobs"));
    let other = reqwest::get(format!("{private}/api/info")).await.unwrap();
    assert_eq!(other.status(), StatusCode::NOT_FOUND);
}
