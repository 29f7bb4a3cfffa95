use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use smile_api::client::SmileError;
use wink_api::{ErrorBody, ErrorCode};

pub use crate::error::Error;

/// Every error a route can answer with: the request's own faults here, the domain's in
/// [`Error`]. Each becomes a typed JSON body with its status.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("There is no API route {0}.")]
    NoSuchRoute(String),
    #[error("{0} is not allowed on this route.")]
    MethodNotAllowed(String),
    #[error("The server is shutting down; try again in a moment.")]
    Draining,
    #[error("The database cannot take writes right now.")]
    DatabaseUnavailable,
    #[error("The request body is not valid JSON for this route: {0}")]
    BadJson(String),
    /// The JSON body was well-formed but did not match the route's shape (wrong or missing
    /// fields): 422, as axum's own `Json` says.
    #[error("The request body does not match this route: {0}")]
    JsonShape(String),
    #[error("The request body is larger than this route accepts ({0} bytes at most).")]
    PayloadTooLarge(usize),
    #[error("This route reads a JSON body: send it with Content-Type: application/json.")]
    UnsupportedMediaType,
    #[error("The request body could not be read: {0}")]
    UnreadableBody(String),
    #[error("The address of this request is not valid: {0}")]
    BadPath(String),
    #[error("{0}")]
    BadQuery(String),
    #[error("Your session has ended or was never started. Start an application, or open your resume link.")]
    NoSession,
    #[error("Metrics need the scraper's bearer token (WINK_METRICS_TOKEN).")]
    MetricsToken,
    #[error("Sign in as a loan officer to continue.")]
    NoOfficerSession,
    #[error("This page is for loan officers; an applicant's session cannot open it.")]
    ApplicantNotOfficer,
    /// The request ran past `WINK_REQUEST_TIMEOUT_SECS`.
    #[error("This took too long on our side. Please try again.")]
    TimedOut,
    #[error("This request came from another site and was refused.")]
    CrossSite,
    #[error(transparent)]
    Domain(#[from] Error),
}

impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        AppError::Domain(Error::Database(e))
    }
}

impl AppError {
    fn status_and_code(&self) -> (StatusCode, ErrorCode) {
        match self {
            AppError::NoSuchRoute(_) => (StatusCode::NOT_FOUND, ErrorCode::NotFound),
            AppError::MethodNotAllowed(_) => {
                (StatusCode::METHOD_NOT_ALLOWED, ErrorCode::MethodNotAllowed)
            }
            AppError::Draining | AppError::DatabaseUnavailable | AppError::TimedOut => {
                (StatusCode::SERVICE_UNAVAILABLE, ErrorCode::Unavailable)
            }
            AppError::BadJson(_)
            | AppError::BadPath(_)
            | AppError::BadQuery(_)
            | AppError::UnreadableBody(_) => (StatusCode::BAD_REQUEST, ErrorCode::InvalidRequest),
            AppError::JsonShape(_) => (StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::InvalidRequest),
            AppError::PayloadTooLarge(_) => {
                (StatusCode::PAYLOAD_TOO_LARGE, ErrorCode::PayloadTooLarge)
            }
            AppError::UnsupportedMediaType => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                ErrorCode::UnsupportedMediaType,
            ),
            AppError::NoSession | AppError::NoOfficerSession | AppError::MetricsToken => {
                (StatusCode::UNAUTHORIZED, ErrorCode::Unauthorized)
            }
            AppError::ApplicantNotOfficer | AppError::CrossSite => {
                (StatusCode::FORBIDDEN, ErrorCode::Forbidden)
            }
            AppError::Domain(e) => domain_status_and_code(e),
        }
    }
}

fn domain_status_and_code(error: &Error) -> (StatusCode, ErrorCode) {
    match error {
        Error::NotFound(_) => (StatusCode::NOT_FOUND, ErrorCode::NotFound),
        Error::InvalidFields(_) => (StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::InvalidRequest),
        Error::WrongCredentials | Error::WebhookSignature => {
            (StatusCode::UNAUTHORIZED, ErrorCode::Unauthorized)
        }
        Error::Forbidden(_) => (StatusCode::FORBIDDEN, ErrorCode::Forbidden),
        Error::RateLimited(_) | Error::TooManyRequests(_) => {
            (StatusCode::TOO_MANY_REQUESTS, ErrorCode::RateLimited)
        }
        Error::SignInBusy(_) | Error::SetupInProgress | Error::WebhookNotStored => {
            (StatusCode::SERVICE_UNAVAILABLE, ErrorCode::Unavailable)
        }
        Error::ManualPath | Error::Conflict(_) => (StatusCode::CONFLICT, ErrorCode::Conflict),
        Error::Gone(_) => (StatusCode::GONE, ErrorCode::Gone),
        Error::WebhookNotJson => (
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ErrorCode::InvalidRequest,
        ),
        // Our own budget of Smile calls is in use: nothing was sent, try again shortly.
        Error::Upstream(SmileError::Saturated { .. }) => {
            (StatusCode::SERVICE_UNAVAILABLE, ErrorCode::Unavailable)
        }
        Error::Upstream(_) => (StatusCode::BAD_GATEWAY, ErrorCode::UpstreamUnavailable),
        Error::Database(_) | Error::ReportFailed(_) => {
            (StatusCode::INTERNAL_SERVER_ERROR, ErrorCode::Internal)
        }
    }
}

/// The largest JSON body an `/api` route reads (an application, a note, a widget callback,
/// a sign-in); the webhook receiver has its own, larger one.
pub const API_BODY_LIMIT: usize = 16 * 1024;

impl From<JsonRejection> for AppError {
    /// Keeps the rejection's own status: an oversized body is 413 and a missing content type
    /// 415, never a generic 400.
    fn from(rejection: JsonRejection) -> Self {
        match rejection.status() {
            StatusCode::PAYLOAD_TOO_LARGE => AppError::PayloadTooLarge(API_BODY_LIMIT),
            StatusCode::UNSUPPORTED_MEDIA_TYPE => AppError::UnsupportedMediaType,
            StatusCode::UNPROCESSABLE_ENTITY => AppError::JsonShape(rejection.body_text()),
            _ => AppError::BadJson(rejection.body_text()),
        }
    }
}

impl From<PathRejection> for AppError {
    fn from(rejection: PathRejection) -> Self {
        AppError::BadPath(rejection.body_text())
    }
}

impl From<QueryRejection> for AppError {
    fn from(rejection: QueryRejection) -> Self {
        AppError::BadQuery(format!(
            "The query string is not valid for this route: {}",
            rejection.body_text()
        ))
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, code) = self.status_and_code();
        match &self {
            // The cause (status, Smile code and request id, a decode error's JSON path, a
            // transport error's chain): no bodies or personal data.
            AppError::Domain(Error::Upstream(e)) => {
                crate::smile::warn_failed_call!(e, "Smile call failed")
            }
            AppError::Domain(Error::Database(e)) => tracing::error!(error = %e, "database error"),
            AppError::Domain(Error::ReportFailed(e)) => {
                tracing::error!(error = %e, "report not produced")
            }
            _ => {}
        }
        let retry_after = match &self {
            AppError::Domain(
                Error::RateLimited(seconds)
                | Error::TooManyRequests(seconds)
                | Error::SignInBusy(seconds),
            ) => Some(*seconds),
            AppError::Domain(Error::Upstream(SmileError::Saturated { .. })) => Some(1),
            _ => None,
        };
        let body = match self {
            AppError::Domain(Error::InvalidFields(fields)) => ErrorBody::invalid_fields(fields),
            other => ErrorBody::new(code, other.to_string()),
        };
        let mut response = (status, Json(body)).into_response();
        if let Some(seconds) = retry_after {
            response
                .headers_mut()
                .insert(axum::http::header::RETRY_AFTER, seconds.into());
        }
        response
    }
}

/// `Json<T>` whose rejections come out as our typed error body.
#[derive(axum::extract::FromRequest)]
#[from_request(via(axum::Json), rejection(AppError))]
pub struct AppJson<T>(pub T);

/// `Path<T>` whose rejections (a bad or non-UTF-8 segment) come out as our typed error body.
#[derive(axum::extract::FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(AppError))]
pub struct AppPath<T>(pub T);

/// `Query<T>` whose rejections (a repeated or malformed parameter) come out as our typed
/// error body.
#[derive(axum::extract::FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(AppError))]
pub struct AppQuery<T>(pub T);
