//! `cargo xtask bench` runs this: an account's sync while the browser routes that spend
//! Smile calls are flooded, against the same sync unloaded (issue 13 §2). The server runs
//! in-process with the real rate limit (20 requests/s), default budgets and its worker
//! on; each sync is George linking `sss_ph` through the emulator's Link API, timed until
//! his account's data is stored and ready. Unloaded: three syncs one after another (after
//! a warm-up). Loaded: three more while 40 applicant sessions, each from its own address
//! behind a trusted proxy, hammer `GET /api/link/config` and `POST /api/link/events`.
//! Reported: the medians, their ratio, how the flood was answered, and the most Open API
//! requests the emulator saw in any one second (Smile allows 20).

mod support {
    pub mod applicant;
    pub mod emulator;
    pub mod latency;
    pub mod linking;
    pub mod server;
}

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::json;
use support::emulator::{busiest_second, open_api_arrivals, request_log};
use support::latency::Latencies;
use support::server::BenchServer;

const SESSIONS: usize = 40;
const SYNCS: usize = 3;

#[tokio::main]
async fn main() {
    let server = support::server::start(&["--trusted-proxies", "127.0.0.1/32"], true).await;
    let url = server.url.clone();

    sync(&server, "warm-up").await;
    let mut unloaded = Vec::new();
    for i in 0..SYNCS {
        unloaded.push(sync(&server, &format!("unloaded{i}")).await);
    }

    // The flood's applicants, and the loaded syncs' (whose link pages ask Smile for a
    // token, which the flood would refuse), apply before it starts.
    let mut sessions = Vec::new();
    for n in 0..SESSIONS {
        let mut headers = reqwest::header::HeaderMap::new();
        let address = format!("198.51.100.{}", n + 1);
        headers.insert("x-forwarded-for", address.parse().expect("header"));
        let http = reqwest::Client::builder()
            .cookie_store(true)
            .default_headers(headers)
            .build()
            .expect("client");
        support::applicant::apply(&url, &http, &format!("flood{n}@bench.test")).await;
        sessions.push(http);
    }
    let mut tokens = Vec::new();
    for i in 0..SYNCS {
        tokens.push(support::linking::link_page(&url, &format!("loaded{i}@bench.test")).await);
    }

    let stop = Arc::new(AtomicBool::new(false));
    let answers: Arc<Mutex<BTreeMap<u16, usize>>> = Arc::default();
    let mut loops = Vec::new();
    for (n, http) in sessions.into_iter().enumerate() {
        for events in [false, true] {
            let (http, url, stop, answers) =
                (http.clone(), url.clone(), stop.clone(), answers.clone());
            loops.push(tokio::spawn(async move {
                let mut i = 0;
                while !stop.load(Ordering::Relaxed) {
                    i += 1;
                    let request = if events {
                        http.post(format!("{url}/api/link/events")).json(&json!({
                            "callback": "onAccountConnected",
                            "payload": {"accountId": format!("a-flood-{n}-{i}"),
                                        "userId": "u-flood", "providerId": "sss_ph"}
                        }))
                    } else {
                        http.get(format!("{url}/api/link/config"))
                    };
                    let status = request.send().await.expect("flood").status();
                    *answers
                        .lock()
                        .expect("tally")
                        .entry(status.as_u16())
                        .or_default() += 1;
                    // An impatient client, but not a busy loop on refusals.
                    if status == reqwest::StatusCode::TOO_MANY_REQUESTS {
                        tokio::time::sleep(Duration::from_millis(100)).await;
                    }
                }
            }));
        }
    }
    // Past one rate-limit window: the flood's share of Smile is in use and a queue waits.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let mut loaded = Vec::new();
    for token in &tokens {
        loaded.push(link_and_wait(&server, token).await);
    }
    stop.store(true, Ordering::Relaxed);
    for flood in loops {
        flood.await.expect("flood loop");
    }

    let peak = busiest_second(open_api_arrivals(&request_log(&url).await));
    let answers = answers.lock().expect("tally").clone();
    let median = |syncs: Vec<Duration>| Latencies::from(syncs).quantile(0.5);
    let (unloaded, loaded) = (median(unloaded), median(loaded));
    println!(
        "sync under a flood of {SESSIONS} sessions: median {:.2} s vs {:.2} s unloaded = {:.2}x \
         (of {SYNCS} each); flood answered {answers:?}; most Open API requests in any 1 s: {peak} \
         (limit 20)",
        loaded.as_secs_f64(),
        unloaded.as_secs_f64(),
        loaded.as_secs_f64() / unloaded.as_secs_f64(),
    );
}

/// One whole sync without load: open the link page, then link and wait.
async fn sync(server: &BenchServer, email: &str) -> Duration {
    let token = support::linking::link_page(&server.url, &format!("{email}@bench.test")).await;
    link_and_wait(server, &token).await
}

/// Links `sss_ph` as the widget does and waits until the account is stored as ready.
async fn link_and_wait(server: &BenchServer, token: &str) -> Duration {
    let started = Instant::now();
    let account = support::linking::link_in_widget(&server.url, token).await;
    loop {
        let status: Option<String> =
            sqlx::query_scalar("SELECT status FROM linked_accounts WHERE account_id = $1")
                .bind(&account)
                .fetch_optional(server.state.db())
                .await
                .expect("status");
        if status.as_deref() == Some("ready") {
            return started.elapsed();
        }
        assert!(started.elapsed() < Duration::from_secs(120), "sync stuck");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}
