//! `/api/link/*`: the widget's config, the applicant's accounts, its callbacks, and a live
//! stream of the accounts.

use axum::extract::State;
use axum::http::header::{CACHE_CONTROL, PRAGMA};
use axum::http::HeaderValue;
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use axum_extra::extract::CookieJar;
use tokio::sync::broadcast;
use wink_api::{LinkAccounts, LinkEvent};

use super::applicant_session::{self, CurrentApplicant};
use super::{AppError, AppJson};
use crate::client_addr::ClientAddr;
use crate::onboarding::sessions;
use crate::{linking, AppState};

pub fn router(state: &AppState) -> Router<AppState> {
    Router::new()
        .route("/link/config", get(config))
        .route("/link/accounts", get(list))
        .route("/link/events", post(event))
        .layer(super::deadline(state))
        // After the deadline: a stream lives as long as its session.
        .route("/link/stream", get(stream))
}

/// A fresh link token each time; never cached.
async fn config(
    State(state): State<AppState>,
    client: ClientAddr,
    CurrentApplicant(applicant): CurrentApplicant,
) -> Result<Response, AppError> {
    let body = linking::link_config(&state, &client, &applicant).await?;
    let mut response = Json(body).into_response();
    let headers = response.headers_mut();
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(PRAGMA, HeaderValue::from_static("no-cache"));
    Ok(response)
}

async fn list(
    State(state): State<AppState>,
    client: ClientAddr,
    CurrentApplicant(applicant): CurrentApplicant,
) -> Result<Json<LinkAccounts>, AppError> {
    Ok(Json(linking::accounts(&state, &client, &applicant).await?))
}

async fn event(
    State(state): State<AppState>,
    client: ClientAddr,
    CurrentApplicant(applicant): CurrentApplicant,
    AppJson(event): AppJson<LinkEvent>,
) -> Result<Json<LinkAccounts>, AppError> {
    Ok(Json(
        linking::callback(&state, &client, &applicant, event).await?,
    ))
}

/// Server-sent events: the applicant's accounts now, then again whenever a webhook, a sync
/// or a callback changes them (`event: accounts`, data = [`LinkAccounts`]). At most
/// `WINK_APPLICANT_STREAMS` per applicant; a stream ends when its session does (sign-out,
/// expiry, erasure), re-checked every `WINK_STREAM_RECHECK_SECS`.
async fn stream(
    State(state): State<AppState>,
    jar: CookieJar,
    CurrentApplicant(applicant): CurrentApplicant,
) -> Result<
    Sse<impl futures_util::Stream<Item = Result<SseEvent, std::convert::Infallible>>>,
    AppError,
> {
    let slot = state.applicant_streams().take(&applicant.id)?;
    let token = jar
        .get(applicant_session::cookie_name(&state))
        .map(|c| c.value().to_owned())
        .unwrap_or_default();
    let changes = state.watch_changes();
    let recheck = crate::streams::recheck_timer(state.stream_recheck());
    let stream = futures_util::stream::unfold(
        (state, applicant.id, token, changes, recheck, slot, true),
        |(state, applicant_id, token, mut changes, mut recheck, slot, first)| async move {
            if !first {
                loop {
                    tokio::select! {
                        received = changes.recv() => match received {
                            Ok(changed) if changed == applicant_id => break,
                            Ok(_) => continue,
                            // Missed some announcements: sending the current state covers them.
                            Err(broadcast::error::RecvError::Lagged(_)) => break,
                            Err(broadcast::error::RecvError::Closed) => return None,
                        },
                        _ = recheck.tick() => {
                            if !sessions::lives(&state, &token, &applicant_id).await {
                                return None;
                            }
                        }
                    }
                }
                // A change may be the session's end (sign-out, erasure announce one).
                if !sessions::lives(&state, &token, &applicant_id).await {
                    return None;
                }
            }
            let accounts = linking::accounts_of(&state, &applicant_id)
                .await
                .unwrap_or_default();
            let event = SseEvent::default()
                .event("accounts")
                .json_data(&accounts)
                .unwrap_or_default();
            Some((
                Ok(event),
                (state, applicant_id, token, changes, recheck, slot, false),
            ))
        },
    );
    Ok(Sse::new(stream).keep_alive(KeepAlive::default()))
}
