//! Smile's response envelope on every answer, errors included, and extractors whose
//! rejections are Smile errors rather than axum's plain-text ones.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Path, Query, Request};
use axum::http::header::{CONTENT_TYPE, RETRY_AFTER};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;
use serde::Serialize;
use smile_api::{Envelope, ResponseCode};

use crate::ids;

/// Why a request failed, mapped onto Smile's `code` and HTTP status.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// No usable `Authorization` header (Smile: 401 `INVALID_TOKEN`).
    #[error("missing or malformed Authorization header")]
    MissingAuth,
    /// A well-formed Basic header with the wrong key or secret (400 `INVALID_CREDENTIALS`).
    #[error("wrong API key or secret")]
    BadCredentials,
    /// The widget's link token is unknown or expired (401 `INVALID_TOKEN`).
    #[error("the link token is invalid or has expired")]
    InvalidToken,
    /// A bad query parameter or body (400 `INVALID_PARAMETERS`).
    #[error("{0}")]
    InvalidParameters(String),
    /// An unknown id or path (404 `MISSING_RESOURCE`).
    #[error("{0} not found")]
    NotFound(String),
    /// A body that is not JSON (415 `UNSUPPORTED_TYPE`).
    #[error("expected Content-Type: application/json")]
    UnsupportedType,
    /// A method the path does not have (501 `UNSUPPORTED_METHOD`).
    #[error("method not supported for this resource")]
    UnsupportedMethod,
    /// A status injected by a fault rule.
    #[error("injected fault: HTTP {status}")]
    Injected {
        /// The status to answer with.
        status: StatusCode,
        /// `Retry-After` seconds, if any.
        retry_after: Option<u64>,
    },
    /// The emulator itself failed (500 `SERVER_ERROR`).
    #[error("internal error: {0}")]
    Internal(String),
}

impl ApiError {
    /// A 400 `INVALID_PARAMETERS` with a detail.
    pub fn invalid(detail: impl Into<String>) -> Self {
        ApiError::InvalidParameters(detail.into())
    }

    /// A 404 `MISSING_RESOURCE` naming what was missing.
    pub fn not_found(what: impl Into<String>) -> Self {
        ApiError::NotFound(what.into())
    }

    fn code_and_status(&self) -> (ResponseCode, StatusCode) {
        match self {
            ApiError::MissingAuth | ApiError::InvalidToken => {
                (ResponseCode::InvalidToken, StatusCode::UNAUTHORIZED)
            }
            ApiError::BadCredentials => (ResponseCode::InvalidCredentials, StatusCode::BAD_REQUEST),
            ApiError::InvalidParameters(_) => {
                (ResponseCode::InvalidParameters, StatusCode::BAD_REQUEST)
            }
            ApiError::NotFound(_) => (ResponseCode::MissingResource, StatusCode::NOT_FOUND),
            ApiError::UnsupportedType => (
                ResponseCode::UnsupportedType,
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ),
            ApiError::UnsupportedMethod => {
                (ResponseCode::UnsupportedMethod, StatusCode::NOT_IMPLEMENTED)
            }
            ApiError::Injected { status, .. } => (code_for_status(*status), *status),
            ApiError::Internal(_) => (ResponseCode::ServerError, StatusCode::INTERNAL_SERVER_ERROR),
        }
    }
}

/// Smile's `code` for an HTTP status (its documented error table).
pub fn code_for_status(status: StatusCode) -> ResponseCode {
    match status.as_u16() {
        200..=299 => ResponseCode::Ok,
        401 => ResponseCode::InvalidToken,
        403 => ResponseCode::UnauthorizedAccess,
        404 => ResponseCode::MissingResource,
        415 => ResponseCode::UnsupportedType,
        429 => ResponseCode::RequestLimitExceeded,
        501 => ResponseCode::UnsupportedMethod,
        503 => ResponseCode::ServerUnavailable,
        504 => ResponseCode::TimeLimitExceeded,
        400..=499 => ResponseCode::InvalidParameters,
        _ => ResponseCode::ServerError,
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (code, status) = self.code_and_status();
        // Smile's standard message, plus what exactly was wrong where that helps a developer.
        let message = match &self {
            ApiError::InvalidParameters(_) | ApiError::NotFound(_) => {
                format!("{} ({self})", code.default_message())
            }
            _ => code.default_message().to_owned(),
        };
        let envelope = Envelope {
            code,
            message,
            request_id: ids::request_id(),
            data: Some(serde_json::json!({})),
        };
        let mut response = json_response(status, &envelope);
        if let ApiError::Injected {
            retry_after: Some(seconds),
            ..
        } = self
        {
            response
                .headers_mut()
                .insert(RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

/// Serialises `body` as JSON with `status`; a serialisation failure becomes a 500 envelope.
fn json_response<T: Serialize>(status: StatusCode, body: &T) -> Response {
    match serde_json::to_vec(body) {
        Ok(bytes) => (
            status,
            [(CONTENT_TYPE, HeaderValue::from_static("application/json"))],
            bytes,
        )
            .into_response(),
        Err(e) => {
            tracing::error!(error = %e, "could not serialise a response");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                [(CONTENT_TYPE, HeaderValue::from_static("application/json"))],
                format!(
                    r#"{{"code":"SERVER_ERROR","message":"{}","requestId":"{}","data":{{}}}}"#,
                    ResponseCode::ServerError.default_message(),
                    ids::request_id()
                ),
            )
                .into_response()
        }
    }
}

/// 200 `{code: OK, message: Success, requestId, data}`.
pub fn ok<T: Serialize>(data: T) -> Response {
    json_response(StatusCode::OK, &Envelope::ok(ids::request_id(), data))
}

/// 201 with `code: OK` (Smile's `POST /users` and `POST /tokens` answer so).
pub fn created<T: Serialize>(data: T) -> Response {
    json_response(StatusCode::CREATED, &Envelope::ok(ids::request_id(), data))
}

/// 200 without `data` (Smile's `CommonResponse`, for deletes).
pub fn ack() -> Response {
    let envelope: Envelope<()> = Envelope {
        code: ResponseCode::Ok,
        message: ResponseCode::Ok.default_message().to_owned(),
        request_id: ids::request_id(),
        data: None,
    };
    json_response(StatusCode::OK, &envelope)
}

/// Answer for paths the emulator does not have.
pub async fn not_found() -> ApiError {
    ApiError::not_found("resource")
}

/// Answer for a known path with a method it does not have.
pub async fn unsupported_method() -> ApiError {
    ApiError::UnsupportedMethod
}

/// Query parameters; a malformed query is a Smile `INVALID_PARAMETERS`.
pub struct SmileQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for SmileQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        Query::<T>::from_request_parts(parts, state)
            .await
            .map(|Query(q)| SmileQuery(q))
            .map_err(|e| ApiError::invalid(e.body_text()))
    }
}

/// One part of a query string (paging, a date range) that a list shares with others: read
/// as `Raw`, then checked, so each part can be its own extractor beside the route's query.
pub trait QueryPart: Sized {
    /// The part as it stands in the query string, unchecked.
    type Raw: DeserializeOwned;

    fn check(raw: Self::Raw) -> Result<Self, ApiError>;
}

/// Extracts a [`QueryPart`]; a malformed or invalid one is a Smile `INVALID_PARAMETERS`.
pub struct Checked<T>(pub T);

impl<T: QueryPart, S: Send + Sync> FromRequestParts<S> for Checked<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let SmileQuery(raw) = SmileQuery::<T::Raw>::from_request_parts(parts, state).await?;
        T::check(raw).map(Checked)
    }
}

/// One path parameter (an id); a bad one is a Smile `MISSING_RESOURCE`.
pub struct IdPath(pub String);

impl<S: Send + Sync> FromRequestParts<S> for IdPath {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        Path::<String>::from_request_parts(parts, state)
            .await
            .map(|Path(id)| IdPath(id))
            .map_err(|_| ApiError::not_found("resource"))
    }
}

/// A JSON body. An empty body reads as `{}` (Smile's quickstart posts `{}` or nothing to
/// `/users`); a non-JSON content type is 415, unparsable JSON is 400.
pub struct SmileJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for SmileJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let json_type = req
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(|v| {
                let mime = v
                    .split(';')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_ascii_lowercase();
                mime == "application/json" || mime.ends_with("+json")
            });
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(|e| ApiError::invalid(e.body_text()))?;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return serde_json::from_slice(b"{}")
                .map(SmileJson)
                .map_err(|e| ApiError::invalid(format!("request body: {e}")));
        }
        if json_type == Some(false) {
            return Err(ApiError::UnsupportedType);
        }
        serde_json::from_slice(&bytes)
            .map(SmileJson)
            .map_err(|e| ApiError::invalid(format!("request body: {e}")))
    }
}
