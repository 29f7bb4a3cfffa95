//! Webhook delivery to a local receiver: order, counts, signatures, retries, filtering,
//! payloads and webhook faults.

use std::time::{Duration, Instant};

use crate::common::{eventually, start, start_with, Exchange, Items, Receiver};
use serde_json::{json, Value};
use smile_api::client::DataFilter;
use smile_api::{verify, Event, EventData};
use smile_sandbox::{SandboxConfig, WebhookSecret};

const SECRET: &str = "a little secret";
const GEORGE: (&str, &str) = ("gpalomero1234@smileapi.io", "123456");
const LINK_EVENTS: [&str; 8] = [
    "ACCOUNT_CREATED",
    "ACCOUNT_CONNECTED",
    "TASK_STARTED",
    "IDENTITY_ADDED",
    "EMPLOYMENTS_ADDED",
    "CONTRIBUTIONS_ADDED",
    "EINCOMES_ADDED",
    "TASK_FINISHED",
];

#[tokio::test]
async fn a_link_raises_its_events_in_order_signed() {
    let emu = start().await;
    let receiver = Receiver::start().await;
    emu.subscribe(&receiver.url, &["ALL_EVENTS"], SECRET).await;
    let (user_id, account) = emu.george_sss().await;

    let received = receiver.wait_for(1 + LINK_EVENTS.len()).await;
    let types = receiver.types();
    assert_eq!(types[0], "USER_CREATED");
    assert_eq!(&types[1..], LINK_EVENTS);

    let smile = emu.client();
    let source = DataFilter::source(&account.id);
    for r in &received {
        assert_eq!(r.content_type.as_deref(), Some("application/json"));
        verify(SECRET.as_bytes(), &r.body, r.signature.as_deref()).expect("signature verifies");
        assert!(verify(b"another secret", &r.body, r.signature.as_deref()).is_err());
        let event = Event::from_slice(&r.body).unwrap();
        assert!(event.id.starts_with("et-"));
        assert_eq!(event.version, 1);
        assert_eq!(event.user_id(), Some(user_id.as_str()));
        match &event.data {
            EventData::AccountConnected(d) => {
                assert_eq!(d.account_id, account.id);
                assert_eq!(d.login_name.as_deref(), Some(GEORGE.0));
                assert_eq!(d.providers, ["sss_ph"]);
            }
            EventData::TaskStarted(d) => {
                assert_eq!(d.task_type, smile_api::TaskType::LinkAccount);
                assert_eq!(d.source_id, account.id);
            }
            EventData::IdentityAdded(d) => {
                let identity = &smile.identities(&source).items().await[0];
                assert_eq!(d.identity_id, identity.id);
            }
            EventData::ContributionsAdded(d) => {
                let n = smile.contributions(&source).items().await.len();
                assert_eq!(d.count as usize, n);
                assert!(n >= 24);
            }
            EventData::EmploymentsAdded(d) => {
                let n = smile.employments(&source).items().await.len();
                assert_eq!(d.count as usize, n);
            }
            EventData::EincomesAdded(d) => assert_eq!(d.count, 24),
            EventData::TaskFinished(d) => {
                assert_eq!(d.status, Some(smile_api::event::TaskOutcome::Succeeded));
                assert_eq!(
                    d.datapoints,
                    [
                        smile_api::Datapoint::Identities,
                        smile_api::Datapoint::Employments,
                        smile_api::Datapoint::Contributions,
                        smile_api::Datapoint::Eincomes
                    ]
                );
                assert!(d.payload.is_none(), "includePayload is off");
                assert!(r.json()["data"].get("datapoints").is_some());
            }
            _ => {}
        }
    }
    // The log has every event, delivered or not.
    let logged: Vec<Value> = emu.get("/_emulator/events").fetch().await;
    assert_eq!(logged.len(), received.len());
}

#[tokio::test]
async fn include_payload_inlines_the_data_without_metadata() {
    let emu = start().await;
    let receiver = Receiver::start().await;
    emu.post("/v1/webhooks")
        .json(
            &json!({"name": "p", "url": receiver.url, "eventTypes": ["TASK_FINISHED"],
                      "active": true, "secret": SECRET, "includePayload": true}),
        )
        .fire()
        .await;
    emu.george_sss().await;
    let received = receiver.wait_for(1).await;
    let body = received[0].json();
    let payload = &body["data"]["payload"];
    assert_eq!(
        payload["identity"]["fullName"],
        "George Cimafranca Palomero, Jr"
    );
    assert!(payload["identity"].get("metadata").is_none());
    let contributions = payload["contributions"]["items"].as_array().unwrap();
    assert!(contributions.len() >= 24);
    assert!(contributions.iter().all(|c| c.get("metadata").is_none()));
    assert!(payload["incomes"].is_null(), "sss_ph has no INCOMES");
    verify(
        SECRET.as_bytes(),
        &received[0].body,
        received[0].signature.as_deref(),
    )
    .unwrap();
}

#[tokio::test]
async fn failures_and_revocations_raise_their_events() {
    let emu = start().await;
    let receiver = Receiver::start().await;
    emu.subscribe(
        &receiver.url,
        &["ACCOUNT_FAILED", "ACCOUNT_DISCONNECTED"],
        SECRET,
    )
    .await;
    let (_, token) = emu.user().await;
    let failed = emu
        .link_account(&token, "sss_ph", GEORGE.0, "wrong", None)
        .await;
    let received = receiver.wait_for(1).await;
    match Event::from_slice(&received[0].body).unwrap().data {
        EventData::AccountFailed(d) => {
            assert_eq!(d.account_id, failed.id);
            assert_eq!(
                d.error_code,
                smile_api::AccountErrorCode::InvalidCredentials
            );
            assert_eq!(
                d.error_message.as_deref(),
                Some("Invalid username or password!")
            );
            assert_eq!(d.login_name.as_deref(), Some(GEORGE.0));
        }
        other => panic!("{other:?}"),
    }
    let linked = emu
        .link_account(&token, "sss_ph", GEORGE.0, GEORGE.1, None)
        .await;
    emu.client().delete_account(&linked.id).await.unwrap();
    let received = receiver.wait_for(2).await;
    match Event::from_slice(&received[1].body).unwrap().data {
        EventData::AccountDisconnected(d) => {
            assert_eq!(d.account_id, linked.id);
            assert_eq!(d.providers, ["sss_ph"]);
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn non_2xx_is_retried_twice_then_dropped() {
    let emu = start().await; // 50 ms retry delay
    let receiver = Receiver::start().await;
    receiver.always(500);
    emu.subscribe(&receiver.url, &["USER_CREATED"], SECRET)
        .await;
    emu.user().await;

    let received = receiver.wait_for(3).await;
    // Wait well past two more retry delays: nothing else may arrive.
    tokio::time::sleep(Duration::from_millis(400)).await;
    let received_later = receiver.received();
    assert_eq!(
        received_later.len(),
        3,
        "first attempt + 2 retries, then dropped"
    );
    // The same event, byte for byte, each time.
    assert!(received
        .iter()
        .all(|r| r.body == received[0].body && r.signature == received[0].signature));

    let log: Vec<Value> = emu.get("/_emulator/deliveries").fetch().await;
    let outcomes: Vec<&str> = log.iter().map(|r| r["outcome"].as_str().unwrap()).collect();
    assert_eq!(outcomes, ["failed", "failed", "gaveUp"]);
    assert!(log.iter().all(|r| r["status"] == 500));
    let attempts: Vec<u64> = log.iter().map(|r| r["attempt"].as_u64().unwrap()).collect();
    assert_eq!(attempts, [1, 2, 3]);
}

#[tokio::test]
async fn a_retry_that_succeeds_stops_retrying() {
    let emu = start().await;
    let receiver = Receiver::start().await;
    receiver.script(&[503]);
    emu.subscribe(&receiver.url, &["USER_CREATED"], SECRET)
        .await;
    emu.user().await;
    receiver.wait_for(2).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(receiver.received().len(), 2);
}

#[tokio::test]
async fn the_retry_delay_is_configurable() {
    let emu = start_with(SandboxConfig {
        webhook_retry_delay: Duration::from_millis(400),
        ..crate::common::config()
    })
    .await;
    let receiver = Receiver::start().await;
    receiver.script(&[500]);
    emu.subscribe(&receiver.url, &["USER_CREATED"], SECRET)
        .await;
    emu.user().await;
    receiver.wait_for(1).await;
    let first = Instant::now();
    receiver.wait_for(2).await;
    assert!(
        first.elapsed() >= Duration::from_millis(300),
        "{:?}",
        first.elapsed()
    );
}

#[tokio::test]
async fn only_matching_active_subscriptions_receive() {
    let emu = start().await;
    let connected = Receiver::start().await;
    let finished = Receiver::start().await;
    let inactive = Receiver::start().await;
    let deleted = Receiver::start().await;
    emu.subscribe(&connected.url, &["ACCOUNT_CONNECTED"], SECRET)
        .await;
    emu.subscribe(&finished.url, &["TASK_FINISHED", "ACCOUNT_FAILED"], SECRET)
        .await;
    emu.post("/v1/webhooks")
        .json(&json!({"name": "off", "url": inactive.url, "eventTypes": ["ALL_EVENTS"], "active": false, "secret": SECRET})).fire().await;
    let gone = emu.subscribe(&deleted.url, &["ALL_EVENTS"], SECRET).await;
    emu.client().delete_webhook(&gone).await.unwrap();

    emu.george_sss().await;
    connected.wait_for(1).await;
    finished.wait_for(1).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(connected.types(), ["ACCOUNT_CONNECTED"]);
    assert_eq!(finished.types(), ["TASK_FINISHED"]);
    assert!(inactive.received().is_empty());
    assert!(deleted.received().is_empty());
}

#[tokio::test]
async fn delivery_never_blocks_the_request() {
    let emu = start().await;
    let receiver = Receiver::start().await;
    receiver.delay(Duration::from_secs(2));
    emu.subscribe(&receiver.url, &["ALL_EVENTS"], SECRET).await;
    let started = Instant::now();
    emu.george_sss().await;
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn webhook_faults_drop_duplicate_reorder_and_delay() {
    let emu = start().await;
    let receiver = Receiver::start().await;
    emu.subscribe(&receiver.url, &["ALL_EVENTS"], SECRET).await;
    let (_, token) = emu.user().await;
    receiver.wait_for(1).await;

    let set: Value = emu
        .put("/_emulator/webhook-faults")
        .json(&json!({
            "dropEventTypes": ["TASK_FINISHED"],
            "duplicateEventTypes": ["ACCOUNT_CONNECTED"],
            "reorder": true
        }))
        .fetch()
        .await;
    assert_eq!(set["reorder"], true);
    emu.link_account(&token, "sss_ph", GEORGE.0, GEORGE.1, None)
        .await;
    // ACCOUNT_CREATED (its own action) + the link batch without TASK_FINISHED, one
    // ACCOUNT_CONNECTED twice, reversed.
    receiver.wait_for(1 + 1 + 7).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    let types = receiver.types();
    assert_eq!(
        &types[1..],
        [
            "ACCOUNT_CREATED",
            "EINCOMES_ADDED",
            "CONTRIBUTIONS_ADDED",
            "EMPLOYMENTS_ADDED",
            "IDENTITY_ADDED",
            "TASK_STARTED",
            "ACCOUNT_CONNECTED",
            "ACCOUNT_CONNECTED"
        ]
    );
    let received = receiver.received();
    assert_eq!(
        received[7].event_id(),
        received[8].event_id(),
        "a duplicate has the same id"
    );
    let log: Vec<Value> = emu.get("/_emulator/deliveries").fetch().await;
    assert!(log
        .iter()
        .any(|r| r["outcome"] == "faultDropped" && r["eventType"] == "TASK_FINISHED"));

    // Delay: the first attempt waits.
    emu.put("/_emulator/webhook-faults")
        .json(&json!({"delayMs": 400}))
        .fire()
        .await;
    let before = receiver.received().len();
    let started = Instant::now();
    emu.user().await;
    receiver.wait_for(before + 1).await;
    assert!(
        started.elapsed() >= Duration::from_millis(350),
        "{:?}",
        started.elapsed()
    );
    emu.delete("/_emulator/webhook-faults").fire().await;
    let cleared: Value = emu.get("/_emulator/webhook-faults").fetch().await;
    assert_eq!(cleared["delayMs"], 0);
}

#[tokio::test]
async fn subscriptions_without_a_secret_follow_the_configured_policy() {
    let fixed = start_with(SandboxConfig {
        webhook_secret: WebhookSecret::Fixed("fixed-secret".into()),
        ..crate::common::config()
    })
    .await;
    let receiver = Receiver::start().await;
    let body =
        json!({"name": "n", "url": receiver.url, "eventTypes": ["USER_CREATED"], "active": true});
    let created: Value = fixed.post("/v1/webhooks").json(&body).fetch().await;
    assert_eq!(created["data"]["secret"], "fixed-secret");
    fixed.user().await;
    let received = receiver.wait_for(1).await;
    verify(
        b"fixed-secret",
        &received[0].body,
        received[0].signature.as_deref(),
    )
    .unwrap();

    let generated = start().await;
    let a: Value = generated.post("/v1/webhooks").json(&body).fetch().await;
    let b: Value = generated.post("/v1/webhooks").json(&body).fetch().await;
    let (a, b) = (
        a["data"]["secret"].as_str().unwrap(),
        b["data"]["secret"].as_str().unwrap(),
    );
    assert!(a.starts_with("whsec-") && a != b);
}

#[tokio::test]
async fn reset_stops_pending_retries() {
    let emu = start_with(SandboxConfig {
        webhook_retry_delay: Duration::from_millis(200),
        ..crate::common::config()
    })
    .await;
    let receiver = Receiver::start().await;
    receiver.always(500);
    emu.subscribe(&receiver.url, &["USER_CREATED"], SECRET)
        .await;
    emu.user().await;
    receiver.wait_for(1).await;
    emu.post("/_emulator/reset").fire().await;
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert_eq!(receiver.received().len(), 1);
    eventually(|| async {
        let log: Vec<Value> = emu.get("/_emulator/deliveries").fetch().await;
        log.is_empty()
    })
    .await;
}
