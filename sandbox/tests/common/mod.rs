//! Shared test set-up: the emulator served over real HTTP on 127.0.0.1:0, a smile-api
//! client pointed at it, a raw HTTP client, and a recording webhook receiver.

use std::collections::VecDeque;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use smile_api::client::{Credentials, Paged, RateLimit, RetryPolicy, SmileClient, SmileConfig};
use smile_api::Account;
use smile_sandbox::{DemoSeed, Sandbox, SandboxConfig, DEFAULT_API_KEY, DEFAULT_API_SECRET};

pub mod spec;

/// A running emulator.
pub struct Emu {
    /// Where the emulator's root is, e.g. `http://127.0.0.1:5555` (no trailing slash).
    pub base: String,
    pub sandbox: Sandbox,
    pub http: reqwest::Client,
}

/// Test defaults: webhook retries after 50 ms instead of 30 s.
pub fn config() -> SandboxConfig {
    SandboxConfig {
        webhook_retry_delay: Duration::from_millis(50),
        webhook_timeout: Duration::from_secs(5),
        ..SandboxConfig::emulator_defaults()
    }
}

async fn serve(app: Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        axum::serve(listener, app).await.unwrap();
    });
    format!("http://{addr}")
}

/// Serves the emulator at the root.
pub async fn start() -> Emu {
    start_with(config()).await
}

/// Serves an emulator built from `config` at the root.
pub async fn start_with(config: SandboxConfig) -> Emu {
    let sandbox = Sandbox::new(config);
    let base = serve(sandbox.router()).await;
    Emu {
        base,
        sandbox,
        http: reqwest::Client::new(),
    }
}

/// Serves an emulator seeded as `--seed-demo` seeds it, at the root; what it seeded.
pub async fn start_seeded() -> (Emu, DemoSeed) {
    let sandbox = Sandbox::new(config());
    let seed = sandbox.seed_demo().await.unwrap();
    let base = serve(sandbox.router()).await;
    let emu = Emu {
        base,
        sandbox,
        http: reqwest::Client::new(),
    };
    (emu, seed)
}

/// Serves the emulator nested under `prefix` (as the server mounts it); `base` includes
/// the prefix.
pub async fn start_nested(prefix: &str) -> Emu {
    let sandbox = Sandbox::new(config());
    let root = serve(Router::new().nest(prefix, sandbox.router())).await;
    Emu {
        base: format!("{root}{prefix}"),
        sandbox,
        http: reqwest::Client::new(),
    }
}

impl Emu {
    /// A smile-api client with the emulator's key pair; no client-side rate limit, no
    /// retries (tests that want them build their own).
    pub fn client(&self) -> SmileClient {
        self.client_with(|_| {})
    }

    pub fn client_with(&self, adjust: impl FnOnce(&mut SmileConfig)) -> SmileClient {
        let mut config = SmileConfig::new(
            &format!("{}/v1", self.base),
            Credentials::new(DEFAULT_API_KEY, DEFAULT_API_SECRET),
        )
        .unwrap();
        config.rate_limit = RateLimit {
            max_requests: 0,
            window: Duration::from_secs(1),
        };
        config.retry = RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        };
        config.page_size = 10;
        adjust(&mut config);
        SmileClient::new(config).unwrap()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// A raw request with the emulator's Basic auth.
    pub fn get(&self, path: &str) -> reqwest::RequestBuilder {
        self.http
            .get(self.url(path))
            .basic_auth(DEFAULT_API_KEY, Some(DEFAULT_API_SECRET))
    }

    pub fn post(&self, path: &str) -> reqwest::RequestBuilder {
        self.http
            .post(self.url(path))
            .basic_auth(DEFAULT_API_KEY, Some(DEFAULT_API_SECRET))
    }

    pub fn put(&self, path: &str) -> reqwest::RequestBuilder {
        self.http
            .put(self.url(path))
            .basic_auth(DEFAULT_API_KEY, Some(DEFAULT_API_SECRET))
    }

    pub fn delete(&self, path: &str) -> reqwest::RequestBuilder {
        self.http
            .delete(self.url(path))
            .basic_auth(DEFAULT_API_KEY, Some(DEFAULT_API_SECRET))
    }

    /// A Link API request authenticated with a link token.
    pub fn link(
        &self,
        method: reqwest::Method,
        path: &str,
        token: &str,
    ) -> reqwest::RequestBuilder {
        self.http
            .request(method, self.url(&format!("/link/v1{path}")))
            .bearer_auth(token)
    }

    /// A step of linking one account through the Link API: `login` or `mfa`.
    pub fn account_step(
        &self,
        token: &str,
        account_id: &str,
        step: &str,
    ) -> reqwest::RequestBuilder {
        self.link(
            reqwest::Method::POST,
            &format!("/accounts/{account_id}/{step}"),
            token,
        )
    }

    /// A new user; returns (user id, access token).
    pub async fn user(&self) -> (String, String) {
        let created = self
            .client()
            .create_user(&smile_api::ExternalMetadata::new())
            .await
            .unwrap();
        (created.user.id, created.token.access_token)
    }

    /// Links an account through the Link API as the widget does; `mfa` is sent if the
    /// provider asks for it.
    pub async fn link_account(
        &self,
        token: &str,
        provider: &str,
        login: &str,
        password: &str,
        mfa: Option<&str>,
    ) -> Account {
        let created: Value = self
            .link(reqwest::Method::POST, "/accounts", token)
            .json(&json!({ "providerId": provider }))
            .fetch()
            .await;
        let id = created["data"]["id"]
            .as_str()
            .expect("account id")
            .to_owned();
        let mut account: Account = self
            .account_step(token, &id, "login")
            .json(&json!({ "loginName": login, "password": password }))
            .data()
            .await;
        if account.connection_status == smile_api::ConnectionStatus::AwaitingMfa {
            if let Some(code) = mfa {
                account = self
                    .account_step(token, &id, "mfa")
                    .json(&json!({ "code": code }))
                    .data()
                    .await;
            }
        }
        account
    }

    /// A fresh user with George's SSS account linked; returns (user id, account).
    pub async fn george_sss(&self) -> (String, Account) {
        let (user_id, token) = self.user().await;
        let account = self.link_george_sss(&token).await;
        (user_id, account)
    }

    /// Links George's SSS account for the token's user.
    pub async fn link_george_sss(&self, token: &str) -> Account {
        self.link_account(token, "sss_ph", "gpalomero1234@smileapi.io", "123456", None)
            .await
    }

    /// Subscribes `url` to `event_types`; returns the webhook id.
    pub async fn subscribe(&self, url: &str, event_types: &[&str], secret: &str) -> String {
        let body: Value = self
            .post("/v1/webhooks")
            .json(&json!({
                "name": "test", "url": url, "eventTypes": event_types,
                "active": true, "secret": secret
            }))
            .fetch()
            .await;
        body["data"]["id"].as_str().expect("webhook id").to_owned()
    }
}

/// Sending a request and reading its answer in one step, as every test does.
pub trait Exchange {
    /// Sends the request, which must reach the emulator; any status.
    async fn fire(self) -> reqwest::Response;

    /// Sends the request; the whole JSON answer, typed.
    async fn fetch<T: DeserializeOwned>(self) -> T;

    /// Sends the request; the `data` of its 2xx envelope, typed.
    async fn data<T: DeserializeOwned>(self) -> T;

    /// Sends the request; its status and JSON body (`null` if there is none).
    async fn status_and_body(self) -> (u16, Value);

    /// Sends the request; its status, whatever the body.
    async fn status(self) -> u16;

    /// Sends the request and asserts its status and the `code` of its envelope (the
    /// request is named if not); returns the JSON body.
    async fn expect_code(self, status: u16, code: &str) -> Value;
}

impl Exchange for reqwest::RequestBuilder {
    async fn fire(self) -> reqwest::Response {
        self.send().await.unwrap()
    }

    async fn fetch<T: DeserializeOwned>(self) -> T {
        self.fire().await.json().await.unwrap()
    }

    async fn data<T: DeserializeOwned>(self) -> T {
        let response = self.fire().await;
        let status = response.status();
        let body: Value = response.json().await.unwrap();
        assert!(status.is_success(), "HTTP {status}: {body}");
        serde_json::from_value(body["data"].clone()).unwrap()
    }

    async fn status_and_body(self) -> (u16, Value) {
        status_and_body(self.fire().await).await
    }

    async fn status(self) -> u16 {
        self.fire().await.status().as_u16()
    }

    async fn expect_code(self, status: u16, code: &str) -> Value {
        let (client, request) = self.build_split();
        let request = request.unwrap();
        let sent = format!(
            "{} {} {}",
            request.method(),
            request.url(),
            request
                .body()
                .and_then(reqwest::Body::as_bytes)
                .map(String::from_utf8_lossy)
                .unwrap_or_default()
        );
        let (answered, body) = status_and_body(client.execute(request).await.unwrap()).await;
        assert_eq!(
            (answered, body["code"].as_str()),
            (status, Some(code)),
            "{sent}"
        );
        body
    }
}

async fn status_and_body(response: reqwest::Response) -> (u16, Value) {
    let status = response.status().as_u16();
    let body = response.json().await.unwrap_or(Value::Null);
    (status, body)
}

/// Reading a client list to the end, as most tests do.
pub trait Items<T> {
    /// Every item of every page; the list must not fail.
    async fn items(self) -> Vec<T>;
}

impl<T> Items<T> for Paged<T> {
    async fn items(self) -> Vec<T> {
        self.collect_vec().await.unwrap()
    }
}

/// A webhook request as received.
#[derive(Clone, Debug)]
pub struct Received {
    pub signature: Option<String>,
    pub content_type: Option<String>,
    pub body: Bytes,
}

impl Received {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap()
    }

    pub fn event_type(&self) -> String {
        self.json()["type"].as_str().unwrap().to_owned()
    }

    pub fn event_id(&self) -> String {
        self.json()["id"].as_str().unwrap().to_owned()
    }
}

#[derive(Default)]
struct ReceiverState {
    received: Mutex<Vec<Received>>,
    /// Statuses to answer with, in order; 200 once used up.
    script: Mutex<VecDeque<u16>>,
    /// Wait before answering.
    delay: Mutex<Duration>,
}

/// A local webhook endpoint that records what it gets.
#[derive(Clone)]
pub struct Receiver {
    pub url: String,
    state: Arc<ReceiverState>,
}

async fn receive(
    State(state): State<Arc<ReceiverState>>,
    headers: HeaderMap,
    body: Bytes,
) -> StatusCode {
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    state.received.lock().unwrap().push(Received {
        signature: header("smile-signature"),
        content_type: header("content-type"),
        body,
    });
    let delay = *state.delay.lock().unwrap();
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    let status = state.script.lock().unwrap().pop_front().unwrap_or(200);
    StatusCode::from_u16(status).unwrap()
}

impl Receiver {
    pub async fn start() -> Self {
        let state = Arc::new(ReceiverState::default());
        let app = Router::new()
            .route("/hook", post(receive))
            .with_state(state.clone());
        let root = serve(app).await;
        Receiver {
            url: format!("{root}/hook"),
            state,
        }
    }

    /// Answer the next requests with these statuses.
    pub fn script(&self, statuses: &[u16]) {
        self.state.script.lock().unwrap().extend(statuses);
    }

    /// Answer every request with `status` (for the next 1000 requests).
    pub fn always(&self, status: u16) {
        self.script(&[status; 1000]);
    }

    pub fn delay(&self, delay: Duration) {
        *self.state.delay.lock().unwrap() = delay;
    }

    pub fn received(&self) -> Vec<Received> {
        self.state.received.lock().unwrap().clone()
    }

    pub fn types(&self) -> Vec<String> {
        self.received().iter().map(Received::event_type).collect()
    }

    /// Waits (up to 5 s) until at least `n` requests arrived; returns them.
    pub async fn wait_for(&self, n: usize) -> Vec<Received> {
        eventually(|| async { self.received().len() >= n }).await;
        self.received()
    }
}

/// Polls `condition` every 20 ms for up to 5 s; panics if it never holds.
pub async fn eventually<F, Fut>(mut condition: F)
where
    F: FnMut() -> Fut,
    Fut: Future<Output = bool>,
{
    for _ in 0..250 {
        if condition().await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("condition not met within 5 s");
}
