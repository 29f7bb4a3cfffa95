//! Handlers are order-independent (W5). All 720 orders of a six-event script for one
//! account leave the same work queued, and the sync after each of them the same stored
//! state.
//!
//! What can depend on the order is the handlers' output, the account's sync job (status,
//! "Smile said retrieval finished", dirty); the sync then reads that job and Smile's
//! current state. Both are checked for every order: the job row, and the stored account
//! status and items after a full sync against the emulator. The client's rate limit is
//! raised (`TestServer::start_for_replay`) so 720 full syncs take seconds, not minutes.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::common::{stored_state, TestServer};

/// George linked `sss_ph` with every webhook dropped: the events exist only in the
/// emulator's log, for the test to deliver in any order it likes.
async fn linked_with_events(server: &TestServer) -> (String, String, Vec<Value>) {
    server.drop_all_webhooks().await;
    let (george, account_id) = server.george_linked(json!({})).await;
    let log = server
        .emulator(Method::GET, "/_emulator/events", None)
        .await;
    let events: Vec<Value> = log
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| {
            let data = &e["data"];
            data["accountId"] == account_id.as_str() || data["sourceId"] == account_id.as_str()
        })
        .cloned()
        .collect();
    (george.id, account_id, events)
}

async fn forget_local_state(server: &TestServer, account_id: &str) {
    for sql in [
        "DELETE FROM smile_items WHERE account_id = $1",
        "DELETE FROM linked_accounts WHERE account_id = $1",
        "DELETE FROM sync_jobs WHERE source_id = $1",
    ] {
        sqlx::query(sql)
            .bind(account_id)
            .execute(server.state.db())
            .await
            .unwrap();
    }
}

fn permutations(n: usize) -> Vec<Vec<usize>> {
    if n == 0 {
        return vec![vec![]];
    }
    let mut out = Vec::new();
    for rest in permutations(n - 1) {
        for at in 0..=rest.len() {
            let mut p = rest.clone();
            p.insert(at, n - 1);
            out.push(p);
        }
    }
    out
}

#[tokio::test]
async fn every_order_of_six_events_gives_the_same_state() {
    let server = TestServer::start_for_replay().await;
    let (applicant_id, account_id, events) = linked_with_events(&server).await;
    let kinds: Vec<&str> = events.iter().map(|e| e["type"].as_str().unwrap()).collect();
    // Six of the link's events, with both ends of the task so that "finished before
    // started" is among the orders.
    let wanted = [
        "ACCOUNT_CONNECTED",
        "TASK_STARTED",
        "IDENTITY_ADDED",
        "CONTRIBUTIONS_ADDED",
        "EINCOMES_ADDED",
        "TASK_FINISHED",
    ];
    let script: Vec<Value> = wanted
        .iter()
        .map(|kind| {
            events
                .iter()
                .find(|e| e["type"] == *kind)
                .unwrap_or_else(|| panic!("no {kind} in the link script: {kinds:?}"))
                .clone()
        })
        .collect();
    let orders = permutations(6);
    assert_eq!(orders.len(), 720);

    // Every order goes through the receiver, the event handlers and the whole sync.
    // One client, so deliveries reuse a connection (a client per request costs seconds).
    let http = reqwest::Client::new();
    let mut baseline_job = None;
    let mut baseline = None;
    for (n, order) in orders.iter().enumerate() {
        forget_local_state(&server, &account_id).await;
        for &i in order {
            let mut event = script[i].clone();
            event["id"] = json!(format!("{}-order{n}", script[i]["id"].as_str().unwrap()));
            let body = serde_json::to_vec(&event).unwrap();
            assert_eq!(server.deliver(&http, body).await, StatusCode::OK);
        }
        wink_server::sync::drain_inbox(&server.state).await.unwrap();
        let (status, task_finished, dirty): (String, i64, i64) = sqlx::query_as(
            "SELECT status, task_finished, dirty FROM sync_jobs WHERE source_id = $1",
        )
        .bind(&account_id)
        .fetch_one(server.state.db())
        .await
        .unwrap();
        let job = (status, task_finished == 1, dirty == 1);
        match &baseline_job {
            None => {
                assert!(job.1, "TASK_FINISHED is remembered: {job:?}");
                baseline_job = Some(job)
            }
            Some(expected) => assert_eq!(&job, expected, "order {order:?} of {wanted:?}"),
        }
        while wink_server::sync::run_once(&server.state).await.unwrap() {}
        let state = stored_state(server.state.db(), &applicant_id).await;
        match &baseline {
            None => {
                assert!(
                    state.iter().any(|(k, _, _)| k == "contribution"),
                    "{kinds:?}"
                );
                assert!(state.iter().any(|(_, s, _)| s == "ready"), "{state:?}");
                baseline = Some(state);
            }
            Some(expected) => assert_eq!(&state, expected, "order {order:?} of {wanted:?}"),
        }
    }
    // One job per account however many events: the burst collapsed into one fetch.
    let jobs: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sync_jobs")
        .fetch_one(server.state.db())
        .await
        .unwrap();
    assert_eq!(jobs, 1);
}
