//! Typed calls to our own server. Relative URLs: `trunk serve` proxies `/api` in development
//! and `wink-server` serves both the app and `/api` in production.

use serde::de::DeserializeOwned;
use wink_api::{ErrorBody, Info};

/// Why a call to the server did not give us what we asked for.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ApiError {
    #[error("The server could not be reached ({0}). Check your connection and try again.")]
    Network(String),
    /// The server answered with its typed error body.
    #[error("{message}")]
    Server { status: u16, message: String },
    /// The server answered something that is not our JSON (a proxy page, an old build).
    #[error("The server answered with status {status} and no usable details.")]
    Status { status: u16 },
    #[error("The server's answer could not be read ({0}).")]
    Decode(String),
}

impl ApiError {
    /// Reads a non-2xx answer: our typed error body if there is one.
    fn from_status(status: u16, body: &str) -> Self {
        match serde_json::from_str::<ErrorBody>(body) {
            Ok(body) => ApiError::Server {
                status,
                message: body.error.message,
            },
            Err(_) => ApiError::Status { status },
        }
    }
}

async fn get_json<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    let response = gloo_net::http::Request::get(path)
        .send()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))?;
    if !response.ok() {
        let body = response.text().await.unwrap_or_default();
        return Err(ApiError::from_status(response.status(), &body));
    }
    response
        .json::<T>()
        .await
        .map_err(|e| ApiError::Decode(e.to_string()))
}

/// `GET /api/info`: the mode the server runs in, and its version.
pub async fn info() -> Result<Info, ApiError> {
    get_json("/api/info").await
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
    }

    #[test]
    fn foreign_bodies_become_a_plain_status_error() {
        let err = ApiError::from_status(502, "<html>Bad gateway</html>");
        assert_eq!(err, ApiError::Status { status: 502 });
    }
}
