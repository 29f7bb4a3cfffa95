//! `POST /webhooks/smile` and the sync behind it (checklist W1–W3, W8–W10, C1), over HTTP,
//! against the embedded emulator.

use std::time::Duration;

use futures_util::future::join_all;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use smile_api::sign;
use wink_server::db::inbox;

use crate::common::{event, webhook_request, webhook_request_as, TestServer};

fn connected(id: &str) -> Vec<u8> {
    event(
        id,
        "ACCOUNT_CONNECTED",
        json!({"userId": "usr-nobody", "accountId": "a-1", "providers": ["sss_ph"]}),
    )
}

async fn post(server: &TestServer, body: Vec<u8>, signature: Option<String>) -> StatusCode {
    webhook_request(
        &reqwest::Client::new(),
        &server.url,
        body,
        signature.as_deref(),
    )
    .send()
    .await
    .unwrap()
    .status()
}

fn signed(server: &TestServer, body: &[u8]) -> Option<String> {
    Some(server.sign(body))
}

async fn rows(server: &TestServer, status: Option<inbox::InboxStatus>) -> i64 {
    inbox::count(server.state.db(), status).await.unwrap()
}

/// A server whose worker does not run, so inbox rows stay as the receiver left them.
async fn receiver_only() -> TestServer {
    TestServer::start_with(&["--background", "false"]).await
}

/// W1.
#[tokio::test]
async fn bad_signatures_are_refused_and_nothing_is_stored() {
    let server = receiver_only().await;
    let body = connected("et-w1");
    let mut tampered = body.clone();
    tampered[10] ^= 1;
    let reserialised =
        serde_json::to_vec_pretty(&serde_json::from_slice::<Value>(&body).unwrap()).unwrap();
    let cases = [
        (
            "wrong secret",
            body.clone(),
            Some(sign(b"not-the-secret", &body)),
        ),
        ("missing header", body.clone(), None),
        ("empty header", body.clone(), Some(String::new())),
        ("non-hex header", body.clone(), Some("zz".repeat(64))),
        ("one byte flipped", tampered, signed(&server, &body)),
        (
            "re-serialised JSON",
            body.clone(),
            signed(&server, &reserialised),
        ),
    ];
    for (case, body, signature) in cases {
        assert_eq!(
            post(&server, body, signature).await,
            StatusCode::UNAUTHORIZED,
            "{case}"
        );
    }
    assert_eq!(rows(&server, None).await, 0);
}

/// W2, W3.
#[tokio::test]
async fn a_valid_event_is_stored_once_however_often_it_comes() {
    let server = receiver_only().await;
    let body = connected("et-w3");
    // The acknowledgement is JSON, the same for a first delivery and a redelivery.
    for _ in 0..2 {
        let answer = webhook_request(
            &reqwest::Client::new(),
            &server.url,
            body.clone(),
            signed(&server, &body).as_deref(),
        )
        .send()
        .await
        .unwrap();
        assert_eq!(answer.status(), StatusCode::OK);
        assert_eq!(
            answer.headers()["content-type"],
            "application/json",
            "the acknowledgement's type"
        );
        assert_eq!(
            answer.json::<Value>().await.unwrap(),
            json!({"received": true})
        );
    }
    for _ in 0..10 {
        assert_eq!(
            post(&server, body.clone(), signed(&server, &body)).await,
            StatusCode::OK
        );
    }
    let concurrent = (0..10).map(|_| {
        let body = body.clone();
        let signature = signed(&server, &body);
        let server = &server;
        async move { post(server, body, signature).await }
    });
    for status in join_all(concurrent).await {
        assert_eq!(status, StatusCode::OK);
    }
    assert_eq!(rows(&server, None).await, 1);
    assert_eq!(rows(&server, Some(inbox::InboxStatus::Pending)).await, 1);
}

/// W8, W9.
#[tokio::test]
async fn oversize_wrong_type_poison_and_unknown_events_are_answered_and_kept_apart() {
    let server = receiver_only().await;
    let huge = vec![b' '; 256 * 1024 + 1];
    assert_eq!(
        post(&server, huge.clone(), signed(&server, &huge)).await,
        StatusCode::PAYLOAD_TOO_LARGE
    );
    let body = connected("et-w8");
    let signature = server.sign(&body);
    let status = webhook_request_as(
        &reqwest::Client::new(),
        &server.url,
        "text/plain",
        body,
        Some(&signature),
    )
    .send()
    .await
    .unwrap()
    .status();
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(rows(&server, None).await, 0);

    let garbage = b"{not json".to_vec();
    assert_eq!(
        post(&server, garbage.clone(), signed(&server, &garbage)).await,
        StatusCode::OK
    );
    assert_eq!(
        post(&server, garbage.clone(), signed(&server, &garbage)).await,
        StatusCode::OK
    );
    assert_eq!(rows(&server, Some(inbox::InboxStatus::Poison)).await, 1);

    let unknown = event("et-new", "SOMETHING_NEW", json!({"userId": "usr-x"}));
    assert_eq!(
        post(&server, unknown.clone(), signed(&server, &unknown)).await,
        StatusCode::OK
    );
    assert_eq!(rows(&server, Some(inbox::InboxStatus::Ignored)).await, 1);
}

/// W10.
#[tokio::test]
async fn a_hundred_distinct_events_in_parallel() {
    let server = receiver_only().await;
    let sends = (0..100).map(|i| {
        let body = connected(&format!("et-w10-{i}"));
        let signature = signed(&server, &body);
        let server = &server;
        async move { post(server, body, signature).await }
    });
    let statuses = join_all(sends).await;
    assert!(
        statuses.iter().all(|s| *s == StatusCode::OK),
        "{statuses:?}"
    );
    assert_eq!(rows(&server, None).await, 100);
}

/// Smile's items of one kind for an account, as the emulator's Open API lists them.
async fn smile_ids(server: &TestServer, path: &str, account_id: &str) -> Vec<String> {
    let page = server
        .emulator(
            Method::GET,
            &format!("/v1/{path}?sourceId={account_id}&size=150"),
            None,
        )
        .await;
    let mut ids: Vec<String> = page["data"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_owned())
        .collect();
    ids.sort();
    ids
}

async fn stored_ids(server: &TestServer, kind: &str, account_id: &str) -> Vec<String> {
    let mut ids: Vec<String> =
        sqlx::query_scalar("SELECT smile_id FROM smile_items WHERE kind = $1 AND account_id = $2")
            .bind(kind)
            .bind(account_id)
            .fetch_all(server.state.db())
            .await
            .unwrap();
    ids.sort();
    ids
}

async fn assert_synced(server: &TestServer, account_id: &str) {
    for (kind, path) in [
        ("identity", "identities"),
        ("employment", "employments"),
        ("contribution", "contributions"),
        ("income", "incomes"),
        ("eincome", "eincomes"),
    ] {
        assert_eq!(
            stored_ids(server, kind, account_id).await,
            smile_ids(server, path, account_id).await,
            "{kind}"
        );
    }
    assert!(!stored_ids(server, "contribution", account_id)
        .await
        .is_empty());
}

#[tokio::test]
async fn webhooks_drive_the_sync_of_a_linked_account() {
    let server = TestServer::start().await;
    let (george, account_id) = server.george_linked(json!({})).await;
    // Webhooks alone (no callback from a browser, no reconcile pass) bring the data in.
    for _ in 0..150 {
        if !stored_ids(&server, "contribution", &account_id)
            .await
            .is_empty()
            && rows(&server, Some(inbox::InboxStatus::Pending)).await == 0
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        rows(&server, Some(inbox::InboxStatus::Done)).await >= 3,
        "events were processed"
    );
    // The sync the events started may still be between kinds (contributions stored, the
    // e-incomes not yet): compare once the account is ready.
    george.until_ready().await;
    assert_synced(&server, &account_id).await;
}

/// C1.
#[tokio::test]
async fn the_reconciler_syncs_what_dropped_webhooks_missed() {
    let server = TestServer::start_with(&["--reconcile-secs", "3600"]).await;
    server.drop_all_webhooks().await;
    // The reconciler's start-up pass runs at once: let it finish (it finds nobody) before
    // George exists, or on a loaded machine it may run late and sync him itself.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let (george, account_id) = server.george_linked(json!({})).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(stored_ids(&server, "contribution", &account_id)
        .await
        .is_empty());

    let queued = wink_server::sync::reconcile_once(&server.state)
        .await
        .unwrap();
    assert_eq!(queued, 1);
    george.until_ready().await;
    assert_synced(&server, &account_id).await;
}

#[tokio::test]
async fn a_429_503_storm_delays_the_sync_but_it_completes() {
    let server = TestServer::start().await;
    let storm = server
        .emulator_request(Method::POST, "/_emulator/faults")
        .json(
            &json!({"endpoint": "GET /v1/contributions", "statuses": [429, 503, 503, 429, 503],
                      "retryAfter": 1}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(storm.status(), StatusCode::CREATED);
    let (george, account_id) = server.george_linked(json!({})).await;
    george.until_ready().await;
    assert_synced(&server, &account_id).await;
}

/// The officers' summary of an applicant, as of now.
async fn summary_now(
    server: &TestServer,
    applicant_id: &str,
) -> wink_api::summary::VerificationSummary {
    wink_server::review::summary::for_applicant(
        &server.state,
        applicant_id,
        wink_server::db::Timestamp::now(),
    )
    .await
    .unwrap()
    .unwrap()
}

#[tokio::test]
async fn a_revoked_account_and_its_data_are_gone_after_the_webhook() {
    let server = TestServer::start().await;
    let (george, account_id) = server.george_linked(json!({})).await;
    george.until_ready().await;
    assert!(!stored_ids(&server, "contribution", &account_id)
        .await
        .is_empty());

    // Revoked at Smile (here: through the Open API); only the webhook tells us.
    let revoked = server
        .emulator_request(Method::DELETE, &format!("/v1/accounts/{account_id}"))
        .send()
        .await
        .unwrap();
    assert!(revoked.status().is_success());
    for _ in 0..150 {
        if stored_ids(&server, "contribution", &account_id)
            .await
            .is_empty()
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    for kind in [
        "identity",
        "employment",
        "contribution",
        "income",
        "eincome",
    ] {
        assert!(
            stored_ids(&server, kind, &account_id).await.is_empty(),
            "{kind}"
        );
    }
    // The account is gone from the applicant's list but kept, without data, as a record…
    assert!(george.account_statuses().await.is_empty());
    let disconnected: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM linked_accounts WHERE account_id = $1 AND disconnected_at IS NOT NULL",
    )
    .bind(&account_id)
    .fetch_one(server.state.db())
    .await
    .unwrap();
    assert_eq!(disconnected, 1);
    // …so the summary can say so.
    let applicant_id: String =
        sqlx::query_scalar("SELECT applicant_id FROM linked_accounts WHERE account_id = $1")
            .bind(&account_id)
            .fetch_one(server.state.db())
            .await
            .unwrap();
    let summary = summary_now(&server, &applicant_id).await;
    let flag = summary
        .flags
        .iter()
        .find(|f| f.kind == wink_api::summary::FlagKind::DisconnectedAccount)
        .expect("a disconnected-account flag");
    assert_eq!(flag.evidence["accountId"], account_id);
}

/// R3.
#[tokio::test]
async fn a_job_failing_five_times_is_dead_and_blocks_nothing() {
    let server =
        TestServer::start_with(&["--background", "false", "--sync-debounce-ms", "0"]).await;
    let db = server.state.db();
    // An applicant row for the doomed job to belong to.
    let (_george, account_id) = server.george_linked(json!({})).await;
    let applicant_id: String = sqlx::query_scalar("SELECT id FROM applicants LIMIT 1")
        .fetch_one(db)
        .await
        .unwrap();
    let fault = server
        .emulator_request(Method::POST, "/_emulator/faults")
        .json(
            &json!({"endpoint": "GET /v1/accounts/a-doomed", "errorRate": 1.0, "errorStatus": 500}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(fault.status(), StatusCode::CREATED);
    use wink_server::db::sync_jobs;
    sync_jobs::enqueue(
        db,
        sync_jobs::SourceKind::Account,
        "a-doomed",
        &applicant_id,
        false,
        std::time::Duration::ZERO,
    )
    .await
    .unwrap();
    sync_jobs::enqueue(
        db,
        sync_jobs::SourceKind::Account,
        &account_id,
        &applicant_id,
        true,
        std::time::Duration::ZERO,
    )
    .await
    .unwrap();
    for _ in 0..sync_jobs::MAX_ATTEMPTS {
        // Make the doomed job due again at once instead of waiting out its back-off.
        sqlx::query("UPDATE sync_jobs SET due_at = '2000-01-01T00:00:00.000Z' WHERE source_id = 'a-doomed' AND status = 'pending'")
            .execute(db)
            .await
            .unwrap();
        wink_server::sync::run_once(&server.state).await.unwrap();
    }
    assert_eq!(
        sync_jobs::status(db, "a-doomed").await.unwrap(),
        Some(sync_jobs::JobState::Dead)
    );
    assert_eq!(
        sync_jobs::status(db, &account_id).await.unwrap(),
        Some(sync_jobs::JobState::Done)
    );
    assert_synced(&server, &account_id).await;
}

#[tokio::test]
async fn the_applicants_stream_sends_the_accounts_until_ready() {
    let server = TestServer::start().await;
    let unauthorised = server.browser().get("/api/link/stream").await;
    assert_eq!(unauthorised.status(), StatusCode::UNAUTHORIZED);

    let (george, _account_id) = server.george_linked(json!({})).await;
    let mut stream = george.browser.get("/api/link/stream").await;
    assert_eq!(
        stream.headers().get("content-type").unwrap(),
        "text/event-stream"
    );
    let mut seen = String::new();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(15);
    while !seen.contains(r#""status":"ready""#) {
        let chunk = tokio::time::timeout_at(deadline, stream.chunk())
            .await
            .expect("ready within 15 s")
            .unwrap()
            .expect("stream open");
        seen.push_str(&String::from_utf8_lossy(&chunk));
    }
    assert!(seen.starts_with("event: accounts\n"), "{seen}");
}

/// W4.
#[tokio::test]
async fn a_replayed_event_changes_nothing() {
    let server = TestServer::start().await;
    let (george, account_id) = server.george_linked(json!({})).await;
    george.until_ready().await;
    let log = server
        .emulator(Method::GET, "/_emulator/events", None)
        .await;
    let delivered = log
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["type"] == "TASK_FINISHED" && e["data"]["sourceId"] == account_id.as_str())
        .unwrap()
        .clone();
    let before_rows = rows(&server, None).await;
    let before: Vec<(String, String)> =
        sqlx::query_as("SELECT smile_id, body FROM smile_items ORDER BY smile_id")
            .fetch_all(server.state.db())
            .await
            .unwrap();
    let body = serde_json::to_vec(&delivered).unwrap();
    assert_eq!(
        post(&server, body.clone(), signed(&server, &body)).await,
        StatusCode::OK
    );
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(rows(&server, None).await, before_rows);
    let after: Vec<(String, String)> =
        sqlx::query_as("SELECT smile_id, body FROM smile_items ORDER BY smile_id")
            .fetch_all(server.state.db())
            .await
            .unwrap();
    assert_eq!(after, before);
    assert_eq!(george.account_statuses().await, ["ready"]);
}

#[tokio::test]
async fn the_summary_of_george_after_his_data_is_synced() {
    let server = TestServer::start().await;
    let (george, _account_id) = server.george_linked(json!({})).await;
    george.until_ready().await;
    let applicant_id: String = sqlx::query_scalar("SELECT id FROM applicants")
        .fetch_one(server.state.db())
        .await
        .unwrap();
    let summary = summary_now(&server, &applicant_id).await;
    let json = serde_json::to_value(&summary).unwrap();
    // The emulator's George: his own name, ABC Corporation, SSS contributions with a gap.
    assert_eq!(json["name"]["score"], 100, "{json:#}");
    assert_eq!(json["employment"]["employerMatches"], true, "{json:#}");
    assert!(
        json["contributions"]["monthsLast24"].as_u64().unwrap() > 0,
        "{json:#}"
    );
    assert!(
        json["contributions"]["gaps"]
            .as_array()
            .is_some_and(|g| !g.is_empty()),
        "{json:#}"
    );
}

#[tokio::test]
async fn the_subscription_is_made_once_and_never_duplicated() {
    let server = TestServer::start_with(&["--background", "false"]).await;
    use wink_server::webhooks::subscription::{ensure, Subscription};
    let first = ensure(&server.state).await.unwrap();
    let Subscription::Created(id) = first else {
        panic!("expected a new subscription, got {first:?}");
    };
    assert_eq!(
        ensure(&server.state).await.unwrap(),
        Subscription::Existing(id)
    );
    let list = server.emulator(Method::GET, "/v1/webhooks", None).await;
    let ours: Vec<_> = list["data"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["url"] == format!("{}/webhooks/smile", server.url))
        .collect();
    assert_eq!(ours.len(), 1);
}

/// Deliveries arriving together are committed together (one batch): copies of one event
/// sent at once are stored once and exactly one of them is the new one; each of the others
/// is told it was a redelivery; one about a deleted applicant's Smile user is dropped.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn copies_arriving_together_are_stored_once() {
    use wink_server::db::inbox_writer::Stored;
    let server = receiver_only().await;
    let writer = server.state.webhook_writer();
    wink_server::db::tombstones::bury(
        server.state.db(),
        "app-gone",
        "WP-GONE",
        Some("usr-gone"),
        "retention",
    )
    .await
    .unwrap();
    let delivery = |id: &str| inbox::NewDelivery {
        event_id: id.to_owned(),
        event_type: "ACCOUNT_CONNECTED".to_owned(),
        body: connected(id),
        status: inbox::InboxStatus::Pending,
        smile_user_id: Some("usr-nobody".to_owned()),
    };
    let stores = (0..41).map(|i| {
        let id = if i % 2 == 0 {
            "et-together"
        } else {
            "et-apart"
        };
        let id = if i >= 38 {
            format!("et-alone-{i}")
        } else {
            id.to_owned()
        };
        let mut delivery = delivery(&id);
        if i == 40 {
            delivery.smile_user_id = Some("usr-gone".to_owned());
        }
        writer.store(delivery)
    });
    let stored: Vec<Stored> = join_all(stores)
        .await
        .into_iter()
        .map(Result::unwrap)
        .collect();
    let new = stored.iter().filter(|s| **s == Stored::New).count();
    assert_eq!(new, 4, "et-together, et-apart and two alone: {stored:?}");
    assert_eq!(stored[40], Stored::Buried);
    assert_eq!(
        stored.iter().filter(|s| **s == Stored::Duplicate).count(),
        36
    );
    assert_eq!(rows(&server, None).await, 4);
}
