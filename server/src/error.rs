use axum::extract::rejection::JsonRejection;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use smile_api::client::SmileError;
use wink_api::{ErrorBody, ErrorCode, FieldError};

/// Every error a handler can answer with; each becomes a typed JSON body and its status.
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
    #[error("Some fields need attention.")]
    InvalidFields(Vec<FieldError>),
    #[error("Your session has ended or was never started. Start an application, or open your resume link.")]
    NoSession,
    #[error("Sign in as a loan officer to continue.")]
    NoOfficerSession,
    #[error("This page is for loan officers; an applicant's session cannot open it.")]
    ApplicantNotOfficer,
    #[error("Wrong email or password.")]
    WrongCredentials,
    #[error("Too many failed sign-ins. Try again in {0} seconds.")]
    RateLimited(u64),
    #[error("This request came from another site and was refused.")]
    CrossSite,
    #[error("This application is verified manually, without linking accounts: we will contact you about your documents.")]
    ManualPath,
    #[error("Your application is still being set up with our verification partner. Please try again in a minute.")]
    SetupInProgress,
    #[error("{0}")]
    BadQuery(String),
    #[error("{0}")]
    Gone(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Forbidden(String),
    /// Smile (or the emulator) failed; the details go to the log, not to the browser.
    #[error("We could not reach our verification partner just now. Please try again in a minute.")]
    Upstream(#[source] SmileError),
    #[error("Something went wrong on our side. Please try again.")]
    Database(#[from] sqlx::Error),
}

impl AppError {
    fn status_and_code(&self) -> (StatusCode, ErrorCode) {
        match self {
            AppError::NoSuchRoute(_) | AppError::NotFound(_) => {
                (StatusCode::NOT_FOUND, ErrorCode::NotFound)
            }
            AppError::MethodNotAllowed(_) => {
                (StatusCode::METHOD_NOT_ALLOWED, ErrorCode::MethodNotAllowed)
            }
            AppError::Draining | AppError::DatabaseUnavailable => {
                (StatusCode::SERVICE_UNAVAILABLE, ErrorCode::Unavailable)
            }
            AppError::BadJson(_) => (StatusCode::BAD_REQUEST, ErrorCode::InvalidRequest),
            AppError::InvalidFields(_) => {
                (StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::InvalidRequest)
            }
            AppError::NoSession | AppError::NoOfficerSession | AppError::WrongCredentials => {
                (StatusCode::UNAUTHORIZED, ErrorCode::Unauthorized)
            }
            AppError::ApplicantNotOfficer | AppError::CrossSite => {
                (StatusCode::FORBIDDEN, ErrorCode::Forbidden)
            }
            AppError::RateLimited(_) => (StatusCode::TOO_MANY_REQUESTS, ErrorCode::RateLimited),
            AppError::BadQuery(_) => (StatusCode::BAD_REQUEST, ErrorCode::InvalidRequest),
            AppError::ManualPath => (StatusCode::CONFLICT, ErrorCode::Conflict),
            AppError::SetupInProgress => (StatusCode::SERVICE_UNAVAILABLE, ErrorCode::Unavailable),
            AppError::Gone(_) => (StatusCode::GONE, ErrorCode::Gone),
            AppError::Forbidden(_) => (StatusCode::FORBIDDEN, ErrorCode::Forbidden),
            // Our own budget of Smile calls is in use: nothing was sent, try again shortly.
            AppError::Upstream(SmileError::Saturated { .. }) => {
                (StatusCode::SERVICE_UNAVAILABLE, ErrorCode::Unavailable)
            }
            AppError::Upstream(_) => (StatusCode::BAD_GATEWAY, ErrorCode::UpstreamUnavailable),
            AppError::Database(_) => (StatusCode::INTERNAL_SERVER_ERROR, ErrorCode::Internal),
        }
    }
}

impl From<JsonRejection> for AppError {
    fn from(rejection: JsonRejection) -> Self {
        AppError::BadJson(rejection.body_text())
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, code) = self.status_and_code();
        match &self {
            // The cause (status, Smile code and request id, a decode error's JSON path, a
            // transport error's chain): no bodies or personal data.
            AppError::Upstream(e) => tracing::warn!(
                cause = %e.cause(),
                status = ?e.status(),
                code = ?e.code(),
                request_id = ?e.request_id(),
                "Smile call failed"
            ),
            AppError::Database(e) => tracing::error!(error = %e, "database error"),
            _ => {}
        }
        let retry_after = match &self {
            AppError::RateLimited(seconds) => Some(*seconds),
            AppError::Upstream(SmileError::Saturated { .. }) => Some(1),
            _ => None,
        };
        let body = match self {
            AppError::InvalidFields(fields) => ErrorBody::invalid_fields(fields),
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
