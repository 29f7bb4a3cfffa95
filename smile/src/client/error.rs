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
    #[error("could not decode Smile's answer at `{path}` (HTTP {status}, requestId {}): {source}",
        request_id.as_deref().unwrap_or("-"))]
    Decode {
        /// HTTP status.
        status: u16,
        /// Smile's `requestId`, when readable.
        request_id: Option<String>,
        /// Where in the body the offending field is, e.g. `data.items[0].createdAt`
        /// (`.` for the body itself).
        path: String,
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
    /// An interactive call waited its whole deadline for the client-side rate limit (the
    /// interactive share of Smile's budget is in use). Nothing was sent; try again shortly.
    #[error("Smile's request budget for interactive calls is in use; gave up after {waited:?}")]
    Saturated {
        /// How long the call waited.
        waited: Duration,
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

    /// A description of the failure fit for logs: status, Smile's `code` and `requestId`,
    /// the JSON path of a field that did not decode, or the transport error and its
    /// causes. Quoted values in parse errors are elided: they can be personal data.
    pub fn cause(&self) -> Cause<'_> {
        Cause(self)
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

/// See [`SmileError::cause`].
#[derive(Debug)]
pub struct Cause<'a>(&'a SmileError);

impl std::fmt::Display for Cause<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let request_id = self.0.request_id().unwrap_or("-");
        match self.0 {
            SmileError::Api { status, code, .. } => write!(
                f,
                "HTTP {status}, code {}, requestId {request_id}",
                code.as_ref().map(ResponseCode::as_str).unwrap_or("-"),
            ),
            SmileError::Decode {
                status,
                path,
                source,
                ..
            } => write!(
                f,
                "undecodable answer at `{path}` (HTTP {status}, requestId {request_id}): {}",
                elide_quoted(&source.to_string())
            ),
            SmileError::MissingData { .. } => {
                write!(f, "no data in answer, requestId {request_id}")
            }
            SmileError::RetryAfterTooLong {
                status,
                retry_after,
                ..
            } => write!(
                f,
                "HTTP {status}, Retry-After {retry_after:?} over the cap, requestId {request_id}"
            ),
            SmileError::Connect(e) | SmileError::Timeout(e) | SmileError::Transport(e) => {
                write!(f, "{}", self.0)?;
                // reqwest's own message rarely says why; its sources do (refused, reset, …).
                let mut source = std::error::Error::source(e);
                while let Some(cause) = source {
                    write!(f, ": {cause}")?;
                    source = cause.source();
                }
                Ok(())
            }
            other => write!(f, "{other}"),
        }
    }
}

/// Replaces every `"…"` in a serde message (the offending value) with `"…"`.
fn elide_quoted(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut inside = false;
    for c in message.chars() {
        if c == '"' {
            if inside {
                out.push('…');
            }
            inside = !inside;
            out.push(c);
        } else if !inside {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_decode_cause_names_the_path_and_hides_the_value() {
        let source = serde_json::from_str::<u32>(r#""George""#).unwrap_err();
        let err = SmileError::Decode {
            status: 200,
            request_id: Some("req-1".into()),
            path: "data.items[0].amount".into(),
            source,
        };
        let cause = err.cause().to_string();
        assert!(cause.contains("data.items[0].amount"), "{cause}");
        assert!(cause.contains("req-1"), "{cause}");
        assert!(!cause.contains("George"), "{cause}");
    }

    #[test]
    fn an_api_cause_names_status_code_and_request_id() {
        let err = SmileError::Api {
            status: 403,
            code: Some(ResponseCode::UnauthorizedAccess),
            message: "no".into(),
            request_id: Some("req-9".into()),
        };
        assert_eq!(
            err.cause().to_string(),
            "HTTP 403, code UNAUTHORIZED_ACCESS, requestId req-9"
        );
    }
}
