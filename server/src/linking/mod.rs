//! Linking accounts through Smile's widget: the link token, the applicant's accounts (kept
//! current by webhooks, syncs and callbacks) and the widget's callbacks, which are hints
//! and never evidence.

pub mod callbacks;

use smile_api::client::SmileError;
use smile_api::{Account, ConnectionStatus};
use wink_api::{
    ApplicationStatus, LinkAccounts, LinkConfig, LinkEvent, LinkStatus, VerificationPath,
};

use crate::client_addr::ClientAddr;
use crate::db::applicants::{self, Applicant};
use crate::db::{accounts, archives, items};
use crate::{onboarding, AppState, Error};

/// A fresh, user-scoped link token each time: the page asks again when one expires.
pub async fn link_config(
    state: &AppState,
    client: &ClientAddr,
    applicant: &Applicant,
) -> Result<LinkConfig, Error> {
    if applicant.verification == VerificationPath::Manual {
        return Err(Error::ManualPath);
    }
    state.budgets().spend_link(&applicant.id, client)?;
    let user_id = onboarding::ensure_smile_user(state, applicant).await?;
    let token = state
        .smile()
        .create_token(&user_id)
        .await
        .map_err(Error::Upstream)?;
    let mut widget = state.widget_options().clone();
    widget.user_token = token.access_token.clone();
    Ok(LinkConfig {
        script_url: state.script_url().to_owned(),
        expires_at: token.expires_at.clone(),
        widget,
    })
}

/// The stored accounts; Smile is asked again at most once per `WINK_ACCOUNTS_REFRESH_SECS`
/// per applicant.
pub async fn accounts(
    state: &AppState,
    client: &ClientAddr,
    applicant: &Applicant,
) -> Result<LinkAccounts, Error> {
    state.budgets().spend_link(&applicant.id, client)?;
    if state.budgets().may_refresh_accounts(&applicant.id) {
        refresh_from_smile(state, applicant).await;
    }
    accounts_of(state, &applicant.id).await
}

/// Records a widget callback for the applicant's timeline: a hint, never evidence. An
/// account id from the browser is acted on only once Smile confirms the account belongs to
/// this applicant's Smile user; uploads are only ever shown as the browser's report.
pub async fn callback(
    state: &AppState,
    client: &ClientAddr,
    applicant: &Applicant,
    event: LinkEvent,
) -> Result<LinkAccounts, Error> {
    state.budgets().spend_link(&applicant.id, client)?;
    let event = callbacks::normalise(event);
    let Some(account_id) = account_id(&event) else {
        callbacks::record(state, &applicant.id, &event, None, false).await?;
        return accounts_of(state, &applicant.id).await;
    };
    let smile_user = applicant.smile_user_id.as_deref().unwrap_or_default();
    let verdict = match state.smile().get_account(account_id).await {
        Ok(account) if account.user_id == smile_user => Ok(Some(account)),
        Ok(_) => Err(Error::Forbidden(
            "That account does not belong to this application.".into(),
        )),
        // Gone at Smile: a revocation, which only ever touches this applicant's rows.
        Err(e) if e.status() == Some(404) && matches!(event, LinkEvent::AccountRemoved(_)) => {
            Ok(None)
        }
        Err(e) if e.status() == Some(404) => {
            Err(Error::NotFound("Smile does not know that account.".into()))
        }
        Err(e) => Err(Error::Upstream(e)),
    };
    callbacks::record(
        state,
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
            store(state, applicant, &account).await?;
        }
        _ => {
            accounts::remove(state.db(), &applicant.id, account_id).await?;
            items::purge_account(state.db(), account_id, &applicant.id).await?;
        }
    }
    crate::review::changed(state, &applicant.id).await;
    accounts_of(state, &applicant.id).await
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

async fn store(state: &AppState, applicant: &Applicant, account: &Account) -> Result<(), Error> {
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
                        .map_err(Error::from)
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

/// The applicant's stored accounts with their providers' names, and their uploads: Smile's
/// archives and the browser's reports Smile has not confirmed yet, newest first.
pub async fn accounts_of(state: &AppState, applicant_id: &str) -> Result<LinkAccounts, Error> {
    let rows = accounts::for_applicant(state.db(), applicant_id).await?;
    let names = state.provider_names().get(state.smile()).await;
    let archives =
        archives::for_applicant(state.db(), applicant_id, crate::documents::LIST_LIMIT).await?;
    let reported = crate::documents::unconfirmed(state.db(), applicant_id, &archives).await?;
    // Reports are the newest (Smile confirms within seconds); archives come newest upload
    // first, so a document keeps its place as its status moves on.
    let documents = reported
        .iter()
        .map(crate::documents::as_received)
        .chain(archives.iter().map(crate::documents::for_applicant))
        .collect();
    Ok(LinkAccounts {
        accounts: rows
            .iter()
            .map(|row| row.to_api(names.get(&row.provider_id).cloned()))
            .collect(),
        documents,
    })
}
