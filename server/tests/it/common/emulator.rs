//! The embedded emulator's own endpoints: its admin API (faults, logs) and Smile's Open API.

use serde_json::Value;

use super::TestServer;

/// The embedded emulator's documented (not secret) key pair, for its admin endpoints.
const EMULATOR_KEY: &str = "sandbox-emulator-key";
const EMULATOR_SECRET: &str = "sandbox-emulator-secret";

/// Calls an emulator endpoint (`base` is the emulator's root, e.g. `<server>/sandbox`)
/// with its Basic auth; panics unless it succeeds.
pub async fn emulator(
    base: &str,
    method: reqwest::Method,
    path: &str,
    body: Option<Value>,
) -> Value {
    let mut request = emulator_request(base, method, path);
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.unwrap();
    let status = response.status();
    let text = response.text().await.unwrap();
    assert!(status.is_success(), "{path}: {status} {text}");
    serde_json::from_str(&text).unwrap_or(Value::Null)
}

/// A request to an emulator endpoint with its Basic auth, for tests that check its answer.
pub fn emulator_request(
    base: &str,
    method: reqwest::Method,
    path: &str,
) -> reqwest::RequestBuilder {
    reqwest::Client::new()
        .request(method, format!("{base}{path}"))
        .basic_auth(EMULATOR_KEY, Some(EMULATOR_SECRET))
}

impl TestServer {
    /// The embedded emulator's root.
    pub fn emulator_url(&self) -> String {
        format!("{}/sandbox", self.url)
    }

    /// Calls an endpoint of this server's emulator; see [`emulator`].
    pub async fn emulator(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> Value {
        emulator(&self.emulator_url(), method, path, body).await
    }

    /// From now on the emulator drops every webhook: the events exist only in its log
    /// (`/_emulator/events`), for a test to deliver, or for the reconciler to make up for.
    pub async fn drop_all_webhooks(&self) {
        self.emulator(
            reqwest::Method::PUT,
            "/_emulator/webhook-faults",
            Some(serde_json::json!({"dropEventTypes": ["ALL_EVENTS"]})),
        )
        .await;
    }

    /// A request to an endpoint of this server's emulator; see [`emulator_request`].
    pub fn emulator_request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        emulator_request(&self.emulator_url(), method, path)
    }
}
