//! Sign-in, sign-out and "who am I" for officers. Failed sign-ins are counted per account
//! and per client address in the database (so several instances share the count); past
//! the limit the answer is 429 with `Retry-After`, before any password is checked.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::Json;
use axum_extra::extract::cookie::CookieJar;
use chrono::Utc;
use wink_api::officer::{OfficerLogin, OfficerMe};

use super::password;
use super::session::{self, CurrentOfficer};
use crate::db::officers::{self, normalise_email};
use crate::error::AppJson;
use crate::{AppError, AppState};

/// The client's address, when the server was started with connection info.
pub struct PeerIp(pub Option<IpAddr>);

impl<S: Send + Sync> FromRequestParts<S> for PeerIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(PeerIp(
            parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|ConnectInfo(addr)| addr.ip()),
        ))
    }
}

pub async fn login(
    State(state): State<AppState>,
    PeerIp(ip): PeerIp,
    jar: CookieJar,
    AppJson(body): AppJson<OfficerLogin>,
) -> Result<(CookieJar, Json<OfficerMe>), AppError> {
    let policy = *state.officer_policy();
    let email = normalise_email(&body.email);
    let account_key = format!("email:{email}");
    let address_key = format!("ip:{}", ip.map(|ip| ip.to_string()).unwrap_or_default());
    let since = Utc::now() - policy.login_window;
    for (key, max) in [
        (&account_key, policy.max_failures_per_account),
        (&address_key, policy.max_failures_per_address),
    ] {
        let (count, oldest) = officers::failures_since(state.db(), key, since).await?;
        if count >= i64::from(max) {
            let frees_at = oldest
                .and_then(|t| chrono::DateTime::parse_from_rfc3339(&t).ok())
                .map(|t| t.with_timezone(&Utc) + policy.login_window)
                .unwrap_or_else(|| Utc::now() + policy.login_window);
            let wait = (frees_at - Utc::now()).num_seconds().max(1);
            tracing::warn!(key_kind = key.split(':').next(), "login rate limited");
            return Err(AppError::RateLimited(u64::try_from(wait).unwrap_or(1)));
        }
    }
    let officer = officers::find_by_email(state.db(), &email).await?;
    let stored = officer.as_ref().map(|o| o.password_hash.clone());
    let valid = password::verify_blocking(body.password, stored).await;
    let Some(officer) = officer.filter(|_| valid) else {
        officers::record_failure(state.db(), &[account_key, address_key]).await?;
        return Err(AppError::WrongCredentials);
    };
    officers::clear_failures(state.db(), &account_key).await?;
    // A session id chosen before login (fixation) never becomes a signed-in one.
    if let Some(old) = jar.get(session::COOKIE) {
        officers::end_session(state.db(), old.value()).await?;
    }
    let token = officers::start_session(state.db(), &officer.id, policy.absolute).await?;
    let expires_at = crate::db::timestamp(Utc::now() + policy.absolute);
    tracing::info!(officer = %officer.id, "officer signed in");
    Ok((
        jar.add(session::cookie(&state, token)),
        Json(OfficerMe {
            id: officer.id,
            email: officer.email,
            session_expires_at: expires_at,
        }),
    ))
}

pub async fn logout(
    State(state): State<AppState>,
    jar: CookieJar,
) -> Result<(StatusCode, CookieJar), AppError> {
    if let Some(cookie) = jar.get(session::COOKIE) {
        officers::end_session(state.db(), cookie.value()).await?;
    }
    Ok((StatusCode::NO_CONTENT, jar.remove(session::removal())))
}

pub async fn me(officer: CurrentOfficer) -> Json<OfficerMe> {
    Json(OfficerMe {
        id: officer.id,
        email: officer.email,
        session_expires_at: officer.expires_at,
    })
}
