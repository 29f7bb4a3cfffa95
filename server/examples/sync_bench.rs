//! `cargo xtask bench` runs this: sync throughput against Smile's limit of 20 requests per
//! second. Forty applicants link George's `sss_ph` with the worker off; then the worker
//! syncs all of them while the embedded emulator logs every request's arrival. Reported:
//! the share of the limit used over the sync, and the most requests seen in any one second
//! (must never exceed 20).

use std::time::Instant;

use serde_json::Value;

#[path = "support/bench_server.rs"]
mod support;

const APPLICANTS: usize = 40;
const LIMIT: f64 = 20.0;

#[tokio::main]
async fn main() {
    let server = support::start(
        &[
            "--sync-debounce-ms",
            "0",
            // Every applicant here applies from 127.0.0.1: one client address, 40 applicants.
            "--apply-per-hour",
            "10000",
            "--link-per-minute-per-address",
            "100000",
        ],
        false,
    )
    .await;
    let (url, state) = (&server.url, &server.state);
    wink_server::webhooks::subscription::ensure(state)
        .await
        .expect("subscription");
    for i in 0..APPLICANTS {
        let token = support::link_page(url, &format!("george{i}@example.com")).await;
        support::link_in_widget(url, &token).await;
    }
    // Every webhook of the linking has arrived (the emulator delivers in the background).
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;

    let marker = requests(url).await.len();
    let started = Instant::now();
    while wink_server::sync::run_once(state)
        .await
        .expect("worker pass")
    {}
    let elapsed = started.elapsed().as_secs_f64();
    let log = requests(url).await;
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
        .basic_auth(support::EMULATOR_KEY, Some(support::EMULATOR_SECRET))
        .send()
        .await
        .expect("request log")
        .json()
        .await
        .expect("json")
}
