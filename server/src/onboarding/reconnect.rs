//! The link an officer sends an applicant whose account can no longer be refreshed
//! (disconnected, or its login failed): a new resume link, which opens the link page with
//! the reconnection explained. The old link stops working: a resume link is a bearer
//! credential, and only one is ever live.

use wink_api::officer::AuditAction;
use wink_api::report::ReconnectLink;
use wink_api::LinkStatus;

use crate::db::audit::{self, Actor};
use crate::db::sessions::{hash_token, new_token};
use crate::db::{accounts, applicants, Timestamp};
use crate::{AppState, Error};

/// Issues the applicant a new resume link for reconnecting (audited); 409 when none of
/// their accounts needs it.
pub async fn reconnect_link(
    state: &AppState,
    actor: &Actor,
    id: &str,
) -> Result<ReconnectLink, Error> {
    crate::report::file::find(state, id).await?;
    let db = state.db();
    let needs_it = accounts::all_for_applicant(db, id)
        .await?
        .iter()
        .any(|a| a.disconnected_at.is_some() || a.status == LinkStatus::Error);
    if !needs_it {
        return Err(Error::Conflict(
            "None of this applicant's accounts is disconnected or failing: there is nothing to \
             reconnect."
                .into(),
        ));
    }
    let token = new_token();
    if !applicants::reissue_resume_link(db, id, &hash_token(&token)).await? {
        // Erased in the meantime.
        return Err(Error::NotFound(
            "There is no applicant with that id; they may have been deleted.".into(),
        ));
    }
    audit::record(db, actor, &[id], AuditAction::ReconnectLink).await?;
    Ok(ReconnectLink {
        path: format!("/resume/{token}?reconnect=1"),
        expires_at: (Timestamp::now() + state.resume_ttl()).to_string(),
    })
}
