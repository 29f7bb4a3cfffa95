//! `cargo xtask bench` runs this: how long an officer waits for an applicant's detail when
//! the applicant's browser stored the most widget callbacks it may (issue 13 §1: the
//! hourly budget, 300 by default), each of the largest form normalisation keeps — 20
//! uploads with an id, type and file name at their length bounds. Reported: the median
//! and slowest of 20 requests for `GET /api/officer/applicants/{id}`, and the body's size.

mod support {
    pub mod applicant;
    pub mod latency;
    pub mod officer;
    pub mod server;
}

use std::time::{Duration, Instant};

use serde_json::{json, Value};
use support::latency::Latencies;

const ROUNDS: usize = 20;

#[tokio::main]
async fn main() {
    // The per-minute link budget would otherwise spread the 300 callbacks over five
    // minutes; the hourly callback budget, which sets the maximum, keeps its default.
    let server = support::server::start(&["--link-per-minute", "100000"], false).await;
    let url = &server.url;
    let applicant = support::applicant::browser();
    let id = support::applicant::apply(url, &applicant, "george@detail.test").await;
    let mut stored = 0;
    loop {
        let response = applicant
            .post(format!("{url}/api/link/events"))
            .json(&largest_uploads_callback(stored))
            .send()
            .await
            .expect("callback");
        match response.status().as_u16() {
            200 => stored += 1,
            // The hourly budget is spent: this is the most an applicant can store.
            429 => break,
            other => panic!("callback {stored}: {other}"),
        }
    }

    let officer = support::officer::signed_in_officer(&server).await;

    let detail = format!("{url}/api/officer/applicants/{id}");
    let mut latencies = Vec::with_capacity(ROUNDS);
    let mut bytes = 0;
    // One more than measured: the first pays for cold caches and connections.
    for round in 0..=ROUNDS {
        let started = Instant::now();
        let response = officer.get(&detail).send().await.expect("detail");
        assert!(response.status().is_success(), "{}", response.status());
        bytes = response.bytes().await.expect("body").len();
        if round > 0 {
            latencies.push(started.elapsed());
        }
    }
    let slowest = latencies.iter().max().copied().unwrap_or(Duration::ZERO);
    let median = Latencies::from(latencies).quantile(0.5);
    println!(
        "officer detail with the most stored callbacks ({stored} uploads callbacks of 20 uploads): \
         median {:.1} ms, slowest {:.1} ms of {ROUNDS}; {} KiB",
        median.as_secs_f64() * 1000.0,
        slowest.as_secs_f64() * 1000.0,
        bytes / 1024,
    );
}

/// An `onUploadsCreated` at the bounds normalisation keeps (more uploads, longer texts
/// and undocumented fields are cut before storing, so they would not add to the detail).
fn largest_uploads_callback(n: usize) -> Value {
    let uploads: Vec<Value> = (0..20)
        .map(|j| {
            let unique = format!("{n}-{j}-");
            let padded =
                |fill: &str, chars: usize| format!("{unique}{}", fill.repeat(chars - unique.len()));
            json!({
                "id": padded("i", 100),
                "type": "T".repeat(200),
                "rawFiles": [{"name": padded("f", 200)}],
            })
        })
        .collect();
    json!({"callback": "onUploadsCreated",
           "payload": {"uploads": uploads, "userId": "u".repeat(100)}})
}
