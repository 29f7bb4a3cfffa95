//! JSON calls to our own server (`wink-server`), shared by both apps: a timeout on every
//! call, and any non-2xx answer read as the server's typed [`ErrorBody`]. Relative URLs:
//! `trunk serve` proxies `/api` in development and `wink-server` serves the apps and
//! `/api` in production. Session cookies are same-origin, so `fetch` sends them by default.

use gloo_net::http::{Request, RequestBuilder};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wink_api::{ErrorBody, ErrorCode, FieldError};

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
    /// Reads a non-2xx answer: our typed error body if there is one.
    pub fn from_status(status: u16, body: &str) -> Self {
        match serde_json::from_str::<ErrorBody>(body) {
            Ok(body) => ApiError::Server {
                status,
                code: body.error.code,
                message: body.error.message,
                fields: body.error.fields,
                retry_after: None,
            },
            Err(_) => ApiError::Status { status },
        }
    }

    /// Adds a `Retry-After` header's value (delay-seconds; an HTTP date is ignored).
    pub fn with_retry_after(mut self, header: Option<&str>) -> Self {
        if let ApiError::Server { retry_after, .. } = &mut self {
            *retry_after = header.and_then(|h| h.trim().parse().ok());
        }
        self
    }

    fn from_transport(error: gloo_net::Error) -> Self {
        match error {
            // `AbortSignal.timeout` rejects the fetch with a `TimeoutError`.
            gloo_net::Error::JsError(js) if js.name == "TimeoutError" => ApiError::TimedOut,
            other => ApiError::Network(other.to_string()),
        }
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
/// into an error. Not generic, so its async state machine is compiled once, not per type.
async fn send(request: Result<Request, gloo_net::Error>) -> Result<String, ApiError> {
    let response = request
        .map_err(ApiError::from_transport)?
        .send()
        .await
        .map_err(ApiError::from_transport)?;
    let body = response.text().await;
    if !response.ok() {
        let retry_after = response.headers().get("retry-after");
        return Err(
            ApiError::from_status(response.status(), &body.unwrap_or_default())
                .with_retry_after(retry_after.as_deref()),
        );
    }
    body.map_err(ApiError::from_transport)
}

fn decode<T: DeserializeOwned>(body: &str) -> Result<T, ApiError> {
    serde_json::from_str(body).map_err(|e| ApiError::Decode(e.to_string()))
}

fn with_timeout(builder: RequestBuilder) -> RequestBuilder {
    let signal = web_sys::AbortSignal::timeout_with_u32(REQUEST_TIMEOUT_MS);
    builder.abort_signal(Some(&signal))
}

/// `GET path` → its JSON.
pub async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    decode(&send(with_timeout(Request::get(path)).build()).await?)
}

/// `POST path` with a JSON body → its JSON.
pub async fn post<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, ApiError> {
    let json = serde_json::to_string(body).map_err(|e| ApiError::Encode(e.to_string()))?;
    decode(&send_json(path, json).await?)
}

async fn send_json(path: &str, json: String) -> Result<String, ApiError> {
    let request = with_timeout(Request::post(path))
        .header("Content-Type", "application/json")
        .body(json);
    send(request).await
}

/// `POST path` without a body → its JSON.
pub async fn post_empty<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    decode(&send(with_timeout(Request::post(path)).build()).await?)
}

/// `POST path` without a body, for an answer without one (204).
pub async fn post_for_status(path: &str) -> Result<(), ApiError> {
    send(with_timeout(Request::post(path)).build())
        .await
        .map(drop)
}

/// `DELETE path`, for an answer without a body (204).
pub async fn delete(path: &str) -> Result<(), ApiError> {
    send(with_timeout(Request::delete(path)).build())
        .await
        .map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_error_bodies_keep_the_servers_message() {
        let err = ApiError::from_status(
            404,
            r#"{"error":{"code":"NOT_FOUND","message":"There is no API route /api/x."}}"#,
        );
        assert_eq!(err.to_string(), "There is no API route /api/x.");
        assert_eq!(err.status(), Some(404));
        assert!(err.field_errors().is_empty());
    }

    #[test]
    fn foreign_bodies_become_a_plain_status_error() {
        let err = ApiError::from_status(502, "<html>Bad gateway</html>");
        assert_eq!(err, ApiError::Status { status: 502 });
    }

    #[test]
    fn invalid_requests_carry_each_bad_field() {
        let err = ApiError::from_status(
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
        let unauthorized = ApiError::from_status(
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
        let err = ApiError::from_status(429, limited).with_retry_after(Some(" 42 "));
        assert_eq!(err.retry_after(), Some(42));
        let dated = ApiError::from_status(429, limited)
            .with_retry_after(Some("Fri, 27 Nov 2026 18:00:00 GMT"));
        assert_eq!(dated.retry_after(), None);
        let foreign = ApiError::from_status(429, "slow down").with_retry_after(Some("5"));
        assert_eq!(foreign.retry_after(), None);
    }
}
