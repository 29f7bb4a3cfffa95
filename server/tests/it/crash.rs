//! An acknowledged webhook survives `kill -9` (W7). 1,000 signed events are sent while the
//! real server process is killed at a random moment; after a restart every event that got
//! a 2xx is stored, once, and processed once.

use std::collections::HashSet;
use std::time::Duration;

use crate::common::{database_url, event, signal, spawn_binary, WebhookSenders};

const SECRET: &str = "crash-test-webhook-secret";
const EVENTS: usize = 1000;

fn body(i: usize) -> Vec<u8> {
    event(
        &format!("et-crash-{i:04}"),
        "ACCOUNT_CONNECTED",
        serde_json::json!({"userId": "usr-unknown", "accountId": format!("a-{i}")}),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn acknowledged_events_survive_kill_9() {
    let dir = tempfile::tempdir().unwrap();
    let db = database_url(dir.path());
    let (mut child, url) = spawn_binary(&db, SECRET, false);

    let queues = (0..8)
        .map(|worker| {
            (worker..EVENTS)
                .step_by(8)
                .map(|i| (format!("et-crash-{i:04}"), body(i)))
                .collect()
        })
        .collect();
    let senders = WebhookSenders::start(&url, SECRET, queues);
    // Kill somewhere in the middle of the stream (the moment varies run to run).
    let kill_after = 150 + (std::process::id() as usize % 400);
    senders.until_acked(kill_after).await;
    signal(&child, "KILL");
    child.wait().unwrap();
    let acked = senders.acked().await;
    assert!(
        acked.len() >= kill_after && acked.len() < EVENTS,
        "acked {}",
        acked.len()
    );

    // Restart with the worker on, and let it process what was stored.
    let (mut child, _url) = spawn_binary(&db, SECRET, true);
    let pool = wink_server::db::connect(&db).await.unwrap();
    let mut stored: Vec<(String, String)> = Vec::new();
    for _ in 0..100 {
        stored = sqlx::query_as("SELECT event_id, status FROM webhook_inbox")
            .fetch_all(&pool)
            .await
            .unwrap();
        if stored.iter().all(|(_, status)| status != "pending") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    signal(&child, "TERM");
    child.wait().unwrap();

    let ids: HashSet<String> = stored.iter().map(|(id, _)| id.clone()).collect();
    assert_eq!(ids.len(), stored.len(), "no duplicate rows");
    let lost: Vec<_> = acked.difference(&ids).collect();
    assert!(lost.is_empty(), "acknowledged but lost: {lost:?}");
    // Each stored event was handled once: none left pending, none dead.
    assert!(
        stored.iter().all(|(_, s)| s == "ignored" || s == "done"),
        "{stored:?}"
    );
}
