//! The server driven in-process over its `Router`, as a browser or client would see it.

use std::path::Path;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use clap::Parser;
use http_body_util::BodyExt;
use tower::ServiceExt;
use wink_api::{ErrorBody, ErrorCode, Info, Mode};
use wink_server::{app, AppState, Config};

fn server(dist: &Path, mode: &str) -> Router {
    let config = Config::try_parse_from([
        "wink-server",
        "--smile-mode",
        mode,
        "--dist-dir",
        dist.to_str().unwrap(),
    ])
    .unwrap();
    app(AppState::new(&config))
}

/// A `dist/` like trunk's: an index page and a hashed asset.
fn built_front_end() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("index.html"),
        "<!doctype html><title>Wink Portal</title>",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("wink-portal-abc123.js"),
        "export default 1;",
    )
    .unwrap();
    dir
}

async fn get(app: &Router, uri: &str) -> (StatusCode, Option<String>, Vec<u8>) {
    let response = app
        .clone()
        .oneshot(Request::get(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_owned());
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (status, content_type, body.to_vec())
}

#[tokio::test]
async fn info_reports_mode_and_version() {
    let dist = built_front_end();
    for mode in Mode::ALL {
        let app = server(dist.path(), mode.as_str());
        let (status, content_type, body) = get(&app, "/api/info").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(content_type.as_deref(), Some("application/json"));
        let info: Info = serde_json::from_slice(&body).unwrap();
        assert_eq!(info.mode, mode);
        assert_eq!(info.version, env!("CARGO_PKG_VERSION"));
    }
}

#[tokio::test]
async fn client_routes_fall_back_to_the_index_page() {
    let dist = built_front_end();
    let app = server(dist.path(), "emulator");
    for route in ["/", "/apply", "/applicants/42", "/no/such/page"] {
        let (status, content_type, body) = get(&app, route).await;
        assert_eq!(status, StatusCode::OK, "{route}");
        assert_eq!(content_type.as_deref(), Some("text/html"), "{route}");
        assert!(String::from_utf8(body).unwrap().contains("Wink Portal"));
    }
    let (status, content_type, body) = get(&app, "/wink-portal-abc123.js").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(content_type.as_deref(), Some("text/javascript"));
    assert_eq!(body, b"export default 1;");
}

#[tokio::test]
async fn missing_assets_and_api_routes_are_real_404s() {
    let dist = built_front_end();
    let app = server(dist.path(), "emulator");
    let (status, _, body) = get(&app, "/wink-portal-missing.wasm").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(!String::from_utf8_lossy(&body).contains("Wink Portal"));

    let (status, content_type, body) = get(&app, "/api/no-such-thing").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(content_type.as_deref(), Some("application/json"));
    let error: ErrorBody = serde_json::from_slice(&body).unwrap();
    assert_eq!(error.error.code, ErrorCode::NotFound);
    assert!(error.error.message.contains("/api/no-such-thing"));
}

#[tokio::test]
async fn wrong_method_on_api_is_a_typed_405() {
    let dist = built_front_end();
    let app = server(dist.path(), "emulator");
    let response = app
        .oneshot(Request::post("/api/info").body(Body::from("{}")).unwrap())
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    let body = response.into_body().collect().await.unwrap().to_bytes();
    let error: ErrorBody = serde_json::from_slice(&body).unwrap();
    assert_eq!(error.error.code, ErrorCode::MethodNotAllowed);
}

#[tokio::test]
async fn unbuilt_front_end_says_how_to_build_it() {
    let empty = tempfile::tempdir().unwrap();
    let app = server(empty.path(), "emulator");
    let (status, _, body) = get(&app, "/apply").await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(String::from_utf8(body).unwrap().contains("trunk build"));
}

#[tokio::test]
async fn health_and_readiness() {
    let dist = built_front_end();
    let config =
        Config::try_parse_from(["wink-server", "--dist-dir", dist.path().to_str().unwrap()])
            .unwrap();
    let state = AppState::new(&config);
    let app = app(state.clone());
    assert_eq!(get(&app, "/healthz").await.0, StatusCode::OK);
    assert_eq!(get(&app, "/readyz").await.0, StatusCode::OK);
    state.start_draining();
    assert_eq!(
        get(&app, "/readyz").await.0,
        StatusCode::SERVICE_UNAVAILABLE
    );
    assert_eq!(get(&app, "/healthz").await.0, StatusCode::OK);
}
