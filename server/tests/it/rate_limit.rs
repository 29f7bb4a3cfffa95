//! A 429/503 storm from Smile delays syncs but they complete, and however many syncs run
//! at once the server never sends Smile more than 20 requests in any second (Smile's limit
//! per IP), retries included. The emulator's request log is the witness: it records when
//! each request arrived, before any fault is applied.

use std::time::Duration;

use reqwest::Method;
use serde_json::{json, Value};
use wink_server::db::sync_jobs;

use crate::common::{stored_state, TestServer};

/// Several applicants' accounts sync at once, so that without the limiter the workers
/// would send far more than 20 requests a second.
const APPLICANTS: usize = 6;
const LIMIT: usize = 20;

/// The largest number of arrivals within any 1-second window (the window starts at each
/// arrival: the worst case of a sliding window).
fn max_per_second(mut at_micros: Vec<u64>) -> usize {
    at_micros.sort_unstable();
    (0..at_micros.len())
        .map(|i| {
            at_micros[i..]
                .iter()
                .take_while(|t| **t < at_micros[i] + 1_000_000)
                .count()
        })
        .max()
        .unwrap_or(0)
}

#[test]
fn the_window_counter_counts() {
    assert_eq!(max_per_second(vec![]), 0);
    assert_eq!(max_per_second(vec![0, 999_999, 1_000_000]), 2);
    assert_eq!(max_per_second(vec![5, 1_500_000, 1_000_100, 2_000_000]), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_storm_of_429_and_503_never_pushes_us_past_20_requests_a_second() {
    // Default rate limit (20/s); workers driven by the test, no subscription.
    let server =
        TestServer::start_with(&["--background", "false", "--sync-debounce-ms", "0"]).await;
    let mut applicants = Vec::new();
    for _ in 0..APPLICANTS {
        let (george, account_id) = server.george_linked(json!({})).await;
        applicants.push((george.id, account_id));
    }

    // The storm: the first GETs are refused with 429 + Retry-After: 1, then a quarter of
    // all GETs fail with 503 (no Retry-After: the client's jittered back-off applies).
    server
        .emulator(
            Method::POST,
            "/_emulator/faults",
            Some(
                json!({"endpoint": "GET /v1/**", "statuses": [429, 429, 429, 429, 429, 429],
                    "retryAfter": 1}),
            ),
        )
        .await;
    server
        .emulator(
            Method::POST,
            "/_emulator/faults",
            Some(
                json!({"endpoint": "GET /v1/**", "errorRate": 0.25, "errorStatus": 503,
                    "seed": 20}),
            ),
        )
        .await;

    for (applicant_id, account_id) in &applicants {
        sync_jobs::enqueue(
            server.state.db(),
            sync_jobs::SourceKind::Account,
            account_id,
            applicant_id,
            true,
            std::time::Duration::ZERO,
        )
        .await
        .unwrap();
    }
    // As many workers as accounts, all sharing the server's one Smile client. A job
    // whose calls failed three times each is retried on its back-off (2 s, 4 s, ...).
    let deadline = tokio::time::Instant::now() + Duration::from_secs(90);
    loop {
        let workers: Vec<_> = (0..APPLICANTS)
            .map(|_| {
                let state = server.state.clone();
                tokio::spawn(async move { wink_server::sync::run_once(&state).await })
            })
            .collect();
        for worker in workers {
            worker.await.unwrap().unwrap();
        }
        let mut done = 0;
        for (_, account_id) in &applicants {
            let status = sync_jobs::status(server.state.db(), account_id)
                .await
                .unwrap();
            assert_ne!(status, Some(sync_jobs::JobState::Dead), "{account_id}");
            done += usize::from(status == Some(sync_jobs::JobState::Done));
        }
        if done == APPLICANTS {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "syncs still unfinished after 90 s"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }

    // Taken before the test's own checks below call the emulator's Open API.
    let arrivals: Vec<Value> = serde_json::from_value(
        server
            .emulator(Method::GET, "/_emulator/requests", None)
            .await,
    )
    .unwrap();
    let rules: Vec<Value> = serde_json::from_value(
        server
            .emulator(Method::GET, "/_emulator/faults", None)
            .await,
    )
    .unwrap();
    server
        .emulator(Method::DELETE, "/_emulator/faults", None)
        .await;

    let api: Vec<u64> = arrivals
        .iter()
        .filter(|r| r["path"].as_str().unwrap().starts_with("/v1/"))
        .map(|r| r["atMicros"].as_u64().unwrap())
        .collect();
    let first = *api.iter().min().unwrap();
    let last = *api.iter().max().unwrap();
    let peak = max_per_second(api.clone());
    let storm_hits: u64 = rules.iter().map(|r| r["matched"].as_u64().unwrap()).sum();
    println!(
        "storm: {} Smile API requests over {:.1} s, at most {peak} in any second; fault rules matched {storm_hits} times",
        api.len(),
        (last - first) as f64 / 1e6,
    );
    assert!(
        rules[0]["remainingStatuses"].as_array().unwrap().is_empty(),
        "every scripted 429 was answered: {rules:?}"
    );
    // Enough demand that the limit mattered: six full syncs plus retries.
    assert!(api.len() > 2 * LIMIT, "{} requests", api.len());
    assert!(peak <= LIMIT, "{peak} Smile requests within one second");

    // Every account's data arrived in full despite the storm.
    for (applicant_id, account_id) in &applicants {
        let state = stored_state(server.state.db(), applicant_id).await;
        assert!(
            state
                .iter()
                .any(|(id, status, _)| id == account_id && status == "ready"),
            "{state:?}"
        );
        let contributions: Value = server
            .emulator(
                Method::GET,
                &format!("/v1/contributions?sourceId={account_id}&size=150"),
                None,
            )
            .await;
        let expected = contributions["data"]["items"].as_array().unwrap().len();
        let stored = state.iter().filter(|(k, _, _)| k == "contribution").count();
        assert!(expected > 0);
        assert_eq!(stored, expected, "{account_id}");
    }
}
