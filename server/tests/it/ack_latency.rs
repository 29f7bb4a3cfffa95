//! Acknowledge fast, work later (W6). With every Smile API call hanging for 30 s, signed
//! webhooks for a linked applicant arrive at 50 a second for 10 s: each is answered 2xx
//! quickly, because the receiver only verifies and stores (the worker, stuck in the slow
//! Smile call, is not in the request's path).
//!
//! What is asserted is the behaviour: no answer waits on Smile. A receiver that called Smile
//! would take the full 30 s; here every answer must come within 1 s, whatever the load of
//! the machine. The checklist's figure (p99 < 200 ms) is a speed target, so it is measured
//! by `cargo xtask bench` (release build) and printed here, not asserted: a busy 2-core CI
//! box once pushed this debug test's p99 past 200 ms with nothing wrong in the code.

use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::Method;
use serde_json::{json, Value};
use wink_server::db::inbox;

use crate::common::{event, webhook_request, TestServer};

const RATE_PER_SECOND: u64 = 50;
const SECONDS: u64 = 10;
/// Far below Smile's 30 s hang, far above any scheduling hiccup.
const MAX_BOUND: Duration = Duration::from_secs(1);

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn webhooks_are_acknowledged_fast_while_smile_hangs() {
    let server = TestServer::start_with(&["--sync-debounce-ms", "0"]).await;
    let (george, account_id) = server.george_linked(json!({})).await;
    let applicant_id = george.id;
    let user_id: String = sqlx::query_scalar("SELECT smile_user_id FROM applicants WHERE id = $1")
        .bind(&applicant_id)
        .fetch_one(server.state.db())
        .await
        .unwrap();

    // From now on every Smile call (Open API and Link API alike) takes 30 s.
    server
        .emulator(
            Method::POST,
            "/_emulator/faults",
            Some(json!({"endpoint": "*", "latencyMs": 30_000})),
        )
        .await;

    // Events the worker acts on (ours, for a known account), so it calls Smile and hangs.
    // A sender gives up long before Smile's hung call returns (Plaid waits 10 s, Svix 15 s),
    // so a receiver that waited on Smile fails here quickly.
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap();
    let url = Arc::new(server.url.clone());
    let total = RATE_PER_SECOND * SECONDS;
    let mut tick = tokio::time::interval(Duration::from_millis(1000 / RATE_PER_SECOND));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Burst);
    let mut sends = Vec::new();
    for i in 0..total {
        tick.tick().await;
        let kind = if i % 2 == 0 {
            "CONTRIBUTIONS_UPDATED"
        } else {
            "ACCOUNT_CONNECTED"
        };
        let body = event(
            &format!("et-w6-{i}"),
            kind,
            json!({"userId": user_id, "accountId": account_id, "providers": ["sss_ph"],
                   "count": 3, "updatedFrom": "2026-01-01T00:00:00Z",
                   "updatedTo": "2026-10-31T00:00:00Z", "updatedAt": "2026-11-27T09:30:24Z"}),
        );
        let signature = server.sign(&body);
        let (http, url) = (http.clone(), url.clone());
        sends.push(tokio::spawn(async move {
            let started = Instant::now();
            let response = webhook_request(&http, &url, body, Some(&signature))
                .send()
                .await;
            (response.map(|r| r.status()), started.elapsed())
        }));
    }
    let mut latencies = Vec::new();
    let mut failures = Vec::new();
    for send in sends {
        let (status, elapsed) = send.await.unwrap();
        match status {
            Ok(s) if s.is_success() => {}
            other => failures.push(format!("{other:?}")),
        }
        latencies.push(elapsed);
    }
    latencies.sort();
    let (p50, p99, max) = (
        percentile(&latencies, 50.0),
        percentile(&latencies, 99.0),
        latencies[latencies.len() - 1],
    );
    println!("W6: {total} webhooks at {RATE_PER_SECOND}/s: p50 {p50:?}, p99 {p99:?}, max {max:?}, non-2xx {}", failures.len());

    assert!(
        failures.is_empty(),
        "{} non-2xx or errors, e.g. {:?}",
        failures.len(),
        &failures[..failures.len().min(3)]
    );
    let stored: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM webhook_inbox WHERE event_id LIKE 'et-w6-%'")
            .fetch_one(server.state.db())
            .await
            .unwrap();
    assert_eq!(
        stored,
        i64::try_from(total).unwrap(),
        "every acknowledged event is stored"
    );
    // The scenario held: the worker did call Smile during the run, and that call hangs.
    let rules: Value = server
        .emulator(Method::GET, "/_emulator/faults", None)
        .await;
    assert!(
        rules[0]["matched"].as_u64().unwrap() > 0,
        "no Smile call was slowed: {rules}"
    );
    let handled = inbox::count(server.state.db(), Some(inbox::InboxStatus::Done))
        .await
        .unwrap();
    assert!(handled > 0, "the worker acted on the events");
    assert!(max < MAX_BOUND, "max {max:?} (p50 {p50:?}, p99 {p99:?})");
}
