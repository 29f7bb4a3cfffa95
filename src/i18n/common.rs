//! Words every page shares: the page frame, the language switcher, and what the server's
//! typed errors mean to the applicant.

use wink_api::{messages, ErrorCode};
use wink_web::http::ApiError;

messages! {
    /// Shared words.
    pub enum Common {
        SkipLink = "common.skip_link" => "Skip to content",
        Brand = "common.brand" => "Wink Portal",
        LanguageLabel = "common.language_label" => "Language",
        LanguageLoading { language } = "common.language_loading" => "Loading {language}…",
        TryAgain = "common.try_again" => "Try again",
        ErrorNetwork = "common.error_network" => "We couldn't reach our server. Check your connection and try again.",
        ErrorTimedOut = "common.error_timed_out" => "Our server took too long to answer. Check your connection and try again.",
        ErrorUnreadable = "common.error_unreadable" => "Our server's answer could not be read. Please reload the page and try again.",
        ErrorNotFound = "common.error_not_found" => "We couldn't find what you asked for. It may have been removed.",
        ErrorInvalid = "common.error_invalid" => "Some details need attention. Check the highlighted fields.",
        ErrorSessionEnded = "common.error_session_ended" => "Your session has ended. Open your resume link to continue your application.",
        ErrorForbidden = "common.error_forbidden" => "This page can't be opened from here.",
        ErrorConflict = "common.error_conflict" => "This was changed in the meantime. Reload the page and try again.",
        ErrorGone = "common.error_gone" => "This link has expired or was already used. Ask for a new one, or start a new application.",
        ErrorRateLimited = "common.error_rate_limited" => "Too many attempts. Please wait a moment and try again.",
        ErrorRateLimitedFor { seconds } = "common.error_rate_limited_for" => "Too many attempts. Please wait {seconds} seconds and try again.",
        ErrorTooLarge = "common.error_too_large" => "That is more than we can accept at once. Try something smaller.",
        ErrorUpstream = "common.error_upstream" => "Our verification partner isn't answering right now. Please try again in a few minutes.",
        ErrorServer = "common.error_server" => "Something went wrong on our side. Please try again in a few minutes.",
        ErrorUnavailable = "common.error_unavailable" => "We're busy right now. Please try again in a few minutes.",
    }
}

/// What an error from our server means to the applicant, in words of their language
/// (the server's own message is English, for API clients). `seconds` holds the wait to
/// quote, formatted for the reader; `api_error` returns it alongside when there is one.
pub fn api_error(error: &ApiError) -> (Common<'static>, Option<u32>) {
    let message = match error {
        ApiError::Network(_) => Common::ErrorNetwork,
        ApiError::TimedOut => Common::ErrorTimedOut,
        ApiError::Decode(_) | ApiError::Encode(_) => Common::ErrorUnreadable,
        ApiError::Status { status } => by_status(*status),
        ApiError::Server { code, .. } => match code {
            ErrorCode::NotFound | ErrorCode::MethodNotAllowed => Common::ErrorNotFound,
            ErrorCode::InvalidRequest | ErrorCode::UnsupportedMediaType => Common::ErrorInvalid,
            ErrorCode::Unauthorized => Common::ErrorSessionEnded,
            ErrorCode::Forbidden => Common::ErrorForbidden,
            ErrorCode::Conflict => Common::ErrorConflict,
            ErrorCode::Gone => Common::ErrorGone,
            ErrorCode::RateLimited => Common::ErrorRateLimited,
            ErrorCode::PayloadTooLarge => Common::ErrorTooLarge,
            ErrorCode::UpstreamUnavailable => Common::ErrorUpstream,
            ErrorCode::Internal => Common::ErrorServer,
            ErrorCode::Unavailable => Common::ErrorUnavailable,
        },
    };
    let wait = match message {
        Common::ErrorRateLimited | Common::ErrorUnavailable => error.retry_after(),
        _ => None,
    };
    (message, wait)
}

fn by_status(status: u16) -> Common<'static> {
    match status {
        401 => Common::ErrorSessionEnded,
        403 => Common::ErrorForbidden,
        404 => Common::ErrorNotFound,
        429 => Common::ErrorRateLimited,
        502..=504 => Common::ErrorUnavailable,
        _ => Common::ErrorServer,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wink_api::i18n::Message;

    #[test]
    fn every_error_code_has_words_for_the_applicant() {
        for code in ErrorCode::ALL {
            let error = ApiError::Server {
                status: 400,
                code,
                message: "English for API clients".into(),
                fields: vec![],
                retry_after: Some(30),
            };
            let (message, _) = api_error(&error);
            assert!(!message.english().contains("API"), "{code:?}");
        }
        let limited = ApiError::Server {
            status: 429,
            code: ErrorCode::RateLimited,
            message: String::new(),
            fields: vec![],
            retry_after: Some(30),
        };
        assert_eq!(api_error(&limited), (Common::ErrorRateLimited, Some(30)));
        assert_eq!(
            api_error(&ApiError::Status { status: 503 }).0,
            Common::ErrorUnavailable
        );
    }
}
