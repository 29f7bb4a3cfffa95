use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use smile_api::wire_enum;

wire_enum! {
    #[wire_enum(closed)]
    /// Machine-readable reason carried by every error the server answers with.
    pub enum ErrorCode {
        NotFound = "NOT_FOUND",
        MethodNotAllowed = "METHOD_NOT_ALLOWED",
        InvalidRequest = "INVALID_REQUEST",
        Unauthorized = "UNAUTHORIZED",
        Forbidden = "FORBIDDEN",
        Conflict = "CONFLICT",
        /// The link or invitation has expired or was already used.
        Gone = "GONE",
        /// Too many attempts; the `Retry-After` header says when to try again.
        RateLimited = "RATE_LIMITED",
        /// The request body is larger than the route accepts.
        PayloadTooLarge = "PAYLOAD_TOO_LARGE",
        /// The request body is not of the content type the route reads (JSON).
        UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE",
        /// Smile (or the emulator) could not be reached or refused; retrying later may help.
        UpstreamUnavailable = "UPSTREAM_UNAVAILABLE",
        Internal = "INTERNAL",
        Unavailable = "UNAVAILABLE",
    }
}

/// The JSON body of every non-2xx answer from `/api`: `{"error": {"code", "message"}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorDetail {
    pub code: ErrorCode,
    /// A sentence for a person: what happened and, where it helps, what to do next.
    pub message: String,
    /// For `INVALID_REQUEST`: each bad field of the request, named as in its JSON.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldError>,
}

/// One field of a request that failed validation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    /// In English.
    pub message: String,
    /// The message's key in the catalogues (`problem.…`, the validation module's
    /// `Problem`), for clients that show it in another language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// The message's parameters, by name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub params: BTreeMap<String, String>,
}

impl ErrorBody {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            error: ErrorDetail {
                code,
                message: message.into(),
                fields: Vec::new(),
            },
        }
    }

    /// An `INVALID_REQUEST` naming each bad field.
    pub fn invalid_fields(fields: Vec<FieldError>) -> Self {
        let mut body = Self::new(
            ErrorCode::InvalidRequest,
            "Some fields need attention: see each field's message.",
        );
        body.error.fields = fields;
        body
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_body_wire_form() {
        let body = ErrorBody::new(ErrorCode::NotFound, "No such route.");
        assert_eq!(
            serde_json::to_value(&body).unwrap(),
            serde_json::json!({"error": {"code": "NOT_FOUND", "message": "No such route."}})
        );
    }
}
