//! The session cookies' one shape: HttpOnly, SameSite=Strict, whole-site path, Secure
//! outside emulator mode, and no Max-Age (the browser drops it with the session; the
//! server expires the session anyway).

use axum_extra::extract::cookie::{Cookie, SameSite};

use crate::AppState;

/// The cookie carrying a new session's token.
pub fn session(state: &AppState, name: &'static str, token: String) -> Cookie<'static> {
    Cookie::build((name, token))
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(state.cookie_secure())
        .path("/")
        .build()
}

/// What clears it (same name and path as it was set with).
pub fn removal(state: &AppState, name: &'static str) -> Cookie<'static> {
    Cookie::build((name, ""))
        .path("/")
        .secure(state.cookie_secure())
        .build()
}
