use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use wink_api::{ErrorBody, ErrorCode};

/// Every error a handler can answer with; each becomes a typed JSON body and its status.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("There is no API route {0}.")]
    NoSuchRoute(String),
    #[error("{0} is not allowed on this route.")]
    MethodNotAllowed(String),
    #[error("The server is shutting down; try again in a moment.")]
    Draining,
}

impl AppError {
    fn status_and_code(&self) -> (StatusCode, ErrorCode) {
        match self {
            AppError::NoSuchRoute(_) => (StatusCode::NOT_FOUND, ErrorCode::NotFound),
            AppError::MethodNotAllowed(_) => {
                (StatusCode::METHOD_NOT_ALLOWED, ErrorCode::MethodNotAllowed)
            }
            AppError::Draining => (StatusCode::SERVICE_UNAVAILABLE, ErrorCode::Unavailable),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, code) = self.status_and_code();
        (status, Json(ErrorBody::new(code, self.to_string()))).into_response()
    }
}
