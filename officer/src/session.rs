//! The officer's session as the dashboard knows it: checked at start-up (`GET /me`), set by
//! the login page, and ended by "Sign out" or by any call answering 401 (idle or absolute
//! expiry, a logout elsewhere), which sends the officer back to the login page with a
//! message and keeps the page they were on for after they sign in again.

use std::cell::Cell;

use leptos::prelude::*;
use wink_api::officer::OfficerMe;
use wink_web::http::ApiError;

/// Shown on the login page after a call was refused for want of a session.
pub const EXPIRED: &str = "Your session has ended. Please sign in again.";
/// Shown on the login page after "Sign out".
pub const SIGNED_OUT: &str = "You have signed out.";

#[derive(Debug, Clone, PartialEq)]
pub enum SessionState {
    /// Asking the server whether this browser is signed in.
    Checking,
    /// Not signed in; the login page shows the message, if any.
    SignedOut(Option<&'static str>),
    SignedIn(OfficerMe),
}

/// The app's session handle (`Copy`).
#[derive(Debug, Clone, Copy)]
pub struct Session {
    pub state: RwSignal<SessionState>,
}

thread_local! {
    /// The running app's session, so any call can report a 401 (see [`note`]).
    static CURRENT: Cell<Option<Session>> = const { Cell::new(None) };
}

impl Session {
    /// A new handle, made the one [`note`] reports to.
    pub fn install(state: SessionState) -> Self {
        let session = Session {
            state: RwSignal::new(state),
        };
        CURRENT.with(|current| current.set(Some(session)));
        session
    }

    pub fn sign_in(self, me: OfficerMe) {
        self.state.try_set(SessionState::SignedIn(me));
    }

    pub fn sign_out(self, message: &'static str) {
        self.state.try_set(SessionState::SignedOut(Some(message)));
    }

    /// The signed-in officer's email (reactive).
    pub fn email(self) -> Option<String> {
        self.state.with(|state| match state {
            SessionState::SignedIn(me) => Some(me.email.clone()),
            _ => None,
        })
    }
}

/// Passes a call's answer through, ending the session first if it was a 401.
pub fn note<T>(answer: Result<T, ApiError>) -> Result<T, ApiError> {
    if let Err(error) = &answer {
        if error.is_unauthorized() {
            if let Some(session) = CURRENT.with(Cell::get) {
                if matches!(
                    session.state.try_get_untracked(),
                    Some(SessionState::SignedIn(_))
                ) {
                    session.sign_out(EXPIRED);
                }
            }
        }
    }
    answer
}

/// What the login page says when signing in failed.
pub fn login_error_message(error: &ApiError) -> String {
    match error.status() {
        Some(401) => "Wrong email or password.".to_owned(),
        Some(429) => match error.retry_after() {
            Some(1) => "Too many attempts — try again in 1 second.".to_owned(),
            Some(seconds) => format!("Too many attempts — try again in {seconds} seconds."),
            None => "Too many attempts — try again in a few minutes.".to_owned(),
        },
        _ => format!("Signing in didn't work: {error}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn server_error(status: u16, code: &str) -> ApiError {
        let body = format!(r#"{{"error":{{"code":"{code}","message":"Server words."}}}}"#);
        ApiError::from_answer(status, serde_json::from_str(&body).ok())
    }

    #[test]
    fn wrong_credentials_and_rate_limits_read_plainly() {
        assert_eq!(
            login_error_message(&server_error(401, "UNAUTHORIZED")),
            "Wrong email or password."
        );
        let limited = server_error(429, "RATE_LIMITED").with_retry_after(Some("37"));
        assert_eq!(
            login_error_message(&limited),
            "Too many attempts — try again in 37 seconds."
        );
        let once = server_error(429, "RATE_LIMITED").with_retry_after(Some("1"));
        assert_eq!(
            login_error_message(&once),
            "Too many attempts — try again in 1 second."
        );
        assert_eq!(
            login_error_message(&server_error(429, "RATE_LIMITED")),
            "Too many attempts — try again in a few minutes."
        );
    }

    #[test]
    fn other_failures_keep_the_servers_reason() {
        let message = login_error_message(&server_error(503, "UNAVAILABLE"));
        assert_eq!(message, "Signing in didn't work: Server words.");
        assert!(login_error_message(&ApiError::TimedOut).contains("took too long"));
    }
}
