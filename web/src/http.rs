//! JSON calls to our own server (`wink-server`), shared by both apps: a timeout on every
//! call, and any non-2xx answer read as the server's typed [`ErrorBody`]. Relative URLs:
//! `trunk serve` proxies `/api` in development and `wink-server` serves the apps and
//! `/api` in production. Session cookies are same-origin, so `fetch` sends them by default.
//!
//! The browser's own `fetch` and `JSON` do the transport and the parsing (`http.js`), and
//! serde reads the parsed value into our types ([`crate::js_json`]; serde-wasm-bindgen
//! writes request bodies): serde_json's parser and gloo-net's glue cost the applicant's
//! first screens 6 KB gzip more (issue 18). `http.js` ships
//! as written (trunk does not minify it), so its comments are here: `call` answers
//! `{failure, timedOut}` when no answer came, else `{status, ok, retryAfter, json}`, with
//! `json` undefined when the body is empty or not JSON.

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wink_api::{ErrorBody, ErrorCode, FieldError};

#[wasm_bindgen(module = "/src/http.js")]
extern "C" {
    /// `method path` with `body` (a value to send as JSON, or `undefined`): an [`Answer`].
    async fn call(method: &str, path: &str, body: JsValue, timeout_ms: u32) -> JsValue;

    /// What [`call`] answers.
    type Answer;
    #[wasm_bindgen(method, getter)]
    fn failure(this: &Answer) -> Option<String>;
    #[wasm_bindgen(method, getter, js_name = timedOut)]
    fn timed_out(this: &Answer) -> bool;
    #[wasm_bindgen(method, getter)]
    fn status(this: &Answer) -> u16;
    #[wasm_bindgen(method, getter)]
    fn ok(this: &Answer) -> bool;
    #[wasm_bindgen(method, getter, js_name = retryAfter)]
    fn retry_after(this: &Answer) -> Option<String>;
    #[wasm_bindgen(method, getter)]
    fn json(this: &Answer) -> JsValue;
}

/// How long any call may take before the page stops waiting and says so.
const REQUEST_TIMEOUT_MS: u32 = 20_000;

/// Why a call to the server did not give us what we asked for.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ApiError {
    #[error("The server could not be reached ({0}). Check your connection and try again.")]
    Network(String),
    #[error("The server took too long to answer. Check your connection and try again.")]
    TimedOut,
    /// The server answered with its typed error body.
    #[error("{message}")]
    Server {
        status: u16,
        code: ErrorCode,
        message: String,
        /// For `INVALID_REQUEST`: each bad field, named as in the request's JSON.
        fields: Vec<FieldError>,
        /// The `Retry-After` header in seconds (with a 429 or 503), when there was one.
        retry_after: Option<u32>,
    },
    /// The server answered something that is not our JSON (a proxy page, an old build).
    #[error("The server answered with status {status} and no usable details.")]
    Status { status: u16 },
    #[error("The server's answer could not be read ({0}).")]
    Decode(String),
    #[error("This page could not prepare its request ({0}). Please reload and try again.")]
    Encode(String),
}

impl ApiError {
    /// Reads a non-2xx answer: our typed error body if it had one.
    pub fn from_answer(status: u16, body: Option<ErrorBody>) -> Self {
        match body {
            Some(body) => ApiError::Server {
                status,
                code: body.error.code,
                message: body.error.message,
                fields: body.error.fields,
                retry_after: None,
            },
            None => ApiError::Status { status },
        }
    }

    /// Adds a `Retry-After` header's value (delay-seconds; an HTTP date is ignored).
    pub fn with_retry_after(mut self, header: Option<&str>) -> Self {
        if let ApiError::Server { retry_after, .. } = &mut self {
            *retry_after = header.and_then(|h| h.trim().parse().ok());
        }
        self
    }

    /// The HTTP status, when the server answered at all.
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Server { status, .. } | ApiError::Status { status } => Some(*status),
            _ => None,
        }
    }

    /// 401: this browser has no session (never signed in here, or it ended).
    pub fn is_unauthorized(&self) -> bool {
        self.status() == Some(401)
    }

    /// Seconds to wait before trying again, when the server said.
    pub fn retry_after(&self) -> Option<u32> {
        match self {
            ApiError::Server { retry_after, .. } => *retry_after,
            _ => None,
        }
    }

    /// The per-field messages of an `INVALID_REQUEST`; empty for any other error.
    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            ApiError::Server { fields, .. } => fields,
            _ => &[],
        }
    }
}

/// The part every call shares: send with a timeout, read the body, turn a non-2xx answer
/// into an error; the body's JSON (`undefined` if none). Not generic, so its async state
/// machine is compiled once, not per type.
async fn send(method: &str, path: &str, body: JsValue) -> Result<JsValue, ApiError> {
    let answer: Answer = call(method, path, body, REQUEST_TIMEOUT_MS)
        .await
        .unchecked_into();
    if let Some(failure) = answer.failure() {
        // `AbortSignal.timeout` rejects the fetch with a `TimeoutError`.
        return Err(if answer.timed_out() {
            ApiError::TimedOut
        } else {
            ApiError::Network(failure)
        });
    }
    if !answer.ok() {
        let body = crate::js_json::from_value::<ErrorBody>(answer.json()).ok();
        return Err(ApiError::from_answer(answer.status(), body)
            .with_retry_after(answer.retry_after().as_deref()));
    }
    Ok(answer.json())
}

fn decode<T: DeserializeOwned>(json: JsValue) -> Result<T, ApiError> {
    crate::js_json::from_value(json).map_err(|e| ApiError::Decode(e.to_string()))
}

/// `body` as the value `http.js` sends as JSON: maps as objects and `None` as `null`,
/// the way serde_json writes them.
fn encode<B: Serialize>(body: &B) -> Result<JsValue, ApiError> {
    body.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| ApiError::Encode(e.to_string()))
}

/// `GET path` → its JSON.
pub async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    decode(send("GET", path, JsValue::UNDEFINED).await?)
}

/// `POST path` with a JSON body → its JSON.
pub async fn post<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, ApiError> {
    decode(send("POST", path, encode(body)?).await?)
}

/// `POST path` without a body → its JSON.
pub async fn post_empty<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    decode(send("POST", path, JsValue::UNDEFINED).await?)
}

/// `POST path` without a body, for an answer without one (204).
pub async fn post_for_status(path: &str) -> Result<(), ApiError> {
    send("POST", path, JsValue::UNDEFINED).await.map(drop)
}

/// `DELETE path`, for an answer without a body (204).
pub async fn delete(path: &str) -> Result<(), ApiError> {
    send("DELETE", path, JsValue::UNDEFINED).await.map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A non-2xx answer with `body`, parsed as the browser would (any JSON, or none).
    fn from_status(status: u16, body: &str) -> ApiError {
        ApiError::from_answer(status, serde_json::from_str(body).ok())
    }

    #[test]
    fn typed_error_bodies_keep_the_servers_message() {
        let err = from_status(
            404,
            r#"{"error":{"code":"NOT_FOUND","message":"There is no API route /api/x."}}"#,
        );
        assert_eq!(err.to_string(), "There is no API route /api/x.");
        assert_eq!(err.status(), Some(404));
        assert!(err.field_errors().is_empty());
    }

    #[test]
    fn foreign_bodies_become_a_plain_status_error() {
        let err = from_status(502, "<html>Bad gateway</html>");
        assert_eq!(err, ApiError::Status { status: 502 });
    }

    #[test]
    fn invalid_requests_carry_each_bad_field() {
        let err = from_status(
            422,
            r#"{"error":{"code":"INVALID_REQUEST","message":"Some fields need attention.",
                "fields":[{"field":"email","message":"Enter a valid email address."}]}}"#,
        );
        assert_eq!(
            err.field_errors(),
            [FieldError::english("email", "Enter a valid email address.")]
        );
    }

    #[test]
    fn only_401_means_no_session() {
        let unauthorized = from_status(
            401,
            r#"{"error":{"code":"UNAUTHORIZED","message":"No applicant session."}}"#,
        );
        assert!(unauthorized.is_unauthorized());
        assert!(!ApiError::Status { status: 403 }.is_unauthorized());
        assert!(!ApiError::TimedOut.is_unauthorized());
    }

    #[test]
    fn retry_after_is_read_in_seconds_only_from_typed_errors() {
        let limited = r#"{"error":{"code":"RATE_LIMITED","message":"Too many attempts."}}"#;
        let err = from_status(429, limited).with_retry_after(Some(" 42 "));
        assert_eq!(err.retry_after(), Some(42));
        let dated =
            from_status(429, limited).with_retry_after(Some("Fri, 27 Nov 2026 18:00:00 GMT"));
        assert_eq!(dated.retry_after(), None);
        let foreign = from_status(429, "slow down").with_retry_after(Some("5"));
        assert_eq!(foreign.retry_after(), None);
    }
}
