//! The applicant's session cookie: HttpOnly, SameSite=Strict, its random value mapping (in
//! `onboarding::sessions`) to exactly one applicant.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum_extra::extract::cookie::{Cookie, CookieJar};

use super::AppError;
use crate::db::applicants::Applicant;
use crate::onboarding::sessions;
use crate::AppState;

/// The cookie's name: `__Host-`-prefixed whenever cookies are Secure (outside emulator
/// mode), so a sibling subdomain can neither plant nor overwrite it.
pub fn cookie_name(state: &AppState) -> &'static str {
    if state.cookie_secure() {
        "__Host-wink_applicant"
    } else {
        "wink_applicant"
    }
}

/// The applicant this request's session belongs to; 401 without a live session.
pub struct CurrentApplicant(pub Applicant);

impl FromRequestParts<AppState> for CurrentApplicant {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let jar = CookieJar::from_headers(&parts.headers);
        let token = jar
            .get(cookie_name(state))
            .map(|c| c.value())
            .ok_or(AppError::NoSession)?;
        let applicant = sessions::applicant(state, token)
            .await?
            .ok_or(AppError::NoSession)?;
        Ok(CurrentApplicant(applicant))
    }
}

/// The cookie for a new session's token.
pub fn cookie(state: &AppState, token: String) -> Cookie<'static> {
    super::cookies::session(state, cookie_name(state), token)
}

/// What clears the cookie.
pub fn removal(state: &AppState) -> Cookie<'static> {
    super::cookies::removal(state, cookie_name(state))
}
