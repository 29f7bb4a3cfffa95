//! What the domain refuses or fails with. It knows nothing of HTTP: `http::AppError` wraps
//! it and gives each variant its status, code and `Retry-After`.

use smile_api::client::SmileError;
use wink_api::FieldError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("Some fields need attention.")]
    InvalidFields(Vec<FieldError>),
    #[error("Wrong email or password.")]
    WrongCredentials,
    #[error("Too many failed sign-ins. Try again in {0} seconds.")]
    RateLimited(u64),
    /// An abuse budget is spent (see `budgets`): seconds until the next request fits.
    #[error("Too many requests. Please wait {0} seconds and try again.")]
    TooManyRequests(u64),
    /// Every password check is busy: try again in this many seconds.
    #[error("Too many sign-ins are being checked right now. Try again in {0} seconds.")]
    SignInBusy(u64),
    #[error("This application is verified manually, without linking accounts: we will contact you about your documents.")]
    ManualPath,
    #[error("Your application is still being set up with our verification partner. Please try again in a minute.")]
    SetupInProgress,
    #[error("{0}")]
    Gone(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Forbidden(String),
    /// The request does not fit the applicant's current state (409).
    #[error("{0}")]
    Conflict(String),
    /// A webhook whose `Smile-Signature` does not verify over its raw bytes.
    #[error("Invalid Smile-Signature.")]
    WebhookSignature,
    #[error("Webhooks must be application/json.")]
    WebhookNotJson,
    /// The inbox could not take a verified webhook: Smile retries it.
    #[error("Could not store the event; retry.")]
    WebhookNotStored,
    /// Smile (or the emulator) failed; the details go to the log, not to the browser.
    #[error("We could not reach our verification partner just now. Please try again in a minute.")]
    Upstream(#[source] SmileError),
    #[error("Something went wrong on our side. Please try again.")]
    Database(#[from] sqlx::Error),
    /// Signing or typesetting a report failed; the cause goes to the log.
    #[error("The report could not be produced. Please try again.")]
    ReportFailed(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl Error {
    pub fn report_failed(cause: impl std::error::Error + Send + Sync + 'static) -> Self {
        Error::ReportFailed(Box::new(cause))
    }
}
