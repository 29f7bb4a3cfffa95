//! `cargo xtask bench` runs this: sync throughput against Smile's limit of 20 requests per
//! second. Forty applicants link George's `sss_ph` with the worker off; then the worker
//! syncs all of them while the embedded emulator logs every request's arrival. Reported:
//! the share of the limit used over the sync, and the most requests seen in any one second
//! (must never exceed 20).

use std::time::Instant;

use clap::Parser;
use serde_json::{json, Value};
use tokio::net::TcpListener;
use wink_server::{app, AppState, Config};

#[path = "support/bench_server.rs"]
mod support;

const APPLICANTS: usize = 40;
const LIMIT: f64 = 20.0;
const KEY: &str = "sandbox-emulator-key";
const SECRET: &str = "sandbox-emulator-secret";

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = format!("sqlite://{}", dir.path().join("bench.db").display());
    let config = Config::try_parse_from([
        "wink-server",
        "--database-url",
        &db,
        "--background",
        "false",
        "--sync-debounce-ms",
        "0",
        // Every applicant here applies from 127.0.0.1: one client address, 40 applicants.
        "--apply-per-hour",
        "10000",
        "--link-per-minute-per-address",
        "100000",
    ])
    .expect("config");
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    let state = AppState::build(&config, &url).await.expect("state");
    tokio::spawn({
        let state = state.clone();
        async move { axum::serve(listener, app(state)).await }
    });
    wink_server::webhooks::subscription::ensure(&state)
        .await
        .expect("subscription");
    for i in 0..APPLICANTS {
        link_george(&url, i).await;
    }
    // Every webhook of the linking has arrived (the emulator delivers in the background).
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;

    let marker = requests(&url).await.len();
    let started = Instant::now();
    while wink_server::sync::run_once(&state)
        .await
        .expect("worker pass")
    {}
    let elapsed = started.elapsed().as_secs_f64();
    let log = requests(&url).await;
    let arrivals: Vec<u64> = log[marker..]
        .iter()
        .filter(|r| r["path"].as_str().is_some_and(|p| p.starts_with("/v1/")))
        .map(|r| r["atMicros"].as_u64().expect("atMicros"))
        .collect();
    let most_in_a_second = arrivals
        .iter()
        .enumerate()
        .map(|(i, start)| {
            arrivals[i..]
                .iter()
                .take_while(|t| **t < start + 1_000_000)
                .count()
        })
        .max()
        .unwrap_or(0);
    let rate = arrivals.len() as f64 / elapsed;
    println!(
        "sync: {APPLICANTS} accounts, {} Smile requests in {elapsed:.1} s = {rate:.1} req/s, \
         {:.0}% of Smile's 20 req/s; most in any 1 s: {most_in_a_second} (over the limit: {})",
        arrivals.len(),
        100.0 * rate / LIMIT,
        most_in_a_second.saturating_sub(20),
    );
}

async fn requests(url: &str) -> Vec<Value> {
    reqwest::Client::new()
        .get(format!("{url}/sandbox/_emulator/requests"))
        .basic_auth(KEY, Some(SECRET))
        .send()
        .await
        .expect("request log")
        .json()
        .await
        .expect("json")
}

async fn link_george(url: &str, i: usize) {
    let browser = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .expect("client");
    let applied = browser
        .post(format!("{url}/api/applications"))
        .json(
            &json!({"fullName": "George Palomero Jr.", "email": format!("george{i}@example.com"),
            "mobile": "+639559991234", "employer": "ABC Corporation", "monthlyIncome": "25000",
            "consent": true}),
        )
        .send()
        .await
        .expect("apply");
    assert!(applied.status().is_success());
    let config: Value = browser
        .get(format!("{url}/api/link/config"))
        .send()
        .await
        .expect("config")
        .json()
        .await
        .expect("json");
    let token = config["widget"]["userToken"].as_str().expect("token");
    support::link_in_widget(url, token).await;
}
