//! Sign-in, sign-out and "who am I" for officers. Each attempt is reserved per account and
//! per client address in the database (so several instances share the count) before its
//! password is checked; past the limit the answer is 429 with `Retry-After`. Password
//! checks are capped per process; past the cap (after a short wait) the answer is 503.

use crate::db::Timestamp;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use axum_extra::extract::cookie::CookieJar;
use wink_api::officer::{OfficerLogin, OfficerMe};
use wink_api::{validation, FieldError};

use super::password;
use super::session::{self, CurrentOfficer};
use crate::client_addr::ClientAddr;
use crate::db::officers::{self, normalise_email, Budget, Reservation};
use crate::error::AppJson;
use crate::{AppError, AppState};

/// What a sign-in refused for a full verifier is told to wait, in seconds.
const BUSY_RETRY_SECONDS: u64 = 2;

pub async fn login(
    State(state): State<AppState>,
    client: ClientAddr,
    jar: CookieJar,
    AppJson(body): AppJson<OfficerLogin>,
) -> Result<(CookieJar, Json<OfficerMe>), AppError> {
    if let Some(message) = validation::check_login_email(&body.email) {
        return Err(AppError::InvalidFields(vec![FieldError {
            field: "email".into(),
            message: message.into(),
        }]));
    }
    let policy = *state.officer_policy();
    let email = normalise_email(&body.email);
    let account_key = officers::limit_key("email", &email);
    let budgets = [
        Budget {
            key: account_key.clone(),
            max: policy.max_failures_per_account,
        },
        Budget {
            key: officers::limit_key("ip", &client.budget_key()),
            max: policy.max_failures_per_address,
        },
    ];
    // The attempt is counted before the password is checked, so concurrent guesses
    // cannot all slip under the limit.
    let now = Timestamp::now();
    let window = policy.login_window.to_std().unwrap_or_default();
    let attempt = match officers::reserve_attempt(state.db(), &budgets, now, window).await? {
        Reservation::Granted(attempt) => attempt,
        Reservation::Refused(frees_at) => {
            let wait = frees_at.duration_since(now).as_secs().max(1);
            tracing::warn!("login rate limited");
            return Err(AppError::RateLimited(wait));
        }
    };
    let officer = officers::find_by_email(state.db(), &email).await?;
    let stored = officer.as_ref().map(|o| o.password_hash.clone());
    let valid = match password::Verifier::global()
        .verify(body.password, stored)
        .await
    {
        Ok(valid) => valid,
        Err(password::Busy) => {
            // No password was checked: the attempt does not count.
            officers::release_attempt(state.db(), &attempt).await?;
            tracing::warn!("login refused: every password check busy");
            return Err(AppError::SignInBusy(BUSY_RETRY_SECONDS));
        }
    };
    let Some(officer) = officer.filter(|_| valid) else {
        // The reservation stays: it is this failure's record.
        return Err(AppError::WrongCredentials);
    };
    officers::release_attempt(state.db(), &attempt).await?;
    officers::clear_failures(state.db(), &account_key).await?;
    // A session id chosen before login (fixation) never becomes a signed-in one.
    if let Some(old) = jar.get(session::cookie_name(&state)) {
        officers::end_session(state.db(), old.value()).await?;
    }
    let absolute = policy.absolute.to_std().unwrap_or_default();
    let token = officers::start_session(state.db(), &officer.id, absolute).await?;
    let expires_at = (Timestamp::now() + absolute).to_string();
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
    if let Some(cookie) = jar.get(session::cookie_name(&state)) {
        officers::end_session(state.db(), cookie.value()).await?;
    }
    Ok((StatusCode::NO_CONTENT, jar.remove(session::removal(&state))))
}

pub async fn me(officer: CurrentOfficer) -> Json<OfficerMe> {
    Json(OfficerMe {
        id: officer.id,
        email: officer.email,
        session_expires_at: officer.expires_at.to_string(),
    })
}
