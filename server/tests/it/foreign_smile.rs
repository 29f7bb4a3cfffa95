//! A Smile that is not our emulator: a small fake, started in-process, that answers from the
//! examples of Smile's spec (`fixtures/foreign_smile/spec_examples.json`, extracted from
//! `openapi-v1.yaml` 1.14.0) with other, equally spec-valid choices than the emulator makes:
//! the spec's own repeating `nextCursor`, a cursor cycle A → B → A, `nextCursor` empty,
//! `null` and absent, nulls in nullable fields, absent optional fields, extra fields, the
//! spec's example ids. A real wink-server in sandbox mode pointed at it must subscribe its
//! webhook, reconcile, and sync an account's data.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::common::{george, stored_state, TestServer};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::{Json, Router};
use serde_json::{json, Value};

const FIXTURE: &str = include_str!("fixtures/foreign_smile/spec_examples.json");
const PUBLIC_URL: &str = "https://wink.example.test";
const WEBHOOK_SECRET: &str = "foreign-webhook-secret";
/// The spec's example cursor: every list example answers it, whatever page was asked for.
const SPEC_CURSOR: &str = "1259723474";

#[derive(Default)]
struct Fake {
    examples: Value,
    /// Every request line, in order.
    seen: Mutex<Vec<String>>,
    /// Bodies of `POST /webhooks`.
    subscriptions: Mutex<Vec<Value>>,
    /// Smile users created (`tenant-…`), one linked account each (`a-…`).
    users: Mutex<Vec<String>>,
}

impl Fake {
    fn example(&self, operation: &str) -> Value {
        self.examples[operation].clone()
    }

    /// The first item of a list example.
    fn item(&self, operation: &str) -> Value {
        self.examples[operation]["data"]["items"][0].clone()
    }

    fn lines(&self) -> Vec<String> {
        self.seen.lock().unwrap().clone()
    }

    fn account(&self, user_id: &str) -> Value {
        // The spec's example account, connected this time, with the nullable error fields
        // null or absent, a null `monitor.updatedAt` and a field the spec does not list.
        let mut account = self.item("GET /accounts");
        account["id"] = json!(account_of(user_id));
        account["userId"] = json!(user_id);
        account["providerId"] = json!("sss_ph");
        account["connectionStatus"] = json!("CONNECTED");
        account["connection"] =
            json!({"status": "CONNECTED", "errorCode": null, "updatedAt": "2021-04-14T09:30:24Z"});
        account["monitor"] = json!({"status": "UNSUPPORTED", "updatedAt": null});
        account["loginHint"] = json!("not in the spec");
        account
    }

    /// A data item of `operation` for `account_id`, from the spec's example, with the
    /// source rewritten, a few nullable fields null and an extra field.
    fn data_item(&self, operation: &str, account_id: &str, user_id: &str) -> Value {
        let mut item = self.item(operation);
        let metadata = &mut item["metadata"];
        metadata["sourceId"] = json!(account_id);
        metadata["accountId"] = json!(account_id);
        metadata["userId"] = json!(user_id);
        metadata["itemCreatedAt"] = Value::Null;
        item["extraFromANewerSmile"] = json!({"nested": [1, 2]});
        item
    }
}

fn account_of(user_id: &str) -> String {
    format!("a-{}", user_id.trim_start_matches("tenant-"))
}

fn ok(data: Value) -> Response {
    Json(json!({"code": "OK", "message": "Success", "requestId": "req-foreign", "data": data}))
        .into_response()
}

fn missing() -> Response {
    (
        StatusCode::NOT_FOUND,
        Json(json!({"code": "MISSING_RESOURCE", "message": "Not found", "requestId": "req-foreign-404"})),
    )
        .into_response()
}

fn query_value(uri: &Uri, key: &str) -> Option<String> {
    uri.query()?.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=')?;
        (k == key).then(|| v.to_owned())
    })
}

async fn answer(State(fake): State<Arc<Fake>>, method: Method, uri: Uri, body: Bytes) -> Response {
    fake.seen.lock().unwrap().push(format!(
        "{method} {}",
        uri.path_and_query().map(|p| p.as_str()).unwrap_or("")
    ));
    let cursor = query_value(&uri, "cursor");
    let path = uri.path().trim_start_matches("/v1/").to_owned();
    let segments: Vec<&str> = path.split('/').collect();
    let source = query_value(&uri, "sourceId").unwrap_or_default();
    let owner = fake
        .users
        .lock()
        .unwrap()
        .iter()
        .find(|u| account_of(u) == source)
        .cloned()
        .unwrap_or_default();
    match (method.as_str(), segments.as_slice()) {
        // The spec's example as is: someone else's webhook, and a `nextCursor` that names
        // the same page again on every page.
        ("GET", ["webhooks"]) => {
            let mut page = fake.example("GET /webhooks")["data"].clone();
            page["items"][0]["deliveryStats"] = json!({"failed": 0});
            ok(page)
        }
        // The example's shape around what was asked for, without the secret, `updatedAt`
        // or `createdAt` (the spec requires none of them), `includePayload` null.
        ("POST", ["webhooks"]) => {
            let request: Value = serde_json::from_slice(&body).unwrap_or_default();
            fake.subscriptions.lock().unwrap().push(request.clone());
            let mut webhook = fake.example("POST /webhooks")["data"].clone();
            let webhook = webhook.as_object_mut().unwrap();
            webhook.remove("secret");
            webhook.remove("updatedAt");
            webhook.remove("createdAt");
            webhook.insert("id".into(), json!("wh-foreign-1"));
            webhook.insert("url".into(), request["url"].clone());
            webhook.insert("eventTypes".into(), request["eventTypes"].clone());
            webhook.insert("includePayload".into(), Value::Null);
            ok(Value::Object(webhook.clone()))
        }
        // The spec's example user (no `providers`, `channelId` null) and token (no `id`).
        ("POST", ["users"]) => {
            let request: Value = serde_json::from_slice(&body).unwrap_or_default();
            let user_id = {
                let mut users = fake.users.lock().unwrap();
                let id = format!("tenant-5c1a2e8678e3494eba303ad1afa5{:04}", users.len());
                users.push(id.clone());
                id
            };
            let mut user = fake.example("User");
            user["id"] = json!(user_id);
            user["externalMetadata"] = request["externalMetadata"].clone();
            user["session"]["userId"] = json!(user_id);
            ok(json!({"user": user, "token": fake.example("POST /tokens")["data"]}))
        }
        ("POST", ["tokens"]) => ok(fake.example("POST /tokens")["data"].clone()),
        ("GET", ["users"]) => ok(json!({"nextCursor": null, "items": []})),
        ("GET", ["providers"]) => ok(fake.example("GET /providers")["data"].clone()),
        // A cycle: first page → A → B → A. Page A repeats the first page's account.
        ("GET", ["accounts"]) => {
            let user_id = query_value(&uri, "userId").unwrap_or_default();
            let known = fake.users.lock().unwrap().contains(&user_id);
            let account = || {
                if known {
                    vec![fake.account(&user_id)]
                } else {
                    vec![]
                }
            };
            match cursor.as_deref() {
                None => ok(json!({"nextCursor": "A", "items": account()})),
                Some("A") => ok(json!({"nextCursor": "B", "items": account()})),
                _ => ok(json!({"nextCursor": "A", "items": []})),
            }
        }
        ("GET", ["accounts", id]) => {
            let user = fake
                .users
                .lock()
                .unwrap()
                .iter()
                .find(|u| account_of(u) == *id)
                .cloned();
            match user {
                Some(user) => ok(fake.account(&user)),
                None => missing(),
            }
        }
        // The last page said four ways: `nextCursor` empty, absent, null; and the spec's
        // own repeating cursor (its example, page after page).
        ("GET", ["identities"]) => {
            let mut identity = fake.data_item("GET /identities", &source, &owner);
            identity["gender"] = Value::Null;
            identity["dob"] = Value::Null;
            identity["citizenship"] = json!("A_VALUE_NOT_IN_THE_SPEC");
            ok(json!({"nextCursor": "", "items": [identity]}))
        }
        ("GET", ["employments"]) => {
            let mut employment = fake.data_item("GET /employments", &source, &owner);
            employment["endDate"] = Value::Null;
            ok(json!({"items": [employment]}))
        }
        ("GET", ["incomes"]) => ok(json!({
            "nextCursor": null,
            "items": [fake.data_item("GET /incomes", &source, &owner)],
        })),
        ("GET", ["contributions"]) => ok(json!({
            "nextCursor": SPEC_CURSOR,
            "items": [fake.data_item("GET /contributions", &source, &owner)],
        })),
        ("GET", ["eincomes"]) => {
            let mut eincome = fake.data_item("GET /eincomes", &source, &owner);
            eincome["baseAmount"] = Value::Null;
            ok(json!({"nextCursor": SPEC_CURSOR, "items": [eincome]}))
        }
        _ => missing(),
    }
}

async fn start_fake() -> (Arc<Fake>, String) {
    let fake = Arc::new(Fake {
        examples: serde_json::from_str(FIXTURE).unwrap(),
        ..Fake::default()
    });
    let app = Router::new().fallback(answer).with_state(fake.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base_url = format!("http://{}/v1", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (fake, base_url)
}

/// Polls `done` every 50 ms for up to `limit`.
async fn eventually(limit: Duration, mut done: impl FnMut() -> bool) -> bool {
    let until = tokio::time::Instant::now() + limit;
    while tokio::time::Instant::now() < until {
        if done() {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    done()
}

#[tokio::test]
async fn against_a_foreign_smile_the_server_subscribes_reconciles_and_syncs() {
    let (fake, base_url) = start_fake().await;
    let server = TestServer::start_with(&[
        "--smile-mode",
        "sandbox",
        "--smile-base-url",
        &base_url,
        "--smile-api-key",
        "foreign-key",
        "--smile-api-secret",
        "foreign-secret",
        "--smile-webhook-secret",
        WEBHOOK_SECRET,
        "--public-url",
        PUBLIC_URL,
        "--report-signing-key",
        crate::common::REPORT_SIGNING_KEY,
        "--reconcile-secs",
        "1",
    ])
    .await;

    // Subscribes: the webhook list (someone else's hook, a cursor that repeats) is read
    // as far as it makes sense, and our subscription is created.
    let subscribed = eventually(Duration::from_secs(10), || {
        !fake.subscriptions.lock().unwrap().is_empty()
    })
    .await;
    assert!(subscribed, "no subscription; Smile saw {:#?}", fake.lines());
    let subscription = fake.subscriptions.lock().unwrap()[0].clone();
    assert_eq!(
        subscription["url"],
        json!(format!("{PUBLIC_URL}/webhooks/smile"))
    );
    assert_eq!(subscription["secret"], json!(WEBHOOK_SECRET));
    assert_eq!(subscription["active"], json!(true));
    assert_eq!(subscription["eventTypes"], json!(["ALL_EVENTS"]));
    let webhook_lists: Vec<String> = fake
        .lines()
        .into_iter()
        .filter(|l| l.starts_with("GET /v1/webhooks"))
        .collect();
    assert_eq!(webhook_lists.len(), 2, "{webhook_lists:?}");
    assert!(webhook_lists[1].contains(&format!("cursor={SPEC_CURSOR}")));
    assert_eq!(fake.subscriptions.lock().unwrap().len(), 1);

    // An applicant applies: their Smile user is made at the fake.
    let applicant_id = server.apply(&george()).await.id;
    let user_id = fake.users.lock().unwrap()[0].clone();
    let account_id = account_of(&user_id);

    // Reconciles (through the A → B → A cycle) and syncs the account it finds.
    let db = server.state.db().clone();
    let mut state = Vec::new();
    for _ in 0..200 {
        state = stored_state(&db, &applicant_id).await;
        if state
            .iter()
            .any(|(id, status, _)| id == &account_id && status == "ready")
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let kinds: Vec<(&str, &str)> = state
        .iter()
        .map(|(kind, id, _)| (kind.as_str(), id.as_str()))
        .collect();
    assert!(
        kinds.contains(&(account_id.as_str(), "ready")),
        "account not ready: {kinds:?}\nSmile saw {:#?}",
        fake.lines()
    );
    // Each kind once, by the spec's example ids, though the repeating cursors served the
    // contribution and the estimated income twice.
    let expected = [
        ("contribution", "17bbf36498de4d68a0d4f86c7b62f69f"),
        ("eincome", "einc-a-123abc456def789abc123def456abc78"),
        ("employment", "e-17bbf36498de4d68a0d4f86c7b62f69f"),
        ("identity", "i-17bbf36498de4d68a0d4f86c7b62f69f"),
        ("income", "inc-17bbf36498de4d68a0d4f86c7b62f69f"),
    ];
    for (kind, id) in expected {
        assert_eq!(
            kinds.iter().filter(|(k, _)| *k == kind).count(),
            1,
            "{kind}: {kinds:?}"
        );
        assert!(kinds.contains(&(kind, id)), "{kind} {id}: {kinds:?}");
    }

    // The cycle was cut where it closed: never a page after B in one listing.
    let lines = fake.lines();
    let account_lists: Vec<&String> = lines
        .iter()
        .filter(|l| l.starts_with(&format!("GET /v1/accounts?userId={user_id}")))
        .collect();
    assert!(!account_lists.is_empty());
    for window in account_lists.windows(2) {
        if window[0].contains("cursor=B") {
            assert!(!window[1].contains("cursor="), "{account_lists:?}");
        }
    }
    // A list whose cursor repeats takes two requests, not more.
    let contribution_pages = lines
        .iter()
        .filter(|l| l.starts_with("GET /v1/contributions"))
        .count();
    let syncs = lines
        .iter()
        .filter(|l| l.starts_with(&format!("GET /v1/accounts/{account_id}")))
        .count();
    assert!(
        (2..=2 * syncs).contains(&contribution_pages),
        "{contribution_pages} pages in {syncs} syncs"
    );
}
