//! Applying and coming back: an application is stored before anything else can fail, its
//! Smile user follows (`smile_user`), and the applicant's sessions and resume link bring
//! them back to it.

mod reconnect;
pub mod sessions;
mod smile_user;

pub use reconnect::reconnect_link;
pub use smile_user::ensure_smile_user;

use wink_api::validation::{validate, ValidApplication};
use wink_api::{ApplicationStatus, NewApplication, VerificationPath};

use crate::client_addr::ClientAddr;
use crate::db::applicants::{self, Applicant, NewApplicant};
use crate::db::sessions::{hash_token, new_token};
use crate::db::{invites, Timestamp};
use crate::{AppState, Error};

/// A stored application, with the secrets only this answer ever carries.
pub struct Applied {
    pub applicant: Applicant,
    /// The resume link's token (only its hash is stored).
    pub resume_token: String,
    /// The new session's token, for the cookie.
    pub session_token: String,
}

/// Stores the application first (nothing the applicant typed is lost if Smile is down),
/// then creates their Smile user; `GET /api/link/config` finishes that if it failed here.
pub async fn apply(
    state: &AppState,
    client: &ClientAddr,
    form: &NewApplication,
) -> Result<Applied, Error> {
    let valid = validate(form).map_err(Error::InvalidFields)?;
    // Each application creates a Smile user: a budget per client address (typos are free).
    state.budgets().spend_application(client)?;
    let invite = form
        .invite
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty());
    if let Some(token) = invite {
        let usable = invites::find(state.db(), token)
            .await?
            .is_some_and(|i| i.usable());
        if !usable {
            return Err(crate::review::invites::gone());
        }
    }
    let resume_token = new_token();
    let applicant = insert_with_fresh_reference(state, &valid, &hash_token(&resume_token)).await?;
    if let Some(token) = invite {
        // Checked above; losing a race with another tab only leaves the invite unused.
        if !invites::redeem(state.db(), token, &applicant.id).await? {
            tracing::info!(applicant = %applicant.id, "invitation used up concurrently");
        }
    }
    let session_token = sessions::start(state, &applicant.id).await?;
    crate::review::changed(state, &applicant.id).await;
    // The manual path never involves Smile.
    if applicant.verification != VerificationPath::Manual {
        if let Err(e) = ensure_smile_user(state, &applicant).await {
            tracing::warn!(applicant = %applicant.id, "Smile user not created yet: {e}");
        }
    }
    Ok(Applied {
        applicant,
        resume_token,
        session_token,
    })
}

async fn insert_with_fresh_reference(
    state: &AppState,
    valid: &ValidApplication,
    resume_hash: &str,
) -> Result<applicants::Applicant, Error> {
    let id = uuid::Uuid::new_v4().to_string();
    let verification = state.rollout().path_for(&id, &valid.email);
    let mut attempts = 0;
    loop {
        let reference = new_reference();
        let result = applicants::insert(
            state.db(),
            NewApplicant {
                id: &id,
                verification,
                reference: &reference,
                full_name: &valid.full_name,
                email: &valid.email,
                mobile: &valid.mobile,
                employer: &valid.employer,
                monthly_income: valid.monthly_income,
                currency: state.currency(),
                resume_hash,
                consent_version: wink_api::CONSENT_VERSION,
                smile_template_id: state.smile_template_id(),
                language: valid.language,
            },
        )
        .await;
        match result {
            // A reference collision (1 in 10^9 per pair) just draws another one.
            Err(sqlx::Error::Database(e)) if e.is_unique_violation() && attempts < 5 => {
                attempts += 1;
            }
            other => return Ok(other?),
        }
    }
}

/// `WP-` and six characters without look-alikes (no 0/O, 1/I/L): easy to read out on a call.
fn new_reference() -> String {
    use rand::Rng;
    const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    let mut rng = rand::rngs::OsRng;
    let code: String = (0..6)
        .map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char)
        .collect();
    format!("WP-{code}")
}

/// Marks the application complete; `None` once it no longer exists (erased meanwhile).
pub async fn complete(state: &AppState, applicant_id: &str) -> Result<Option<Applicant>, Error> {
    applicants::advance_status(state.db(), applicant_id, ApplicationStatus::Completed).await?;
    Ok(applicants::get(state.db(), applicant_id).await?)
}

/// The applicant a resume token opens: 404 for a token we never issued, 410 once it is
/// older than `WINK_RESUME_DAYS` (the link is a bearer credential; it must not live for ever).
///
/// Not rotated on use: the link is shown once, when the applicant applies, and is how they
/// come back after signing out or from another device; a rotated link could not reach them.
pub async fn usable_resume_link(state: &AppState, token: &str) -> Result<Applicant, Error> {
    let link = applicants::find_by_resume_hash(state.db(), &hash_token(token.trim()))
        .await?
        .ok_or_else(|| {
            Error::NotFound(
                "This resume link is not valid. Check that you copied all of it, or start a new application.".into(),
            )
        })?;
    let ttl = state.resume_ttl();
    if Timestamp::now().duration_since(link.resume_issued_at) > ttl {
        return Err(Error::Gone(format!(
            "This resume link has expired: links work for {} days after you apply. Please start \
             a new application, or contact us and quote your reference.",
            ttl.as_secs() / 86_400
        )));
    }
    Ok(link.applicant)
}

#[cfg(test)]
mod tests {
    #[test]
    fn references_are_readable() {
        for _ in 0..100 {
            let r = super::new_reference();
            assert_eq!(r.len(), 9);
            assert!(r.starts_with("WP-"));
            assert!(!r[3..].contains(['0', 'O', '1', 'I', 'L']));
        }
    }
}
