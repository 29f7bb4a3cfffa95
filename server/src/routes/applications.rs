//! Applying, resuming and finishing an application.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use axum_extra::extract::CookieJar;
use wink_api::validation::{validate, ValidApplication};
use wink_api::{
    Application, ApplicationStatus, CreatedApplication, NewApplication, ResumeApplication,
    ResumePreview, VerificationPath,
};

use crate::client_addr::ClientAddr;
use crate::db::applicants::{self, NewApplicant};
use crate::db::sessions::{hash_token, new_token};
use crate::db::{invites, Timestamp};
use crate::error::AppJson;
use crate::session::{self, CurrentApplicant};
use crate::{onboarding, AppError, AppState};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/applications", post(create))
        .route("/applications/me", get(me))
        .route("/applications/me/complete", post(complete))
        .route("/applications/resume", post(resume))
        .route("/applications/resume/preview", post(preview))
        .route("/applications/me/logout", post(logout))
}

/// Stores the application first (nothing the applicant typed is lost if Smile is down),
/// then creates their Smile user; `GET /api/link/config` finishes that if it failed here.
async fn create(
    State(state): State<AppState>,
    client: ClientAddr,
    jar: CookieJar,
    AppJson(form): AppJson<NewApplication>,
) -> Result<(StatusCode, CookieJar, Json<CreatedApplication>), AppError> {
    let valid = validate(&form).map_err(AppError::InvalidFields)?;
    // Each application creates a Smile user: a budget per client address (typos are free).
    state.budgets().spend_application(&client)?;
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
            return Err(crate::officer::invite_gone());
        }
    }
    let resume_token = new_token();
    let applicant = insert_with_fresh_reference(&state, &valid, &hash_token(&resume_token)).await?;
    if let Some(token) = invite {
        // Checked above; losing a race with another tab only leaves the invite unused.
        if !invites::redeem(state.db(), token, &applicant.id).await? {
            tracing::info!(applicant = %applicant.id, "invitation used up concurrently");
        }
    }
    let cookie = session::start(&state, &applicant.id).await?;
    crate::review::changed(&state, &applicant.id).await;
    // The manual path never involves Smile.
    if applicant.verification != VerificationPath::Manual {
        if let Err(e) = onboarding::ensure_smile_user(&state, &applicant).await {
            tracing::warn!(applicant = %applicant.id, "Smile user not created yet: {e}");
        }
    }
    Ok((
        StatusCode::CREATED,
        jar.add(cookie),
        Json(CreatedApplication {
            application: applicant.to_api(),
            resume_path: format!("/resume/{resume_token}"),
        }),
    ))
}

async fn insert_with_fresh_reference(
    state: &AppState,
    valid: &ValidApplication,
    resume_hash: &str,
) -> Result<applicants::Applicant, AppError> {
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

async fn me(CurrentApplicant(applicant): CurrentApplicant) -> Json<Application> {
    Json(applicant.to_api())
}

async fn complete(
    State(state): State<AppState>,
    CurrentApplicant(applicant): CurrentApplicant,
) -> Result<Json<Application>, AppError> {
    applicants::advance_status(state.db(), &applicant.id, ApplicationStatus::Completed).await?;
    let applicant = applicants::get(state.db(), &applicant.id)
        .await?
        .ok_or(AppError::NoSession)?;
    Ok(Json(applicant.to_api()))
}

/// Signs the applicant out of this browser: the session ends on the server (its event
/// streams close at their next check) and the cookie is cleared. The resume link still
/// brings them back.
async fn logout(
    State(state): State<AppState>,
    jar: CookieJar,
) -> Result<(StatusCode, CookieJar), AppError> {
    if let Some(cookie) = jar.get(session::cookie_name(&state)) {
        let applicant = crate::db::sessions::applicant_for(state.db(), cookie.value()).await?;
        crate::db::sessions::end(state.db(), cookie.value()).await?;
        if let Some(applicant_id) = applicant {
            // Wakes this applicant's open streams, which then find their session gone.
            state.announce_change(&applicant_id);
        }
    }
    Ok((StatusCode::NO_CONTENT, jar.remove(session::removal(&state))))
}

/// Whose application a resume link opens, without starting a session: the page shows it
/// before replacing a session the browser already has (a link from someone else would
/// otherwise plant this browser in their application).
async fn preview(
    State(state): State<AppState>,
    AppJson(body): AppJson<ResumeApplication>,
) -> Result<Json<ResumePreview>, AppError> {
    let applicant = usable_resume_link(&state, &body.token).await?;
    Ok(Json(applicant.to_preview()))
}

/// A resume link starts a new session for its applicant, on any device, and ends the
/// session this browser had, if any (the page asked first when it belonged to another
/// application).
async fn resume(
    State(state): State<AppState>,
    jar: CookieJar,
    AppJson(body): AppJson<ResumeApplication>,
) -> Result<(CookieJar, Json<Application>), AppError> {
    let applicant = usable_resume_link(&state, &body.token).await?;
    if let Some(previous) = jar.get(session::cookie_name(&state)) {
        let signed_in = crate::db::sessions::applicant_for(state.db(), previous.value()).await?;
        crate::db::sessions::end(state.db(), previous.value()).await?;
        if let Some(applicant_id) = signed_in {
            // As at logout: the replaced session's open streams end now, not at their next check.
            state.announce_change(&applicant_id);
        }
    }
    let cookie = session::start(&state, &applicant.id).await?;
    Ok((jar.add(cookie), Json(applicant.to_api())))
}

/// The applicant a resume token opens: 404 for a token we never issued, 410 once it is
/// older than `WINK_RESUME_DAYS` (the link is a bearer credential; it must not live for ever).
///
/// Not rotated on use: the link is shown once, when the applicant applies, and is how they
/// come back after signing out or from another device; a rotated link could not reach them.
async fn usable_resume_link(
    state: &AppState,
    token: &str,
) -> Result<applicants::Applicant, AppError> {
    let link = applicants::find_by_resume_hash(state.db(), &hash_token(token.trim()))
        .await?
        .ok_or_else(|| {
            AppError::NotFound(
                "This resume link is not valid. Check that you copied all of it, or start a new application.".into(),
            )
        })?;
    let ttl = state.resume_ttl();
    if Timestamp::now().duration_since(link.resume_issued_at) > ttl {
        return Err(AppError::Gone(format!(
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
