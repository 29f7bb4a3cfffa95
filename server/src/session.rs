//! The applicant session: an HttpOnly, SameSite=Strict cookie whose random value maps, in
//! the database, to exactly one applicant.

use std::time::Duration;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};

use crate::db::applicants::Applicant;
use crate::db::{applicants, sessions};
use crate::{AppError, AppState};

/// The cookie's name: `__Host-`-prefixed whenever cookies are Secure (outside emulator
/// mode), so a sibling subdomain can neither plant nor overwrite it.
pub fn cookie_name(state: &AppState) -> &'static str {
    if state.cookie_secure() {
        "__Host-wink_applicant"
    } else {
        "wink_applicant"
    }
}
/// An applicant session lasts a day; the resume link brings them back after that.
pub const TTL_HOURS: u64 = 24;

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
        let applicant_id = sessions::applicant_for(state.db(), token)
            .await?
            .ok_or(AppError::NoSession)?;
        let applicant = applicants::get(state.db(), &applicant_id)
            .await?
            .ok_or(AppError::NoSession)?;
        Ok(CurrentApplicant(applicant))
    }
}

/// Starts a new session for `applicant_id` and returns the cookie to set.
pub async fn start(state: &AppState, applicant_id: &str) -> Result<Cookie<'static>, AppError> {
    let token = sessions::create(
        state.db(),
        applicant_id,
        Duration::from_secs(3600 * TTL_HOURS),
    )
    .await?;
    Ok(Cookie::build((cookie_name(state), token))
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(state.cookie_secure())
        // No Max-Age: the browser drops it with the session; the server expires it anyway.
        .path("/")
        .build())
}

/// What clears the cookie (same name and path as it was set with).
pub fn removal(state: &AppState) -> Cookie<'static> {
    Cookie::build((cookie_name(state), ""))
        .path("/")
        .secure(state.cookie_secure())
        .build()
}
