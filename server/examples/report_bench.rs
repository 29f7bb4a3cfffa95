//! `cargo xtask bench` runs this: how long an officer waits for George's signed verification
//! report (issue 16), as JSON and as a typeset PDF, once his SSS account is synced.
//! Reported: p50 and p99 of 40 downloads of each, and the files' sizes. Every download is a
//! new report (built from storage, signed, audited, kept as a snapshot), as in production.

mod support {
    pub mod applicant;
    pub mod latency;
    pub mod linking;
    pub mod officer;
    pub mod server;
}

use std::time::{Duration, Instant};

use support::latency::Latencies;

const ROUNDS: usize = 40;
const EMAIL: &str = "george@report.test";

#[tokio::main]
async fn main() {
    let server = support::server::start(&[], true).await;
    let url = &server.url;
    let token = support::linking::link_page(url, EMAIL).await;
    support::linking::link_in_widget(url, &token).await;
    let officer = support::officer::signed_in_officer(&server).await;
    let id = until_ready(url, &officer).await;
    for (what, path) in [("JSON", "report.json"), ("PDF (A4)", "report.pdf?paper=a4")] {
        let address = format!("{url}/api/officer/applicants/{id}/{path}");
        let mut latencies = Vec::with_capacity(ROUNDS);
        let mut bytes = 0;
        // One more than measured: the first pays for cold caches (the PDF's fonts).
        for round in 0..=ROUNDS {
            let started = Instant::now();
            let response = officer.get(&address).send().await.expect("report");
            assert!(response.status().is_success(), "{}", response.status());
            bytes = response.bytes().await.expect("body").len();
            if round > 0 {
                latencies.push(started.elapsed());
            }
        }
        let latencies = Latencies::from(latencies);
        println!(
            "George's report as {what}: p50 {:.1} ms, p99 {:.1} ms of {ROUNDS}; {:.1} KiB",
            millis(latencies.quantile(0.5)),
            millis(latencies.quantile(0.99)),
            bytes as f64 / 1024.0,
        );
    }
}

/// Waits (bounded: 30 s) until George is ready for review (his account synced); his id.
async fn until_ready(url: &str, officer: &reqwest::Client) -> String {
    for _ in 0..300 {
        let page: serde_json::Value = officer
            .get(format!("{url}/api/officer/applicants?q={EMAIL}"))
            .send()
            .await
            .expect("list")
            .json()
            .await
            .expect("json");
        let row = &page["items"][0];
        if row["status"] == "ready" {
            return row["id"].as_str().expect("id").to_owned();
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("George was not ready for review in 30 s");
}

fn millis(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}
