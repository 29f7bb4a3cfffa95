//! Invitations: an officer pre-fills an application and sends its link; the applicant
//! opens it once, before it expires.

use wink_api::i18n::Message;
use wink_api::officer::{AuditAction, InvitePrefill, NewInvite};
use wink_api::{validation, FieldError};

use crate::db::audit::{self, Actor};
use crate::db::invites;
use crate::{AppState, Error};

/// A new invitation's link path and when it expires.
pub async fn create(
    state: &AppState,
    actor: &Actor,
    body: &NewInvite,
) -> Result<wink_api::officer::Invite, Error> {
    let too_long = [
        ("fullName", &body.full_name),
        ("email", &body.email),
        ("mobile", &body.mobile),
        ("employer", &body.employer),
    ]
    .into_iter()
    .filter_map(|(field, value)| {
        let message = validation::check_single_line(value)
            .map(|problem| problem.english())
            .or((value.chars().count() > 200).then(|| "Too long: at most 200 characters.".into()))?;
        Some(FieldError::english(field, message))
    })
    .collect::<Vec<_>>();
    if !too_long.is_empty() {
        return Err(Error::InvalidFields(too_long));
    }
    let ttl = state.officer_policy().invite_ttl;
    let (token, expires_at) = invites::create(state.db(), &actor.officer_id, body, ttl).await?;
    // An invitation carries personal data an officer typed: audited like a read of it. There
    // is no applicant yet, so the row names the invitation (by its token's hash, which opens
    // nothing).
    let invite_ref = format!("invite:{}", &crate::db::sessions::hash_token(&token)[..16]);
    audit::record(state.db(), actor, &[&invite_ref], AuditAction::Invite).await?;
    Ok(wink_api::officer::Invite {
        path: format!("/apply?invite={token}"),
        expires_at: expires_at.to_string(),
    })
}

/// Public: what an invitation pre-fills. 404 for a token that never existed, 410 for one
/// that expired or was used.
pub async fn prefill(state: &AppState, token: &str) -> Result<InvitePrefill, Error> {
    let invite = invites::find(state.db(), token).await?.ok_or_else(|| {
        Error::NotFound("This invitation link is not valid. Check that you copied all of it — or just apply without it.".into())
    })?;
    if !invite.usable() {
        return Err(gone());
    }
    Ok(InvitePrefill {
        full_name: invite.full_name,
        email: invite.email,
        mobile: invite.mobile,
        employer: invite.employer,
        expires_at: invite.expires_at.to_string(),
    })
}

/// An invitation that expired or was used.
pub fn gone() -> Error {
    Error::Gone(
        "This invitation has expired or was already used — you can still apply without it.".into(),
    )
}
