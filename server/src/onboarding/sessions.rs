//! Applicant sessions: a random token whose hash maps, in the database, to exactly one
//! applicant. The cookie that carries it is `http`'s business.

use std::time::Duration;

use crate::db::applicants::{self, Applicant};
use crate::db::sessions;
use crate::{AppState, Error};

/// An applicant session lasts a day; the resume link brings them back after that.
pub const TTL_HOURS: u64 = 24;

/// Starts a new session for `applicant_id`; its token goes into the cookie.
pub async fn start(state: &AppState, applicant_id: &str) -> Result<String, Error> {
    Ok(sessions::create(
        state.db(),
        applicant_id,
        Duration::from_secs(3600 * TTL_HOURS),
    )
    .await?)
}

/// The applicant a live session token belongs to.
pub async fn applicant(state: &AppState, token: &str) -> Result<Option<Applicant>, Error> {
    let Some(applicant_id) = sessions::applicant_for(state.db(), token).await? else {
        return Ok(None);
    };
    Ok(applicants::get(state.db(), &applicant_id).await?)
}

/// Whether a token still holds a session, of anyone.
pub async fn is_live(state: &AppState, token: &str) -> Result<bool, Error> {
    Ok(sessions::applicant_for(state.db(), token).await?.is_some())
}

/// Whether `token` is still `applicant_id`'s session (event streams re-check this).
pub async fn lives(state: &AppState, token: &str, applicant_id: &str) -> bool {
    matches!(
        sessions::applicant_for(state.db(), token).await,
        Ok(Some(id)) if id == applicant_id
    )
}

/// Ends a session; its applicant's open streams are woken, find it gone and close.
pub async fn end(state: &AppState, token: &str) -> Result<(), Error> {
    let applicant = sessions::applicant_for(state.db(), token).await?;
    sessions::end(state.db(), token).await?;
    if let Some(applicant_id) = applicant {
        state.announce_change(&applicant_id);
    }
    Ok(())
}
