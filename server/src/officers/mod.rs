//! Officers: signing in (each attempt reserved per account and per client address in the
//! database, so several instances share the count, before its password is checked; password
//! checks capped per process), their sessions, and the demo account.

pub mod demo;
pub mod password;

use wink_api::officer::{OfficerLogin, OfficerMe};
use wink_api::{validation, FieldError};

use crate::client_addr::ClientAddr;
use crate::db::officers::{self, normalise_email, Budget, Reservation, Session};
use crate::db::Timestamp;
use crate::{AppState, Error};

/// What a sign-in refused for a full verifier is told to wait, in seconds.
const BUSY_RETRY_SECONDS: u64 = 2;

/// A new officer session: its token (for the cookie) and who signed in.
pub struct SignedIn {
    pub token: String,
    pub me: OfficerMe,
}

/// Checks an officer's credentials within the sign-in budgets and starts a session. The
/// session the browser had before (`previous`) ends: a session id chosen before login
/// (fixation) never becomes a signed-in one.
pub async fn sign_in(
    state: &AppState,
    client: &ClientAddr,
    body: OfficerLogin,
    previous: Option<&str>,
) -> Result<SignedIn, Error> {
    if let Some(problem) = validation::check_login_email(&body.email) {
        return Err(Error::InvalidFields(vec![FieldError::new(
            "email", problem,
        )]));
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
    let window = policy.login_window;
    let attempt = match officers::reserve_attempt(state.db(), &budgets, now, window).await? {
        Reservation::Granted(attempt) => attempt,
        Reservation::Refused(frees_at) => {
            let wait = frees_at.duration_since(now).as_secs().max(1);
            tracing::warn!("login rate limited");
            return Err(Error::RateLimited(wait));
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
            return Err(Error::SignInBusy(BUSY_RETRY_SECONDS));
        }
    };
    let Some(officer) = officer.filter(|_| valid) else {
        // The reservation stays: it is this failure's record.
        return Err(Error::WrongCredentials);
    };
    officers::release_attempt(state.db(), &attempt).await?;
    officers::clear_failures(state.db(), &account_key).await?;
    if let Some(old) = previous {
        officers::end_session(state.db(), old).await?;
    }
    let absolute = policy.absolute;
    let token = officers::start_session(state.db(), &officer.id, absolute).await?;
    let expires_at = (Timestamp::now() + absolute).to_string();
    tracing::info!(officer = %officer.id, "officer signed in");
    Ok(SignedIn {
        token,
        me: OfficerMe {
            id: officer.id,
            email: officer.email,
            session_expires_at: expires_at,
        },
    })
}

/// Ends an officer session.
pub async fn sign_out(state: &AppState, token: &str) -> Result<(), Error> {
    Ok(officers::end_session(state.db(), token).await?)
}

/// The live session a token holds, its idle timeout pushed back (a request is activity).
pub async fn touch(state: &AppState, token: &str) -> Result<Option<Session>, Error> {
    let idle = state.officer_policy().idle;
    Ok(officers::touch_session(state.db(), token, idle, Timestamp::now()).await?)
}

/// Whether a token still holds a live session, without counting as activity (a stream's
/// re-check is not the officer doing something).
pub async fn is_live(state: &AppState, token: &str) -> bool {
    let idle = state.officer_policy().idle;
    matches!(
        officers::session_live(state.db(), token, idle, Timestamp::now()).await,
        Ok(true)
    )
}
