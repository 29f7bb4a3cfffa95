//! The officer session: a cookie whose random value maps, in the database, to one officer,
//! with an idle and an absolute timeout. Every officer route goes through [`require`].

use crate::db::Timestamp;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::Response;
use axum_extra::extract::cookie::{Cookie, CookieJar};

use crate::db::audit::Actor;
use crate::http::AppError;
use crate::onboarding::sessions;
use crate::{officers, AppState};

/// The cookie's name: `__Host-`-prefixed whenever cookies are Secure (outside emulator
/// mode), so a sibling subdomain can neither plant nor overwrite it.
pub fn cookie_name(state: &AppState) -> &'static str {
    if state.cookie_secure() {
        "__Host-wink_officer"
    } else {
        "wink_officer"
    }
}

/// The signed-in officer, put in the request by [`require`].
#[derive(Debug, Clone)]
pub struct CurrentOfficer {
    pub id: String,
    pub email: String,
    pub expires_at: Timestamp,
}

impl CurrentOfficer {
    pub fn actor(&self) -> Actor {
        Actor {
            officer_id: self.id.clone(),
            email: self.email.clone(),
        }
    }
}

impl FromRequestParts<AppState> for CurrentOfficer {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &AppState) -> Result<Self, AppError> {
        parts
            .extensions
            .get::<CurrentOfficer>()
            .cloned()
            .ok_or(AppError::NoOfficerSession)
    }
}

/// Middleware: a live officer session, or 401 — 403 when the caller has an applicant's
/// session instead, so a mix-up is told apart from a missing login.
pub async fn require(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Result<Response, AppError> {
    let jar = CookieJar::from_headers(request.headers());
    let session = match jar.get(cookie_name(&state)) {
        Some(cookie) => officers::touch(&state, cookie.value()).await?,
        None => None,
    };
    let Some(session) = session else {
        let applicant = match jar.get(super::super::applicant_session::cookie_name(&state)) {
            Some(cookie) => sessions::is_live(&state, cookie.value()).await?,
            None => false,
        };
        return Err(if applicant {
            AppError::ApplicantNotOfficer
        } else {
            AppError::NoOfficerSession
        });
    };
    request.extensions_mut().insert(CurrentOfficer {
        id: session.officer_id,
        email: session.email,
        expires_at: session.expires_at,
    });
    Ok(next.run(request).await)
}

/// The cookie for a new session's token.
pub fn cookie(state: &AppState, token: String) -> Cookie<'static> {
    crate::http::cookies::session(state, cookie_name(state), token)
}

/// What clears the cookie.
pub fn removal(state: &AppState) -> Cookie<'static> {
    crate::http::cookies::removal(state, cookie_name(state))
}
