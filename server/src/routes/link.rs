//! Linking accounts through Smile's widget: its config, the accounts, its callbacks.

use axum::extract::State;
use axum::http::header::{CACHE_CONTROL, PRAGMA};
use axum::http::HeaderValue;
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use smile_api::client::{ProviderQuery, SmileError};
use smile_api::{Account, ConnectionStatus};
use tokio::sync::broadcast;
use wink_api::{
    ApplicationStatus, LinkAccounts, LinkConfig, LinkEvent, LinkStatus, VerificationPath,
};

use axum_extra::extract::CookieJar;

use crate::client_addr::ClientAddr;
use crate::db::applicants::{self, Applicant};
use crate::db::{accounts, items, sessions};
use crate::error::AppJson;
use crate::session::CurrentApplicant;
use crate::{callbacks, onboarding, AppError, AppState};

pub fn router(state: &AppState) -> Router<AppState> {
    Router::new()
        .route("/link/config", get(config))
        .route("/link/accounts", get(list))
        .route("/link/events", post(event))
        .layer(super::deadline(state))
        // After the deadline: a stream lives as long as its session.
        .route("/link/stream", get(stream))
}

/// A fresh, user-scoped link token each time: the page asks again when one expires.
async fn config(
    State(state): State<AppState>,
    client: ClientAddr,
    CurrentApplicant(applicant): CurrentApplicant,
) -> Result<Response, AppError> {
    if applicant.verification == VerificationPath::Manual {
        return Err(AppError::ManualPath);
    }
    state.budgets().spend_link(&applicant.id, &client)?;
    let user_id = onboarding::ensure_smile_user(&state, &applicant).await?;
    let token = state
        .smile()
        .create_token(&user_id)
        .await
        .map_err(AppError::Upstream)?;
    let mut widget = state.widget_options().clone();
    widget.user_token = token.access_token.clone();
    let body = LinkConfig {
        script_url: state.script_url().to_owned(),
        expires_at: token.expires_at.clone(),
        widget,
    };
    let mut response = Json(body).into_response();
    let headers = response.headers_mut();
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(PRAGMA, HeaderValue::from_static("no-cache"));
    Ok(response)
}

/// The stored accounts (kept current by webhooks, syncs and callbacks); Smile is asked
/// again at most once per `WINK_ACCOUNTS_REFRESH_SECS` per applicant.
async fn list(
    State(state): State<AppState>,
    client: ClientAddr,
    CurrentApplicant(applicant): CurrentApplicant,
) -> Result<Json<LinkAccounts>, AppError> {
    state.budgets().spend_link(&applicant.id, &client)?;
    if state.budgets().may_refresh_accounts(&applicant.id) {
        refresh_from_smile(&state, &applicant).await;
    }
    Ok(Json(accounts_of(&state, &applicant.id).await?))
}

/// Records a widget callback for the applicant's timeline: a hint, never evidence. An
/// account id from the browser is acted on only once Smile confirms the account belongs to
/// this applicant's Smile user; uploads are only ever shown as the browser's report.
async fn event(
    State(state): State<AppState>,
    client: ClientAddr,
    CurrentApplicant(applicant): CurrentApplicant,
    AppJson(event): AppJson<LinkEvent>,
) -> Result<Json<LinkAccounts>, AppError> {
    state.budgets().spend_link(&applicant.id, &client)?;
    let event = callbacks::normalise(event);
    let Some(account_id) = account_id(&event) else {
        callbacks::record(&state, &applicant.id, &event, None, false).await?;
        return Ok(Json(accounts_of(&state, &applicant.id).await?));
    };
    let smile_user = applicant.smile_user_id.as_deref().unwrap_or_default();
    let verdict = match state.smile().get_account(account_id).await {
        Ok(account) if account.user_id == smile_user => Ok(Some(account)),
        Ok(_) => Err(AppError::Forbidden(
            "That account does not belong to this application.".into(),
        )),
        // Gone at Smile: a revocation, which only ever touches this applicant's rows.
        Err(e) if e.status() == Some(404) && matches!(event, LinkEvent::AccountRemoved(_)) => {
            Ok(None)
        }
        Err(e) if e.status() == Some(404) => Err(AppError::NotFound(
            "Smile does not know that account.".into(),
        )),
        Err(e) => Err(AppError::Upstream(e)),
    };
    callbacks::record(
        &state,
        &applicant.id,
        &event,
        Some(account_id),
        verdict.is_ok(),
    )
    .await?;
    match verdict? {
        Some(account)
            if account.connection_status != ConnectionStatus::Disconnected
                && !matches!(event, LinkEvent::AccountRemoved(_)) =>
        {
            store(&state, &applicant, &account).await?;
        }
        _ => {
            accounts::remove(state.db(), &applicant.id, account_id).await?;
            items::purge_account(state.db(), account_id, &applicant.id).await?;
        }
    }
    crate::review::changed(&state, &applicant.id).await;
    Ok(Json(accounts_of(&state, &applicant.id).await?))
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
        .get(crate::session::cookie_name(&state))
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
                            if !session_lives(&state, &token, &applicant_id).await {
                                return None;
                            }
                        }
                    }
                }
                // A change may be the session's end (sign-out, erasure announce one).
                if !session_lives(&state, &token, &applicant_id).await {
                    return None;
                }
            }
            let accounts = accounts_of(&state, &applicant_id).await.unwrap_or_default();
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

async fn session_lives(state: &AppState, token: &str, applicant_id: &str) -> bool {
    matches!(
        sessions::applicant_for(state.db(), token).await,
        Ok(Some(id)) if id == applicant_id
    )
}

fn account_id(event: &LinkEvent) -> Option<&str> {
    match event {
        LinkEvent::AccountCreated(cb)
        | LinkEvent::AccountConnected(cb)
        | LinkEvent::AccountRemoved(cb) => Some(&cb.account_id),
        LinkEvent::AccountError(cb) => Some(&cb.account_id),
        _ => None,
    }
}

/// Smile's account state, as the applicant's page shows it.
pub fn link_status(account: &Account) -> LinkStatus {
    match account.connection_status {
        ConnectionStatus::Connected => LinkStatus::Connected,
        ConnectionStatus::Error => LinkStatus::Error,
        _ => LinkStatus::Connecting,
    }
}

async fn store(state: &AppState, applicant: &Applicant, account: &Account) -> Result<(), AppError> {
    let status = link_status(account);
    let error_code = account
        .error_code()
        .and_then(|c| serde_json::to_value(c).ok())
        .and_then(|v| v.as_str().map(str::to_owned));
    accounts::upsert(
        state.db(),
        &applicant.id,
        &account.id,
        &account.provider_id,
        status,
        error_code.as_deref(),
    )
    .await?;
    if status == LinkStatus::Connected {
        applicants::advance_status(state.db(), &applicant.id, ApplicationStatus::Linked).await?;
    }
    Ok(())
}

/// Brings the applicant's accounts up to date with Smile: statuses move on, and an account
/// whose callback never reached us (a closed tab) still appears. Best effort: on a Smile
/// failure the stored state is shown.
async fn refresh_from_smile(state: &AppState, applicant: &Applicant) {
    let Some(user_id) = &applicant.smile_user_id else {
        return;
    };
    let found: Result<Vec<Account>, SmileError> =
        state.smile().list_accounts(user_id).collect_vec().await;
    match found {
        Ok(found) => {
            for account in found {
                let result = if account.connection_status == ConnectionStatus::Disconnected {
                    accounts::remove(state.db(), &applicant.id, &account.id)
                        .await
                        .map(|_| ())
                        .map_err(AppError::from)
                } else {
                    store(state, applicant, &account).await
                };
                if let Err(e) = result {
                    tracing::warn!("could not store a refreshed account: {e}");
                }
            }
        }
        Err(e) => tracing::warn!(cause = %e.cause(), "could not refresh accounts from Smile"),
    }
}

async fn accounts_of(state: &AppState, applicant_id: &str) -> Result<LinkAccounts, AppError> {
    let rows = accounts::for_applicant(state.db(), applicant_id).await?;
    let names = provider_names(state).await;
    Ok(LinkAccounts {
        accounts: rows
            .iter()
            .map(|row| row.to_api(names.get(&row.provider_id).cloned()))
            .collect(),
    })
}

/// Provider display names, fetched from Smile once and then kept.
pub(crate) async fn provider_names(state: &AppState) -> std::collections::HashMap<String, String> {
    {
        let names = state.provider_names().read().await;
        if !names.is_empty() {
            return names.clone();
        }
    }
    match state
        .smile()
        .list_providers(&ProviderQuery::default())
        .collect_vec()
        .await
    {
        Ok(providers) => {
            let mut names = state.provider_names().write().await;
            for provider in providers {
                names.insert(provider.id.clone(), provider.name.clone());
            }
            names.clone()
        }
        Err(_) => Default::default(),
    }
}
