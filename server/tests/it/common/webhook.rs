//! Webhooks as Smile sends them: an event envelope, signed, posted to `/webhooks/smile`.

use secrecy::ExposeSecret;
use serde_json::{json, Value};
use smile_api::{sign, SIGNATURE_HEADER};

use super::TestServer;

/// Smile's envelope around `data`, serialised as Smile sends it.
pub fn event(id: &str, kind: &str, data: Value) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "id": id, "version": 1, "type": kind, "createdAt": "2026-11-27T09:30:24Z", "data": data
    }))
    .unwrap()
}

/// A webhook to the receiver of the server at `server_url`: JSON, with `signature` in
/// Smile's header when given.
pub fn webhook_request(
    http: &reqwest::Client,
    server_url: &str,
    body: impl Into<reqwest::Body>,
    signature: Option<&str>,
) -> reqwest::RequestBuilder {
    webhook_request_as(http, server_url, "application/json", body, signature)
}

/// [`webhook_request`] with another content type.
pub fn webhook_request_as(
    http: &reqwest::Client,
    server_url: &str,
    content_type: &str,
    body: impl Into<reqwest::Body>,
    signature: Option<&str>,
) -> reqwest::RequestBuilder {
    let request = http
        .post(format!("{server_url}/webhooks/smile"))
        .header("content-type", content_type)
        .body(body);
    match signature {
        Some(signature) => request.header(SIGNATURE_HEADER, signature),
        None => request,
    }
}

impl TestServer {
    /// `body`'s signature with this server's webhook secret.
    pub fn sign(&self, body: &[u8]) -> String {
        sign(self.state.webhook_secret().expose_secret().as_bytes(), body)
    }

    /// Delivers `body` signed, as Smile does; the receiver's answer.
    pub async fn deliver(&self, http: &reqwest::Client, body: Vec<u8>) -> reqwest::StatusCode {
        let signature = self.sign(&body);
        webhook_request(http, &self.url, body, Some(&signature))
            .send()
            .await
            .unwrap()
            .status()
    }
}
