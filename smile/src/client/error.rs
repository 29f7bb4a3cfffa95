//! What can go wrong talking to Smile.

use std::time::Duration;

use crate::code::ResponseCode;

/// A failed Smile call.
#[derive(Debug, thiserror::Error)]
pub enum SmileError {
    /// Smile (or something in front of it) answered with a non-2xx status.
    #[error("Smile answered HTTP {status} {}: {message} (requestId {})",
        code.as_ref().map(ResponseCode::as_str).unwrap_or("-"),
        request_id.as_deref().unwrap_or("-"))]
    Api {
        /// HTTP status.
        status: u16,
        /// Smile's `code`, when the body was a Smile envelope.
        code: Option<ResponseCode>,
        /// Smile's `message`, or the status text.
        message: String,
        /// Smile's `requestId`, when sent.
        request_id: Option<String>,
    },
    /// Could not connect (refused, DNS, TLS, connect timeout). Nothing reached Smile.
    #[error("could not connect to Smile: {0}")]
    Connect(#[source] reqwest::Error),
    /// The request timed out after it may have been sent.
    #[error("Smile did not answer in time: {0}")]
    Timeout(#[source] reqwest::Error),
    /// Any other transport failure (connection reset, broken body, …).
    #[error("transport error talking to Smile: {0}")]
    Transport(#[source] reqwest::Error),
    /// A 2xx answer whose body is not the expected JSON.
    #[error("could not decode Smile's answer (HTTP {status}, requestId {}): {source}",
        request_id.as_deref().unwrap_or("-"))]
    Decode {
        /// HTTP status.
        status: u16,
        /// Smile's `requestId`, when readable.
        request_id: Option<String>,
        /// The parse error.
        #[source]
        source: serde_json::Error,
    },
    /// A 2xx envelope without the `data` the endpoint promises.
    #[error("Smile's answer has no data (requestId {})", request_id.as_deref().unwrap_or("-"))]
    MissingData {
        /// Smile's `requestId`.
        request_id: Option<String>,
    },
    /// Smile asked to wait longer (`Retry-After`) than the configured cap: given up.
    #[error(
        "Smile asked to retry after {retry_after:?} (HTTP {status}), more than the {limit:?} cap"
    )]
    RetryAfterTooLong {
        /// HTTP status (429 or 503).
        status: u16,
        /// The wait Smile asked for.
        retry_after: Duration,
        /// The configured cap.
        limit: Duration,
        /// Smile's `requestId`, when sent.
        request_id: Option<String>,
    },
    /// A list's `nextCursor` repeated the cursor just used; stopped to avoid looping.
    #[error("Smile returned the same cursor twice ({cursor})")]
    CursorLoop {
        /// The repeated cursor.
        cursor: String,
    },
    /// An argument cannot be sent (e.g. an empty id). Nothing was sent.
    #[error("invalid argument: {0}")]
    InvalidArgument(String),
    /// The client could not be built or a URL could not be formed.
    #[error("Smile client configuration: {0}")]
    Config(String),
}

impl SmileError {
    /// The HTTP status, for answers that had one.
    pub fn status(&self) -> Option<u16> {
        match self {
            SmileError::Api { status, .. }
            | SmileError::Decode { status, .. }
            | SmileError::RetryAfterTooLong { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// Smile's `code`, for error envelopes.
    pub fn code(&self) -> Option<&ResponseCode> {
        match self {
            SmileError::Api { code, .. } => code.as_ref(),
            _ => None,
        }
    }

    /// Smile's `requestId`, when known.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            SmileError::Api { request_id, .. }
            | SmileError::Decode { request_id, .. }
            | SmileError::MissingData { request_id }
            | SmileError::RetryAfterTooLong { request_id, .. } => request_id.as_deref(),
            _ => None,
        }
    }

    /// `true` when Smile may have carried the request out even though this call failed:
    /// a timeout or broken connection after sending, an unreadable 2xx, or a 500/502/504.
    ///
    /// For a create (a user, a webhook) look the resource up before creating it again.
    pub fn is_ambiguous(&self) -> bool {
        match self {
            SmileError::Timeout(_)
            | SmileError::Transport(_)
            | SmileError::Decode { .. }
            | SmileError::MissingData { .. } => true,
            SmileError::Api { status, .. } => matches!(status, 500 | 502 | 504),
            _ => false,
        }
    }
}
