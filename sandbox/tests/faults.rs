//! Request fault knobs and the admin endpoints.

use std::time::{Duration, Instant};

use crate::common::{start, Exchange, Items};
use serde_json::{json, Value};
use smile_api::client::{ProviderQuery, RetryPolicy, SmileError};
use smile_api::ResponseCode;

#[tokio::test]
async fn scripted_statuses_are_answered_in_order_and_the_client_retries_them() {
    let emu = start().await;
    let rule: Value = emu
        .post("/_emulator/faults")
        .json(&json!({"endpoint": "GET /v1/providers", "statuses": [503, 503]}))
        .fetch()
        .await;
    assert_eq!(rule["remainingStatuses"], json!([503, 503]));
    let smile = emu.client_with(|c| {
        c.retry = RetryPolicy {
            max_attempts: 3,
            base_delay: Duration::from_millis(10),
            ..RetryPolicy::default()
        };
    });
    let providers = smile
        .list_providers(&ProviderQuery::default())
        .items()
        .await;
    assert_eq!(providers.len(), 5);
    let rules: Vec<Value> = emu.get("/_emulator/faults").fetch().await;
    assert_eq!(rules[0]["matched"], 3, "503, 503, then through");
    assert_eq!(rules[0]["remainingStatuses"], json!([]));

    // Other endpoints are untouched; a 503 is Smile's SERVER_UNAVAILABLE envelope.
    emu.post("/_emulator/faults")
        .json(&json!({"endpoint": "POST /v1/users", "statuses": [503]}))
        .fire()
        .await;
    emu.post("/v1/users")
        .expect_code(503, "SERVER_UNAVAILABLE")
        .await;
    assert_eq!(emu.post("/v1/users").status().await, 201);
}

#[tokio::test]
async fn rate_limit_faults_send_retry_after() {
    let emu = start().await;
    emu.post("/_emulator/faults")
        .json(&json!({"endpoint": "GET /v1/accounts", "statuses": [429], "retryAfter": 2}))
        .fire()
        .await;
    let response = emu.get("/v1/accounts").fire().await;
    assert_eq!(response.status(), 429);
    assert_eq!(response.headers()["retry-after"], "2");
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["code"], "REQUEST_LIMIT_EXCEEDED");

    // Without `retryAfter`, a 429 still says when to come back.
    emu.post("/_emulator/faults")
        .json(&json!({"endpoint": "GET /v1/webhooks", "statuses": [429]}))
        .fire()
        .await;
    let response = emu.get("/v1/webhooks").fire().await;
    assert_eq!(response.headers()["retry-after"], "1");

    // The client honours it: its retry comes ≥ 1 s later and succeeds.
    emu.post("/_emulator/faults")
        .json(&json!({"endpoint": "GET /v1/providers/{id}", "statuses": [429], "retryAfter": 1}))
        .fire()
        .await;
    let smile = emu.client_with(|c| c.retry.max_attempts = 3);
    let started = Instant::now();
    assert_eq!(smile.get_provider("grab").await.unwrap().id, "grab");
    assert!(started.elapsed() >= Duration::from_millis(950));
}

#[tokio::test]
async fn latency_and_error_rates() {
    let emu = start().await;
    emu.post("/_emulator/faults")
        .json(&json!({"endpoint": "GET /v1/providers", "latencyMs": 300}))
        .fire()
        .await;
    let started = Instant::now();
    assert_eq!(emu.get("/v1/providers").status().await, 200);
    assert!(started.elapsed() >= Duration::from_millis(300));

    emu.post("/_emulator/faults")
        .json(&json!({"endpoint": "GET /v1/users/*", "errorRate": 1.0, "errorStatus": 504}))
        .fire()
        .await;
    let smile = emu.client();
    for _ in 0..3 {
        match smile.get_user("emulator-any").await.unwrap_err() {
            SmileError::Api { status, code, .. } => {
                assert_eq!((status, code), (504, Some(ResponseCode::TimeLimitExceeded)));
            }
            other => panic!("{other:?}"),
        }
    }
    // Removing a rule by id; clearing all.
    let rules: Vec<Value> = emu.get("/_emulator/faults").fetch().await;
    let id = rules[1]["id"].as_str().unwrap();
    assert_eq!(
        emu.delete(&format!("/_emulator/faults/{id}"))
            .status()
            .await,
        204
    );
    assert!(matches!(
        smile.get_user("emulator-any").await.unwrap_err(),
        SmileError::Api { status: 404, .. }
    ));
    emu.delete("/_emulator/faults").fire().await;
    let rules: Vec<Value> = emu.get("/_emulator/faults").fetch().await;
    assert!(rules.is_empty());
}

#[tokio::test]
async fn faults_can_target_the_link_api() {
    let emu = start().await;
    let (_, token) = emu.user().await;
    emu.post("/_emulator/faults")
        .json(&json!({"endpoint": "POST /link/v1/accounts/*/login", "statuses": [503]}))
        .fire()
        .await;
    let created: Value = emu
        .link(reqwest::Method::POST, "/accounts", &token)
        .json(&json!({"providerId": "sss_ph"}))
        .fetch()
        .await;
    let id = created["data"]["id"].as_str().unwrap();
    let response = emu
        .account_step(&token, id, "login")
        .json(&json!({"loginName": "x", "password": "y"}))
        .fire()
        .await;
    assert_eq!(response.status(), 503);
    assert_eq!(response.headers()["access-control-allow-origin"], "*");
}

#[tokio::test]
async fn faults_apply_to_uploads_and_archives() {
    let emu = start().await;
    let (user_id, token) = emu.user().await;
    let upload = json!({"fileType": "PAYSLIP", "files": [{"fileName": "payslip.pdf"}]});
    emu.post("/_emulator/faults")
        .json(&json!({"endpoint": "POST /link/v1/uploads", "statuses": [503]}))
        .fire()
        .await;
    let refused = emu
        .link(reqwest::Method::POST, "/uploads", &token)
        .json(&upload)
        .fire()
        .await;
    assert_eq!(refused.status(), 503);
    assert_eq!(refused.headers()["access-control-allow-origin"], "*");
    // An injected failure happens before the route: nothing was stored.
    let archives = format!("/v1/archives?userId={user_id}");
    let listed: Value = emu.get(&archives).fetch().await;
    assert_eq!(listed["data"]["items"], json!([]));

    let created: Value = emu
        .link(reqwest::Method::POST, "/uploads", &token)
        .json(&upload)
        .fetch()
        .await;
    let id = created["data"]["id"].as_str().unwrap();
    for endpoint in [
        "GET /v1/archives/{id}",
        "DELETE /v1/archives/*",
        "GET /v1/incomes",
    ] {
        emu.post("/_emulator/faults")
            .json(&json!({"endpoint": endpoint, "statuses": [429], "retryAfter": 3}))
            .fire()
            .await;
    }
    for request in [
        emu.get(&format!("/v1/archives/{id}")),
        emu.delete(&format!("/v1/archives/{id}")),
        emu.get(&format!("/v1/incomes?sourceId={id}")),
    ] {
        let response = request.fire().await;
        assert_eq!(response.status(), 429);
        assert_eq!(response.headers()["retry-after"], "3");
    }
    // The scripted 429 is used up; the archive was not deleted by the refused request.
    assert_eq!(emu.get(&format!("/v1/archives/{id}")).status().await, 200);
}

#[tokio::test]
async fn bad_rules_and_admin_auth() {
    let emu = start().await;
    for bad in [
        json!({"statuses": [42]}),
        json!({"errorRate": 2.0}),
        json!({"endpoint": "GET v1/users"}),
        json!({"endpoint": "*", "unknownKnob": true}),
    ] {
        emu.post("/_emulator/faults")
            .json(&bad)
            .expect_code(400, "INVALID_PARAMETERS")
            .await;
    }
    assert_eq!(
        emu.http.post(emu.url("/_emulator/reset")).status().await,
        401,
        "the controls need the key pair too"
    );
    // Faults never apply to the controls themselves.
    emu.post("/_emulator/faults")
        .json(&json!({"statuses": [500, 500, 500]}))
        .fire()
        .await;
    assert_eq!(emu.get("/_emulator/faults").status().await, 200);
}

#[tokio::test]
async fn reset_forgets_everything() {
    let emu = start().await;
    let (user_id, _) = emu.george_sss().await;
    emu.post("/_emulator/faults")
        .json(&json!({"endpoint": "GET /v1/webhooks", "latencyMs": 1}))
        .fire()
        .await;
    let (status, body) = emu.post("/_emulator/reset").status_and_body().await;
    assert_eq!((status, body["reset"].as_bool()), (200, Some(true)));
    let smile = emu.client();
    assert!(matches!(
        smile.get_user(&user_id).await.unwrap_err(),
        SmileError::Api { status: 404, .. }
    ));
    let rules: Vec<Value> = emu.get("/_emulator/faults").fetch().await;
    assert!(rules.is_empty());
    let events: Vec<Value> = emu.get("/_emulator/events").fetch().await;
    assert!(events.is_empty());
    let personas: Vec<Value> = emu.get("/_emulator/personas").fetch().await;
    assert_eq!(personas.len(), 4);
    assert_eq!(personas[2]["password"], "YGUS1");
}

#[tokio::test]
async fn the_request_log_records_arrivals_in_order_faults_or_not() {
    let emu = start().await;
    emu.post("/_emulator/faults")
        .json(&json!({"endpoint": "GET /v1/providers", "statuses": [503]}))
        .fire()
        .await;
    let smile = emu.client();
    // The injected 503 still counts as a request that arrived.
    assert!(smile.get_provider("sss_ph").await.is_ok());
    assert!(smile
        .list_providers(&ProviderQuery::default())
        .collect_vec()
        .await
        .is_err());
    let log: Vec<Value> = emu.get("/_emulator/requests").fetch().await;
    let seen: Vec<(&str, &str)> = log
        .iter()
        .map(|r| (r["method"].as_str().unwrap(), r["path"].as_str().unwrap()))
        .collect();
    assert_eq!(
        seen,
        [("GET", "/v1/providers/sss_ph"), ("GET", "/v1/providers")]
    );
    let times: Vec<u64> = log
        .iter()
        .map(|r| r["atMicros"].as_u64().unwrap())
        .collect();
    assert!(times[0] <= times[1], "{times:?}");
    // Admin calls are not logged, and a reset forgets the log.
    assert_eq!(emu.sandbox.requests().len(), 2);
    emu.post("/_emulator/reset").fire().await;
    assert!(emu.sandbox.requests().is_empty());
}
