use leptos::prelude::*;
use wink_api::officer::OfficerAccount;
use wink_api::LinkStatus;

use super::DataTable;
use crate::format::timestamp;

/// Linked accounts with their status, error code and last sync.
#[component]
pub fn AccountsTable(accounts: Vec<OfficerAccount>) -> impl IntoView {
    if accounts.is_empty() {
        return view! { <p class="empty">"No account linked yet."</p> }.into_any();
    }
    let rows = accounts
        .into_iter()
        .map(|a| {
            let status = if a.disconnected {
                "Disconnected".to_owned()
            } else {
                status_label(a.status).to_owned()
            };
            let error = a.error_code.map(|code| {
                view! {
                    <code>{code.as_str().to_owned()}</code>
                    <span class="muted">{format!(" {}", code.description())}</span>
                }
            });
            view! {
                <tr class="account" data-provider-id=a.provider_id.clone()>
                    <th scope="row">
                        {a.provider_name.clone().unwrap_or_else(|| a.provider_id.clone())}
                        <span class="muted">{format!(" ({})", a.provider_id)}</span>
                    </th>
                    <td>{status}</td>
                    <td>{error}</td>
                    <td>{a.last_synced_at.as_deref().map(timestamp).unwrap_or_else(|| "Never".into())}</td>
                    <td>{timestamp(&a.created_at)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <DataTable
            label="Linked accounts"
            headers=&["Provider", "Status", "Error", "Last sync", "Linked"]
        >
            {rows}
        </DataTable>
    }
    .into_any()
}

fn status_label(status: LinkStatus) -> &'static str {
    match status {
        LinkStatus::Connecting => "Connecting",
        LinkStatus::Connected => "Connected",
        LinkStatus::Syncing => "Syncing",
        LinkStatus::Ready => "Data received",
        LinkStatus::Error => "Failed",
    }
}
