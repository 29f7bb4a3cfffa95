//! An in-process wink-server for a benchmark: emulator mode, its own temporary SQLite
//! database, listening on loopback with the client address known (the budgets key on it).

#![allow(dead_code)] // each benchmark uses a different part of this

use clap::Parser;
use tokio::net::TcpListener;
use wink_server::{app, AppState, Config};

/// The embedded emulator's documented (not secret) key pair, for its admin endpoints.
pub const EMULATOR_KEY: &str = "sandbox-emulator-key";
pub const EMULATOR_SECRET: &str = "sandbox-emulator-secret";

pub struct BenchServer {
    pub url: String,
    pub state: AppState,
    _dir: tempfile::TempDir,
}

/// Starts a server with these extra options; with `background`, its worker, reconciler
/// and webhook subscription run as in production.
pub async fn start(args: &[&str], background: bool) -> BenchServer {
    let dir = tempfile::tempdir().expect("temp dir");
    let database = format!("sqlite://{}", dir.path().join("bench.db").display());
    let background = background.to_string();
    let mut argv = vec![
        "wink-server",
        "--database-url",
        &database,
        "--background",
        &background,
    ];
    argv.extend_from_slice(args);
    let config = Config::try_parse_from(argv).expect("config");
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    let state = AppState::build(&config, &url).await.expect("state");
    let router = app(state.clone());
    tokio::spawn(async move {
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .await
    });
    if state.runs_background_tasks() {
        wink_server::sync::start(state.clone());
    }
    BenchServer {
        url,
        state,
        _dir: dir,
    }
}

/// An applicant's browser (its own cookie jar) that applied as George with `email`; the
/// response's application id.
pub async fn apply(url: &str, http: &reqwest::Client, email: &str) -> String {
    let applied = http
        .post(format!("{url}/api/applications"))
        .json(&serde_json::json!({
            "fullName": "George Palomero Jr.", "email": email, "mobile": "+639559991234",
            "employer": "ABC Corporation", "monthlyIncome": "25000", "consent": true
        }))
        .send()
        .await
        .expect("apply");
    assert_eq!(applied.status(), reqwest::StatusCode::CREATED);
    let body: serde_json::Value = applied.json().await.expect("json");
    body["application"]["id"]
        .as_str()
        .expect("application id")
        .to_owned()
}

/// Applies as George with `email` and opens the link page: the widget's token.
pub async fn link_page(url: &str, email: &str) -> String {
    let browser = browser();
    apply(url, &browser, email).await;
    let config: serde_json::Value = browser
        .get(format!("{url}/api/link/config"))
        .send()
        .await
        .expect("link config")
        .json()
        .await
        .expect("json");
    config["widget"]["userToken"]
        .as_str()
        .expect("token")
        .to_owned()
}

/// Links George's `sss_ph` account as the widget does, through the emulator's Link API at
/// `url` (the server's root) with the link `token`; the account's id.
pub async fn link_in_widget(url: &str, token: &str) -> String {
    let link = format!("{url}/sandbox/link/v1");
    let http = reqwest::Client::new();
    let created: serde_json::Value = http
        .post(format!("{link}/accounts"))
        .bearer_auth(token)
        .json(&serde_json::json!({"providerId": "sss_ph"}))
        .send()
        .await
        .expect("create account")
        .json()
        .await
        .expect("json");
    let account = created["data"]["id"]
        .as_str()
        .expect("account id")
        .to_owned();
    let login = http
        .post(format!("{link}/accounts/{account}/login"))
        .bearer_auth(token)
        .json(&serde_json::json!({"loginName": "gpalomero1234@smileapi.io", "password": "123456"}))
        .send()
        .await
        .expect("login");
    assert!(login.status().is_success());
    account
}

pub fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .expect("client")
}

/// The median of some durations (sorted here).
pub fn median(mut samples: Vec<std::time::Duration>) -> std::time::Duration {
    samples.sort();
    samples[samples.len() / 2]
}
