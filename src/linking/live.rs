//! Live updates for the link page: the server's event stream (`/api/link/stream`) pushes
//! the account list whenever a webhook or a sync changes it, so "syncing" turns "ready"
//! without waiting for the next poll. Polling stays as the fallback (a proxy that buffers
//! streams, an old browser).

use wink_api::LinkAccounts;
use wink_web::event_stream::EventStream;

use super::accounts::AccountsState;

/// Opens the stream; `None` where the browser cannot (then polling carries on alone).
/// Dropping the answer closes the stream.
pub fn open(accounts: AccountsState) -> Option<EventStream> {
    EventStream::open(
        "/api/link/stream",
        "accounts",
        move |text| match serde_json::from_str::<LinkAccounts>(&text) {
            Ok(list) => accounts.take_pushed(list),
            Err(e) => leptos::logging::warn!("unreadable account update: {e}"),
        },
    )
}
