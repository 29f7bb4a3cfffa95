//! W12 at the server's own entry point: `POST /webhooks/smile` (verify, classify, store)
//! and then the worker's reading of every stored body, on arbitrary and mutated inputs.
//! Every request gets exactly the answer its signature and content type call for, none a
//! 5xx or a panic, and the worker then handles every row it stored without an error.
//!
//! The parser itself gets 20,000 cases, with structure-aware mutations, in
//! `smile/tests/webhook_robustness.rs`; these 10,000 go through the HTTP handler and the
//! database (a quarter of them are accepted and written durably).

use std::cell::Cell;

use crate::common::TestServer;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use secrecy::ExposeSecret;
use smile_api::{sign, SIGNATURE_HEADER};
use tower::ServiceExt;
use wink_server::db::inbox;

const CASES: u32 = 10_000;

/// Valid envelopes of the kinds the worker acts on, to mutate.
const SEEDS: &[&str] = &[
    r#"{"id":"et-1","version":1,"type":"ACCOUNT_CONNECTED","createdAt":"2026-11-27T09:30:24Z","data":{"userId":"u-1","accountId":"a-1","providers":["sss_ph"]}}"#,
    r#"{"id":"et-2","version":1,"type":"TASK_FINISHED","createdAt":"2026-11-27T09:30:24Z","data":{"userId":"u-1","sourceId":"a-1","sourceType":"ACCOUNT","providers":["sss_ph"],"taskType":"LINK_ACCOUNT","status":"SUCCEEDED","datapoints":["CONTRIBUTIONS"]}}"#,
    r#"{"id":"et-3","version":1,"type":"INCOMES_ADDED","createdAt":"2026-11-27T09:30:24Z","data":{"userId":"u-1","accountId":"a-1","providers":["grab"],"count":3}}"#,
    r#"{"id":"et-4","version":1,"type":"SOMETHING_NEW","createdAt":"2026-11-27T09:30:24Z","data":{"userId":"u-1","accountId":7}}"#,
];

#[derive(Clone, Debug)]
enum Input {
    Arbitrary(Vec<u8>),
    /// A seed with bytes overwritten, inserted or cut.
    Mutated {
        seed: usize,
        edits: Vec<(usize, u8, u8)>,
    },
}

fn body() -> impl Strategy<Value = Input> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..512).prop_map(Input::Arbitrary),
        (
            0..SEEDS.len(),
            proptest::collection::vec((any::<usize>(), 0..3u8, any::<u8>()), 0..4)
        )
            .prop_map(|(seed, edits)| Input::Mutated { seed, edits }),
    ]
}

fn bytes(body: &Input, n: usize) -> Vec<u8> {
    match body {
        Input::Arbitrary(bytes) => bytes.clone(),
        Input::Mutated { seed, edits } => {
            // A distinct id per case, so accepted events are new rows, not duplicates.
            let mut bytes = SEEDS[*seed]
                .replacen("\"et-", &format!("\"et-case{n}-"), 1)
                .into_bytes();
            for (at, kind, byte) in edits {
                let at = at % (bytes.len() + 1);
                match kind {
                    0 if at < bytes.len() => bytes[at] = *byte,
                    1 => bytes.insert(at, *byte),
                    _ => bytes.truncate(at),
                }
            }
            bytes
        }
    }
}

#[test]
fn the_receiver_answers_every_input_as_its_signature_and_type_say() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let server = runtime.block_on(TestServer::start_with(&["--background", "false"]));
    let secret = server.state.webhook_secret().expose_secret().to_owned();
    let router = wink_server::app(server.state.clone());
    let case = Cell::new(0usize);
    let accepted = Cell::new(0u32);
    let strategy = (body(), any::<bool>(), 0..4u8);
    let mut runner = TestRunner::new(Config {
        cases: CASES,
        ..Config::default()
    });
    let result = runner.run(&strategy, |(body, signed, content_type)| {
        case.set(case.get() + 1);
        let body = bytes(&body, case.get());
        let signature = if signed {
            sign(secret.as_bytes(), &body)
        } else {
            sign(b"someone else", &body)
        };
        let content_type = [
            "application/json",
            "application/json; charset=utf-8",
            "text/plain",
            "",
        ][usize::from(content_type)];
        let request = Request::post("/webhooks/smile")
            .header("content-type", content_type)
            .header(SIGNATURE_HEADER, signature)
            .body(Body::from(body.clone()))
            .unwrap();
        let status = runtime
            .block_on(router.clone().oneshot(request))
            .unwrap()
            .status();
        let expected = match (signed, content_type.starts_with("application/json")) {
            (false, _) => StatusCode::UNAUTHORIZED,
            (true, false) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            (true, true) => StatusCode::OK,
        };
        prop_assert_eq!(status, expected, "{}", String::from_utf8_lossy(&body));
        if status == StatusCode::OK {
            accepted.set(accepted.get() + 1);
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    let db = server.state.db();
    let stored = runtime.block_on(inbox::count(db, None)).unwrap();
    // At most one row per accepted request (unreadable duplicates collapse on their hash).
    assert!(
        stored > 0 && stored <= i64::from(accepted.get()),
        "{stored} rows, {} accepted",
        accepted.get()
    );

    // The worker reads every stored body again: no error, nothing left pending.
    runtime
        .block_on(wink_server::sync::drain_inbox(&server.state))
        .unwrap();
    let pending = runtime
        .block_on(inbox::count(db, Some(inbox::InboxStatus::Pending)))
        .unwrap();
    println!(
        "receiver: {CASES} requests, {} accepted, {stored} rows stored",
        accepted.get()
    );
    assert_eq!(pending, 0);
}

#[tokio::test]
async fn a_signed_event_with_a_nul_in_its_ids_is_kept_as_poison() {
    // PostgreSQL cannot store NUL in text: without this the receiver answered 503 for ever
    // and Smile retried the same bytes.
    let server = TestServer::start_with(&["--background", "false"]).await;
    let secret = server.state.webhook_secret().expose_secret().to_owned();
    let http = reqwest::Client::new();
    for body in [
        r#"{"id":"et-\u0000","version":1,"type":"ACCOUNT_CONNECTED","createdAt":"2026-11-27T09:30:24Z","data":{"userId":"u-1","accountId":"a-1","providers":["sss_ph"]}}"#,
        r#"{"id":"et-9","version":1,"type":"ACCOUNT_CONNECTED","createdAt":"2026-11-27T09:30:24Z","data":{"userId":"u-\u0000","accountId":"a-1","providers":["sss_ph"]}}"#,
    ] {
        let response = http
            .post(format!("{}/webhooks/smile", server.url))
            .header("content-type", "application/json")
            .header(SIGNATURE_HEADER, sign(secret.as_bytes(), body.as_bytes()))
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{body}");
    }
    let db = server.state.db();
    assert_eq!(
        inbox::count(db, Some(inbox::InboxStatus::Poison))
            .await
            .unwrap(),
        2
    );
    assert_eq!(
        inbox::count(db, Some(inbox::InboxStatus::Pending))
            .await
            .unwrap(),
        0
    );
}
