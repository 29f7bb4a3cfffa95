//! `/api/applications/*`: applying, resuming and finishing an application.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use axum_extra::extract::CookieJar;
use wink_api::{Application, CreatedApplication, NewApplication, ResumeApplication, ResumePreview};

use super::applicant_session::{self, CurrentApplicant};
use super::{AppError, AppJson};
use crate::client_addr::ClientAddr;
use crate::onboarding::{self, sessions};
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/applications", post(create))
        .route("/applications/me", get(me))
        .route("/applications/me/complete", post(complete))
        .route("/applications/resume", post(resume))
        .route("/applications/resume/preview", post(preview))
        .route("/applications/me/logout", post(logout))
}

async fn create(
    State(state): State<AppState>,
    client: ClientAddr,
    jar: CookieJar,
    AppJson(form): AppJson<NewApplication>,
) -> Result<(StatusCode, CookieJar, Json<CreatedApplication>), AppError> {
    let applied = onboarding::apply(&state, &client, &form).await?;
    Ok((
        StatusCode::CREATED,
        jar.add(applicant_session::cookie(&state, applied.session_token)),
        Json(CreatedApplication {
            application: applied.applicant.to_api(),
            resume_path: format!("/resume/{}", applied.resume_token),
        }),
    ))
}

async fn me(CurrentApplicant(applicant): CurrentApplicant) -> Json<Application> {
    Json(applicant.to_api())
}

async fn complete(
    State(state): State<AppState>,
    CurrentApplicant(applicant): CurrentApplicant,
) -> Result<Json<Application>, AppError> {
    let applicant = onboarding::complete(&state, &applicant.id)
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
    if let Some(cookie) = jar.get(applicant_session::cookie_name(&state)) {
        sessions::end(&state, cookie.value()).await?;
    }
    Ok((
        StatusCode::NO_CONTENT,
        jar.remove(applicant_session::removal(&state)),
    ))
}

/// Whose application a resume link opens, without starting a session: the page shows it
/// before replacing a session the browser already has (a link from someone else would
/// otherwise plant this browser in their application).
async fn preview(
    State(state): State<AppState>,
    AppJson(body): AppJson<ResumeApplication>,
) -> Result<Json<ResumePreview>, AppError> {
    let applicant = onboarding::usable_resume_link(&state, &body.token).await?;
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
    let applicant = onboarding::usable_resume_link(&state, &body.token).await?;
    if let Some(previous) = jar.get(applicant_session::cookie_name(&state)) {
        // As at logout: the replaced session's open streams end now, not at their next check.
        sessions::end(&state, previous.value()).await?;
    }
    let token = sessions::start(&state, &applicant.id).await?;
    Ok((
        jar.add(applicant_session::cookie(&state, token)),
        Json(applicant.to_api()),
    ))
}
