use leptos::prelude::*;
use wink_api::LinkedAccount;

use crate::components::StatusChip;
use crate::errors::advice_for;
use crate::i18n::tr;
use crate::linking::texts::LinkText;
use crate::status::status_view;

/// The applicant's linked accounts with provider and live status. Status changes are
/// announced politely by the surrounding live region.
#[component]
pub fn AccountList(#[prop(into)] accounts: Signal<Vec<LinkedAccount>>) -> impl IntoView {
    move || {
        let accounts = accounts.get();
        if accounts.is_empty() {
            return view! {
                <p class="empty">{tr(LinkText::NoAccounts)}</p>
            }
            .into_any();
        }
        let items = accounts
            .into_iter()
            .map(|account| view! { <AccountItem account /> })
            .collect_view();
        view! { <ul class="accounts">{items}</ul> }.into_any()
    }
}

#[component]
fn AccountItem(account: LinkedAccount) -> impl IntoView {
    let name = account
        .provider_name
        .clone()
        .unwrap_or_else(|| account.provider_id.clone());
    let hint = status_view(account.status).hint;
    let error = account.error_code.as_ref().map(|code| {
        let advice = advice_for(Some(code));
        view! {
            <p class="account-error" data-error-code=code.as_str().to_owned()>
                {tr(advice.message)}
            </p>
        }
    });
    view! {
        <li
            class="account"
            data-account-id=account.account_id
            data-provider-id=account.provider_id
            data-status=status_view(account.status).name
        >
            <div class="account-head">
                <span class="provider">{name}</span>
                <StatusChip status=account.status />
            </div>
            <p class="account-hint">{tr(hint)}</p>
            {error}
        </li>
    }
}
