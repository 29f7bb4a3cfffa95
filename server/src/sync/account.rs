//! Syncs one account: Smile's current state of the account, then every page of its
//! identities, employments, incomes, contributions and estimated incomes, each stored by
//! Smile id (replacing what was there). Idempotent, so a re-run after a crash is harmless.

use serde::Serialize;
use smile_api::client::DataFilter;
use smile_api::ConnectionStatus;
use wink_api::{ApplicationStatus, LinkStatus};

use super::SyncError;
use crate::db::items::ItemKind;
use crate::db::sync_jobs::Job;
use crate::db::{accounts, applicants, items};
use crate::linking::link_status;
use crate::AppState;

pub(super) async fn fetch_and_store(state: &AppState, job: &Job) -> Result<(), SyncError> {
    // Background work: its own share of Smile's budget, so browsers cannot starve it.
    let smile = state.smile().background();
    let account = match smile.get_account(&job.source_id).await {
        Ok(account) => Some(account),
        Err(e) if e.status() == Some(404) => None,
        Err(e) => return Err(e.into()),
    };
    let applicant = applicants::get(state.db(), &job.applicant_id).await?;
    let belongs = matches!(
        (&account, &applicant),
        (Some(a), Some(p)) if p.smile_user_id.as_deref() == Some(a.user_id.as_str())
    );
    let account = match account {
        Some(account) if belongs && account.connection_status != ConnectionStatus::Disconnected => {
            account
        }
        // Gone, revoked, or not this applicant's: its data goes.
        _ => {
            items::purge_account(state.db(), &job.source_id, &job.applicant_id).await?;
            accounts::remove(state.db(), &job.applicant_id, &job.source_id).await?;
            return Ok(());
        }
    };
    let status = link_status(&account);
    let error_code = account
        .error_code()
        .and_then(|c| serde_json::to_value(c).ok())
        .and_then(|v| v.as_str().map(str::to_owned));
    let store_status = |s: LinkStatus| {
        accounts::upsert(
            state.db(),
            &job.applicant_id,
            &account.id,
            &account.provider_id,
            s,
            error_code.as_deref(),
        )
    };
    if status != LinkStatus::Connected {
        store_status(status).await?;
        return Ok(());
    }
    store_status(LinkStatus::Syncing).await?;
    crate::review::changed(state, &job.applicant_id).await;
    applicants::advance_status(state.db(), &job.applicant_id, ApplicationStatus::Linked).await?;

    let filter = DataFilter::source(&account.id);
    let identities = smile.identities(&filter).collect_vec().await?;
    let employments = smile.employments(&filter).collect_vec().await?;
    let incomes = smile.incomes(&filter).collect_vec().await?;
    let contributions = smile.contributions(&filter).collect_vec().await?;
    let eincomes = smile.eincomes(&filter).collect_vec().await?;
    let store = |kind: ItemKind, rows: Vec<(String, String)>| {
        let db = state.db().clone();
        let account_id = account.id.clone();
        let applicant_id = job.applicant_id.clone();
        async move { items::replace(&db, kind, &account_id, &applicant_id, &rows).await }
    };
    store(ItemKind::Identity, rows(&identities, |i| &i.id)).await?;
    store(ItemKind::Employment, rows(&employments, |i| &i.id)).await?;
    store(ItemKind::Income, rows(&incomes, |i| &i.id)).await?;
    store(ItemKind::Contribution, rows(&contributions, |i| &i.id)).await?;
    store(ItemKind::EstimatedIncome, rows(&eincomes, |i| &i.id)).await?;
    accounts::mark_synced(state.db(), &account.id).await?;

    // Ready once Smile said retrieval finished (or the data is simply there).
    let any_data = !(identities.is_empty()
        && employments.is_empty()
        && incomes.is_empty()
        && contributions.is_empty()
        && eincomes.is_empty());
    if *job.task_finished || any_data {
        store_status(LinkStatus::Ready).await?;
    }
    Ok(())
}

/// Items as stored rows: (Smile id, JSON).
pub(super) fn rows<T: Serialize>(items: &[T], id: impl Fn(&T) -> &String) -> Vec<(String, String)> {
    items
        .iter()
        .filter_map(|item| Some((id(item).clone(), serde_json::to_string(item).ok()?)))
        .collect()
}
