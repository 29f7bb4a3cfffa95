//! Live updates for the link page: the server's event stream (`/api/link/stream`) pushes
//! the account list whenever a webhook or a sync changes it, so "syncing" turns "ready"
//! without waiting for the next poll. Polling stays as the fallback (a proxy that buffers
//! streams, an old browser).

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use wink_api::LinkAccounts;

use super::accounts::AccountsState;

/// An open stream and its listener; dropping it closes the stream and frees the closure.
pub struct LiveUpdates {
    source: web_sys::EventSource,
    _on_accounts: Closure<dyn Fn(web_sys::MessageEvent)>,
}

impl LiveUpdates {
    /// Opens the stream; `None` where the browser cannot (then polling carries on alone).
    pub fn open(accounts: AccountsState) -> Option<Self> {
        let source = web_sys::EventSource::new("/api/link/stream").ok()?;
        let on_accounts =
            Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
                let Some(text) = event.data().as_string() else {
                    return;
                };
                match serde_json::from_str::<LinkAccounts>(&text) {
                    Ok(list) => accounts.take_pushed(list),
                    Err(e) => leptos::logging::warn!("unreadable account update: {e}"),
                }
            });
        source
            .add_event_listener_with_callback("accounts", on_accounts.as_ref().unchecked_ref())
            .ok()?;
        Some(LiveUpdates {
            source,
            _on_accounts: on_accounts,
        })
    }
}

impl Drop for LiveUpdates {
    fn drop(&mut self) {
        self.source.close();
    }
}
