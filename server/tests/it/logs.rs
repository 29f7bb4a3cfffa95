//! No secret and no applicant PII in the logs, and no session on the webhook route (W11).
//!
//! Every log line this process writes — the server's, the embedded emulator's and every
//! library's, at TRACE — goes to an in-memory buffer while an applicant journey and
//! representative webhook traffic run: valid, forged, duplicate, poison, unknown type,
//! oversize, wrong content type, and the emulator's own signed deliveries. Then the buffer
//! must not contain the webhook secret, any `Smile-Signature` value sent, the Smile key
//! pair's secret, the session cookie or link token, or the applicant's name, email or
//! mobile.
//!
//! The subscriber is process-wide: the test runs in a process of its own, so the buffer
//! holds this test's lines, all of them.

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use reqwest::StatusCode;
use rusty_fork::rusty_fork_test;
use secrecy::ExposeSecret;
use serde_json::{json, Value};
use smile_api::sign;
use tracing_subscriber::fmt::MakeWriter;

use crate::common::{on_two_workers, webhook_request, webhook_request_as, Applicant, TestServer};

/// Where the log lines go: a shared buffer.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl Capture {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Capture {
    type Writer = Capture;

    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

/// A key pair of our own (the embedded emulator is built with it), so that its secret is
/// a string nothing else in the process could contain.
const API_KEY: &str = "w11-key-id";
const API_SECRET: &str = "w11-api-secret-3f9c2a71d845b06e";

const FULL_NAME: &str = "George Palomero Jr.";
const EMAIL: &str = "gpalomero1234@smileapi.io";
const MOBILE: &str = "+639559991234";

async fn admin(server: &TestServer, method: reqwest::Method, path: &str, body: Value) -> Value {
    let response = reqwest::Client::new()
        .request(method, format!("{}/sandbox/_emulator{path}", server.url))
        .basic_auth(API_KEY, Some(API_SECRET))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success(), "{path}");
    response.json().await.unwrap_or(Value::Null)
}

struct Sender {
    /// The server's URL.
    url: String,
    http: reqwest::Client,
    /// Every `Smile-Signature` value sent.
    signatures: Vec<String>,
}

impl Sender {
    async fn post(&mut self, body: &[u8], signature: String, cookie: Option<&str>) -> StatusCode {
        let mut request = webhook_request(&self.http, &self.url, body.to_vec(), Some(&signature));
        if let Some(cookie) = cookie {
            request = request.header("cookie", cookie);
        }
        self.signatures.push(signature);
        request.send().await.unwrap().status()
    }
}

rusty_fork_test! {
    #[test]
    fn no_secret_signature_or_pii_in_the_logs() {
        on_two_workers(no_secret_signature_or_pii_in_the_logs_of_this_process());
    }
}

async fn no_secret_signature_or_pii_in_the_logs_of_this_process() {
    let capture = Capture::default();
    tracing_subscriber::fmt()
        // Everything at TRACE, except the cookie jar of the test's own "browser" (a
        // client-side crate the server does not use), which logs the cookies it stores.
        .with_env_filter(tracing_subscriber::EnvFilter::new("trace,cookie_store=off"))
        .with_writer(capture.clone())
        .with_ansi(false)
        .try_init()
        .expect("the only subscriber of this process");

    let server = TestServer::start_with(&[
        "--smile-api-key",
        API_KEY,
        "--smile-api-secret",
        API_SECRET,
        "--sync-debounce-ms",
        "0",
    ])
    .await;
    let secret = server.state.webhook_secret().expose_secret().to_owned();

    // The applicant journey: apply (name, email, mobile), open the link page, link SSS in
    // the widget. The emulator's signed webhooks (loginName included) drive the sync.
    let browser = server.browser();
    let applied = browser
        .post(
            "/api/applications",
            &json!({"fullName": FULL_NAME, "email": EMAIL, "mobile": MOBILE,
                      "employer": "ABC Corporation", "monthlyIncome": "25000", "consent": true}),
        )
        .await;
    assert_eq!(applied.status(), StatusCode::CREATED);
    let session_cookie = applied
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_owned())
        .find(|c| c.starts_with("wink_applicant="))
        .expect("a session cookie");
    let session_value = session_cookie
        .trim_start_matches("wink_applicant=")
        .to_owned();
    let applicant_id = applied.json::<Value>().await.unwrap()["application"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let config: Value = browser.get_json("/api/link/config").await;
    let token = config["widget"]["userToken"].as_str().unwrap().to_owned();
    let george = Applicant {
        browser,
        id: applicant_id,
        token: token.clone(),
    };
    let account_id = george.link("sss_ph", (EMAIL, "123456"), None).await;
    // A failed attempt too: ACCOUNT_FAILED carries the login name.
    george.link("abccorp", (EMAIL, "locked"), None).await;
    let user_id: String = sqlx::query_scalar("SELECT smile_user_id FROM applicants")
        .fetch_one(server.state.db())
        .await
        .unwrap();

    // Webhook traffic of every kind, carrying the applicant's PII in the bodies.
    let mut sender = Sender {
        url: server.url.clone(),
        http: reqwest::Client::new(),
        signatures: Vec::new(),
    };
    let valid = serde_json::to_vec(&json!({
        "id": "et-w11-valid", "version": 1, "type": "ACCOUNT_CONNECTED",
        "createdAt": "2026-11-27T09:30:24Z",
        "data": {"userId": user_id, "accountId": account_id, "loginName": EMAIL,
                 "providers": ["sss_ph"]}
    }))
    .unwrap();
    let forged = serde_json::to_vec(&json!({
        "id": "et-w11-forged", "version": 1, "type": "ACCOUNT_FAILED",
        "createdAt": "2026-11-27T09:30:24Z",
        "data": {"userId": user_id, "accountId": account_id, "loginName": MOBILE,
                 "errorCode": "INVALID_CREDENTIALS", "errorMessage": FULL_NAME}
    }))
    .unwrap();
    let poison =
        format!(r#"{{"id": "et-w11-poison", "data": {{"loginName": "{EMAIL}", "#).into_bytes();
    let unknown = serde_json::to_vec(&json!({
        "id": "et-w11-unknown", "version": 1, "type": "PAYOUT_SENT",
        "createdAt": "2026-11-27T09:30:24Z",
        "data": {"userId": user_id, "fullName": FULL_NAME, "email": EMAIL, "mobile": MOBILE}
    }))
    .unwrap();
    let sign_with = |body: &[u8]| sign(secret.as_bytes(), body);
    assert_eq!(
        sender.post(&valid, sign_with(&valid), None).await,
        StatusCode::OK
    );
    assert_eq!(
        sender.post(&valid, sign_with(&valid), None).await,
        StatusCode::OK,
        "duplicate"
    );
    assert_eq!(
        sender
            .post(&forged, sign(b"an attacker's guess", &forged), None)
            .await,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        sender.post(&poison, sign_with(&poison), None).await,
        StatusCode::OK
    );
    assert_eq!(
        sender.post(&unknown, sign_with(&unknown), None).await,
        StatusCode::OK
    );
    // Oversize (413) and wrong content type (415), both carrying PII and signed.
    let mut oversize = unknown.clone();
    oversize.resize(256 * 1024 + 1, b' ');
    assert_eq!(
        sender.post(&oversize, sign_with(&oversize), None).await,
        StatusCode::PAYLOAD_TOO_LARGE
    );
    let signature = sign_with(&valid);
    sender.signatures.push(signature.clone());
    let wrong_type = webhook_request_as(
        &sender.http,
        &sender.url,
        "text/plain",
        valid.clone(),
        Some(&signature),
    )
    .send()
    .await
    .unwrap();
    assert_eq!(wrong_type.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    // No session on this route: the applicant's own (valid) session cookie does not make
    // a badly signed request acceptable.
    let mut tampered = valid.clone();
    tampered[12] ^= 1;
    assert_eq!(
        sender
            .post(&tampered, sign_with(&valid), Some(&session_cookie))
            .await,
        StatusCode::UNAUTHORIZED,
        "cookie + bad signature"
    );
    assert_eq!(
        sender
            .post(&valid, "00".repeat(64), Some(&session_cookie))
            .await,
        StatusCode::UNAUTHORIZED
    );

    // Let the worker sync the account (the identity it fetches holds the PII too).
    let mut ready = false;
    for _ in 0..150 {
        if george.account_statuses().await.iter().any(|s| s == "ready") {
            ready = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(ready, "the account synced");
    let deliveries = admin(&server, reqwest::Method::GET, "/deliveries", Value::Null).await;
    assert!(
        deliveries
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["outcome"] == "delivered"),
        "the emulator's signed webhooks reached the server: {deliveries}"
    );

    let logs = capture.text();
    // The capture is real and at TRACE: the receiver's own lines and libraries' TRACE.
    assert!(logs.contains("webhook_signature_invalid"), "{logs}");
    assert!(logs.contains("webhook stored"));
    assert!(logs.contains(" TRACE "));
    let basic = base64_basic(API_KEY, API_SECRET);
    let mut forbidden: Vec<(&str, String)> = vec![
        ("webhook secret", secret.clone()),
        ("Smile API secret", API_SECRET.to_owned()),
        ("Basic credentials", basic),
        ("session cookie", session_value),
        ("link token", token),
        ("full name", FULL_NAME.to_owned()),
        ("email", EMAIL.to_owned()),
        ("email local part", "gpalomero1234".to_owned()),
        ("mobile", MOBILE.to_owned()),
        ("mobile digits", "9559991234".to_owned()),
    ];
    forbidden.extend(
        sender
            .signatures
            .iter()
            .map(|s| ("Smile-Signature", s.clone())),
    );
    let leaks: Vec<String> = forbidden
        .iter()
        .filter(|(_, value)| logs.contains(value.as_str()))
        .map(|(what, value)| {
            let line = logs.lines().find(|l| l.contains(value.as_str())).unwrap();
            format!("{what} in: {line}")
        })
        .collect();
    println!(
        "W11: {} log lines captured, {} values checked",
        logs.lines().count(),
        forbidden.len()
    );
    assert!(leaks.is_empty(), "{leaks:#?}");
}

/// The `Authorization: Basic` value for a key pair (as a leak would show it).
fn base64_basic(key: &str, secret: &str) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let input = format!("{key}:{secret}").into_bytes();
    let mut out = String::new();
    for chunk in input.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}
