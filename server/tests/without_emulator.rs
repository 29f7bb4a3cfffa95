//! What production ships: a build without the `emulator` feature (`cargo xtask test` runs
//! this with `--no-default-features`). It has no emulator to serve and refuses emulator
//! mode; with the feature on, this file compiles to nothing.
#![cfg(not(feature = "emulator"))]

use clap::Parser;
use tokio::net::TcpListener;
use wink_server::{app, AppState, Config};

fn config(dir: &std::path::Path, mode: &str) -> Config {
    Config::try_parse_from([
        "wink-server",
        "--smile-mode",
        mode,
        "--smile-api-key",
        "prod-key",
        "--smile-api-secret",
        "prod-secret",
        "--smile-webhook-secret",
        "prod-webhook-secret",
        "--public-url",
        "https://loans.example.com",
        // Any 32 bytes, base64: sandbox and production sign reports with their own key.
        "--report-signing-key",
        "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=",
        "--background",
        "false",
        "--database-url",
        &format!("sqlite://{}", dir.join("wink.db").display()),
        "--dist-dir",
        &dir.join("dist").display().to_string(),
    ])
    .unwrap()
}

#[tokio::test]
async fn there_is_no_emulator_to_serve_or_to_run() {
    let dir = tempfile::tempdir().unwrap();
    let emulator = AppState::build(&config(dir.path(), "emulator"), "http://127.0.0.1:1").await;
    assert!(
        emulator.is_err(),
        "emulator mode started without an emulator"
    );

    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let state = AppState::build(&config(dir.path(), "production"), &url)
        .await
        .unwrap();
    tokio::spawn(async move {
        axum::serve(
            listener,
            app(state).into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .await
    });
    let http = reqwest::Client::new();
    for path in [
        "/sandbox/smile.v2.js",
        "/sandbox/v1/webhooks",
        "/sandbox/_emulator/requests",
    ] {
        let response = http
            .get(format!("{url}{path}"))
            .basic_auth("sandbox-emulator-key", Some("sandbox-emulator-secret"))
            .send()
            .await
            .unwrap();
        let status = response.status();
        let body = response.text().await.unwrap();
        assert_ne!(status, reqwest::StatusCode::OK, "{path}: {body}");
        assert!(!body.contains("secret"), "{path}: {body}");
    }
}
