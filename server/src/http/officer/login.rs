//! Sign-in, sign-out and "who am I" for officers (see [`crate::officers::sign_in`]).

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use axum_extra::extract::cookie::CookieJar;
use wink_api::officer::{OfficerLogin, OfficerMe};

use super::session::{self, CurrentOfficer};
use crate::client_addr::ClientAddr;
use crate::http::{AppError, AppJson};
use crate::{officers, AppState};

pub async fn login(
    State(state): State<AppState>,
    client: ClientAddr,
    jar: CookieJar,
    AppJson(body): AppJson<OfficerLogin>,
) -> Result<(CookieJar, Json<OfficerMe>), AppError> {
    let previous = jar.get(session::cookie_name(&state)).map(|c| c.value());
    let signed_in = officers::sign_in(&state, &client, body, previous).await?;
    Ok((
        jar.add(session::cookie(&state, signed_in.token)),
        Json(signed_in.me),
    ))
}

pub async fn logout(
    State(state): State<AppState>,
    jar: CookieJar,
) -> Result<(StatusCode, CookieJar), AppError> {
    if let Some(cookie) = jar.get(session::cookie_name(&state)) {
        officers::sign_out(&state, cookie.value()).await?;
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
