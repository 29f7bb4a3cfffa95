use leptos::prelude::*;
use wink_api::officer::OfficerAccount;
use wink_api::report::ReconnectLink;
use wink_api::LinkStatus;
use wink_web::dom::absolute_url;
use wink_web::CopyField;

use crate::api;
use crate::format::timestamp;
use crate::submission::Submission;

/// The accounts whose data Smile can no longer refresh, each with the reason in words, and
/// a link to send the applicant so they connect them again: their resume link, opening the
/// link page with the reconnection explained. The link is shown once, so `link` belongs to
/// the page (the sections are redrawn on every refresh).
#[component]
pub fn ReconnectAccounts(
    id: String,
    accounts: Vec<OfficerAccount>,
    link: RwSignal<Option<ReconnectLink>>,
) -> impl IntoView {
    let stuck: Vec<OfficerAccount> = accounts.into_iter().filter(needs_reconnecting).collect();
    if stuck.is_empty() {
        return None;
    }
    let submission = Submission::new();
    let id = StoredValue::new(id);
    let on_click = move |_| {
        let id = id.get_value();
        submission.run(
            async move { api::reconnect_link(&id).await },
            move |answer| {
                link.try_set(Some(answer));
            },
        );
    };
    let reasons = stuck
        .into_iter()
        .map(|account| {
            let name = account
                .provider_name
                .clone()
                .unwrap_or_else(|| account.provider_id.clone());
            view! {
                <li data-account-id=account.account_id.clone()>
                    <strong>{name}</strong>
                    ": "
                    {reason(&account)}
                </li>
            }
        })
        .collect_view();
    Some(view! {
        <div class="reconnect">
            <h3 id="reconnect-heading">"Cannot be refreshed"</h3>
            <ul class="unrefreshable">{reasons}</ul>
            <div class="no-print">
                {submission.error_view()}
                <button
                    type="button"
                    class="secondary send-reconnect"
                    disabled=move || submission.pending.get()
                    on:click=on_click
                >
                    {submission.label("Send the applicant a reconnect link", "Creating the link…")}
                </button>
                {move || link.get().map(|sent| view! {
                    <div class="callout success" data-reconnect-link="">
                        <label for="reconnect-link">"Reconnect link"</label>
                        <p class="hint" id="reconnect-link-hint">
                            "Send it to the applicant: it opens their application and explains how to "
                            "connect the account again. It expires "
                            {timestamp(&sent.expires_at)}
                            " and is shown only now."
                        </p>
                        <CopyField
                            id="reconnect-link"
                            value=absolute_url(&sent.path)
                            described_by="reconnect-link-hint"
                        />
                    </div>
                })}
            </div>
        </div>
    })
}

/// Disconnected, or a login Smile refuses: only the applicant can put it right.
fn needs_reconnecting(account: &OfficerAccount) -> bool {
    account.disconnected || account.status == LinkStatus::Error
}

/// Why the account's data cannot be refreshed, in words (Smile's meaning of its code).
fn reason(account: &OfficerAccount) -> AnyView {
    if account.disconnected {
        return "Disconnected, by the applicant or by Smile; its data was removed.".into_any();
    }
    match &account.error_code {
        Some(code) => view! {
            "Smile can no longer log in to it. "
            {code.description()}
            " "
            <code>{code.as_str().to_owned()}</code>
        }
        .into_any(),
        None => "Smile can no longer log in to it, and gave no reason.".into_any(),
    }
}
