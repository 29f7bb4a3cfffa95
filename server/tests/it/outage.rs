//! C2: the receiver is down during a deploy while Smile sends 22 events for a linked
//! applicant, each tried three times (Smile's two retries) and then dropped. After the
//! restart on the same database, one reconcile pass and the worker's syncs leave exactly
//! the stored data of a run without the outage.
//!
//! Smile here is a standalone emulator that stays up throughout (the server's embedded
//! one would go down with it). The server runs on its own runtime, so stopping it ends
//! its listener, connections and background tasks together, like a process exit. The
//! no-outage run starts from a copy of the database taken when the server went down and
//! gets every event the outage lost; since handlers only queue "fetch this account's
//! current state" (W5), the order and timing of those deliveries do not matter.

use std::time::Duration;

use reqwest::{Method, StatusCode};
use smile_sandbox::{Outcome, Sandbox, SandboxConfig};
use tokio::net::TcpListener;

use crate::common::{
    apply, copy_database, database_url, emulator, emulator_request, george, link, stored_state,
    Detached, TestServer, GEORGE_LOGIN,
};

const WEBHOOK_SECRET: &str = "c2-webhook-secret";

/// Smile, with its retry policy on a short clock: two retries 200 ms apart.
async fn smile() -> (Sandbox, String) {
    let sandbox = Sandbox::new(SandboxConfig {
        webhook_retry_delay: Duration::from_millis(200),
        webhook_timeout: Duration::from_secs(2),
        ..SandboxConfig::emulator_defaults()
    });
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let router = sandbox.router();
    tokio::spawn(async move { axum::serve(listener, router).await });
    (sandbox, url)
}

async fn application_status(server: &TestServer, applicant_id: &str) -> String {
    sqlx::query_scalar("SELECT status FROM applicants WHERE id = $1")
        .bind(applicant_id)
        .fetch_one(server.state.db())
        .await
        .unwrap()
}

/// Runs the worker until nothing is left to do.
async fn work_until_idle(server: &TestServer) {
    while wink_server::sync::run_once(&server.state).await.unwrap() {}
}

/// C2.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn events_lost_while_down_are_recovered_by_one_reconcile_pass() {
    let (smile, smile_url) = smile().await;
    let base_url = format!("{smile_url}/v1");
    let args = [
        "--smile-base-url",
        base_url.as_str(),
        "--smile-webhook-secret",
        WEBHOOK_SECRET,
        "--sync-debounce-ms",
        "0",
        "--reconcile-secs",
        "3600",
    ];
    let dir = tempfile::tempdir().unwrap();
    let server = Detached::start(dir.path(), &args).await;

    // Before the deploy: George applies and links SSS; webhooks bring his data in.
    for _ in 0..100 {
        if subscribed(&smile_url).await {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(subscribed(&smile_url).await, "the server subscribed");
    let george = apply(&server.url, &george()).await;
    let (applicant_id, token) = (george.id.clone(), george.token.clone());
    let sss = link(&smile_url, &token, "sss_ph", GEORGE_LOGIN, None).await;
    george.until_ready().await;
    // Stopped once idle: a job cut off mid-sync would stay leased for a minute after the
    // restart (by design), which is not what this test is about.
    wait_until_idle(&smile, dir.path()).await;

    // The deploy: the server goes down. The no-outage run starts from this database.
    let raised_before = smile.events().len();
    let port = server.port;
    server.stop().await;
    let baseline_dir = tempfile::tempdir().unwrap();
    copy_database(dir.path(), baseline_dir.path());

    // While it is down, George (whose browser still has the widget open) links his
    // employer, Grab and Freelancer, fails a login at Upwork, and removes SSS.
    let abc = link(&smile_url, &token, "abccorp", GEORGE_LOGIN, None).await;
    let grab = link(&smile_url, &token, "grab", GEORGE_LOGIN, Some("1234")).await;
    // No Freelancer work: only his identity there.
    let freelancer = link(&smile_url, &token, "freelancer", GEORGE_LOGIN, Some("1234")).await;
    let upwork = link(
        &smile_url,
        &token,
        "upwork",
        (GEORGE_LOGIN.0, "not-his-password"),
        None,
    )
    .await;
    let revoked = emulator_request(&smile_url, Method::DELETE, &format!("/v1/accounts/{sss}"))
        .send()
        .await
        .unwrap();
    assert!(revoked.status().is_success());
    let lost: Vec<smile_api::Event> = smile.events()[raised_before..].to_vec();
    assert!(lost.len() >= 20, "{} events", lost.len());

    // Smile tries each event three times, then gives up on it.
    let mut given_up = 0;
    for _ in 0..150 {
        let deliveries = smile.deliveries();
        given_up = lost
            .iter()
            .filter(|e| {
                deliveries
                    .iter()
                    .any(|d| d.event_id == e.id && d.outcome == Outcome::GaveUp && d.attempt == 3)
            })
            .count();
        if given_up == lost.len() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(given_up, lost.len(), "every event was given up");
    assert!(
        !smile
            .deliveries()
            .iter()
            .any(|d| lost.iter().any(|e| e.id == d.event_id) && d.outcome == Outcome::Delivered),
        "nothing reached the stopped server"
    );
    println!(
        "C2: {} events lost while down ({} attempts)",
        lost.len(),
        3 * lost.len()
    );

    // The run without an outage: the same database gets every one of those events.
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let baseline = TestServer::start_at(
        baseline_dir.path(),
        listener,
        &[&args[..], &["--background", "false"]].concat(),
    )
    .await;
    let http = reqwest::Client::new();
    for event in &lost {
        let body = serde_json::to_vec(event).unwrap();
        assert_eq!(baseline.deliver(&http, body).await, StatusCode::OK);
    }
    work_until_idle(&baseline).await;
    let expected = stored_state(baseline.state.db(), &applicant_id).await;

    // The restart: same database, same port. One reconcile pass, then the worker.
    let listener = TcpListener::bind(("127.0.0.1", port)).await.unwrap();
    let restarted = TestServer::start_at(
        dir.path(),
        listener,
        &[&args[..], &["--background", "false"]].concat(),
    )
    .await;
    let before = stored_state(restarted.state.db(), &applicant_id).await;
    assert_ne!(before, expected, "the outage did lose data");
    let queued = wink_server::sync::reconcile_once(&restarted.state)
        .await
        .unwrap();
    assert!(queued > 0);
    work_until_idle(&restarted).await;
    let recovered = stored_state(restarted.state.db(), &applicant_id).await;

    let account = |state: &[(String, String, String)], id: &str| {
        state
            .iter()
            .find(|(a, _, _)| a == id)
            .map(|(_, status, code)| format!("{status}{code}"))
    };
    assert_eq!(account(&expected, &abc).as_deref(), Some("ready"));
    assert_eq!(account(&expected, &grab).as_deref(), Some("ready"));
    assert_eq!(account(&expected, &freelancer).as_deref(), Some("ready"));
    assert_eq!(
        account(&expected, &upwork).as_deref(),
        Some("errorINVALID_CREDENTIALS")
    );
    assert_eq!(
        account(&expected, &sss).as_deref(),
        Some("disconnected"),
        "revoked: kept as a record, without its data"
    );
    assert_eq!(recovered, expected, "diff after the reconcile pass");
    assert_eq!(
        application_status(&restarted, &applicant_id).await,
        application_status(&baseline, &applicant_id).await
    );
}

/// Waits until every event so far reached the server and its worker has nothing queued
/// or running (read through a connection of the test's own).
async fn wait_until_idle(smile: &Sandbox, dir: &std::path::Path) {
    let db = wink_server::db::connect(&database_url(dir)).await.unwrap();
    let mut idle = false;
    for _ in 0..150 {
        let deliveries = smile.deliveries();
        let delivered = smile.events().iter().all(|e| {
            deliveries
                .iter()
                .any(|d| d.event_id == e.id && d.outcome == Outcome::Delivered)
        });
        let busy: i64 = sqlx::query_scalar(
            "SELECT (SELECT COUNT(*) FROM webhook_inbox WHERE status = 'pending') \
                  + (SELECT COUNT(*) FROM sync_jobs WHERE status IN ('pending', 'running'))",
        )
        .fetch_one(&db)
        .await
        .unwrap();
        if delivered && busy == 0 {
            idle = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    db.close().await;
    assert!(idle, "the server did not settle");
}

/// Whether Smile has our subscription.
async fn subscribed(smile_url: &str) -> bool {
    let list = emulator(smile_url, Method::GET, "/v1/webhooks", None).await;
    !list["data"]["items"].as_array().unwrap().is_empty()
}
