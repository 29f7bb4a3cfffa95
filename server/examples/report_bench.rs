//! `cargo xtask bench` runs this: how long an officer waits for a signed verification report
//! (issue 16), as JSON and as a typeset PDF, for two applicants: George as the sandbox has
//! him (one SSS account, three years), and George as a long-standing member with five
//! linked accounts (SSS, ABC Corporation, Grab, Upwork, Freelancer) and ten years of
//! contributions (the emulator's `earlierYears` knob, then a re-verification).
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
const LONG_EMAIL: &str = "george.member@report.test";
/// The long-standing member's accounts.
const PROVIDERS: [&str; 5] = ["sss_ph", "abccorp", "grab", "upwork", "freelancer"];
/// Years added before George's three-year record: ten years of contributions in all.
const EARLIER_YEARS: u32 = 7;
/// Contribution months the long record must show before it is measured.
const LONG_MONTHS: usize = 120;

#[tokio::main]
async fn main() {
    let server = support::server::start(&[], true).await;
    let url = &server.url;
    let officer = support::officer::signed_in_officer(&server).await;

    let token = support::linking::link_page(url, EMAIL).await;
    support::linking::link_in_widget(url, &token).await;
    let id = until_ready(url, &officer, EMAIL).await;
    measure(url, &officer, &id, "George's report").await;

    let token = support::linking::link_page(url, LONG_EMAIL).await;
    for provider in PROVIDERS {
        support::linking::link_provider(url, &token, provider).await;
    }
    let id = until_ready(url, &officer, LONG_EMAIL).await;
    let changed = officer
        .post(format!("{url}/sandbox/_emulator/personas/george/changes"))
        // The embedded emulator's documented (not secret) key pair.
        .basic_auth("sandbox-emulator-key", Some("sandbox-emulator-secret"))
        .json(&serde_json::json!({"earlierYears": EARLIER_YEARS}))
        .send()
        .await
        .expect("persona changes");
    assert!(changed.status().is_success(), "{}", changed.status());
    let reverified = officer
        .post(format!("{url}/api/officer/applicants/{id}/reverify"))
        .send()
        .await
        .expect("reverify");
    assert!(reverified.status().is_success(), "{}", reverified.status());
    until_long_record(url, &officer, &id).await;
    measure(url, &officer, &id, "5 accounts, 10 years of contributions").await;
}

/// p50/p99 of [`ROUNDS`] downloads of `id`'s report as JSON and as an A4 PDF, and sizes.
async fn measure(url: &str, officer: &reqwest::Client, id: &str, who: &str) {
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
            "{who} as {what}: p50 {:.1} ms, p99 {:.1} ms of {ROUNDS}; {:.1} KiB",
            millis(latencies.quantile(0.5)),
            millis(latencies.quantile(0.99)),
            bytes as f64 / 1024.0,
        );
    }
}

/// Waits (bounded: 60 s) until the re-verification has stored the long record: at least
/// [`LONG_MONTHS`] months of contributions and every account synced.
async fn until_long_record(url: &str, officer: &reqwest::Client, id: &str) {
    for _ in 0..600 {
        let detail: serde_json::Value = officer
            .get(format!("{url}/api/officer/applicants/{id}"))
            .send()
            .await
            .expect("detail")
            .json()
            .await
            .expect("json");
        let months = detail["contributions"].as_array().map_or(0, Vec::len);
        let accounts = detail["accounts"].as_array().map_or(0, Vec::len);
        if months >= LONG_MONTHS && accounts == PROVIDERS.len() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the long record was not stored in 60 s");
}

/// Waits (bounded: 30 s) until the applicant who applied with `email` is ready for review
/// (their accounts synced); their id.
async fn until_ready(url: &str, officer: &reqwest::Client, email: &str) -> String {
    for _ in 0..300 {
        let page: serde_json::Value = officer
            .get(format!("{url}/api/officer/applicants?q={email}"))
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
    panic!("{email} was not ready for review in 30 s");
}

fn millis(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}
