//! A SIGTERM never acknowledges a webhook it did not store, and a sync job
//! whose worker died mid-run is run again once its lease expires — and only then (R1, R2).

use std::collections::HashSet;
use std::time::{Duration, Instant};

use serde_json::json;

use crate::common::{database_url, event, signal, spawn_binary, TestServer, WebhookSenders};

const SECRET: &str = "r1-webhook-secret";

/// R1.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sigterm_during_fifty_in_flight_webhooks_loses_no_acknowledged_event() {
    let dir = tempfile::tempdir().unwrap();
    let db = database_url(dir.path());
    let (mut child, url) = spawn_binary(&db, SECRET, false);

    // 50 at a time, several rounds, so the signal lands with requests in flight.
    let queues = (0..50)
        .map(|worker| {
            (0..20)
                .map(|round| {
                    let id = format!("et-r1-{worker:02}-{round:02}");
                    let body = event(
                        &id,
                        "ACCOUNT_CONNECTED",
                        json!({"userId": "usr-unknown", "accountId": "a-1"}),
                    );
                    (id, body)
                })
                .collect()
        })
        .collect();
    let senders = WebhookSenders::start(&url, SECRET, queues);
    senders.until_acked(100).await;
    let signalled = Instant::now();
    signal(&child, "TERM");
    let status = child.wait().unwrap();
    let took = signalled.elapsed();
    let acked = senders.acked().await;
    assert!(status.success(), "exit after SIGTERM: {status}");
    assert!(took < Duration::from_secs(30), "exit took {took:?}");

    let pool = wink_server::db::connect(&db).await.unwrap();
    let stored: Vec<String> = sqlx::query_scalar("SELECT event_id FROM webhook_inbox")
        .fetch_all(&pool)
        .await
        .unwrap();
    let stored: HashSet<String> = stored.into_iter().collect();
    let lost: Vec<_> = acked.difference(&stored).collect();
    assert!(lost.is_empty(), "2xx but not stored: {lost:?}");
    assert!(acked.len() >= 100);
}

async fn item_rows(server: &TestServer) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM smile_items")
        .fetch_one(server.state.db())
        .await
        .unwrap()
}

/// R2.
#[tokio::test]
async fn a_job_left_running_by_a_dead_worker_runs_again_after_its_lease() {
    let server =
        TestServer::start_with(&["--background", "false", "--sync-debounce-ms", "0"]).await;
    wink_server::webhooks::subscription::ensure(&server.state)
        .await
        .unwrap();
    let (_george, account) = server.george_linked(json!({})).await;
    // Let the emulator's webhooks arrive, then sync everything once.
    for _ in 0..100 {
        if wink_server::db::inbox::count(server.state.db(), None)
            .await
            .unwrap()
            > 0
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    while wink_server::sync::run_once(&server.state).await.unwrap() {}
    let synced = item_rows(&server).await;
    assert!(synced > 0);

    // A worker took the job and died: the row says running, leased for another minute.
    let lease = |offset_secs: i64| {
        let now = wink_server::db::Timestamp::now();
        let step = std::time::Duration::from_secs(offset_secs.unsigned_abs());
        let until = if offset_secs < 0 {
            now - step
        } else {
            now + step
        };
        sqlx::query(
            "UPDATE sync_jobs SET status = 'running', lease_until = $1, attempts = 1 \
             WHERE source_id = $2",
        )
        .bind(until)
        .bind(&account)
        .execute(server.state.db())
    };
    lease(60).await.unwrap();
    assert!(
        !wink_server::sync::run_once(&server.state).await.unwrap(),
        "a live lease is left alone"
    );
    // The lease runs out: the job is taken again and completes, once.
    lease(-1).await.unwrap();
    assert!(wink_server::sync::run_once(&server.state).await.unwrap());
    let (status, attempts): (String, i64) =
        sqlx::query_as("SELECT status, attempts FROM sync_jobs WHERE source_id = $1")
            .bind(&account)
            .fetch_one(server.state.db())
            .await
            .unwrap();
    assert_eq!(status, "done");
    assert!(attempts <= 2, "run once more, not in a loop: {attempts}");
    assert!(!wink_server::sync::run_once(&server.state).await.unwrap());
    assert_eq!(item_rows(&server).await, synced, "idempotent: same rows");
}
