//! One Smile user per applicant, whatever fails and however often the browser retries.
//!
//! `POST /users` is not idempotent and Smile has no idempotency key. So: creation for one
//! applicant is serialised — within a process by a lock, across instances by a lease in the
//! database; the id is stored once (`applicants::set_smile_user` refuses a
//! second); and after an ambiguous failure (timeout, broken connection, 502/504 — Smile may
//! have created the user) we look for a user carrying our reference before creating again.

use smile_api::client::{SmileError, UserQuery};
use smile_api::ExternalMetadata;

use crate::db::applicants::{self, Applicant};
use crate::{AppState, Error};

/// The key under which our reference travels in Smile's `externalMetadata`.
pub const REFERENCE_KEY: &str = "reference";

/// The applicant's Smile user id, creating the user if there is none yet.
pub async fn ensure_smile_user(state: &AppState, applicant: &Applicant) -> Result<String, Error> {
    if let Some(id) = &applicant.smile_user_id {
        return Ok(id.clone());
    }
    let lock = state.user_creation_lock(&applicant.id).await;
    let _guard = lock.lock().await;
    let waited_since = std::time::Instant::now();
    loop {
        // Another request, here or on another instance, may have finished meanwhile.
        if let Some(fresh) = applicants::get(state.db(), &applicant.id).await? {
            if let Some(id) = fresh.smile_user_id {
                return Ok(id);
            }
        }
        if applicants::take_user_creation_lease(state.db(), &applicant.id, LEASE).await? {
            break;
        }
        // Another instance holds the lease: wait for its result, or for the lease to lapse.
        if waited_since.elapsed() > LEASE_WAIT {
            return Err(Error::SetupInProgress);
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let result = create_once(state, applicant).await;
    // Released either way: a failure lets the next request (anywhere) try again at once.
    applicants::release_user_creation_lease(state.db(), &applicant.id).await?;
    result
}

/// How long one instance may take to create a user before another may try (Smile calls
/// time out well within this, retries included).
const LEASE: std::time::Duration = std::time::Duration::from_secs(90);
/// How long a request waits on another instance's creation before answering 503.
const LEASE_WAIT: std::time::Duration = std::time::Duration::from_secs(95);

/// Holding the lease: looks for a user an earlier, ambiguous attempt may have left, else
/// creates one, and stores the id.
async fn create_once(state: &AppState, applicant: &Applicant) -> Result<String, Error> {
    // Only a previous attempt can have left a user behind; the first one goes straight on.
    let earlier = if applicants::mark_smile_user_requested(state.db(), &applicant.id).await? {
        find_by_reference(state, applicant).await.ok().flatten()
    } else {
        None
    };
    let user_id = match earlier {
        Some(id) => id,
        None => create(state, applicant).await?,
    };
    applicants::set_smile_user(state.db(), &applicant.id, &user_id).await?;
    Ok(user_id)
}

async fn create(state: &AppState, applicant: &Applicant) -> Result<String, Error> {
    let mut metadata = ExternalMetadata::new();
    metadata
        .insert(REFERENCE_KEY, applicant.reference.as_str())
        .map_err(|e| Error::Upstream(SmileError::InvalidArgument(e.to_string())))?;
    match state.smile().create_user(&metadata).await {
        Ok(created) => Ok(created.user.id),
        Err(e) if e.is_ambiguous() => match find_by_reference(state, applicant).await {
            Ok(Some(id)) => Ok(id),
            _ => Err(Error::Upstream(e)),
        },
        Err(e) => Err(Error::Upstream(e)),
    }
}

/// A Smile user created since this applicant applied that carries their reference.
async fn find_by_reference(
    state: &AppState,
    applicant: &Applicant,
) -> Result<Option<String>, SmileError> {
    let since = applicant.created_at.utc_date().to_string();
    let query = UserQuery {
        start_date: Some(since),
        ..UserQuery::default()
    };
    let users = state.smile().list_users(&query).collect_vec().await?;
    Ok(users
        .into_iter()
        .find(|user| {
            user.external_metadata
                .as_ref()
                .and_then(|m| m.get(REFERENCE_KEY))
                .is_some_and(|r| r == &applicant.reference)
        })
        .map(|user| user.id))
}
